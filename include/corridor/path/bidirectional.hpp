// Bidirectional Dijkstra: a forward search from the sources and a backward search (on the reverse
// CSR) from the targets, alternating, until the smallest keys of the two sides add up to at least
// the best meeting found. It settles about half the nodes of a one-sided search on road-like
// graphs, and needs no preprocessing (contraction.hpp is the choice for many repeated queries).
//
//   corridor::bidirectional_query q(net.graph);
//   if (q.run(by_column(w), sources, targets)) { double d = q.distance(); auto p = q.path_links();
//   }
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

#include "corridor/detail/search_side.hpp"
#include "corridor/network/network.hpp"
#include "corridor/path/dijkstra.hpp"
#include "corridor/path/weights.hpp"

namespace corridor {

class bidirectional_query {
 public:
  /// Buffers for g's nodes; g must outlive the query. O(n).
  explicit bidirectional_query(const network& g)
      : g_(&g), side_{side(g.node_count()), side(g.node_count())} {}

  /// The shortest path from any of `sources` to any of `targets` under weights `w` (>= 0;
  /// +infinity or NaN: unusable). Returns true when one exists. O((n + m) log n) worst case,
  /// timestamped buffers (no allocation per query once the heaps have grown).
  template <weight_function W>
  bool run(const W& w, std::span<const node_id> sources, std::span<const node_id> targets) {
    best_ = infinite_distance;
    meet_ = node_id::invalid();
    settled_ = 0;
    for (side& s : side_) s.start();
    for (const node_id s : sources) side_[0].reach(s, 0, link_id::invalid());
    for (const node_id t : targets) side_[1].reach(t, 0, link_id::invalid());
    for (side& s : side_) s.heapify();
    for (const node_id v : sources) {
      if (side_[1].reached(v)) {  // a source that is a target: distance 0
        best_ = 0;
        meet_ = v;
      }
    }
    while (!side_[0].empty() && !side_[1].empty() &&
           side_[0].min_key() + side_[1].min_key() < best_) {
      // The side with the smaller frontier key moves (balanced radii).
      const int d = side_[0].min_key() <= side_[1].min_key() ? 0 : 1;
      side& me = side_[d];
      const side& other = side_[d ^ 1];
      const auto [du, u] = me.pop();
      if (du > me.dist(u)) continue;  // stale
      ++settled_;
      const auto relax = [&](link_id l, node_id v) {
        const double wl = static_cast<double>(w(l));
        if (!(wl < infinite_distance)) return;
        const double nd = du + wl;
        if (nd < me.dist(v)) {
          me.push(v, nd, l);
          if (other.reached(v) && nd + other.dist(v) < best_) {
            best_ = nd + other.dist(v);
            meet_ = v;
          }
        }
      };
      if (d == 0) {
        for (const link_id l : g_->out_links(u)) relax(l, g_->head(l));
      } else {
        const auto in = g_->in_links(u);
        const auto from = g_->in_tails(u);
        for (std::size_t k = 0; k < in.size(); ++k) relax(in[k], from[k]);
      }
    }
    return meet_.valid();
  }
  template <weight_function W>
  bool run(const W& w, node_id s, node_id t) {
    return run(w, std::span<const node_id>(&s, 1), std::span<const node_id>(&t, 1));
  }

  /// The distance found by the last run (+infinity when none).
  [[nodiscard]] double distance() const noexcept { return best_; }
  /// Nodes settled by both sides in the last run.
  [[nodiscard]] std::uint32_t settled_count() const noexcept { return settled_; }
  /// The links of the path found by the last run, in travel order. O(path length).
  [[nodiscard]] std::vector<link_id> path_links() const {
    std::vector<link_id> out;
    if (!meet_.valid()) return out;
    for (link_id l = side_[0].parent(meet_); l.valid(); l = side_[0].parent(g_->tail(l))) {
      out.push_back(l);
    }
    std::reverse(out.begin(), out.end());
    for (link_id l = side_[1].parent(meet_); l.valid(); l = side_[1].parent(g_->head(l))) {
      out.push_back(l);
    }
    return out;
  }

 private:
  using side = detail::search_side<node_id, link_id>;

  const network* g_;
  side side_[2];
  double best_ = infinite_distance;
  node_id meet_;
  std::uint32_t settled_ = 0;
};

}  // namespace corridor
