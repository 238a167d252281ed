// Minimum-cost flow on random instances: feasibility (capacities, supplies) and optimality (no
// negative-cost cycle in the residual graph, found by Bellman-Ford: the reduced-cost certificate);
// and the statuses.
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/flow/min_cost_flow.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

/// True when the residual graph of `flow` has a negative-cost cycle (Bellman-Ford from a virtual
/// root joined to every node).
bool residual_has_negative_cycle(const network& g, const std::vector<double>& cap,
                                 const std::vector<double>& cost, const std::vector<double>& flow) {
  struct arc {
    std::uint32_t u, v;
    double c;
  };
  std::vector<arc> res;
  for (std::uint32_t l = 0; l < g.link_count(); ++l) {
    const auto u = g.tail(link_id{l}).value(), v = g.head(link_id{l}).value();
    if (flow[l] < cap[l] - 1e-9) res.push_back({u, v, cost[l]});
    if (flow[l] > 1e-9) res.push_back({v, u, -cost[l]});
  }
  std::vector<double> d(g.node_count(), 0.0);
  for (std::uint32_t round = 0; round <= g.node_count(); ++round) {
    bool changed = false;
    for (const arc& a : res) {
      if (d[a.u] + a.c < d[a.v] - 1e-9) {
        d[a.v] = d[a.u] + a.c;
        changed = true;
      }
    }
    if (!changed) return false;
  }
  return true;
}

}  // namespace

TEST_CASE(
    "min-cost flow: 600 random instances are feasible and optimal (no negative residual cycle)") {
  std::mt19937_64 rng(test::seed() + 5);
  int optimal = 0, infeasible = 0;
  for (int round = 0; round < 600; ++round) {
    const std::uint32_t n = 2 + static_cast<std::uint32_t>(rng() % 15);
    const std::uint32_t m = static_cast<std::uint32_t>(rng() % (5 * n));
    std::vector<node_id> t, h;
    std::vector<double> cap_in, cost_in;
    for (std::uint32_t i = 0; i < m; ++i) {
      const std::uint32_t u = static_cast<std::uint32_t>(rng() % n);
      std::uint32_t v = static_cast<std::uint32_t>(rng() % n);
      if (v == u) v = (u + 1) % n;
      t.emplace_back(u);
      h.emplace_back(v);
      cap_in.push_back(static_cast<double>(rng() % 20));
      cost_in.push_back(static_cast<double>(static_cast<int>(rng() % 41) - 10));  // some negative
    }
    std::vector<std::uint32_t> perm;
    const network g = network::from_arcs(n, t, h, perm);
    const auto cap = apply_permutation<double>(perm, cap_in);
    const auto cost = apply_permutation<double>(perm, cost_in);
    std::vector<double> supply(n, 0.0);
    const double amount = static_cast<double>(rng() % 30);
    supply[rng() % n] += amount;
    supply[rng() % n] -= amount;
    const min_cost_flow_result r = min_cost_flow(g, by_column(cap), by_column(cost), supply);
    if (r.status == min_cost_status::infeasible) {
      ++infeasible;
      continue;
    }
    REQUIRE(r.status == min_cost_status::optimal);
    ++optimal;
    std::vector<double> balance(n, 0.0);
    double total = 0;
    for (std::uint32_t l = 0; l < g.link_count(); ++l) {
      CHECK(r.flow[l] >= 0);
      CHECK(r.flow[l] <= cap[l]);
      balance[g.tail(link_id{l}).value()] += r.flow[l];
      balance[g.head(link_id{l}).value()] -= r.flow[l];
      total += r.flow[l] * cost[l];
    }
    for (std::uint32_t v = 0; v < n; ++v) CHECK(balance[v] == doctest::Approx(supply[v]));
    CHECK(r.cost == doctest::Approx(total));
    CHECK_FALSE(residual_has_negative_cycle(g, cap, cost, r.flow));
  }
  CHECK(optimal > 300);
  CHECK(infeasible > 10);
}

TEST_CASE("min-cost flow: statuses by hand") {
  // 0 -> 1 (cap 5, cost 2), 0 -> 2 (cap 5, cost 1), 2 -> 1 (cap 3, cost 0)
  const std::vector<node_id> t{node_id{0}, node_id{0}, node_id{2}};
  const std::vector<node_id> h{node_id{1}, node_id{2}, node_id{1}};
  std::vector<std::uint32_t> perm;
  const network g = network::from_arcs(3, t, h, perm);
  const auto cap = apply_permutation<double>(perm, std::vector<double>{5, 5, 3});
  const auto cost = apply_permutation<double>(perm, std::vector<double>{2, 1, 0});
  // Send 6 from 0 to 1: 3 via 2 at cost 1 each, 3 direct at cost 2: 3 + 6 = 9.
  const std::vector<double> supply{6, -6, 0};
  const min_cost_flow_result r = min_cost_flow(g, by_column(cap), by_column(cost), supply);
  REQUIRE(r.status == min_cost_status::optimal);
  CHECK(r.cost == 9);
  CHECK(min_cost_flow(g, by_column(cap), by_column(cost), std::vector<double>{9, -9, 0}).status ==
        min_cost_status::infeasible);  // at most 5 + 3 reach node 1
  CHECK(min_cost_flow(g, by_column(cap), by_column(cost), std::vector<double>{6, -5, 0}).status ==
        min_cost_status::unbalanced);
  // A negative cycle of unlimited capacity: 1 -> 2 (cost -1, unlimited), 2 -> 1 (cost 0,
  // unlimited).
  const std::vector<node_id> t2{node_id{0}, node_id{1}, node_id{2}};
  const std::vector<node_id> h2{node_id{1}, node_id{2}, node_id{1}};
  const network g2 = network::from_arcs(3, t2, h2, perm);
  const double inf = std::numeric_limits<double>::infinity();
  const auto cap2 = apply_permutation<double>(perm, std::vector<double>{1, inf, inf});
  const auto cost2 = apply_permutation<double>(perm, std::vector<double>{1, -1, 0});
  CHECK(
      min_cost_flow(g2, by_column(cap2), by_column(cost2), std::vector<double>{1, -1, 0}).status ==
      min_cost_status::unbounded);
  // A negative cycle that also has a positive-cost link: 1 -> 2 (cost -5), 2 -> 1 (cost +2), both
  // unlimited: -3 per unit around it, so unbounded too; with 2 -> 1 capped it is optimal.
  const auto cost3 = apply_permutation<double>(perm, std::vector<double>{1, -5, 2});
  CHECK(
      min_cost_flow(g2, by_column(cap2), by_column(cost3), std::vector<double>{1, -1, 0}).status ==
      min_cost_status::unbounded);
  const auto cap3 = apply_permutation<double>(perm, std::vector<double>{1, inf, 4});
  const min_cost_flow_result capped =
      min_cost_flow(g2, by_column(cap3), by_column(cost3), std::vector<double>{1, -1, 0});
  REQUIRE(capped.status == min_cost_status::optimal);
  CHECK(capped.cost == 1 - 3 * 4);  // 0 -> 1 once, and 4 times round the cycle at -3
  // Fractional data: exact up to the resolution, and no hang.
  const std::vector<double> third(g.link_count(), 1.0 / 3.0);
  const min_cost_flow_result f =
      min_cost_flow(g, by_column(third), by_column(cost), std::vector<double>{0.5, -0.5, 0});
  REQUIRE(f.status == min_cost_status::optimal);
  // 1/3 via node 2 (cost 1/3), 1/6 direct (cost 2/6): 2/3.
  CHECK(f.cost == doctest::Approx(2.0 / 3.0).epsilon(1e-9));
}
