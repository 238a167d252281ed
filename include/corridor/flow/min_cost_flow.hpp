// Minimum-cost flow: supplies and demands at nodes, capacities and costs per link.
//
//   std::vector<double> supply(net.graph.node_count(), 0.0);   // > 0 supply, < 0 demand
//   supply[a] = 1000; supply[b] = -1000;
//   corridor::min_cost_flow_result r =
//       corridor::min_cost_flow(net.graph, by_column(capacity), by_column(cost), supply);
//   if (r.status == corridor::min_cost_status::optimal) { r.cost; r.flow; }
//
// Engine: primal network simplex (block-search pivots, strongly feasible trees) on capacities and
// supplies scaled to 64-bit integers as in max_flow (exact for whole numbers; `resolution`
// otherwise), with real costs. Negative costs are allowed; a negative-cost cycle of unlimited
// capacity gives status unbounded.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
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

namespace detail {

struct network_simplex_result {
  min_cost_status status = min_cost_status::optimal;
  std::vector<std::int64_t> flow;  ///< per link id
};

/// Primal network simplex on integer capacities (`upper`, >= `unlimited` meaning no limit) and
/// real costs, for integer supplies adding up to 0. A root node joins every node by an artificial
/// link of cost (max |cost| + 1) x (n + 1), which starts a strongly feasible spanning tree; each
/// pivot takes the most violating link of a block of about sqrt(m) links (block search) and
/// leaves by the last blocking link of the cycle (Cunningham's rule: no cycling). Infeasible when
/// an artificial link keeps flow; unbounded when a cycle of negative reduced cost has no finite
/// bottleneck. Node potentials are kept for the tree: reduced cost c + pi[tail] - pi[head].
inline network_simplex_result network_simplex(const network& g,
                                              const std::vector<std::int64_t>& upper,
                                              std::int64_t unlimited, const std::vector<double>& c,
                                              double max_cost,
                                              const std::vector<std::int64_t>& supply) {
  const std::uint32_t n = g.node_count(), m = g.link_count();
  const std::uint32_t root = n, arcs = m + n;
  constexpr std::uint32_t none = 0xFFFFFFFFU;
  std::vector<std::uint32_t> tail(arcs), head(arcs);
  std::vector<std::int64_t> cap(arcs), flow(arcs, 0);
  std::vector<double> cost(arcs);
  std::vector<std::int8_t> state(arcs, 1);  // 1 at lower bound, -1 at upper bound, 0 in the tree
  for (std::uint32_t l = 0; l < m; ++l) {
    tail[l] = g.tail(link_id{l}).value();
    head[l] = g.head(link_id{l}).value();
    cap[l] = upper[l];
    cost[l] = c[l];
  }
  // Tree: parent, the link to it, and children lists (first child, next / previous sibling).
  std::vector<std::uint32_t> parent(n + 1, none), pred(n + 1, none), child(n + 1, none),
      next(n + 1, none), prev(n + 1, none);
  std::vector<double> pi(n + 1, 0.0);
  const auto attach = [&](std::uint32_t v, std::uint32_t p, std::uint32_t a) {
    parent[v] = p;
    pred[v] = a;
    prev[v] = none;
    next[v] = child[p];
    if (child[p] != none) prev[child[p]] = v;
    child[p] = v;
  };
  const auto detach = [&](std::uint32_t v) {
    const std::uint32_t p = parent[v];
    if (prev[v] != none) {
      next[prev[v]] = next[v];
    } else {
      child[p] = next[v];
    }
    if (next[v] != none) prev[next[v]] = prev[v];
    parent[v] = none;
  };
  const double artificial = (max_cost + 1) * (static_cast<double>(n) + 1);
  for (std::uint32_t v = 0; v < n; ++v) {
    const std::uint32_t a = m + v;
    cost[a] = artificial;
    cap[a] = unlimited;
    state[a] = 0;
    if (supply[v] >= 0) {  // v -> root carries the supply
      tail[a] = v;
      head[a] = root;
      flow[a] = supply[v];
      pi[v] = -artificial;
    } else {  // root -> v carries the demand
      tail[a] = root;
      head[a] = v;
      flow[a] = -supply[v];
      pi[v] = artificial;
    }
    attach(v, root, a);
  }
  const double eps = 1e-12 * (max_cost + 1) * (static_cast<double>(n) + 1);
  const auto reduced = [&](std::uint32_t a) { return cost[a] + pi[tail[a]] - pi[head[a]]; };
  const std::uint32_t block =
      std::max<std::uint32_t>(10, static_cast<std::uint32_t>(std::sqrt(static_cast<double>(m))));
  std::uint32_t next_arc = 0;
  std::vector<std::uint32_t> mark(n + 1, 0), path, stack;
  std::uint32_t stamp = 0;
  network_simplex_result out;
  for (;;) {
    // Entering link: the most violating of the first block that has one.
    std::uint32_t in = none;
    double best = -eps;
    for (std::uint32_t k = 0, seen = 0; k < m; ++k) {
      const std::uint32_t a = next_arc;
      next_arc = next_arc + 1 == m ? 0 : next_arc + 1;
      const double v = state[a] * reduced(a);
      if (v < best) {
        best = v;
        in = a;
      }
      if (++seen == block) {
        if (in != none) break;
        seen = 0;
      }
    }
    if (in == none) break;  // optimal
    const std::uint32_t first = state[in] == 1 ? tail[in] : head[in];
    const std::uint32_t second = state[in] == 1 ? head[in] : tail[in];
    // The apex: the first common ancestor.
    ++stamp;
    for (std::uint32_t u = first; u != none; u = parent[u]) mark[u] = stamp;
    std::uint32_t join = second;
    while (mark[join] != stamp) join = parent[join];
    // Leaving link: flow goes join -> ... -> first -> second -> ... -> join.
    std::int64_t delta = cap[in];
    std::uint32_t u_out = none;
    int side = 0;
    const auto residual = [&](std::uint32_t u, bool down) {
      // Room on pred[u] for flow from parent[u] to u (down) or from u to parent[u] (up).
      const std::uint32_t a = pred[u];
      const bool with_arc = (tail[a] == u) != down;
      if (!with_arc) return flow[a];
      return cap[a] >= unlimited ? unlimited : cap[a] - flow[a];
    };
    for (std::uint32_t u = first; u != join; u = parent[u]) {
      const std::int64_t d = residual(u, true);
      if (d < delta) delta = d, u_out = u, side = 1;
    }
    for (std::uint32_t u = second; u != join; u = parent[u]) {
      const std::int64_t d = residual(u, false);
      if (d <= delta) delta = d, u_out = u, side = 2;
    }
    if (delta >= unlimited) {
      out.status = min_cost_status::unbounded;
      return out;
    }
    // Push delta around the cycle.
    if (delta > 0) {
      flow[in] += state[in] * delta;
      for (std::uint32_t u = first; u != join; u = parent[u]) {
        flow[pred[u]] += (tail[pred[u]] == u ? -delta : delta);
      }
      for (std::uint32_t u = second; u != join; u = parent[u]) {
        flow[pred[u]] += (tail[pred[u]] == u ? delta : -delta);
      }
    }
    if (side == 0) {  // the entering link is its own bottleneck: it switches bounds
      state[in] = static_cast<std::int8_t>(-state[in]);
      continue;
    }
    // Re-hang the subtree of u_out from the entering link: u_in .. u_out reverse their parents.
    const std::uint32_t u_in = side == 1 ? first : second, v_in = side == 1 ? second : first;
    const std::uint32_t out_arc = pred[u_out];
    state[out_arc] = static_cast<std::int8_t>(flow[out_arc] == 0 ? 1 : -1);
    state[in] = 0;
    path.clear();
    for (std::uint32_t u = u_in;; u = parent[u]) {
      path.push_back(u);
      if (u == u_out) break;
    }
    std::vector<std::uint32_t> old_pred(path.size());
    for (std::size_t i = 0; i < path.size(); ++i) {
      old_pred[i] = pred[path[i]];
      detach(path[i]);
    }
    attach(path[0], v_in, in);
    for (std::size_t i = 0; i + 1 < path.size(); ++i) attach(path[i + 1], path[i], old_pred[i]);
    // Potentials of the moved subtree shift by one constant.
    const double shift =
        u_in == head[in] ? cost[in] + pi[tail[in]] - pi[u_in] : pi[head[in]] - cost[in] - pi[u_in];
    stack.assign(1, u_in);
    while (!stack.empty()) {
      const std::uint32_t u = stack.back();
      stack.pop_back();
      pi[u] += shift;
      for (std::uint32_t w = child[u]; w != none; w = next[w]) stack.push_back(w);
    }
  }
  for (std::uint32_t v = 0; v < n; ++v) {
    if (flow[m + v] != 0) {
      out.status = min_cost_status::infeasible;
      return out;
    }
  }
  flow.resize(m);
  out.flow = std::move(flow);
  return out;
}

}  // namespace detail

