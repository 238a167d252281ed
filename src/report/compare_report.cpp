#include "corridor/report/compare_report.hpp"

#include <fmt/format.h>

#include "corridor/report/json.hpp"

namespace corridor::report {
namespace {

std::string place_name(const built_network& net, std::uint32_t p) {
  const std::string& name = net.places.name[p];
  const auto paren = name.find(" (");
  return name.empty() ? net.places.id[p]
                      : (paren == std::string::npos ? name : name.substr(0, paren));
}

std::string join(const std::vector<std::string>& v, const char* sep) {
  std::string out;
  for (const std::string& s : v) out += (out.empty() ? "" : sep) + s;
  return out;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (const char ch : s) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

}  // namespace

std::string comparison_table(const gis::loaded_network& n, const comparison& c) {
  const built_network& net = n.net;
  const best_options b = find_best(c);
  std::string out;
  if (!c.scenario.empty()) out += c.scenario + ": ";
  if (!c.label.empty()) out += c.label + "\n";
  out += fmt::format("Compare {} -> {}, each option by {}", place_name(net, c.from),
                     place_name(net, c.to), to_string(c.by));
  out += c.query.full_build_out ? std::string(", full build-out (every planned link open)")
         : c.query.year         ? fmt::format(", network as of {}", *c.query.year)
                                : std::string(", operational network");
  if (!c.query.filters.empty()) out += ", " + c.query.filters;
  out += "\n";
  // By generalized cost, its value (money + value of time x hours + carbon price x CO2, USD/t)
  // gets a column of its own: the other columns do not show what the choice was made on.
  const bool gen = c.by == criterion::generalized;
  out += fmt::format("{:<24} {:>8} {:>8} {:>6} {:>8} {:>8} {}{:>4} {:>4}  {}\n", "option", "km",
                     "h", "days", "USD/t", "kgCO2/t", gen ? "gen USD/t " : "", "bord", "gaug",
                     "corridors used");
  const auto mark = [](int best, std::size_t i) { return best == static_cast<int>(i) ? "*" : " "; };
  for (std::size_t i = 0; i < c.options.size(); ++i) {
    const option_result& o = c.options[i];
    if (o.best.status != route_status::ok) {
      out += fmt::format("{:<24} no route{}\n", o.label, o.reason.empty() ? "" : ": " + o.reason);
      continue;
    }
    const route_totals& t = o.best.totals;
    out += fmt::format(
        "{:<24} {:>7.0f}{} {:>7.1f}{} {:>6.1f} {:>7.2f}{} {:>7.1f}{} {}{:>4} {:>4}  {}\n", o.label,
        t.distance_km, mark(b.distance, i), t.time_h, mark(b.time, i), t.time_h / 24,
        t.cost_usd_per_t, mark(b.cost, i), t.co2_kg_per_t, mark(b.co2, i),
        gen ? fmt::format("{:>9.2f} ", t.weight) : std::string(), t.border_crossings,
        t.gauge_breaks, o.corridors.empty() ? std::string("-") : join(o.corridors, "; "));
  }
  out += "* best option for that quantity\n";
  return out;
}

std::string comparison_json(const gis::loaded_network& n, const comparison& c) {
  const built_network& net = n.net;
  const best_options b = find_best(c);
  json_writer j;
  j.begin_object();
  j.field("scenario", c.scenario);
  j.field("label", c.label);
  j.key("from").begin_object().field("id", net.places.id[c.from]);
  j.field("name", net.places.name[c.from]).end_object();
  j.key("to").begin_object().field("id", net.places.id[c.to]);
  j.field("name", net.places.name[c.to]).end_object();
  j.field("criterion", to_string(c.by));
  j.key("year");
  if (c.query.year) {
    j.value(*c.query.year);
  } else {
    j.null();
  }
  const auto label = [&](int i) {
    return i < 0 ? std::string() : c.options[static_cast<std::size_t>(i)].label;
  };
  j.key("best").begin_object();
  j.field("time", label(b.time)).field("cost", label(b.cost)).field("co2", label(b.co2));
  j.field("distance", label(b.distance)).end_object();
  j.key("options").begin_array();
  for (const option_result& o : c.options) {
    j.begin_object().field("option", o.label);
    // The route object, embedded as it is printed by `corridor route --format json`.
    j.key("route");
    route_query q = c.query;
    q.no_path_reason = o.reason;  // the route's JSON then says why there is none
    j.raw(route_json(n, o.best, q));
    j.key("corridors").begin_array();
    for (const std::string& name : o.corridors) j.value(name);
    j.end_array().end_object();
  }
  j.end_array();
  j.end_object();
  return j.str();
}

std::string comparison_csv(const gis::loaded_network& n, const comparison& c, bool header) {
  const built_network& net = n.net;
  const best_options b = find_best(c);
  std::string out =
      header ? "scenario,from,to,criterion,year,option,status,distance_km,time_h,cost_usd_per_t,"
               "co2_kg_per_t,border_crossings,gauge_breaks,transfers,best_for,corridors,reason\n"
             : "";
  for (std::size_t i = 0; i < c.options.size(); ++i) {
    const option_result& o = c.options[i];
    const route_totals& t = o.best.totals;
    std::vector<std::string> best_for;
    if (b.time == static_cast<int>(i)) best_for.emplace_back("time");
    if (b.cost == static_cast<int>(i)) best_for.emplace_back("cost");
    if (b.co2 == static_cast<int>(i)) best_for.emplace_back("co2");
    if (b.distance == static_cast<int>(i)) best_for.emplace_back("distance");
    const bool ok = o.best.status == route_status::ok;
    const auto num = [&](double v) { return ok ? fmt::format("{:.10g}", v) : std::string(); };
    out += fmt::format(
        "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(c.scenario),
        net.places.id[c.from], net.places.id[c.to], to_string(c.by),
        c.query.year ? std::to_string(*c.query.year) : std::string(), csv_field(o.label),
        to_string(o.best.status), num(t.distance_km), num(t.time_h), num(t.cost_usd_per_t),
        num(t.co2_kg_per_t), ok ? std::to_string(t.border_crossings) : "",
        ok ? std::to_string(t.gauge_breaks) : "", ok ? std::to_string(t.transfers) : "",
        join(best_for, ";"), csv_field(join(o.corridors, ";")), csv_field(o.reason));
  }
  return out;
}

}  // namespace corridor::report
