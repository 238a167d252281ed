// Maximum flow against Boost.Graph's Edmonds-Karp (another algorithm) on random graphs, with
// flow conservation, capacity limits and max flow = min cut capacity checked on every instance.
#include <random>
#include <vector>

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"  // inside Boost.Graph, see bgl_max_flow.hpp
#endif
#include <doctest/doctest.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/edmonds_karp_max_flow.hpp>

#include "corridor/flow/max_flow.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

double edmonds_karp(std::uint32_t n, const std::vector<node_id>& t, const std::vector<node_id>& h,
                    const std::vector<double>& cap, std::uint32_t s, std::uint32_t sink) {
  using traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using graph = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS, boost::no_property,
      boost::property<
          boost::edge_capacity_t, double,
          boost::property<boost::edge_residual_capacity_t, double,
                          boost::property<boost::edge_reverse_t, traits::edge_descriptor>>>>;
  graph g(n);
  auto c = boost::get(boost::edge_capacity, g);
  auto rev = boost::get(boost::edge_reverse, g);
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto e = boost::add_edge(t[i].value(), h[i].value(), g).first;
    const auto r = boost::add_edge(h[i].value(), t[i].value(), g).first;
    c[e] = cap[i];
    c[r] = 0;
    rev[e] = r;
    rev[r] = e;
  }
  return boost::edmonds_karp_max_flow(g, s, sink);
}

/// Checks capacity limits, conservation and max flow = min cut capacity.
void check_flow(const network& g, const std::vector<double>& cap, const max_flow_result& r,
                node_id s, node_id t) {
  std::vector<double> balance(g.node_count(), 0);
  for (std::uint32_t l = 0; l < g.link_count(); ++l) {
    CHECK(r.flow[l] >= -1e-9);
    CHECK(r.flow[l] <= cap[l] + 1e-9);
    balance[g.tail(link_id{l}).value()] -= r.flow[l];
    balance[g.head(link_id{l}).value()] += r.flow[l];
  }
  for (std::uint32_t v = 0; v < g.node_count(); ++v) {
    if (v == s.value() || v == t.value()) continue;
    CHECK(balance[v] == doctest::Approx(0).epsilon(1e-9));
  }
  CHECK(balance[t.value()] == doctest::Approx(r.value));
  double cut = 0;
  for (const link_id l : r.min_cut) {
    cut += cap[l.value()];
    CHECK(r.flow[l.value()] == doctest::Approx(cap[l.value()]));  // cut links are saturated
  }
  CHECK(cut == doctest::Approx(r.value));
  CHECK(r.source_side[s.value()] == 1);
  CHECK(r.source_side[t.value()] == 0);
  // No circulation: the links with flow form a DAG (Kahn's algorithm removes every node).
  std::vector<std::uint32_t> indegree(g.node_count(), 0);
  for (std::uint32_t l = 0; l < g.link_count(); ++l) {
    if (r.flow[l] > 0) ++indegree[g.head(link_id{l}).value()];
  }
  std::vector<std::uint32_t> ready;
  for (std::uint32_t v = 0; v < g.node_count(); ++v) {
    if (indegree[v] == 0) ready.push_back(v);
  }
  std::uint32_t removed = 0;
  while (!ready.empty()) {
    const std::uint32_t v = ready.back();
    ready.pop_back();
    ++removed;
    for (const link_id l : g.out_links(node_id{v})) {
      if (r.flow[l.value()] > 0 && --indegree[g.head(l).value()] == 0) {
        ready.push_back(g.head(l).value());
      }
    }
  }
  CHECK(removed == g.node_count());
}

}  // namespace

TEST_CASE("max flow: 1000 random graphs against Boost's Edmonds-Karp, flows and min cuts valid") {
  std::mt19937_64 rng(test::seed() + 3);
  int positive = 0;
  for (int round = 0; round < 1000; ++round) {
    const std::uint32_t n = 2 + static_cast<std::uint32_t>(rng() % 25);
    const std::uint32_t m = static_cast<std::uint32_t>(rng() % (4 * n));
    std::vector<node_id> t, h;
    std::vector<double> c_in;
    const bool fractional = round % 3 == 0;
    for (std::uint32_t i = 0; i < m; ++i) {
      t.emplace_back(static_cast<std::uint32_t>(rng() % n));
      h.emplace_back(static_cast<std::uint32_t>(rng() % n));
      c_in.push_back(fractional ? static_cast<double>(rng() % 1000) / 8.0  // exact in binary
                                : static_cast<double>(rng() % 50));
    }
    std::vector<std::uint32_t> perm;
    const network g = network::from_arcs(n, t, h, perm);
    const std::vector<double> cap = apply_permutation<double>(perm, c_in);
    const node_id s{0}, sink{n - 1};
    const max_flow_result r = max_flow(g, by_column(cap), std::span<const node_id>(&s, 1),
                                       std::span<const node_id>(&sink, 1));
    REQUIRE(r.status == flow_status::optimal);
    CHECK(r.value == doctest::Approx(edmonds_karp(n, t, h, c_in, 0, n - 1)));
    check_flow(g, cap, r, s, sink);
    positive += r.value > 0 ? 1 : 0;
  }
  CHECK(positive > 300);
}

