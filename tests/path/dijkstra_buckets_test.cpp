// The one-to-all bucket queue of dijkstra_query against Bellman-Ford, a hand-checked case whose
// zero-weight links force a second scan, the radix heap on the same graphs, and the fallback.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>
#include <random>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/path/dijkstra.hpp"
#include "graph_oracles.hpp"
#include "test_support.hpp"

using namespace corridor;
using queue = dijkstra_query::queue;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();

std::vector<double> bellman_ford(const network& g, const std::vector<double>& w,
                                 const std::vector<node_id>& sources) {
  std::vector<double> d(g.node_count(), inf);
  for (const node_id s : sources) d[s.value()] = 0;
  for (std::uint32_t round = 0; round <= g.node_count(); ++round) {
    bool changed = false;
    for (std::uint32_t l = 0; l < g.link_count(); ++l) {
      const auto u = g.tail(link_id{l}).value(), v = g.head(link_id{l}).value();
      if (d[u] + w[l] < d[v]) {  // +inf and NaN weights never pass
        d[v] = d[u] + w[l];
        changed = true;
      }
    }
    if (!changed) break;
  }
  return d;
}

/// Checks q's last run against the oracle: distances, the parent links (each reached non-source
/// node's parent link ends there and its tail's distance plus the weight gives the distance),
/// every reached node settled, and settled_count the number of distinct reached nodes.
void check_run(const dijkstra_query& q, const network& g, const std::vector<double>& w,
               const std::vector<node_id>& sources, const std::vector<double>& oracle) {
  std::uint32_t reached = 0;
  for (std::uint32_t v = 0; v < g.node_count(); ++v) {
    const node_id t{v};
    if (oracle[v] == inf) {
      REQUIRE(q.distance(t) == inf);
      CHECK_FALSE(q.parent_link(t).valid());
      continue;
    }
    ++reached;
    REQUIRE(q.distance(t) == doctest::Approx(oracle[v]).epsilon(1e-12));
    CHECK(q.settled(t));
    const link_id p = q.parent_link(t);
    if (std::find(sources.begin(), sources.end(), t) != sources.end()) {
      CHECK_FALSE(p.valid());
      continue;
    }
    REQUIRE(p.valid());
    CHECK(g.head(p) == t);
    CHECK(q.distance(g.tail(p)) + w[p.value()] == q.distance(t));
  }
  CHECK(q.settled_count() == reached);
}

/// The queue a one-to-all run must end on, or none when either may (see dijkstra_query::run):
/// it starts on the radix heap and moves to the buckets at a pop once m / 32 links have been
/// scanned, if the weights have a positive least and a narrow enough range (`suits`). Reached
/// nodes (finite in the oracle) are all scanned: S links in all. S < m / 32: the move never
/// comes; S - (the most links of a reached node) >= m / 32: it comes, at the latest before the
/// last node's pop.
std::optional<queue> expected_queue(const network& g, const std::vector<double>& oracle,
                                    bool suits) {
  if (!suits) return queue::radix_heap;
  std::uint64_t scanned = 0, widest = 0;
  for (std::uint32_t v = 0; v < g.node_count(); ++v) {
    if (oracle[v] == inf) continue;
    const std::uint64_t d = g.out_links(node_id{v}).size();
    scanned += d;
    widest = std::max(widest, d);
  }
  const std::uint64_t budget = g.link_count() / 32;
  if (scanned < budget) return queue::radix_heap;
  if (scanned - widest >= budget) return queue::buckets;
  return std::nullopt;
}
}  // namespace

