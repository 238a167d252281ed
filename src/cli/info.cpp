// corridor info NETWORK|SCENARIO: counts by mode, kind and status, components, validation warnings.
#include <memory>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/report/network_report.hpp"

namespace corridor::cli {

command add_info(CLI::App& app) {
  struct args {
    network_args network;
    std::string format = "table";
    std::string output = "-";
  };
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand("info", "What a network holds, and what looks wrong in it");
  a->network.add_to(*sub);
  add_format_and_output(*sub, a->format, a->output, {"table", "json"}, "table or json");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    // A scenario: its network with every edit applied (materialised), so closures show.
    const gis::loaded_network n =
        gis::is_scenario_file(a->network.path)
            ? gis::load_scenario_network(gis::read_scenario(a->network.path))
            : a->network.load();
    const report::network_summary s = report::summarize(n);
    gis::write_text(a->output,
                    a->format == "json" ? report::summary_json(n, s) : report::summary_table(n, s));
    return exit_code::ok;
  };
}

}  // namespace corridor::cli
