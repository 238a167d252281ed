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
class network_simplex_solver {
 public:
  network_simplex_solver(const network& g, const std::vector<std::int64_t>& upper,
                         std::int64_t unlimited, const std::vector<double>& c, double max_cost,
                         const std::vector<std::int64_t>& supply)
      : n_(g.node_count()),
        m_(g.link_count()),
        root_(n_),
        unlimited_(unlimited),
        tail_(m_ + n_),
        head_(m_ + n_),
        cap_(m_ + n_),
        flow_(m_ + n_, 0),
        cost_(m_ + n_),
        state_(m_ + n_, 1),
        parent_(n_ + 1, none),
        pred_(n_ + 1, none),
        child_(n_ + 1, none),
        next_(n_ + 1, none),
        prev_(n_ + 1, none),
        pi_(n_ + 1, 0.0),
        mark_(n_ + 1, 0),
        eps_(1e-12 * (max_cost + 1) * (static_cast<double>(n_) + 1)),
        block_(std::max<std::uint32_t>(
            10, static_cast<std::uint32_t>(std::sqrt(static_cast<double>(m_))))) {
    for (std::uint32_t l = 0; l < m_; ++l) {
      tail_[l] = g.tail(link_id{l}).value();
      head_[l] = g.head(link_id{l}).value();
      cap_[l] = upper[l];
      cost_[l] = c[l];
    }
    initial_tree((max_cost + 1) * (static_cast<double>(n_) + 1), supply);
  }

  network_simplex_result run() {
    network_simplex_result out;
    for (std::uint32_t in = entering(); in != none; in = entering()) {
      if (!pivot(in)) {
        out.status = min_cost_status::unbounded;
        return out;
      }
    }
    for (std::uint32_t v = 0; v < n_; ++v) {
      if (flow_[m_ + v] != 0) {
        out.status = min_cost_status::infeasible;
        return out;
      }
    }
    flow_.resize(m_);
    out.flow = std::move(flow_);
    return out;
  }

 private:
  static constexpr std::uint32_t none = 0xFFFFFFFFU;

  /// The leaving link of a pivot: below u_out on the first (side 1) or second (side 2) path to the
  /// apex, or the entering link itself (side 0); delta is the flow pushed around the cycle.
  struct leaving {
    std::int64_t delta;
    std::uint32_t u_out;
    int side;
  };

  void attach(std::uint32_t v, std::uint32_t p, std::uint32_t a) {
    parent_[v] = p;
    pred_[v] = a;
    prev_[v] = none;
    next_[v] = child_[p];
    if (child_[p] != none) prev_[child_[p]] = v;
    child_[p] = v;
  }
  void detach(std::uint32_t v) {
    const std::uint32_t p = parent_[v];
    if (prev_[v] != none) {
      next_[prev_[v]] = next_[v];
    } else {
      child_[p] = next_[v];
    }
    if (next_[v] != none) prev_[next_[v]] = prev_[v];
    parent_[v] = none;
  }
  [[nodiscard]] double reduced(std::uint32_t a) const {
    return cost_[a] + pi_[tail_[a]] - pi_[head_[a]];
  }

  /// A root joins every node by an artificial link of cost `artificial` that carries its supply
  /// (v -> root) or demand (root -> v): a strongly feasible spanning tree.
  void initial_tree(double artificial, const std::vector<std::int64_t>& supply) {
    for (std::uint32_t v = 0; v < n_; ++v) {
      const std::uint32_t a = m_ + v;
      cost_[a] = artificial;
      cap_[a] = unlimited_;
      state_[a] = 0;
      const bool gives = supply[v] >= 0;
      tail_[a] = gives ? v : root_;
      head_[a] = gives ? root_ : v;
      flow_[a] = gives ? supply[v] : -supply[v];
      pi_[v] = gives ? -artificial : artificial;
      attach(v, root_, a);
    }
  }

  /// Entering link: the most violating of the first block that has one; none when optimal.
  std::uint32_t entering() {
    std::uint32_t in = none;
    double best = -eps_;
    for (std::uint32_t k = 0, seen = 0; k < m_; ++k) {
      const std::uint32_t a = next_arc_;
      next_arc_ = next_arc_ + 1 == m_ ? 0 : next_arc_ + 1;
      const double v = state_[a] * reduced(a);
      if (v < best) {
        best = v;
        in = a;
      }
      if (++seen == block_) {
        if (in != none) break;
        seen = 0;
      }
    }
    return in;
  }

  /// Room on pred[u] for flow from parent[u] to u (down) or from u to parent[u] (up).
  [[nodiscard]] std::int64_t residual(std::uint32_t u, bool down) const {
    const std::uint32_t a = pred_[u];
    const bool with_arc = (tail_[a] == u) != down;
    if (!with_arc) return flow_[a];
    return cap_[a] >= unlimited_ ? unlimited_ : cap_[a] - flow_[a];
  }

