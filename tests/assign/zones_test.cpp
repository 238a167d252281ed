// Zones for place-to-place demand: zoned all-or-nothing costs equal a brute-force oracle (the
// best node pair of the two places, by Floyd-Warshall on the base graph), zones are never passed
// through, and a congested two-route case through zones splits as solved by hand.
#include <algorithm>
#include <limits>
#include <random>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/assign/equilibrium.hpp"
#include "corridor/assign/zones.hpp"
#include "graph_oracles.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

network make(std::uint32_t n, const std::vector<std::pair<std::uint32_t, std::uint32_t>>& arcs,
             const std::vector<double>& w_in, std::vector<double>& w) {
  std::vector<node_id> t, h;
  for (const auto& [u, v] : arcs) {
    t.push_back(node_id{u});
    h.push_back(node_id{v});
  }
  std::vector<std::uint32_t> perm;
  network g = network::from_arcs(n, t, h, perm);
  w = apply_permutation<double>(perm, w_in);
  return g;
}

}  // namespace

TEST_CASE("zones: zoned all-or-nothing equals the best node pair of each place pair") {
  std::mt19937_64 rng(test::seed());
  for (int round = 0; round < 300; ++round) {
    CAPTURE(round);
    const auto n = std::uniform_int_distribution<std::uint32_t>(2, 25)(rng);
    const auto m = std::uniform_int_distribution<std::uint32_t>(0, 4 * n)(rng);
    std::uniform_int_distribution<std::uint32_t> node(0, n - 1);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
    std::vector<double> w_in;
    for (std::uint32_t i = 0; i < m; ++i) {
      arcs.emplace_back(node(rng), node(rng));
      w_in.push_back(std::floor(std::uniform_real_distribution<double>(0, 20)(rng)));
    }
    std::vector<double> w;
    const network g = make(n, arcs, w_in, w);
    std::vector<std::uint8_t> keep(g.link_count(), 1);
    for (auto& k : keep) k = rng() % 8 == 0 ? 0 : 1;  // some links closed
    // Places: disjoint groups of 1-3 nodes.
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    std::vector<std::vector<node_id>> places;
    for (std::uint32_t i = 0; i < n;) {
      const auto size = std::min<std::uint32_t>(n - i, 1 + static_cast<std::uint32_t>(rng() % 3));
      places.emplace_back();
      for (std::uint32_t k = 0; k < size; ++k) places.back().push_back(node_id{order[i + k]});
      i += size;
    }
    const zoned_network z = add_zones(g, keep, places);
    REQUIRE(z.zones == places.size());
    // Oracle: Floyd-Warshall on the kept base links.
    std::vector<double> kept_w(w.begin(), w.end());
    for (std::uint32_t l = 0; l < g.link_count(); ++l) {
      if (keep[l] == 0) kept_w[l] = inf;
    }
    const test::distance_rows d = test::floyd_warshall_rows(g, kept_w);
    // Demand: one tonne between every ordered pair of places that the oracle connects.
    std::vector<od_demand> od;
    double oracle = 0;
    for (std::uint32_t a = 0; a < places.size(); ++a) {
      for (std::uint32_t b = 0; b < places.size(); ++b) {
        if (a == b) continue;
        double best = inf;
        for (const node_id u : places[a]) {
          for (const node_id v : places[b]) best = std::min(best, d[u.value()][v.value()]);
        }
        if (best == inf) continue;
        od.push_back({z.zone(a), z.zone(b), 1.0});
        oracle += best;
      }
    }
    bpr_links vdf{z.column<double>(w, 0.0), std::vector<double>(z.base_link.size(), 0.0),
                  std::vector<double>(z.base_link.size(), 0.15),
                  std::vector<double>(z.base_link.size(), 4.0)};
    const assignment_result r = assign(
        z.graph, vdf, od, {.algorithm = assignment_algorithm::aon, .first_thru_node = z.zones});
    CHECK(r.total_travel_time == doctest::Approx(oracle).epsilon(1e-12));
    // Flows map back to kept base links only, and connectors carry every tonne out and in.
    const std::vector<double> base = z.to_base(r.flow, g.link_count());
    for (std::uint32_t l = 0; l < g.link_count(); ++l) {
      if (keep[l] == 0) CHECK(base[l] == 0);
    }
    double out_of_zones = 0;
    for (std::uint32_t l = 0; l < z.graph.link_count(); ++l) {
      if (z.base_link[l] == zoned_network::no_link && z.graph.tail(link_id{l}).value() < z.zones) {
        out_of_zones += r.flow[l];
      }
    }
    CHECK(out_of_zones == doctest::Approx(static_cast<double>(od.size())));
  }
}

