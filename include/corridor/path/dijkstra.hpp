// dijkstra_query: a reusable shortest-path search with preallocated, timestamped buffers, so
// repeated queries on one network cost O(visited) to reset, not O(n).
//
//   corridor::dijkstra_query q(net.graph);
//   q.run(corridor::by_column(w), sources, targets);          // Dijkstra
//   corridor::great_circle_bound h(net.graph, by_column(w), positions);
//   q.run(corridor::by_column(w), sources, targets, h);       // A*, same answers, fewer nodes
//   if (q.found()) { auto links = q.path_links(q.target()); }
//
// Weights must be >= 0; links of weight +infinity (or NaN) are skipped. Several sources start at
// distance 0 together (a place served by several layers); with targets, the search stops at the
// first target settled (stop::first_target) or once every target is settled (stop::all_targets).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <vector>

#include "corridor/geo.hpp"
#include "corridor/network/network.hpp"
#include "corridor/path/weights.hpp"

namespace corridor {

inline constexpr double infinite_distance = std::numeric_limits<double>::infinity();

/// The trivial potential: plain Dijkstra.
struct zero_potential {
  void prepare(std::span<const node_id> /*targets*/) noexcept {}
  [[nodiscard]] double operator()(node_id /*v*/) const noexcept { return 0; }
};

/// Admissible and consistent A* potential: h(v) = factor x min over targets of the great-circle
/// km from v to the target, where factor = min over usable links of w(l) / great-circle km of l
/// (times 1 - 1e-9 for rounding). So the bound holds for any weight (time, money, CO2) without
/// trusting a speed or a price. Nodes without a valid position make factor 0 (plain Dijkstra).
/// Construction O(m); h(v) O(number of targets).
class great_circle_bound {
 public:
  template <weight_function W>
  great_circle_bound(const network& g, const W& w, std::span<const geo::lonlat> node_positions)
      : pos_(node_positions) {
    factor_ = infinite_distance;
    for (std::uint32_t l = 0; l < g.link_count(); ++l) {
      const link_id id{l};
      const double wl = static_cast<double>(w(id));
      if (!(wl < infinite_distance)) continue;  // unusable (or NaN)
      const geo::lonlat a = pos_[g.tail(id).value()], b = pos_[g.head(id).value()];
      if (!geo::valid(a) || !geo::valid(b)) {
        factor_ = 0;
        return;
      }
      const double km = geo::great_circle_km(a, b);
      if (km > 1e-9) factor_ = std::min(factor_, wl / km);
    }
    if (!(factor_ < infinite_distance)) factor_ = 0;
    factor_ *= 1 - 1e-9;
  }

  void prepare(std::span<const node_id> targets) {
    targets_.clear();
    if (factor_ == 0) return;
    for (const node_id t : targets) targets_.push_back(pos_[t.value()]);
  }
  [[nodiscard]] double operator()(node_id v) const noexcept {
    if (targets_.empty()) return 0;
    double best = infinite_distance;
    for (const geo::lonlat& t : targets_)
      best = std::min(best, geo::great_circle_km(pos_[v.value()], t));
    return factor_ * best;
  }
  /// Lower bound on weight per great-circle km.
  [[nodiscard]] double factor() const noexcept { return factor_; }

 private:
  std::span<const geo::lonlat> pos_;
  std::vector<geo::lonlat> targets_;
  double factor_ = 0;
};

class dijkstra_query {
 public:
  enum class stop : std::uint8_t { first_target, all_targets };

  /// Allocates buffers for g's nodes; g must outlive the query. O(n).
  explicit dijkstra_query(const network& g)
      : g_(&g),
        dist_(g.node_count(), infinite_distance),
        parent_(g.node_count()),
        seen_(g.node_count(), 0),
        done_(g.node_count(), 0),
        is_target_(g.node_count(), 0) {}

  /// Dijkstra from `sources` (each at distance 0). Without targets it settles every reachable
  /// node (a one-to-all tree). O((n + m) log n) worst case, O(visited) otherwise.
  template <weight_function W>
  void run(const W& w, std::span<const node_id> sources, std::span<const node_id> targets = {},
           stop rule = stop::first_target) {
    zero_potential h;
    run(w, sources, targets, h, rule);
  }

