// corridor scenario run FILE [--base FILE] [--report DIR]: a scenario's questions answered on the
// scenario and on its base, side by side, as differences.
#include <cmath>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "compare_report.hpp"
#include "corridor/assign/places.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/gis/write.hpp"
#include "demand.hpp"
#include "json.hpp"
#include "map.hpp"
#include "questions.hpp"

namespace corridor::cli {
namespace {

namespace fs = std::filesystem;

/// One option of one question, on the base and on the scenario.
struct option_diff {
  std::string label;
  const route* base = nullptr;
  const route* scenario = nullptr;
  bool changed = false;                      ///< the legs differ (places, modes, lines)
  std::string base_reason, scenario_reason;  ///< why there is no route, where there is none
};

struct question_diff {
  std::string title;
  report::comparison base, scenario;
  std::vector<option_diff> options;
};

/// A link's volume on the base and on the scenario (all-or-nothing under a demand).
struct volume_row {
  std::string link, from, to, mode;
  double base = 0, scenario = 0;
};

/// Volumes per link of both networks, matched by link id (or transfer kind), ends and mode,
/// largest change first; links with no volume on either are left out.
std::vector<volume_row> volume_rows(const built_network& bn, const std::vector<double>& bv,
                                    const built_network& sn, const std::vector<double>& sv) {
  std::map<std::string, std::size_t> index;
  std::vector<volume_row> rows;
  const auto add = [&](const built_network& net, const std::vector<double>& v, bool scenario) {
    for (std::uint32_t l = 0; l < v.size(); ++l) {
      if (!(v[l] > 0)) continue;
      const link_id id{l};
      volume_row r{link_label(net, l), net.places.id[net.place_of(net.graph.tail(id))],
                   net.places.id[net.place_of(net.graph.head(id))],
                   std::string(to_string(net.links.mode[l]))};
      const std::string key = r.link + "|" + r.from + "|" + r.to + "|" + r.mode;
      const auto [it, added] = index.try_emplace(key, rows.size());
      if (added) rows.push_back(r);
      (scenario ? rows[it->second].scenario : rows[it->second].base) += v[l];
    }
  };
  add(bn, bv, false);
  add(sn, sv, true);
  std::stable_sort(rows.begin(), rows.end(), [](const volume_row& a, const volume_row& b) {
    return std::abs(a.scenario - a.base) > std::abs(b.scenario - b.base);
  });
  return rows;
}

/// The links of the scenario's network that carry volume on either side, with base_t,
/// scenario_t and delta_t (base volumes matched by link id or transfer kind, ends and mode).
void write_volume_layer(const fs::path& target, const built_network& bn,
                        const std::vector<double>& bv, const built_network& sn,
                        const std::vector<double>& sv) {
  const auto key = [](const built_network& net, std::uint32_t l) {
    const link_id id{l};
    return link_label(net, l) + "|" + net.places.id[net.place_of(net.graph.tail(id))] + "|" +
           net.places.id[net.place_of(net.graph.head(id))] + "|" +
           std::string(to_string(net.links.mode[l]));
  };
  std::map<std::string, double> base;
  for (std::uint32_t l = 0; l < bv.size(); ++l) {
    if (bv[l] > 0) base[key(bn, l)] += bv[l];
  }
  std::vector<std::uint32_t> links;
  std::vector<double> b, s, d;
  for (std::uint32_t l = 0; l < sv.size(); ++l) {
    const auto it = base.find(key(sn, l));
    const double before = it == base.end() ? 0.0 : it->second;
    if (!(before > 0) && !(sv[l] > 0)) continue;
    links.push_back(l);
    b.push_back(before);
    s.push_back(sv[l]);
    d.push_back(sv[l] - before);
  }
  gis::write_link_values(target, sn, links, {{"base_t", b}, {"scenario_t", s}, {"delta_t", d}});
}

/// A route's legs as place ids, modes and lines, to tell whether two routes differ.
std::vector<std::string> signature(const built_network& net, const route& r) {
  std::vector<std::string> out;
  for (const leg& l : r.legs) {
    out.push_back(net.places.id[l.from_place] + ">" + net.places.id[l.to_place] + ":" +
                  std::string(to_string(l.mode)) + ":" + l.line);
  }
  return out;
}

std::string number(const route& r, double v) {
  return r.status == route_status::ok ? fmt::format("{:.6g}", v) : "-";
}
std::string delta(const route& a, const route& b, double va, double vb) {
  if (a.status != route_status::ok || b.status != route_status::ok) return "-";
  return fmt::format("{:+.6g}", vb - va);
}

std::string table(const question_diff& q) {
  std::string out = fmt::format("{}\n", q.title);
  // By generalized cost, its value (with the scenario's carbon price, value of time) as well.
  const bool gen = q.base.by == criterion::generalized;
  out += fmt::format("  {:<26} {:>22} {:>22} {:>22} {:>22} {}  {}\n", "option", "time h",
                     "cost USD/t", "CO2 kg/t", "distance km",
                     gen ? fmt::format("{:>30}", "generalized USD/t") : std::string(), "route");
  for (const option_diff& o : q.options) {
    const route &a = *o.base, &b = *o.scenario;
    const bool a_ok = a.status == route_status::ok, b_ok = b.status == route_status::ok;
    const auto cell = [&](double va, double vb) {
      if (!a_ok && !b_ok) return std::string("no route");
      if (!a_ok) return "no route -> " + number(b, vb);
      if (!b_ok) return number(a, va) + " -> no route";
      return fmt::format("{} -> {} ({})", number(a, va), number(b, vb), delta(a, b, va, vb));
    };
    std::string route_note = o.changed ? "changed" : "same";
    if (a.status != b.status) {
      route_note = fmt::format("{} -> {}", to_string(a.status), to_string(b.status));
    }
    out += fmt::format(
        "  {:<26} {:>30} {:>30} {:>30} {:>30} {}  {}\n", o.label,
        cell(a.totals.time_h, b.totals.time_h),
        cell(a.totals.cost_usd_per_t, b.totals.cost_usd_per_t),
        cell(a.totals.co2_kg_per_t, b.totals.co2_kg_per_t),
        cell(a.totals.distance_km, b.totals.distance_km),
        gen ? fmt::format("{:>30}", cell(a.totals.weight, b.totals.weight)) : std::string(),
        route_note);
    if (!a_ok && !o.base_reason.empty()) out += "      base: no route: " + o.base_reason + "\n";
    if (!b_ok && !o.scenario_reason.empty()) {
      out += "      scenario: no route: " + o.scenario_reason + "\n";
    }
  }
  return out;
}

std::string volumes_csv(const std::vector<volume_row>& rows) {
  std::string out = "link,from,to,mode,base_t,scenario_t,delta_t\n";
  for (const volume_row& r : rows) {
    out += fmt::format("{},{},{},{},{:.10g},{:.10g},{:.10g}\n", r.link, r.from, r.to, r.mode,
                       r.base, r.scenario, r.scenario - r.base);
  }
  return out;
}

std::string csv(const std::vector<question_diff>& qs) {
  std::string out =
      "question,option,base_status,scenario_status,base_time_h,scenario_time_h,delta_time_h,"
      "base_cost_usd_per_t,scenario_cost_usd_per_t,delta_cost_usd_per_t,base_co2_kg_per_t,"
      "scenario_co2_kg_per_t,delta_co2_kg_per_t,base_distance_km,scenario_distance_km,"
      "delta_distance_km,route_changed\n";
  const auto quote = [](const std::string& s) {
    std::string q = "\"";
    for (const char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
  };
  for (const question_diff& q : qs) {
    for (const option_diff& o : q.options) {
      const route &a = *o.base, &b = *o.scenario;
      const bool both = a.status == route_status::ok && b.status == route_status::ok;
      const auto v = [&](const route& r, double x) {
        return r.status == route_status::ok ? fmt::format("{:.10g}", x) : std::string();
      };
      const auto d = [&](double x, double y) {
        return both ? fmt::format("{:.10g}", y - x) : std::string();
      };
      out += fmt::format(
          "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", quote(q.title), quote(o.label),
          to_string(a.status), to_string(b.status), v(a, a.totals.time_h), v(b, b.totals.time_h),
          d(a.totals.time_h, b.totals.time_h), v(a, a.totals.cost_usd_per_t),
          v(b, b.totals.cost_usd_per_t), d(a.totals.cost_usd_per_t, b.totals.cost_usd_per_t),
          v(a, a.totals.co2_kg_per_t), v(b, b.totals.co2_kg_per_t),
          d(a.totals.co2_kg_per_t, b.totals.co2_kg_per_t), v(a, a.totals.distance_km),
          v(b, b.totals.distance_km), d(a.totals.distance_km, b.totals.distance_km),
          o.changed ? 1 : 0);
    }
  }
  return out;
}

void json_route(report::json_writer& j, const route& r) {
  j.begin_object().field("status", to_string(r.status));
  if (r.status == route_status::ok) {
    j.field("time_h", r.totals.time_h).field("cost_usd_per_t", r.totals.cost_usd_per_t);
    j.field("co2_kg_per_t", r.totals.co2_kg_per_t).field("distance_km", r.totals.distance_km);
  }
  j.end_object();
}

std::string json(const std::string& scenario, const std::string& base,
                 const std::vector<question_diff>& qs, const std::vector<volume_row>* volumes,
                 const std::string& loading) {
  report::json_writer j;
  j.begin_object().field("scenario", scenario).field("base", base);
  if (volumes != nullptr) {
    j.field("link_volumes_by", loading);
    j.key("link_volumes").begin_array();
    for (const volume_row& r : *volumes) {
      if (r.scenario == r.base) continue;
      j.begin_object().field("link", r.link).field("from", r.from).field("to", r.to);
      j.field("mode", r.mode).field("base_t", r.base).field("scenario_t", r.scenario);
      j.field("delta_t", r.scenario - r.base).end_object();
    }
    j.end_array();
  }
  j.key("questions").begin_array();
  for (const question_diff& q : qs) {
    j.begin_object().field("question", q.title).key("options").begin_array();
    for (const option_diff& o : q.options) {
      const route &a = *o.base, &b = *o.scenario;
      j.begin_object().field("option", o.label);
      j.key("base");
      json_route(j, a);
      j.key("scenario");
      json_route(j, b);
      j.key("delta");
      if (a.status == route_status::ok && b.status == route_status::ok) {
        j.begin_object().field("time_h", b.totals.time_h - a.totals.time_h);
        j.field("cost_usd_per_t", b.totals.cost_usd_per_t - a.totals.cost_usd_per_t);
        j.field("co2_kg_per_t", b.totals.co2_kg_per_t - a.totals.co2_kg_per_t);
        j.field("distance_km", b.totals.distance_km - a.totals.distance_km).end_object();
      } else {
        j.null();
      }
      j.field("route_changed", o.changed).end_object();
    }
    j.end_array().end_object();
  }
  j.end_array().end_object();
  return j.str();
}

}  // namespace

command add_scenario(CLI::App& app) {
  struct args {
    std::string file;
    std::string base;
    std::string from, to;
    std::string options;
    std::string by = "time";
    std::string demand;
    std::string assignment = "aon";
    double gap = 1e-8;
    std::string report;
    bool force = false;
    std::string map_format = "png";
    std::string countries;
    std::string format = "table";
    std::string output = "-";
  };
  auto a = std::make_shared<args>();
  CLI::App* sub =
      app.add_subcommand("scenario", "Scenario runs: questions answered as differences");
  sub->require_subcommand(1);
  CLI::App* run = sub->add_subcommand(
      "run", "Answer a scenario's questions on the scenario and on its base, as differences");
  run->add_option("SCENARIO", a->file, "Scenario file (.toml)")->required();
  run->add_option("--base", a->base,
                  "Base scenario file (default: today's operational network: the scenario's "
                  "network without its edits, year or full build-out, with its settings)");
  run->add_option("--from", a->from, "Ask this instead of the scenario's questions (with --to)");
  run->add_option("--to", a->to, "Destination (with --from)");
  run->add_option("--options", a->options, "Options compared (see corridor compare)");
  run->add_option("--by", a->by, "What each option minimises")
      ->check(CLI::IsMember({"time", "distance", "cost", "co2", "generalized"}))
      ->capture_default_str();
  run->add_option("--demand", a->demand,
                  "Demand CSV (origin,destination,tonnes): link volumes on both (see "
                  "--assignment), and their differences");
  run->add_option("--assignment", a->assignment,
                  "How --demand is loaded: aon (all-or-nothing by --by) or gp (equilibrium: BPR "
                  "congestion on capacity_t_per_year, --by time or generalized)")
      ->check(CLI::IsMember({"aon", "gp"}))
      ->capture_default_str();
  run->add_option("--gap", a->gap, "--assignment gp: stop at this relative gap")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  run->add_option("--report", a->report,
                  "Write a report folder: index.md, diffs.csv, diffs.json, per question the routes "
                  "of both (GeoJSON) and a map; with --demand, link-volumes.csv and .geojson");
  run->add_flag("--force", a->force,
                "--report into a non-empty folder that holds no earlier corridor report: write "
                "the report's files into it, keeping files of other names");
  run->add_option("--map-format", a->map_format, "Report maps as png or svg")
      ->check(CLI::IsMember({"png", "svg"}))
      ->capture_default_str();
  run->add_option("--countries", a->countries, "Country outlines for report maps");
  add_format_and_output(*run, a->format, a->output, {"table", "json", "csv"}, "table, json or csv");
  return [a, run]() -> int {
    if (!run->parsed()) return -1;
    if (!a->report.empty()) gis::check_report_folder(a->report, a->force);
    if (a->from.empty() != a->to.empty()) throw input_error("--from and --to go together");
    if (!gis::is_scenario_file(a->file)) {
      throw input_error("scenario run: " + a->file + " is not a scenario file (.toml)");
    }
    const gis::scenario s = gis::read_scenario(a->file);
    gis::scenario b;
    std::string base_name;
    if (a->base.empty()) {
      b = s;  // today's network: no edits, no year, no full build-out, same settings
      b.edits = {};
      b.year.reset();
      b.full_build_out = false;
      b.name = "today";
      base_name = "today's operational network (" + s.network.lexically_normal().string() + ")";
    } else {
      b = gis::read_scenario(a->base);
      base_name = b.name.empty() ? a->base : b.name;
    }
    network_cache cache;  // the base and the scenario share the network they read
    const study sc = study_of(s, cache);
    study bs = study_of(b, cache);
    std::vector<gis::question> questions = s.questions;
    if (!a->from.empty()) {
      questions = {gis::question{"", a->from, a->to, {}, std::nullopt, "--from/--to"}};
    }
    if (questions.empty()) {
      throw input_error(a->file +
                        ": nothing to run: the scenario has no [[question]]; give "
                        "--from and --to");
    }
    const link_costs sc_costs = compute_link_costs(sc.state.net(), sc.state.links(), sc.profile);
    const link_costs bs_costs = compute_link_costs(bs.state.net(), bs.state.links(), bs.profile);
    const criterion by = *parse_criterion(a->by);
    std::vector<question_diff> diffs;
    diffs.reserve(questions.size());
    for (const gis::question& q : questions) {
      question_diff d;
      d.scenario = analysis::answer(sc, sc_costs, q, by, a->options, print_note);
      try {
        d.base = analysis::answer(bs, bs_costs, q, by, a->options, print_note);
      } catch (const lookup_error&) {
        // A place the scenario adds: the base has no route to it (status no_path).
        d.base.options.clear();
        for (const report::option_result& o : d.scenario.options) {
          d.base.options.push_back({o.label, route{}, {}, "the base network has no such place"});
        }
      }
      const built_network& net = sc.state.net();  // scenario edits only add places
      d.title = q.label.empty()
                    ? net.places.name[d.scenario.from] + " -> " + net.places.name[d.scenario.to]
                    : q.label;
      diffs.push_back(std::move(d));
    }
    for (question_diff& d : diffs) {  // pointers into `diffs` only once it no longer moves
      for (std::size_t i = 0; i < d.scenario.options.size(); ++i) {
        option_diff o;
        o.label = d.scenario.options[i].label;
        o.base = &d.base.options[i].best;
        o.scenario = &d.scenario.options[i].best;
        o.changed = signature(bs.state.net(), *o.base) != signature(sc.state.net(), *o.scenario);
        o.base_reason = d.base.options[i].reason;
        o.scenario_reason = d.scenario.options[i].reason;
        d.options.push_back(o);
      }
    }
    std::vector<volume_row> volumes;
    std::vector<double> vb, vs;  // volumes per link of the base and of the scenario
    double unrouted_base = 0, unrouted_scenario = 0, demand_total = 0;
    std::string loading;  // how the demand was loaded, for the report
    if (!a->demand.empty()) {
      const place_demand pb = read_place_demand(bs.state.loaded(), a->demand);
      const place_demand ps = read_place_demand(sc.state.loaded(), a->demand);
      for (const od_pair& p : ps.pairs) demand_total += p.tonnes;
      if (a->assignment == "aon") {
        vb = aon_volumes(bs.state.net(),
                         filtered_weights(bs.state.net(), bs.state.links(),
                                          bs_costs.criterion_weights(by), bs.filter),
                         pb.pairs, unrouted_base);
        vs = aon_volumes(sc.state.net(),
                         filtered_weights(sc.state.net(), sc.state.links(),
                                          sc_costs.criterion_weights(by), sc.filter),
                         ps.pairs, unrouted_scenario);
        loading = fmt::format("all-or-nothing by {}", a->by);
      } else {
        if (by != criterion::time && by != criterion::generalized) {
          throw input_error(
              "--assignment gp: congestion acts on time; use --by time or "
              "generalized, not --by " +
              a->by);
        }
        assignment_options opt;
        opt.algorithm = assignment_algorithm::gp;
        opt.relative_gap = a->gap;
        opt.max_iterations = 1000;
        const auto load = [&](const study& st, const link_costs& costs, const place_demand& d,
                              double& unrouted) {
          std::vector<place_od> od;
          for (const od_pair& p : d.pairs) od.push_back({p.origin, p.destination, p.tonnes});
          place_assignment r =
              assign_places(st.state.net(), st.state.links(), costs, st.filter, od, by, {}, opt);
          unrouted = r.unrouted_tonnes;
          return r;
        };
        const place_assignment rb = load(bs, bs_costs, pb, unrouted_base);
        const place_assignment rs = load(sc, sc_costs, ps, unrouted_scenario);
        vb = rb.volume;
        vs = rs.volume;
        loading = fmt::format(
            "equilibrium by {} (gradient projection, BPR 0.15/4 on capacity_t_per_year; relative "
            "gap {:.2g} {}, {:.2g} {})",
            a->by, rb.result.relative_gap, to_string(rb.result.status), rs.result.relative_gap,
            to_string(rs.result.status));
      }
      volumes = volume_rows(bs.state.net(), vb, sc.state.net(), vs);
    }
    const std::vector<volume_row>* vol = a->demand.empty() ? nullptr : &volumes;
    const std::string name = s.name.empty() ? a->file : s.name;
    std::string tables = fmt::format("Scenario {} against {}\n\n", name, base_name);
    for (const question_diff& d : diffs) tables += table(d) + "\n";
    if (vol != nullptr) {
      tables += fmt::format(
          "Link volumes, t/yr: {} ({:.10g} t/yr), {}; unrouted {:.10g} on the base, {:.10g} on "
          "the scenario. Largest changes:\n",
          a->demand, demand_total, loading, unrouted_base, unrouted_scenario);
      tables += fmt::format("  {:<28} {:<40} {:>14} {:>14} {:>14}\n", "link", "from -> to", "base",
                            "scenario", "change");
      std::size_t shown = 0;
      for (const volume_row& r : volumes) {
        if (r.scenario == r.base || ++shown > 15) continue;
        tables += fmt::format("  {:<28} {:<40} {:>14.10g} {:>14.10g} {:>+14.10g}\n", r.link,
                              r.from + " -> " + r.to, r.base, r.scenario, r.scenario - r.base);
      }
      tables += "\n";
    }
    if (!a->report.empty()) {
      const fs::path target = a->report;
      gis::write_report_folder(target, a->force, [&](const fs::path& tmp) {
        std::string index = fmt::format("# Scenario {} against {}\n\n", name, base_name);
        if (!s.description.empty()) index += s.description + "\n\n";
        std::size_t i = 0;
        for (const question_diff& d : diffs) {
          ++i;
          const std::string stem = fmt::format("{:02}-{}", i, slug(d.title));
          std::vector<std::string> labels;
          labels.reserve(2 * d.options.size());
          for (const option_diff& o : d.options) {
            labels.push_back("base: " + o.label);
            labels.push_back("scenario: " + o.label);
          }
          std::vector<gis::labelled_route> base_routes, scenario_routes;
          for (std::size_t k = 0; k < d.options.size(); ++k) {
            base_routes.push_back({labels[2 * k], d.options[k].base});
            scenario_routes.push_back({labels[2 * k + 1], d.options[k].scenario});
          }
          gis::write_routes(tmp / (stem + "-base.geojson"), bs.state.net(), base_routes);
          gis::write_routes(tmp / (stem + "-scenario.geojson"), sc.state.net(), scenario_routes);
          std::vector<report::map_route> scenario_drawn;
          for (std::size_t k = 0; k < d.options.size(); ++k) {
            scenario_drawn.push_back({labels[2 * k + 1], d.options[k].scenario});
          }
          report::map_options mo;
          mo.countries = a->countries;
          mo.year = sc.filter.year;
          mo.links = &sc.state.links();
          mo.title = name + ": " + d.title;
          report::render_map(tmp / (stem + "." + a->map_format), sc.state.net(), scenario_drawn,
                             mo);
          index += fmt::format(
              "## {}\n\n```\n{}```\n\n![map]({}.{})\n\nRoutes: [base]({}-base.geojson), "
              "[scenario]({}-scenario.geojson)\n\n",
              d.title, table(d), stem, a->map_format, stem, stem);
        }
        gis::write_text(tmp / "diffs.csv", csv(diffs));
        gis::write_text(tmp / "diffs.json", json(name, base_name, diffs, vol, loading));
        if (vol != nullptr) {
          gis::write_text(tmp / "link-volumes.csv", volumes_csv(volumes));
          write_volume_layer(tmp / "link-volumes.geojson", bs.state.net(), vb, sc.state.net(), vs);
        }
        gis::write_text(tmp / "index.md", index);
      });
      std::fprintf(stderr, "corridor: report written to %s (index.md, diffs.csv, %zu questions)\n",
                   target.c_str(), diffs.size());
    }
    std::string out = a->format == "json"  ? json(name, base_name, diffs, vol, loading)
                      : a->format == "csv" ? csv(diffs)
                                           : tables;
    gis::write_text(a->output, out);
    return exit_code::ok;
  };
}

}  // namespace corridor::cli