/// Minimum-cost flow. `supply[v]` > 0 is a supply, < 0 a demand (per node; they must add up to 0
/// within the resolution, else status unbalanced). `capacity(l)` >= 0, +inf or NaN unlimited;
/// `cost(l)` any finite number (per unit of flow). Throws input_error for a negative or non-finite
/// capacity/cost where that is not allowed. Network simplex: typically O(m) pivots of O(sqrt(m) +
/// tree path + moved subtree) each (no polynomial bound is claimed; it cannot cycle).
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
  // Integer supplies; rounding may leave them off balance by a few units: the largest absorbs it.
  std::vector<std::int64_t> node_supply(n, 0);
  std::int64_t off = 0;
  std::uint32_t largest = 0;
  for (std::uint32_t v = 0; v < n; ++v) {
    node_supply[v] = static_cast<std::int64_t>(std::llround(supply[v] * scale));
    off += node_supply[v];
    if (std::abs(node_supply[v]) > std::abs(node_supply[largest])) largest = v;
  }
  if (n > 0) node_supply[largest] -= off;
  // Unlimited capacity: larger than any flow an optimal solution without an unlimited
  // negative-cost cycle needs (the finite capacities plus the supplies).
  const auto unlimited =
      static_cast<std::int64_t>(std::llround((sum_finite + sum_supply) * scale)) + 1;
  std::vector<std::int64_t> upper(m);
  double max_cost = 0;
  for (std::uint32_t l = 0; l < m; ++l) {
    upper[l] =
        std::isinf(cap[l]) ? unlimited : static_cast<std::int64_t>(std::llround(cap[l] * scale));
    max_cost = std::max(max_cost, std::abs(c[l]));
  }
  const detail::network_simplex_result r =
      detail::network_simplex(g, upper, unlimited, c, max_cost, node_supply);
  if (r.status != min_cost_status::optimal) {
    out.status = r.status;
    return out;
  }
  out.flow.resize(m);
  for (std::uint32_t l = 0; l < m; ++l) {
    out.flow[l] = static_cast<double>(r.flow[l]) / scale;
    out.cost += out.flow[l] * c[l];
  }
  return out;
}

}  // namespace corridor
