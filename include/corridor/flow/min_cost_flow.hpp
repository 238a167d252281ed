// Minimum-cost flow: supplies and demands at nodes, capacities and costs per link.
//
//   std::vector<double> supply(net.graph.node_count(), 0.0);   // > 0 supply, < 0 demand
//   supply[a] = 1000; supply[b] = -1000;
//   corridor::min_cost_flow_result r =
//       corridor::min_cost_flow(net.graph, by_column(capacity), by_column(cost), supply);
//   if (r.status == corridor::min_cost_status::optimal) { r.cost; r.flow; }
//
// Engine: successive shortest paths with Dijkstra on reduced costs (node potentials), on
// capacities and supplies scaled to 64-bit integers as in max_flow (exact for whole numbers;
// `resolution` otherwise). It stops after at most (total supply / resolution) augmentations, so it
// cannot hang on fractional data. Negative costs are handled by saturating those links first.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <queue>
#include <span>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/network/network.hpp"
#include "corridor/path/weights.hpp"

namespace corridor {

enum class min_cost_status : std::uint8_t {
  optimal,     ///< every supply delivered at minimum cost
  infeasible,  ///< the capacities cannot carry the supplies to the demands
  unbounded,   ///< a negative-cost cycle of unlimited capacity exists
  unbalanced,  ///< supplies and demands do not add up to zero
};

[[nodiscard]] constexpr std::string_view to_string(min_cost_status s) noexcept {
  constexpr std::string_view names[] = {"optimal", "infeasible", "unbounded", "unbalanced"};
  return names[static_cast<std::size_t>(s)];
}

struct min_cost_flow_result {
  min_cost_status status = min_cost_status::optimal;
  double cost = 0;           ///< sum of flow x cost (when optimal)
  std::vector<double> flow;  ///< per link id (when optimal)
  double resolution = 1;     ///< flow units per integer unit of the engine
};

/// Minimum-cost flow. `supply[v]` > 0 is a supply, < 0 a demand (per node; they must add up to 0
/// within the resolution, else status unbalanced). `capacity(l)` >= 0, +inf or NaN unlimited;
/// `cost(l)` any finite number (per unit of flow). Throws input_error for a negative or non-finite
/// capacity/cost where that is not allowed. O(U (m + n) log n) for U = total supply in engine
/// units.
template <weight_function C, weight_function K>
[[nodiscard]] min_cost_flow_result min_cost_flow(const network& g, const C& capacity, const K& cost,
                                                 std::span<const double> supply) {
  const std::uint32_t n = g.node_count(), m = g.link_count();
  if (supply.size() != n) throw input_error("min_cost_flow: one supply per node is needed");
  min_cost_flow_result out;
  constexpr double inf = std::numeric_limits<double>::infinity();
  std::vector<double> cap(m), c(m);
  double sum_finite = 0, sum_supply = 0, balance = 0;
  bool integral = true;
  for (std::uint32_t l = 0; l < m; ++l) {
    double x = static_cast<double>(capacity(link_id{l}));
    if (std::isnan(x)) x = inf;
    if (x < 0)
      throw input_error("min_cost_flow: link " + std::to_string(l) + " has a negative capacity");
    cap[l] = x;
    c[l] = static_cast<double>(cost(link_id{l}));
    if (!std::isfinite(c[l])) {
      throw input_error("min_cost_flow: link " + std::to_string(l) + " has a non-finite cost");
    }
    if (std::isfinite(x)) {
      sum_finite += x;
      integral = integral && x == std::floor(x);
    }
  }
  for (const double s : supply) {
    if (!std::isfinite(s)) throw input_error("min_cost_flow: a supply is not finite");
    balance += s;
    if (s > 0) sum_supply += s;
    integral = integral && s == std::floor(s);
  }
  constexpr double limit = 4503599627370496.0;  // 2^52: sums of scaled values stay exact
  const double total = sum_finite + 2 * sum_supply + 1;
  double scale = 1;
  if (!integral || total >= limit) scale = std::exp2(std::floor(std::log2(limit / total)));
  out.resolution = 1 / scale;
  if (std::abs(balance) * scale >= 0.5) {
    out.status = min_cost_status::unbalanced;
    return out;
  }
  const auto big = static_cast<std::int64_t>(std::llround((sum_finite + sum_supply) * scale)) + 1;

  // Residual arcs: 2k forward, 2k+1 backward; links first, then super source/sink arcs.
  std::vector<std::int64_t> node_supply(n + 2, 0);
  for (std::uint32_t v = 0; v < n; ++v) {
    node_supply[v] = static_cast<std::int64_t>(std::llround(supply[v] * scale));
  }
  struct arc {
    std::uint32_t head;
    std::int64_t residual;
    double cost;
  };
  std::vector<arc> arcs;
  std::vector<std::uint32_t> tail;
  arcs.reserve(2 * (m + n));
  const auto add = [&](std::uint32_t u, std::uint32_t v, std::int64_t cp, double k) {
    arcs.push_back({v, cp, k});
    tail.push_back(u);
    arcs.push_back({u, 0, -k});
    tail.push_back(v);
  };
  for (std::uint32_t l = 0; l < m; ++l) {
    const link_id id{l};
    const std::uint32_t u = g.tail(id).value(), v = g.head(id).value();
    std::int64_t cp =
        std::isinf(cap[l]) ? big : static_cast<std::int64_t>(std::llround(cap[l] * scale));
    if (c[l] < 0 && std::isinf(cap[l])) {
      // Unbounded when unlimited, non-positive-cost links lead back from v to u.
      std::vector<std::uint8_t> seen(n, 0);
      std::vector<std::uint32_t> stack{v};
      seen[v] = 1;
      while (!stack.empty()) {
        const std::uint32_t x = stack.back();
        stack.pop_back();
        if (x == u) {
          out.status = min_cost_status::unbounded;
          return out;
        }
        for (const link_id e : g.out_links(node_id{x})) {
          const std::uint32_t y = g.head(e).value();
          if (std::isinf(cap[e.value()]) && c[e.value()] <= 0 && seen[y] == 0) {
            seen[y] = 1;
            stack.push_back(y);
          }
        }
      }
    }
    if (c[l] < 0) {  // saturate: the flow is there, the residual arc goes back at -cost
      node_supply[u] -= cp;
      node_supply[v] += cp;
      arcs.push_back({v, 0, c[l]});
      tail.push_back(u);
      arcs.push_back({u, cp, -c[l]});
      tail.push_back(v);
      continue;
    }
    add(u, v, cp, c[l]);
  }
  const std::uint32_t S = n, T = n + 1, N = n + 2;
  std::int64_t need = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    if (node_supply[v] > 0) {
      add(S, v, node_supply[v], 0);
      need += node_supply[v];
    } else if (node_supply[v] < 0) {
      add(v, T, -node_supply[v], 0);
    }
  }
  // Residual adjacency (CSR over arc indices).
  std::vector<std::uint32_t> first(N + 1, 0), order(arcs.size());
  for (const std::uint32_t t : tail) ++first[t + 1];
  for (std::uint32_t v = 0; v < N; ++v) first[v + 1] += first[v];
  {
    std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
    for (std::uint32_t a = 0; a < arcs.size(); ++a) order[next[tail[a]]++] = a;
  }
  // Successive shortest paths. All residual costs are >= 0 at the start (negative ones were
  // saturated), so zero potentials are valid.
  std::vector<double> pi(N, 0), dist(N);
  std::vector<std::uint32_t> via(N);
  using item = std::pair<double, std::uint32_t>;
  std::int64_t sent = 0;
  while (sent < need) {
    std::fill(dist.begin(), dist.end(), inf);
    std::priority_queue<item, std::vector<item>, std::greater<>> heap;
    dist[S] = 0;
    heap.push({0, S});
    while (!heap.empty()) {
      const auto [d, u] = heap.top();
      heap.pop();
      if (d > dist[u]) continue;
      for (std::uint32_t i = first[u]; i < first[u + 1]; ++i) {
        const std::uint32_t a = order[i];
        if (arcs[a].residual <= 0) continue;
        const std::uint32_t v = arcs[a].head;
        const double rc = std::max(0.0, arcs[a].cost + pi[u] - pi[v]);  // >= 0 up to rounding
        if (d + rc < dist[v]) {
          dist[v] = d + rc;
          via[v] = a;
          heap.push({dist[v], v});
        }
      }
    }
    if (!(dist[T] < inf)) break;  // the rest cannot be delivered
    double reached_max = 0;
    for (std::uint32_t v = 0; v < N; ++v) {
      if (dist[v] < inf) reached_max = std::max(reached_max, dist[v]);
    }
    for (std::uint32_t v = 0; v < N; ++v) pi[v] += dist[v] < inf ? dist[v] : reached_max;
    std::int64_t push = need - sent;
    for (std::uint32_t v = T; v != S; v = tail[via[v]])
      push = std::min(push, arcs[via[v]].residual);
    for (std::uint32_t v = T; v != S; v = tail[via[v]]) {
      arcs[via[v]].residual -= push;
      arcs[via[v] ^ 1u].residual += push;
    }
    sent += push;
  }
  if (sent < need) {
    out.status = min_cost_status::infeasible;
    return out;
  }
  out.flow.resize(m);
  for (std::uint32_t l = 0; l < m; ++l) {
    // The backward arc's residual is the flow (pre-saturated links started with it full).
    out.flow[l] = static_cast<double>(arcs[2 * l + 1].residual) / scale;
    out.cost += out.flow[l] * c[l];
  }
  return out;
}

}  // namespace corridor
