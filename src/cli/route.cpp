// corridor route NETWORK --from A --to B [--by ...] [--year Y] [--exclude-mode M] ...
#include <memory>
#include <optional>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/error.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/path/no_path.hpp"
#include "corridor/path/route.hpp"
#include "corridor/report/route_report.hpp"

namespace corridor::cli {

command add_route(CLI::App& app) {
  struct args {
    network_args network;
    std::string from, to;
    std::string by;
    std::optional<int> year;
    std::vector<std::string> exclude_modes, exclude_links, exclude_nodes, settings;
    std::string profile_file;
    bool passenger_lines = false;
    std::string format = "table";
    std::string output = "-";
  };
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand("route", "The best route between two places");
  a->network.add_to(*sub, true);
  sub->add_option("--from", a->from, "Origin: node id or name")->required();
  sub->add_option("--to", a->to, "Destination: node id or name")->required();
  sub->add_option("--by", a->by,
                  "What to minimise: time (h), distance (km), cost (USD/t), co2 (kg/t), "
                  "generalized (USD/t incl. value of time and carbon price), weight (the file's "
                  "arc weights). Default: time, or weight for DIMACS/TNTP")
      ->check(CLI::IsMember({"time", "distance", "cost", "co2", "generalized", "weight"}));
  sub->add_option("--year", a->year,
                  "The network as of this year: links open by then (operational ones opened "
                  "by then, under construction or planned ones due by then)")
      ->check(CLI::Range(1800, 2200));
  sub->add_option("--exclude-mode", a->exclude_modes, "Do not use this mode (repeatable)")
      ->check(CLI::IsMember({"rail", "road", "sea", "inland_waterway"}));
  sub->add_flag("--passenger-lines", a->passenger_lines,
                "Also route freight over passenger-only lines (freight=false, e.g. HSR)");
  sub->add_option("--exclude-link", a->exclude_links, "Do not use this link id (repeatable)");
  sub->add_option("--exclude-node", a->exclude_nodes, "Do not pass this node (repeatable)");
  add_settings_options(*sub, a->profile_file, a->settings);
  sub->add_option("--format", a->format, "table, json or geojson")
      ->check(CLI::IsMember({"table", "json", "geojson"}))
      ->capture_default_str();
  sub->add_option("-o,--output", a->output,
                  "Write to FILE (.geojson or .gpkg for --format geojson) instead of stdout");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    analysis_input in = load_input(a->network);
    const gis::loaded_network& n = in.loaded();
    const built_network& net = n.net;
    const bool physical = n.is_corridor_network();
    const criterion by = *parse_criterion(a->by.empty() ? (physical ? "time" : "weight") : a->by);
    if (by == criterion::weight && physical) {
      throw input_error("--by weight: " + n.path.string() +
                        " has no arc weights; use time, distance, cost, co2 or generalized");
    }
    if (by != criterion::weight && !physical) {
      throw input_error("--by " + std::string(to_string(by)) + ": " + n.path.string() +
                        " is an abstract graph without physical units; use --by weight");
    }
    cost_profile& profile = in.profile;
    apply_settings(n.net, profile, a->profile_file, a->settings);
    link_filter& filter = in.filter;
    if (a->year) filter.year = a->year;
    if (a->passenger_lines) filter.passenger_lines = true;
    report::route_query q;
    q.year = filter.year;
    q.full_build_out = filter.full_build_out;
    std::string excluded;
    for (const std::string& m : a->exclude_modes) {
      filter.exclude_mode(*parse_mode(m));
      excluded += (excluded.empty() ? "excluding " : ", ") + m;
    }
    for (const std::string& id : a->exclude_nodes) {
      filter.excluded_places.push_back(place_arg(n, id, "--exclude-node"));
      excluded += (excluded.empty() ? "excluding " : ", ") + id;
    }
    for (const std::string& id : a->exclude_links) {
      std::uint32_t r = no_index;
      for (std::uint32_t i = 0; i < net.records.size(); ++i) {
        if (net.records.id[i] == id) r = i;
      }
      if (r == no_index) {
        throw lookup_error("--exclude-link '" + id + "': no link with this id in " +
                           n.path.string());
      }
      filter.excluded_records.push_back(r);
      excluded += (excluded.empty() ? "excluding " : ", ") + id;
    }
    q.filters = excluded;
    if (filter.passenger_lines) {
      q.filters += (q.filters.empty() ? "" : ", ") + std::string("passenger-only lines allowed");
    }
    const snap_filter snap{in.links(), filter};
    const std::uint32_t from = place_arg(n, a->from, "--from", &snap);
    const std::uint32_t to = place_arg(n, a->to, "--to", &snap);
    const link_costs costs = compute_link_costs(net, in.links(), profile);
    const route r = find_route(net, in.links(), costs, by, filter, from, to);
    if (r.status != route_status::ok)
      q.no_path_reason = explain_no_path(net, in.links(), filter, from, to);
    if (a->format == "geojson") {
      if (r.status == route_status::ok) gis::write_route(a->output, net, r);
    } else {
      gis::write_text(a->output, a->format == "json" ? report::route_json(n, r, q)
                                                     : report::route_table(n, r, q));
    }
    if (r.status != route_status::ok) {
      if (a->format == "geojson") {
        std::fprintf(stderr, "corridor: no path from %s to %s: %s\n", a->from.c_str(),
                     a->to.c_str(), q.no_path_reason.c_str());
      }
      return exit_code::no_result;
    }
    return exit_code::ok;
  };
}

}  // namespace corridor::cli
