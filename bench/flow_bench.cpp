// Max flow and min-cost flow: corridor against Boost.Graph and LEMON on the same instances.
// Max flow: layered random networks (seeded; W x L nodes, 3 arcs per node to the next layer,
// integer capacities 1..1000) and the DIMACS max_flow5.max. Min-cost flow: NETGEN 8_08a/8_10a
// (../shared/data/dimacs). Each benchmark checks that its value equals corridor's and fails
// (SkipWithError) otherwise. LEMON is bench-only (Debian liblemon-dev); without it the LEMON
// benchmarks are not built.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>
#include <boost/graph/successive_shortest_path_nonnegative_weights.hpp>

// After the algorithm: find_flow_cost.hpp does not include what it uses.
#include <boost/graph/find_flow_cost.hpp>

#include "corridor/flow/max_flow.hpp"
#include "corridor/flow/min_cost_flow.hpp"
#include "corridor/gis/read.hpp"

#ifdef CORRIDOR_BENCH_LEMON
#include <lemon/network_simplex.h>
#include <lemon/preflow.h>
#include <lemon/smart_graph.h>
#endif

namespace {

std::uint64_t seed() {
  const char* s = std::getenv("CORRIDOR_SEED");
  return s ? std::strtoull(s, nullptr, 10) : 20261122;
}

/// A flow instance as plain arcs: nodes 0..n-1, source s, sink t (max flow), or supplies.
struct instance {
  std::uint32_t n = 0, s = 0, t = 0;
  std::vector<std::uint32_t> tail, head;
  std::vector<std::int64_t> cap, cost;
  std::vector<std::int64_t> supply;  // min-cost flow only
  corridor::network g;               // corridor's CSR of the same arcs
  std::vector<double> cap_by_link, cost_by_link;
  std::string error;  // why the instance is missing
};

void build_csr(instance& x) {
  std::vector<corridor::node_id> t, h;
  for (std::size_t i = 0; i < x.tail.size(); ++i) {
    t.push_back(corridor::node_id{x.tail[i]});
    h.push_back(corridor::node_id{x.head[i]});
  }
  std::vector<std::uint32_t> perm;
  x.g = corridor::network::from_arcs(x.n, t, h, perm);
  for (const std::uint32_t i : perm) {
    x.cap_by_link.push_back(static_cast<double>(x.cap[i]));
    x.cost_by_link.push_back(x.cost.empty() ? 0.0 : static_cast<double>(x.cost[i]));
  }
}

/// W x L layered network: a source before layer 0, a sink after layer L-1.
instance layered(std::uint32_t width, std::uint32_t layers) {
  instance x;
  std::mt19937_64 rng(seed());
  std::uniform_int_distribution<std::uint32_t> pick(0, width - 1);
  std::uniform_int_distribution<std::int64_t> capacity(1, 1000);
  x.n = width * layers + 2;
  x.s = width * layers;
  x.t = x.s + 1;
  const auto add = [&](std::uint32_t u, std::uint32_t v, std::int64_t c) {
    x.tail.push_back(u);
    x.head.push_back(v);
    x.cap.push_back(c);
  };
  for (std::uint32_t i = 0; i < width; ++i) add(x.s, i, capacity(rng) * 3);
  for (std::uint32_t l = 0; l + 1 < layers; ++l) {
    for (std::uint32_t i = 0; i < width; ++i) {
      for (int k = 0; k < 3; ++k) add(l * width + i, (l + 1) * width + pick(rng), capacity(rng));
    }
  }
  for (std::uint32_t i = 0; i < width; ++i) add((layers - 1) * width + i, x.t, capacity(rng) * 3);
  build_csr(x);
  return x;
}

/// A DIMACS .max or .min file of ../shared/data/dimacs as an instance.
instance dimacs(const std::string& name) {
  instance x;
  const std::filesystem::path file =
      std::filesystem::path(CORRIDOR_SHARED_DIR) / "data/dimacs" / name;
  if (!std::filesystem::exists(file)) {
    x.error = "../shared/data/dimacs/" + name + " is absent";
    return x;
  }
  const corridor::gis::loaded_network n = corridor::gis::read_dimacs(file);
  const corridor::network& g = n.net.graph;
  x.n = g.node_count();
  for (std::uint32_t l = 0; l < g.link_count(); ++l) {
    x.tail.push_back(g.tail(corridor::link_id{l}).value());
    x.head.push_back(g.head(corridor::link_id{l}).value());
    x.cap.push_back(static_cast<std::int64_t>(n.net.links.capacity_t_per_year[l]));
    if (!n.link_cost.empty()) x.cost.push_back(static_cast<std::int64_t>(n.link_cost[l]));
  }
  if (!n.flow_sources.empty()) {
    x.s = n.net.nodes_of(n.flow_sources.front()).front().value();
    x.t = n.net.nodes_of(n.flow_sinks.front()).front().value();
  }
  if (!n.supply.empty()) {
    x.supply.assign(x.n, 0);
    for (std::uint32_t p = 0; p < n.net.place_count(); ++p) {
      x.supply[n.net.nodes_of(p).front().value()] = static_cast<std::int64_t>(n.supply[p]);
    }
  }
  build_csr(x);
  return x;
}

const instance& cached(int which) {
  static const instance small = layered(100, 100);
  static const instance large = layered(300, 300);
  static const instance max5 = dimacs("max_flow5.max");
  static const instance net8 = dimacs("netgen_8_08a.min");
  static const instance net10 = dimacs("netgen_8_10a.min");
  switch (which) {
    case 0:
      return small;
    case 1:
      return large;
    case 2:
      return max5;
    case 3:
      return net8;
    default:
      return net10;
  }
}

std::int64_t corridor_max_flow(const instance& x) {
  const corridor::node_id s{x.s}, t{x.t};
  const corridor::max_flow_result r = corridor::max_flow(x.g, corridor::by_column(x.cap_by_link),
                                                         std::span(&s, 1), std::span(&t, 1));
  return static_cast<std::int64_t>(r.value);
}

void check(benchmark::State& state, std::int64_t got, std::int64_t want) {
  if (got != want) {
    state.SkipWithError(
        ("value " + std::to_string(got) + " differs from corridor's " + std::to_string(want))
            .c_str());
  }
}

void max_flow_corridor(benchmark::State& state) {
  const instance& x = cached(static_cast<int>(state.range(0)));
  if (!x.error.empty()) return state.SkipWithError(x.error.c_str());
  std::int64_t v = 0;
  for (auto _ : state) benchmark::DoNotOptimize(v = corridor_max_flow(x));
  state.counters["arcs"] = static_cast<double>(x.tail.size());
  state.counters["value"] = static_cast<double>(v);
}

void max_flow_boost(benchmark::State& state) {
  const instance& x = cached(static_cast<int>(state.range(0)));
  if (!x.error.empty()) return state.SkipWithError(x.error.c_str());
  using traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using graph = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS, boost::no_property,
      boost::property<
          boost::edge_capacity_t, std::int64_t,
          boost::property<boost::edge_residual_capacity_t, std::int64_t,
                          boost::property<boost::edge_reverse_t, traits::edge_descriptor>>>>;
  std::int64_t v = 0;
  for (auto _ : state) {
    graph g(x.n);  // building is part of the work, as corridor's adapter builds its own
    auto cap = get(boost::edge_capacity, g);
    auto rev = get(boost::edge_reverse, g);
    for (std::size_t i = 0; i < x.tail.size(); ++i) {
      const auto e = add_edge(x.tail[i], x.head[i], g).first;
      const auto r = add_edge(x.head[i], x.tail[i], g).first;
      cap[e] = x.cap[i];
      cap[r] = 0;
      rev[e] = r;
      rev[r] = e;
    }
    benchmark::DoNotOptimize(v = boost::push_relabel_max_flow(g, x.s, x.t));
  }
  check(state, v, corridor_max_flow(x));
}

std::int64_t corridor_min_cost(const instance& x) {
  std::vector<double> supply(x.supply.begin(), x.supply.end());
  const corridor::min_cost_flow_result r = corridor::min_cost_flow(
      x.g, corridor::by_column(x.cap_by_link), corridor::by_column(x.cost_by_link), supply);
  return static_cast<std::int64_t>(r.cost);
}

void min_cost_corridor(benchmark::State& state) {
  const instance& x = cached(static_cast<int>(state.range(0)));
  if (!x.error.empty()) return state.SkipWithError(x.error.c_str());
  std::int64_t v = 0;
  for (auto _ : state) benchmark::DoNotOptimize(v = corridor_min_cost(x));
  state.counters["arcs"] = static_cast<double>(x.tail.size());
  state.counters["cost"] = static_cast<double>(v);
}

void min_cost_boost(benchmark::State& state) {
  const instance& x = cached(static_cast<int>(state.range(0)));
  if (!x.error.empty()) return state.SkipWithError(x.error.c_str());
  // Boost's successive shortest paths needs one source and one sink: a super source feeds the
  // supplies, a super sink takes the demands (NETGEN costs are non-negative).
  using traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using graph = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS, boost::no_property,
      boost::property<
          boost::edge_capacity_t, std::int64_t,
          boost::property<boost::edge_residual_capacity_t, std::int64_t,
                          boost::property<boost::edge_reverse_t, traits::edge_descriptor,
                                          boost::property<boost::edge_weight_t, std::int64_t>>>>>;
  std::int64_t v = 0;
  for (auto _ : state) {
    graph g(x.n + 2);
    auto cap = get(boost::edge_capacity, g);
    auto rev = get(boost::edge_reverse, g);
    auto w = get(boost::edge_weight, g);
    const auto add = [&](std::uint32_t a, std::uint32_t b, std::int64_t c, std::int64_t k) {
      const auto e = add_edge(a, b, g).first;
      const auto r = add_edge(b, a, g).first;
      cap[e] = c;
      cap[r] = 0;
      w[e] = k;
      w[r] = -k;
      rev[e] = r;
      rev[r] = e;
    };
    for (std::size_t i = 0; i < x.tail.size(); ++i) add(x.tail[i], x.head[i], x.cap[i], x.cost[i]);
    for (std::uint32_t u = 0; u < x.n; ++u) {
      if (x.supply[u] > 0) add(x.n, u, x.supply[u], 0);
      if (x.supply[u] < 0) add(u, x.n + 1, -x.supply[u], 0);
    }
    boost::successive_shortest_path_nonnegative_weights(g, x.n, x.n + 1);
    benchmark::DoNotOptimize(v = boost::find_flow_cost(g));
  }
  check(state, v, corridor_min_cost(x));
}

#ifdef CORRIDOR_BENCH_LEMON
void max_flow_lemon(benchmark::State& state) {
  const instance& x = cached(static_cast<int>(state.range(0)));
  if (!x.error.empty()) return state.SkipWithError(x.error.c_str());
  std::int64_t v = 0;
  for (auto _ : state) {
    lemon::SmartDigraph g;
    g.reserveNode(static_cast<int>(x.n));
    g.reserveArc(static_cast<int>(x.tail.size()));
    std::vector<lemon::SmartDigraph::Node> nodes;
    for (std::uint32_t i = 0; i < x.n; ++i) nodes.push_back(g.addNode());
    lemon::SmartDigraph::ArcMap<std::int64_t> cap(g);
    for (std::size_t i = 0; i < x.tail.size(); ++i) {
      cap[g.addArc(nodes[x.tail[i]], nodes[x.head[i]])] = x.cap[i];
    }
    lemon::Preflow<lemon::SmartDigraph, lemon::SmartDigraph::ArcMap<std::int64_t>> p(
        g, cap, nodes[x.s], nodes[x.t]);
    p.runMinCut();  // the value (and a min cut), as corridor computes
    benchmark::DoNotOptimize(v = p.flowValue());
  }
  check(state, v, corridor_max_flow(x));
}

void min_cost_lemon(benchmark::State& state) {
  const instance& x = cached(static_cast<int>(state.range(0)));
  if (!x.error.empty()) return state.SkipWithError(x.error.c_str());
  std::int64_t v = 0;
  for (auto _ : state) {
    lemon::SmartDigraph g;
    std::vector<lemon::SmartDigraph::Node> nodes;
    for (std::uint32_t i = 0; i < x.n; ++i) nodes.push_back(g.addNode());
    lemon::SmartDigraph::ArcMap<std::int64_t> cap(g), cost(g);
    lemon::SmartDigraph::NodeMap<std::int64_t> supply(g);
    for (std::size_t i = 0; i < x.tail.size(); ++i) {
      const auto a = g.addArc(nodes[x.tail[i]], nodes[x.head[i]]);
      cap[a] = x.cap[i];
      cost[a] = x.cost[i];
    }
    for (std::uint32_t i = 0; i < x.n; ++i) supply[nodes[i]] = x.supply[i];
    lemon::NetworkSimplex<lemon::SmartDigraph, std::int64_t, std::int64_t> ns(g);
    ns.upperMap(cap).costMap(cost).supplyMap(supply);
    if (ns.run() != decltype(ns)::OPTIMAL) state.SkipWithError("LEMON: not optimal");
    benchmark::DoNotOptimize(v = ns.totalCost<std::int64_t>());
  }
  check(state, v, corridor_min_cost(x));
}
#endif

// Arguments: 0 = layered 100 x 100 (~30k arcs), 1 = layered 300 x 300 (~270k arcs),
// 2 = max_flow5.max; 3 = netgen_8_08a.min, 4 = netgen_8_10a.min.
BENCHMARK(max_flow_corridor)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(max_flow_boost)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(min_cost_corridor)->Arg(3)->Arg(4)->Unit(benchmark::kMillisecond);
BENCHMARK(min_cost_boost)->Arg(3)->Arg(4)->Unit(benchmark::kMillisecond);
#ifdef CORRIDOR_BENCH_LEMON
BENCHMARK(max_flow_lemon)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(min_cost_lemon)->Arg(3)->Arg(4)->Unit(benchmark::kMillisecond);
#endif

}  // namespace
