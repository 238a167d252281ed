// dijkstra_query: a reusable shortest-path search with preallocated, timestamped buffers, so
// repeated queries on one network cost O(visited) to reset, not O(n).
//
//   corridor::dijkstra_query q(net.graph);
//   q.run(corridor::by_column(w), sources, targets);          // Dijkstra
//   corridor::great_circle_bound h(net.graph, by_column(w), positions);
//   q.run(corridor::by_column(w), sources, targets, h);       // A*, same answers, fewer nodes
//   if (q.found()) { auto links = q.path_links(q.target()); }
//
// Engines: runs start on a radix heap. One-to-all runs (no targets), and runs for many targets
// all wanted (stop::all_targets with at least 2 and n / 1024 targets: skims), move to a bucket
// queue (Dial) once they have scanned m / 32 links, when the weights' range allows: buckets as
// wide as the least positive weight, max / least positive <= 2^20 and a bucket array of at most
// max(1024, 4n) buckets. A run that ends sooner (a small component) skips the bucket queue's pass
// over all the weights. Both queues give exact distances. The bucket array (24 bytes a bucket, kept
// between runs) is sized by the weights' range: 64 buckets on road graphs, 1,024 on Berlin's TNTP
// network.
//
// Weights must be >= 0; links of weight +infinity (or NaN) are skipped. Several sources start at
// distance 0 together (a place served by several layers); with targets, the search stops at the
// first target settled (stop::first_target) or once every target is settled (stop::all_targets).
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <type_traits>
#include <vector>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "corridor/geo.hpp"
#include "corridor/network/network.hpp"
#include "corridor/path/weights.hpp"

namespace corridor {

inline constexpr double infinite_distance = std::numeric_limits<double>::infinity();

/// A zone: the nodes of a place (one per layer), searched from or to together.
using node_set = std::vector<node_id>;

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

namespace detail {

/// A monotone radix heap (Ahuja, Mehlhorn, Orlin, Tarjan 1990) on non-negative doubles, compared
/// by their bit patterns (which order like the values). Keys pushed must be >= the last key
/// popped, which plain Dijkstra guarantees even in floating point (d + w >= d for w >= 0).
/// Duplicates are allowed (lazy deletion by the caller). push O(1); pop amortised O(log range).
class radix_heap {
 public:
  struct entry {
    std::uint64_t key;
    node_id node;
  };
  void clear() noexcept {
    buckets_[0].clear();
    for (std::uint64_t m = used_; m != 0; m &= m - 1) {
      buckets_[static_cast<std::size_t>(std::countr_zero(m)) + 1].clear();
    }
    used_ = 0;
    last_ = 0;
    size_ = 0;
  }
  [[nodiscard]] bool empty() const noexcept { return size_ == 0; }
  void push(double key, node_id v) {
    const std::uint64_t k = bits(key);
    put({k, v});
    ++size_;
  }
  /// Removes and returns an entry with the smallest key. Precondition: !empty().
  entry pop() {
    if (buckets_[0].empty()) {
      // The lowest non-empty bucket holds the minimum: it becomes the new reference, and its
      // entries move to lower buckets (each entry moves at most 64 times in all).
      const auto i = static_cast<std::size_t>(std::countr_zero(used_)) + 1;
      std::vector<entry>& b = buckets_[i];
      used_ &= used_ - 1;
      std::uint64_t least = b.front().key;
      for (const entry& e : b) least = std::min(least, e.key);
      last_ = least;
      for (const entry& e : b) put(e);
      b.clear();
    }
    const entry e = buckets_[0].back();
    buckets_[0].pop_back();
    --size_;
    return e;
  }
  [[nodiscard]] static double value(std::uint64_t k) noexcept { return std::bit_cast<double>(k); }
  /// Calls f(entry) for every entry, in no particular order. O(size).
  template <class F>
  void for_each(F f) const {
    for (const entry& e : buckets_[0]) f(e);
    for (std::uint64_t m = used_; m != 0; m &= m - 1) {
      for (const entry& e : buckets_[static_cast<std::size_t>(std::countr_zero(m)) + 1]) f(e);
    }
  }

