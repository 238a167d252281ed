// Contraction hierarchies (Geisberger, Sanders, Schultes, Delling 2008) for repeated exact
// point-to-point queries and many-to-many skims on large networks with fixed weights.
//
//   corridor::contraction_hierarchy ch(net.graph, by_column(w));   // preprocessing, once
//   corridor::ch_query q(ch);
//   if (q.run(s, t)) { double d = q.distance(); auto links = q.path_links(); }
//   Eigen::MatrixXd m = corridor::ch_skim(ch, origins, destinations);  // bucket many-to-many
//
// Preprocessing contracts nodes one by one (order: edge difference plus contracted neighbours,
// with lazy updates), adding a shortcut u -> x for a contracted v whenever a local witness search
// (limited to `witness_settle_limit` settled nodes) finds no path u -> x avoiding v at most as
// short as u -> v -> x. Extra shortcuts never change distances, so the limit only trades
// preprocessing time for size. Queries search upwards from both ends; answers equal Dijkstra's
// (ties between equal-weight paths may pick another path). Weights are fixed at construction: a
// scenario that changes weights needs a new hierarchy (see docs/performance.md for the time it
// takes), or a customizable one (customizable.hpp), which re-weights without a new order.
#pragma once

#include <Eigen/Core>
#include <algorithm>
#include <atomic>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <span>
#include <utility>
#include <vector>

#include "corridor/detail/search_side.hpp"
#include "corridor/detail/workers.hpp"
#include "corridor/network/columns.hpp"
#include "corridor/network/network.hpp"
#include "corridor/path/dijkstra.hpp"
#include "corridor/path/weights.hpp"

namespace corridor {

struct ch_options {
  /// Nodes a witness search may settle before it gives up (and the shortcut is added).
  std::uint32_t witness_settle_limit = 500;
  /// The same for the searches that only estimate a node's priority (the order of contraction).
  std::uint32_t estimate_settle_limit = 30;
};

class contraction_hierarchy {
 public:
  /// An upward arc of the hierarchy: to a higher-ranked node (`other` is its rank), with its
  /// weight and the edge it stands for (an input link or a shortcut). The hierarchy is stored in
  /// rank order, so that upward searches, which climb towards the few top nodes, touch memory
  /// that is close together.
  struct up_arc {
    std::uint32_t other;
    std::uint32_t edge;
    double weight;
  };

  /// Contracts every node of `g` under weights `w` (links of weight +infinity or NaN are left
  /// out; weights must be >= 0). `g` must outlive the hierarchy. Roughly O(n x witness searches);
  /// seconds for 10^5 nodes, about a minute for 10^6 (docs/performance.md).
  template <weight_function W>
  contraction_hierarchy(const network& g, const W& w, ch_options opt = {}) : g_(&g) {
    build(w, opt);
  }

  [[nodiscard]] const network& graph() const noexcept { return *g_; }
  [[nodiscard]] std::uint32_t node_count() const noexcept { return g_->node_count(); }
  /// Position of v in the contraction order (0 = contracted first).
  [[nodiscard]] std::uint32_t rank(node_id v) const noexcept { return rank_[v.value()]; }
  /// Shortcuts added by the preprocessing.
  [[nodiscard]] std::size_t shortcut_count() const noexcept { return edges_.size() - originals_; }
  /// Upward arcs out of the node of rank r (forward search) and into it from above (backward
  /// search); their `other` is a rank.
  [[nodiscard]] std::span<const up_arc> up_out(std::uint32_t r) const noexcept {
    return {fwd_.data() + fwd_first_[r], fwd_.data() + fwd_first_[r + 1]};
  }
  [[nodiscard]] std::span<const up_arc> up_in(std::uint32_t r) const noexcept {
    return {bwd_.data() + bwd_first_[r], bwd_.data() + bwd_first_[r + 1]};
  }
  /// Appends the input links edge `e` stands for, in travel order. O(links).
  void unpack(std::uint32_t e, std::vector<link_id>& out) const {
    std::vector<std::uint32_t> stack{e};
    while (!stack.empty()) {
      const edge& x = edges_[stack.back()];
      stack.pop_back();
      if (x.second == no_index) {
        out.emplace_back(x.first);
      } else {
        stack.push_back(x.second);  // the second half travels after the first
        stack.push_back(x.first);
      }
    }
  }
  /// Bytes held by the hierarchy (upward arcs, edges, ranks).
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return (fwd_.size() + bwd_.size()) * sizeof(up_arc) + edges_.size() * sizeof(edge) +
           (fwd_first_.size() + bwd_first_.size() + rank_.size()) * sizeof(std::uint32_t);
  }

