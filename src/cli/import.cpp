// corridor import LAYER... --mode MODE -o OUT.gpkg: a routable network from raw line layers, with
// a report of what was snapped, split, merged and joined.
#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/error.hpp"
#include "corridor/gis/import.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/report/json.hpp"
#include "corridor/report/map.hpp"

namespace corridor::cli {
namespace {

std::map<std::string, std::string> pairs_of(const std::vector<std::string>& items,
                                            const char* option) {
  std::map<std::string, std::string> out;
  for (const std::string& s : items) {
    const auto eq = s.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == s.size()) {
      throw input_error(std::string(option) + " '" + s + "': expected ATTRIBUTE=VALUE");
    }
    out[s.substr(0, eq)] = s.substr(eq + 1);
  }
  return out;
}

std::string report_json(const gis::import_report& r, const std::string& output) {
  report::json_writer j;
  j.begin_object().field("output", output);
  j.field("input_lines", static_cast<std::uint64_t>(r.input_lines));
  j.field("input_points", static_cast<std::uint64_t>(r.input_points));
  j.field("input_km", r.input_km);
  j.field("dropped_lines", static_cast<std::uint64_t>(r.dropped_lines));
  j.field("snapped_endpoints", static_cast<std::uint64_t>(r.snapped_endpoints));
  j.field("split_points", static_cast<std::uint64_t>(r.split_points));
  j.field("crossings_split", static_cast<std::uint64_t>(r.crossings_split));
  j.field("merged_nodes", static_cast<std::uint64_t>(r.merged_nodes));
  j.field("dropped_loops", static_cast<std::uint64_t>(r.dropped_loops));
  j.field("dropped_components", static_cast<std::uint64_t>(r.dropped_components));
  j.field("dropped_component_km", r.dropped_component_km);
  j.field("nodes", static_cast<std::uint64_t>(r.nodes));
  j.field("links", static_cast<std::uint64_t>(r.links));
  j.field("output_km", r.output_km);
  j.field("dangling_ends", static_cast<std::uint64_t>(r.dangling_ends));
  j.key("gaps_closed").begin_array();
  for (const auto& g : r.gaps_closed) {
    j.begin_object().field("from", g.from).field("to", g.to).field("km", g.km);
    j.field("name", g.name).end_object();
  }
  j.end_array();
  j.field("components_count", static_cast<std::uint64_t>(r.components.size()));
  j.key("components").begin_array();
  for (std::size_t i = 0; i < std::min<std::size_t>(20, r.components.size()); ++i) {
    const auto& c = r.components[i];
    j.begin_object().field("links", static_cast<std::uint64_t>(c.links)).field("km", c.km);
    j.key("bbox").begin_array().value(c.min_lon).value(c.min_lat).value(c.max_lon);
    j.value(c.max_lat).end_array();
    j.key("names").begin_array();
    for (const auto& n : c.names) j.value(n);
    j.end_array().end_object();
  }
  j.end_array();
  for (const auto* list : {&r.points_connected, &r.points_unconnected}) {
    j.key(list == &r.points_connected ? "points_connected" : "points_unconnected").begin_array();
    for (const auto& p : *list) {
      j.begin_object().field("point", p.point);
      if (!p.node.empty()) j.field("node", p.node);
      j.field("km", p.km).end_object();
    }
    j.end_array();
  }
  j.key("largest_open_gaps").begin_array();
  for (const auto& g : r.largest_open_gaps) {
    j.begin_object().field("from", g.from).field("to", g.to).field("km", g.km).end_object();
  }
  j.end_array().end_object();
  return j.str();
}

std::string report_table(const gis::import_report& r, const std::string& output) {
  std::string out = fmt::format(
      "Imported {} lines ({} points, {:.1f} km) into {}\n"
      "  {} nodes, {} links, {:.1f} km; {} dangling ends\n"
      "  snapped endpoints {}, split at shared vertices {}, at crossings {}, degree-2 nodes "
      "merged {}, "
      "dropped lines {}, dropped loops {}\n"
      "  dropped components {} ({:.1f} km)\n",
      r.input_lines, r.input_points, r.input_km, output, r.nodes, r.links, r.output_km,
      r.dangling_ends, r.snapped_endpoints, r.split_points, r.crossings_split, r.merged_nodes,
      r.dropped_lines, r.dropped_loops, r.dropped_components, r.dropped_component_km);
  if (!r.gaps_closed.empty()) {
    double km = 0;
    for (const auto& g : r.gaps_closed) km += g.km;
    out += fmt::format("Gaps closed (inferred links): {}, {:.1f} km\n", r.gaps_closed.size(), km);
    for (const auto& g : r.gaps_closed) {
      out += fmt::format("  {} - {}  {:.2f} km  {}\n", g.from, g.to, g.km, g.name);
    }
  }
  out += fmt::format("Components: {} (largest first)\n", r.components.size());
  for (std::size_t i = 0; i < std::min<std::size_t>(10, r.components.size()); ++i) {
    const auto& c = r.components[i];
    std::string names;
    for (const auto& n : c.names) names += (names.empty() ? "" : "; ") + n;
    out += fmt::format("  {:>3}  {:>6} links  {:>9.1f} km  [{:.3f}, {:.3f}, {:.3f}, {:.3f}]  {}\n",
                       i + 1, c.links, c.km, c.min_lon, c.min_lat, c.max_lon, c.max_lat, names);
  }
  if (!r.points_connected.empty() || !r.points_unconnected.empty()) {
    out +=
        fmt::format("Points: {} connected, {} not (nearest node farther than the snap distance)\n",
                    r.points_connected.size(), r.points_unconnected.size());
    for (const auto& p : r.points_connected) {
      out += fmt::format("  {} -> {}  {:.2f} km\n", p.point, p.node, p.km);
    }
    for (const auto& p : r.points_unconnected) {
      out += fmt::format("  {} not connected: nearest node {:.1f} km away\n", p.point, p.km);
    }
  }
  if (!r.largest_open_gaps.empty()) {
    out += "Shortest gaps still open between the largest components:\n";
    for (const auto& g : r.largest_open_gaps) {
      out += fmt::format("  {} - {}  {:.2f} km\n", g.from, g.to, g.km);
    }
  }
  return out;
}

struct args {
  std::vector<std::string> layers;
  std::string mode = "rail";
  std::vector<std::string> maps, defaults;
  double snap_m = 5;
  double close_gaps_km = 0;
  double min_component_km = 0;
  bool split_crossings = false;
  std::string id_prefix;
  std::string points, points_where, points_kind = "seaport";
  std::string merge;
  double points_snap_km = 50;
  std::string output;
  std::string report;
  std::string report_map, countries;
  std::string format = "table";
};

/// Every layer's lines; "MODE:FILE" gives a layer its own mode.
std::vector<gis::import_line> read_all_lines(const args& a) {
  const gis::line_fields fields{pairs_of(a.maps, "--map"), pairs_of(a.defaults, "--default")};
  std::vector<gis::import_line> lines;
  for (const std::string& layer : a.layers) {
    mode m = *parse_mode(a.mode);
    std::string path = layer;
    if (const auto colon = layer.find(':'); colon != std::string::npos) {
      if (const auto own = parse_mode(layer.substr(0, colon)); own && *own != mode::transfer) {
        m = *own;
        path = layer.substr(colon + 1);
      }
    }
    std::vector<gis::import_line> more = gis::read_lines({path}, m, fields);
    lines.insert(lines.end(), std::make_move_iterator(more.begin()),
                 std::make_move_iterator(more.end()));
  }
  return lines;
}

/// The nodes layer of a network in corridor's schema (a folder's nodes.*, or the file itself).
std::filesystem::path nodes_layer(const std::filesystem::path& network) {
  if (!std::filesystem::is_directory(network)) return network;
  for (const char* ext : {".geojson", ".gpkg", ".shp", ".fgb"}) {
    const std::filesystem::path p = network / (std::string("nodes") + ext);
    if (std::filesystem::exists(p)) return p;
  }
  return network;
}

/// The points to connect: --points, or (--merge) the merged network's places, whose records go
/// to `merged`.
std::vector<gis::import_point> points_of(const args& a, gis::network_records& merged) {
  const auto kind = parse_node_kind(a.points_kind);
  if (!kind) throw input_error("--points-kind '" + a.points_kind + "': unknown node kind");
  if (a.merge.empty()) {
    return a.points.empty() ? std::vector<gis::import_point>{}
                            : gis::read_points(a.points, a.points_where, *kind);
  }
  if (!a.points.empty()) throw input_error("give --points or --merge, not both");
  merged = gis::read_network_records(a.merge);
  std::vector<gis::import_point> points =
      gis::read_points(nodes_layer(a.merge), a.points_where, *kind);
  for (gis::import_point& p : points) p.existing = true;
  return points;
}

gis::import_options import_options_of(const args& a) {
  gis::import_options opt;
  opt.points_snap_km = a.points_snap_km;
  opt.snap_m = a.snap_m;
  opt.close_gaps_km = a.close_gaps_km;
  opt.min_component_km = a.min_component_km;
  opt.split_crossings = a.split_crossings;
  opt.id_prefix = a.id_prefix.empty() && !a.merge.empty() ? "imported_" : a.id_prefix;
  return opt;
}

/// The map's highlighted "routes" (a leg per link): the inferred links, then the five largest
/// components (km), each in its own colour, so the fragments and the joins show at a glance.
struct component_layers {
  std::vector<route> drawn;
  std::vector<std::string> labels;
};

component_layers components_to_draw(const built_network& net) {
  std::vector<std::uint32_t> parent(net.graph.node_count());
  std::iota(parent.begin(), parent.end(), 0U);
  const auto find = [&](std::uint32_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  };
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const std::uint32_t x = find(net.graph.tail(link_id{l}).value());
    const std::uint32_t y = find(net.graph.head(link_id{l}).value());
    if (x != y) parent[std::max(x, y)] = std::min(x, y);
  }
  std::map<std::uint32_t, double> km;
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    if (net.links.reversed[l] == 0)
      km[find(net.graph.tail(link_id{l}).value())] += net.links.length_km[l];
  }
  std::vector<std::pair<double, std::uint32_t>> largest;
  for (const auto& [root, k] : km) largest.emplace_back(-k, root);
  std::sort(largest.begin(), largest.end());
  if (largest.size() > 5) largest.resize(5);
  component_layers out;
  out.drawn.resize(1 + largest.size());
  for (route& rt : out.drawn) rt.status = route_status::ok;
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    if (net.links.reversed[l] != 0) continue;
    leg g;
    g.mode = net.links.mode[l];
    g.links.push_back(link_id{l});
    const std::uint32_t rec = net.links.record[l];
    if (rec != no_index && net.records.confidence[rec] == "inferred") {
      out.drawn[0].legs.push_back(g);
      continue;
    }
    const std::uint32_t root = find(net.graph.tail(link_id{l}).value());
    for (std::size_t k = 0; k < largest.size(); ++k) {
      if (largest[k].second == root) out.drawn[k + 1].legs.push_back(g);
    }
  }
  out.labels.emplace_back("inferred links (gaps closed, connectors)");
  for (std::size_t k = 0; k < largest.size(); ++k) {
    out.labels.push_back(fmt::format("component {} ({:.0f} km)", k + 1, -largest[k].first));
  }
  return out;
}

