// Link-addition ranking against brute force: for every candidate, Floyd-Warshall on the network
// with the link added gives the new zone-to-zone weights; the ranker's benefits, newly connected
// tonnes, greedy portfolio (budget, marginal benefits, final weights) and exhaustive portfolio
// must agree with it on hundreds of seeded random instances. Closing links: the impact of every
// link and of random sets, against Floyd-Warshall without them.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/whatif/add_links.hpp"
#include "corridor/whatif/criticality.hpp"
#include "corridor/whatif/generate.hpp"
#include "graph_oracles.hpp"
#include "sample_networks.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

constexpr double inf = std::numeric_limits<double>::infinity();

struct arc {
  std::uint32_t u, v;
  double w;
};

struct instance {
  std::uint32_t n = 0;
  std::vector<arc> arcs;
  network g;
  std::vector<double> w;  // by link id
  std::vector<node_set> zones;
  Eigen::MatrixXd demand;
  std::vector<candidate_link> candidates;
};

instance make(std::mt19937_64& rng) {
  instance x;
  x.n = std::uniform_int_distribution<std::uint32_t>(2, 25)(rng);
  std::uniform_int_distribution<std::uint32_t> node(0, x.n - 1);
  const auto m = std::uniform_int_distribution<std::uint32_t>(0, 3 * x.n)(rng);
  for (std::uint32_t i = 0; i < m; ++i) {
    double w = std::floor(std::uniform_real_distribution<double>(0, 30)(rng));
    if (rng() % 15 == 0) w = inf;  // unusable
    x.arcs.push_back({node(rng), node(rng), w});
  }
  std::vector<node_id> t, h;
  std::vector<double> w_in;
  for (const arc& a : x.arcs) {
    t.push_back(node_id{a.u});
    h.push_back(node_id{a.v});
    w_in.push_back(a.w);
  }
  std::vector<std::uint32_t> perm;
  x.g = network::from_arcs(x.n, t, h, perm);
  x.w = apply_permutation<double>(perm, w_in);
  const auto zones = std::uniform_int_distribution<std::uint32_t>(1, 6)(rng);
  for (std::uint32_t z = 0; z < zones; ++z) {
    x.zones.push_back({node_id{node(rng)}});
    if (rng() % 3 == 0) x.zones.back().push_back(node_id{node(rng)});
  }
  x.demand = Eigen::MatrixXd::Zero(zones, zones);
  for (std::uint32_t i = 0; i < zones; ++i) {
    for (std::uint32_t j = 0; j < zones; ++j) {
      if (i != j && rng() % 4 != 0) {
        x.demand(i, j) = std::floor(std::uniform_real_distribution<double>(1, 100)(rng));
      }
    }
  }
  const auto k = std::uniform_int_distribution<std::uint32_t>(1, 8)(rng);
  for (std::uint32_t i = 0; i < k; ++i) {
    candidate_link c;
    c.from = node_id{node(rng)};
    c.to = node_id{node(rng)};
    c.weight = std::floor(std::uniform_real_distribution<double>(0, 20)(rng));
    c.two_way = rng() % 2 == 0;
    c.cost = std::floor(std::uniform_real_distribution<double>(1, 10)(rng));
    x.candidates.push_back(c);
  }
  return x;
}

/// Zone-to-zone weights by Floyd-Warshall on the arcs plus the chosen candidates.
Eigen::MatrixXd brute(const instance& x, const std::vector<std::uint32_t>& added) {
  std::vector<test::weighted_arc> arcs;
  for (const arc& a : x.arcs) arcs.push_back({a.u, a.v, a.w});
  for (const std::uint32_t k : added) {
    const candidate_link& c = x.candidates[k];
    arcs.push_back({c.from.value(), c.to.value(), c.weight});
    if (c.two_way) arcs.push_back({c.to.value(), c.from.value(), c.weight});
  }
  const test::distance_rows zd =
      test::zone_distances(test::floyd_warshall_rows(x.n, arcs), x.zones);
  const auto z = static_cast<Eigen::Index>(x.zones.size());
  Eigen::MatrixXd out(z, z);
  for (Eigen::Index i = 0; i < z; ++i) {
    for (Eigen::Index j = 0; j < z; ++j) {
      out(i, j) = zd[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
    }
  }
  return out;
}

/// Benefit over base-connected pairs and newly connected tonnes, from `before` to `after`.
std::pair<double, double> gain(const instance& x, const Eigen::MatrixXd& base,
                               const Eigen::MatrixXd& before, const Eigen::MatrixXd& after) {
  double benefit = 0, newly = 0;
  for (Eigen::Index i = 0; i < base.rows(); ++i) {
    for (Eigen::Index j = 0; j < base.cols(); ++j) {
      if (std::isfinite(base(i, j))) {
        benefit += x.demand(i, j) * (before(i, j) - after(i, j));
      } else if (!std::isfinite(before(i, j)) && std::isfinite(after(i, j))) {
        newly += x.demand(i, j);
      }
    }
  }
  return {benefit, newly};
}

bool same(const Eigen::MatrixXd& a, const Eigen::MatrixXd& b) {
  for (Eigen::Index i = 0; i < a.rows(); ++i) {
    for (Eigen::Index j = 0; j < a.cols(); ++j) {
      if (a(i, j) != b(i, j)) return false;  // integer weights: exact
    }
  }
  return true;
}

}  // namespace