 private:
  static std::uint64_t bits(double key) noexcept { return std::bit_cast<std::uint64_t>(key); }
  void put(const entry& e) {
    if (e.key == last_) {
      buckets_[0].push_back(e);
      return;
    }
    const auto b = static_cast<std::size_t>(64 - std::countl_zero(e.key ^ last_));
    buckets_[b].push_back(e);
    used_ |= std::uint64_t{1} << (b - 1);
  }
  std::array<std::vector<entry>, 65> buckets_;
  std::uint64_t used_ = 0;  ///< bit b - 1 set: bucket b (1..64) is not empty
  std::uint64_t last_ = 0;
  std::size_t size_ = 0;
};

/// The buckets of a one-to-all search: a circular array of node lists with a bit mask of the
/// non-empty ones. The lists keep their capacity between runs.
struct bucket_array {
  std::vector<std::vector<std::uint32_t>> list;
  std::vector<std::uint64_t> used;  ///< bit b % 64 of word b / 64: bucket b is not empty
};

/// The least positive and the largest finite value of w over g's links, and whether any is
/// negative. One pass, O(m); NaN counts as none of them.
struct weight_range {
  double least_positive = std::numeric_limits<double>::infinity();
  double largest = 0;
  bool negative = false;
};
template <weight_function W>
weight_range range_of(const W& w, std::uint32_t m) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  double lo = inf, hi = 0;
  bool negative = false;
  std::uint32_t l = 0;
  if constexpr (requires { w.data(); }) {
    const auto* p = w.data();
#if defined(__SSE2__)
    if constexpr (std::is_same_v<std::remove_cvref_t<decltype(*p)>, double>) {
      // Compilers do not vectorise a floating-point min or max loop themselves (NaN and signed
      // zero rules), so by hand, four weights per step in two independent chains.
      const __m128d zero = _mm_setzero_pd(), infinity = _mm_set1_pd(inf);
      __m128d lo2[2] = {infinity, infinity}, hi2[2] = {zero, zero}, neg2[2] = {zero, zero};
      for (; l + 4 <= m; l += 4) {
        for (int k = 0; k < 2; ++k) {
          const __m128d x = _mm_loadu_pd(p + l + 2 * k);
          const __m128d positive = _mm_cmpgt_pd(x, zero);  // false for NaN
          lo2[k] = _mm_min_pd(
              lo2[k], _mm_or_pd(_mm_and_pd(positive, x), _mm_andnot_pd(positive, infinity)));
          hi2[k] = _mm_max_pd(hi2[k], _mm_and_pd(_mm_cmplt_pd(x, infinity), x));  // NaN, inf: 0
          neg2[k] = _mm_or_pd(neg2[k], _mm_cmplt_pd(x, zero));
        }
      }
      alignas(16) double a[2], b[2];
      _mm_store_pd(a, _mm_min_pd(lo2[0], lo2[1]));
      _mm_store_pd(b, _mm_max_pd(hi2[0], hi2[1]));
      lo = std::min(a[0], a[1]);
      hi = std::max(b[0], b[1]);
      negative = _mm_movemask_pd(_mm_or_pd(neg2[0], neg2[1])) != 0;
    }
#endif
    for (; l < m; ++l) {
      const auto x = static_cast<double>(p[l]);
      if (x > 0 && x < lo) lo = x;
      if (x < inf && x > hi) hi = x;
      negative = negative || x < 0;
    }
  } else {
    for (; l < m; ++l) {
      const auto x = static_cast<double>(w(link_id{l}));
      if (x > 0 && x < lo) lo = x;
      if (x < inf && x > hi) hi = x;
      negative = negative || x < 0;
    }
  }
  return {lo, hi, negative};
}

}  // namespace detail

class dijkstra_query {
 public:
  enum class stop : std::uint8_t { first_target, all_targets };
  /// The priority queue a run used (see the file comment).
  enum class queue : std::uint8_t { none, radix_heap, buckets, binary_heap };