void draw_report_map(const args& a, const built_network& net) {
  const component_layers c = components_to_draw(net);
  std::vector<report::map_route> layers;
  for (std::size_t k = 0; k < c.drawn.size(); ++k) layers.push_back({c.labels[k], &c.drawn[k]});
  report::map_options mo;
  mo.title = "corridor import: " + a.output;
  mo.countries = a.countries;
  report::render_map(a.report_map, net, layers, mo);
}

int run(const args& a) {
  std::vector<gis::import_line> lines = read_all_lines(a);
  gis::network_records merged;
  const std::vector<gis::import_point> points = points_of(a, merged);
  gis::imported_network r = gis::build_topology(std::move(lines), import_options_of(a), points);
  if (r.records.links.empty()) throw input_error("import: no links left to write");
  if (!a.merge.empty()) {
    r.records.places.insert(r.records.places.begin(), merged.places.begin(), merged.places.end());
    r.records.links.insert(r.records.links.begin(), merged.links.begin(), merged.links.end());
  }
  const gis::loaded_network n = gis::build_network(std::move(r.records));
  gis::write_network(a.output, n.net);
  if (!a.report.empty()) gis::write_text(a.report, report_json(r.report, a.output));
  if (!a.report_map.empty()) draw_report_map(a, n.net);
  gis::write_text(
      "-", a.format == "json" ? report_json(r.report, a.output) : report_table(r.report, a.output));
  return exit_code::ok;
}

}  // namespace