TEST_CASE("whatif: ranking equals brute-force recomputation with each candidate added") {
  std::mt19937_64 rng(test::seed());
  for (int round = 0; round < 400; ++round) {
    CAPTURE(round);
    const instance x = make(rng);
    const link_addition_ranker r(x.g, by_column(x.w), x.zones, x.demand, x.candidates);
    const Eigen::MatrixXd base = brute(x, {});
    REQUIRE(same(r.base_od_weights(), base));
    const std::vector<candidate_benefit> ranked = r.rank();
    REQUIRE(ranked.size() == x.candidates.size());
    for (std::size_t i = 0; i < ranked.size(); ++i) {
      const candidate_benefit& b = ranked[i];
      CAPTURE(b.candidate);
      const Eigen::MatrixXd after = brute(x, {b.candidate});
      CHECK(same(r.od_with(b.candidate), after));
      const auto [benefit, newly] = gain(x, base, base, after);
      CHECK(b.benefit == benefit);
      CHECK(b.newly_connected_tonnes == newly);
      CHECK(b.benefit_per_cost == doctest::Approx(benefit / x.candidates[b.candidate].cost));
      if (i > 0) CHECK_FALSE(link_addition_ranker::better(b, ranked[i - 1]));
    }
  }
}

TEST_CASE("whatif: portfolios respect the budget, and greedy picks match re-evaluation") {
  std::mt19937_64 rng(test::seed() + 1);
  for (int round = 0; round < 300; ++round) {
    CAPTURE(round);
    const instance x = make(rng);
    const double budget = std::floor(std::uniform_real_distribution<double>(0, 25)(rng));
    link_addition_ranker r(x.g, by_column(x.w), x.zones, x.demand, x.candidates);
    const Eigen::MatrixXd base = brute(x, {});
    const portfolio exact = r.choose_exact(budget);
    const portfolio p = r.choose(budget);
    CHECK(same(r.od_weights(), base));  // choose() leaves the ranker's state alone
    link_addition_ranker state = r;     // the picks added one by one, as choose() does
    CHECK(p.total_cost <= budget);
    // Each pick's marginal benefit is what brute force gives on top of the earlier picks.
    std::vector<std::uint32_t> picked;
    Eigen::MatrixXd before = base;
    double total = 0, newly_total = 0;
    for (const candidate_benefit& b : p.picks) {
      picked.push_back(b.candidate);
      state.add(b.candidate);
      const Eigen::MatrixXd after = brute(x, picked);
      const auto [benefit, newly] = gain(x, base, before, after);
      CHECK(b.benefit == benefit);
      CHECK(b.newly_connected_tonnes == newly);
      total += benefit;
      newly_total += newly;
      before = after;
    }
    CHECK(p.total_benefit == total);
    CHECK(p.newly_connected_tonnes == newly_total);
    CHECK(same(state.od_weights(), before));  // the incremental skim update is exact
    // Exhaustive search: the best subset by brute force, and never worse than greedy.
    CHECK(exact.total_cost <= budget);
    double best = 0;
    const auto k = static_cast<std::uint32_t>(x.candidates.size());
    for (std::uint32_t mask = 0; mask < (1U << k); ++mask) {
      std::vector<std::uint32_t> set;
      double cost = 0;
      for (std::uint32_t i = 0; i < k; ++i) {
        if (mask & (1U << i)) {
          set.push_back(i);
          cost += x.candidates[i].cost;
        }
      }
      if (cost > budget) continue;
      best = std::max(best, gain(x, base, base, brute(x, set)).first);
    }
    CHECK(exact.total_benefit == best);
    CHECK(exact.total_benefit >= p.total_benefit);
  }
}

