// corridor scenario run FILE [--base FILE] [--report DIR]: a scenario's questions answered on the
// scenario and on its base, side by side, as differences.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/scenario_run.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/report/compare_report.hpp"
#include "corridor/report/json.hpp"
#include "corridor/report/map.hpp"
#include "demand.hpp"
#include "questions.hpp"

namespace corridor::cli {
namespace {

namespace fs = std::filesystem;

using analysis::option_diff;
using analysis::question_diff;
using analysis::volume_row;

/// The links of the scenario's network that carry volume on either side (rows matched by
/// analysis::match_volumes), in link order, with base_t, scenario_t and delta_t.
void write_volume_layer(const fs::path& target, const built_network& sn,
                        std::vector<volume_row> rows) {
  std::erase_if(rows, [](const volume_row& r) { return r.scenario_link == no_index; });
  std::sort(rows.begin(), rows.end(), [](const volume_row& x, const volume_row& y) {
    return x.scenario_link < y.scenario_link;
  });
  std::vector<std::uint32_t> links;
  std::vector<double> b, s, d;
  for (const volume_row& r : rows) {
    links.push_back(r.scenario_link);
    b.push_back(r.base);
    s.push_back(r.scenario);
    d.push_back(r.scenario - r.base);
  }
  gis::write_link_values(target, sn, links, {{"base_t", b}, {"scenario_t", s}, {"delta_t", d}});
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

/// The base scenario (--base, else today's network) and how reports name it.
struct base_choice {
  gis::scenario scenario;
  std::string name;
};

base_choice choose_base(const args& a, const gis::scenario& s) {
  if (a.base.empty()) {
    return {analysis::today_of(s),
            "today's operational network (" + s.network.lexically_normal().string() + ")"};
  }
  gis::scenario b = gis::read_scenario(a.base);
  std::string name = b.name.empty() ? a.base : b.name;
  return {std::move(b), std::move(name)};
}

/// --demand loaded on the base and on the scenario, matched link by link.
struct volume_run {
  std::vector<volume_row> rows;
  std::string loading;  ///< how the demand was loaded, for the report
  double total_tonnes = 0, unrouted_base = 0, unrouted_scenario = 0;
};

volume_run run_volumes(const args& a, const analysis::study& bs, const analysis::study& sc,
                       criterion by) {
  const place_demand pb = read_place_demand(bs.state.loaded(), a.demand);
  const place_demand ps = read_place_demand(sc.state.loaded(), a.demand);
  const auto method = a.assignment == "aon" ? analysis::loading_method::all_or_nothing
                                            : analysis::loading_method::equilibrium;
  const auto load = [&](const analysis::study& st, const place_demand& d) {
    const link_costs costs = compute_link_costs(st.state.net(), st.state.links(), st.profile);
    return analysis::load_demand(st.state, st.filter, costs, d, by, method, a.gap);
  };
  const analysis::demand_volumes vb = load(bs, pb);
  const analysis::demand_volumes vs = load(sc, ps);
  volume_run out;
  out.total_tonnes = ps.total_tonnes();
  out.unrouted_base = vb.unrouted_tonnes;
  out.unrouted_scenario = vs.unrouted_tonnes;
  out.rows = analysis::match_volumes(bs.state.net(), vb.volume, sc.state.net(), vs.volume);
  out.loading =
      method == analysis::loading_method::all_or_nothing
          ? fmt::format("all-or-nothing by {}", a.by)
          : fmt::format(
                "equilibrium by {} (gradient projection, BPR 0.15/4 on capacity_t_per_year; "
                "relative gap {:.2g} {}, {:.2g} {})",
                a.by, vb.equilibrium.relative_gap, to_string(vb.equilibrium.status),
                vs.equilibrium.relative_gap, to_string(vs.equilibrium.status));
  return out;
}

/// The largest 15 volume changes as a table.
std::string volume_table(const args& a, const volume_run& v) {
  std::string out = fmt::format(
      "Link volumes, t/yr: {} ({:.10g} t/yr), {}; unrouted {:.10g} on the base, {:.10g} on "
      "the scenario. Largest changes:\n",
      a.demand, v.total_tonnes, v.loading, v.unrouted_base, v.unrouted_scenario);
  out += fmt::format("  {:<28} {:<40} {:>14} {:>14} {:>14}\n", "link", "from -> to", "base",
                     "scenario", "change");
  std::size_t shown = 0;
  for (const volume_row& r : v.rows) {
    if (r.scenario == r.base || ++shown > 15) continue;
    out += fmt::format("  {:<28} {:<40} {:>14.10g} {:>14.10g} {:>+14.10g}\n", r.link,
                       r.from + " -> " + r.to, r.base, r.scenario, r.scenario - r.base);
  }
  return out + "\n";
}

/// A question's section of the report: both routes as GeoJSON, the scenario's map, the table.
std::string write_question_files(const args& a, const fs::path& tmp, const std::string& stem,
                                 const std::string& name, const analysis::study& bs,
                                 const analysis::study& sc, const question_diff& d) {
  std::vector<gis::labelled_route> base_routes, scenario_routes;
  std::vector<report::map_route> scenario_drawn;
  for (const option_diff& o : d.options) {
    base_routes.push_back({"base: " + o.label, o.base});
    scenario_routes.push_back({"scenario: " + o.label, o.scenario});
    scenario_drawn.push_back({"scenario: " + o.label, o.scenario});
  }
  gis::write_routes(tmp / (stem + "-base.geojson"), bs.state.net(), base_routes);
  gis::write_routes(tmp / (stem + "-scenario.geojson"), sc.state.net(), scenario_routes);
  report::map_options mo;
  mo.countries = a.countries;
  mo.year = sc.filter.year;
  mo.links = &sc.state.links();
  mo.title = name + ": " + d.title;
  report::render_map(tmp / (stem + "." + a.map_format), sc.state.net(), scenario_drawn, mo);
  return fmt::format(
      "## {}\n\n```\n{}```\n\n![map]({}.{})\n\nRoutes: [base]({}-base.geojson), "
      "[scenario]({}-scenario.geojson)\n\n",
      d.title, table(d), stem, a.map_format, stem, stem);
}

/// Everything a scenario run computed, for the outputs.
struct scenario_results {
  std::string name, base_name, description;
  const analysis::study *base = nullptr, *scenario = nullptr;
  std::vector<question_diff> diffs;
  std::optional<volume_run> volumes;
};

void write_report(const args& a, const scenario_results& r) {
  gis::write_report_folder(a.report, a.force, [&](const fs::path& tmp) {
    std::string index = fmt::format("# Scenario {} against {}\n\n", r.name, r.base_name);
    if (!r.description.empty()) index += r.description + "\n\n";
    std::size_t i = 0;
    for (const question_diff& d : r.diffs) {
      const std::string stem = fmt::format("{:02}-{}", ++i, slug(d.title));
      index += write_question_files(a, tmp, stem, r.name, *r.base, *r.scenario, d);
    }
    const std::vector<volume_row>* vol = r.volumes ? &r.volumes->rows : nullptr;
    const std::string loading = r.volumes ? r.volumes->loading : std::string();
    gis::write_text(tmp / "diffs.csv", csv(r.diffs));
    gis::write_text(tmp / "diffs.json", json(r.name, r.base_name, r.diffs, vol, loading));
    if (vol != nullptr) {
      gis::write_text(tmp / "link-volumes.csv", volumes_csv(*vol));
      write_volume_layer(tmp / "link-volumes.geojson", r.scenario->state.net(), *vol);
    }
    gis::write_text(tmp / "index.md", index);
  });
  std::fprintf(stderr, "corridor: report written to %s (index.md, diffs.csv, %zu questions)\n",
               a.report.c_str(), r.diffs.size());
}

std::vector<gis::question> questions_of(const args& a, const gis::scenario& s) {
  if (!a.from.empty()) return {gis::question{"", a.from, a.to, {}, std::nullopt, "--from/--to"}};
  if (s.questions.empty()) {
    throw input_error(a.file +
                      ": nothing to run: the scenario has no [[question]]; give "
                      "--from and --to");
  }
  return s.questions;
}

int run(const args& a) {
  if (!a.report.empty()) gis::check_report_folder(a.report, a.force);
  if (a.from.empty() != a.to.empty()) throw input_error("--from and --to go together");
  if (!gis::is_scenario_file(a.file)) {
    throw input_error("scenario run: " + a.file + " is not a scenario file (.toml)");
  }
  const gis::scenario s = gis::read_scenario(a.file);
  const base_choice b = choose_base(a, s);
  network_cache cache;  // the base and the scenario share the network they read
  const analysis::study sc = analysis::study_of(s, cache);
  const analysis::study bs = analysis::study_of(b.scenario, cache);
  const std::vector<gis::question> questions = questions_of(a, s);
  const criterion by = *parse_criterion(a.by);
  scenario_results r{s.name.empty() ? a.file : s.name,
                     b.name,
                     s.description,
                     &bs,
                     &sc,
                     analysis::diff_questions(bs, sc, questions, by, a.options, print_note),
                     std::nullopt};
  if (!a.demand.empty()) r.volumes = run_volumes(a, bs, sc, by);
  const std::vector<volume_row>* vol = r.volumes ? &r.volumes->rows : nullptr;
  std::string tables = fmt::format("Scenario {} against {}\n\n", r.name, r.base_name);
  for (const question_diff& d : r.diffs) tables += table(d) + "\n";
  if (r.volumes) tables += volume_table(a, *r.volumes);
  if (!a.report.empty()) write_report(a, r);
  const std::string loading = r.volumes ? r.volumes->loading : std::string();
  const std::string out = a.format == "json"  ? json(r.name, r.base_name, r.diffs, vol, loading)
                          : a.format == "csv" ? csv(r.diffs)
                                              : tables;
  gis::write_text(a.output, out);
  return exit_code::ok;
}

}  // namespace

command add_scenario(CLI::App& app) {
  auto a = std::make_shared<args>();
  CLI::App* sub =
      app.add_subcommand("scenario", "Scenario runs: questions answered as differences");
  sub->require_subcommand(1);
  CLI::App* run_cmd = sub->add_subcommand(
      "run", "Answer a scenario's questions on the scenario and on its base, as differences");
  run_cmd->add_option("SCENARIO", a->file, "Scenario file (.toml)")->required();
  run_cmd->add_option("--base", a->base,
                      "Base scenario file (default: today's operational network: the scenario's "
                      "network without its edits, year or full build-out, with its settings)");
  run_cmd->add_option("--from", a->from,
                      "Ask this instead of the scenario's questions (with --to)");
  run_cmd->add_option("--to", a->to, "Destination (with --from)");
  run_cmd->add_option("--options", a->options, "Options compared (see corridor compare)");
  run_cmd->add_option("--by", a->by, "What each option minimises")
      ->check(CLI::IsMember({"time", "distance", "cost", "co2", "generalized"}))
      ->capture_default_str();
  run_cmd->add_option("--demand", a->demand,
                      "Demand CSV (origin,destination,tonnes): link volumes on both (see "
                      "--assignment), and their differences");
  run_cmd
      ->add_option("--assignment", a->assignment,
                   "How --demand is loaded: aon (all-or-nothing by --by) or gp (equilibrium: BPR "
                   "congestion on capacity_t_per_year, --by time or generalized)")
      ->check(CLI::IsMember({"aon", "gp"}))
      ->capture_default_str();
  run_cmd->add_option("--gap", a->gap, "--assignment gp: stop at this relative gap")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  run_cmd->add_option(
      "--report", a->report,
      "Write a report folder: index.md, diffs.csv, diffs.json, per question the routes "
      "of both (GeoJSON) and a map; with --demand, link-volumes.csv and .geojson");
  run_cmd->add_flag("--force", a->force,
                    "--report into a non-empty folder that holds no earlier corridor report: write "
                    "the report's files into it, keeping files of other names");
  run_cmd->add_option("--map-format", a->map_format, "Report maps as png or svg")
      ->check(CLI::IsMember({"png", "svg"}))
      ->capture_default_str();
  run_cmd->add_option("--countries", a->countries, "Country outlines for report maps");
  add_format_and_output(*run_cmd, a->format, a->output, {"table", "json", "csv"},
                        "table, json or csv");
  return [a, run_cmd]() -> int {
    if (!run_cmd->parsed()) return -1;
    return run(*a);
  };
}

}  // namespace corridor::cli
