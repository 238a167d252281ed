// Scenario overlays against materialised networks, on the bundled China-ASEAN network: what a
// scenario costs before its first search. An overlay (closures and changes over the base CSR)
// copies the link columns and applies the edits; materialising applies the edits to the records
// and runs the builder (layers, generated transfer links, CSR, columns). Additions must be
// materialised (they can add layers to existing places); the benchmarks put that one-off cost next
// to the searches a scenario run then makes.
#include <filesystem>
#include <string>

#include <benchmark/benchmark.h>

#include "corridor/gis/read.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/path/route.hpp"
#include "corridor/scenario/overlay.hpp"

namespace {

namespace fs = std::filesystem;

struct bundled {
  corridor::gis::network_records records;
  corridor::gis::loaded_network base;
};

const bundled& china_asean() {
  static const bundled b = [] {
    bundled x;
    x.records =
        corridor::gis::read_network_records(fs::path(CORRIDOR_SOURCE_DIR) / "geodata/china-asean");
    x.base = corridor::gis::build_network(x.records);
    return x;
  }();
  return b;
}

corridor::gis::scenario scenario_named(const std::string& name) {
  return corridor::gis::read_scenario(fs::path(CORRIDOR_SOURCE_DIR) / "geodata/scenarios" /
                                      (name + ".toml"));
}

const corridor::link_filter freight{};

/// Overlay + link costs + weights by time: a closure scenario ready to search.
void BM_scenario_overlay(benchmark::State& state) {
  const bundled& b = china_asean();
  const corridor::gis::scenario s = scenario_named("close-malacca");
  const corridor::cost_profile p = corridor::cost_profile::defaults();
  for (auto _ : state) {
    const corridor::scenario_overlay o(b.base.net, s.edits);
    benchmark::DoNotOptimize(o.weights(p, corridor::criterion::time, freight));
  }
}
BENCHMARK(BM_scenario_overlay)->Unit(benchmark::kMicrosecond);

/// The same scenario materialised: edits on a copy of the records, the builder, costs, weights.
void BM_scenario_materialise(benchmark::State& state, const std::string& name) {
  const bundled& b = china_asean();
  const corridor::gis::scenario s = scenario_named(name);
  const corridor::cost_profile p = corridor::cost_profile::defaults();
  for (auto _ : state) {
    corridor::gis::network_records r = b.records;
    corridor::apply_edits(s.edits, r.places, r.links);
    const corridor::gis::loaded_network n = corridor::gis::build_network(std::move(r));
    benchmark::DoNotOptimize(corridor::filtered_weights(
        n.net, corridor::compute_link_costs(n.net, p).criterion_weights(corridor::criterion::time),
        freight));
  }
}
BENCHMARK_CAPTURE(BM_scenario_materialise, close_malacca, std::string("close-malacca"))
    ->Unit(benchmark::kMicrosecond);
BENCHMARK_CAPTURE(BM_scenario_materialise, laocai_sgr_adds_links,
                  std::string("laocai-hanoi-haiphong-sgr"))
    ->Unit(benchmark::kMicrosecond);

/// One route (Kunming -> Singapore by time, A*), costs included: one option of one question.
void BM_scenario_route(benchmark::State& state) {
  const bundled& b = china_asean();
  const corridor::built_network& net = b.base.net;
  const corridor::link_costs c =
      corridor::compute_link_costs(net, corridor::cost_profile::defaults());
  const std::uint32_t from = net.find_place("kunming"), to = net.find_place("singapore");
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        corridor::find_route(net, c, corridor::criterion::time, freight, from, to));
  }
}
BENCHMARK(BM_scenario_route)->Unit(benchmark::kMicrosecond);

}  // namespace
