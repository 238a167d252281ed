// Pieces shared by the subcommands: loading a network, resolving places, exit codes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "corridor/cost/filters.hpp"
#include "corridor/cost/profile.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/path/constrained.hpp"
#include "corridor/scenario/overlay.hpp"

namespace corridor::cli {

/// Exit codes: 0 success, 1 an expected "no" (no path), 2 bad input or usage.
enum exit_code : int { ok = 0, no_result = 1, bad_input = 2 };

/// Options every command that reads a network takes.
struct network_args {
  std::string path;
  std::string scenario;           ///< --scenario FILE (commands that take scenarios)
  std::vector<std::string> maps;  ///< "node.FIELD=SOURCE" / "link.FIELD=SOURCE"
  /// Adds NETWORK and --map; with `scenarios`, also --scenario FILE (then NETWORK may be omitted:
  /// the scenario names its own).
  void add_to(CLI::App& app, bool scenarios = false);
  /// Reads the network; throws corridor::error (input_error, lookup_error) on bad input.
  [[nodiscard]] gis::loaded_network load() const;
  /// The reader's options from --map. Throws input_error for a malformed --map.
  [[nodiscard]] gis::read_options read_options() const;
};

/// The network-state options of the analysis commands: --year, --passenger-lines,
/// --exclude-mode and (with `settings`) --set.
struct filter_args {
  std::optional<int> year;
  bool passenger_lines = false;
  std::vector<std::string> exclude_modes;
  std::vector<std::string> settings;
  std::string profile_file;  ///< --profile FILE.toml, applied before --set
  void add_to(CLI::App& app, bool with_settings = true);
  /// Applies them over a loaded input's filter and profile (a scenario's own come first).
  /// Throws input_error / lookup_error for bad --set values.
  void apply(struct analysis_input& in) const;
};

/// Adds `--format` (one of `formats`, the first being the default) and `-o,--output` (default
/// "-", standard output) to a subcommand.
void add_format_and_output(CLI::App& sub, std::string& format, std::string& output,
                           const std::vector<std::string>& formats, const std::string& help);

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
  /// The network at `path` (read with default options the first time). Throws corridor::error.
  [[nodiscard]] std::shared_ptr<const gis::loaded_network> get(const std::filesystem::path& path);

 private:
  std::map<std::filesystem::path, std::shared_ptr<const gis::loaded_network>> read_;
};

/// A scenario's network state: an overlay of its closures and changes over its (cached) base
/// network, or the materialised network when it adds places or links. Throws corridor::error
/// (unknown link ids name the scenario file and line).
[[nodiscard]] network_state open_scenario(const gis::scenario& s, network_cache& cache);

/// A network ready to analyse: from a network file, or from a scenario file (.toml, as NETWORK or
/// --scenario), whose year, full build-out, passenger-line choice and [profile] settings set
/// `filter` and `profile`. With both NETWORK and --scenario, the scenario applies to NETWORK
/// instead of the network it names.
struct analysis_input {
  network_state state;
  link_filter filter;
  cost_profile profile = cost_profile::defaults();
  [[nodiscard]] const gis::loaded_network& n() const noexcept { return state.loaded(); }
  [[nodiscard]] const built_network& net() const noexcept { return state.net(); }
  [[nodiscard]] const link_columns& links() const noexcept { return state.links(); }
};

/// Loads NETWORK or a scenario. Throws corridor::error (input_error, lookup_error).
[[nodiscard]] analysis_input load_input(const network_args& args);

/// How far a `lon,lat` given for a place may be from the nearest node, km.
inline constexpr double max_snap_km = 50;

/// What a position may snap to: places that a link usable under `filter` (judged on the link
/// columns `links`: the network's or a scenario overlay's) touches.
struct snap_filter {
  const link_columns& links;
  const link_filter& filter;
};

/// A place by id, else by name (case-insensitive), else by a position `lon,lat` (degrees: the
/// nearest node within max_snap_km, reported on standard error; with `snap`, only places touched
/// by a usable link count, so that a position snaps to a node of the allowed modes; the usable
/// links are found only when a position is given). Throws lookup_error naming the network and
/// suggesting close ids.
[[nodiscard]] std::uint32_t resolve_place(const gis::loaded_network& n, const std::string& text,
                                          const char* option, const snap_filter* snap = nullptr);

/// A compared option: `multimodal` (any mode) or modes joined by '+' (the main haul: only these,
/// each used at least once, e.g. `rail+sea`; road, and rail for water-only options, are allowed
/// besides as first and last mile, unless listed), optionally followed by `/via:PLACE`
/// (repeatable); `via:PLACE` alone is multimodal through PLACE. E.g. "rail", "road",
/// "rail+road", "rail+sea/via:qinzhou_port".
struct option_spec {
  std::string label;
  link_filter filter;             ///< the base filter with the option's mode exclusions
  route_constraints constraints;  ///< required modes, via places
};

/// Parses a comma-separated option list against a network and a base filter. Throws input_error
/// naming the option, lookup_error for an unknown via place.
[[nodiscard]] std::vector<option_spec> parse_options(const gis::loaded_network& n,
                                                     const std::string& list,
                                                     const link_filter& base);

/// Applies "name=value" overrides to a profile. Throws input_error / lookup_error.
void apply_settings(cost_profile& p, const std::vector<std::string>& settings);

/// Adds `--profile FILE.toml` and `--set NAME=VALUE` (repeatable) to a subcommand.
void add_settings_options(CLI::App& app, std::string& profile_file,
                          std::vector<std::string>& settings);

/// Applies a profile file (when `file` is not empty), then the --set overrides. Throws
/// input_error / lookup_error.
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

}  // namespace corridor::cli
