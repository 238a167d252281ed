// Assignment of a demand between places (tonnes from a place to a place) on a multimodal network:
// one zone per demand place joined to all its layers (assign/zones.hpp), congestion by BPR on the
// links' capacities, and any assignment algorithm (assign/equilibrium.hpp). Results come back in
// the network's link ids. What `corridor assign NETWORK --demand` and `corridor scenario run
// --demand --assignment gp` run.
//
//   std::vector<corridor::place_od> od = {{net.find_place("vientiane"), net.find_place("bangkok"),
//                                          2e6}};
//   corridor::place_assignment r = corridor::assign_places(
//       net, net.links, corridor::compute_link_costs(net, profile), corridor::link_filter{}, od,
//       corridor::criterion::time, {}, corridor::assignment_options{});
//   // r.volume[l]: tonnes per year on link l; r.unrouted: pairs without any path.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <numeric>
#include <span>
#include <vector>

#include "corridor/assign/equilibrium.hpp"
#include "corridor/assign/zones.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/network/builder.hpp"
#include "corridor/path/dijkstra.hpp"
#include "corridor/path/weights.hpp"

namespace corridor {

/// Tonnes per year from a place to a place (place indices of the network).
struct place_od {
  std::uint32_t origin = 0, destination = 0;
  double tonnes = 0;
};

/// BPR volume-delay parameters: t = t0 (1 + alpha (v / c)^beta).
struct bpr_parameters {
  double alpha = 0.15;
  double beta = 4;
};

struct place_assignment {
  assignment_result result;           ///< status, gap, objective, history (on the zoned graph)
  std::vector<double> volume;         ///< tonnes per year per link id of the network
  std::vector<double> capacity;       ///< t/yr per link id; 0 where none is given
  std::vector<std::size_t> unrouted;  ///< indices of the pairs without any path, ascending
  double routed = 0;                  ///< tonnes assigned
  double unrouted_tonnes = 0;         ///< tonnes of the unrouted pairs
};

/// Assigns `pairs` to `net` with the link columns `L` (net.links, or a scenario overlay's links();
/// `costs` computed from the same columns) under `filter`. Zones: one per place of the demand,
/// joined to every node of the place, never passed through. Link cost: criterion `by`, which
/// must be time (hours) or generalized (USD per tonne); the time part follows BPR on
/// capacity_t_per_year (valued at the value of time for generalized, the rest fixed); links
/// without a capacity never congest. Pairs without any path are left out and listed; pairs with
/// origin == destination are skipped (neither routed nor unrouted). `opt.first_thru_node` is set
/// here. Preconditions: valid place indices, tonnes >= 0. O(iterations x origins x (n + m) log n).
[[nodiscard]] inline place_assignment assign_places(const built_network& net, const link_columns& L,
                                                    const link_costs& costs,
                                                    const link_filter& filter,
                                                    std::span<const place_od> pairs, criterion by,
                                                    bpr_parameters bpr, assignment_options opt) {
  place_assignment out;
  // Zones: one per place in the demand, in order of first appearance.
  std::vector<std::uint32_t> zone_of(net.place_count(), no_index);
  std::vector<std::vector<node_id>> zone_nodes;
  for (const place_od& p : pairs) {
    for (const std::uint32_t place : {p.origin, p.destination}) {
      if (zone_of[place] != no_index) continue;
      zone_of[place] = static_cast<std::uint32_t>(zone_nodes.size());
      zone_nodes.push_back(net.nodes_of(place));
    }
  }
  const zoned_network z = add_zones(net.graph, usable_links(net, L, filter), zone_nodes);

  // Volume-delay: BPR on the time part (valued at the value of time for generalized).
  const std::uint32_t m = net.graph.link_count();
  std::vector<double> fft(m), fixed(m);
  out.capacity.assign(m, 0.0);
  const double vot = by == criterion::generalized ? costs.value_of_time_usd_per_t_h : 1.0;
  for (std::uint32_t l = 0; l < m; ++l) {
    fft[l] = vot * costs.time_h(l);
    fixed[l] = by == criterion::generalized ? costs.generalized(l) - fft[l] : 0.0;
    const double c = L.capacity_t_per_year[l];
    out.capacity[l] = std::isfinite(c) && c > 0 ? c : 0.0;
  }
  bpr_links vdf{z.column<double>(fft, 0.0),
                z.column<double>(out.capacity, 0.0),
                {},
                {},
                z.column<double>(fixed, 0.0)};
  vdf.b.assign(z.base_link.size(), bpr.alpha);
  vdf.power.assign(z.base_link.size(), bpr.beta);

  // Pairs by origin zone; those without any path are set aside.
  std::vector<std::size_t> order(pairs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
    return zone_of[pairs[x].origin] < zone_of[pairs[y].origin];
  });
  std::vector<od_demand> od;
  dijkstra_query q(z.graph);
  std::uint32_t last = no_index;
  for (const std::size_t i : order) {
    const place_od& p = pairs[i];
    if (p.origin == p.destination) continue;
    const node_id o = z.zone(zone_of[p.origin]);
    if (o.value() != last) {
      // Links are in tail order: the zones' own links are [0, zone_end), o's are [ob, oe).
      const auto first_out = z.graph.first_out();
      const std::uint32_t zone_end = first_out[z.zones], ob = first_out[o.value()],
                          oe = first_out[o.value() + 1];
      const auto w = [&, zone_end, ob, oe](link_id l) {
        const std::uint32_t v = l.value();
        return v < zone_end && (v < ob || v >= oe) ? infinite_distance : vdf.free_flow_time[v];
      };
      q.run(w, std::span<const node_id>(&o, 1));
      last = o.value();
    }
    const node_id d = z.zone(zone_of[p.destination]);
    if (q.reached(d)) {
      od.push_back({o, d, p.tonnes});
      out.routed += p.tonnes;
    } else {
      out.unrouted.push_back(i);
      out.unrouted_tonnes += p.tonnes;
    }
  }
  std::sort(out.unrouted.begin(), out.unrouted.end());
  opt.first_thru_node = z.zones;
  out.result = assign(z.graph, vdf, od, opt);
  out.volume = z.to_base(out.result.flow, m);
  return out;
}

