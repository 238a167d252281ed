// Corridor comparisons: several options (mode sets, via places) between the same two places,
// side by side, with the best option per criterion marked.
#pragma once

#include <string>
#include <vector>

#include "corridor/analysis/compare.hpp"
#include "corridor/path/constrained.hpp"
#include "corridor/report/route_report.hpp"

namespace corridor::report {

// The result types are the analysis layer's.
using analysis::best_options;
using analysis::comparison;
using analysis::find_best;
using analysis::option_result;

[[nodiscard]] std::string comparison_table(const gis::loaded_network& n, const comparison& c);
[[nodiscard]] std::string comparison_json(const gis::loaded_network& n, const comparison& c);
/// CSV rows, one per option; with `header`, the column names first.
[[nodiscard]] std::string comparison_csv(const gis::loaded_network& n, const comparison& c,
                                         bool header = true);

}  // namespace corridor::report
