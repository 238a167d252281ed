// Per-link time, money and CO2 under a cost profile, split into a travel part (per km) and a stop
// part (transfer, gauge break or border crossing), plus generalized cost and the criteria.
//
//   corridor::link_costs c = corridor::compute_link_costs(net, corridor::cost_profile::defaults());
//   std::vector<double> w = c.criterion_weights(corridor::criterion::time);
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/cost/profile.hpp"
#include "corridor/network/builder.hpp"

namespace corridor {

/// What a route minimises.
enum class criterion : std::uint8_t {
  time,         ///< hours
  distance,     ///< km
  cost,         ///< USD per tonne
  co2,          ///< kg CO2 per tonne
  generalized,  ///< USD per tonne: money + value_of_time x hours + carbon_price x t CO2
  weight,       ///< the input's own arc weight (DIMACS, TNTP)
};

[[nodiscard]] constexpr std::string_view to_string(criterion c) noexcept {
  constexpr std::string_view names[] = {"time", "distance", "cost", "co2", "generalized", "weight"};
  return names[static_cast<std::size_t>(c)];
}
[[nodiscard]] constexpr std::optional<criterion> parse_criterion(std::string_view s) noexcept {
  for (std::uint8_t i = 0; i < 6; ++i) {
    if (to_string(static_cast<criterion>(i)) == s) return static_cast<criterion>(i);
  }
  return std::nullopt;
}
/// Unit of a criterion's weights, for reports.
[[nodiscard]] constexpr std::string_view unit_of(criterion c) noexcept {
  constexpr std::string_view units[] = {"h", "km", "USD/t", "kg CO2/t", "USD/t", ""};
  return units[static_cast<std::size_t>(c)];
}

/// What kind of stop a link carries (its non-travel part).
enum class stop_kind : std::uint8_t { none, port, terminal, gauge_break, border };

[[nodiscard]] constexpr std::string_view to_string(stop_kind k) noexcept {
  constexpr std::string_view names[] = {"none", "port", "terminal", "gauge_break", "border"};
  return names[static_cast<std::size_t>(k)];
}

/// Columns indexed by link_id. travel_* is the moving part, stop_* the transfer / gauge break /
/// border part; totals are their sums.
struct link_costs {
  std::vector<double> distance_km;
  std::vector<double> travel_time_h, travel_usd_per_t, travel_co2_kg_per_t;
  std::vector<double> stop_time_h, stop_usd_per_t, stop_co2_kg_per_t;
  std::vector<stop_kind> stop;
  std::vector<double> input_weight;  ///< the input's arc weight (NaN if none)
  double value_of_time_usd_per_t_h = 0;
  double carbon_price_usd_per_t_co2 = 0;

