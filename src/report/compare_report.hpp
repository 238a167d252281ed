// Corridor comparisons: several options (mode sets, via places) between the same two places,
// side by side, with the best option per criterion marked.
#pragma once

#include <string>
#include <vector>

#include "corridor/path/constrained.hpp"
#include "route_report.hpp"

namespace corridor::report {

/// One compared option: its label as the user wrote it and its best route.
struct option_result {
  std::string label;
  route best;
  std::vector<std::string> corridors;  ///< named corridors used, in order
  std::string reason;                  ///< why there is no route (status no_path), else empty
};

struct comparison {
  std::string scenario;  ///< the scenario's name, empty for a plain network
  std::string label;     ///< the question's label, empty = "from -> to"
  std::uint32_t from = no_index, to = no_index;
  criterion by = criterion::time;
  route_query query;
  std::vector<option_result> options;
};

/// Index of the best ok option per quantity (time, cost, co2, distance), or -1 when none is ok.
struct best_options {
  int time = -1, cost = -1, co2 = -1, distance = -1;
};
[[nodiscard]] best_options find_best(const comparison& c);

[[nodiscard]] std::string comparison_table(const gis::loaded_network& n, const comparison& c);
[[nodiscard]] std::string comparison_json(const gis::loaded_network& n, const comparison& c);
/// CSV rows, one per option; with `header`, the column names first.
[[nodiscard]] std::string comparison_csv(const gis::loaded_network& n, const comparison& c,
                                         bool header = true);

}  // namespace corridor::report
