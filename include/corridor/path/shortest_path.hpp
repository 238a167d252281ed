// One-shot shortest paths and one-to-all trees over any weight.
//
//   std::vector<double> w = costs.criterion_weights(corridor::criterion::time);
//   if (auto p = corridor::shortest_path(net.graph, corridor::by_column(w), s, t)) {
//     /* p->links, p->weight */
//   } else { /* no path: a status, not an exception */ }
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "corridor/path/dijkstra.hpp"

namespace corridor {

/// A path: its links in travel order and its total weight.
struct path {
  std::vector<link_id> links;
  double weight = 0;
  node_id source;  ///< the source it starts from (one of the sources given)
  node_id target;  ///< the target it reaches (one of the targets given)
};

/// Shortest path from any of `sources` to the nearest of `targets`; std::nullopt when none is
/// reachable. Weights >= 0, +infinity = unusable. O((n + m) log n).
template <weight_function W>
[[nodiscard]] std::optional<path> shortest_path(const network& g, const W& w,
                                                std::span<const node_id> sources,
                                                std::span<const node_id> targets) {
  dijkstra_query q(g);
  q.run(w, sources, targets);
  if (!q.found()) return std::nullopt;
  path p{q.path_links(q.target()), q.distance(q.target()), q.target(), q.target()};
  if (!p.links.empty()) p.source = g.tail(p.links.front());
  return p;
}

template <weight_function W>
[[nodiscard]] std::optional<path> shortest_path(const network& g, const W& w, node_id s,
                                                node_id t) {
  return shortest_path(g, w, std::span<const node_id>(&s, 1), std::span<const node_id>(&t, 1));
}

/// A* with the great-circle bound (same result as shortest_path, usually fewer nodes settled).
/// `node_positions[v]` is node v's position; invalid positions degrade to Dijkstra. O(m) setup.
template <weight_function W>
[[nodiscard]] std::optional<path> astar_path(const network& g, const W& w,
                                             std::span<const geo::lonlat> node_positions,
                                             std::span<const node_id> sources,
                                             std::span<const node_id> targets) {
  great_circle_bound h(g, w, node_positions);
  dijkstra_query q(g);
  q.run(w, sources, targets, h);
  if (!q.found()) return std::nullopt;
  path p{q.path_links(q.target()), q.distance(q.target()), q.target(), q.target()};
  if (!p.links.empty()) p.source = g.tail(p.links.front());
  return p;
}

/// A one-to-all shortest-path tree: distance (+infinity when unreachable) and the parent link of
/// every node (invalid for the sources and unreachable nodes).
struct shortest_path_tree {
  std::vector<double> distance;
  std::vector<link_id> parent;
};

/// O((n + m) log n).
template <weight_function W>
[[nodiscard]] shortest_path_tree one_to_all(const network& g, const W& w,
                                            std::span<const node_id> sources) {
  dijkstra_query q(g);
  q.run(w, sources);
  shortest_path_tree t;
  t.distance.resize(g.node_count());
  t.parent.resize(g.node_count());
  for (std::uint32_t v = 0; v < g.node_count(); ++v) {
    t.distance[v] = q.distance(node_id{v});
    t.parent[v] = q.parent_link(node_id{v});
  }
  return t;
}

template <weight_function W>
[[nodiscard]] shortest_path_tree one_to_all(const network& g, const W& w, node_id s) {
  return one_to_all(g, w, std::span<const node_id>(&s, 1));
}

}  // namespace corridor
