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
        for (const link_id l : g_->in_links(u)) relax(l, g_->tail(l));
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
  class side {
   public:
    explicit side(std::uint32_t n) : dist_(n, infinite_distance), parent_(n), stamp_(n, 0) {}
    void start() {
      ++now_;
      heap_.clear();
    }
    void reach(node_id v, double d, link_id via) {
      if (reached(v) && dist_[v.value()] <= d) return;
      set(v, d, via);
      heap_.push_back({d, v});
    }
    void heapify() { std::make_heap(heap_.begin(), heap_.end(), std::greater<>{}); }
    void push(node_id v, double d, link_id via) {
      set(v, d, via);
      heap_.push_back({d, v});
      std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
    }
    std::pair<double, node_id> pop() {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
      const auto top = heap_.back();
      heap_.pop_back();
      return top;
    }
    [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
    [[nodiscard]] double min_key() const noexcept { return heap_.front().first; }
    [[nodiscard]] bool reached(node_id v) const noexcept { return stamp_[v.value()] == now_; }
    [[nodiscard]] double dist(node_id v) const noexcept {
      return reached(v) ? dist_[v.value()] : infinite_distance;
    }
    [[nodiscard]] link_id parent(node_id v) const noexcept {
      return reached(v) ? parent_[v.value()] : link_id::invalid();
    }

   private:
    void set(node_id v, double d, link_id via) {
      stamp_[v.value()] = now_;
      dist_[v.value()] = d;
      parent_[v.value()] = via;
    }
    std::vector<double> dist_;
    std::vector<link_id> parent_;
    std::vector<std::uint32_t> stamp_;
    std::uint32_t now_ = 0;
    std::vector<std::pair<double, node_id>> heap_;
  };

  const network* g_;
  side side_[2];
  double best_ = infinite_distance;
  node_id meet_;
  std::uint32_t settled_ = 0;
};

}  // namespace corridor
