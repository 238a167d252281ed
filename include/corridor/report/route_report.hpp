// Route reports: a table for people, JSON for programs.
#pragma once

#include <optional>
#include <string>

#include "corridor/analysis/compare.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/path/route.hpp"

namespace corridor::report {

using analysis::route_query;  ///< what was asked (corridor/analysis/compare.hpp)

/// Table: one line per leg, then totals. Abstract inputs (DIMACS, TNTP) show only the weight.
[[nodiscard]] std::string route_table(const gis::loaded_network& n, const route& r,
                                      const route_query& q);

/// JSON: {status, criterion, from, to, year, totals{...}, legs[...]}. Physical quantities are
/// null for abstract inputs; `weight` is the sum of the file's arc weights there.
[[nodiscard]] std::string route_json(const gis::loaded_network& n, const route& r,
                                     const route_query& q);

}  // namespace corridor::report
