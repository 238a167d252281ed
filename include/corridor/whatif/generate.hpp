// Generated candidate links for what-if ranking: every pair of places that could be joined in a
// layer (mode and gauge) and are not yet, within a distance.
//
//   for (const auto& p : corridor::candidate_pairs(net, {corridor::mode::rail, 1435}, 300.0)) ...
#pragma once

#include <algorithm>
#include <cstdint>
#include <set>
#include <utility>
#include <vector>

#include "corridor/geo.hpp"
#include "corridor/network/builder.hpp"

namespace corridor {

struct place_pair {
  std::uint32_t from_place, to_place;  ///< from_place < to_place
  double great_circle_km;
};

/// Pairs of places that both have a node of layer `l` and a position, are at most `within_km`
/// apart as the crow flies (and not at the same point), and are not joined by any link record of
/// l's mode (in any status). Ordered by from_place, then to_place. O(P^2 + m) for P places with
/// the layer.
[[nodiscard]] inline std::vector<place_pair> candidate_pairs(const built_network& net, layer l,
                                                             double within_km) {
  std::vector<std::uint32_t> places;
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    if (!net.places.has_position(p)) continue;
    const auto nodes = net.nodes_of(p);
    if (std::any_of(nodes.begin(), nodes.end(),
                    [&](node_id v) { return net.nodes.layer[v.value()] == l; })) {
      places.push_back(p);
    }
  }
  std::set<std::pair<std::uint32_t, std::uint32_t>> joined;
  for (std::uint32_t k = 0; k < net.graph.link_count(); ++k) {
    if (net.links.mode[k] != l.mode || net.links.record[k] == no_index) continue;
    const std::uint32_t u = net.place_of(net.graph.tail(link_id{k}));
    const std::uint32_t v = net.place_of(net.graph.head(link_id{k}));
    joined.insert({std::min(u, v), std::max(u, v)});
  }
  std::vector<place_pair> out;
  for (std::size_t i = 0; i < places.size(); ++i) {
    for (std::size_t j = i + 1; j < places.size(); ++j) {
      const std::uint32_t p = places[i], q = places[j];
      if (joined.contains({p, q})) continue;
      const double km = geo::great_circle_km(net.places.position[p], net.places.position[q]);
      if (km > 0 && km <= within_km) out.push_back({p, q, km});
    }
  }
  return out;
}

}  // namespace corridor
