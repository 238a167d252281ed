// Geographic helpers on WGS84 lon/lat in degrees.
#pragma once

#include <algorithm>
#include <cmath>
#include <numbers>

namespace corridor::geo {

/// A WGS84 position in decimal degrees.
struct lonlat {
  double lon = 0;
  double lat = 0;
  friend bool operator==(const lonlat&, const lonlat&) = default;
};

/// Mean Earth radius in km (IUGG), used for great-circle distances.
inline constexpr double earth_radius_km = 6371.0088;

/// True when lon is in [-180, 180] and lat in [-90, 90] (and both finite).
[[nodiscard]] inline bool valid(lonlat p) noexcept {
  return std::isfinite(p.lon) && std::isfinite(p.lat) && p.lon >= -180 && p.lon <= 180 &&
         p.lat >= -90 && p.lat <= 90;
}

/// Great-circle (haversine) distance in km between two positions. O(1).
/// Never overestimates the length of any path on the sphere between a and b, which makes it an
/// admissible A* bound for length-based weights.
[[nodiscard]] inline double great_circle_km(lonlat a, lonlat b) noexcept {
  constexpr double rad = std::numbers::pi / 180.0;
  const double dlat = (b.lat - a.lat) * rad;
  const double dlon = (b.lon - a.lon) * rad;
  const double s =
      std::sin(dlat / 2) * std::sin(dlat / 2) +
      std::cos(a.lat * rad) * std::cos(b.lat * rad) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * earth_radius_km * std::asin(std::min(1.0, std::sqrt(s)));
}

}  // namespace corridor::geo