TEST_CASE("one-to-all bucket queue: hand-checked zero-weight rescan") {
  // s=0 -> a=1 (1.0), s -> b=2 (1.5), a -> c=3 (0), b -> c (0), c -> d=4 (1). Buckets are 1.0
  // wide: a and b share bucket 1, and c, reached from whichever is scanned first, may be
  // scanned at 1.5 before a gives it 1.0. Answers: c = 1.0 via a -> c, d = 2.0.
  const std::vector<node_id> t{node_id{0}, node_id{0}, node_id{1}, node_id{2}, node_id{3}};
  const std::vector<node_id> h{node_id{1}, node_id{2}, node_id{3}, node_id{3}, node_id{4}};
  std::vector<std::uint32_t> perm;
  const network g = network::from_arcs(5, t, h, perm);
  const std::vector<double> w_in{1.0, 1.5, 0.0, 0.0, 1.0};
  const std::vector<double> w = apply_permutation<double>(perm, w_in);
  dijkstra_query q(g);
  const node_id s{0};
  q.run(by_column(w), std::span<const node_id>(&s, 1));
  CHECK(q.last_queue() == queue::buckets);
  CHECK(q.distance(node_id{3}) == 1.0);
  CHECK(q.distance(node_id{4}) == 2.0);
  CHECK(g.tail(q.parent_link(node_id{3})) == node_id{1});
  CHECK(q.path_links(node_id{4}).size() == 3);
  CHECK(q.settled_count() == 5);
  // All of targets b and c: both are scanned (b at 1.5, then c at 1.5 through b) before a, in
  // the same bucket, gives c 1.0: the search must finish the bucket before it stops.
  const std::vector<node_id> bc{node_id{2}, node_id{3}};
  q.run(by_column(w), std::span<const node_id>(&s, 1), bc, dijkstra_query::stop::all_targets);
  CHECK(q.last_queue() == queue::buckets);
  CHECK(q.distance(node_id{2}) == 1.5);
  CHECK(q.distance(node_id{3}) == 1.0);
  CHECK(q.target() == node_id{3});  // the nearest
}

TEST_CASE("one-to-all bucket queue matches Bellman-Ford on 2000 random multigraphs") {
  std::mt19937_64 rng(test::seed());
  int bucket_runs = 0, target_runs = 0, short_runs = 0;
  for (int round = 0; round < 2000; ++round) {
    const auto n = static_cast<std::uint32_t>(1 + rng() % 60);
    const auto m = static_cast<std::uint32_t>(rng() % (4 * n + 1));
    const int style = round % 4;
    const test::random_graph r = test::make_random_graph(n, m, rng, [&](std::mt19937_64& e) {
      const auto kind = e() % 10;
      if (kind == 0) return 0.0;                                       // zero: same-bucket pushes
      if (kind == 1) return inf;                                       // unusable
      if (kind == 2) return std::numeric_limits<double>::quiet_NaN();  // unusable too
      if (style == 0) return static_cast<double>(1 + e() % 5);         // integer ties
      if (style == 1) return 0.1 * static_cast<double>(1 + e() % 30);  // inexact decimals
      if (style == 2) return std::uniform_real_distribution<double>(0.5, 40)(e);
      return 1.0 + 1e-15 * static_cast<double>(e() % 7);  // all nearly one bucket width
    });
    std::vector<node_id> sources{node_id{static_cast<std::uint32_t>(rng() % n)}};
    if (rng() % 4 == 0) sources.push_back(node_id{static_cast<std::uint32_t>(rng() % n)});
    const std::vector<double> oracle = bellman_ford(r.graph, r.weight, sources);

    dijkstra_query q(r.graph);
    for (int rerun = 0; rerun < 2; ++rerun) {  // reused: timestamps must isolate runs
      if (rerun == 0) {
        q.run(by_column(r.weight), sources);
      } else {  // a weight function, not a column: the range pass calls it
        q.run([&](link_id l) { return r.weight[l.value()]; }, sources);
      }
      check_run(q, r.graph, r.weight, sources, oracle);
      const bool positive =
          std::any_of(r.weight.begin(), r.weight.end(), [](double x) { return x > 0 && x < inf; });
      const std::optional<queue> expected = expected_queue(r.graph, oracle, positive);
      if (expected) CHECK(q.last_queue() == *expected);
      bucket_runs += q.last_queue() == queue::buckets;
      short_runs += positive && q.last_queue() == queue::radix_heap;
    }
    // All of 2-5 targets (n <= 60: "many"): the search stops after the last target's bucket;
    // the targets' distances and the nearest target must be exact all the same.
    std::vector<node_id> targets;
    for (std::uint64_t t = 0, k = 2 + rng() % 4; t < k; ++t) {
      targets.push_back(node_id{static_cast<std::uint32_t>(rng() % n)});
    }
    q.run(by_column(r.weight), sources, targets, dijkstra_query::stop::all_targets);
    double nearest = inf;
    for (const node_id t : targets) {
      if (oracle[t.value()] == inf) {
        REQUIRE(q.distance(t) == inf);
      } else {
        REQUIRE(q.distance(t) == doctest::Approx(oracle[t.value()]).epsilon(1e-12));
      }
      CHECK(q.settled(t) == (oracle[t.value()] < inf));
      nearest = std::min(nearest, oracle[t.value()]);
    }
    CHECK(q.found() == (nearest < inf));
    if (nearest < inf) CHECK(q.distance(q.target()) == doctest::Approx(nearest).epsilon(1e-12));
    target_runs += q.last_queue() == queue::buckets;
  }
  INFO("runs on the buckets: ", bucket_runs, " one-to-all, ", target_runs,
       " for targets; one-to-all over before the move: ", short_runs);
  CHECK(bucket_runs > 3000);
  CHECK(target_runs > 1000);
  CHECK(short_runs > 100);
}

