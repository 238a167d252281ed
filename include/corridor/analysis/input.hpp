// Opening what a question runs on: a network file, or a scenario file over its (shared) base
// network, with the year, filters and cost settings the scenario sets.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "corridor/cost/filters.hpp"
#include "corridor/cost/profile.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/scenario/overlay.hpp"

namespace corridor::analysis {

/// A network as analysed: the network as read (shared, never copied or changed) and, for a
/// scenario that closes or changes links, the overlay of its edits over it: searches run on the
/// read network's graph with the overlay's link columns. A scenario that adds places or links is
/// materialised instead (its edits applied to the records, then built): additions can add layers
/// (nodes) to existing places and generate transfer links, which only the builder does.
struct network_state {
  std::shared_ptr<const gis::loaded_network> read;
  std::shared_ptr<const scenario_overlay> overlay;  ///< null: no edits, or materialised
  bool materialised = false;                        ///< true: `read` is the edited network

  [[nodiscard]] const gis::loaded_network& loaded() const noexcept { return *read; }
  [[nodiscard]] const built_network& net() const noexcept { return read->net; }
  /// The link columns to judge and cost links by (the overlay's, else the network's).
  [[nodiscard]] const link_columns& links() const noexcept {
    return overlay ? overlay->links() : read->net.links;
  }
};

/// Networks already read, by path, so that the scenarios of one run share one copy of the base.
class network_cache {
 public:
  /// The network at `path` (read with default options the first time; "dir", "dir/" and "dir/."
  /// are one path). Throws corridor::error.
  [[nodiscard]] std::shared_ptr<const gis::loaded_network> get(const std::filesystem::path& path);

 private:
  std::map<std::filesystem::path, std::shared_ptr<const gis::loaded_network>> read_;
};

/// A scenario's network state: an overlay of its closures and changes over its (cached) base
/// network, or the materialised network when it adds places or links. Throws corridor::error
/// (unknown link ids name the scenario file and line).
[[nodiscard]] network_state open_scenario(const gis::scenario& s, network_cache& cache);

/// A network ready to analyse: from a network file, or from a scenario file, whose year, full
/// build-out, passenger-line choice and settings set `filter` and `profile`.
struct analysis_input {
  network_state state;
  link_filter filter;
  cost_profile profile = cost_profile::defaults();
  [[nodiscard]] const gis::loaded_network& loaded() const noexcept { return state.loaded(); }
  [[nodiscard]] const built_network& net() const noexcept { return state.net(); }
  [[nodiscard]] const link_columns& links() const noexcept { return state.links(); }
};

/// Sets `filter` (year, full build-out, passenger lines) and `profile` (apply_scenario_settings)
/// from scenario `s`.
void apply_scenario_filters(const gis::scenario& s, link_filter& filter, cost_profile& profile);

/// Opens `network` (a network file, or a scenario file .toml), or the scenario file `scenario`
/// (over `network` when both are given, else over the network it names). `options` are the
/// reader's (field mappings) for a network file. Throws input_error for a missing or doubled
/// scenario, corridor::error (input_error, lookup_error) from the readers.
[[nodiscard]] analysis_input open_input(const std::string& network, const std::string& scenario,
                                        const gis::read_options& options = {});

}  // namespace corridor::analysis
