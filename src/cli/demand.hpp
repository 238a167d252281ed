// Demand files on corridor networks, shared by `assign` and `mincost`: places resolved, pairs
// merged; and the link and corridor volumes both commands report.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/assign/equilibrium.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
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

/// BPR volume-delay parameters: t = t0 (1 + alpha (v / c)^beta).
struct bpr_parameters {
  double alpha = 0.15;
  double beta = 4;
};

/// An equilibrium assignment of a place demand, in the network's link ids.
struct loaded_demand {
  assignment_result result;              ///< status, gap, objective, history (zoned network)
  std::vector<double> volume;            ///< tonnes per link id
  std::vector<double> capacity;          ///< t/yr per link id; 0 where none is given
  std::vector<const od_pair*> unrouted;  ///< pairs without any path (into `pairs`)
  double routed = 0, unrouted_tonnes = 0;
};

/// Assigns `pairs` (sorted in place by origin zone, then file line) to `net` judged and costed by
/// the link columns `L` (net.links or a scenario overlay's; `costs` from them) under `filter`:
/// one zone per place joined to all its nodes (never passed through), congestion by BPR on each
/// link's time part (valued at the value of time for criterion generalized, the rest of the
/// generalized cost fixed) on capacity_t_per_year (links without one never congest), by `opt`'s
/// algorithm. Pairs without any path are left out and listed. O(iterations x origins x
/// (n + m) log n).
[[nodiscard]] loaded_demand assign_demand(const built_network& net, const link_columns& L,
                                          const link_costs& costs, const link_filter& filter,
                                          std::vector<od_pair>& pairs, criterion by,
                                          bpr_parameters bpr, assignment_options opt);

/// Writes key "corridors": the corridors that carry volume, with max_link_tonnes and tonne_km.
void json_corridors(report::json_writer& j, const built_network& net,
                    const std::vector<corridor_total>& totals);

/// A link's record id, or "<kind> transfer <mode>-><mode>" for a generated transfer link.
[[nodiscard]] std::string link_label(const built_network& net, std::uint32_t l);

}  // namespace corridor::cli
