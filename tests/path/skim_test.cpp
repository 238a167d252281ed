#include <algorithm>
#include <limits>
#include <random>

#include <doctest/doctest.h>

#include "corridor/path/route.hpp"
#include "corridor/path/skim.hpp"
#include "graph_oracles.hpp"
#include "sample_networks.hpp"
#include "test_support.hpp"

using namespace corridor;

TEST_CASE("skims equal one search per pair, and skim_along sums the second measure") {
  const built_network net = test::mini_kunming_bangkok();
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  const std::vector<double> w = c.criterion_weights(criterion::cost);
  std::vector<node_set> zones;
  for (std::uint32_t p = 0; p < net.place_count(); ++p) zones.push_back(net.nodes_of(p));
  const Eigen::MatrixXd m = skim(net.graph, by_column(w), zones, zones);
  const Eigen::MatrixXd km =
      skim_along(net.graph, by_column(w), by_column(c.distance_km), zones, zones);
  REQUIRE(m.rows() == net.place_count());
  for (std::uint32_t i = 0; i < net.place_count(); ++i) {
    for (std::uint32_t j = 0; j < net.place_count(); ++j) {
      const route r = find_route(net, c, criterion::cost, {}, i, j);
      REQUIRE(r.status == route_status::ok);  // the mini network is connected
      CHECK(m(i, j) == doctest::Approx(r.totals.weight));
      CHECK(km(i, j) == doctest::Approx(r.totals.distance_km));
    }
  }
  CHECK(m.diagonal().isZero());
}

TEST_CASE("threaded skims equal Floyd-Warshall, for any thread count") {
  std::mt19937_64 rng(test::seed());
  for (int round = 0; round < 60; ++round) {
    CAPTURE(round);
    const auto n = std::uniform_int_distribution<std::uint32_t>(1, 40)(rng);
    const auto m = std::uniform_int_distribution<std::uint32_t>(0, 5 * n)(rng);
    const test::random_graph rg = test::make_random_graph(
        n, m, rng, [](std::mt19937_64& r) { return static_cast<double>(r() % 50); });
    const network& g = rg.graph;
    const std::vector<double>& w = rg.weight;
    const std::vector<double> d = test::floyd_warshall(g, w);
    // Zones of one or two nodes.
    std::vector<node_set> zones;
    for (int z = 0; z < 12; ++z) {
      node_set s{node_id{static_cast<std::uint32_t>(rng() % n)}};
      if (rng() % 3 == 0) s.push_back(node_id{static_cast<std::uint32_t>(rng() % n)});
      zones.push_back(s);
    }
    for (const unsigned threads : {1U, 2U, 3U, 8U}) {
      CAPTURE(threads);
      const Eigen::MatrixXd got = skim(g, by_column(w), zones, zones, threads);
      for (std::size_t i = 0; i < zones.size(); ++i) {
        for (std::size_t j = 0; j < zones.size(); ++j) {
          double best = std::numeric_limits<double>::infinity();
          for (const node_id a : zones[i])
            for (const node_id b : zones[j])
              best = std::min(best, d[std::size_t{a.value()} * n + b.value()]);
          CHECK(got(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) == best);
        }
      }
    }
  }
}
