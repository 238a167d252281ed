// `corridor info`: what a network holds, how connected it is, and what looks wrong.
#pragma once

#include <string>
#include <vector>

#include "corridor/gis/read.hpp"

namespace corridor::report {

struct network_summary {
  std::uint32_t places = 0, records = 0, nodes = 0, links = 0, transfer_links = 0;
  std::vector<std::pair<std::string, std::uint32_t>> places_by_kind;  ///< non-zero only
  std::vector<std::pair<std::string, std::uint32_t>> records_by_mode;
  std::vector<std::pair<std::string, std::uint32_t>> records_by_status;
  std::vector<std::pair<std::string, std::uint32_t>> corridors;  ///< name, records
  std::uint32_t components_all = 0;          ///< weakly connected, places, any status
  std::uint32_t components_operational = 0;  ///< weakly connected, operational links only
  double total_km = 0;                       ///< sum of record lengths
  std::vector<std::string> warnings;         ///< reader warnings + validation findings
};

/// Counts and checks. Warnings: links shorter than the straight line between their nodes (2%
/// tolerance), places without links or coordinates, under-construction/planned links without an
/// opening year (never usable in a year filter). O(n + m).
[[nodiscard]] network_summary summarize(const gis::loaded_network& n);

[[nodiscard]] std::string summary_table(const gis::loaded_network& n, const network_summary& s);
[[nodiscard]] std::string summary_json(const gis::loaded_network& n, const network_summary& s);

}  // namespace corridor::report
