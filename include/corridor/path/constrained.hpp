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
#include <optional>
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

namespace detail {

/// The product graph of a constrained search: a state per (node, required modes used so far, via
/// stage, access phase), plus `first` and `last` states for two-link access walks at the ends.
/// Arcs are added in a fixed order (travel, via, first, last per mask and stage), so that ties
/// break the same way on every run.
class constrained_product {
 public:
  constrained_product(const built_network& net, const link_columns& L, const std::vector<double>& w,
                      std::uint32_t from, std::uint32_t to, const route_constraints& c)
      : net_(net), g_(net.graph), L_(L), w_(w), from_(from), to_(to), c_(c) {
    std::uint32_t k = 0;
    for (std::size_t i = 0; i < mode_count; ++i) bit_[i] = c.required[i] ? (1u << k++) : 0u;
    masks_ = 1u << k;
    stages_ = static_cast<std::uint32_t>(c.via.size()) + 1;
    phases_ = c.has_access() ? 6 : 1;
    max_links_ = std::min<std::uint32_t>(c.max_access_links, 2);
    base_states_ = g_.node_count() * masks_ * stages_ * phases_;
    find_end_links();
    for (std::uint32_t stage = 0; stage < stages_; ++stage) {
      for (std::uint32_t mask = 0; mask < masks_; ++mask) {
        for (std::uint32_t phase = 0; phase < phases_; ++phase) add_travel_arcs(mask, stage, phase);
        for (std::uint32_t i = 0; i < first_.size(); ++i) add_first_arcs(i, mask, stage);
        for (std::uint32_t i = 0; i < last_.size(); ++i) add_last_arcs(i, mask, stage);
      }
    }
  }

  /// The best path in the product graph, mapped back to the network's links.
  [[nodiscard]] std::optional<path> search() const {
    std::vector<std::uint32_t> perm;
    const network product = network::from_arcs(total_states(), tails_, heads_, perm);
    std::vector<double> pw(perm.size());
    for (std::size_t a = 0; a < perm.size(); ++a) {
      pw[a] = origin_[perm[a]] == no_index ? 0.0 : w_[origin_[perm[a]]];
    }
    dijkstra_query q(product);
    q.run(by_column(pw), sources(), targets());
    if (!q.found()) return std::nullopt;
    path p;
    for (const link_id a : q.path_links(q.target())) {
      const std::uint32_t l = origin_[perm[a.value()]];
      if (l != no_index) p.links.push_back(link_id{l});
    }
    p.weight = q.distance(q.target());
    p.source = p.links.empty() ? net_.nodes_of(from_).front() : g_.tail(p.links.front());
    p.target = p.links.empty() ? net_.nodes_of(to_).front() : g_.head(p.links.back());
    return p;
  }

 private:
  // Access phases: 0 before the main haul, 1 unused (one access link used at the start: the
  // `first` states, which know that link), 2 two access links used, 3 on the main haul, 4 at the
  // destination after one access link, 5 after two. Without access modes: a single phase.
  static constexpr std::uint32_t forbidden = 6;

  /// An access link at one end and the nodes (layers) of the place at its other end.
  struct end_link {
    std::uint32_t link;
    std::vector<node_id> nodes;
  };

  [[nodiscard]] node_id state(std::uint32_t v, std::uint32_t mask, std::uint32_t stage,
                              std::uint32_t phase) const {
    return node_id{((phase * stages_ + stage) * masks_ + mask) * g_.node_count() + v};
  }
  /// Extra states: (first or last entry, its slot-th node, mask, stage).
  [[nodiscard]] node_id extra(std::uint32_t offset, std::uint32_t slot, std::uint32_t mask,
                              std::uint32_t stage) const {
    return node_id{base_states_ + (offset + slot) * masks_ * stages_ + stage * masks_ + mask};
  }
  [[nodiscard]] std::uint32_t total_states() const {
    return base_states_ + (first_at_.back() + last_at_.back()) * masks_ * stages_;
  }
  [[nodiscard]] std::uint32_t with_mode(std::uint32_t mask, std::uint32_t l) const {
    return mask | bit_[static_cast<std::size_t>(L_.mode[l])];
  }
  [[nodiscard]] bool usable(std::uint32_t l) const { return w_[l] < infinite_distance; }
  [[nodiscard]] bool is_access(std::uint32_t l) const {
    return phases_ > 1 && c_.access[static_cast<std::size_t>(L_.mode[l])];
  }
  /// An access link may be used at all: first or last mile, short, within one country (a truck
  /// across a border is a haul of its own, with its own crossing time).
  [[nodiscard]] bool access_ok(std::uint32_t l) const {
    return usable(l) && L_.length_km[l] <= c_.max_access_km && L_.crosses_border[l] == 0;
  }
  /// The phase after travelling a main-haul or transfer link l in phase ph, or `forbidden`.
  [[nodiscard]] std::uint32_t next_phase(std::uint32_t l, std::uint32_t ph) const {
    if (phases_ == 1 || L_.mode[l] == mode::transfer) return ph;
    return ph <= 3 ? 3 : forbidden;  // main haul (none after the access at the end)
  }
  static std::uint32_t slot_of(const end_link& e, node_id v) {
    for (std::uint32_t j = 0; j < e.nodes.size(); ++j) {
      if (e.nodes[j] == v) return j;
    }
    return no_index;
  }
  void arc(node_id t, node_id h, std::uint32_t l) {
    tails_.push_back(t);
    heads_.push_back(h);
    origin_.push_back(l);
  }

