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

/// A side x side grid (node r * side + c) whose streets are missing with probability 1/5; each
/// street gives two arcs, weighted by `weights(rng)` (forward, backward). O(side^2).
inline random_graph make_grid_graph(
    std::uint32_t side, std::mt19937_64& rng,
    const std::function<std::pair<double, double>(std::mt19937_64&)>& weights) {
  std::vector<node_id> tails, heads;
  std::vector<double> w_in;
  for (std::uint32_t r = 0; r < side; ++r) {
    for (std::uint32_t c = 0; c < side; ++c) {
      const std::uint32_t v = r * side + c;
      for (const std::uint32_t x : {c + 1 < side ? v + 1 : v, r + 1 < side ? v + side : v}) {
        if (x == v || rng() % 5 == 0) continue;
        const auto [forward, backward] = weights(rng);
        tails.push_back(node_id{v});
        heads.push_back(node_id{x});
        w_in.push_back(forward);
        tails.push_back(node_id{x});
        heads.push_back(node_id{v});
        w_in.push_back(backward);
      }
    }
  }
  std::vector<std::uint32_t> perm;
  random_graph out{network::from_arcs(side * side, tails, heads, perm), {}};
  out.weight = apply_permutation<double>(perm, w_in);
  return out;
}

/// An arc for the oracles: u -> v of weight w (+inf: absent).
struct weighted_arc {
  std::uint32_t u, v;
  double w;
};

/// All-pairs shortest weights by Floyd-Warshall: row u holds the distances from node u (+inf:
/// unreachable); parallel arcs count by their lightest. O(n^3).
using distance_rows = std::vector<std::vector<double>>;
inline distance_rows floyd_warshall_rows(std::uint32_t n, std::span<const weighted_arc> arcs) {
  distance_rows d(n, std::vector<double>(n, std::numeric_limits<double>::infinity()));
  for (std::uint32_t v = 0; v < n; ++v) d[v][v] = 0;
  for (const weighted_arc& a : arcs) d[a.u][a.v] = std::min(d[a.u][a.v], a.w);
  for (std::uint32_t k = 0; k < n; ++k) {
    for (std::uint32_t i = 0; i < n; ++i) {
      for (std::uint32_t j = 0; j < n; ++j) d[i][j] = std::min(d[i][j], d[i][k] + d[k][j]);
    }
  }
  return d;
}

/// The same on a network's links with weights w per link id (+inf: absent, e.g. closed).
inline distance_rows floyd_warshall_rows(const network& g, std::span<const double> w) {
  std::vector<weighted_arc> arcs;
  arcs.reserve(g.link_count());
  for (std::uint32_t l = 0; l < g.link_count(); ++l) {
    arcs.push_back({g.tail(link_id{l}).value(), g.head(link_id{l}).value(), w[l]});
  }
  return floyd_warshall_rows(g.node_count(), arcs);
}

/// Row-major: d[u * n + v].
inline std::vector<double> floyd_warshall(const network& g, std::span<const double> w) {
  std::vector<double> flat;
  flat.reserve(std::size_t{g.node_count()} * g.node_count());
  for (const std::vector<double>& row : floyd_warshall_rows(g, w)) {
    flat.insert(flat.end(), row.begin(), row.end());
  }
  return flat;
}

/// Zone-to-zone distances: the least over the zones' node pairs.
inline distance_rows zone_distances(const distance_rows& d,
                                    const std::vector<std::vector<node_id>>& zones) {
  distance_rows out(zones.size(),
                    std::vector<double>(zones.size(), std::numeric_limits<double>::infinity()));
  for (std::size_t i = 0; i < zones.size(); ++i) {
    for (std::size_t j = 0; j < zones.size(); ++j) {
      for (const node_id a : zones[i]) {
        for (const node_id b : zones[j]) out[i][j] = std::min(out[i][j], d[a.value()][b.value()]);
      }
    }
  }
  return out;
}

}  // namespace corridor::test
