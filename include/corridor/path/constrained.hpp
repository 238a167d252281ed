// Routes with constraints: modes that must be used, access modes allowed only at the ends, and
// places that must be passed, in order.
//
//   corridor::route_constraints c;
//   c.require_mode(corridor::mode::rail);
//   c.require_mode(corridor::mode::sea);               // rail AND sea, e.g. rail to a port, then
//   sea c.via.push_back(net.find_place("qinzhou_port"));   // through Qinzhou corridor::route r =
//   corridor::find_constrained_route(net, costs, criterion::time, filter,
//                                                        from, to, c);
//
// Exact: one Dijkstra on the state-expanded graph whose states are (node, set of required modes
// used so far, number of via places reached, access phase). Allowed modes come from the filter;
// required modes must each be travelled at least once; access modes (e.g. road for a rail option)
// may be used only before the first and after the last link of another mode (first and last
// mile, not in the middle), on at most `max_access_links` links at each end, each no longer than
// `max_access_km`; via places are passed in the given order.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "corridor/path/route.hpp"

namespace corridor {

struct route_constraints {
  std::array<bool, mode_count> required{};  ///< modes the route must travel on
  std::array<bool, mode_count> access{};    ///< modes allowed only at the ends (no border)
  std::uint32_t max_access_links = 2;       ///< access links at each end, at most (0 to 2)
  double max_access_km = 300;               ///< length of one access link, at most
  std::vector<std::uint32_t> via;           ///< places to pass, in order

