// What-if questions: which candidate link does the most for a demand (and which set within a
// budget), and what closing links, corridors or facilities costs it. The runners behind
// `corridor whatif add` and `corridor whatif remove`, returning plain results.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "corridor/analysis/input.hpp"
#include "corridor/analysis/places.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/path/skim.hpp"
#include "corridor/whatif/add_links.hpp"
#include "corridor/whatif/criticality.hpp"

namespace corridor::analysis {

/// Called with the number of evaluations done (progress of a long ranking).
using progress_fn = std::function<void(std::size_t)>;

/// A demand as zones (one per place, all its nodes) and a tonnes matrix between them.
struct zoned_demand {
  std::vector<std::uint32_t> places;  ///< the place of each zone
  std::vector<node_set> zones;
  Eigen::MatrixXd tonnes;   ///< tonnes(i, j): from zone i to zone j
  std::string description;  ///< "demand FILE (N OD pairs)", "uniform demand, 1 t between ..."
};

/// The largest network `zoned_demand_of` spreads a uniform demand over without a list.
inline constexpr std::uint32_t max_uniform_places = 2000;

/// The demand of a what-if run: the demand file `demand_file` (read_demand), else 1 t between
/// every ordered pair of the comma-separated places `between` (resolve_place; "--between" in
/// messages), else ("" or "all") of every place, for networks of at most max_uniform_places.
/// Throws input_error for both a file and a list, fewer than two places, or a network too large.
[[nodiscard]] zoned_demand zoned_demand_of(const gis::loaded_network& n,
                                           const std::string& demand_file,
                                           const std::string& between, const note_fn& note = {});

/// What a what-if run weighs links by.
struct whatif_weights {
  criterion by = criterion::weight;
  bool physical = false;  ///< a corridor network (modes, lengths), not an abstract graph
  std::vector<double> w;  ///< per link id, +inf where the filter excludes the link
};

/// The weights of `in` (its filter and profile applied) by the criterion named `by` ("" = the
/// default: generalized on corridor networks, weight on DIMACS/TNTP graphs). Throws input_error
/// for weight on a corridor network, or a physical criterion on an abstract graph. O(m).
[[nodiscard]] whatif_weights weights_for(const analysis_input& in, const std::string& by);

/// Options of generated candidates: every pair of places with a node of `layer`, at most
/// `within_km` apart as the crow flies and not yet joined in that mode.
struct generate_options {
  mode link_mode = mode::rail;
  std::uint16_t gauge_mm = 1435;  ///< rail only
  double within_km = 300;
  double detour = 1.2;                ///< length = great-circle km x detour
  std::optional<double> cost_per_km;  ///< million USD per km: cost = length x this
};

/// Candidates generated on `n` (see generate_options), ids "gen_FROM_TO", line 0. Throws
/// input_error for a network without modes and positions. O(places^2) at worst.
[[nodiscard]] std::vector<gis::candidate_row> generate_candidates(const gis::loaded_network& n,
                                                                  const generate_options& o);

/// The links a scenario file adds ([[add]]) as candidates (without costs). Throws input_error
/// for a scenario that adds places or no links.
[[nodiscard]] std::vector<gis::candidate_row> candidates_of_scenario(const std::string& file);

/// Candidate rows as links of `in`'s network: ends resolved (resolve_place), weight given (plain
/// graphs) or computed by new_link_weight from mode, length, speed and, across a border, the
/// crossing's hours (corridor networks; a rail candidate joins the layer of its gauge_mm).
/// `file` names rows in messages ("FILE:LINE", or "generated candidate ID" for line 0). Throws
/// input_error naming the row and field.
[[nodiscard]] std::vector<candidate_link> candidate_links(
    const analysis_input& in, const whatif_weights& x, const std::vector<gis::candidate_row>& rows,
    const std::string& file, const note_fn& note = {});

/// An OD pair that a candidate helps.
struct pair_gain {
  std::uint32_t origin = 0, destination = 0;  ///< places
  double tonnes = 0, before = 0, after = 0;   ///< weights per tonne (before may be +inf)
};

/// Candidates ranked on a demand, and the portfolio chosen within a budget.
struct addition_ranking {
  std::vector<candidate_benefit> ranked;  ///< best first (link_addition_ranker::rank)
  std::optional<portfolio> chosen;        ///< with a budget
  /// For the first ranked candidates (as many as asked): the OD pairs gaining most, largest
  /// gain (tonnes x (before - after), newly connected first) first.
  std::vector<std::vector<pair_gain>> top_pairs;
};

struct addition_options {
  std::optional<double> budget_musd;
  bool exact = false;                     ///< exhaustive portfolio search instead of greedy
  std::size_t candidates_with_pairs = 1;  ///< how many ranked candidates get top_pairs
  std::size_t pairs = 3;                  ///< pairs per candidate
};

/// Ranks `candidates` on `demand` over `g` weighted by `w`. O(link_addition_ranker).
[[nodiscard]] addition_ranking rank_additions(const network& g, const std::vector<double>& w,
                                              const zoned_demand& demand,
                                              std::vector<candidate_link> candidates,
                                              const addition_options& o,
                                              const progress_fn& progress = {});

/// A set of links closed together in a criticality run.
struct closure_group {
  std::string name;
  std::string kind;  ///< "link", "corridor", "facility" or "group"
  std::vector<link_id> links;
};

/// What to close, each on its own. With none chosen, every record with a usable link.
struct closure_choice {
  std::vector<std::string> links;   ///< record ids, each closed alone (both directions)
  bool corridors = false;           ///< every named corridor
  bool facilities = false;          ///< every place's transfer links
  std::vector<std::string> groups;  ///< "NAME=ID,ID,...": closed together
};

/// The groups of `c` on `n` (w: +inf marks unusable links). Throws lookup_error for an unknown
/// link id, input_error for a malformed group. O(groups x m).
[[nodiscard]] std::vector<closure_group> closure_groups(const gis::loaded_network& n,
                                                        const std::vector<double>& w,
                                                        const closure_choice& c);

/// Each group closed alone: its impact, and the groups in order of impact (lost tonnes, then
/// cost increase, ties in group order).
struct closure_ranking {
  std::vector<closure_impact> impact;  ///< per group
  std::vector<std::size_t> order;
};

[[nodiscard]] closure_ranking rank_closures(const network& g, const std::vector<double>& w,
                                            const zoned_demand& demand,
                                            const std::vector<closure_group>& groups,
                                            const progress_fn& progress = {});

}  // namespace corridor::analysis
