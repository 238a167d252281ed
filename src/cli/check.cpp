// corridor check NETWORK|SCENARIO: a lint for a planner's own data before it runs.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/network/check.hpp"
#include "corridor/report/json.hpp"

namespace corridor::cli {
namespace {

std::string findings_json(const std::string& input, const std::vector<finding>& f) {
  report::json_writer j;
  j.begin_object().field("input", input).key("findings").begin_array();
  std::size_t errors = 0, warnings = 0;
  for (const finding& x : f) {
    errors += x.level == severity::error;
    warnings += x.level == severity::warning;
    j.begin_object().field("level", std::string(to_string(x.level))).field("code", x.code);
    j.field("subject", x.subject).field("message", x.message).end_object();
  }
  j.end_array().field("errors", static_cast<std::uint32_t>(errors));
  j.field("warnings", static_cast<std::uint32_t>(warnings)).end_object();
  return j.str();
}

std::string findings_table(const std::string& input, const std::vector<finding>& f) {
  std::string out;
  std::size_t errors = 0, warnings = 0;
  for (const finding& x : f) {
    errors += x.level == severity::error;
    warnings += x.level == severity::warning;
    out += fmt::format("{:<8} {:<22} {}\n", to_string(x.level), x.code, x.message);
  }
  return out + fmt::format("{}{}: {} error{}, {} warning{}\n", out.empty() ? "" : "\n", input,
                           errors, errors == 1 ? "" : "s", warnings, warnings == 1 ? "" : "s");
}

}  // namespace

command add_check(CLI::App& app) {
  struct args {
    network_args network;
    std::string format = "table";
    std::string output = "-";
  };
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand(
      "check", "Lint a network or scenario: lengths, positions, speeds, duplicates, sources");
  a->network.add_to(*sub);
  add_format_and_output(*sub, a->format, a->output, {"table", "json"}, "table or json");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    std::vector<finding> f;
    if (gis::is_scenario_file(a->network.path)) {
      const gis::scenario s = gis::read_scenario(a->network.path);
      f = check_network(gis::load_scenario_network(s).net);
      const gis::loaded_network base = gis::read_network(s.network);
      for (finding& x : check_edits(base.net, s.edits)) f.push_back(std::move(x));
    } else if (!gis::is_abstract_graph_file(a->network.path)) {
      // Positions off the Earth are findings here, not a refusal to read.
      gis::network_records records =
          gis::read_network_records(a->network.path, a->network.read_options());
      f = take_invalid_positions(records.places);
      for (finding& x : check_network(gis::build_network(std::move(records)).net)) {
        f.push_back(std::move(x));
      }
    } else {
      f = check_network(a->network.load().net);
    }
    gis::write_text(a->output, a->format == "json" ? findings_json(a->network.path, f)
                                                   : findings_table(a->network.path, f));
    return has_errors(f) ? exit_code::no_result : exit_code::ok;
  };
}

}  // namespace corridor::cli
