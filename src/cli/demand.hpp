// Demand on corridor networks in the commands `assign`, `mincost` and `scenario run`: the
// analysis layer's demand, and the corridor volumes as JSON.
#pragma once

#include <vector>

#include "corridor/analysis/demand.hpp"
#include "corridor/network/labels.hpp"
#include "corridor/report/json.hpp"

namespace corridor::cli {

using analysis::corridor_total;
using analysis::corridor_totals;
using analysis::od_pair;
using analysis::place_demand;

/// analysis::read_demand with its notes (a position snapped) on standard error.
[[nodiscard]] place_demand read_place_demand(const gis::loaded_network& n, const std::string& path);

/// Writes key "corridors": the corridors that carry volume, with max_link_tonnes and tonne_km.
void json_corridors(report::json_writer& j, const built_network& net,
                    const std::vector<corridor_total>& totals);

}  // namespace corridor::cli
