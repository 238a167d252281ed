// One side of a bidirectional search (bidirectional Dijkstra, contraction hierarchy queries):
// distance and parent labels per node, valid for the current run by timestamp (nothing is cleared
// between runs), and a binary min-heap of (distance, node) with lazy deletion.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <type_traits>
#include <utility>
#include <vector>

namespace corridor::detail {

/// `Node` is an id type with value() or an unsigned index; `Parent` is what a label records about
/// the way in (a link, or a node and an edge), Parent{} for nodes not reached in this run.
template <class Node, class Parent>
class search_side {
 public:
  explicit search_side(std::uint32_t n)
      : dist_(n, std::numeric_limits<double>::infinity()), parent_(n), stamp_(n, 0) {}
  /// Starts a run: every label becomes stale, the heap empty. O(1), O(n) once every 2^32 runs.
  void start() {
    if (++now_ == 0) {
      std::fill(stamp_.begin(), stamp_.end(), 0);
      now_ = 1;
    }
    heap_.clear();
  }
  /// A start node at distance d (kept if better than an earlier start); call heapify() after the
  /// last one.
  void reach(Node v, double d, Parent via) {
    if (reached(v) && dist_[index(v)] <= d) return;
    set(v, d, via);
    heap_.push_back({d, v});
  }
  void heapify() { std::make_heap(heap_.begin(), heap_.end(), std::greater<>{}); }
  /// A new label for v (the caller checked that it improves). O(log heap).
  void push(Node v, double d, Parent via) {
    set(v, d, via);
    heap_.push_back({d, v});
    std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
  }
  /// Removes the smallest entry (possibly stale: compare its key with dist()). Precondition:
  /// !empty().
  std::pair<double, Node> pop() {
    std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
    const auto top = heap_.back();
    heap_.pop_back();
    return top;
  }
  [[nodiscard]] bool empty() const noexcept { return heap_.empty(); }
  /// The smallest key. Precondition: !empty().
  [[nodiscard]] double min_key() const noexcept { return heap_.front().first; }
  [[nodiscard]] bool reached(Node v) const noexcept { return stamp_[index(v)] == now_; }
  [[nodiscard]] double dist(Node v) const noexcept {
    return reached(v) ? dist_[index(v)] : std::numeric_limits<double>::infinity();
  }
  [[nodiscard]] Parent parent(Node v) const noexcept {
    return reached(v) ? parent_[index(v)] : Parent{};
  }

 private:
  static std::size_t index(Node v) noexcept {
    if constexpr (std::is_integral_v<Node>) {
      return v;
    } else {
      return v.value();
    }
  }
  void set(Node v, double d, Parent via) {
    stamp_[index(v)] = now_;
    dist_[index(v)] = d;
    parent_[index(v)] = via;
  }
  std::vector<double> dist_;
  std::vector<Parent> parent_;
  std::vector<std::uint32_t> stamp_;
  std::uint32_t now_ = 0;
  std::vector<std::pair<double, Node>> heap_;
};

}  // namespace corridor::detail
