// Maximum flow and minimum cut between node sets: how much can move from one region to another,
// and which links or facilities cap it.
//
//   std::vector<double> cap = net.links.capacity_t_per_year;      // NaN = unlimited
//   corridor::max_flow_result r = corridor::max_flow(net.graph, corridor::by_column(cap),
//                                                    sources, sinks);
//   if (r.status == corridor::flow_status::optimal) { r.value; r.min_cut; r.flow; }
//
// Capacities are exact for whole numbers: they are scaled to 64-bit integers (factor 1 when every
// capacity is a whole number and their sum is below 2^53, else the largest power of two that keeps
// the sum below 2^53; `resolution` says what one integer unit is worth). Engine: Boost.Graph's
// push-relabel (highest label), O(n^2 sqrt(m)).
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "corridor/detail/bgl_max_flow.hpp"
#include "corridor/error.hpp"
#include "corridor/network/network.hpp"
#include "corridor/path/weights.hpp"

namespace corridor {

enum class flow_status : std::uint8_t {
  optimal,    ///< a maximum flow was found
  unbounded,  ///< a path of unlimited capacity joins a source to a sink (value = +infinity)
};

[[nodiscard]] constexpr std::string_view to_string(flow_status s) noexcept {
  return s == flow_status::optimal ? "optimal" : "unbounded";
}

struct max_flow_result {
  flow_status status = flow_status::optimal;
  double value = 0;                       ///< total flow, in capacity units
  std::vector<double> flow;               ///< per link id (empty when unbounded)
  std::vector<link_id> min_cut;           ///< saturated links from the source to the sink side
  std::vector<std::uint8_t> source_side;  ///< per node: 1 on the source side of the min cut
  double resolution = 1;                  ///< capacity units per integer unit of the engine
};

/// Maximum flow from the nodes `sources` to the nodes `sinks` (super source and super sink). The
/// flow returned has no cycle (see detail::cancel_flow_cycles): no circulation, and never flow
/// both ways between two nodes.
/// `capacity(l)`: >= 0; +infinity or NaN = unlimited; 0 = closed. A node both source and sink, or a
/// chain of unlimited links between them, gives status unbounded. Throws input_error for a
/// negative capacity. O(n^2 sqrt(m)).
namespace detail {

/// Removes every cycle from an integer flow (flow[l] > 0 on link l of g): DFS over links with
/// flow; when a link closes a cycle on the DFS stack, the cycle's smallest flow is taken off each
/// of its links and the search backs up to the first link that dropped to zero. The net flow out of
/// every node is unchanged (so the flow value and the min cut are too), and afterwards no two
/// links carry flow in opposite directions between the same nodes. O(m x cycles) at worst, each
/// cancellation zeroing a link: O(m^2); near-linear on the flows max flow engines return.
inline void cancel_flow_cycles(const network& g, std::vector<std::int64_t>& flow) {
  const std::uint32_t n = g.node_count();
  enum : std::uint8_t { fresh, on_stack, done };
  std::vector<std::uint8_t> state(n, fresh);
  std::vector<std::uint32_t> next(n, 0);  // position in the node's out links
  struct frame {
    std::uint32_t node;
    std::uint32_t in_link;  // the link that reached it (unused for the root)
  };
  std::vector<frame> stack;
  for (std::uint32_t root = 0; root < n; ++root) {
    if (state[root] != fresh) continue;
    state[root] = on_stack;
    stack.push_back({root, 0});
    while (!stack.empty()) {
      const std::uint32_t v = stack.back().node;
      const std::uint32_t first_out = (*g.out_links(node_id{v}).begin()).value();
      const std::uint32_t size = g.out_degree(node_id{v});
      while (next[v] < size && flow[first_out + next[v]] <= 0) ++next[v];
      if (next[v] == size) {
        state[v] = done;
        stack.pop_back();
        continue;
      }
      const std::uint32_t l = first_out + next[v];
      const std::uint32_t w = g.head(link_id{l}).value();
      if (state[w] == fresh) {
        state[w] = on_stack;
        stack.push_back({w, l});
        continue;
      }
      if (state[w] == done) {
        ++next[v];
        continue;
      }
      // A cycle: w ... v on the stack, closed by l.
      std::size_t first = stack.size() - 1;
      while (stack[first].node != w) --first;
      std::int64_t least = flow[l];
      for (std::size_t i = first + 1; i < stack.size(); ++i) {
        least = std::min(least, flow[stack[i].in_link]);
      }
      flow[l] -= least;
      for (std::size_t i = first + 1; i < stack.size(); ++i) flow[stack[i].in_link] -= least;
      // Back up to the first node whose outgoing cycle link is now empty.
      std::size_t keep = stack.size();
      for (std::size_t i = first + 1; i < stack.size(); ++i) {
        if (flow[stack[i].in_link] == 0) {
          keep = i;
          break;
        }
      }
      for (std::size_t i = keep; i < stack.size(); ++i) state[stack[i].node] = fresh;
      stack.resize(keep);
    }
  }
}

}  // namespace detail

template <weight_function C>
[[nodiscard]] max_flow_result max_flow(const network& g, const C& capacity,
                                       std::span<const node_id> sources,
                                       std::span<const node_id> sinks) {
  const std::uint32_t n = g.node_count(), m = g.link_count();
  max_flow_result out;
  std::vector<double> cap(m);
  double finite_sum = 0;
  bool integral = true;
  for (std::uint32_t l = 0; l < m; ++l) {
    double c = static_cast<double>(capacity(link_id{l}));
    if (std::isnan(c)) c = std::numeric_limits<double>::infinity();
    if (c < 0) {
      throw input_error("max_flow: link " + std::to_string(l) + " has a negative capacity");
    }
    cap[l] = c;
    if (std::isfinite(c)) {
      finite_sum += c;
      integral = integral && c == std::floor(c);
    }
  }
  // Unbounded: a source is a sink, or unlimited links join them.
  std::vector<std::uint8_t> is_sink(n, 0), seen(n, 0);
  for (const node_id t : sinks) is_sink[t.value()] = 1;
  std::vector<std::uint32_t> stack;
  for (const node_id s : sources) {
    if (seen[s.value()] == 0) {
      seen[s.value()] = 1;
      stack.push_back(s.value());
    }
  }
  while (!stack.empty()) {
    const std::uint32_t v = stack.back();
    stack.pop_back();
    if (is_sink[v] != 0) {
      out.status = flow_status::unbounded;
      out.value = std::numeric_limits<double>::infinity();
      return out;
    }
    for (const link_id l : g.out_links(node_id{v})) {
      const std::uint32_t w = g.head(l).value();
      if (std::isinf(cap[l.value()]) && seen[w] == 0) {
        seen[w] = 1;
        stack.push_back(w);
      }
    }
  }
  // Scale to integers.
  constexpr double limit = 9007199254740992.0;  // 2^53
  double scale = 1;
  if (!integral || finite_sum >= limit) {
    scale = finite_sum > 0 ? std::exp2(std::floor(std::log2(limit / (finite_sum + 1)))) : 1;
  }
  out.resolution = 1 / scale;
  const auto big = static_cast<std::int64_t>(std::llround(finite_sum * scale)) + 1;
  std::vector<detail::int_arc> arcs;
  arcs.reserve(m + sources.size() + sinks.size());
  for (std::uint32_t l = 0; l < m; ++l) {
    const link_id id{l};
    const std::int64_t c =
        std::isinf(cap[l]) ? big : static_cast<std::int64_t>(std::llround(cap[l] * scale));
    arcs.push_back({g.tail(id).value(), g.head(id).value(), c});
  }
  const std::uint32_t S = n, T = n + 1;
  for (const node_id s : sources) arcs.push_back({S, s.value(), big});
  for (const node_id t : sinks) arcs.push_back({t.value(), T, big});
  std::vector<std::int64_t> flow;
  std::vector<std::uint8_t> side;
  const std::int64_t value = detail::bgl_max_flow(n + 2, arcs, S, T, flow, side);
  out.value = static_cast<double>(value) / scale;
  flow.resize(m);  // the network's links (the super source and sink arcs come after them)
  detail::cancel_flow_cycles(g, flow);
  out.flow.resize(m);
  for (std::uint32_t l = 0; l < m; ++l) out.flow[l] = static_cast<double>(flow[l]) / scale;
  out.source_side.assign(side.begin(), side.begin() + n);
  for (std::uint32_t l = 0; l < m; ++l) {
    const link_id id{l};
    if (side[g.tail(id).value()] != 0 && side[g.head(id).value()] == 0 && cap[l] > 0) {
      out.min_cut.push_back(id);
    }
  }
  return out;
}

}  // namespace corridor