 private:
  /// An input link (first = link id, second = no_index) or a shortcut (the two edges it joins).
  struct edge {
    std::uint32_t first, second;
  };
  struct arc {
    std::uint32_t other;
    std::uint32_t edge;
    double weight;
  };

  template <weight_function W>
  void build(const W& w, const ch_options& opt) {
    const std::uint32_t n = g_->node_count();
    std::vector<std::vector<arc>> out(n), in(n);
    // Input links, the lightest of parallel links only; self-loops never shorten a path.
    for (std::uint32_t l = 0; l < g_->link_count(); ++l) {
      const double wl = static_cast<double>(w(link_id{l}));
      if (!(wl < infinite_distance)) continue;
      const std::uint32_t u = g_->tail(link_id{l}).value(), v = g_->head(link_id{l}).value();
      if (u == v) continue;
      edges_.push_back({l, no_index});
      add_or_improve(out, in, u, v, wl, static_cast<std::uint32_t>(edges_.size() - 1));
    }
    originals_ = edges_.size();

    std::vector<std::uint8_t> contracted(n, 0);
    std::vector<std::uint32_t> deleted_neighbours(n, 0), version(n, 0);
    std::vector<std::uint32_t> level(n, 0);  ///< 1 + the highest level of a contracted neighbour
    witness w_search(n);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> needed;  // (in index, out index)
    const auto shortcuts_for = [&](std::uint32_t v, std::uint32_t settle_limit) {
      needed.clear();
      for (std::uint32_t i = 0; i < in[v].size(); ++i) {
        const arc& a = in[v][i];
        double limit = 0;
        for (const arc& b : out[v]) {
          if (b.other != a.other) limit = std::max(limit, a.weight + b.weight);
        }
        if (limit == 0 && out[v].empty()) continue;
        w_search.run(out, a.other, v, limit, settle_limit);
        for (std::uint32_t j = 0; j < out[v].size(); ++j) {
          const arc& b = out[v][j];
          if (b.other == a.other) continue;
          if (w_search.distance(b.other) > a.weight + b.weight) needed.emplace_back(i, j);
        }
      }
      return needed.size();
    };
    const auto priority = [&](std::uint32_t v) {
      // An estimate with a short witness search (more shortcuts than needed at worst).
      const auto s = static_cast<std::int64_t>(shortcuts_for(v, opt.estimate_settle_limit));
      return 4 * (s - static_cast<std::int64_t>(in[v].size() + out[v].size())) +
             2 * static_cast<std::int64_t>(deleted_neighbours[v]) +
             static_cast<std::int64_t>(level[v]);
    };
    using item = std::pair<std::int64_t, std::pair<std::uint32_t, std::uint32_t>>;  // prio, v, ver
    std::priority_queue<item, std::vector<item>, std::greater<>> queue;
    for (std::uint32_t v = 0; v < n; ++v) queue.push({priority(v), {v, 0}});

    rank_.assign(n, 0);
    std::vector<std::vector<up_arc>> up_out(n), up_in(n);
    std::uint32_t next_rank = 0;
    while (!queue.empty()) {
      const auto [p, key] = queue.top();
      const auto [v, ver] = key;
      queue.pop();
      if (contracted[v] != 0 || ver != version[v]) continue;
      // Lazy update: contract v only if its priority is still the smallest.
      const std::int64_t now = priority(v);
      if (!queue.empty() && now > queue.top().first) {
        queue.push({now, {v, ++version[v]}});
        continue;
      }
      shortcuts_for(v, opt.witness_settle_limit);
      const std::vector<std::pair<std::uint32_t, std::uint32_t>> add = needed;
      contracted[v] = 1;
      rank_[v] = next_rank++;
      for (const arc& b : out[v]) up_out[v].push_back({b.other, b.edge, b.weight});
      for (const arc& a : in[v]) up_in[v].push_back({a.other, a.edge, a.weight});
      for (const auto& [i, j] : add) {
        const arc a = in[v][i], b = out[v][j];
        edges_.push_back({a.edge, b.edge});
        add_or_improve(out, in, a.other, b.other, a.weight + b.weight,
                       static_cast<std::uint32_t>(edges_.size() - 1));
      }
      // Remove v from its neighbours' lists, and update their priorities.
      std::vector<std::uint32_t> touched;
      const auto detach = [&](const std::vector<arc>& mine, std::vector<std::vector<arc>>& theirs) {
        for (const arc& a : mine) {
          auto& list = theirs[a.other];
          list.erase(
              std::remove_if(list.begin(), list.end(), [&](const arc& x) { return x.other == v; }),
              list.end());
          touched.push_back(a.other);
        }
      };
      detach(out[v], in);
      detach(in[v], out);
      out[v].clear();
      out[v].shrink_to_fit();
      in[v].clear();
      in[v].shrink_to_fit();
      std::sort(touched.begin(), touched.end());
      touched.erase(std::unique(touched.begin(), touched.end()), touched.end());
      for (const std::uint32_t x : touched) {
        ++deleted_neighbours[x];
        level[x] = std::max(level[x], level[v] + 1);
      }
    }
    // Upward arcs in CSR form, in rank order, pointing at ranks.
    std::vector<std::uint32_t> node_at(n);
    for (std::uint32_t v = 0; v < n; ++v) node_at[rank_[v]] = v;
    const auto pack = [&](const std::vector<std::vector<up_arc>>& lists,
                          std::vector<std::uint32_t>& first, std::vector<up_arc>& arcs) {
      first.assign(std::size_t{n} + 1, 0);
      for (std::uint32_t r = 0; r < n; ++r) {
        first[r + 1] = first[r] + static_cast<std::uint32_t>(lists[node_at[r]].size());
      }
      arcs.reserve(first[n]);
      for (std::uint32_t r = 0; r < n; ++r) {
        for (up_arc a : lists[node_at[r]]) {
          a.other = rank_[a.other];
          arcs.push_back(a);
        }
      }
    };
    pack(up_out, fwd_first_, fwd_);
    pack(up_in, bwd_first_, bwd_);
  }