  /// Access walks of two links at one end must fit max_access_km together, so a state that has
  /// used one must know its length: `first` (per access link leaving the origin) and `last` (per
  /// access link entering the destination).
  void find_end_links() {
    if (phases_ > 1 && max_links_ >= 1) {
      for (const node_id v : net_.nodes_of(from_)) {
        for (const link_id l : g_.out_links(v)) {
          if (is_access(l.value()) && access_ok(l.value())) {
            first_.push_back({l.value(), net_.nodes_of(net_.place_of(g_.head(l)))});
          }
        }
      }
    }
    if (phases_ > 1 && max_links_ >= 2) {
      for (std::uint32_t l = 0; l < g_.link_count(); ++l) {
        if (is_access(l) && access_ok(l) && net_.place_of(g_.head(link_id{l})) == to_ &&
            net_.place_of(g_.tail(link_id{l})) != to_) {
          last_.push_back({l, net_.nodes_of(net_.place_of(g_.tail(link_id{l})))});
        }
      }
    }
    for (const end_link& e : first_) {
      first_at_.push_back(first_at_.back() + static_cast<std::uint32_t>(e.nodes.size()));
    }
    for (const end_link& e : last_) {
      last_at_.push_back(last_at_.back() + static_cast<std::uint32_t>(e.nodes.size()));
    }
  }

  /// Every usable link in one (mask, stage, phase) layer, and the step to the next via stage.
  void add_travel_arcs(std::uint32_t mask, std::uint32_t stage, std::uint32_t phase) {
    for (std::uint32_t l = 0; l < g_.link_count(); ++l) {
      if (!usable(l)) continue;
      const link_id id{l};
      const std::uint32_t tail = g_.tail(id).value(), head = g_.head(id).value();
      const std::uint32_t hmask = with_mode(mask, l);
      if (is_access(l)) {
        // Access: one link to the destination after the main haul (two go by `last`); the first
        // link at the start goes by `first`.
        if (phase == 3 && access_ok(l) && net_.place_of(g_.head(id)) == to_) {
          arc(state(tail, mask, stage, 3), state(head, hmask, stage, 4), l);
        }
        continue;
      }
      const std::uint32_t to_phase = next_phase(l, phase);
      if (to_phase == forbidden) continue;
      arc(state(tail, mask, stage, phase), state(head, hmask, stage, to_phase), l);
    }
    if (stage + 1 < stages_) {
      for (const node_id v : net_.nodes_of(c_.via[stage])) {
        arc(state(v.value(), mask, stage, phase), state(v.value(), mask, stage + 1, phase),
            no_index);
      }
    }
  }