  [[nodiscard]] std::size_t size() const noexcept { return distance_km.size(); }
  [[nodiscard]] double time_h(std::size_t l) const noexcept {
    return travel_time_h[l] + stop_time_h[l];
  }
  [[nodiscard]] double usd_per_t(std::size_t l) const noexcept {
    return travel_usd_per_t[l] + stop_usd_per_t[l];
  }
  [[nodiscard]] double co2_kg_per_t(std::size_t l) const noexcept {
    return travel_co2_kg_per_t[l] + stop_co2_kg_per_t[l];
  }
  [[nodiscard]] double generalized(std::size_t l) const noexcept {
    return usd_per_t(l) + value_of_time_usd_per_t_h * time_h(l) +
           carbon_price_usd_per_t_co2 * co2_kg_per_t(l) / units::kg_per_tonne;
  }
  /// The weight of link l under criterion c. O(1).
  [[nodiscard]] double value(criterion c, std::size_t l) const noexcept {
    switch (c) {
      case criterion::time:
        return time_h(l);
      case criterion::distance:
        return distance_km[l];
      case criterion::cost:
        return usd_per_t(l);
      case criterion::co2:
        return co2_kg_per_t(l);
      case criterion::generalized:
        return generalized(l);
      case criterion::weight:
        return input_weight[l];
    }
    return 0;
  }
  /// A weight column (indexed by link_id) for criterion c. O(m).
  [[nodiscard]] std::vector<double> criterion_weights(criterion c) const {
    std::vector<double> w(size());
    for (std::size_t l = 0; l < w.size(); ++l) w[l] = value(c, l);
    return w;
  }
};

/// Time (h), money (USD/t) and CO2 (kg/t) of moving over a plain link: `km` at the profile's
/// speed for the mode (other rail gauges at rail_other_gauge_speed_kmh) times `speed_factor` (the
/// link's corridor speed factors), capped by `speed_kmh` when that is a number. O(1).
struct travel_cost {
  double time_h = 0, usd_per_t = 0, co2_kg_per_t = 0;
};
[[nodiscard]] inline travel_cost travel_over(const cost_profile& p, mode m, std::uint16_t gauge_mm,
                                             double km, double speed_kmh,
                                             double speed_factor = 1) noexcept {
  const mode_parameters& mp = p.of(m);
  double speed = mp.speed_kmh;
  if (m == mode::rail && gauge_mm != 1435) speed = p.rail_other_gauge_speed_kmh;
  speed *= speed_factor;
  if (!std::isnan(speed_kmh)) speed = std::min(speed, speed_kmh);
  return {km / speed, km * mp.usd_per_tkm, km * mp.co2_kg_per_tkm};
}

/// The weight under criterion `c` of a new plain link (what-if candidates): travel_over, plus the
/// border figures when `border_h` is a number (the crossing's hours: border_time_h; NaN = the link
/// crosses no border). Not for criterion::weight. O(1).
[[nodiscard]] inline double new_link_weight(const cost_profile& p, criterion c, mode m,
                                            std::uint16_t gauge_mm, double km, double speed_kmh,
                                            double border_h) noexcept {
  travel_cost t = travel_over(p, m, gauge_mm, km, speed_kmh);
  if (!std::isnan(border_h)) {
    t.time_h += border_h;
    t.usd_per_t += p.border.usd_per_t;
    t.co2_kg_per_t += p.border.co2_kg_per_t;
  }
  switch (c) {
    case criterion::time:
      return t.time_h;
    case criterion::distance:
      return km;
    case criterion::cost:
      return t.usd_per_t;
    case criterion::co2:
      return t.co2_kg_per_t;
    case criterion::generalized:
      return t.usd_per_t + p.value_of_time_usd_per_t_h * t.time_h +
             p.carbon_price_usd_per_t_co2 * t.co2_kg_per_t / units::kg_per_tonne;
    case criterion::weight:
      break;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

/// Per corridor of `net` (indices into net.corridors), the profile's speed factor, 1 where the
/// profile sets none. O(corridors x log(factors)).
[[nodiscard]] inline std::vector<double> corridor_factors(const built_network& net,
                                                          const cost_profile& p) {
  std::vector<double> f(net.corridors.size(), 1.0);
  if (p.corridor_speed_factor.empty()) return f;
  for (std::size_t k = 0; k < f.size(); ++k) {
    const auto it = p.corridor_speed_factor.find(net.corridors[k]);
    if (it != p.corridor_speed_factor.end()) f[k] = it->second;
  }
  return f;
}

/// Hours a land crossing of mode `m` between places `a` and `b` takes: the larger of the profile's
/// per-crossing times at the two ends when either is set (at each end border_rail.PLACE.time_h or
/// border_road.PLACE.time_h for a rail or road link, else border.PLACE.time_h); else the larger of
/// the places' own dwell_h when either gives one, else border.time_h; for road, at least
/// border_road.time_h. O(log crossings set).
[[nodiscard]] inline double border_time_h(const built_network& net, const cost_profile& p, mode m,
                                          std::uint32_t a, std::uint32_t b) {
  double set_h = -1;
  const auto& at = p.border_time_h_at;
  if (!at.empty()) {
    const bool scoped = m == mode::rail || m == mode::road;
    for (const std::uint32_t place : {a, b}) {
      const std::string& id = net.places.id[place];
      auto it = scoped ? at.find(cost_profile::border_time_name(id, m)) : at.end();
      if (it == at.end()) it = at.find(cost_profile::border_time_name(id));
      if (it != at.end()) set_h = std::max(set_h, it->second);
    }
  }
  if (set_h >= 0) return set_h;
  const double da = net.places.dwell_h[a], db = net.places.dwell_h[b];
  double h = p.border.time_h;
  if (!std::isnan(da) || !std::isnan(db))
    h = std::max(std::isnan(da) ? 0.0 : da, std::isnan(db) ? 0.0 : db);
  return m == mode::road ? std::max(h, p.border_road_time_h) : h;
}

/// What parameter `name` names that `net` lacks: "corridor" for "corridor.NAME.speed_factor"
/// with no corridor NAME, "place" for "border.PLACE.time_h" with no place PLACE, else empty (a
/// global parameter, or one whose subject exists). O(corridors + places).
[[nodiscard]] inline std::string_view absent_subject(const built_network& net,
                                                     std::string_view name) {
  if (const auto c = cost_profile::corridor_of_factor(name)) {
    return std::find(net.corridors.begin(), net.corridors.end(), *c) == net.corridors.end()
               ? "corridor"
               : "";
  }
  if (const auto pl = cost_profile::place_of_border_time(name)) {
    return std::find(net.places.id.begin(), net.places.id.end(), *pl) == net.places.id.end()
               ? "place"
               : "";
  }
  return "";
}

/// The per-corridor and per-crossing parameter names of `p` whose corridor or place `net` does
/// not have (absent_subject): they change nothing on this network. O(entries x (corridors +
/// places)).
[[nodiscard]] inline std::vector<std::string> names_not_in(const built_network& net,
                                                           const cost_profile& p) {
  std::vector<std::string> out;
  for (const auto& [corridor, f] : p.corridor_speed_factor) {
    std::string name = cost_profile::factor_name(corridor);
    if (!absent_subject(net, name).empty()) out.push_back(std::move(name));
  }
  for (const auto& [name, h] : p.border_time_h_at) {
    if (!absent_subject(net, name).empty()) out.push_back(name);
  }
  return out;
}

/// One link's components: travel (time, money, CO2) and stop (kind, time, money, CO2).
struct link_cost_parts {
  double travel_time_h = 0, travel_usd_per_t = 0, travel_co2_kg_per_t = 0;
  double stop_time_h = 0, stop_usd_per_t = 0, stop_co2_kg_per_t = 0;
  stop_kind stop = stop_kind::none;
};

/// The components of link `l` (see compute_link_costs), with `factors` = corridor_factors(net,
/// p). O(corridors of the link).
[[nodiscard]] inline link_cost_parts cost_of_link(const built_network& net, const link_columns& L,
                                                  const cost_profile& p,
                                                  const std::vector<double>& factors,
                                                  std::uint32_t l) {
  const auto or_default = [](double given, double dflt) {
    return std::isnan(given) ? dflt : given;
  };
  const auto or_zero = [](double given) { return std::isnan(given) ? 0.0 : given; };
  link_cost_parts c;
  if (L.mode[l] == mode::transfer) {
    const stop_parameters& s = p.of(L.transfer[l]);
    c.stop = static_cast<stop_kind>(L.transfer[l]);
    c.stop_time_h = or_default(L.time_h[l], s.time_h);
    c.stop_usd_per_t = or_default(L.cost_usd_per_t[l], s.usd_per_t);
    c.stop_co2_kg_per_t = or_default(L.co2_kg_per_t[l], s.co2_kg_per_t);
    return c;
  }
  double factor = 1;
  if (const std::uint32_t rec = L.record[l]; rec != no_index && !p.corridor_speed_factor.empty()) {
    for (const std::uint32_t k : net.records.corridors_of(rec)) factor *= factors[k];
  }
  const travel_cost tc =
      travel_over(p, L.mode[l], L.gauge_mm[l], L.length_km[l], L.speed_kmh[l], factor);
  c.travel_time_h = tc.time_h;
  c.travel_usd_per_t = tc.usd_per_t;
  c.travel_co2_kg_per_t = tc.co2_kg_per_t;
  if (L.transfer[l] == transfer_kind::gauge_break) {
    const stop_parameters& s = p.of(transfer_kind::gauge_break);
    c.stop = stop_kind::gauge_break;
    c.stop_time_h = or_default(L.time_h[l], s.time_h);
    c.stop_usd_per_t = or_default(L.cost_usd_per_t[l], s.usd_per_t);
    c.stop_co2_kg_per_t = or_default(L.co2_kg_per_t[l], s.co2_kg_per_t);
  } else {
    c.travel_time_h += or_zero(L.time_h[l]);
    c.travel_usd_per_t += or_zero(L.cost_usd_per_t[l]);
    c.travel_co2_kg_per_t += or_zero(L.co2_kg_per_t[l]);
  }
  if (L.crosses_border[l] != 0) {
    const double t = border_time_h(net, p, L.mode[l], net.place_of(net.graph.tail(link_id{l})),
                                   net.place_of(net.graph.head(link_id{l})));
    // A gauge-break link that also crosses a border carries both stops; report it as border.
    c.stop = stop_kind::border;
    c.stop_time_h += t;
    c.stop_usd_per_t += p.border.usd_per_t;
    c.stop_co2_kg_per_t += p.border.co2_kg_per_t;
  }
  return c;
}

/// Computes every link's components from the link columns `L` (net.links, or a scenario
/// overlay's). O(m).
/// - travel: length_km / min(link speed, profile speed of the mode [and gauge] x the product of
///   the link's corridor speed factors) hours, length x USD and CO2 per t-km of the mode, plus the
///   link's own fixed extras;
/// - generated transfer links: the profile's figures for their kind, with the place's dwell_h
///   and handling_usd_per_t when given;
/// - gauge-break links: the gauge_break figures, overridden field by field by the link's own
///   time_h / cost_usd_per_t / co2_kg_per_t when given;
/// - border crossings (land links between two countries): the border figures, with time =
///   border_time_h (per-crossing profile value, else the places' dwell_h or border.time_h; road
///   at least border_road.time_h), counted once per crossing.
[[nodiscard]] inline link_costs compute_link_costs(const built_network& net, const link_columns& L,
                                                   const cost_profile& p) {
  const auto m = net.graph.link_count();
  link_costs c;
  c.distance_km = L.length_km;
  c.input_weight = L.weight;
  c.travel_time_h.resize(m);
  c.travel_usd_per_t.resize(m);
  c.travel_co2_kg_per_t.resize(m);
  c.stop_time_h.resize(m);
  c.stop_usd_per_t.resize(m);
  c.stop_co2_kg_per_t.resize(m);
  c.stop.resize(m);
  c.value_of_time_usd_per_t_h = p.value_of_time_usd_per_t_h;
  c.carbon_price_usd_per_t_co2 = p.carbon_price_usd_per_t_co2;
  const std::vector<double> factors = corridor_factors(net, p);
  for (std::uint32_t l = 0; l < m; ++l) {
    const link_cost_parts x = cost_of_link(net, L, p, factors, l);
    c.travel_time_h[l] = x.travel_time_h;
    c.travel_usd_per_t[l] = x.travel_usd_per_t;
    c.travel_co2_kg_per_t[l] = x.travel_co2_kg_per_t;
    c.stop_time_h[l] = x.stop_time_h;
    c.stop_usd_per_t[l] = x.stop_usd_per_t;
    c.stop_co2_kg_per_t[l] = x.stop_co2_kg_per_t;
    c.stop[l] = x.stop;
  }
  return c;
}

/// compute_link_costs by the network's own link columns (see the overload above for `L`: a
/// scenario overlay's columns). O(m).
[[nodiscard]] inline link_costs compute_link_costs(const built_network& net,
                                                   const cost_profile& p) {
  return compute_link_costs(net, net.links, p);
}

}  // namespace corridor
