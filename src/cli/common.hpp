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

#include "corridor/analysis/input.hpp"
#include "corridor/analysis/options.hpp"
#include "corridor/analysis/places.hpp"
#include "corridor/analysis/settings.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/cost/profile.hpp"
#include "corridor/gis/read.hpp"

namespace corridor::cli {

// The analysis layer's pieces the commands use (opening inputs, places, options, settings).
using analysis::analysis_input;
using analysis::apply_scenario_settings;
using analysis::apply_settings;
using analysis::max_snap_km;
using analysis::network_cache;
using analysis::network_state;
using analysis::open_scenario;
using analysis::option_spec;
using analysis::snap_filter;

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
  void apply(analysis_input& in) const;
};

/// Adds `--format` (one of `formats`, the first being the default) and `-o,--output` (default
/// "-", standard output) to a subcommand.
void add_format_and_output(CLI::App& sub, std::string& format, std::string& output,
                           const std::vector<std::string>& formats, const std::string& help);

/// Opens NETWORK or a scenario (analysis::open_input). Throws corridor::error.
[[nodiscard]] analysis_input load_input(const network_args& args);

/// Prints an analysis note on standard error ("corridor: MESSAGE").
void print_note(const std::string& message);

/// A place named on the command line: analysis::resolve_place with its notes (a position snapped)
/// on standard error.
[[nodiscard]] std::uint32_t place_arg(const gis::loaded_network& n, const std::string& text,
                                      const char* option, const snap_filter* snap = nullptr);

/// analysis::parse_options with its notes on standard error.
[[nodiscard]] std::vector<option_spec> parse_options(const gis::loaded_network& n,
                                                     const std::string& list,
                                                     const link_filter& base);

/// Adds `--profile FILE.toml` and `--set NAME=VALUE` (repeatable) to a subcommand.
void add_settings_options(CLI::App& app, std::string& profile_file,
                          std::vector<std::string>& settings);

}  // namespace corridor::cli
