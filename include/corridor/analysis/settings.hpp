// Cost settings: profile files, NAME=VALUE overrides and a scenario's own settings.
#pragma once

#include <string>
#include <vector>

#include "corridor/cost/profile.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/network/network.hpp"

namespace corridor::analysis {

/// Applies "NAME=VALUE" overrides to a profile, in order. Throws input_error for a setting without
/// '=' or a value that is not a number, lookup_error for an unknown NAME (from cost_profile::set).
void apply_settings(cost_profile& p, const std::vector<std::string>& settings);

/// Applies a profile file (when `file` is not empty; each value's provenance names the file and
/// its source text), then the overrides. Throws input_error / lookup_error.
void apply_settings(cost_profile& p, const std::string& file,
                    const std::vector<std::string>& settings);

/// apply_settings(p, file, settings) for a run on `net`; then a corridor or crossing the settings
/// name ("corridor.NAME.speed_factor", "border.PLACE.time_h") that `net` does not have throws
/// lookup_error (it would change nothing: a typo, or another network's profile).
void apply_settings(const built_network& net, cost_profile& p, const std::string& file,
                    const std::vector<std::string>& settings);

/// Applies a scenario's settings (its profile file's, then its [profile] table's) with their
/// provenance.
void apply_scenario_settings(cost_profile& p, const gis::scenario& s);

}  // namespace corridor::analysis
