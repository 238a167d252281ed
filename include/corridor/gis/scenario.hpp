// Scenario files (TOML): a base network, the year, edits (add, close, change links) and the
// questions to answer. See docs/scenarios-and-whatif.md for the format.
//
//   corridor::gis::scenario s = corridor::gis::read_scenario("geodata/scenarios/ecrl.toml");
//   corridor::gis::loaded_network n = corridor::gis::load_scenario_network(s);
//
// Every problem throws corridor::input_error "<file>:<line>: <key>: <what>".
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "corridor/cost/link_costs.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/scenario/edits.hpp"

namespace corridor::gis {

/// One question: compare options from one place to another.
struct question {
  std::string label;                 ///< optional title; "from -> to" when empty
  std::string from, to;              ///< node ids or names
  std::vector<std::string> options;  ///< option labels (see corridor compare); empty = default
  std::optional<criterion> by;       ///< empty = the command's --by
  std::string origin;                ///< "file:line"
};

struct scenario {
  std::filesystem::path file;
  std::string name;
  std::string description;
  std::filesystem::path network;  ///< resolved relative to the scenario file
  std::optional<int> year;
  bool full_build_out = false;
  bool passenger_lines = false;
  std::optional<double> max_access_km;
  std::vector<std::pair<std::string, double>> settings;  ///< [profile] cost parameter overrides
  /// Where settings came from, by name, when a profile file (`profile = "FILE.toml"`) says so.
  std::vector<std::pair<std::string, std::string>> setting_sources;
  scenario_edits edits;
  std::vector<question> questions;
};

/// A cost profile file (TOML): `[profile]` NAME = VALUE (as `corridor profile` names the
/// parameters, and corridor.NAME.speed_factor), optional `[sources]` NAME = "where the value comes
/// from", optional `description`. `corridor calibrate --write-profile` writes one.
struct profile_file {
  std::filesystem::path file;
  std::string description;
  std::vector<std::pair<std::string, double>> settings;
  std::vector<std::pair<std::string, std::string>> sources;
};

/// Reads a profile file. Throws input_error "<file>:<line>: key '<key>': <what>" for an unknown
/// parameter, a value out of range, a source for a parameter the file does not set, or a file
/// with no [profile] table.
[[nodiscard]] profile_file read_profile_file(const std::filesystem::path& file);

/// Reads a scenario file. `extends = "other.toml"` first reads that scenario (its network, year,
/// settings, edits and questions), then this file's keys override or add to them.
[[nodiscard]] scenario read_scenario(const std::filesystem::path& file);

/// The scenario's network: the base network's records with the edits applied, built.
[[nodiscard]] loaded_network load_scenario_network(const scenario& s);

/// True for a path that names a scenario file (.toml).
[[nodiscard]] bool is_scenario_file(const std::filesystem::path& p);

}  // namespace corridor::gis