command add_import(CLI::App& app) {
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand(
      "import", "A routable network from raw line layers (snapped, split, merged, gaps closed)");
  sub->add_option("LAYER", a->layers,
                  "Line layers (GeoJSON, GPKG, Shapefile, .geojson.xz); MODE:FILE gives a layer "
                  "its own mode")
      ->required();
  sub->add_option("--mode", a->mode, "Mode of the layers without their own")
      ->check(CLI::IsMember({"rail", "road", "sea", "inland_waterway"}))
      ->capture_default_str();
  sub->add_option("--map", a->maps,
                  "ATTRIBUTE=FIELD: read name, gauge_mm, speed_kmh, status, corridor or "
                  "electrified from FIELD (repeatable; default fields: name:en or name, gauge, "
                  "maxspeed, status, corridor or pass, electrified)");
  sub->add_option("--default", a->defaults,
                  "ATTRIBUTE=VALUE where the field is missing or empty (e.g. gauge_mm=1000; rail "
                  "defaults to 1435)");
  sub->add_option("--snap-m", a->snap_m, "Join endpoints within this many metres of a vertex")
      ->check(CLI::Range(0.0, 10000.0))
      ->capture_default_str();
  sub->add_option("--close-gaps-km", a->close_gaps_km,
                  "Join dangling ends of different components within this many km (inferred "
                  "links); 0: off")
      ->check(CLI::Range(0.0, 1000.0))
      ->capture_default_str();
  sub->add_flag("--split-crossings", a->split_crossings,
                "Also split lines where they cross without a shared vertex (not where a line is on "
                "a bridge, in a tunnel or on another layer)");
  sub->add_option("--min-component-km", a->min_component_km,
                  "Drop components shorter than this many km (after gap closing); 0: keep all")
      ->check(CLI::Range(0.0, 1e6))
      ->capture_default_str();
  sub->add_option("--id-prefix", a->id_prefix, "Prefix of the generated node and link ids");
  sub->add_option("--points", a->points,
                  "Points of interest (ports, stations, ...) to connect to the network: any OGR "
                  "point layer (fields id, name, kind when present)");
  sub->add_option("--points-where", a->points_where,
                  "OGR SQL filter on the points, e.g. \"kind = 'seaport'\"");
  sub->add_option("--points-kind", a->points_kind, "Node kind of points without a kind field")
      ->capture_default_str();
  sub->add_option(
      "--merge", a->merge,
      "A network in corridor's schema (e.g. geodata/china-asean) to merge in: its places "
      "(those --points-where selects) are joined to the imported lines like --points, "
      "its links kept");
  sub->add_option("--points-snap-km", a->points_snap_km,
                  "Connect a point to the nearest node within this many km")
      ->check(CLI::Range(0.0, 5000.0))
      ->capture_default_str();
  sub->add_option("-o,--output", a->output,
                  "The network to write: OUT.gpkg (layers nodes and links), or a folder")
      ->required();
  sub->add_option("--report", a->report, "Also write the diagnostics as JSON to FILE");
  sub->add_option("--report-map", a->report_map,
                  "Also draw the network to FILE.png or FILE.svg, the inferred links (gaps "
                  "closed, connectors) highlighted");
  sub->add_option("--countries", a->countries, "Country outlines for --report-map");
  sub->add_option("--format", a->format, "Diagnostics on standard output: table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    return run(*a);
  };
}

}  // namespace corridor::cli