  /// `first` state i: entered by its link from phase 0; left by a transfer within the place, a
  /// main-haul link, or a second access link that fits the length left.
  void add_first_arcs(std::uint32_t i, std::uint32_t mask, std::uint32_t stage) {
    const end_link& f = first_[i];
    const link_id fl{f.link};
    arc(state(g_.tail(fl).value(), mask, stage, 0),
        extra(first_at_[i], slot_of(f, g_.head(fl)), with_mode(mask, f.link), stage), f.link);
    for (std::uint32_t j = 0; j < f.nodes.size(); ++j) {
      const node_id v = f.nodes[j];
      const node_id here = extra(first_at_[i], j, mask, stage);
      if (stage + 1 < stages_ && net_.place_of(v) == c_.via[stage]) {
        arc(here, extra(first_at_[i], j, mask, stage + 1), no_index);
      }
      for (const link_id l : g_.out_links(v)) {
        const std::uint32_t lv = l.value();
        if (!usable(lv)) continue;
        const std::uint32_t hmask = with_mode(mask, lv);
        if (L_.mode[lv] == mode::transfer) {
          const std::uint32_t hj = slot_of(f, g_.head(l));
          if (hj != no_index) arc(here, extra(first_at_[i], hj, hmask, stage), lv);
        } else if (!is_access(lv)) {
          arc(here, state(g_.head(l).value(), hmask, stage, 3), lv);
        } else if (max_links_ >= 2 && access_ok(lv) &&
                   L_.length_km[f.link] + L_.length_km[lv] <= c_.max_access_km) {
          arc(here, state(g_.head(l).value(), hmask, stage, 2), lv);
        }
      }
    }
  }

  /// `last` state i: entered from the main haul by an access link that, with its own, fits the
  /// length; left by a transfer within the place or by its own link into the destination.
  void add_last_arcs(std::uint32_t i, std::uint32_t mask, std::uint32_t stage) {
    const end_link& e = last_[i];
    const link_id el{e.link};
    const std::uint32_t offset = first_at_.back() + last_at_[i];
    for (std::uint32_t l = 0; l < g_.link_count(); ++l) {
      if (!is_access(l) || !access_ok(l)) continue;
      const std::uint32_t hj = slot_of(e, g_.head(link_id{l}));
      if (hj == no_index || L_.length_km[l] + L_.length_km[e.link] > c_.max_access_km) continue;
      arc(state(g_.tail(link_id{l}).value(), mask, stage, 3),
          extra(offset, hj, with_mode(mask, l), stage), l);
    }
    for (std::uint32_t j = 0; j < e.nodes.size(); ++j) {
      const node_id v = e.nodes[j];
      const node_id here = extra(offset, j, mask, stage);
      if (stage + 1 < stages_ && net_.place_of(v) == c_.via[stage]) {
        arc(here, extra(offset, j, mask, stage + 1), no_index);
      }
      for (const link_id l : g_.out_links(v)) {
        if (L_.mode[l.value()] != mode::transfer || !usable(l.value())) continue;
        const std::uint32_t hj = slot_of(e, g_.head(l));
        if (hj != no_index) arc(here, extra(offset, hj, mask, stage), l.value());
      }
      if (v == g_.tail(el)) {
        arc(here, state(g_.head(el).value(), with_mode(mask, e.link), stage, 5), e.link);
      }
    }
  }

  [[nodiscard]] std::vector<node_id> sources() const {
    std::vector<node_id> out;
    for (const node_id v : net_.nodes_of(from_)) out.push_back(state(v.value(), 0, 0, 0));
    return out;
  }
  /// The destination's nodes with every required mode used and every via passed, in any phase,
  /// and the `first` states already at the destination.
  [[nodiscard]] std::vector<node_id> targets() const {
    std::vector<node_id> out;
    for (const node_id v : net_.nodes_of(to_)) {
      for (std::uint32_t phase = 0; phase < phases_; ++phase) {
        out.push_back(state(v.value(), masks_ - 1, stages_ - 1, phase));
      }
    }
    for (std::uint32_t i = 0; i < first_.size(); ++i) {
      for (std::uint32_t j = 0; j < first_[i].nodes.size(); ++j) {
        if (net_.place_of(first_[i].nodes[j]) == to_) {
          out.push_back(extra(first_at_[i], j, masks_ - 1, stages_ - 1));
        }
      }
    }
    return out;
  }

  const built_network& net_;
  const network& g_;
  const link_columns& L_;
  const std::vector<double>& w_;
  std::uint32_t from_, to_;
  const route_constraints& c_;
  std::array<std::uint32_t, mode_count> bit_{};  ///< bit of each required mode
  std::uint32_t masks_ = 1, stages_ = 1, phases_ = 1, max_links_ = 0, base_states_ = 0;
  std::vector<end_link> first_, last_;
  std::vector<std::uint32_t> first_at_{0}, last_at_{0};
  std::vector<node_id> tails_, heads_;
  std::vector<std::uint32_t> origin_;  ///< network link of each product arc (no_index: via arc)
};

}  // namespace detail

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
  const std::optional<path> p = detail::constrained_product(net, L, w, from, to, c).search();
  route r;
  r.by = by;
  if (p) r = make_route(net, costs, by, *p);
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