  static void add_or_improve(std::vector<std::vector<arc>>& out, std::vector<std::vector<arc>>& in,
                             std::uint32_t u, std::uint32_t v, double weight, std::uint32_t e) {
    for (arc& a : out[u]) {
      if (a.other != v) continue;
      if (weight < a.weight) {
        a.weight = weight;
        a.edge = e;
        for (arc& b : in[v]) {
          if (b.other == u) {
            b.weight = weight;
            b.edge = e;
          }
        }
      }
      return;
    }
    out[u].push_back({v, e, weight});
    in[v].push_back({u, e, weight});
  }

  /// Local Dijkstra in the remaining graph, avoiding one node, bounded by distance and effort.
  class witness {
   public:
    explicit witness(std::uint32_t n) : dist_(n, infinite_distance), stamp_(n, 0) {}
    void run(const std::vector<std::vector<arc>>& out, std::uint32_t s, std::uint32_t avoid,
             double limit, std::uint32_t settle_limit) {
      ++now_;
      heap_.clear();
      set(s, 0);
      heap_.push_back({0, s});
      std::uint32_t settled = 0;
      while (!heap_.empty()) {
        std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
        const auto [d, u] = heap_.back();
        heap_.pop_back();
        if (d > dist_[u]) continue;
        if (d > limit || ++settled > settle_limit) break;
        for (const arc& a : out[u]) {
          if (a.other == avoid) continue;
          const double nd = d + a.weight;
          if (nd < distance(a.other)) {
            set(a.other, nd);
            heap_.push_back({nd, a.other});
            std::push_heap(heap_.begin(), heap_.end(), std::greater<>{});
          }
        }
      }
    }
    [[nodiscard]] double distance(std::uint32_t v) const {
      return stamp_[v] == now_ ? dist_[v] : infinite_distance;
    }

   private:
    void set(std::uint32_t v, double d) {
      stamp_[v] = now_;
      dist_[v] = d;
    }
    std::vector<double> dist_;
    std::vector<std::uint32_t> stamp_;
    std::uint32_t now_ = 0;
    std::vector<std::pair<double, std::uint32_t>> heap_;
  };

