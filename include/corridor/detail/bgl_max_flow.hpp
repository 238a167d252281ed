// Private: the Boost.Graph push-relabel engine behind corridor::max_flow. Never include directly.
#pragma once

#include <cstdint>
#include <vector>

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
// GCC 12 reports -Wmaybe-uninitialized inside Boost.Graph's adjacency_list at -O2 (a known false
// positive in boost/graph/detail/adj_list_edge_iterator.hpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/push_relabel_max_flow.hpp>

namespace corridor::detail {

/// A directed arc with an integer capacity.
struct int_arc {
  std::uint32_t tail, head;
  std::int64_t capacity;
};

/// Push-relabel maximum flow from s to t on `nodes` nodes. Returns the value; `flow[i]` receives
/// the flow on arcs[i] and `source_side[v]` whether v is reachable from s in the final residual
/// graph (the source side of a minimum cut). O(n^2 sqrt(m)) (highest-label push-relabel).
inline std::int64_t bgl_max_flow(std::uint32_t nodes, const std::vector<int_arc>& arcs,
                                 std::uint32_t s, std::uint32_t t, std::vector<std::int64_t>& flow,
                                 std::vector<std::uint8_t>& source_side) {
  using traits = boost::adjacency_list_traits<boost::vecS, boost::vecS, boost::directedS>;
  using graph = boost::adjacency_list<
      boost::vecS, boost::vecS, boost::directedS, boost::no_property,
      boost::property<
          boost::edge_capacity_t, std::int64_t,
          boost::property<boost::edge_residual_capacity_t, std::int64_t,
                          boost::property<boost::edge_reverse_t, traits::edge_descriptor>>>>;
  graph g(nodes);
  auto cap = boost::get(boost::edge_capacity, g);
  auto res = boost::get(boost::edge_residual_capacity, g);
  auto rev = boost::get(boost::edge_reverse, g);
  std::vector<traits::edge_descriptor> forward;
  forward.reserve(arcs.size());
  for (const int_arc& a : arcs) {
    const auto e = boost::add_edge(a.tail, a.head, g).first;
    const auto r = boost::add_edge(a.head, a.tail, g).first;
    cap[e] = a.capacity;
    cap[r] = 0;
    rev[e] = r;
    rev[r] = e;
    forward.push_back(e);
  }
  const std::int64_t value = boost::push_relabel_max_flow(g, s, t);
  flow.resize(arcs.size());
  for (std::size_t i = 0; i < arcs.size(); ++i) flow[i] = cap[forward[i]] - res[forward[i]];
  // Residual reachability from s.
  source_side.assign(nodes, 0);
  std::vector<std::uint32_t> stack{s};
  source_side[s] = 1;
  while (!stack.empty()) {
    const std::uint32_t v = stack.back();
    stack.pop_back();
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) {
      const auto w = static_cast<std::uint32_t>(boost::target(*it, g));
      if (res[*it] > 0 && source_side[w] == 0) {
        source_side[w] = 1;
        stack.push_back(w);
      }
    }
  }
  return value;
}

}  // namespace corridor::detail

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
