// Place-to-place routes with legs: the answer a planner reads.
//
//   corridor::link_costs costs = corridor::compute_link_costs(net, profile);
//   corridor::route r = corridor::find_route(net, costs, corridor::criterion::time, filter,
//                                            net.find_place("kunming"), net.find_place("bangkok"));
//   if (r.status == corridor::route_status::ok)
//     for (const corridor::leg& l : r.legs) { /* l.mode, l.line, l.distance_km, l.time_h ... */ }
//
// Legs: consecutive travel on the same mode and line merge into one leg; every stop (transfer at
// a port or terminal, gauge break, border crossing) is a leg of its own, placed before the travel
// part of the link that carries it. Totals are the sums of
// the legs; `weight` is the minimised criterion's total.
#pragma once

#include <cmath>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/network/builder.hpp"
#include "corridor/path/shortest_path.hpp"

namespace corridor {

enum class route_status : std::uint8_t { ok, no_path };

[[nodiscard]] constexpr std::string_view to_string(route_status s) noexcept {
  return s == route_status::ok ? "ok" : "no_path";
}

struct leg {
  std::uint32_t from_place = no_index;
  std::uint32_t to_place = no_index;
  corridor::mode mode = mode::road;  ///< `transfer` for stop legs
  stop_kind stop = stop_kind::none;  ///< none for a travel leg
  std::string line;                  ///< line or route name (travel legs)
  double distance_km = 0;
  double time_h = 0;
  double cost_usd_per_t = 0;
  double co2_kg_per_t = 0;
  double weight = 0;  ///< this leg's share of the criterion
  std::uint32_t border_crossings = 0;
  std::uint32_t gauge_breaks = 0;
  std::vector<link_id> links;  ///< the network links this leg covers
};

struct route_totals {
  double distance_km = 0, time_h = 0, cost_usd_per_t = 0, co2_kg_per_t = 0, weight = 0;
  std::uint32_t border_crossings = 0, gauge_breaks = 0;
  std::uint32_t transfers = 0;  ///< port, terminal and gauge-break stops
};

struct route {
  route_status status = route_status::no_path;
  criterion by = criterion::time;
  std::uint32_t from_place = no_index, to_place = no_index;
  std::vector<leg> legs;
  route_totals totals;
};

/// Node positions (the position of each node's place), for A* and maps. O(n).
[[nodiscard]] inline std::vector<geo::lonlat> node_positions(const built_network& net) {
  std::vector<geo::lonlat> out(net.graph.node_count());
  for (std::uint32_t v = 0; v < out.size(); ++v) out[v] = net.places.position[net.nodes.place[v]];
  return out;
}

namespace detail {
/// The criterion value of a (time, money, CO2, km) bundle, as link_costs::value does per link.
[[nodiscard]] inline double criterion_part(const link_costs& c, criterion by, double km, double h,
                                           double usd, double co2, double input_weight) {
  switch (by) {
    case criterion::time:
      return h;
    case criterion::distance:
      return km;
    case criterion::cost:
      return usd;
    case criterion::co2:
      return co2;
    case criterion::generalized:
      return usd + c.value_of_time_usd_per_t_h * h +
             c.carbon_price_usd_per_t_co2 * co2 / units::kg_per_tonne;
    case criterion::weight:
      return input_weight;
  }
  return 0;
}
}  // namespace detail

/// Turns a path into legs and totals. O(path length).
[[nodiscard]] inline route make_route(const built_network& net, const link_costs& c, criterion by,
                                      const path& p) {
  route r;
  r.status = route_status::ok;
  r.by = by;
  r.from_place = net.place_of(p.source);
  r.to_place = net.place_of(p.target);
  const link_columns& L = net.links;
  bool last_is_travel = false;
  for (const link_id id : p.links) {
    const std::uint32_t l = id.value();
    const std::uint32_t pt = net.place_of(net.graph.tail(id)),
                        ph = net.place_of(net.graph.head(id));
    // The stop comes first (clear customs, then cross; tranship, then run on the new gauge), so
    // the travel part of a link with a stop starts a new leg.
    if (c.stop[l] != stop_kind::none) {
      leg g;
      g.from_place = pt;
      g.to_place = ph;
      g.mode = mode::transfer;
      g.stop = c.stop[l];
      g.time_h = c.stop_time_h[l];
      g.cost_usd_per_t = c.stop_usd_per_t[l];
      g.co2_kg_per_t = c.stop_co2_kg_per_t[l];
      g.weight = detail::criterion_part(c, by, 0, g.time_h, g.cost_usd_per_t, g.co2_kg_per_t, 0);
      g.border_crossings = L.crosses_border[l];
      g.gauge_breaks = L.transfer[l] == transfer_kind::gauge_break ? 1 : 0;
      g.links.push_back(id);
      r.legs.push_back(std::move(g));
      last_is_travel = false;
    }
    if (L.mode[l] == mode::transfer) continue;
    const std::string line = L.record[l] == no_index ? std::string()
                                                     : (net.records.line[L.record[l]].empty()
                                                            ? net.records.name[L.record[l]]
                                                            : net.records.line[L.record[l]]);
    const double km = c.distance_km[l], h = c.travel_time_h[l], usd = c.travel_usd_per_t[l],
                 co2 = c.travel_co2_kg_per_t[l];
    if (!(last_is_travel && r.legs.back().mode == L.mode[l] && r.legs.back().line == line)) {
      leg g;
      g.from_place = pt;
      g.mode = L.mode[l];
      g.line = line;
      r.legs.push_back(std::move(g));
    }
    leg& g = r.legs.back();
    g.to_place = ph;
    g.distance_km += km;
    g.time_h += h;
    g.cost_usd_per_t += usd;
    g.co2_kg_per_t += co2;
    g.weight += detail::criterion_part(c, by, km, h, usd, co2, c.input_weight[l]);
    g.links.push_back(id);
    last_is_travel = true;
  }
  for (const leg& g : r.legs) {
    r.totals.distance_km += g.distance_km;
    r.totals.time_h += g.time_h;
    r.totals.cost_usd_per_t += g.cost_usd_per_t;
    r.totals.co2_kg_per_t += g.co2_kg_per_t;
    r.totals.weight += g.weight;
    r.totals.border_crossings += g.border_crossings;
    r.totals.gauge_breaks += g.gauge_breaks;
    r.totals.transfers += (g.stop != stop_kind::none && g.stop != stop_kind::border) ? 1 : 0;
  }
  return r;
}

/// The best route from place `from` to place `to` by criterion `by` under `filter`, searched with
/// A* (great-circle bound) when every node has a position, else Dijkstra.
/// Returns status no_path when `to` cannot be reached. Preconditions: valid place indices.
/// O((n + m) log n).
/// `L` holds the link columns the filter judges by: net.links, or a scenario overlay's links()
/// (its closures and changes; `c` must be computed from the same columns).
[[nodiscard]] inline route find_route(const built_network& net, const link_columns& L,
                                      const link_costs& c, criterion by, const link_filter& filter,
                                      std::uint32_t from, std::uint32_t to) {
  const std::vector<double> w = filtered_weights(net, L, c.criterion_weights(by), filter);
  const std::vector<node_id> sources = net.nodes_of(from), targets = net.nodes_of(to);
  const std::vector<geo::lonlat> pos = node_positions(net);
  const auto p = astar_path(net.graph, by_column(w), pos, sources, targets);
  route r;
  r.by = by;
  r.from_place = from;
  r.to_place = to;
  if (!p) return r;
  r = make_route(net, c, by, *p);
  r.from_place = from;  // a route that starts at the target (from == to) has no links
  r.to_place = to;
  return r;
}

/// find_route by the network's own link columns.
[[nodiscard]] inline route find_route(const built_network& net, const link_costs& c, criterion by,
                                      const link_filter& filter, std::uint32_t from,
                                      std::uint32_t to) {
  return find_route(net, net.links, c, by, filter, from, to);
}

}  // namespace corridor
