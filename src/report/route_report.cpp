#include "corridor/report/route_report.hpp"

#include <fmt/format.h>

#include "corridor/report/json.hpp"

namespace corridor::report {
namespace {

bool physical(const gis::loaded_network& n) { return n.is_corridor_network(); }

/// The name without its parenthesised detail ("Mohan (CN) railway/road port" -> "Mohan").
std::string place_label(const built_network& net, std::uint32_t p) {
  const std::string& name = net.places.name[p];
  if (name.empty()) return net.places.id[p];
  const auto paren = name.find(" (");
  return paren == std::string::npos || paren == 0 ? name : name.substr(0, paren);
}

std::string leg_kind(const leg& g) {
  return g.stop == stop_kind::none ? "travel" : std::string(to_string(g.stop));
}

std::string leg_what(const built_network& net, const leg& g) {
  if (g.stop == stop_kind::none) return fmt::format("{} {}", to_string(g.mode), g.line);
  if (g.stop == stop_kind::border) {
    return fmt::format("border {} -> {}", net.places.country[g.from_place],
                       net.places.country[g.to_place]);
  }
  if (g.stop == stop_kind::gauge_break) {
    const auto l = g.links.front().value();
    const auto t = net.nodes.layer[net.graph.tail(link_id{l}).value()].gauge_mm;
    const auto h = net.nodes.layer[net.graph.head(link_id{l}).value()].gauge_mm;
    return fmt::format("gauge break {} -> {} mm", t, h);
  }
  return fmt::format("{} transfer", to_string(g.stop));
}

std::string truncate(std::string s, std::size_t n) {
  if (s.size() > n) s = s.substr(0, n - 1) + "~";
  return s;
}

}  // namespace

std::string route_table(const gis::loaded_network& n, const route& r, const route_query& q) {
  const built_network& net = n.net;
  std::string out = fmt::format("Route {} -> {} by {}", place_label(net, r.from_place),
                                place_label(net, r.to_place), to_string(r.by));
  out += q.full_build_out ? std::string(", full build-out (every planned link open)")
         : q.year         ? fmt::format(", network as of {}", *q.year)
                          : std::string(", operational network");
  if (!q.filters.empty()) out += ", " + q.filters;
  out += "\n";
  if (r.status != route_status::ok) {
    return out + (q.no_path_reason.empty() ? "No path.\n" : "No path: " + q.no_path_reason + ".\n");
  }
  if (!physical(n)) {
    out += fmt::format("{:>3}  {:<12} {:<12} {:>14}\n", "#", "from", "to", "weight");
    int i = 0;
    for (const leg& g : r.legs) {
      out += fmt::format("{:>3}  {:<12} {:<12} {:>14.6g}\n", ++i, net.places.id[g.from_place],
                         net.places.id[g.to_place], g.weight);
    }
    return out + fmt::format("Total weight: {:.10g} over {} links\n", r.totals.weight, [&] {
             std::size_t k = 0;
             for (const leg& g : r.legs) k += g.links.size();
             return k;
           }());
  }
  out += fmt::format("{:>3}  {:<44} {:<36} {:>8} {:>7} {:>8} {:>8}\n", "#", "leg", "from -> to",
                     "km", "h", "USD/t", "kgCO2/t");
  int i = 0;
  for (const leg& g : r.legs) {
    const std::string where = g.from_place == g.to_place ? place_label(net, g.from_place)
                                                         : place_label(net, g.from_place) + " -> " +
                                                               place_label(net, g.to_place);
    out += fmt::format("{:>3}  {:<44} {:<36} {:>8.1f} {:>7.1f} {:>8.2f} {:>8.1f}\n", ++i,
                       truncate(leg_what(net, g), 44), truncate(where, 36), g.distance_km, g.time_h,
                       g.cost_usd_per_t, g.co2_kg_per_t);
  }
  const route_totals& t = r.totals;
  out += fmt::format("{:>3}  {:<44} {:<36} {:>8.1f} {:>7.1f} {:>8.2f} {:>8.1f}\n", "", "total", "",
                     t.distance_km, t.time_h, t.cost_usd_per_t, t.co2_kg_per_t);
  out += fmt::format(
      "{:.1f} days; {} border crossing{}, {} gauge break{}, {} transfer{}; {} = {:.4g} {}\n",
      t.time_h / 24, t.border_crossings, t.border_crossings == 1 ? "" : "s", t.gauge_breaks,
      t.gauge_breaks == 1 ? "" : "s", t.transfers, t.transfers == 1 ? "" : "s", to_string(r.by),
      t.weight, unit_of(r.by));
  return out;
}

std::string route_json(const gis::loaded_network& n, const route& r, const route_query& q) {
  const built_network& net = n.net;
  const bool phys = physical(n);
  const auto maybe = [&](double v) { return phys ? v : std::nan(""); };
  json_writer j;
  j.begin_object();
  j.field("status", to_string(r.status));
  if (r.status != route_status::ok && !q.no_path_reason.empty()) {
    j.field("reason", q.no_path_reason);
  }
  j.field("criterion", to_string(r.by));
  j.key("from").begin_object().field("id", net.places.id[r.from_place]);
  j.field("name", net.places.name[r.from_place]).end_object();
  j.key("to").begin_object().field("id", net.places.id[r.to_place]);
  j.field("name", net.places.name[r.to_place]).end_object();
  j.key("year");
  if (q.year) {
    j.value(*q.year);
  } else {
    j.null();
  }
  if (r.status == route_status::ok) {
    const route_totals& t = r.totals;
    j.key("totals").begin_object();
    j.field("distance_km", maybe(t.distance_km));
    j.field("time_h", maybe(t.time_h));
    j.field("cost_usd_per_t", maybe(t.cost_usd_per_t));
    j.field("co2_kg_per_t", maybe(t.co2_kg_per_t));
    j.field("weight", t.weight);
    j.field("border_crossings", t.border_crossings);
    j.field("gauge_breaks", t.gauge_breaks);
    j.field("transfers", t.transfers);
    j.end_object();
    j.key("legs").begin_array();
    for (const leg& g : r.legs) {
      j.begin_object();
      j.field("kind", leg_kind(g));
      j.field("mode", to_string(g.mode));
      j.field("line", g.line);
      j.field("from", net.places.id[g.from_place]);
      j.field("to", net.places.id[g.to_place]);
      j.field("distance_km", maybe(g.distance_km));
      j.field("time_h", maybe(g.time_h));
      j.field("cost_usd_per_t", maybe(g.cost_usd_per_t));
      j.field("co2_kg_per_t", maybe(g.co2_kg_per_t));
      j.field("weight", g.weight);
      j.field("border_crossings", g.border_crossings);
      j.field("gauge_breaks", g.gauge_breaks);
      j.key("links").begin_array();
      for (const link_id id : g.links) {
        const auto rec = net.links.record[id.value()];
        if (rec != no_index) j.value(net.records.id[rec]);
      }
      j.end_array();
      j.end_object();
    }
    j.end_array();
  }
  j.end_object();
  return j.str();
}

}  // namespace corridor::report
