// Test oracles on plain graphs: seeded random networks and Floyd-Warshall distances.
#pragma once

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <random>
#include <span>
#include <utility>
#include <vector>

#include "corridor/network/network.hpp"

namespace corridor::test {

struct random_graph {
  network graph;
  std::vector<double> weight;  ///< per link id
};

/// A random multigraph (self-loops and parallel arcs included) of `n` nodes and `m` arcs, arc
/// weights from `weight(rng)`. O(n + m).
inline random_graph make_random_graph(std::uint32_t n, std::uint32_t m, std::mt19937_64& rng,
                                      const std::function<double(std::mt19937_64&)>& weight) {
  std::vector<node_id> tails, heads;
  std::vector<double> w_in;
  for (std::uint32_t i = 0; i < m; ++i) {
    tails.push_back(node_id{static_cast<std::uint32_t>(rng() % n)});
    heads.push_back(node_id{static_cast<std::uint32_t>(rng() % n)});
    w_in.push_back(weight(rng));
  }
  std::vector<std::uint32_t> perm;
  random_graph out{network::from_arcs(n, tails, heads, perm), {}};
  out.weight = apply_permutation<double>(perm, w_in);
  return out;
}

/// All-pairs shortest weights by Floyd-Warshall, row-major: d[u * n + v] (+inf: unreachable).
/// O(n^3).
inline std::vector<double> floyd_warshall(const network& g, std::span<const double> w) {
  const std::size_t n = g.node_count();
  std::vector<double> d(n * n, std::numeric_limits<double>::infinity());
  for (std::size_t v = 0; v < n; ++v) d[v * n + v] = 0;
  for (std::uint32_t l = 0; l < g.link_count(); ++l) {
    double& x = d[std::size_t{g.tail(link_id{l}).value()} * n + g.head(link_id{l}).value()];
    x = std::min(x, w[l]);
  }
  for (std::size_t k = 0; k < n; ++k) {
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t j = 0; j < n; ++j)
        d[i * n + j] = std::min(d[i * n + j], d[i * n + k] + d[k * n + j]);
    }
  }
  return d;
}

}  // namespace corridor::test
