// Pieces shared by the subcommands: loading a network, resolving places, exit codes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "corridor/cost/filters.hpp"
#include "corridor/cost/profile.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/path/constrained.hpp"

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
};

/// The network-state options of the analysis commands: --year, --passenger-lines,
/// --exclude-mode and (with `settings`) --set.
struct filter_args {
  std::optional<int> year;
  bool passenger_lines = false;
  std::vector<std::string> exclude_modes;
  std::vector<std::string> settings;
  void add_to(CLI::App& app, bool with_settings = true);
  /// Applies them over a loaded input's filter and profile (a scenario's own come first).
  /// Throws input_error / lookup_error for bad --set values.
  void apply(struct analysis_input& in) const;
};

/// Adds `--format` (one of `formats`, the first being the default) and `-o,--output` (default
/// "-", standard output) to a subcommand.
void add_format_and_output(CLI::App& sub, std::string& format, std::string& output,
                           const std::vector<std::string>& formats, const std::string& help);

/// A network ready to analyse: from a network file, or from a scenario file (.toml, as NETWORK or
/// --scenario), whose year, full build-out, passenger-line choice and [profile] settings set
/// `filter` and `profile`. With both NETWORK and --scenario, the scenario applies to NETWORK
/// instead of the network it names.
struct analysis_input {
  gis::loaded_network n;
  link_filter filter;
  cost_profile profile = cost_profile::defaults();
};

/// Loads NETWORK or a scenario. Throws corridor::error (input_error, lookup_error).
[[nodiscard]] analysis_input load_input(const network_args& args);

/// A place by id, else by name (case-insensitive). Throws lookup_error naming the network and
/// suggesting close ids.
[[nodiscard]] std::uint32_t resolve_place(const gis::loaded_network& n, const std::string& text,
                                          const char* option);

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

/// Writes a report folder atomically: fill(tmp) writes into a fresh temporary folder beside
/// `target`, which then replaces `target`; on an exception the temporary folder is removed and
/// nothing is left behind. Throws input_error when the parent folder cannot be created.
void write_folder_atomically(const std::filesystem::path& target,
                             const std::function<void(const std::filesystem::path&)>& fill);

/// Applies "name=value" overrides to a profile. Throws input_error / lookup_error.
void apply_settings(cost_profile& p, const std::vector<std::string>& settings);

}  // namespace corridor::cli
