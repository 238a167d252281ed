// Shortest-path micro-benchmarks: one-to-one queries (Dijkstra and A*) and one-to-all trees on
// rome99 (DIMACS, ../shared/data) and on the bundled sample; random pairs from a fixed seed
// (CORRIDOR_SEED overrides it).
#include <cstdlib>
#include <filesystem>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "corridor/gis/read.hpp"
#include "corridor/path/route.hpp"
#include "corridor/path/shortest_path.hpp"

namespace {

std::uint64_t seed() {
  const char* s = std::getenv("CORRIDOR_SEED");
  return s ? std::strtoull(s, nullptr, 10) : 20261122;
}

const corridor::gis::loaded_network* rome() {
  static const auto* n = [] {
    const std::filesystem::path p =
        std::filesystem::path(CORRIDOR_SHARED_DIR) / "data/dimacs/rome99.gr";
    return std::filesystem::exists(p)
               ? new corridor::gis::loaded_network(corridor::gis::read_dimacs(p))
               : nullptr;
  }();
  return n;
}

const corridor::gis::loaded_network& sample() {
  static const corridor::gis::loaded_network n =
      corridor::gis::read_network(std::filesystem::path(CORRIDOR_SOURCE_DIR) / "geodata/sample");
  return n;
}

/// rome99, or nullptr after marking the benchmark skipped when ../shared is absent.
const corridor::gis::loaded_network* rome_or_skip(benchmark::State& state) {
  const auto* n = rome();
  if (n == nullptr) state.SkipWithError("../shared/data/dimacs/rome99.gr is absent");
  return n;
}

/// Runs `step(query, weight, random node)` per iteration on rome99 (skipped when absent).
template <class Step>
void on_rome99(benchmark::State& state, Step step) {
  const auto* n = rome_or_skip(state);
  if (n == nullptr) return;
  const auto& g = n->net.graph;
  corridor::dijkstra_query q(g);
  std::mt19937_64 rng(seed());
  std::uniform_int_distribution<std::uint32_t> node(0, g.node_count() - 1);
  const corridor::by_column w(n->net.links.weight);
  for (auto _ : state) step(q, w, [&] { return corridor::node_id{node(rng)}; });
}

void rome99_dijkstra_one_to_one(benchmark::State& state) {
  on_rome99(state, [](corridor::dijkstra_query& q, const corridor::by_column& w, auto random) {
    const corridor::node_id s = random(), t = random();
    q.run(w, std::span<const corridor::node_id>(&s, 1), std::span<const corridor::node_id>(&t, 1));
    benchmark::DoNotOptimize(q.distance(t));
  });
}
BENCHMARK(rome99_dijkstra_one_to_one);

void rome99_one_to_all(benchmark::State& state) {
  on_rome99(state, [](corridor::dijkstra_query& q, const corridor::by_column& w, auto random) {
    const corridor::node_id s = random();
    q.run(w, std::span<const corridor::node_id>(&s, 1));
    benchmark::DoNotOptimize(q.settled_count());
  });
}
BENCHMARK(rome99_one_to_all);

void sample_find_route(benchmark::State& state) {
  const auto& n = sample();
  const auto costs = corridor::compute_link_costs(n.net, corridor::cost_profile::defaults());
  std::mt19937_64 rng(seed());
  std::uniform_int_distribution<std::uint32_t> place(0, n.net.place_count() - 1);
  for (auto _ : state) {
    const auto r =
        corridor::find_route(n.net, costs, corridor::criterion::time, {}, place(rng), place(rng));
    benchmark::DoNotOptimize(r.totals.time_h);
  }
}
BENCHMARK(sample_find_route);

}  // namespace

BENCHMARK_MAIN();
