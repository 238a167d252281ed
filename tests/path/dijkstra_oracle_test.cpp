// Oracle: Dijkstra and A* against Bellman-Ford on thousands of seeded random graphs.
#include <limits>
#include <random>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/path/shortest_path.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();

struct random_graph {
  network g;
  std::vector<double> w;  // by link id
  std::vector<geo::lonlat> pos;
};

random_graph make_graph(std::mt19937_64& rng, bool geometric_only = false) {
  std::uniform_int_distribution<std::uint32_t> nd(1, 40);
  const std::uint32_t n = nd(rng);
  const std::uint32_t m = std::uniform_int_distribution<std::uint32_t>(0, n * 4)(rng);
  std::uniform_int_distribution<std::uint32_t> node(0, n - 1);
  std::uniform_real_distribution<double> lon(95, 110), lat(0, 25), extra(0, 500);
  random_graph r;
  r.pos.resize(n);
  for (auto& p : r.pos) p = {lon(rng), lat(rng)};
  std::vector<node_id> t, h;
  std::vector<double> w_in;
  for (std::uint32_t i = 0; i < m; ++i) {
    const node_id u{node(rng)}, v{node(rng)};  // self-loops and parallel arcs allowed
    t.push_back(u);
    h.push_back(v);
    const int kind = geometric_only ? 9 : static_cast<int>(rng() % 10);
    double w = geo::great_circle_km(r.pos[u.value()], r.pos[v.value()]) * 1.1 + extra(rng);
    if (kind == 0) w = 0;                       // zero weights
    if (kind == 1) w = inf;                     // unusable links
    if (kind == 2) w = std::floor(extra(rng));  // ties
    w_in.push_back(w);
  }
  std::vector<std::uint32_t> perm;
  r.g = network::from_arcs(n, t, h, perm);
  r.w = apply_permutation<double>(perm, w_in);
  return r;
}

/// Equal distances: both unreachable, or equal within a relative 1e-12.
bool same_distance(double a, double b) {
  if (a == inf || b == inf) return a == b;
  return a == doctest::Approx(b).epsilon(1e-12);
}

std::vector<double> bellman_ford(const network& g, const std::vector<double>& w,
                                 const std::vector<node_id>& sources) {
  std::vector<double> d(g.node_count(), inf);
  for (const node_id s : sources) d[s.value()] = 0;
  for (std::uint32_t round = 0; round < g.node_count(); ++round) {
    bool changed = false;
    for (std::uint32_t l = 0; l < g.link_count(); ++l) {
      const auto u = g.tail(link_id{l}).value(), v = g.head(link_id{l}).value();
      if (d[u] + w[l] < d[v]) {
        d[v] = d[u] + w[l];
        changed = true;
      }
    }
    if (!changed) break;
  }
  return d;
}
}  // namespace

TEST_CASE("dijkstra and A* match Bellman-Ford on 3000 random graphs") {
  std::mt19937_64 rng(test::seed());
  int checked_pairs = 0, unreachable = 0;
  for (int round = 0; round < 3000; ++round) {
    const random_graph r = make_graph(rng);
    const std::uint32_t n = r.g.node_count();
    std::uniform_int_distribution<std::uint32_t> node(0, n - 1);
    std::vector<node_id> sources{node_id{node(rng)}};
    if (rng() % 4 == 0) sources.push_back(node_id{node(rng)});  // multi-source
    const std::vector<double> oracle = bellman_ford(r.g, r.w, sources);

    dijkstra_query q(r.g);  // reused: timestamps must isolate runs
    q.run(by_column(r.w), sources);
    great_circle_bound h(r.g, by_column(r.w), r.pos);
    for (std::uint32_t v = 0; v < n; ++v) {
      const node_id t{v};
      REQUIRE(same_distance(q.distance(t), oracle[v]));
      // Path reconstruction: the links chain from a source to t and their weights sum up.
      if (oracle[v] < inf) {
        double sum = 0;
        node_id at = q.path_links(t).empty() ? t : r.g.tail(q.path_links(t).front());
        CHECK(std::find(sources.begin(), sources.end(), at) != sources.end());
        for (const link_id l : q.path_links(t)) {
          CHECK(r.g.tail(l) == at);
          at = r.g.head(l);
          sum += r.w[l.value()];
        }
        CHECK(at == t);
        CHECK(sum == doctest::Approx(oracle[v]).epsilon(1e-12));
      } else {
        ++unreachable;
      }
      // One-to-one with early stop, Dijkstra and A*, on a fresh target each time.
      const auto p = shortest_path(r.g, by_column(r.w), std::span<const node_id>(sources),
                                   std::span<const node_id>(&t, 1));
      dijkstra_query qa(r.g);
      qa.run(by_column(r.w), sources, std::span<const node_id>(&t, 1), h);
      if (oracle[v] == inf) {
        CHECK_FALSE(p.has_value());
        CHECK_FALSE(qa.found());
      } else {
        REQUIRE(p.has_value());
        CHECK(p->weight == doctest::Approx(oracle[v]).epsilon(1e-12));
        REQUIRE(qa.found());
        CHECK(qa.distance(t) == doctest::Approx(oracle[v]).epsilon(1e-9));
        ++checked_pairs;
      }
    }
  }
  CHECK(checked_pairs > 10000);  // the generator does produce reachable pairs...
  CHECK(unreachable > 100);      // ...and unreachable ones
}

TEST_CASE("A* settles fewer nodes than Dijkstra when weights follow geography") {
  std::mt19937_64 rng(test::seed() + 1);
  long dijkstra_settled = 0, astar_settled = 0;
  for (int round = 0; round < 200; ++round) {
    const random_graph r = make_graph(rng, true);
    const std::uint32_t n = r.g.node_count();
    const node_id s{0}, t{n - 1};
    dijkstra_query q(r.g);
    q.run(by_column(r.w), std::span<const node_id>(&s, 1), std::span<const node_id>(&t, 1));
    dijkstra_settled += q.settled_count();
    great_circle_bound h(r.g, by_column(r.w), r.pos);
    CHECK((h.factor() == 0 || h.factor() >= 1.0));  // 0 only when no link spans any distance
    q.run(by_column(r.w), std::span<const node_id>(&s, 1), std::span<const node_id>(&t, 1), h);
    astar_settled += q.settled_count();
  }
  CHECK(astar_settled < dijkstra_settled);
}
