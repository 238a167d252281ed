// Routes with constraints: modes that must be used, and places that must be passed, in order.
//
//   corridor::route_constraints c;
//   c.require_mode(corridor::mode::rail);
//   c.require_mode(corridor::mode::sea);               // rail AND sea, e.g. rail to a port, then
//   sea c.via.push_back(net.find_place("qinzhou_port"));   // through Qinzhou corridor::route r =
//   corridor::find_constrained_route(net, costs, criterion::time, filter,
//                                                        from, to, c);
//
// Exact: one Dijkstra on the state-expanded graph whose states are (node, set of required modes
// used so far, number of via places reached). Allowed modes come from the filter; required
// modes must each be travelled at least once; via places are passed in the given order.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "corridor/path/route.hpp"

namespace corridor {

struct route_constraints {
  std::array<bool, mode_count> required{};  ///< modes the route must travel on
  std::vector<std::uint32_t> via;           ///< places to pass, in order

  void require_mode(corridor::mode m) { required[static_cast<std::size_t>(m)] = true; }
  [[nodiscard]] bool empty() const noexcept {
    for (const bool r : required) {
      if (r) return false;
    }
    return via.empty();
  }
};

/// The best route from `from` to `to` under `filter` that satisfies `c`; status no_path when none
/// exists. Legs and totals as find_route. Without constraints it is find_route.
/// O(S (n + m) log(S n)) with S = 2^(required modes) x (via places + 1) states per node.
[[nodiscard]] inline route find_constrained_route(const built_network& net, const link_costs& costs,
                                                  criterion by, const link_filter& filter,
                                                  std::uint32_t from, std::uint32_t to,
                                                  const route_constraints& c) {
  if (c.empty()) return find_route(net, costs, by, filter, from, to);
  const std::vector<double> w = filtered_weights(net, costs.criterion_weights(by), filter);
  const network& g = net.graph;
  const std::uint32_t n = g.node_count(), m = g.link_count();
  // Bit of each required mode.
  std::array<std::uint32_t, mode_count> bit{};
  std::uint32_t k = 0;
  for (std::size_t i = 0; i < mode_count; ++i) bit[i] = c.required[i] ? (1u << k++) : 0u;
  const std::uint32_t masks = 1u << k, stages = static_cast<std::uint32_t>(c.via.size()) + 1;
  const auto state = [&](std::uint32_t v, std::uint32_t mask, std::uint32_t stage) {
    return node_id{(stage * masks + mask) * n + v};
  };
  // Product arcs: every usable link in every (mask, stage), plus zero-weight "reached the next via
  // place" arcs. `origin[a]` is the network link of product arc a (no_index for via arcs).
  std::vector<node_id> tails, heads;
  std::vector<std::uint32_t> origin;
  for (std::uint32_t stage = 0; stage < stages; ++stage) {
    for (std::uint32_t mask = 0; mask < masks; ++mask) {
      for (std::uint32_t l = 0; l < m; ++l) {
        if (!(w[l] < infinite_distance)) continue;
        const link_id id{l};
        const std::uint32_t to_mask = mask | bit[static_cast<std::size_t>(net.links.mode[l])];
        tails.push_back(state(g.tail(id).value(), mask, stage));
        heads.push_back(state(g.head(id).value(), to_mask, stage));
        origin.push_back(l);
      }
      if (stage + 1 < stages) {
        for (const node_id v : net.nodes_of(c.via[stage])) {
          tails.push_back(state(v.value(), mask, stage));
          heads.push_back(state(v.value(), mask, stage + 1));
          origin.push_back(no_index);
        }
      }
    }
  }
  std::vector<std::uint32_t> perm;
  const network product = network::from_arcs(n * masks * stages, tails, heads, perm);
  std::vector<double> pw(perm.size());
  for (std::size_t a = 0; a < perm.size(); ++a) {
    pw[a] = origin[perm[a]] == no_index ? 0.0 : w[origin[perm[a]]];
  }
  std::vector<node_id> sources, targets;
  for (const node_id v : net.nodes_of(from)) sources.push_back(state(v.value(), 0, 0));
  for (const node_id v : net.nodes_of(to))
    targets.push_back(state(v.value(), masks - 1, stages - 1));
  dijkstra_query q(product);
  q.run(by_column(pw), sources, targets);
  route r;
  r.by = by;
  r.from_place = from;
  r.to_place = to;
  if (!q.found()) return r;
  path p;
  for (const link_id a : q.path_links(q.target())) {
    const std::uint32_t l = origin[perm[a.value()]];
    if (l != no_index) p.links.push_back(link_id{l});
  }
  p.weight = q.distance(q.target());
  p.source = p.links.empty() ? net.nodes_of(from).front() : g.tail(p.links.front());
  p.target = p.links.empty() ? net.nodes_of(to).front() : g.head(p.links.back());
  r = make_route(net, costs, by, p);
  r.from_place = from;
  r.to_place = to;
  return r;
}

/// The named corridors a route uses, in order of first use (indices into net.corridors).
/// O(route links x corridors per link).
[[nodiscard]] inline std::vector<std::uint32_t> corridors_used(const built_network& net,
                                                               const route& r) {
  std::vector<std::uint32_t> out;
  for (const leg& g : r.legs) {
    for (const link_id l : g.links) {
      const std::uint32_t rec = net.links.record[l.value()];
      if (rec == no_index) continue;
      for (const std::uint32_t c : net.records.corridors_of(rec)) {
        if (std::find(out.begin(), out.end(), c) == out.end()) out.push_back(c);
      }
    }
  }
  return out;
}

}  // namespace corridor
