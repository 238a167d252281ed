// Corridor questions: the best route of each compared option between two places, on a study (a
// scenario or a plain network with its filters and cost settings).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "corridor/analysis/input.hpp"
#include "corridor/analysis/places.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/cost/profile.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/path/route.hpp"

namespace corridor::analysis {

/// The options compared when neither the command nor the question names any.
inline constexpr const char* default_options = "road,rail,rail+road,rail+sea,multimodal";

/// What was asked, echoed in reports so a result can be reproduced.
struct route_query {
  std::optional<int> year;
  bool full_build_out = false;  ///< every planned / under-construction link open
  std::string filters;          ///< human summary of exclusions ("excluding road"), may be empty
  std::string no_path_reason;   ///< why there is no route (see explain_no_path), may be empty
};

/// One compared option: its label as the user wrote it and its best route.
struct option_result {
  std::string label;
  route best;
  std::vector<std::string> corridors;  ///< named corridors used, in order
  std::string reason;                  ///< why there is no route (status no_path), else empty
};

/// The options of one question side by side.
struct comparison {
  std::string scenario;  ///< the scenario's name, empty for a plain network
  std::string label;     ///< the question's label, empty = "from -> to"
  std::uint32_t from = no_index, to = no_index;
  criterion by = criterion::time;
  route_query query;
  std::vector<option_result> options;
};

/// Index of the best ok option per quantity (time, cost, co2, distance), or -1 when none is ok.
/// Ties keep the first. O(options).
struct best_options {
  int time = -1, cost = -1, co2 = -1, distance = -1;
};
[[nodiscard]] best_options find_best(const comparison& c);

/// One scenario (or plain network) with everything needed to answer its questions.
struct study {
  std::string name;  ///< empty for a plain network
  std::string description;
  network_state state;  ///< the network (with the scenario's overlay, or materialised)
  link_filter filter;
  cost_profile profile = cost_profile::defaults();
  double max_access_km = 300;  ///< access legs at both ends together, at most
  std::vector<gis::question> questions;
};

/// A study from a scenario: its network state (see open_scenario; networks read through `cache`),
/// year, filters, settings and questions. Throws corridor::error.
[[nodiscard]] study study_of(const gis::scenario& s, network_cache& cache);

/// The best route of every option of question `q` on `st` (`costs` from st.state.links();
/// options: `options` when not empty, else the question's, else default_options; criterion: the
/// question's, else `by`). A position given for a place snaps to a place with a usable link;
/// `note` hears of it. An option without a route has status no_path and its reason. Throws
/// lookup_error / input_error for an unknown place or a bad option.
[[nodiscard]] comparison answer(const study& st, const link_costs& costs, const gis::question& q,
                                criterion by, const std::string& options, const note_fn& note = {});

}  // namespace corridor::analysis
