// Throughput questions: the maximum flow between two sets of places and the minimum cut (the
// links and facilities that cap it). The runner behind `corridor flow`.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "corridor/analysis/input.hpp"
#include "corridor/analysis/places.hpp"
#include "corridor/flow/max_flow.hpp"

namespace corridor::analysis {

/// Places named in a comma-separated list (resolve_place; `option` names it in messages).
/// Throws input_error for an empty list, lookup_error for an unknown place. O(items).
[[nodiscard]] std::vector<std::uint32_t> resolve_places(const gis::loaded_network& n,
                                                        const std::string& list, const char* option,
                                                        const note_fn& note = {});

/// The maximum flow between two sets of places of an input.
struct flow_answer {
  std::vector<std::uint32_t> from, to;  ///< source and sink places
  max_flow_result result;               ///< value (t/yr on corridor networks), flow, min cut
  /// Per link id: the link's own capacity, else (corridor networks) the profile's default for
  /// its class (capacity.*); 0 where the filter closes the link; NaN = unlimited.
  std::vector<double> capacity;
  std::vector<std::uint8_t> defaulted;  ///< per link id: 1 where capacity is a class default
  bool abstract = false;                ///< a DIMACS/TNTP graph (no units, no class defaults)
};

/// Max flow on `in` (its filter and profile applied) from every node of the places `from_list`
/// to every node of `to_list` (comma-separated; empty: the sources and sinks a DIMACS .max file
/// names). Throws input_error when no sources or sinks are given. O(push-relabel on n + m).
[[nodiscard]] flow_answer max_flow_between(const analysis_input& in, const std::string& from_list,
                                           const std::string& to_list, const note_fn& note = {});

}  // namespace corridor::analysis
