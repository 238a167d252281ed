// Contraction hierarchies and bidirectional Dijkstra against Floyd-Warshall on random graphs (zero
// weights, parallel links, self-loops, unusable links, unreachable pairs): every pair's distance, a
// path whose links join up and add up to it, and many-to-many skims equal to skim().
#include <algorithm>
#include <limits>
#include <random>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/path/bidirectional.hpp"
#include "corridor/path/contraction.hpp"
#include "corridor/path/skim.hpp"
#include "graph_oracles.hpp"
#include "test_support.hpp"

using namespace corridor;

TEST_CASE(
    "contraction hierarchy and bidirectional search: distances, paths and skims equal "
    "Floyd-Warshall" *
    doctest::test_suite("slow")) {
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::mt19937_64 rng(test::seed());
  for (int round = 0; round < 150; ++round) {
    CAPTURE(round);
    const auto n = std::uniform_int_distribution<std::uint32_t>(1, 45)(rng);
    const auto m = std::uniform_int_distribution<std::uint32_t>(0, 5 * n)(rng);
    const test::random_graph rg = test::make_random_graph(n, m, rng, [](std::mt19937_64& r) {
      const auto k = r() % 20;
      return k == 0 ? inf : static_cast<double>(r() % (k < 3 ? 1 : 30));
    });
    const network& g = rg.graph;
    const std::vector<double>& w = rg.weight;
    const std::vector<double> d = test::floyd_warshall(g, w);
    const auto at = [&](std::uint32_t i, std::uint32_t j) { return d[std::size_t{i} * n + j]; };
    ch_options opt;
    opt.witness_settle_limit = 1 + static_cast<std::uint32_t>(rng() % 40);  // tiny limits too
    const contraction_hierarchy ch(g, by_column(w), opt);
    ch_query q(ch);
    bidirectional_query bq(g);
    for (std::uint32_t s = 0; s < n; ++s) {
      for (std::uint32_t t = 0; t < n; ++t) {
        CAPTURE(s);
        CAPTURE(t);
        const bool found = q.run(node_id{s}, node_id{t});
        REQUIRE(found == (at(s, t) < inf));
        if (!found) {
          CHECK_FALSE(bq.run(by_column(w), node_id{s}, node_id{t}));
          continue;
        }
        CHECK(q.distance() == at(s, t));
        // The path: consecutive links, from s to t, adding up to the distance.
        const std::vector<link_id> p = q.path_links();
        double sum = 0;
        node_id v{s};
        for (const link_id l : p) {
          REQUIRE(g.tail(l) == v);
          sum += w[l.value()];
          v = g.head(l);
        }
        CHECK(v == node_id{t});
        CHECK(sum == at(s, t));
        // Bidirectional Dijkstra: the same distance, a path that adds up to it.
        REQUIRE(bq.run(by_column(w), node_id{s}, node_id{t}));
        CHECK(bq.distance() == at(s, t));
        double bsum = 0;
        node_id bv{s};
        for (const link_id l : bq.path_links()) {
          REQUIRE(g.tail(l) == bv);
          bsum += w[l.value()];
          bv = g.head(l);
        }
        CHECK(bv == node_id{t});
        CHECK(bsum == at(s, t));
      }
    }
    std::vector<node_set> zones;
    for (int k = 0; k < 8; ++k) {
      node_set z{node_id{static_cast<std::uint32_t>(rng() % n)}};
      if (rng() % 3 == 0) z.push_back(node_id{static_cast<std::uint32_t>(rng() % n)});
      zones.push_back(z);
    }
    const Eigen::MatrixXd by_dijkstra =
        skim(g, by_column(w), zones, zones, skim_options{1, skim_engine::dijkstra});
    CHECK(ch_skim(ch, zones, zones, 1 + static_cast<unsigned>(rng() % 3)) == by_dijkstra);
    CHECK(skim(g, by_column(w), zones, zones, skim_options{2, skim_engine::hierarchy}) ==
          by_dijkstra);
  }
}

TEST_CASE("skim: the automatic engine takes the hierarchy for many origins, same matrix" *
          doctest::test_suite("slow")) {
  // A 110 x 110 grid with random integer weights (12,100 nodes), 510 origins, 100 destinations: on
  // one thread the automatic engine builds a hierarchy.
  std::mt19937_64 rng(test::seed());
  const std::uint32_t side = 110, n = side * side;
  const test::random_graph grid = test::make_grid_graph(side, rng, [](std::mt19937_64& r) {
    const double wt = static_cast<double>(1 + r() % 100);
    return std::pair{wt, wt + static_cast<double>(r() % 3)};
  });
  const network& g = grid.graph;
  const std::vector<double>& w = grid.weight;
  std::vector<node_set> origins, destinations;
  for (int i = 0; i < 510; ++i) origins.push_back({node_id{static_cast<std::uint32_t>(rng() % n)}});
  for (int i = 0; i < 100; ++i) {
    destinations.push_back({node_id{static_cast<std::uint32_t>(rng() % n)}});
  }
  REQUIRE(skim_uses_hierarchy(n, origins.size(), destinations.size(), skim_options{1}));
  CHECK_FALSE(skim_uses_hierarchy(n, origins.size(), destinations.size(), skim_options{2}));
  const Eigen::MatrixXd automatic = skim(g, by_column(w), origins, destinations, 1);
  const Eigen::MatrixXd dijkstra =
      skim(g, by_column(w), origins, destinations, skim_options{2, skim_engine::dijkstra});
  CHECK(automatic == dijkstra);
}