  /// A* with potential h (h.prepare(targets) is called first). h must be consistent.
  template <weight_function W, class Potential>
  void run(const W& w, std::span<const node_id> sources, std::span<const node_id> targets,
           Potential& h, stop rule = stop::first_target) {
    next_stamp();
    h.prepare(targets);
    heap_.clear();
    target_ = node_id::invalid();
    settled_ = 0;
    std::size_t targets_left = 0;
    for (const node_id t : targets) {
      if (is_target_[t.value()] != stamp_) {
        is_target_[t.value()] = stamp_;
        ++targets_left;
      }
    }
    for (const node_id s : sources) {
      if (seen_[s.value()] == stamp_) continue;
      label(s, 0, link_id::invalid());
      heap_.push_back({h(s), s});
    }
    std::make_heap(heap_.begin(), heap_.end(), std::greater<>{});
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
      const node_id u = heap_.back().node;
      heap_.pop_back();
      if (done_[u.value()] == stamp_) continue;  // stale entry
      done_[u.value()] = stamp_;
      ++settled_;
      if (is_target_[u.value()] == stamp_) {
        if (!target_.valid()) target_ = u;
        if (rule == stop::first_target || --targets_left == 0) break;
      }
      const double du = dist_[u.value()];
      for (const link_id l : g_->out_links(u)) {
        const double wl = static_cast<double>(w(l));
        if (!(wl < infinite_distance)) continue;  // unusable or NaN
        const node_id v = g_->head(l);
        if (done_[v.value()] == stamp_) continue;
        const double dv = du + wl;
        if (seen_[v.value()] != stamp_ || dv < dist_[v.value()]) {
          label(v, dv, l);
          heap_.push_back({dv + h(v), v});
          std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
        }
      }
    }
  }

  /// Distance of v from the nearest source: exact when settled(v), an upper bound when only
  /// reached, +infinity when not reached. O(1).
  [[nodiscard]] double distance(node_id v) const noexcept {
    return seen_[v.value()] == stamp_ ? dist_[v.value()] : infinite_distance;
  }
  [[nodiscard]] bool reached(node_id v) const noexcept { return seen_[v.value()] == stamp_; }
  [[nodiscard]] bool settled(node_id v) const noexcept { return done_[v.value()] == stamp_; }
  /// The link into v on its shortest path (invalid for sources and unreached nodes). O(1).
  [[nodiscard]] link_id parent_link(node_id v) const noexcept {
    return reached(v) ? parent_[v.value()] : link_id::invalid();
  }
  /// True when a target was settled in the last run.
  [[nodiscard]] bool found() const noexcept { return target_.valid(); }
  /// The first target settled (the nearest), or invalid.
  [[nodiscard]] node_id target() const noexcept { return target_; }
  /// Nodes settled by the last run (a measure of search effort).
  [[nodiscard]] std::uint32_t settled_count() const noexcept { return settled_; }
  /// Links of the shortest path from a source to t, in travel order; empty when t is a source
  /// or unreached. Precondition: settled(t). O(path length).
  [[nodiscard]] std::vector<link_id> path_links(node_id t) const {
    std::vector<link_id> out;
    if (!reached(t)) return out;
    for (link_id l = parent_[t.value()]; l.valid(); l = parent_[g_->tail(l).value()]) {
      out.push_back(l);
    }
    std::reverse(out.begin(), out.end());
    return out;
  }
  [[nodiscard]] const network& graph() const noexcept { return *g_; }

 private:
  struct entry {
    double key;
    node_id node;
    friend bool operator>(const entry& a, const entry& b) noexcept {
      return a.key > b.key || (a.key == b.key && a.node > b.node);
    }
  };

  void label(node_id v, double d, link_id via) noexcept {
    seen_[v.value()] = stamp_;
    dist_[v.value()] = d;
    parent_[v.value()] = via;
  }
  void next_stamp() {
    if (++stamp_ == 0) {  // wrapped: clear once every 2^32 runs
      std::fill(seen_.begin(), seen_.end(), 0);
      std::fill(done_.begin(), done_.end(), 0);
      std::fill(is_target_.begin(), is_target_.end(), 0);
      stamp_ = 1;
    }
  }

  const network* g_;
  std::vector<double> dist_;
  std::vector<link_id> parent_;
  std::vector<std::uint32_t> seen_, done_, is_target_;
  std::uint32_t stamp_ = 0;
  std::vector<entry> heap_;
  node_id target_;
  std::uint32_t settled_ = 0;
};

}  // namespace corridor