TEST_CASE("bucket queue equals a binary heap on grids: one-to-all and many targets" *
          doctest::test_suite("slow")) {
  // Integer weights: sums are exact, so both engines must give identical distances. The binary
  // heap is the A* engine with the zero potential and no targets: a full Dijkstra tree.
  std::mt19937_64 rng(test::seed() + 1);
  for (const std::uint32_t side : {2U, 17U, 80U}) {
    const test::random_graph r = test::make_grid_graph(side, rng, [](std::mt19937_64& e) {
      const auto a = static_cast<double>(e() % 4 == 0 ? 0 : 1 + e() % 9);
      return std::pair{a, static_cast<double>(1 + e() % 9)};
    });
    const std::uint32_t n = r.graph.node_count();
    dijkstra_query buckets(r.graph), heap(r.graph);
    zero_potential none;
    for (int k = 0; k < 12; ++k) {
      const std::vector<node_id> s{node_id{static_cast<std::uint32_t>(rng() % n)}};
      heap.run(by_column(r.weight), s, {}, none);
      REQUIRE(heap.last_queue() == queue::binary_heap);
      // One-to-all, after a run stopped early (buckets left behind must not matter).
      buckets.run(by_column(r.weight), s);
      REQUIRE(buckets.last_queue() == queue::buckets);
      for (std::uint32_t v = 0; v < n; ++v) {
        REQUIRE(buckets.distance(node_id{v}) == heap.distance(node_id{v}));
      }
      check_run(buckets, r.graph, r.weight, s, bellman_ford(r.graph, r.weight, s));
      // All of a few or many targets: the search stops once the bucket of the last is done.
      const std::uint32_t count =
          std::array{1U, 2U, 7U, 50U, 300U}[static_cast<std::size_t>(k % 5)];
      std::vector<node_id> targets;
      for (std::uint32_t t = 0; t < count; ++t) {
        targets.push_back(node_id{static_cast<std::uint32_t>(rng() % n)});
      }
      buckets.run(by_column(r.weight), s, targets, dijkstra_query::stop::all_targets);
      std::size_t distinct = targets.size();
      {
        std::vector<node_id> sorted = targets;
        std::sort(sorted.begin(), sorted.end());
        distinct =
            static_cast<std::size_t>(std::unique(sorted.begin(), sorted.end()) - sorted.begin());
      }
      // Few targets: the radix heap throughout; many: the buckets once m / 32 links are scanned.
      if (distinct < 2 || distinct * 1024 < n) CHECK(buckets.last_queue() == queue::radix_heap);
      double nearest = inf;
      for (const node_id t : targets) {
        REQUIRE(buckets.distance(t) == heap.distance(t));
        CHECK(buckets.settled(t) == (heap.distance(t) < inf));
        nearest = std::min(nearest, heap.distance(t));
      }
      if (nearest < inf) {
        REQUIRE(buckets.found());
        CHECK(buckets.distance(buckets.target()) == nearest);
      } else {
        CHECK_FALSE(buckets.found());
      }
    }
  }
}

