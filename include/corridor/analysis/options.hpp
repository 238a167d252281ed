// The option language of compared routes: "rail", "rail+sea/via:qinzhou_port", "multimodal", ...
#pragma once

#include <string>
#include <vector>

#include "corridor/analysis/places.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/path/constrained.hpp"

namespace corridor::analysis {

/// A compared option: `multimodal` (any mode) or modes joined by '+' (the main haul: only these,
/// each used at least once, e.g. `rail+sea`; road, and rail for water-only options, are allowed
/// besides as first and last mile, unless listed), optionally followed by `/via:PLACE`
/// (repeatable); `via:PLACE` alone is multimodal through PLACE. E.g. "rail", "road",
/// "rail+road", "rail+sea/via:qinzhou_port".
struct option_spec {
  std::string label;
  link_filter filter;             ///< the base filter with the option's mode exclusions
  route_constraints constraints;  ///< required and access modes, via places
};

/// Parses a comma-separated option list against a network and a base filter (blank items are
/// skipped; labels are trimmed). Via places are resolved with resolve_place (`note` hears of a
/// position snapped). Throws input_error naming the option (unknown mode, a '/' part that is not
/// via:PLACE, an empty list), lookup_error for an unknown via place. O(length of the list).
[[nodiscard]] std::vector<option_spec> parse_options(const gis::loaded_network& n,
                                                     const std::string& list,
                                                     const link_filter& base,
                                                     const note_fn& note = {});

}  // namespace corridor::analysis
