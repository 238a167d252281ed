// corridor compare NETWORK --from A --to B [--options LIST] [--by ...]: options side by side.
#include <memory>
#include <optional>

#include "commands.hpp"
#include "common.hpp"
#include "compare_report.hpp"
#include "corridor/gis/write.hpp"

namespace corridor::cli {

command add_compare(CLI::App& app) {
  struct args {
    network_args network;
    std::string from, to;
    std::string options = "road,rail,rail+road,rail+sea,multimodal";
    std::string by = "time";
    std::optional<int> year;
    bool passenger_lines = false;
    double max_access_km = 300;
    std::vector<std::string> settings;
    std::string format = "table";
    std::string output = "-";
  };
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand(
      "compare", "Compare corridor options (mode sets, via places) between two places");
  a->network.add_to(*sub);
  sub->add_option("--from", a->from, "Origin: node id or name")->required();
  sub->add_option("--to", a->to, "Destination: node id or name")->required();
  sub->add_option("--options", a->options,
                  "Comma-separated options: multimodal | MODE[+MODE...] (only these modes, each "
                  "used) | via:PLACE, optionally followed by /via:PLACE, e.g. "
                  "rail,road+sea,rail+sea/via:qinzhou_port")
      ->capture_default_str();
  sub->add_option("--by", a->by,
                  "What each option minimises (time, distance, cost, co2, "
                  "generalized)")
      ->check(CLI::IsMember({"time", "distance", "cost", "co2", "generalized"}))
      ->capture_default_str();
  sub->add_option("--year", a->year, "The network as of this year")->check(CLI::Range(1800, 2200));
  sub->add_flag("--passenger-lines", a->passenger_lines,
                "Also route freight over passenger-only lines (freight=false, e.g. HSR)");
  sub->add_option("--max-access-km", a->max_access_km,
                  "Longest access link (first/last mile by road, or rail to a port for water "
                  "options); at most 2 such links at each end")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("--set", a->settings, "Override a cost parameter, NAME=VALUE (repeatable)");
  sub->add_option("--format", a->format, "table, json, csv or geojson")
      ->check(CLI::IsMember({"table", "json", "csv", "geojson"}))
      ->capture_default_str();
  sub->add_option("-o,--output", a->output,
                  "Write to FILE (.geojson or .gpkg for --format geojson) instead of stdout");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    const gis::loaded_network n = a->network.load();
    if (n.format != gis::format::geodata) {
      throw input_error("compare: " + n.path.string() +
                        " is an abstract graph without modes; use corridor route --by weight");
    }
    cost_profile profile = cost_profile::defaults();
    apply_settings(profile, a->settings);
    link_filter base;
    base.year = a->year;
    base.passenger_lines = a->passenger_lines;
    report::comparison c;
    c.from = resolve_place(n, a->from, "--from");
    c.to = resolve_place(n, a->to, "--to");
    c.by = *parse_criterion(a->by);
    c.query.year = a->year;
    if (a->passenger_lines) c.query.filters = "passenger-only lines allowed";
    const link_costs costs = compute_link_costs(n.net, profile);
    for (option_spec& o : parse_options(n, a->options, base)) {
      o.constraints.max_access_km = a->max_access_km;
      route r = find_constrained_route(n.net, costs, c.by, o.filter, c.from, c.to, o.constraints);
      std::vector<std::string> names;
      for (const auto k : corridors_used(n.net, r)) names.push_back(n.net.corridors[k]);
      c.options.push_back({std::move(o.label), std::move(r), std::move(names)});
    }
    bool any = false;
    for (const auto& o : c.options) any = any || o.best.status == route_status::ok;
    if (a->format == "geojson") {
      std::vector<gis::labelled_route> routes;
      for (const auto& o : c.options) routes.push_back({o.label, &o.best});
      gis::write_routes(a->output, n.net, routes);
    } else {
      gis::write_text(a->output, a->format == "json"  ? report::comparison_json(n, c)
                                 : a->format == "csv" ? report::comparison_csv(n, c)
                                                      : report::comparison_table(n, c));
    }
    return any ? exit_code::ok : exit_code::no_result;
  };
}

}  // namespace corridor::cli