  const network* g_;
  std::vector<edge> edges_;
  std::size_t originals_ = 0;
  std::vector<std::uint32_t> rank_;
  std::vector<std::uint32_t> fwd_first_, bwd_first_;
  std::vector<up_arc> fwd_, bwd_;
};

/// A reusable point-to-point query on a hierarchy: bidirectional upward Dijkstra, timestamped
/// buffers (no allocation per query once grown). O(search spaces), typically hundreds of nodes.
class ch_query {
 public:
  explicit ch_query(const contraction_hierarchy& ch)
      : ch_(&ch), side_{direction(ch.node_count()), direction(ch.node_count())} {}

  /// Shortest path from any of `sources` to any of `targets` (each source at distance 0). Returns
  /// true when one exists.
  bool run(std::span<const node_id> sources, std::span<const node_id> targets) {
    best_ = infinite_distance;
    meet_ = no_index;
    settled_ = 0;
    for (direction& d : side_) d.start();
    for (const node_id s : sources) side_[0].reach(ch_->rank(s), 0, {no_index, no_index});
    for (const node_id t : targets) side_[1].reach(ch_->rank(t), 0, {no_index, no_index});
    for (direction& d : side_) d.heapify();
    // Alternate; a side stops once its smallest key cannot improve the best meeting.
    for (int turn = 0;; turn ^= 1) {
      direction& d = side_[turn];
      const direction& other = side_[turn ^ 1];
      const bool open0 = open(side_[0], best_), open1 = open(side_[1], best_);
      if (!open0 && !open1) break;
      if (!open(d, best_)) continue;
      const auto [du, u] = d.pop();
      if (du > d.dist(u)) continue;  // stale
      if (other.reached(u) && du + other.dist(u) < best_) {
        best_ = du + other.dist(u);
        meet_ = u;
      }
      // Stall on demand: a higher neighbour reached by this side with a shorter way into u
      // proves u's label is not on a shortest path, so u's arcs are not relaxed.
      bool stalled = false;
      for (const auto& a : turn == 0 ? ch_->up_in(u) : ch_->up_out(u)) {
        if (d.dist(a.other) + a.weight < du) {
          stalled = true;
          break;
        }
      }
      if (stalled) continue;
      ++settled_;
      for (const auto& a : turn == 0 ? ch_->up_out(u) : ch_->up_in(u)) {
        const double nd = du + a.weight;
        if (nd < d.dist(a.other)) d.push(a.other, nd, {u, a.edge});
      }
    }
    return meet_ != no_index;
  }
  bool run(node_id s, node_id t) {
    return run(std::span<const node_id>(&s, 1), std::span<const node_id>(&t, 1));
  }
  /// Nodes whose arcs the last run relaxed (both sides): the search effort.
  [[nodiscard]] std::uint32_t settled_count() const noexcept { return settled_; }
  /// The distance found by the last run (+infinity when none).
  [[nodiscard]] double distance() const noexcept { return best_; }
  /// The input links of the path found by the last run, in travel order. O(path length).
  [[nodiscard]] std::vector<link_id> path_links() const {
    std::vector<link_id> out;
    if (meet_ == no_index) return out;
    std::vector<std::uint32_t> up;  // edges source -> meet, collected backwards
    for (auto p = side_[0].parent(meet_); p.second != no_index; p = side_[0].parent(p.first)) {
      up.push_back(p.second);
    }
    for (auto it = up.rbegin(); it != up.rend(); ++it) ch_->unpack(*it, out);
    for (auto p = side_[1].parent(meet_); p.second != no_index; p = side_[1].parent(p.first)) {
      ch_->unpack(p.second, out);
    }
    return out;
  }

 private:
  /// Labels per rank: (parent rank, edge), (no_index, no_index) at the start nodes.
  using direction = detail::search_side<std::uint32_t, std::pair<std::uint32_t, std::uint32_t>>;
  [[nodiscard]] static bool open(const direction& d, double best) {
    return !d.empty() && d.min_key() < best;
  }

  const contraction_hierarchy* ch_;
  direction side_[2];
  double best_ = infinite_distance;
  std::uint32_t meet_ = no_index;
  std::uint32_t settled_ = 0;
};