TEST_CASE("zones: a zone is never a shortcut between its nodes") {
  // Place A = {0}, place B = {3}, place C = {1, 2}: 0 -> 1 and 2 -> 3, but no link 1 -> 2.
  std::vector<double> w;
  const network g = make(4, {{0, 1}, {2, 3}}, {1, 1}, w);
  const std::vector<std::vector<node_id>> places{
      {node_id{0}}, {node_id{3}}, {node_id{1}, node_id{2}}};
  const zoned_network z = add_zones(g, std::vector<std::uint8_t>(2, 1), places);
  bpr_links vdf{z.column<double>(w, 0.0), std::vector<double>(z.base_link.size(), 0.0),
                std::vector<double>(z.base_link.size(), 0.15),
                std::vector<double>(z.base_link.size(), 4.0)};
  const std::vector<od_demand> od{{z.zone(0), z.zone(1), 5.0}};
  CHECK_THROWS_AS(static_cast<void>(assign(z.graph, vdf, od, {.first_thru_node = z.zones})),
                  input_error);
  // Without the rule, the path through zone C would exist (and cost 2).
  const assignment_result r =
      assign(z.graph, vdf, od, {.algorithm = assignment_algorithm::aon, .first_thru_node = 0});
  CHECK(r.total_travel_time == 10);
}

TEST_CASE("zones: two congested routes between two-node places split as solved by hand") {
  // Place A = {0 (rail), 1 (road)}, place B = {2 (rail), 3 (road)}.
  // t_rail = 10 (1 + x / 100), t_road = 15 (1 + x / 300), 200 t: both 100 t at 20 h.
  std::vector<double> fft;
  const network g = make(4, {{0, 2}, {1, 3}}, {10, 15}, fft);
  const std::vector<double> cap = g.tail(link_id{0}) == node_id{0} ? std::vector<double>{100, 300}
                                                                   : std::vector<double>{300, 100};
  const std::vector<std::vector<node_id>> places{{node_id{0}, node_id{1}},
                                                 {node_id{2}, node_id{3}}};
  const zoned_network z = add_zones(g, std::vector<std::uint8_t>(2, 1), places);
  bpr_links vdf{z.column<double>(fft, 0.0), z.column<double>(cap, 0.0),
                std::vector<double>(z.base_link.size(), 1.0),
                std::vector<double>(z.base_link.size(), 1.0)};
  const std::vector<od_demand> od{{z.zone(0), z.zone(1), 200.0}};
  for (const auto algo : {assignment_algorithm::gp, assignment_algorithm::bfw}) {
    CAPTURE(static_cast<int>(algo));
    const assignment_result r = assign(
        z.graph, vdf, od, {.algorithm = algo, .relative_gap = 1e-10, .first_thru_node = z.zones});
    REQUIRE(r.status == assignment_status::converged);
    const std::vector<double> base = z.to_base(r.flow, 2);
    CHECK(base[0] == doctest::Approx(100).epsilon(1e-6));
    CHECK(base[1] == doctest::Approx(100).epsilon(1e-6));
    CHECK(r.total_travel_time == doctest::Approx(200 * 20).epsilon(1e-8));
  }
}