  /// The first common ancestor of u and v in the tree.
  std::uint32_t apex(std::uint32_t u, std::uint32_t v) {
    ++stamp_;
    for (std::uint32_t x = u; x != none; x = parent_[x]) mark_[x] = stamp_;
    while (mark_[v] != stamp_) v = parent_[v];
    return v;
  }

  /// Flow goes join -> ... -> first -> second -> ... -> join; the last blocking link leaves
  /// (Cunningham's rule: no cycling).
  [[nodiscard]] leaving find_leaving(std::uint32_t in, std::uint32_t first, std::uint32_t second,
                                     std::uint32_t join) const {
    leaving out{cap_[in], none, 0};
    for (std::uint32_t u = first; u != join; u = parent_[u]) {
      const std::int64_t d = residual(u, true);
      if (d < out.delta) out = {d, u, 1};
    }
    for (std::uint32_t u = second; u != join; u = parent_[u]) {
      const std::int64_t d = residual(u, false);
      if (d <= out.delta) out = {d, u, 2};
    }
    return out;
  }

  void push(std::uint32_t in, std::uint32_t first, std::uint32_t second, std::uint32_t join,
            std::int64_t delta) {
    flow_[in] += state_[in] * delta;
    for (std::uint32_t u = first; u != join; u = parent_[u]) {
      flow_[pred_[u]] += (tail_[pred_[u]] == u ? -delta : delta);
    }
    for (std::uint32_t u = second; u != join; u = parent_[u]) {
      flow_[pred_[u]] += (tail_[pred_[u]] == u ? delta : -delta);
    }
  }

  /// Re-hangs the subtree of u_out from the entering link (u_in .. u_out reverse their parents)
  /// and shifts the moved subtree's potentials by one constant.
  void rehang(std::uint32_t in, std::uint32_t u_in, std::uint32_t v_in, std::uint32_t u_out) {
    const std::uint32_t out_arc = pred_[u_out];
    state_[out_arc] = static_cast<std::int8_t>(flow_[out_arc] == 0 ? 1 : -1);
    state_[in] = 0;
    path_.clear();
    for (std::uint32_t u = u_in;; u = parent_[u]) {
      path_.push_back(u);
      if (u == u_out) break;
    }
    std::vector<std::uint32_t> old_pred(path_.size());
    for (std::size_t i = 0; i < path_.size(); ++i) {
      old_pred[i] = pred_[path_[i]];
      detach(path_[i]);
    }
    attach(path_[0], v_in, in);
    for (std::size_t i = 0; i + 1 < path_.size(); ++i) attach(path_[i + 1], path_[i], old_pred[i]);
    const double shift = u_in == head_[in] ? cost_[in] + pi_[tail_[in]] - pi_[u_in]
                                           : pi_[head_[in]] - cost_[in] - pi_[u_in];
    stack_.assign(1, u_in);
    while (!stack_.empty()) {
      const std::uint32_t u = stack_.back();
      stack_.pop_back();
      pi_[u] += shift;
      for (std::uint32_t w = child_[u]; w != none; w = next_[w]) stack_.push_back(w);
    }
  }

  /// One pivot on entering link `in`; false when its cycle has no finite bottleneck (unbounded).
  bool pivot(std::uint32_t in) {
    const std::uint32_t first = state_[in] == 1 ? tail_[in] : head_[in];
    const std::uint32_t second = state_[in] == 1 ? head_[in] : tail_[in];
    const std::uint32_t join = apex(first, second);
    const leaving out = find_leaving(in, first, second, join);
    if (out.delta >= unlimited_) return false;
    if (out.delta > 0) push(in, first, second, join, out.delta);
    if (out.side == 0) {  // the entering link is its own bottleneck: it switches bounds
      state_[in] = static_cast<std::int8_t>(-state_[in]);
      return true;
    }
    rehang(in, out.side == 1 ? first : second, out.side == 1 ? second : first, out.u_out);
    return true;
  }

  std::uint32_t n_, m_, root_;
  std::int64_t unlimited_;
  std::vector<std::uint32_t> tail_, head_;
  std::vector<std::int64_t> cap_, flow_;
  std::vector<double> cost_;
  std::vector<std::int8_t> state_;  ///< 1 at lower bound, -1 at upper bound, 0 in the tree
  /// Tree: parent, the link to it, and children lists (first child, next / previous sibling).
  std::vector<std::uint32_t> parent_, pred_, child_, next_, prev_;
  std::vector<double> pi_;  ///< node potentials: reduced cost c + pi[tail] - pi[head]
  std::vector<std::uint32_t> mark_, path_, stack_;
  std::uint32_t stamp_ = 0, next_arc_ = 0;
  double eps_;
  std::uint32_t block_;
};

inline network_simplex_result network_simplex(const network& g,
                                              const std::vector<std::int64_t>& upper,
                                              std::int64_t unlimited, const std::vector<double>& c,
                                              double max_cost,
                                              const std::vector<std::int64_t>& supply) {
  return network_simplex_solver(g, upper, unlimited, c, max_cost, supply).run();
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
