// Observed transit times made ready for calibration: each row of an observations file resolved
// on a network (places, one option), and the rows the model cannot route found before a fit.
// The runner behind `corridor calibrate` (the fit itself is the core's calibrate()).
#pragma once

#include <string>
#include <vector>

#include "corridor/analysis/input.hpp"
#include "corridor/analysis/places.hpp"
#include "corridor/calibrate/calibrate.hpp"
#include "corridor/gis/read.hpp"

namespace corridor::analysis {

/// The observations of `rows` (read from `file`) on `in`: places by id, name or position (a
/// position snaps to a place with a link usable in the row's year), the row's one option
/// (parse_options) as filter and constraints. Throws input_error naming file, line and field for
/// an unknown place, a bad option, or more than one option. O(rows x option length).
[[nodiscard]] std::vector<observation> resolve_observations(
    const analysis_input& in, const std::vector<gis::observation_row>& rows,
    const std::string& file, const note_fn& note = {});

/// Routes every observation under `p` and leaves out those the model cannot route: with `skip`,
/// tells `note` which (one line each, "FILE:LINE: observation 'ID' (FROM -> TO by OPTION): the
/// model finds no route") and drops them from `obs` and `rows` alike; without, throws
/// input_error listing them. Precondition: obs[i] comes from rows[i]. O(observations x one
/// constrained search).
void drop_unroutable(const analysis_input& in, const cost_profile& p, std::vector<observation>& obs,
                     std::vector<gis::observation_row>& rows, const std::string& file, bool skip,
                     const note_fn& note = {});

}  // namespace corridor::analysis
