#include <random>

#include <doctest/doctest.h>

#include "corridor/path/route.hpp"
#include "corridor/path/skim.hpp"
#include "sample_networks.hpp"

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
