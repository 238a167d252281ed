// Answering corridor questions (from -> to, compared options), shared by `compare` and
// `scenario run`.
#pragma once

#include <string>
#include <vector>

#include "common.hpp"
#include "compare_report.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/cost/profile.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/gis/scenario.hpp"

namespace corridor::cli {

/// The options compared when neither the command nor the question names any.
inline constexpr const char* default_options = "road,rail,rail+road,rail+sea,multimodal";

/// A file-name-safe slug: lower-case letters, digits and '-'.
[[nodiscard]] std::string slug(const std::string& s);

/// One scenario (or plain network) with everything needed to answer its questions.
struct study {
  std::string name;  ///< empty for a plain network
  std::string description;
  network_state state;  ///< the network (with the scenario's overlay, or materialised)
  link_filter filter;
  cost_profile profile = cost_profile::defaults();
  double max_access_km = 300;
  std::vector<gis::question> questions;
};

/// A study from a scenario: its network state (see open_scenario; networks read through `cache`),
/// year, filters, settings and questions.
[[nodiscard]] study study_of(const gis::scenario& s, network_cache& cache);

/// The best route of every option of question `q` on `st` (`costs` from st.state.links(); options:
/// `options` when not empty, else the question's, else default_options; criterion: the question's,
/// else `by`).
[[nodiscard]] report::comparison answer(const study& st, const link_costs& costs,
                                        const gis::question& q, criterion by,
                                        const std::string& options);

}  // namespace corridor::cli
