// Filters as weights: which links a route may use. A filtered link gets weight +infinity, which
// every search treats as "not there".
//
//   corridor::link_filter f;
//   f.year = 2030;                                  // the network as of 2030
//   f.exclude_mode(corridor::mode::road);
//   std::vector<double> w = corridor::filtered_weights(net, costs.criterion_weights(c), f);
#pragma once

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <vector>

#include "corridor/network/builder.hpp"

namespace corridor {

inline constexpr double unusable = std::numeric_limits<double>::infinity();

struct link_filter {
  /// The network as of this year: a link is usable when it is open by then (see usable()).
  /// Without a year, only operational links are usable.
  std::optional<int> year;
  /// The network as planned in full: under-construction and planned links are open whatever
  /// their year (suspended links stay closed). Overrides `year`.
  bool full_build_out = false;
  std::array<bool, mode_count> mode_excluded{};
  /// Also use passenger-only lines (freight = false, e.g. high-speed lines) as if they carried
  /// freight: off by default, since they do not.
  bool passenger_lines = false;
  std::vector<std::uint32_t> excluded_records;  ///< input link records (both directions)
  std::vector<std::uint32_t> excluded_places;   ///< no link may touch these places

  void exclude_mode(mode m) { mode_excluded[static_cast<std::size_t>(m)] = true; }
};

/// Whether a link of this status and opening year is open in `year` (or now, without a year):
/// - suspended: never;
/// - operational: always without a year; with a year, when open_year is unknown (0) or <= year;
/// - under_construction / planned: only with a year, when open_year is known and <= year.
/// O(1).
[[nodiscard]] constexpr bool open_in(link_status s, int open_year,
                                     std::optional<int> year) noexcept {
  switch (s) {
    case link_status::suspended:
      return false;
    case link_status::operational:
      return !year || open_year == 0 || open_year <= *year;
    case link_status::under_construction:
    case link_status::planned:
      return year && open_year != 0 && open_year <= *year;
  }
  return false;
}

/// The usable-link mask of a filter: 1 = usable. Transfer links follow the layers they join
/// (a transfer into an excluded mode is unusable); passenger-only lines are unusable unless
/// `passenger_lines`. `L` holds the link columns to judge by: net.links, or a scenario overlay's
/// (scenario/overlay.hpp). O(m + excluded).
[[nodiscard]] inline std::vector<std::uint8_t> usable_links(const built_network& net,
                                                            const link_columns& L,
                                                            const link_filter& f) {
  const auto m = net.graph.link_count();
  std::vector<std::uint8_t> place_out(net.place_count(), 0), record_out(net.records.size(), 0);
  for (const auto p : f.excluded_places) place_out.at(p) = 1;
  for (const auto r : f.excluded_records) record_out.at(r) = 1;
  std::vector<std::uint8_t> ok(m, 1);
  for (std::uint32_t l = 0; l < m; ++l) {
    const link_id id{l};
    const node_id t = net.graph.tail(id), h = net.graph.head(id);
    bool u = f.full_build_out ? L.status[l] != link_status::suspended
                              : open_in(L.status[l], L.open_year[l], f.year);
    u = u && !f.mode_excluded[static_cast<std::size_t>(L.mode[l])];
    u = u && !f.mode_excluded[static_cast<std::size_t>(net.nodes.layer[t.value()].mode)];
    u = u && !f.mode_excluded[static_cast<std::size_t>(net.nodes.layer[h.value()].mode)];
    u = u && (f.passenger_lines || L.freight[l] != 0);
    u = u && place_out[net.place_of(t)] == 0 && place_out[net.place_of(h)] == 0;
    u = u && (L.record[l] == no_index || record_out[L.record[l]] == 0);
    ok[l] = u ? 1 : 0;
  }
  return ok;
}

/// usable_links by the network's own link columns.
[[nodiscard]] inline std::vector<std::uint8_t> usable_links(const built_network& net,
                                                            const link_filter& f) {
  return usable_links(net, net.links, f);
}

/// `weights` with the links unusable by `L`'s columns set to +infinity. O(m).
[[nodiscard]] inline std::vector<double> filtered_weights(const built_network& net,
                                                          const link_columns& L,
                                                          std::span<const double> weights,
                                                          const link_filter& f) {
  const std::vector<std::uint8_t> ok = usable_links(net, L, f);
  std::vector<double> w(weights.begin(), weights.end());
  for (std::size_t l = 0; l < w.size(); ++l) {
    if (ok[l] == 0) w[l] = unusable;
  }
  return w;
}

/// `weights` with unusable links set to +infinity. Precondition: weights.size() == link count.
/// O(m).
[[nodiscard]] inline std::vector<double> filtered_weights(const built_network& net,
                                                          std::span<const double> weights,
                                                          const link_filter& f) {
  return filtered_weights(net, net.links, weights, f);
}

}  // namespace corridor