/// Tonnes per link of an all-or-nothing loading of place demand.
struct place_loading {
  std::vector<double> volume;         ///< tonnes per year per link id of the network
  std::vector<std::size_t> unrouted;  ///< indices of the pairs without any path, ascending
  double routed = 0;                  ///< tonnes loaded
  double unrouted_tonnes = 0;         ///< tonnes of the unrouted pairs
};

/// All-or-nothing loading of `pairs` on `net` with link weights `w` (per link id, any criterion;
/// +inf: unusable, e.g. from filtered_weights): each pair's tonnes go along its best path from
/// any node of the origin place to the nearest node of the destination place (ties: the
/// destination node listed first, then the search's parent links). No zones are built, so unlike
/// assign_places this takes any weights and never congests; with no capacities the two load the
/// same paths. Pairs with origin == destination are skipped. Preconditions: valid place indices,
/// w.size() == link count, w >= 0. O(origins (n + m) log n).
[[nodiscard]] inline place_loading all_or_nothing_places(const built_network& net,
                                                         std::span<const double> w,
                                                         std::span<const place_od> pairs) {
  place_loading out;
  out.volume.assign(net.graph.link_count(), 0.0);
  std::vector<std::size_t> order(pairs.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t x, std::size_t y) { return pairs[x].origin < pairs[y].origin; });
  dijkstra_query q(net.graph);
  std::uint32_t last = no_index;
  for (const std::size_t i : order) {
    const place_od& p = pairs[i];
    if (p.origin == p.destination) continue;
    if (p.origin != last) {
      const std::vector<node_id> from = net.nodes_of(p.origin);
      q.run(by_column(w), std::span<const node_id>(from));
      last = p.origin;
    }
    node_id best;
    double best_distance = infinite_distance;
    for (const node_id v : net.nodes_of(p.destination)) {
      if (q.distance(v) < best_distance) best_distance = q.distance(v), best = v;
    }
    if (!best.valid()) {
      out.unrouted.push_back(i);
      out.unrouted_tonnes += p.tonnes;
      continue;
    }
    out.routed += p.tonnes;
    for (link_id l = q.parent_link(best); l.valid(); l = q.parent_link(net.graph.tail(l))) {
      out.volume[l.value()] += p.tonnes;
    }
  }
  std::sort(out.unrouted.begin(), out.unrouted.end());
  return out;
}

}  // namespace corridor
