// Demand between places: a demand file read and resolved on a network, loaded all-or-nothing or
// at equilibrium, or routed at least cost (one commodity); and the volumes per named corridor.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "corridor/analysis/input.hpp"
#include "corridor/analysis/places.hpp"
#include "corridor/assign/places.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/flow/min_cost_flow.hpp"
#include "corridor/gis/read.hpp"

namespace corridor::analysis {

/// Tonnes per year from a place to another, with the demand file line that first named the pair.
struct od_pair {
  std::uint32_t origin = no_index, destination = no_index;  ///< place indices
  double tonnes = 0;
  std::size_t line = 0;
};

struct place_demand {
  std::vector<od_pair>
      pairs;              ///< distinct (origin, destination), origin != destination, in file order
  double intrazonal = 0;  ///< tonnes whose origin and destination are the same place

  /// Tonnes of `pairs` (intrazonal left out). O(pairs).
  [[nodiscard]] double total_tonnes() const noexcept;
  /// The pairs as the core's assignment takes them, in the same order. O(pairs).
  [[nodiscard]] std::vector<place_od> place_ods() const;
};

/// Reads a demand CSV (gis::read_od_csv: origin,destination,tonnes) and resolves its places on
/// `n` by id, name or position (resolve_place; `note` hears of a snapped position). Rows of one
/// pair are summed. Throws input_error / lookup_error naming the file, line and field.
/// O(rows log pairs).
[[nodiscard]] place_demand read_demand(const gis::loaded_network& n, const std::string& path,
                                       const note_fn& note = {});

/// How a demand is loaded on a network.
enum class loading_method : std::uint8_t {
  all_or_nothing,  ///< each pair on its best path by the criterion
  equilibrium,     ///< user equilibrium (gradient projection, BPR 0.15/4 on capacity_t_per_year)
};

/// Volumes of a demand on one network.
struct demand_volumes {
  std::vector<double> volume;     ///< tonnes per year per link id
  double unrouted_tonnes = 0;     ///< tonnes of pairs without any usable path
  assignment_result equilibrium;  ///< status and relative gap (equilibrium only)
};

/// Loads `d` on `state` (link columns state.links(), `costs` computed from them) under `filter`
/// by criterion `by`: all-or-nothing (core all_or_nothing_places on the filtered weights) or
/// equilibrium (core assign_places, stopping at `relative_gap` or 1000 iterations; `by` must be
/// time or generalized, else input_error). O(origins (n + m) log n) per iteration.
[[nodiscard]] demand_volumes load_demand(const network_state& state, const link_filter& filter,
                                         const link_costs& costs, const place_demand& d,
                                         criterion by, loading_method method,
                                         double relative_gap = 1e-8);

/// A demand routed at least total cost as one commodity: supplies at the origins, demands at the
/// destinations (any origin's tonnes may serve any destination: a transportation problem).
struct mincost_result {
  min_cost_status status = min_cost_status::optimal;
  double cost = 0;             ///< total cost, criterion units x tonnes (when optimal)
  std::vector<double> volume;  ///< tonnes per link id (zeros unless optimal)
  double total_tonnes = 0;     ///< the demand's tonnes
  double resolution = 1;       ///< flow units per integer unit of the engine (min_cost_flow)
};

/// Min-cost flow of `d` on `net` with link columns `L` under `filter`: costs per tonne from
/// `costs` by `by`, capacities capacity_t_per_year (unlimited when not given). Places join the
/// flow through zones (assign/zones.hpp), never passed through. O(network simplex).
[[nodiscard]] mincost_result route_at_least_cost(const built_network& net, const link_columns& L,
                                                 const link_filter& filter, const link_costs& costs,
                                                 const place_demand& d, criterion by);

/// Volume on a named corridor: its busiest directed link and its tonne-kilometres.
struct corridor_total {
  double max_link_tonnes = 0;
  double tonne_km = 0;  ///< sum over its links of volume x length_km
};

/// Per corridor of `net` (indexed like net.corridors), from volumes per link id and the lengths
/// of `L` (net.links or a scenario overlay's). O(m).
[[nodiscard]] std::vector<corridor_total> corridor_totals(const built_network& net,
                                                          const link_columns& L,
                                                          const std::vector<double>& volume);

}  // namespace corridor::analysis
