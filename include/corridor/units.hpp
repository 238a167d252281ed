// Unit conventions and conversion constants.
//
// Every quantity in corridor carries its unit in its name: `length_km`, `speed_kmh`, `time_h`,
// `cost_usd_per_t` (US dollars per tonne moved), `co2_kg_per_t` (kg CO2 per tonne moved),
// `capacity_t_per_year`. Money is in USD of the cited year; nothing is inflated.
#pragma once

namespace corridor::units {

inline constexpr double km_per_nautical_mile = 1.852;
/// km/h of a ship sailing at `knots`.
[[nodiscard]] constexpr double knots_to_kmh(double knots) noexcept {
  return knots * km_per_nautical_mile;
}
inline constexpr double hours_per_day = 24.0;
inline constexpr double kg_per_tonne = 1000.0;

}  // namespace corridor::units
