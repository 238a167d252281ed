// Names of links and layers for tables, CSV and map attributes: one wording for every output.
#pragma once

#include <cstdint>
#include <string>

#include "corridor/network/builder.hpp"
#include "corridor/network/modes.hpp"

namespace corridor {

/// A layer as people name it: the mode, with the gauge for rail ("road", "rail 1435 mm").
[[nodiscard]] inline std::string layer_label(layer y) {
  std::string out(to_string(y.mode));
  if (y.gauge_mm != 0) out += " " + std::to_string(y.gauge_mm) + " mm";
  return out;
}

/// Link `l` of `net` as every output labels it: its record id, or for a link the builder
/// generated, "<kind> transfer <tail layer>-><head layer>" ("port transfer rail 1435 mm->sea",
/// "gauge_break transfer rail 1000 mm->rail 1435 mm"). Precondition: l < link count. O(1).
[[nodiscard]] inline std::string link_label(const built_network& net, link_id l) {
  const std::uint32_t rec = net.links.record[l.value()];
  if (rec != no_index) return net.records.id[rec];
  return std::string(to_string(net.links.transfer[l.value()])) + " transfer " +
         layer_label(net.nodes.layer[net.graph.tail(l).value()]) + "->" +
         layer_label(net.nodes.layer[net.graph.head(l).value()]);
}

}  // namespace corridor
