// corridor mincost FILE.min: minimum-cost flow of a DIMACS min-cost-flow file.
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/flow/min_cost_flow.hpp"
#include "corridor/gis/write.hpp"
#include "json.hpp"

namespace corridor::cli {

command add_mincost(CLI::App& app) {
  struct args {
    network_args network;
    std::string format = "table";
    std::string output = "-";
  };
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand(
      "mincost", "Minimum-cost flow of a DIMACS min-cost-flow file (supplies, capacities, costs)");
  a->network.add_to(*sub);
  add_format_and_output(*sub, a->format, a->output, {"table", "json"}, "table or json");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    const gis::loaded_network n = a->network.load();
    if (n.supply.empty()) {
      throw input_error("mincost: " + n.path.string() +
                        " has no supplies and costs; give a DIMACS .min file (demand files for "
                        "networks are not supported yet)");
    }
    const built_network& net = n.net;
    std::vector<double> supply(net.graph.node_count(), 0.0);
    for (std::uint32_t p = 0; p < net.place_count(); ++p) {
      supply[net.nodes_of(p).front().value()] = n.supply[p];
    }
    const min_cost_flow_result r = min_cost_flow(
        net.graph, by_column(net.links.capacity_t_per_year), by_column(n.link_cost), supply);
    std::string out;
    const bool ok = r.status == min_cost_status::optimal;
    if (a->format == "json") {
      report::json_writer j;
      j.begin_object().field("status", to_string(r.status));
      j.key("cost");
      if (ok) {
        j.value(r.cost);
      } else {
        j.null();
      }
      j.field("resolution", r.resolution).end_object();
      out = j.str();
    } else {
      out = fmt::format("Min-cost flow {}\nstatus: {}\n", n.path.string(), to_string(r.status));
      if (ok) out += fmt::format("cost: {:.10g}\n", r.cost);
    }
    gis::write_text(a->output, out);
    return ok ? exit_code::ok : exit_code::no_result;
  };
}

}  // namespace corridor::cli
