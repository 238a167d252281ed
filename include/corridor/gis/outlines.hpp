// Polygon outlines (country borders for map backgrounds) from any OGR vector source.
#pragma once

#include <filesystem>
#include <vector>

#include "corridor/geo.hpp"

namespace corridor::gis {

/// A polygon in WGS84 lon/lat degrees: the outer ring first, then its holes.
using lonlat_polygon = std::vector<std::vector<geo::lonlat>>;

/// A lon/lat box, degrees (lon_min <= lon_max, lat_min <= lat_max).
struct lonlat_box {
  double lon_min = -180, lat_min = -90, lon_max = 180, lat_max = 90;
};

/// The polygons (of polygons, multipolygons and collections) of every layer of `path` whose
/// envelope meets `box`, in WGS84 lon/lat; a layer in a projected CRS is transformed. `path` is
/// any vector source GDAL reads, or such a file compressed with xz (`.xz`, decompressed in
/// memory). Throws lookup_error for a missing file, input_error (naming the file, with GDAL's
/// reason) for one that cannot be read.
/// O(vertices of the polygons that meet `box`).
[[nodiscard]] std::vector<lonlat_polygon> read_polygons(const std::filesystem::path& path,
                                                        const lonlat_box& box);

}  // namespace corridor::gis
