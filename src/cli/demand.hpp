// Demand files on corridor networks, shared by `assign` and `mincost`: places resolved, pairs
// merged; and the link and corridor volumes both commands report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/gis/read.hpp"
#include "corridor/network/builder.hpp"
#include "json.hpp"

namespace corridor::cli {

struct od_pair {
  std::uint32_t origin, destination;  ///< places
  double tonnes = 0;
  std::size_t line = 0;  ///< first line of the demand file naming the pair
};

struct place_demand {
  std::vector<od_pair> pairs;  ///< distinct (origin, destination), in file order
  double intrazonal = 0;       ///< tonnes whose origin and destination are the same place
};

/// Reads a demand CSV (gis::read_od_csv) and resolves its places on `n` by id or name. Throws
/// input_error / lookup_error naming the file, line and field.
[[nodiscard]] place_demand read_place_demand(const gis::loaded_network& n, const std::string& path);

struct corridor_total {
  double max_link_tonnes = 0;  ///< the busiest directed link of the corridor
  double tonne_km = 0;         ///< sum over its links of volume x length
};

/// Per corridor of `net` (indexed like net.corridors), from volumes per link id and the lengths
/// of `L` (net.links or a scenario overlay's). O(m).
[[nodiscard]] std::vector<corridor_total> corridor_totals(const built_network& net,
                                                          const link_columns& L,
                                                          const std::vector<double>& volume);

/// All-or-nothing loading of `pairs` on `net` with link weights `w` (+inf: unusable): tonnes per
/// link id along each pair's best path (from any node of the origin place to the nearest node of
/// the destination place). Pairs without a path add to `unrouted`. O(origins (n + m) log n).
[[nodiscard]] std::vector<double> aon_volumes(const built_network& net,
                                              const std::vector<double>& w,
                                              const std::vector<od_pair>& pairs, double& unrouted);

/// Writes key "corridors": the corridors that carry volume, with max_link_tonnes and tonne_km.
void json_corridors(report::json_writer& j, const built_network& net,
                    const std::vector<corridor_total>& totals);

/// A link's record id, or "<kind> transfer <mode>-><mode>" for a generated transfer link.
[[nodiscard]] std::string link_label(const built_network& net, std::uint32_t l);

}  // namespace corridor::cli
