// A scenario against its base: each question answered on both with the routes matched option by
// option, and a demand's link volumes on both matched link by link.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "corridor/analysis/compare.hpp"
#include "corridor/analysis/demand.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/network/builder.hpp"
#include "corridor/path/route.hpp"

namespace corridor::analysis {

/// The base a scenario is run against when none is given: today's network, i.e. the scenario
/// without its edits, year and full build-out, keeping its network, settings and questions,
/// named "today".
[[nodiscard]] gis::scenario today_of(const gis::scenario& s);

/// One option of one question on the base and on the scenario (routes owned by question_diff).
struct option_diff {
  std::string label;
  const route* base = nullptr;
  const route* scenario = nullptr;
  bool changed = false;                      ///< the legs differ (places, modes, lines)
  std::string base_reason, scenario_reason;  ///< why there is no route, where there is none
};

/// One question on both. Move-only: `options` points into `base` and `scenario`, whose routes
/// keep their addresses when the struct moves.
struct question_diff {
  std::string title;  ///< the question's label, else "From name -> To name"
  comparison base, scenario;
  std::vector<option_diff> options;

  question_diff() = default;
  question_diff(question_diff&&) noexcept = default;
  question_diff& operator=(question_diff&&) noexcept = default;
  question_diff(const question_diff&) = delete;
  question_diff& operator=(const question_diff&) = delete;
};

/// Answers each question of `questions` on `scenario` and on `base` (analysis::answer, costs
/// computed once per study; options and criterion as answer takes them). A place only the
/// scenario has (it adds it) gives every base option status no_path with the reason "the base
/// network has no such place". Throws lookup_error / input_error as answer does.
/// O(questions x options x one constrained search on each).
[[nodiscard]] std::vector<question_diff> diff_questions(const study& base, const study& scenario,
                                                        const std::vector<gis::question>& questions,
                                                        criterion by, const std::string& options,
                                                        const note_fn& note = {});

/// The key that matches a link of one network with a link of another: its label (record id, or
/// transfer kind and layers), the ids of its end places and its mode, joined by '|'.
[[nodiscard]] std::string link_match_key(const built_network& net, link_id l);

/// A link's volume on the base and on the scenario.
struct volume_row {
  std::string link, from, to, mode;
  double base = 0, scenario = 0;
  std::uint32_t scenario_link = no_index;  ///< the matching link id of the scenario, if any
};

/// Volumes per link of both networks, matched by link_match_key; links with no volume on either
/// are left out; largest |scenario - base| first (ties in order of appearance: base links, then
/// the scenario's). scenario_link is set wherever the scenario has a link of that key.
/// O((m_base + m_scenario) log m).
[[nodiscard]] std::vector<volume_row> match_volumes(const built_network& base_net,
                                                    const std::vector<double>& base_volume,
                                                    const built_network& scenario_net,
                                                    const std::vector<double>& scenario_volume);

}  // namespace corridor::analysis