TEST_CASE("whatif: closing links costs what brute-force recomputation says") {
  std::mt19937_64 rng(test::seed() + 2);
  for (int round = 0; round < 300; ++round) {
    CAPTURE(round);
    const instance x = make(rng);
    // Groups: every link alone, then a few random sets of 2-3 links.
    std::vector<std::vector<link_id>> groups;
    for (std::uint32_t l = 0; l < x.g.link_count(); ++l) groups.push_back({link_id{l}});
    if (x.g.link_count() > 0) {
      std::uniform_int_distribution<std::uint32_t> link(0, x.g.link_count() - 1);
      for (int i = 0; i < 5; ++i) {
        groups.push_back({link_id{link(rng)}, link_id{link(rng)}});
        if (i % 2 == 0) groups.back().push_back(link_id{link(rng)});
      }
    }
    const auto threads = static_cast<unsigned>(1 + round % 3);
    const std::vector<closure_impact> r =
        closure_impacts(x.g, by_column(x.w), x.zones, x.demand, groups, threads);
    REQUIRE(r.size() == groups.size());
    // Oracle: Floyd-Warshall on the network without the group's links (by link id).
    const auto floyd = [&](const std::vector<link_id>& closed) {
      std::vector<double> open_w(x.w.begin(), x.w.end());
      for (const link_id l : closed) open_w[l.value()] = inf;
      return test::zone_distances(test::floyd_warshall_rows(x.g, open_w), x.zones);
    };
    const auto base = floyd({});
    for (std::size_t gi = 0; gi < groups.size(); ++gi) {
      CAPTURE(gi);
      const auto after = floyd(groups[gi]);
      double increase = 0, lost = 0;
      for (std::size_t i = 0; i < x.zones.size(); ++i) {
        for (std::size_t j = 0; j < x.zones.size(); ++j) {
          const double t = x.demand(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
          if (i == j || !(t > 0) || !std::isfinite(base[i][j])) continue;
          if (std::isfinite(after[i][j])) {
            increase += t * (after[i][j] - base[i][j]);
          } else {
            lost += t;
          }
        }
      }
      CHECK(r[gi].cost_increase == increase);
      CHECK(r[gi].lost_tonnes == lost);
    }
  }
}

TEST_CASE("whatif: generated candidate pairs on the miniature network, checked by hand") {
  // Standard gauge: K, M, B, V (V's 1435 side of the gauge break); joined: K-M, M-B, B-V.
  // Unjoined: K-B (~441 km), M-V (~386 km), K-V (~792 km). Metre gauge: T, N, BK; unjoined T-BK
  // (~517 km). Road: K, BK, P; unjoined K-P.
  const built_network net = test::mini_kunming_bangkok();
  const auto names = [&](const std::vector<place_pair>& ps) {
    std::vector<std::string> out;
    for (const place_pair& p : ps) {
      out.push_back(net.places.id[p.from_place] + "-" + net.places.id[p.to_place]);
    }
    return out;
  };
  CHECK(names(candidate_pairs(net, {mode::rail, 1435}, 450)) ==
        std::vector<std::string>{"K-B", "M-V"});
  CHECK(names(candidate_pairs(net, {mode::rail, 1435}, 400)) == std::vector<std::string>{"M-V"});
  CHECK(names(candidate_pairs(net, {mode::rail, 1435}, 1000)) ==
        std::vector<std::string>{"K-B", "K-V", "M-V"});
  CHECK(names(candidate_pairs(net, {mode::rail, 1000}, 600)) == std::vector<std::string>{"T-BK"});
  CHECK(names(candidate_pairs(net, {mode::rail, 1000}, 500)).empty());
  CHECK(names(candidate_pairs(net, {mode::road, 0}, 2000)) == std::vector<std::string>{"K-P"});
  for (const place_pair& p : candidate_pairs(net, {mode::rail, 1435}, 1000)) {
    CHECK(p.great_circle_km ==
          doctest::Approx(geo::great_circle_km(net.places.position[p.from_place],
                                               net.places.position[p.to_place])));
  }
}
