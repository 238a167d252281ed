// Scenario edits: what a what-if changes in a base network, applied to its input records before
// the network is built: the materialised form of a scenario, a fresh CSR (needed when a scenario
// adds places or links). Closures and changes alone can also be an overlay that shares the base's
// CSR (scenario/overlay.hpp). A scenario never changes the base files.
//
//   corridor::scenario_edits e;
//   e.close.push_back("r_th_05");                       // status -> suspended
//   e.change.push_back({.link = "r_ecrl_01", .status = corridor::link_status::operational,
//                       .open_year = 2027});
//   corridor::apply_edits(e, places, links);            // throws input_error naming the edit
#pragma once

#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/network/builder.hpp"

namespace corridor {

/// New values for some fields of an existing link; unset fields keep their value.
struct link_change {
  std::string link;  ///< the id of the link to change
  std::optional<link_status> status{};
  std::optional<std::int16_t> open_year{};
  std::optional<double> length_km{};
  std::optional<double> speed_kmh{};
  std::optional<double> capacity_t_per_year{};
  std::optional<bool> freight{};
  std::optional<double> time_h{};
  std::optional<double> cost_usd_per_t{};
  std::optional<double> co2_kg_per_t{};
  std::string origin{};  ///< where the change was written, for messages ("x.toml:12")
};

struct scenario_edits {
  std::vector<place_record> add_places;
  std::vector<link_record> add_links;
  std::vector<std::string> close;         ///< link ids: set to suspended
  std::vector<std::string> close_origin;  ///< where each close was written (may be empty)
  std::vector<link_change> change;

  [[nodiscard]] bool empty() const noexcept {
    return add_places.empty() && add_links.empty() && close.empty() && change.empty();
  }
};

/// Applies edits to input records, in this order: added places and links are appended, then
/// links are closed (status suspended), then changes are applied. Throws input_error naming the
/// edit's origin when a closed or changed link does not exist. O(places + links + edits).
inline void apply_edits(const scenario_edits& e, std::vector<place_record>& places,
                        std::vector<link_record>& links) {
  places.insert(places.end(), e.add_places.begin(), e.add_places.end());
  links.insert(links.end(), e.add_links.begin(), e.add_links.end());
  std::unordered_map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < links.size(); ++i) index.emplace(links[i].id, i);
  const auto find = [&](const std::string& id, const std::string& origin,
                        const char* what) -> link_record& {
    const auto it = index.find(id);
    if (it == index.end()) {
      throw input_error((origin.empty() ? std::string("scenario") : origin) + ": " + what +
                        ": no link '" + id + "' in the base network");
    }
    return links[it->second];
  };
  for (std::size_t i = 0; i < e.close.size(); ++i) {
    find(e.close[i], i < e.close_origin.size() ? e.close_origin[i] : std::string(), "close")
        .status = link_status::suspended;
  }
  for (const link_change& c : e.change) {
    link_record& l = find(c.link, c.origin, "change");
    if (c.status) l.status = *c.status;
    if (c.open_year) l.open_year = *c.open_year;
    if (c.length_km) l.length_km = *c.length_km;
    if (c.speed_kmh) l.speed_kmh = *c.speed_kmh;
    if (c.capacity_t_per_year) l.capacity_t_per_year = *c.capacity_t_per_year;
    if (c.freight) l.freight = *c.freight;
    if (c.time_h) l.time_h = *c.time_h;
    if (c.cost_usd_per_t) l.cost_usd_per_t = *c.cost_usd_per_t;
    if (c.co2_kg_per_t) l.co2_kg_per_t = *c.co2_kg_per_t;
  }
}

}  // namespace corridor
