// corridor flow NETWORK|SCENARIO|FILE.max [--from A,B --to C,D]: maximum flow between two sets of
// places, and the minimum cut: the links and facilities that cap it.
#include <cmath>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/cost/capacity.hpp"
#include "corridor/flow/max_flow.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/network/labels.hpp"
#include "corridor/text.hpp"
#include "json.hpp"

namespace corridor::cli {
namespace {

std::vector<std::uint32_t> resolve_list(const gis::loaded_network& n, const std::string& list,
                                        const char* option) {
  std::vector<std::uint32_t> out;
  for (const std::string& item : split_list(list)) out.push_back(place_arg(n, item, option));
  if (out.empty()) throw input_error(std::string(option) + ": no place given");
  return out;
}

std::string names(const built_network& net, const std::vector<std::uint32_t>& places) {
  std::string out;
  for (const auto p : places) out += (out.empty() ? "" : ", ") + net.places.id[p];
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
    const gis::loaded_network& n = in.n();
    link_filter& filter = in.filter;
    const built_network& net = n.net;
    a->filters.apply(in);
    std::vector<std::uint32_t> from = n.flow_sources, to = n.flow_sinks;
    if (!a->from.empty()) from = resolve_list(n, a->from, "--from");
    if (!a->to.empty()) to = resolve_list(n, a->to, "--to");
    if (from.empty() || to.empty()) {
      throw input_error("flow: give --from and --to (only DIMACS .max files name their own)");
    }
    // Capacities: the link's own, else (corridor networks) the profile's default for its class
    // (capacity.*: `corridor profile` lists them); 0 when the filter closes the link.
    const bool abstract = n.format != gis::format::geodata;
    std::vector<double> cap =
        abstract ? in.links().capacity_t_per_year : link_capacities(net, in.links(), in.profile);
    std::vector<std::uint8_t> defaulted(cap.size(), 0);
    for (std::size_t l = 0; l < cap.size(); ++l) {
      defaulted[l] = std::isnan(in.links().capacity_t_per_year[l]) && !std::isnan(cap[l]);
    }
    const auto usable = usable_links(net, in.links(), filter);
    for (std::size_t l = 0; l < cap.size(); ++l) {
      if (usable[l] == 0) cap[l] = 0;
    }
    std::vector<node_id> sources, sinks;
    for (const auto p : from) {
      for (const node_id v : net.nodes_of(p)) sources.push_back(v);
    }
    for (const auto p : to) {
      for (const node_id v : net.nodes_of(p)) sinks.push_back(v);
    }
    const max_flow_result r = max_flow(net.graph, by_column(cap), sources, sinks);
    const char* unit = abstract ? "" : " t/yr";
    const auto link_name = [&](link_id l) {
      const auto rec = net.links.record[l.value()];
      const std::uint32_t pt = net.place_of(net.graph.tail(l)),
                          ph = net.place_of(net.graph.head(l));
      if (rec == no_index) return fmt::format("{} at {}", link_label(net, l), net.places.id[pt]);
      if (abstract)
        return fmt::format("{} {} -> {}", net.records.id[rec], net.places.id[pt],
                           net.places.id[ph]);
      return fmt::format("{} {} -> {} ({})", net.records.id[rec], net.places.id[pt],
                         net.places.id[ph], to_string(net.links.mode[l.value()]));
    };
    std::string out;
    if (a->format == "geojson") {
      if (r.status != flow_status::optimal) {
        throw input_error("flow: unbounded (no capacity on some path); nothing to map");
      }
      std::vector<std::uint8_t> in_cut(cap.size(), 0);
      for (const link_id l : r.min_cut) in_cut[l.value()] = 1;
      gis::write_link_flows(a->output, net, r.flow, cap, in_cut);
      return exit_code::ok;
    }
    if (a->format == "json") {
      report::json_writer j;
      j.begin_object().field("status", to_string(r.status));
      j.key("from").begin_array();
      for (const auto p : from) j.value(net.places.id[p]);
      j.end_array().key("to").begin_array();
      for (const auto p : to) j.value(net.places.id[p]);
      j.end_array();
      j.key("year");
      if (filter.year) {
        j.value(*filter.year);
      } else {
        j.null();
      }
      j.field("max_flow", r.value);
      j.field("unit", abstract ? "" : "t/yr");
      j.field("resolution", r.resolution);
      j.key("min_cut").begin_array();
      for (const link_id l : r.min_cut) {
        j.begin_object().field("link", link_label(net, l));
        j.field("from", net.places.id[net.place_of(net.graph.tail(l))]);
        j.field("to", net.places.id[net.place_of(net.graph.head(l))]);
        j.field("mode", to_string(net.links.mode[l.value()]));
        j.field("capacity", cap[l.value()]).field("flow", r.flow[l.value()]);
        j.field("capacity_is_default", defaulted[l.value()] != 0).end_object();
      }
      j.end_array().end_object();
      out = j.str();
    } else {
      out = fmt::format("Max flow {} -> {}{}\n", names(net, from), names(net, to),
                        filter.year ? fmt::format(", network as of {}", *filter.year)
                                    : std::string(abstract ? "" : ", operational network"));
      if (r.status == flow_status::unbounded) {
        out +=
            "unbounded: some path from the sources to the sinks has no capacity limit (links\n"
            "without capacity_t_per_year and no class default, such as sea lanes between ports\n"
            "without one, count as unlimited). Give capacities (a scenario's [[change]]\n"
            "capacity_t_per_year, or --set capacity.*) or exclude modes (--exclude-mode).\n";
      } else {
        out += fmt::format("max flow: {:.10g}{}\n", r.value, unit);
        out += fmt::format(
            "min cut: {} link{} (the bottlenecks; their capacities add up to the max "
            "flow)\n",
            r.min_cut.size(), r.min_cut.size() == 1 ? "" : "s");
        for (const link_id l : r.min_cut) {
          out += fmt::format("  {:<60} capacity {:>14.10g}{}{}\n", link_name(l), cap[l.value()],
                             unit, defaulted[l.value()] != 0 ? " (class default)" : "");
        }
      }
    }
    gis::write_text(a->output, out);
    return exit_code::ok;
  };
}

}  // namespace corridor::cli