  void require_mode(corridor::mode m) { required[static_cast<std::size_t>(m)] = true; }
  void access_mode(corridor::mode m) { access[static_cast<std::size_t>(m)] = true; }
  [[nodiscard]] bool has_access() const noexcept {
    for (const bool a : access) {
      if (a) return true;
    }
    return false;
  }
  [[nodiscard]] bool empty() const noexcept {
    for (const bool r : required) {
      if (r) return false;
    }
    return via.empty() && !has_access();
  }
};

/// The best route from `from` to `to` under `filter` that satisfies `c`; status no_path when none
/// exists. Legs and totals as find_route. Without constraints it is find_route.
/// O(S (n + m) log(S n)) with S = 2^(required modes) x (via places + 1) x (6 with access modes)
/// states per node.
/// `L`: the link columns to judge by (net.links, or a scenario overlay's links(); `costs` computed
/// from the same columns).
[[nodiscard]] inline route find_constrained_route(const built_network& net, const link_columns& L,
                                                  const link_costs& costs, criterion by,
                                                  const link_filter& filter, std::uint32_t from,
                                                  std::uint32_t to, const route_constraints& c) {
  if (c.empty()) return find_route(net, L, costs, by, filter, from, to);
  const std::vector<double> w = filtered_weights(net, L, costs.criterion_weights(by), filter);
  const network& g = net.graph;
  const std::uint32_t n = g.node_count(), m = g.link_count();
  // Bit of each required mode.
  std::array<std::uint32_t, mode_count> bit{};
  std::uint32_t k = 0;
  for (std::size_t i = 0; i < mode_count; ++i) bit[i] = c.required[i] ? (1u << k++) : 0u;
  const std::uint32_t masks = 1u << k, stages = static_cast<std::uint32_t>(c.via.size()) + 1;
  // Access phases: 0..2 before the main haul (that many access links used), 3 on it, 4..5 after
  // it (1 or 2 access links used). Without access modes there is a single phase.
  const std::uint32_t phases = c.has_access() ? 6 : 1;
  const std::uint32_t max_links = std::min<std::uint32_t>(c.max_access_links, 2);
  const auto state = [&](std::uint32_t v, std::uint32_t mask, std::uint32_t stage,
                         std::uint32_t phase) {
    return node_id{((phase * stages + stage) * masks + mask) * n + v};
  };
  constexpr std::uint32_t forbidden = 6;
  // The phase after travelling link l in phase ph, or `forbidden`.
  const auto next_phase = [&](std::uint32_t l, std::uint32_t ph) -> std::uint32_t {
    const mode md = L.mode[l];
    if (phases == 1 || md == mode::transfer) return ph;
    if (!c.access[static_cast<std::size_t>(md)]) return ph <= 3 ? 3 : forbidden;  // main haul
    // Access is first or last mile: short, and within one country (a truck across a border is a
    // haul of its own, with its own crossing time).
    if (L.length_km[l] > c.max_access_km || L.crosses_border[l] != 0) return forbidden;
    const std::uint32_t used = ph <= 2 ? ph : (ph == 3 ? 0 : ph - 3);  // access links at this end
    if (used + 1 > max_links) return forbidden;
    return ph <= 2 ? ph + 1 : 3 + used + 1;
  };
  // Product arcs: every usable link in every (mask, stage), plus zero-weight "reached the next via
  // place" arcs. `origin[a]` is the network link of product arc a (no_index for via arcs).
  std::vector<node_id> tails, heads;
  std::vector<std::uint32_t> origin;
  for (std::uint32_t phase = 0; phase < phases; ++phase) {
    for (std::uint32_t stage = 0; stage < stages; ++stage) {
      for (std::uint32_t mask = 0; mask < masks; ++mask) {
        for (std::uint32_t l = 0; l < m; ++l) {
          if (!(w[l] < infinite_distance)) continue;
          const link_id id{l};
          const mode md = L.mode[l];
          const std::uint32_t to_phase = next_phase(l, phase);
          if (to_phase == forbidden) continue;
          tails.push_back(state(g.tail(id).value(), mask, stage, phase));
          heads.push_back(
              state(g.head(id).value(), mask | bit[static_cast<std::size_t>(md)], stage, to_phase));
          origin.push_back(l);
        }
        if (stage + 1 < stages) {
          for (const node_id v : net.nodes_of(c.via[stage])) {
            tails.push_back(state(v.value(), mask, stage, phase));
            heads.push_back(state(v.value(), mask, stage + 1, phase));
            origin.push_back(no_index);
          }
        }
      }
    }
  }
  std::vector<std::uint32_t> perm;
  const network product = network::from_arcs(n * masks * stages * phases, tails, heads, perm);
  std::vector<double> pw(perm.size());
  for (std::size_t a = 0; a < perm.size(); ++a) {
    pw[a] = origin[perm[a]] == no_index ? 0.0 : w[origin[perm[a]]];
  }
  std::vector<node_id> sources, targets;
  for (const node_id v : net.nodes_of(from)) sources.push_back(state(v.value(), 0, 0, 0));
  for (const node_id v : net.nodes_of(to)) {
    for (std::uint32_t phase = 0; phase < phases; ++phase) {
      targets.push_back(state(v.value(), masks - 1, stages - 1, phase));
    }
  }
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

/// find_constrained_route by the network's own link columns.
[[nodiscard]] inline route find_constrained_route(const built_network& net, const link_costs& costs,
                                                  criterion by, const link_filter& filter,
                                                  std::uint32_t from, std::uint32_t to,
                                                  const route_constraints& c) {
  return find_constrained_route(net, net.links, costs, by, filter, from, to, c);
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

/// The links of a route's first loop: from leaving a place to coming back to it (a route that
/// passes a place twice, e.g. two calls at one port); empty when it has none. O(route links^2).
[[nodiscard]] inline std::vector<link_id> first_loop(const built_network& net, const route& r) {
  std::vector<link_id> links;
  for (const leg& g : r.legs) links.insert(links.end(), g.links.begin(), g.links.end());
  if (links.empty()) return {};
  // places[i]: the place before link i; places[i + 1]: after it.
  std::vector<std::uint32_t> places{net.place_of(net.graph.tail(links.front()))};
  for (const link_id l : links) places.push_back(net.place_of(net.graph.head(l)));
  for (std::size_t j = 1; j < places.size(); ++j) {
    if (places[j] == places[j - 1]) continue;  // a transfer within the place
    for (std::size_t i = 0; i + 1 < j; ++i) {
      if (places[i] == places[j] && places[i + 1] != places[i]) {
        return std::vector<link_id>(links.begin() + static_cast<std::ptrdiff_t>(i),
                                    links.begin() + static_cast<std::ptrdiff_t>(j));
      }
    }
  }
  return {};
}

/// The best route of an option that is sensible for a planner: find_constrained_route, and while
/// the route passes a place twice (a loop made only to satisfy the constraints), again with the
/// loop's links excluded, at most `max_tries` times. A route that still loops is no route: status
/// no_path and `why` says so ("no sensible route: it passes laem_chabang twice").
/// O(max_tries x find_constrained_route).
[[nodiscard]] inline route find_sensible_route(const built_network& net, const link_columns& L,
                                               const link_costs& costs, criterion by,
                                               link_filter filter, std::uint32_t from,
                                               std::uint32_t to, const route_constraints& c,
                                               std::string& why, int max_tries = 4) {
  why.clear();
  route r = find_constrained_route(net, L, costs, by, filter, from, to, c);
  std::string loop;
  for (int i = 0; i < max_tries && r.status == route_status::ok; ++i) {
    const std::vector<link_id> cycle = first_loop(net, r);
    if (cycle.empty()) {
      loop.clear();
      break;
    }
    loop = "it passes " + net.places.id[net.place_of(net.graph.tail(cycle.front()))] + " twice";
    for (const link_id l : cycle) {
      if (L.record[l.value()] != no_index) filter.excluded_records.push_back(L.record[l.value()]);
    }
    r = find_constrained_route(net, L, costs, by, filter, from, to, c);
  }
  if (r.status == route_status::ok && first_loop(net, r).empty()) return r;
  if (loop.empty()) return r;  // no route at all: the caller explains it
  why = "no sensible route: " + loop;
  route none;
  none.by = by;
  none.from_place = from;
  none.to_place = to;
  return none;
}

}  // namespace corridor
