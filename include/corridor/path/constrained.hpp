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
// mile, not in the middle), on at most `max_access_links` links at each end, together no longer
// than `max_access_km`; via places are passed in the given order.
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
  double max_access_km = 300;               ///< access length at each end, at most (km)
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
/// states per node, plus O(2^(required modes) x (via places + 1) x a x m) for the a access links
/// at the two ends.
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
  // Access phases: 0 before the main haul, 1 unused (one access link used at the start: the
  // `first` states below, which know that link), 2 two access links used, 3 on the main haul, 4 at
  // the destination after one access link, 5 after two. Without access modes: a single phase.
  const std::uint32_t phases = c.has_access() ? 6 : 1;
  const std::uint32_t max_links = std::min<std::uint32_t>(c.max_access_links, 2);
  const std::uint32_t base_states = n * masks * stages * phases;
  const auto state = [&](std::uint32_t v, std::uint32_t mask, std::uint32_t stage,
                         std::uint32_t phase) {
    return node_id{((phase * stages + stage) * masks + mask) * n + v};
  };
  const auto is_access = [&](std::uint32_t l) {
    return phases > 1 && c.access[static_cast<std::size_t>(L.mode[l])];
  };
  // An access link may be used at all: first or last mile, short, within one country (a truck
  // across a border is a haul of its own, with its own crossing time).
  const auto access_ok = [&](std::uint32_t l) {
    return w[l] < infinite_distance && L.length_km[l] <= c.max_access_km &&
           L.crosses_border[l] == 0;
  };
  constexpr std::uint32_t forbidden = 6;
  // The phase after travelling a main-haul or transfer link l in phase ph, or `forbidden`.
  const auto next_phase = [&](std::uint32_t l, std::uint32_t ph) -> std::uint32_t {
    if (phases == 1 || L.mode[l] == mode::transfer) return ph;
    return ph <= 3 ? 3 : forbidden;  // main haul (none after the access at the end)
  };
  std::vector<node_id> tails, heads;
  std::vector<std::uint32_t> origin;  // network link of each product arc (no_index: a via arc)
  const auto arc = [&](node_id t, node_id h, std::uint32_t l) {
    tails.push_back(t);
    heads.push_back(h);
    origin.push_back(l);
  };
  // Access walks of two links at one end must fit `max_access_km` together. A state that has used
  // one of them must know its length: `first` states (one per access link f leaving the origin and
  // node of f's head place) at the start, `last` states (one per access link e entering the
  // destination and node of e's tail place) before the end.
  struct end_link {
    std::uint32_t link;
    std::vector<node_id> nodes;  // the place's nodes (layers) the state may be at
  };
  std::vector<end_link> first, last;
  if (phases > 1 && max_links >= 1) {
    for (const node_id v : net.nodes_of(from)) {
      for (const link_id l : g.out_links(v)) {
        if (is_access(l.value()) && access_ok(l.value())) {
          first.push_back({l.value(), net.nodes_of(net.place_of(g.head(l)))});
        }
      }
    }
  }
  if (phases > 1 && max_links >= 2) {
    for (std::uint32_t l = 0; l < m; ++l) {
      if (is_access(l) && access_ok(l) && net.place_of(g.head(link_id{l})) == to &&
          net.place_of(g.tail(link_id{l})) != to) {
        last.push_back({l, net.nodes_of(net.place_of(g.tail(link_id{l})))});
      }
    }
  }
  // Extra states: (first or last entry i, its j-th node, mask, stage).
  std::vector<std::uint32_t> first_at{0}, last_at{0};
  for (const end_link& e : first)
    first_at.push_back(first_at.back() + static_cast<std::uint32_t>(e.nodes.size()));
  for (const end_link& e : last)
    last_at.push_back(last_at.back() + static_cast<std::uint32_t>(e.nodes.size()));
  const auto extra = [&](std::uint32_t offset, std::uint32_t slot, std::uint32_t mask,
                         std::uint32_t stage) {
    return node_id{base_states + (offset + slot) * masks * stages + stage * masks + mask};
  };
  const std::uint32_t last_base = first_at.back();
  const std::uint32_t total_states =
      base_states + (first_at.back() + last_at.back()) * masks * stages;
  const auto slot_of = [](const end_link& e, node_id v) -> std::uint32_t {
    for (std::uint32_t j = 0; j < e.nodes.size(); ++j) {
      if (e.nodes[j] == v) return j;
    }
    return no_index;
  };
  for (std::uint32_t stage = 0; stage < stages; ++stage) {
    for (std::uint32_t mask = 0; mask < masks; ++mask) {
      for (std::uint32_t phase = 0; phase < phases; ++phase) {
        for (std::uint32_t l = 0; l < m; ++l) {
          if (!(w[l] < infinite_distance)) continue;
          const link_id id{l};
          const std::uint32_t tail = g.tail(id).value(), head = g.head(id).value();
          const std::uint32_t hmask = mask | bit[static_cast<std::size_t>(L.mode[l])];
          if (is_access(l)) {
            // Access: one link to the destination after the main haul (two go by `last`); the
            // first link at the start goes by `first`.
            if (phase == 3 && access_ok(l) && net.place_of(g.head(id)) == to) {
              arc(state(tail, mask, stage, 3), state(head, hmask, stage, 4), l);
            }
            continue;
          }
          const std::uint32_t to_phase = next_phase(l, phase);
          if (to_phase == forbidden) continue;
          arc(state(tail, mask, stage, phase), state(head, hmask, stage, to_phase), l);
        }
        if (stage + 1 < stages) {
          for (const node_id v : net.nodes_of(c.via[stage])) {
            arc(state(v.value(), mask, stage, phase), state(v.value(), mask, stage + 1, phase),
                no_index);
          }
        }
      }
      // `first` states: entered by their link from phase 0; left by a transfer within the place,
      // a main-haul link, or a second access link that fits the length left.
      for (std::uint32_t i = 0; i < first.size(); ++i) {
        const end_link& f = first[i];
        const link_id fl{f.link};
        const std::uint32_t fmask = mask | bit[static_cast<std::size_t>(L.mode[f.link])];
        const std::uint32_t fj = slot_of(f, g.head(fl));
        arc(state(g.tail(fl).value(), mask, stage, 0), extra(first_at[i], fj, fmask, stage),
            f.link);
        for (std::uint32_t j = 0; j < f.nodes.size(); ++j) {
          const node_id v = f.nodes[j];
          const node_id here = extra(first_at[i], j, mask, stage);
          if (stage + 1 < stages && net.place_of(v) == c.via[stage]) {
            arc(here, extra(first_at[i], j, mask, stage + 1), no_index);
          }
          for (const link_id l : g.out_links(v)) {
            const std::uint32_t lv = l.value();
            if (!(w[lv] < infinite_distance)) continue;
            const std::uint32_t hmask = mask | bit[static_cast<std::size_t>(L.mode[lv])];
            const std::uint32_t head = g.head(l).value();
            if (L.mode[lv] == mode::transfer) {
              const std::uint32_t hj = slot_of(f, g.head(l));
              if (hj != no_index) arc(here, extra(first_at[i], hj, hmask, stage), lv);
            } else if (!is_access(lv)) {
              arc(here, state(head, hmask, stage, 3), lv);
            } else if (max_links >= 2 && access_ok(lv) &&
                       L.length_km[f.link] + L.length_km[lv] <= c.max_access_km) {
              arc(here, state(head, hmask, stage, 2), lv);
            }
          }
        }
      }
      // `last` states: entered from the main haul by an access link that, with theirs, fits the
      // length; left by a transfer within the place or by their own link into the destination.
      for (std::uint32_t i = 0; i < last.size(); ++i) {
        const end_link& e = last[i];
        const link_id el{e.link};
        for (std::uint32_t l = 0; l < m; ++l) {
          if (!is_access(l) || !access_ok(l)) continue;
          const std::uint32_t hj = slot_of(e, g.head(link_id{l}));
          if (hj == no_index || L.length_km[l] + L.length_km[e.link] > c.max_access_km) continue;
          const std::uint32_t hmask = mask | bit[static_cast<std::size_t>(L.mode[l])];
          arc(state(g.tail(link_id{l}).value(), mask, stage, 3),
              extra(last_base + last_at[i], hj, hmask, stage), l);
        }
        for (std::uint32_t j = 0; j < e.nodes.size(); ++j) {
          const node_id v = e.nodes[j];
          const node_id here = extra(last_base + last_at[i], j, mask, stage);
          if (stage + 1 < stages && net.place_of(v) == c.via[stage]) {
            arc(here, extra(last_base + last_at[i], j, mask, stage + 1), no_index);
          }
          for (const link_id l : g.out_links(v)) {
            if (L.mode[l.value()] != mode::transfer || !(w[l.value()] < infinite_distance))
              continue;
            const std::uint32_t hj = slot_of(e, g.head(l));
            if (hj != no_index)
              arc(here, extra(last_base + last_at[i], hj, mask, stage), l.value());
          }
          if (v == g.tail(el)) {
            const std::uint32_t hmask = mask | bit[static_cast<std::size_t>(L.mode[e.link])];
            arc(here, state(g.head(el).value(), hmask, stage, 5), e.link);
          }
        }
      }
    }
  }
  std::vector<std::uint32_t> perm;
  const network product = network::from_arcs(total_states, tails, heads, perm);
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
  for (std::uint32_t i = 0; i < first.size(); ++i) {
    for (std::uint32_t j = 0; j < first[i].nodes.size(); ++j) {
      if (net.place_of(first[i].nodes[j]) == to) {
        targets.push_back(extra(first_at[i], j, masks - 1, stages - 1));
      }
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
