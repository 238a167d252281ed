// Why there is no route: a sentence a planner can act on, instead of a bare "no path".
//
//   std::string why = corridor::explain_no_path(net, net.links, filter, from, to);
//   // "kunming_road_only has no usable link (its links: road; road excluded); nearest place with
//   //  one: kunming (12 km)"
#pragma once

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "corridor/cost/filters.hpp"
#include "corridor/geo.hpp"
#include "corridor/network/builder.hpp"

namespace corridor {

namespace detail {

/// Places reachable from `from` over the usable links (per place: 1 reached).
[[nodiscard]] inline std::vector<std::uint8_t> reachable_places(
    const built_network& net, const std::vector<std::uint8_t>& usable, std::uint32_t from) {
  std::vector<std::uint8_t> seen_node(net.graph.node_count(), 0), seen(net.place_count(), 0);
  std::vector<node_id> stack = net.nodes_of(from);
  for (const node_id v : stack) seen_node[v.value()] = 1;
  while (!stack.empty()) {
    const node_id v = stack.back();
    stack.pop_back();
    seen[net.place_of(v)] = 1;
    for (const link_id l : net.graph.out_links(v)) {
      const node_id w = net.graph.head(l);
      if (usable[l.value()] == 0 || seen_node[w.value()] != 0) continue;
      seen_node[w.value()] = 1;
      stack.push_back(w);
    }
  }
  return seen;
}

/// Per place, whether some usable link starts or ends at it.
[[nodiscard]] inline std::vector<std::uint8_t> touched_places(
    const built_network& net, const std::vector<std::uint8_t>& usable) {
  std::vector<std::uint8_t> out(net.place_count(), 0);
  for (std::uint32_t l = 0; l < usable.size(); ++l) {
    if (usable[l] == 0 || net.links.mode[l] == mode::transfer) continue;
    out[net.place_of(net.graph.tail(link_id{l}))] = 1;
    out[net.place_of(net.graph.head(link_id{l}))] = 1;
  }
  return out;
}

/// "P has no usable link (its links: rail, road; road excluded); nearest place with one: Q (12
/// km)".
[[nodiscard]] inline std::string no_link_at(const built_network& net, const link_columns& L,
                                            const link_filter& filter,
                                            const std::vector<std::uint8_t>& touched,
                                            std::uint32_t p) {
  std::array<bool, mode_count> modes{};
  for (const node_id v : net.nodes_of(p)) {
    for (const link_id l : net.graph.out_links(v))
      modes[static_cast<std::size_t>(L.mode[l.value()])] = true;
  }
  std::string have, excluded, closed;
  for (std::size_t k = 0; k < mode_count; ++k) {
    if (!modes[k] || static_cast<mode>(k) == mode::transfer) continue;
    const std::string name(to_string(static_cast<mode>(k)));
    have += (have.empty() ? "" : ", ") + name;
    std::string& list = filter.mode_excluded[k] ? excluded : closed;
    list += (list.empty() ? "" : ", ") + name;
  }
  const std::string when = filter.full_build_out ? std::string("in the full build-out")
                           : filter.year         ? "in " + std::to_string(*filter.year)
                                                 : std::string("today");
  std::string out =
      net.places.id[p] +
      " has no usable link (its links: " + (have.empty() ? std::string("none") : have) +
      (excluded.empty() ? std::string() : "; " + excluded + " excluded") +
      (closed.empty()
           ? std::string()
           : "; " + closed + " not open " + when + " (or passenger-only, or excluded by id)") +
      ")";
  if (!net.places.has_position(p)) return out;
  double best = std::numeric_limits<double>::infinity();
  std::uint32_t nearest = no_index;
  for (std::uint32_t q = 0; q < net.place_count(); ++q) {
    if (q == p || touched[q] == 0 || !net.places.has_position(q)) continue;
    const double km = geo::great_circle_km(net.places.position[p], net.places.position[q]);
    if (km < best) {
      best = km;
      nearest = q;
    }
  }
  if (nearest != no_index) {
    out += "; nearest place with one: " + net.places.id[nearest] + " (" +
           std::to_string(static_cast<long long>(std::round(best))) + " km)";
  }
  return out;
}

}  // namespace detail

/// Why no route joins place `from` to place `to` under `filter` on link columns `L`: an end with
/// no usable link, the option's constraints (when the places are connected), or
/// (its modes, the exclusions that closed them, the nearest place that has one), or else which
/// relaxation would connect them (allowing an excluded mode, the full build-out,
/// passenger-only lines, the excluded links or places), or that nothing would. O(modes x (n + m)).
[[nodiscard]] inline std::string explain_no_path(const built_network& net, const link_columns& L,
                                                 const link_filter& filter, std::uint32_t from,
                                                 std::uint32_t to) {
  const std::vector<std::uint8_t> usable = usable_links(net, L, filter);
  const std::vector<std::uint8_t> touched = detail::touched_places(net, usable);
  std::string out;
  for (const std::uint32_t p : {from, to}) {
    if (touched[p] == 0)
      out += (out.empty() ? "" : "; and ") + detail::no_link_at(net, L, filter, touched, p);
  }
  if (!out.empty()) return out;
  const auto connects = [&](const link_filter& f) {
    return detail::reachable_places(net, usable_links(net, L, f), from)[to] != 0;
  };
  if (connects(filter)) {
    return "the places are connected, but no route meets the option's constraints (every "
           "required mode used, via places in order, access modes only at the ends)";
  }
  std::vector<std::string> would;
  for (std::size_t k = 0; k < mode_count; ++k) {
    if (!filter.mode_excluded[k]) continue;
    link_filter f = filter;
    f.mode_excluded[k] = false;
    if (connects(f)) would.push_back("allowing " + std::string(to_string(static_cast<mode>(k))));
  }
  if (!filter.full_build_out) {
    link_filter f = filter;
    f.full_build_out = true;
    if (connects(f)) would.push_back("links still planned or under construction (--year)");
  }
  if (!filter.passenger_lines) {
    link_filter f = filter;
    f.passenger_lines = true;
    if (connects(f)) would.push_back("passenger-only lines (--passenger-lines)");
  }
  if (!filter.excluded_records.empty() || !filter.excluded_places.empty()) {
    link_filter f = filter;
    f.excluded_records.clear();
    f.excluded_places.clear();
    if (connects(f)) would.push_back("the excluded links or places");
  }
  if (would.empty()) {
    return "no connection between " + net.places.id[from] + " and " + net.places.id[to] +
           " on the allowed links, and none by relaxing one exclusion";
  }
  std::string list;
  for (std::size_t i = 0; i < would.size(); ++i) {
    list += (i == 0 ? "" : i + 1 == would.size() ? " or " : ", ") + would[i];
  }
  return "no connection on the allowed links; " + list + " would connect them";
}

}  // namespace corridor
