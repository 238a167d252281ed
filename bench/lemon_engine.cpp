// C++17 on purpose: see lemon_engine.hpp.
#include "lemon_engine.hpp"

#include <chrono>
#include <limits>
#include <utility>
#include <vector>

#include <lemon/dijkstra.h>
#include <lemon/static_graph.h>

namespace corridor_bench {

struct lemon_engine::impl {
  using digraph = lemon::StaticDigraph;
  digraph g;
  std::unique_ptr<digraph::ArcMap<double>> len;
  std::unique_ptr<lemon::Dijkstra<digraph, digraph::ArcMap<double>>> d;
};

lemon_engine::lemon_engine(std::uint32_t nodes, const std::uint32_t* tails,
                           const std::uint32_t* heads, const double* weights, std::uint32_t arcs)
    : p_(std::make_unique<impl>()) {
  const auto t0 = std::chrono::steady_clock::now();
  std::vector<std::pair<int, int>> list;
  list.reserve(arcs);
  for (std::uint32_t a = 0; a < arcs; ++a) {
    list.emplace_back(static_cast<int>(tails[a]), static_cast<int>(heads[a]));
  }
  p_->g.build(static_cast<int>(nodes), list.begin(), list.end());
  p_->len = std::make_unique<impl::digraph::ArcMap<double>>(p_->g);
  for (std::uint32_t a = 0; a < arcs; ++a) {
    (*p_->len)[p_->g.arcFromId(static_cast<int>(a))] = weights[a];
  }
  p_->d = std::make_unique<lemon::Dijkstra<impl::digraph, impl::digraph::ArcMap<double>>>(p_->g,
                                                                                          *p_->len);
  build_ms_ =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

lemon_engine::~lemon_engine() = default;

void lemon_engine::run(std::uint32_t s) { p_->d->run(p_->g.nodeFromId(static_cast<int>(s))); }

bool lemon_engine::run(std::uint32_t s, std::uint32_t t) {
  return p_->d->run(p_->g.nodeFromId(static_cast<int>(s)), p_->g.nodeFromId(static_cast<int>(t)));
}

double lemon_engine::distance(std::uint32_t v) const {
  const impl::digraph::Node x = p_->g.nodeFromId(static_cast<int>(v));
  return p_->d->reached(x) ? p_->d->dist(x) : std::numeric_limits<double>::infinity();
}

}  // namespace corridor_bench