TEST_CASE("one-to-all moves to the buckets only once m / 32 links are scanned") {
  // A 30 x 30 grid of two-way links (3,480) and, apart, a path 900 -> 901 -> 902 and back (4
  // links): the move comes after 3,484 / 32 = 108 links. From the path the run is over first;
  // from the grid it moves, with the heap's live entries (and stale ones left behind).
  std::mt19937_64 rng(test::seed() + 3);
  std::vector<node_id> t, h;
  std::vector<double> w_in;
  const auto link = [&](std::uint32_t a, std::uint32_t b) {
    t.push_back(node_id{a});
    h.push_back(node_id{b});
    w_in.push_back(0.1 * static_cast<double>(rng() % 50));  // tenths, zero included
  };
  for (std::uint32_t y = 0; y < 30; ++y) {
    for (std::uint32_t x = 0; x < 30; ++x) {
      const std::uint32_t v = y * 30 + x;
      if (x + 1 < 30) link(v, v + 1), link(v + 1, v);
      if (y + 1 < 30) link(v, v + 30), link(v + 30, v);
    }
  }
  link(900, 901), link(901, 900), link(901, 902), link(902, 901);
  std::vector<std::uint32_t> perm;
  const network g = network::from_arcs(903, t, h, perm);
  const std::vector<double> w = apply_permutation<double>(perm, w_in);
  dijkstra_query q(g);
  for (const std::vector<node_id>& s :
       {std::vector<node_id>{node_id{901}}, std::vector<node_id>{node_id{455}},
        std::vector<node_id>{node_id{0}, node_id{902}}}) {
    q.run(by_column(w), s);
    const std::vector<double> oracle = bellman_ford(g, w, s);
    check_run(q, g, w, s, oracle);
    CHECK(q.last_queue() == (s[0] == node_id{901} ? queue::radix_heap : queue::buckets));
    CHECK(q.settled_count() == (s[0] == node_id{901} ? 3U : s.size() == 1 ? 900U : 903U));
  }
}

TEST_CASE("one-to-all falls back to the radix heap when the weights' range is too wide") {
  std::mt19937_64 rng(test::seed() + 2);
  // 1e-6 .. 1e6: a trillion buckets would be needed.
  const test::random_graph r = test::make_random_graph(200, 800, rng, [](std::mt19937_64& e) {
    return e() % 2 == 0 ? 1e-6 * static_cast<double>(1 + e() % 9) : 1e6;
  });
  dijkstra_query q(r.graph);
  const std::vector<node_id> s{node_id{3}};
  q.run(by_column(r.weight), s);
  CHECK(q.last_queue() == queue::radix_heap);
  check_run(q, r.graph, r.weight, s, bellman_ford(r.graph, r.weight, s));
  // All weights zero or unusable: no bucket width.
  const std::vector<double> zeros(r.graph.link_count(), 0.0);
  q.run(by_column(zeros), s);
  CHECK(q.last_queue() == queue::radix_heap);
  check_run(q, r.graph, zeros, s, bellman_ford(r.graph, zeros, s));
}

TEST_CASE("weight range: the vectorised pass over a column equals the generic pass") {
  // The column pass takes four weights per step with a scalar tail; the generic pass (a weight
  // function) is a plain loop. Both must find the same least positive and largest finite weight
  // and the same sign, with NaN, +-0, +inf and negative weights among them, at every length.
  std::mt19937_64 rng(test::seed() + 3);
  const double specials[] = {0.0,  -0.0,   inf, -inf, std::numeric_limits<double>::quiet_NaN(),
                             -2.5, 1e-300, 7.0};
  for (int round = 0; round < 3000; ++round) {
    const auto m =
        round < 40 ? static_cast<std::uint32_t>(round) : static_cast<std::uint32_t>(rng() % 200);
    std::vector<double> w(m);
    const bool with_negative = rng() % 3 == 0;
    for (double& x : w) {
      x = rng() % 4 == 0 ? specials[rng() % 8]
                         : std::uniform_real_distribution<double>(0.001, 1000)(rng);
      if (!with_negative && (x < 0 || x == -inf)) x = 1.0;
    }
    const detail::weight_range a = detail::range_of(by_column(w), m);
    const detail::weight_range b = detail::range_of([&](link_id l) { return w[l.value()]; }, m);
    // The oracle, written out.
    double lo = inf, hi = 0;
    bool negative = false;
    for (const double x : w) {
      if (x > 0) lo = std::min(lo, x);
      if (x < inf && !std::isnan(x)) hi = std::max(hi, x);
      if (x < 0) negative = true;
    }
    REQUIRE(a.least_positive == lo);
    REQUIRE(b.least_positive == lo);
    REQUIRE(a.largest == hi);
    REQUIRE(b.largest == hi);
    REQUIRE(a.negative == negative);
    REQUIRE(b.negative == negative);
  }
}
