// Zones for demand on multimodal networks: a place has one node per layer (mode and gauge), but
// a demand goes from a place to a place. add_zones materialises a network with one zone node per
// demand place, joined by free connectors to every node of the place, so assignment and
// min-cost flow run unchanged. Zones take node ids [0, zones) and may be start and end points but
// never passed through (the first-through-node rule), so connectors cannot skip a transfer.
//
//   corridor::zoned_network z = corridor::add_zones(net.graph, usable, {net.nodes_of(a), ...});
//   // od_demand{z.zone(0), z.zone(1), tonnes}; results map back through z.base_link.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "corridor/ids.hpp"
#include "corridor/network/network.hpp"

namespace corridor {

struct zoned_network {
  network graph;  ///< zones are nodes [0, zones); base node v is node zones + v
  /// Per link id of `graph`: the base link id, or no_link for a connector.
  std::vector<std::uint32_t> base_link;
  std::uint32_t zones = 0;

  static constexpr std::uint32_t no_link = 0xFFFFFFFFU;
  [[nodiscard]] node_id zone(std::uint32_t i) const noexcept { return node_id{i}; }
  [[nodiscard]] node_id node_of(node_id base) const noexcept {
    return node_id{zones + base.value()};
  }
  /// Copies a column of the base (per base link id) to this network's links; connectors get
  /// `connector_value`. O(m).
  template <class T>
  [[nodiscard]] std::vector<T> column(std::span<const T> base, T connector_value) const {
    std::vector<T> out(base_link.size());
    for (std::size_t l = 0; l < out.size(); ++l) {
      out[l] = base_link[l] == no_link ? connector_value : base[base_link[l]];
    }
    return out;
  }
  /// Sums values per link of this network back onto base link ids (connectors dropped). O(m).
  [[nodiscard]] std::vector<double> to_base(std::span<const double> values,
                                            std::uint32_t base_link_count) const {
    std::vector<double> out(base_link_count, 0.0);
    for (std::size_t l = 0; l < values.size(); ++l) {
      if (base_link[l] != no_link) out[base_link[l]] += values[l];
    }
    return out;
  }
};

/// The base network restricted to links with keep[l] != 0, plus zone i joined to each node of
/// zone_nodes[i] by a connector each way (zone -> node and node -> zone). Preconditions:
/// keep.size() == base.link_count(); zone nodes are base nodes. O(n + m + connectors).
[[nodiscard]] inline zoned_network add_zones(const network& base,
                                             std::span<const std::uint8_t> keep,
                                             std::span<const std::vector<node_id>> zone_nodes) {
  zoned_network z;
  z.zones = static_cast<std::uint32_t>(zone_nodes.size());
  std::vector<node_id> tails, heads;
  std::vector<std::uint32_t> base_link;
  for (std::uint32_t l = 0; l < base.link_count(); ++l) {
    if (keep[l] == 0) continue;
    tails.push_back(z.node_of(base.tail(link_id{l})));
    heads.push_back(z.node_of(base.head(link_id{l})));
    base_link.push_back(l);
  }
  for (std::uint32_t i = 0; i < z.zones; ++i) {
    for (const node_id v : zone_nodes[i]) {
      tails.push_back(z.zone(i));
      heads.push_back(z.node_of(v));
      base_link.push_back(zoned_network::no_link);
      tails.push_back(z.node_of(v));
      heads.push_back(z.zone(i));
      base_link.push_back(zoned_network::no_link);
    }
  }
  std::vector<std::uint32_t> perm;
  z.graph = network::from_arcs(z.zones + base.node_count(), tails, heads, perm);
  z.base_link = apply_permutation<std::uint32_t>(perm, base_link);
  return z;
}

}  // namespace corridor