  /// Allocates buffers for g's nodes; g must outlive the query. O(n).
  explicit dijkstra_query(const network& g)
      : g_(&g), state_(g.node_count()), is_target_(g.node_count(), 0) {}

  /// Dijkstra from `sources` (each at distance 0). Without targets it settles every reachable
  /// node (a one-to-all tree). Per-node state (distance, parent link, timestamp) is packed and
  /// reset by timestamps: no allocation per query once the queues have grown.
  /// The queue is a radix heap: O((n + m) log n) worst case, O(visited) with targets. Without
  /// targets or for many targets (see the file comment), once m / 32 links are scanned and when
  /// the weights are in range, the heap's entries move to a bucket queue: O(m) for a pass over
  /// the weights, then O(m + D / least positive weight) for a graph whose largest distance is D
  /// (no redistributions). Zero-weight links land in the bucket being scanned; a node they
  /// improve after its scan is scanned again, so distances stay exact.
  template <weight_function W>
  void run(const W& w, std::span<const node_id> sources, std::span<const node_id> targets = {},
           stop rule = stop::first_target) {
    std::size_t targets_left = begin(targets);
    // Many targets, all wanted: the search will likely cover much of the network.
    const bool many =
        rule == stop::all_targets && targets_left >= 2 && targets_left * 1024 >= g_->node_count();
    // Such runs, and one-to-all runs, move to the bucket queue once they have scanned 1/32 of
    // the links: its pass over the weights then pays, and a run that ends before (a small
    // component, targets near the sources) does not make it.
    std::uint64_t budget =
        targets.empty() || many ? g_->link_count() / 32 : std::numeric_limits<std::uint64_t>::max();
    std::uint64_t scanned = 0;
    double last = 0;  // the last distance settled: every key in the heap is >= last
    queue_ = queue::radix_heap;
    radix_.clear();
    for (const node_id s : sources) {
      if (reached(s)) continue;
      label(s, 0, link_id::invalid());
      radix_.push(0.0, s);
    }
    const std::uint32_t* first = g_->first_out().data();
    const node_id* head = g_->heads().data();
    node_state* st = state_.data();
    const W weight = w;  // a local copy: the compiler need not reload it after each store
    // Prefetching neighbours pays once the node state (16 bytes a node) outgrows the L1 cache.
    const bool prefetch = g_->node_count() > (1U << 12);
    while (!radix_.empty()) {
      if (scanned >= budget) {
        budget = std::numeric_limits<std::uint64_t>::max();  // one try: the weights may not suit
        if (run_buckets(w, last, targets, targets_left)) {
          queue_ = queue::buckets;
          return;
        }
      }
      const detail::radix_heap::entry e = radix_.pop();
      const std::uint32_t u = e.node.value();
      node_state& su = st[u];
      if (su.stamp != stamp_ || su.dist != detail::radix_heap::value(e.key)) continue;  // stale
      su.stamp = stamp_ + 1;                                                            // settled
      ++settled_;
      if (targets_left != 0 && is_target_[u] == stamp_) {
        if (!target_.valid()) target_ = e.node;
        if (rule == stop::first_target || --targets_left == 0) break;
      }
      const double du = su.dist;
      last = du;
      const std::uint32_t begin_l = first[u], end_l = first[u + 1];
      scanned += end_l - begin_l;
      if (prefetch) {
        for (std::uint32_t l = begin_l; l < end_l; ++l) __builtin_prefetch(st + head[l].value());
      }
      for (std::uint32_t l = begin_l; l < end_l; ++l) {
        const std::uint32_t v = head[l].value();
        node_state& sv = st[v];
        const double dv = du + static_cast<double>(weight(link_id{l}));
        // Unreached: +infinity; settled: a distance <= du <= dv. An unusable link (+infinity or
        // NaN) never passes the comparison.
        const bool fresh = sv.stamp < stamp_;
        if (dv < (fresh ? infinite_distance : sv.dist)) {
          if (prefetch && fresh) {
            // First reached: fetch its links (and their weights) before it is settled.
            __builtin_prefetch(head + first[v]);
            if constexpr (requires { weight.data(); }) __builtin_prefetch(weight.data() + first[v]);
          }
          sv = {dv, link_id{l}, stamp_};
          radix_.push(dv, node_id{v});
        }
      }
    }
  }

