// Customizable contraction hierarchies against Floyd-Warshall on random graphs (zero weights,
// parallel links, self-loops, unusable links, unreachable pairs), re-customized with new weights
// on the same hierarchy; and against Dijkstra on a grid, with several sources and targets.
#include <algorithm>
#include <limits>
#include <random>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/path/customizable.hpp"
#include "corridor/path/dijkstra.hpp"
#include "graph_oracles.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

/// The path's links join up from `from` to `to`; returns their total weight.
double path_weight(const network& g, std::span<const double> w, const std::vector<link_id>& p,
                   node_id from, node_id to) {
  double sum = 0;
  node_id v = from;
  for (const link_id l : p) {
    REQUIRE(g.tail(l) == v);
    sum += w[l.value()];
    v = g.head(l);
  }
  CHECK(v == to);
  return sum;
}

}  // namespace

TEST_CASE("customizable hierarchy: distances and paths equal Floyd-Warshall, re-customized" *
          doctest::test_suite("slow")) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::mt19937_64 rng(test::seed());
  const auto random_weight = [](std::mt19937_64& r) {
    const auto k = r() % 20;
    return k == 0 ? inf : static_cast<double>(r() % (k < 3 ? 1 : 30));
  };
  for (int round = 0; round < 150; ++round) {
    CAPTURE(round);
    const auto n = std::uniform_int_distribution<std::uint32_t>(1, 45)(rng);
    const auto m = std::uniform_int_distribution<std::uint32_t>(0, 5 * n)(rng);
    const test::random_graph rg = test::make_random_graph(n, m, rng, random_weight);
    const network& g = rg.graph;
    customizable_hierarchy h(g);
    // Ranks are a permutation, and every upward arc goes to a higher rank.
    std::vector<std::uint32_t> ranks;
    for (std::uint32_t v = 0; v < n; ++v) ranks.push_back(h.rank(node_id{v}));
    std::sort(ranks.begin(), ranks.end());
    for (std::uint32_t v = 0; v < n; ++v) REQUIRE(ranks[v] == v);
    // Two weight vectors on one hierarchy: the second customization replaces the first.
    std::vector<double> w2(g.link_count());
    for (double& x : w2) x = random_weight(rng);
    for (const std::vector<double>* w :
         {&rg.weight, static_cast<const std::vector<double>*>(&w2)}) {
      h.customize(by_column(*w));
      const std::vector<double> d = test::floyd_warshall(g, *w);
      cch_query q(h);
      for (std::uint32_t s = 0; s < n; ++s) {
        for (std::uint32_t t = 0; t < n; ++t) {
          CAPTURE(s);
          CAPTURE(t);
          const double expect = d[std::size_t{s} * n + t];
          REQUIRE(q.run(node_id{s}, node_id{t}) == (expect < inf));
          if (!(expect < inf)) {
            CHECK(q.path_links().empty());
            continue;
          }
          CHECK(q.distance() == expect);
          CHECK(path_weight(g, *w, q.path_links(), node_id{s}, node_id{t}) == expect);
        }
      }
    }
  }
}

TEST_CASE("customizable hierarchy: a grid against Dijkstra, several sources and targets") {
  // A 60 x 60 grid (3,600 nodes), both directions with different random integer weights, a fifth
  // of the streets missing; some links unusable in the second customization (a closure).
  std::mt19937_64 rng(test::seed());
  const std::uint32_t side = 60, n = side * side;
  const test::random_graph grid = test::make_grid_graph(side, rng, [](std::mt19937_64& r) {
    const double forward = static_cast<double>(1 + r() % 100);
    return std::pair{forward, static_cast<double>(1 + r() % 100)};
  });
  const network& g = grid.graph;
  std::vector<double> w = grid.weight;
  // Two orders: breadth-first levels, and geometric cuts (positions on a 1 km grid).
  std::vector<geo::lonlat> position(n);
  for (std::uint32_t v = 0; v < n; ++v) {
    position[v] = {100 + 0.009 * (v % side), 15 + 0.009 * (v / side)};
  }
  customizable_hierarchy by_levels(g), by_position(g, position);
  // Nested dissection keeps the fill-in small: a 60 x 60 grid's chordal supergraph stays far
  // below the n^2 / 2 of a bad order.
  CHECK(by_levels.arc_count() < 20 * std::size_t{n});
  CHECK(by_position.arc_count() < 20 * std::size_t{n});
  dijkstra_query dq(g);
  for (int phase = 0; phase < 4; ++phase) {
    CAPTURE(phase);
    customizable_hierarchy& h = phase % 2 == 0 ? by_levels : by_position;
    cch_query q(h);
    if (phase == 2) {
      for (double& x : w) {
        if (rng() % 10 == 0) x = std::numeric_limits<double>::infinity();
      }
    }
    h.customize(by_column(w));
    for (int k = 0; k < 60; ++k) {
      CAPTURE(k);
      node_set s, t;
      for (std::uint64_t i = 0, ns = 1 + rng() % 3; i < ns; ++i) {
        s.push_back(node_id{static_cast<std::uint32_t>(rng() % n)});
      }
      for (std::uint64_t i = 0, nt = 1 + rng() % 3; i < nt; ++i) {
        t.push_back(node_id{static_cast<std::uint32_t>(rng() % n)});
      }
      dq.run(by_column(w), s, t);
      REQUIRE(q.run(s, t) == dq.found());
      if (!dq.found()) continue;
      CHECK(q.distance() == dq.distance(dq.target()));
      const std::vector<link_id> p = q.path_links();
      // The path starts at a source and ends at a target.
      const node_id from = p.empty() ? dq.target() : g.tail(p.front());
      const node_id to = p.empty() ? dq.target() : g.head(p.back());
      CHECK(std::find(s.begin(), s.end(), from) != s.end());
      CHECK(std::find(t.begin(), t.end(), to) != t.end());
      CHECK(path_weight(g, w, p, from, to) == q.distance());
    }
  }
}
