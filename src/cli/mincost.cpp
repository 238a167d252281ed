// corridor mincost FILE.min (DIMACS), or NETWORK|SCENARIO --demand FILE.csv: minimum-cost flow.
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/assign/zones.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/flow/min_cost_flow.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/report/json.hpp"
#include "demand.hpp"

namespace corridor::cli {
namespace {

struct args {
  network_args network;
  std::string demand;
  std::string by = "cost";
  filter_args filters;
  std::string flows;
  std::string format = "table";
  std::string output = "-";
};

void json_cost(report::json_writer& j, min_cost_status status, double cost) {
  j.field("status", to_string(status)).key("cost");
  if (status == min_cost_status::optimal) {
    j.value(cost);
  } else {
    j.null();
  }
}

int run_dimacs(const args& a, const gis::loaded_network& n, const link_columns& L) {
  const built_network& net = n.net;
  std::vector<double> supply(net.graph.node_count(), 0.0);
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    supply[net.nodes_of(p).front().value()] = n.supply[p];
  }
  const min_cost_flow_result r =
      min_cost_flow(net.graph, by_column(L.capacity_t_per_year), by_column(n.link_cost), supply);
  std::string out;
  const bool ok = r.status == min_cost_status::optimal;
  if (a.format == "json") {
    report::json_writer j;
    j.begin_object();
    json_cost(j, r.status, r.cost);
    j.field("resolution", r.resolution).end_object();
    out = j.str();
  } else {
    out = fmt::format("Min-cost flow {}\nstatus: {}\n", n.path.string(), to_string(r.status));
    if (ok) out += fmt::format("cost: {:.10g}\n", r.cost);
  }
  gis::write_text(a.output, out);
  return ok ? exit_code::ok : exit_code::no_result;
}

/// Supplies at the origins, demands at the destinations of a demand file: one commodity, so any
/// origin's tonnes may serve any destination (a transportation problem). Capacities are the
/// links' capacity_t_per_year (unlimited when not given); costs are per tonne by --by.
int run_network(const args& a, analysis_input in) {
  const gis::loaded_network& n = in.loaded();
  const link_columns& L = in.links();
  const built_network& net = n.net;
  const criterion by = *parse_criterion(a.by);
  a.filters.apply(in);
  const link_filter& filter = in.filter;

  const place_demand demand = read_place_demand(n, a.demand);
  const link_costs costs = compute_link_costs(net, L, in.profile);
  const analysis::mincost_result r =
      analysis::route_at_least_cost(net, L, filter, costs, demand, by);
  const bool ok = r.status == min_cost_status::optimal;
  const double total = r.total_tonnes;
  const std::uint32_t m = net.graph.link_count();
  const std::vector<double>& volume = r.volume;
  const std::vector<corridor_total> corridors = corridor_totals(net, L, volume);
  std::vector<std::uint32_t> loaded;
  for (std::uint32_t l = 0; l < m; ++l) {
    if (volume[l] > 0) loaded.push_back(l);
  }
  std::sort(loaded.begin(), loaded.end(),
            [&](std::uint32_t x, std::uint32_t y) { return volume[x] > volume[y]; });
  const auto place = [&](node_id v) { return net.places.id[net.place_of(v)]; };
  if (!a.flows.empty()) {
    if (!ok)
      throw input_error("mincost: no optimal flow (" + std::string(to_string(r.status)) +
                        "); nothing written to " + a.flows);
    gis::write_link_flows(a.flows, net, volume, L.capacity_t_per_year,
                          std::vector<std::uint8_t>(m, 0));
  }
  const std::string unit = fmt::format("{} x t", unit_of(by));
  std::string out;
  if (a.format == "json") {
    report::json_writer j;
    j.begin_object();
    json_cost(j, r.status, r.cost);
    j.field("by", a.by).field("unit", unit).field("supply_tonnes", total);
    j.field("intrazonal_tonnes", demand.intrazonal).field("resolution", r.resolution);
    j.key("links").begin_array();
    for (const std::uint32_t l : loaded) {
      const link_id id{l};
      j.begin_object()
          .field("link", link_label(net, link_id{l}))
          .field("from", place(net.graph.tail(id)));
      j.field("to", place(net.graph.head(id))).field("mode", to_string(net.links.mode[l]));
      j.field("volume_t", volume[l]).key("capacity_t");
      if (std::isfinite(L.capacity_t_per_year[l])) {
        j.value(L.capacity_t_per_year[l]);
      } else {
        j.null();
      }
      j.end_object();
    }
    j.end_array();
    json_corridors(j, net, corridors);
    j.end_object();
    out = j.str();
  } else {
    out = fmt::format("Min-cost flow {} (by {}): {}\n", n.path.string(), a.by, to_string(r.status));
    out += fmt::format(
        "supply {:.10g} t/yr at the origins, taken to the destinations as one commodity\n", total);
    if (ok) {
      out += fmt::format("cost: {:.10g} {}\n", r.cost, unit);
    } else if (r.status == min_cost_status::infeasible) {
      out += "infeasible: the destinations cannot all be reached within the link capacities\n";
    }
    if (!loaded.empty()) {
      out += fmt::format("\n  {:<28} {:<36} {:>14} {:>14}\n", "link", "from -> to", "volume t/yr",
                         "capacity t/yr");
      for (const std::uint32_t l : loaded) {
        const link_id id{l};
        const double c = L.capacity_t_per_year[l];
        out += fmt::format("  {:<28} {:<36} {:>14.10g} {:>14}\n", link_label(net, link_id{l}),
                           place(net.graph.tail(id)) + " -> " + place(net.graph.head(id)),
                           volume[l], std::isfinite(c) ? fmt::format("{:.10g}", c) : "-");
      }
    }
  }
  gis::write_text(a.output, out);
  return ok ? exit_code::ok : exit_code::no_result;
}

}  // namespace

command add_mincost(CLI::App& app) {
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand(
      "mincost",
      "Minimum-cost flow: a DIMACS .min file, or a corridor network (or scenario) and a demand "
      "CSV (supplies at origins, demands at destinations)");
  a->network.add_to(*sub, true);
  sub->add_option("--demand", a->demand,
                  "Demand CSV (origin,destination,tonnes): the origins supply and the "
                  "destinations take these tonnes, as one commodity");
  sub->add_option("--by", a->by,
                  "Cost per tonne on corridor networks: cost (USD/t), time (h), distance (km), "
                  "co2 (kg/t) or generalized (USD/t)")
      ->check(CLI::IsMember({"time", "distance", "cost", "co2", "generalized"}))
      ->capture_default_str();
  a->filters.add_to(*sub);
  sub->add_option("--flows", a->flows, "Write the links carrying flow to FILE (.geojson, .gpkg)");
  add_format_and_output(*sub, a->format, a->output, {"table", "json"}, "table or json");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    analysis_input in = load_input(a->network);
    if (!in.loaded().supply.empty()) {
      if (!a->demand.empty()) {
        throw input_error("mincost: " + in.loaded().path.string() +
                          " gives its own supplies; --demand is for corridor networks");
      }
      return run_dimacs(*a, in.loaded(), in.links());
    }
    if (!in.loaded().is_corridor_network()) {
      throw input_error("mincost: " + in.loaded().path.string() +
                        " has no supplies and costs; give a DIMACS .min file, or a corridor "
                        "network with --demand FILE.csv");
    }
    if (a->demand.empty()) {
      throw input_error("mincost: give the demand of " + in.loaded().path.string() +
                        " with --demand FILE.csv (origin,destination,tonnes)");
    }
    return run_network(*a, std::move(in));
  };
}

}  // namespace corridor::cli
