// Road-like planar test graphs for benchmarks at any scale (10^4 to 10^7 nodes), seeded.
//
// Nodes sit on a jittered square grid (row-major ids, so neighbours have nearby ids, as in a
// spatially ordered export). Grid edges: a random spanning tree (so the graph is connected), then
// each remaining grid edge with probability 0.5; every edge is a pair of arcs with the same
// weight. Every 16th row and column is a fast road (100 km/h, the rest 40 km/h), which gives the
// hierarchy of a real road network. Weights are integer travel times in tenths of a second, so
// sums are exact in any order and every engine must give identical distances. Positions are in
// degrees (a 1 km grid near the equator) for A* bounds.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <numeric>
#include <random>
#include <vector>

#include "corridor/geo.hpp"
#include "corridor/network/network.hpp"

namespace corridor::bench {

struct generated_graph {
  network graph;
  std::vector<double> weight;         ///< per link id
  std::vector<geo::lonlat> position;  ///< per node
};

/// A connected road-like graph of about `nodes` nodes (the next square) from `seed`. O(n log n).
inline generated_graph road_graph(std::uint32_t nodes, std::uint64_t seed) {
  const auto side = static_cast<std::uint32_t>(std::ceil(std::sqrt(static_cast<double>(nodes))));
  const std::uint32_t n = side * side;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> jitter(-0.3, 0.3);
  generated_graph out;
  out.position.resize(n);
  std::vector<double> x(n), y(n);
  for (std::uint32_t r = 0; r < side; ++r) {
    for (std::uint32_t c = 0; c < side; ++c) {
      const std::uint32_t v = r * side + c;
      x[v] = c + jitter(rng);
      y[v] = r + jitter(rng);
      out.position[v] = {x[v] / 111.32, y[v] / 111.32};  // 1 grid step ~ 1 km
    }
  }
  struct edge {
    std::uint32_t a, b;
    bool fast;
  };
  std::vector<edge> edges;
  edges.reserve(2 * std::size_t{n});
  for (std::uint32_t r = 0; r < side; ++r) {
    for (std::uint32_t c = 0; c < side; ++c) {
      const std::uint32_t v = r * side + c;
      if (c + 1 < side) edges.push_back({v, v + 1, r % 16 == 0});
      if (r + 1 < side) edges.push_back({v, v + side, c % 16 == 0});
    }
  }
  std::shuffle(edges.begin(), edges.end(), rng);
  // Kruskal on the shuffled order: the tree edges first, then the rest with probability 1/2.
  std::vector<std::uint32_t> parent(n);
  std::iota(parent.begin(), parent.end(), 0u);
  const auto find = [&](std::uint32_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  std::vector<node_id> tails, heads;
  std::vector<double> w;
  const auto add = [&](const edge& e) {
    const double km = std::hypot(x[e.a] - x[e.b], y[e.a] - y[e.b]);
    const double tenths = std::max(1.0, std::round(km / (e.fast ? 100.0 : 40.0) * 36000.0));
    tails.push_back(node_id{e.a});
    heads.push_back(node_id{e.b});
    w.push_back(tenths);
    tails.push_back(node_id{e.b});
    heads.push_back(node_id{e.a});
    w.push_back(tenths);
  };
  std::vector<edge> rest;
  for (const edge& e : edges) {
    const std::uint32_t ra = find(e.a), rb = find(e.b);
    if (ra != rb) {
      parent[ra] = rb;
      add(e);
    } else {
      rest.push_back(e);
    }
  }
  for (const edge& e : rest) {
    if (rng() % 2 == 0) add(e);
  }
  std::vector<std::uint32_t> perm;
  out.graph = network::from_arcs(n, tails, heads, perm);
  out.weight = apply_permutation<double>(perm, w);
  return out;
}

}  // namespace corridor::bench
