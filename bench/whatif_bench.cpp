// Link-addition ranking: evaluating a candidate from the skims (O(Z^2) vector work) against
// recomputing the zone skim with the candidate added (Z one-to-all searches), on rome99
// (../shared/data/dimacs) with Z = 2,000 random zones and 10,000 random candidates joining 500
// random endpoint nodes, each 20% shorter than the path it replaces (integer weights, so sums are
// exact in any order). Each
// recomputation benchmark checks that both give identical zone-to-zone weights.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <vector>

#include <benchmark/benchmark.h>

#include "corridor/gis/read.hpp"
#include "corridor/path/skim.hpp"
#include "corridor/whatif/add_links.hpp"

namespace {

struct setup {
  corridor::gis::loaded_network n;
  std::vector<corridor::node_set> zones;
  std::vector<corridor::candidate_link> candidates;
  std::unique_ptr<corridor::link_addition_ranker> ranker;
};

const setup* rome_setup() {
  static const setup* s = []() -> const setup* {
    const std::filesystem::path p =
        std::filesystem::path(CORRIDOR_SHARED_DIR) / "data/dimacs/rome99.gr";
    if (!std::filesystem::exists(p)) return nullptr;
    auto* x = new setup{corridor::gis::read_dimacs(p), {}, {}, nullptr};
    const char* env = std::getenv("CORRIDOR_SEED");
    std::mt19937_64 rng(env ? std::strtoull(env, nullptr, 10) : 20261122);
    const std::uint32_t n = x->n.net.graph.node_count();
    std::vector<std::uint32_t> order(n);
    for (std::uint32_t i = 0; i < n; ++i) order[i] = i;
    std::shuffle(order.begin(), order.end(), rng);
    for (std::uint32_t i = 0; i < 2000; ++i) x->zones.push_back({corridor::node_id{order[i]}});
    // Candidates: a link between two of 500 endpoints, 20% shorter than their current shortest
    // path (a new direct road), integer weight; unconnected pairs get 5,000.
    std::vector<corridor::node_set> ends;
    for (std::uint32_t i = 0; i < 500; ++i) ends.push_back({corridor::node_id{order[i]}});
    const Eigen::MatrixXd d =
        corridor::skim(x->n.net.graph, corridor::by_column(x->n.net.links.weight), ends, ends);
    std::uniform_int_distribution<std::uint32_t> end(0, 499);
    for (int k = 0; k < 10000; ++k) {
      const std::uint32_t a = end(rng), b = end(rng);
      const double w = std::isfinite(d(a, b)) ? std::floor(0.8 * d(a, b)) : 5000.0;
      x->candidates.push_back(
          {corridor::node_id{order[a]}, corridor::node_id{order[b]}, w, true, 1.0});
    }
    Eigen::MatrixXd demand = Eigen::MatrixXd::Ones(2000, 2000);
    x->ranker = std::make_unique<corridor::link_addition_ranker>(
        x->n.net.graph, corridor::by_column(x->n.net.links.weight), x->zones, demand,
        x->candidates);
    return x;
  }();
  return s;
}

void whatif_evaluate_candidate(benchmark::State& state) {
  const setup* s = rome_setup();
  if (s == nullptr) return state.SkipWithError("../shared/data/dimacs/rome99.gr is absent");
  std::uint32_t k = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(s->ranker->evaluate(k));
    k = (k + 1) % static_cast<std::uint32_t>(s->candidates.size());
  }
  state.counters["zones"] = 2000;
}

void whatif_recompute_candidate(benchmark::State& state) {
  const setup* s = rome_setup();
  if (s == nullptr) return state.SkipWithError("../shared/data/dimacs/rome99.gr is absent");
  const corridor::network& g = s->n.net.graph;
  std::uint32_t k = 0;
  for (auto _ : state) {
    // The network with the candidate's two arcs, then the full zone skim.
    const corridor::candidate_link& c = s->candidates[k];
    std::vector<corridor::node_id> t, h;
    std::vector<double> w_in;
    for (std::uint32_t l = 0; l < g.link_count(); ++l) {
      t.push_back(g.tail(corridor::link_id{l}));
      h.push_back(g.head(corridor::link_id{l}));
      w_in.push_back(s->n.net.links.weight[l]);
    }
    t.push_back(c.from);
    h.push_back(c.to);
    w_in.push_back(c.weight);
    t.push_back(c.to);
    h.push_back(c.from);
    w_in.push_back(c.weight);
    std::vector<std::uint32_t> perm;
    const corridor::network g2 = corridor::network::from_arcs(g.node_count(), t, h, perm);
    const std::vector<double> w2 = corridor::apply_permutation<double>(perm, w_in);
    const Eigen::MatrixXd after = corridor::skim(g2, corridor::by_column(w2), s->zones, s->zones);
    state.PauseTiming();
    if (after != s->ranker->od_with(k)) state.SkipWithError("results differ");
    k = (k + 1) % static_cast<std::uint32_t>(s->candidates.size());
    state.ResumeTiming();
  }
  state.counters["zones"] = 2000;
}

BENCHMARK(whatif_evaluate_candidate)->Unit(benchmark::kMillisecond);
BENCHMARK(whatif_recompute_candidate)->Unit(benchmark::kMillisecond)->Iterations(3);

}  // namespace