TEST_CASE("max flow: cycles and opposite flows are cancelled, net flows kept (hand-checked)") {
  // 0 -> 1 -> 2 -> 3 carries 4; 1 -> 2 -> 4 -> 1 circulates 5; 2 -> 1 carries 3 against 1 -> 2.
  const std::vector<node_id> t{node_id{0}, node_id{1}, node_id{2},
                               node_id{2}, node_id{4}, node_id{2}};
  const std::vector<node_id> h{node_id{1}, node_id{2}, node_id{3},
                               node_id{4}, node_id{1}, node_id{1}};
  std::vector<std::uint32_t> perm;
  const network g = network::from_arcs(5, t, h, perm);
  const std::vector<std::int64_t> given{4, 4 + 5 + 3, 4, 5, 5, 3};
  std::vector<std::int64_t> flow = apply_permutation<std::int64_t>(perm, given);
  detail::cancel_flow_cycles(g, flow);
  // Expected: only the path 0 -> 1 -> 2 -> 3 with 4 is left.
  const std::vector<std::int64_t> path_only{4, 4, 4, 0, 0, 0};
  const std::vector<std::int64_t> want = apply_permutation<std::int64_t>(perm, path_only);
  CHECK(flow == want);
}

TEST_CASE("max flow: node sets, unlimited links, unbounded and closed cases") {
  // 0 -> 1 (5), 0 -> 2 (unlimited), 2 -> 3 (4), 1 -> 3 (unlimited), 3 -> 4 (unlimited)
  const std::vector<node_id> t{node_id{0}, node_id{0}, node_id{2}, node_id{1}, node_id{3}};
  const std::vector<node_id> h{node_id{1}, node_id{2}, node_id{3}, node_id{3}, node_id{4}};
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<std::uint32_t> perm;
  const network g = network::from_arcs(5, t, h, perm);
  const std::vector<double> cap =
      apply_permutation<double>(perm, std::vector<double>{5, inf, 4, std::nan(""), inf});
  const node_id s{0}, sink{4};
  const auto one = [](const node_id& v) { return std::span<const node_id>(&v, 1); };
  const max_flow_result r = max_flow(g, by_column(cap), one(s), one(sink));
  REQUIRE(r.status == flow_status::optimal);
  CHECK(r.value == 9);  // 5 via node 1, 4 via node 2: the cut {0->1, 2->3}
  CHECK(r.min_cut.size() == 2);
  // Unlimited all the way: unbounded.
  const std::vector<node_id> sources{node_id{2}};
  const std::vector<node_id> sinks{node_id{3}, node_id{4}};
  CHECK(max_flow(g, by_column(cap), sources, sinks).status == flow_status::optimal);  // 2->3 is 4
  const std::vector<node_id> from1{node_id{1}};
  const max_flow_result u = max_flow(g, by_column(cap), from1, one(sink));
  CHECK(u.status == flow_status::unbounded);
  CHECK(std::isinf(u.value));
  CHECK(max_flow(g, by_column(cap), one(s), one(s)).status == flow_status::unbounded);
  // Closed links (capacity 0) carry nothing.
  const std::vector<double> closed(g.link_count(), 0.0);
  const max_flow_result z = max_flow(g, by_column(closed), one(s), one(sink));
  CHECK(z.value == 0);
  // Negative capacities are input errors.
  std::vector<double> bad = cap;
  bad[0] = -1;
  CHECK_THROWS_AS((void)max_flow(g, by_column(bad), one(s), one(sink)), input_error);
  // Fractional capacities: the resolution says how they were scaled.
  const std::vector<double> third(g.link_count(), 1.0 / 3.0);
  const max_flow_result f = max_flow(g, by_column(third), one(s), one(sink));
  CHECK(f.resolution < 1e-12);
  CHECK(f.value == doctest::Approx(1.0 / 3.0).epsilon(1e-12));  // 3 -> 4 caps it
}
