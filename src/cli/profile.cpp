// corridor profile [--set NAME=VALUE ...]: every cost parameter, its value, unit and source.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/report/json.hpp"

namespace corridor::cli {

command add_profile(CLI::App& app) {
  struct args {
    std::vector<std::string> settings;
    std::string profile_file;
    std::string format = "table";
    std::string output = "-";
  };
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand(
      "profile", "The cost parameters (time, money, CO2) with their values and sources");
  add_settings_options(*sub, a->profile_file, a->settings);
  add_format_and_output(*sub, a->format, a->output, {"table", "markdown", "json"},
                        "table, markdown or json");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    cost_profile p = cost_profile::defaults();
    apply_settings(p, a->profile_file, a->settings);
    std::string out;
    if (a->format == "json") {
      report::json_writer j;
      j.begin_array();
      for (const auto& info : p.parameters()) {
        j.begin_object().field("name", info.name).field("value", info.value);
        j.field("unit", info.unit).field("source", info.source).end_object();
      }
      j.end_array();
      out = j.str();
    } else if (a->format == "markdown") {
      out = "| parameter | default | unit | source |\n|---|---|---|---|\n";
      for (const auto& info : p.parameters()) {
        out += fmt::format("| `{}` | {:.4g} | {} | {} |\n", info.name, info.value, info.unit,
                           info.source);
      }
    } else {
      for (const auto& info : p.parameters()) {
        out += fmt::format("{:<32} {:>10.4g} {:<12} {}\n", info.name, info.value, info.unit,
                           info.source);
      }
    }
    gis::write_text(a->output, out);
    return exit_code::ok;
  };
}

}  // namespace corridor::cli
