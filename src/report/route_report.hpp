// Route reports: a table for people, JSON for programs.
#pragma once

#include <optional>
#include <string>

#include "corridor/gis/read.hpp"
#include "corridor/path/route.hpp"

namespace corridor::report {

/// What was asked, echoed in reports so a result can be reproduced.
struct route_query {
  std::optional<int> year;
  bool full_build_out = false;  ///< every planned / under-construction link open
  std::string filters;          ///< human summary of exclusions ("excluding road"), may be empty
  std::string no_path_reason;   ///< why there is no route (see explain_no_path), may be empty
};

/// Table: one line per leg, then totals. Abstract inputs (DIMACS, TNTP) show only the weight.
[[nodiscard]] std::string route_table(const gis::loaded_network& n, const route& r,
                                      const route_query& q);

/// JSON: {status, criterion, from, to, year, totals{...}, legs[...]}. Physical quantities are
/// null for abstract inputs; `weight` is the sum of the file's arc weights there.
[[nodiscard]] std::string route_json(const gis::loaded_network& n, const route& r,
                                     const route_query& q);

}  // namespace corridor::report
