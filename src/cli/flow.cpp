// corridor flow NETWORK|SCENARIO|FILE.max [--from A,B --to C,D]: maximum flow between two sets of
// places, and the minimum cut: the links and facilities that cap it.
#include <cmath>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/flow.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/network/labels.hpp"
#include "corridor/report/json.hpp"

namespace corridor::cli {
namespace {

std::string names(const built_network& net, const std::vector<std::uint32_t>& places) {
  std::string out;
  for (const auto p : places) out += (out.empty() ? "" : ", ") + net.places.id[p];
  return out;
}

/// A min-cut link in the table: its id and ends (and mode), or the transfer and its place.
std::string cut_link_name(const built_network& net, bool abstract, link_id l) {
  const auto rec = net.links.record[l.value()];
  const std::uint32_t pt = net.place_of(net.graph.tail(l)), ph = net.place_of(net.graph.head(l));
  if (rec == no_index) return fmt::format("{} at {}", link_label(net, l), net.places.id[pt]);
  if (abstract) {
    return fmt::format("{} {} -> {}", net.records.id[rec], net.places.id[pt], net.places.id[ph]);
  }
  return fmt::format("{} {} -> {} ({})", net.records.id[rec], net.places.id[pt], net.places.id[ph],
                     to_string(net.links.mode[l.value()]));
}

std::string flow_json(const built_network& net, const link_filter& filter,
                      const analysis::flow_answer& f) {
  const max_flow_result& r = f.result;
  report::json_writer j;
  j.begin_object().field("status", to_string(r.status));
  j.key("from").begin_array();
  for (const auto p : f.from) j.value(net.places.id[p]);
  j.end_array().key("to").begin_array();
  for (const auto p : f.to) j.value(net.places.id[p]);
  j.end_array();
  j.key("year");
  if (filter.year) {
    j.value(*filter.year);
  } else {
    j.null();
  }
  j.field("max_flow", r.value).field("unit", f.abstract ? "" : "t/yr");
  j.field("resolution", r.resolution);
  j.key("min_cut").begin_array();
  for (const link_id l : r.min_cut) {
    j.begin_object().field("link", link_label(net, l));
    j.field("from", net.places.id[net.place_of(net.graph.tail(l))]);
    j.field("to", net.places.id[net.place_of(net.graph.head(l))]);
    j.field("mode", to_string(net.links.mode[l.value()]));
    j.field("capacity", f.capacity[l.value()]).field("flow", r.flow[l.value()]);
    j.field("capacity_is_default", f.defaulted[l.value()] != 0).end_object();
  }
  j.end_array().end_object();
  return j.str();
}

std::string flow_table(const built_network& net, const link_filter& filter,
                       const analysis::flow_answer& f) {
  const max_flow_result& r = f.result;
  const char* unit = f.abstract ? "" : " t/yr";
  std::string out =
      fmt::format("Max flow {} -> {}{}\n", names(net, f.from), names(net, f.to),
                  filter.year ? fmt::format(", network as of {}", *filter.year)
                              : std::string(f.abstract ? "" : ", operational network"));
  if (r.status == flow_status::unbounded) {
    return out +
           "unbounded: some path from the sources to the sinks has no capacity limit (links\n"
           "without capacity_t_per_year and no class default, such as sea lanes between ports\n"
           "without one, count as unlimited). Give capacities (a scenario's [[change]]\n"
           "capacity_t_per_year, or --set capacity.*) or exclude modes (--exclude-mode).\n";
  }
  out += fmt::format("max flow: {:.10g}{}\n", r.value, unit);
  out +=
      fmt::format("min cut: {} link{} (the bottlenecks; their capacities add up to the max flow)\n",
                  r.min_cut.size(), r.min_cut.size() == 1 ? "" : "s");
  for (const link_id l : r.min_cut) {
    out += fmt::format("  {:<60} capacity {:>14.10g}{}{}\n", cut_link_name(net, f.abstract, l),
                       f.capacity[l.value()], unit,
                       f.defaulted[l.value()] != 0 ? " (class default)" : "");
  }
  return out;
}

}  // namespace

command add_flow(CLI::App& app) {
  struct args {
    network_args network;
    std::string from, to;
    filter_args filters;
    std::string format = "table";
    std::string output = "-";
  };
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand(
      "flow", "Maximum flow between two sets of places, and the minimum cut (the bottlenecks)");
  a->network.add_to(*sub, true);
  sub->add_option("--from", a->from,
                  "Source places, comma-separated ids or names "
                  "(a DIMACS .max file names its own)");
  sub->add_option("--to", a->to, "Sink places, comma-separated");
  a->filters.add_to(*sub);
  add_format_and_output(*sub, a->format, a->output, {"table", "json", "geojson"},
                        "table, json or geojson (the links carrying flow)");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    analysis_input in = load_input(a->network);
    a->filters.apply(in);
    const analysis::flow_answer f = analysis::max_flow_between(in, a->from, a->to, print_note);
    if (a->format == "geojson") {
      if (f.result.status != flow_status::optimal) {
        throw input_error("flow: unbounded (no capacity on some path); nothing to map");
      }
      std::vector<std::uint8_t> in_cut(f.capacity.size(), 0);
      for (const link_id l : f.result.min_cut) in_cut[l.value()] = 1;
      gis::write_link_flows(a->output, in.net(), f.result.flow, f.capacity, in_cut);
      return exit_code::ok;
    }
    gis::write_text(a->output, a->format == "json" ? flow_json(in.net(), in.filter, f)
                                                   : flow_table(in.net(), in.filter, f));
    return exit_code::ok;
  };
}

}  // namespace corridor::cli