namespace detail {
/// Upward search spaces for ch_skim with exact upward distances (Dijkstra on the upward graph).
struct ch_upward {
  std::vector<double> dist;
  std::vector<std::uint32_t> touched;
  std::vector<std::pair<double, std::uint32_t>> heap;
  explicit ch_upward(std::uint32_t nodes) : dist(nodes, infinite_distance) {}
  template <class Visit>
  void run(const contraction_hierarchy& h, const node_set& start, bool forward, Visit&& visit) {
    heap.clear();
    for (const node_id v : start) {
      const std::uint32_t s = h.rank(v);
      if (dist[s] != 0) {
        if (dist[s] == infinite_distance) touched.push_back(s);
        dist[s] = 0;
        heap.push_back({0, s});
      }
    }
    std::make_heap(heap.begin(), heap.end(), std::greater<>{});
    while (!heap.empty()) {
      std::pop_heap(heap.begin(), heap.end(), std::greater<>{});
      const auto [d, u] = heap.back();
      heap.pop_back();
      if (d > dist[u]) continue;
      visit(u, d);
      for (const auto& a : forward ? h.up_out(u) : h.up_in(u)) {
        const double nd = d + a.weight;
        if (nd < dist[a.other]) {
          if (dist[a.other] == infinite_distance) touched.push_back(a.other);
          dist[a.other] = nd;
          heap.push_back({nd, a.other});
          std::push_heap(heap.begin(), heap.end(), std::greater<>{});
        }
      }
    }
    for (const std::uint32_t v : touched) dist[v] = infinite_distance;
    touched.clear();
  }
};
}  // namespace detail

/// Many-to-many distances on a hierarchy (Knopp et al. 2007): one backward upward search per
/// destination leaves (destination, distance) in a bucket at each node it settles; one forward
/// upward search per origin then scans the buckets of the nodes it settles. Zones are node sets
/// as in skim(); the same results as skim(). The forward searches are shared out among `threads`
/// threads (0: one per core). O((|origins| + |destinations|) x search space + bucket scans).
/// Memory: the matrix plus the buckets (one entry per destination x search-space node).
[[nodiscard]] inline Eigen::MatrixXd ch_skim(const contraction_hierarchy& ch,
                                             std::span<const node_set> origins,
                                             std::span<const node_set> destinations,
                                             unsigned threads = 0) {
  const std::uint32_t n = ch.node_count();
  Eigen::MatrixXd out =
      Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(origins.size()),
                                static_cast<Eigen::Index>(destinations.size()), infinite_distance);
  // Buckets in CSR form: the entries per node, then a counting sort.
  std::vector<std::pair<std::uint32_t, std::pair<std::uint32_t, double>>> entries;
  {
    detail::ch_upward up(n);
    for (std::size_t j = 0; j < destinations.size(); ++j) {
      up.run(ch, destinations[j], false, [&](std::uint32_t v, double d) {
        entries.push_back({v, {static_cast<std::uint32_t>(j), d}});
      });
    }
  }
  std::vector<std::uint32_t> first(std::size_t{n} + 1, 0);
  for (const auto& e : entries) ++first[e.first + 1];
  for (std::uint32_t v = 0; v < n; ++v) first[v + 1] += first[v];
  std::vector<std::pair<std::uint32_t, double>> bucket(entries.size());
  {
    std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
    for (const auto& e : entries) bucket[next[e.first]++] = e.second;
  }
  entries = {};
  std::atomic<std::size_t> next_origin{0};
  const auto work = [&](unsigned) {
    detail::ch_upward up(n);
    for (std::size_t i = next_origin++; i < origins.size(); i = next_origin++) {
      const auto row = static_cast<Eigen::Index>(i);
      up.run(ch, origins[i], true, [&](std::uint32_t v, double d) {
        for (std::uint32_t k = first[v]; k < first[v + 1]; ++k) {
          const auto [j, dj] = bucket[k];
          double& cell = out(row, static_cast<Eigen::Index>(j));
          cell = std::min(cell, d + dj);
        }
      });
    }
  };
  detail::run_workers(detail::worker_count(threads, origins.size()), work);
  return out;
}

}  // namespace corridor
