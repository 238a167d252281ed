#include "common.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <random>
#include <string>

#include "corridor/cost/link_costs.hpp"
#include "corridor/error.hpp"
#include "corridor/gis/scenario.hpp"

namespace corridor::cli {

void add_format_and_output(CLI::App& sub, std::string& format, std::string& output,
                           const std::vector<std::string>& formats, const std::string& help) {
  format = formats.front();
  output = "-";
  sub.add_option("--format", format, help)->check(CLI::IsMember(formats))->capture_default_str();
  sub.add_option("-o,--output", output, "Write to FILE instead of standard output");
}

void network_args::add_to(CLI::App& app, bool scenarios) {
  CLI::Option* network =
      app.add_option("NETWORK", path,
                     scenarios ? "Network: a folder with nodes.* and links.*, a GeoPackage, a "
                                 "single GeoJSON, a DIMACS .gr or a TNTP _net.tntp file; or a "
                                 "scenario file (.toml)"
                               : "Network: a folder with nodes.* and links.*, a GeoPackage, a "
                                 "single GeoJSON, a DIMACS .gr or a TNTP _net.tntp file");
  if (scenarios) {
    app.add_option("--scenario", scenario,
                   "Scenario file (.toml): its edits, year and settings, on NETWORK when given, "
                   "else on the network it names");
  } else {
    network->required();
  }
  app.add_option("--map", maps,
                 "Read another schema: node.FIELD=SOURCE_FIELD or link.FIELD=SOURCE_FIELD "
                 "(repeatable), e.g. --map link.length_km=LEN_KM");
}

gis::loaded_network network_args::load() const { return gis::read_network(path, read_options()); }

gis::read_options network_args::read_options() const {
  gis::read_options opt;
  for (const std::string& m : maps) {
    const auto dot = m.find('.');
    const auto eq = m.find('=');
    if (dot == std::string::npos || eq == std::string::npos || eq < dot) {
      throw input_error("--map '" + m + "': expected node.FIELD=SOURCE or link.FIELD=SOURCE");
    }
    const std::string layer = m.substr(0, dot);
    const std::string field = m.substr(dot + 1, eq - dot - 1), source = m.substr(eq + 1);
    if (layer == "node") {
      opt.fields.node[field] = source;
    } else if (layer == "link") {
      opt.fields.link[field] = source;
    } else {
      throw input_error("--map '" + m + "': the layer must be 'node' or 'link'");
    }
  }
  return opt;
}

analysis_input load_input(const network_args& args) {
  return analysis::open_input(args.path, args.scenario, args.read_options());
}

void filter_args::add_to(CLI::App& app, bool with_settings) {
  app.add_option("--year", year, "The network as of this year")->check(CLI::Range(1800, 2200));
  app.add_flag("--passenger-lines", passenger_lines,
               "Let freight use passenger-only lines (freight=false)");
  app.add_option("--exclude-mode", exclude_modes, "Do not use this mode (repeatable)")
      ->check(CLI::IsMember({"rail", "road", "sea", "inland_waterway"}));
  if (with_settings) add_settings_options(app, profile_file, settings);
}

void filter_args::apply(analysis_input& in) const {
  apply_settings(in.net(), in.profile, profile_file, settings);
  if (year) in.filter.year = year;
  if (passenger_lines) in.filter.passenger_lines = true;
  for (const std::string& m : exclude_modes) in.filter.exclude_mode(*parse_mode(m));
}

void add_settings_options(CLI::App& app, std::string& profile_file,
                          std::vector<std::string>& settings) {
  app.add_option("--profile", profile_file,
                 "Cost parameters from a profile file (TOML [profile] NAME = VALUE, as written by "
                 "corridor calibrate --write-profile); --set overrides it");
  app.add_option("--set", settings, "Override a cost parameter, NAME=VALUE (repeatable)");
}

void print_note(const std::string& message) {
  std::fprintf(stderr, "corridor: %s\n", message.c_str());
}

std::uint32_t place_arg(const gis::loaded_network& n, const std::string& text, const char* option,
                        const snap_filter* snap) {
  return analysis::resolve_place(n, text, option, snap, print_note);
}

std::vector<option_spec> parse_options(const gis::loaded_network& n, const std::string& list,
                                       const link_filter& base) {
  return analysis::parse_options(n, list, base, print_note);
}

}  // namespace corridor::cli