  /// A* with potential h (h.prepare(targets) is called first). h must be consistent. A binary
  /// heap on dist + h (A* keys need not be monotone in floating point).
  template <weight_function W, class Potential>
  void run(const W& w, std::span<const node_id> sources, std::span<const node_id> targets,
           Potential& h, stop rule = stop::first_target) {
    std::size_t targets_left = begin(targets);
    h.prepare(targets);
    queue_ = queue::binary_heap;
    heap_.clear();
    for (const node_id s : sources) {
      if (reached(s)) continue;
      label(s, 0, link_id::invalid());
      heap_.push_back({h(s), s});
    }
    std::make_heap(heap_.begin(), heap_.end(), std::greater<>{});
    while (!heap_.empty()) {
      std::pop_heap(heap_.begin(), heap_.end(), std::greater<>{});
      const node_id u = heap_.back().node;
      heap_.pop_back();
      if (settled(u)) continue;  // stale entry
      state_[u.value()].stamp = stamp_ + 1;
      ++settled_;
      if (targets_left != 0 && is_target_[u.value()] == stamp_) {
        if (!target_.valid()) target_ = u;
        if (rule == stop::first_target || --targets_left == 0) break;
      }
      const double du = state_[u.value()].dist;
      for (const link_id l : g_->out_links(u)) {
        const double wl = static_cast<double>(w(l));
        if (!(wl < infinite_distance)) continue;  // unusable or NaN
        const node_id v = g_->head(l);
        if (settled(v)) continue;
        const double dv = du + wl;
        if (!reached(v) || dv < state_[v.value()].dist) {
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
    return reached(v) ? state_[v.value()].dist : infinite_distance;
  }
  [[nodiscard]] bool reached(node_id v) const noexcept { return state_[v.value()].stamp >= stamp_; }
  [[nodiscard]] bool settled(node_id v) const noexcept {
    return state_[v.value()].stamp == stamp_ + 1;
  }
  /// The link into v on its shortest path (invalid for sources and unreached nodes). O(1).
  [[nodiscard]] link_id parent_link(node_id v) const noexcept {
    return reached(v) ? state_[v.value()].parent : link_id::invalid();
  }
  /// The queue of the last run (for benchmarks and tests; the answers do not depend on it).
  [[nodiscard]] queue last_queue() const noexcept { return queue_; }
  /// True when a target was settled in the last run.
  [[nodiscard]] bool found() const noexcept { return target_.valid(); }
  /// The first target settled (the nearest), or invalid.
  [[nodiscard]] node_id target() const noexcept { return target_; }
  /// Nodes settled by the last run (a measure of search effort; a node scanned twice by the
  /// bucket queue counts once).
  [[nodiscard]] std::uint32_t settled_count() const noexcept { return settled_; }
  /// Links of the shortest path from a source to t, in travel order; empty when t is a source
  /// or unreached. Precondition: settled(t). O(path length).
  [[nodiscard]] std::vector<link_id> path_links(node_id t) const {
    std::vector<link_id> out;
    if (!reached(t)) return out;
    for (link_id l = state_[t.value()].parent; l.valid(); l = state_[g_->tail(l).value()].parent) {
      out.push_back(l);
    }
    std::reverse(out.begin(), out.end());
    return out;
  }
  [[nodiscard]] const network& graph() const noexcept { return *g_; }

 private:
  /// Per node, packed so that a relaxation touches one cache line: stamp == stamp_ reached
  /// (dist and parent valid), stamp_ + 1 settled, below stamp_ untouched in this run.
  struct node_state {
    double dist = infinite_distance;
    link_id parent;
    std::uint32_t stamp = 0;
  };
  struct entry {
    double key;
    node_id node;
    friend bool operator>(const entry& a, const entry& b) noexcept {
      return a.key > b.key || (a.key == b.key && a.node > b.node);
    }
  };

  void label(node_id v, double d, link_id via) noexcept { state_[v.value()] = {d, via, stamp_}; }

  /// Continues a run with a bucket queue (Dial 1969), taking over the radix heap's live entries,
  /// whose keys are >= `from`, the last distance settled. Buckets of width lo = the least
  /// positive weight, in a circular array of at least largest / lo + 3 buckets, so that a push
  /// never wraps onto the bucket being scanned (a key in the heap is at most from + largest). A
  /// positive link from bucket k lands in bucket k + 1 or later, so a bucket's nodes are final
  /// once the earlier buckets are done, whatever the order within it; zero-weight links land in
  /// bucket k itself and may improve a node already scanned, which is then pushed and scanned
  /// again (label correcting), so the result is exact in any case.
  /// Returns false, having done nothing, when the weights do not suit: no positive weight, a
  /// negative one, or a range that would need more than 2^20 buckets (or more than
  /// max(1024, 4 per node)).
  /// With targets (stop::all_targets): once the last of the `targets_left` targets is scanned,
  /// the rest of its bucket is scanned too, and the search stops. Every node of that bucket or an
  /// earlier one then has its final distance, the targets among them.
  template <weight_function W>
  bool run_buckets(const W& w, double from, std::span<const node_id> targets,
                   std::size_t targets_left) {
    const detail::weight_range r = detail::range_of(w, g_->link_count());
    if (r.negative || !(r.least_positive < infinite_distance)) return false;
    const double span = r.largest / r.least_positive + 3;
    const double limit = std::min(double{1 << 20}, std::max(1024.0, 4.0 * g_->node_count()));
    if (!(span <= limit)) return false;
    const std::uint32_t nb = std::max(64U, std::bit_ceil(static_cast<std::uint32_t>(span)));
    if (buckets_.list.size() < nb) buckets_.list.resize(nb);
    buckets_.used.assign(nb / 64, 0);
    std::vector<std::uint32_t>* list = buckets_.list.data();
    std::uint64_t* used = buckets_.used.data();
    const std::uint64_t mask = nb - 1;
    const std::size_t word_mask = nb / 64 - 1;
    const double inverse_width = 1 / r.least_positive;
    // The bucket being scanned (absolute, not modulo nb).
    std::uint64_t current = static_cast<std::uint64_t>(from * inverse_width);
    const std::uint32_t* first = g_->first_out().data();
    const node_id* head = g_->heads().data();
    node_state* st = state_.data();
    const std::uint32_t stamp = stamp_;
    // The heap's live entries (keys >= from, so never below the current bucket) move over.
    radix_.for_each([&](const detail::radix_heap::entry& e) {
      const node_state& s = st[e.node.value()];
      if (s.stamp != stamp || s.dist != detail::radix_heap::value(e.key)) return;  // stale
      const std::uint64_t b = static_cast<std::uint64_t>(s.dist * inverse_width);
      list[b & mask].push_back(e.node.value());
      used[(b & mask) >> 6] |= std::uint64_t{1} << (b & 63);
    });
    const W weight = w;  // a local copy: the compiler need not reload it after each store
    // Prefetching neighbours pays once the node state no longer fits in the L2 cache.
    const bool prefetch = g_->node_count() > (1U << 16);
    bool last_bucket = false;
    for (;;) {
      // The next non-empty bucket, circularly from the current one; none left: done.
      std::uint64_t slot = current & mask;
      std::size_t word = slot >> 6;
      std::uint64_t bits = used[word] & (~std::uint64_t{0} << (slot & 63));
      for (std::size_t k = 0; bits == 0 && k <= word_mask + 1; ++k) {
        word = (word + 1) & word_mask;
        bits = used[word];
      }
      if (bits == 0) break;
      const std::uint64_t next = word * 64 + static_cast<std::uint64_t>(std::countr_zero(bits));
      current += (next - slot) & mask;
      slot = next;
      std::vector<std::uint32_t>& bucket = list[slot];
      while (!bucket.empty()) {
        const std::uint32_t u = bucket.back();
        bucket.pop_back();
        node_state& su = st[u];
        if (su.stamp != stamp) continue;  // already scanned with this distance
        su.stamp = stamp + 1;
        ++settled_;
        if (targets_left != 0 && is_target_[u] == stamp) {
          is_target_[u] = stamp + 1;  // counted (a second scan must not count it again)
          if (--targets_left == 0) last_bucket = true;
        }
        // The relaxation below repeats the radix heap's on purpose: a shared helper taking the
        // push as a callback measured 5-10% slower on road:1e4 (GCC 12).
        const double du = su.dist;
        const std::uint32_t begin_l = first[u], end_l = first[u + 1];
        if (prefetch) {
          for (std::uint32_t l = begin_l; l < end_l; ++l) __builtin_prefetch(st + head[l].value());
        }
        for (std::uint32_t l = begin_l; l < end_l; ++l) {
          const std::uint32_t v = head[l].value();
          node_state& sv = st[v];
          const double dv = du + static_cast<double>(weight(link_id{l}));
          const bool fresh = sv.stamp < stamp;
          if (dv < (fresh ? infinite_distance : sv.dist)) {
            if (prefetch && fresh) {
              __builtin_prefetch(head + first[v]);
              if constexpr (requires { weight.data(); })
                __builtin_prefetch(weight.data() + first[v]);
            }
            if (sv.stamp == stamp + 1) --settled_;  // scanned already: it will be again
            sv = {dv, link_id{l}, stamp};
            // 0 <= dv / lo < 2^52 here (no negative weight, dv < n x largest), so the cast is
            // exact in range; never below the current bucket.
            const std::uint64_t b =
                std::max(current, static_cast<std::uint64_t>(dv * inverse_width));
            list[b & mask].push_back(v);
            used[(b & mask) >> 6] |= std::uint64_t{1} << (b & 63);
          }
        }
      }
      used[slot >> 6] &= ~(std::uint64_t{1} << (slot & 63));
      if (last_bucket) {
        // Empty the lists left for the next run (each non-empty one has its bit set).
        for (std::size_t k = 0; k < nb / 64; ++k) {
          for (std::uint64_t b = used[k]; b != 0; b &= b - 1) {
            list[k * 64 + static_cast<std::size_t>(std::countr_zero(b))].clear();
          }
        }
        break;
      }
    }
    // The nearest target (the first one a heap would have settled).
    double nearest = infinite_distance;
    for (const node_id t : targets) {
      if (settled(t) && st[t.value()].dist < nearest) {
        nearest = st[t.value()].dist;
        target_ = t;
      }
    }
    return true;
  }
  /// Starts a run: a fresh stamp, the targets marked; returns the number of distinct targets.
  std::size_t begin(std::span<const node_id> targets) {
    if (stamp_ >= 0xFFFFFFF0U) {  // about to wrap: clear once every 2^31 runs
      for (node_state& x : state_) x.stamp = 0;
      std::fill(is_target_.begin(), is_target_.end(), 0);
      stamp_ = 2;
    }
    stamp_ += 2;
    target_ = node_id::invalid();
    settled_ = 0;
    std::size_t n = 0;
    for (const node_id t : targets) {
      if (is_target_[t.value()] != stamp_) {
        is_target_[t.value()] = stamp_;
        ++n;
      }
    }
    return n;
  }

  const network* g_;
  std::vector<node_state> state_;
  std::vector<std::uint32_t> is_target_;
  std::uint32_t stamp_ = 2;  ///< above the initial node stamps (0): nothing reached before a run
  detail::radix_heap radix_;
  detail::bucket_array buckets_;
  std::vector<entry> heap_;
  node_id target_;
  std::uint32_t settled_ = 0;
  queue queue_ = queue::none;
};

}  // namespace corridor
