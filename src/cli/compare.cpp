// corridor compare NETWORK|SCENARIO... [--from A --to B] [--options LIST] [--report DIR]:
// corridor options side by side, for one question or for every question of the scenarios.
#include <cstdio>
#include <memory>
#include <optional>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/report/compare_report.hpp"
#include "corridor/report/map.hpp"
#include "questions.hpp"

namespace corridor::cli {
namespace {

namespace fs = std::filesystem;

struct args {
  std::vector<std::string> inputs;
  std::vector<std::string> maps;
  std::string from, to;
  std::string options;
  std::string by = "time";
  std::optional<int> year;
  bool passenger_lines = false;
  std::optional<double> max_access_km;
  std::vector<std::string> settings;
  std::string profile_file;
  std::string format = "table";
  std::string output = "-";
  std::string report;
  bool force = false;
  std::string countries;
  std::string map_format = "png";
};

using analysis::study;
using result = std::pair<const study*, report::comparison>;

/// Every input as a study, with the command line's year, access limit, settings and question.
std::vector<study> load_studies(const args& a) {
  std::vector<study> studies;
  network_cache cache;  // scenarios on one network share it
  for (const std::string& in : a.inputs) {
    study st;
    if (gis::is_scenario_file(in)) {
      st = analysis::study_of(gis::read_scenario(in), cache);
    } else {
      network_args na{in, {}, a.maps};
      st.state.read = std::make_shared<const gis::loaded_network>(na.load());
      if (!st.state.loaded().is_corridor_network()) {
        throw input_error("compare: " + in +
                          " is an abstract graph without modes; use corridor route --by weight");
      }
    }
    if (a.year) st.filter.year = a.year;
    if (a.passenger_lines) st.filter.passenger_lines = true;
    if (a.max_access_km) st.max_access_km = *a.max_access_km;
    apply_settings(st.state.net(), st.profile, a.profile_file, a.settings);
    if (!a.from.empty()) {
      st.questions = {gis::question{"", a.from, a.to, {}, std::nullopt, "--from/--to"}};
    }
    if (st.questions.empty()) {
      throw input_error(in + ": nothing to compare: give --from and --to" +
                        (gis::is_scenario_file(in) ? " (the scenario has no [[question]])" : ""));
    }
    studies.push_back(std::move(st));
  }
  return studies;
}

/// Every question of every study answered, with progress on standard error when there are several.
std::vector<result> answer_all(const args& a, const std::vector<study>& studies) {
  std::vector<result> results;
  std::size_t total = 0, done = 0;
  for (const study& st : studies) total += st.questions.size();
  for (const study& st : studies) {
    const link_costs costs = compute_link_costs(st.state.net(), st.state.links(), st.profile);
    for (const gis::question& q : st.questions) {
      if (total > 1) {
        std::fprintf(stderr, "corridor: [%zu/%zu] %s%s -> %s\n", ++done, total,
                     st.name.empty() ? "" : (st.name + ": ").c_str(), q.from.c_str(), q.to.c_str());
      }
      results.emplace_back(
          &st, analysis::answer(st, costs, q, *parse_criterion(a.by), a.options, print_note));
    }
  }
  return results;
}

/// One question's files in the report folder (table, CSV, JSON, GeoJSON, map); its index section.
std::string write_question_files(const args& a, const fs::path& tmp, std::size_t i, const study& st,
                                 const report::comparison& c) {
  const built_network& net = st.state.net();
  const std::string base =
      fmt::format("{:02}-{}{}-{}", i, st.name.empty() ? "" : slug(st.name) + "-",
                  slug(net.places.id[c.from]), slug(net.places.id[c.to]));
  const std::string table = report::comparison_table(st.state.loaded(), c);
  gis::write_text(tmp / (base + ".txt"), table);
  gis::write_text(tmp / (base + ".csv"), report::comparison_csv(st.state.loaded(), c));
  gis::write_text(tmp / (base + ".json"), report::comparison_json(st.state.loaded(), c));
  std::vector<gis::labelled_route> routes;
  std::vector<report::map_route> drawn;
  for (const auto& o : c.options) {
    routes.push_back({o.label, &o.best});
    drawn.push_back({o.label, &o.best});
  }
  gis::write_routes(tmp / (base + ".geojson"), net, routes);
  report::map_options mo;
  mo.countries = a.countries;
  mo.year = c.query.year;
  mo.links = &st.state.links();
  mo.title = (st.name.empty() ? "" : st.name + ": ") +
             (c.label.empty() ? net.places.name[c.from] + " -> " + net.places.name[c.to] : c.label);
  report::render_map(tmp / (base + "." + a.map_format), net, drawn, mo);
  std::string index = fmt::format("## {}\n\n", mo.title);
  if (!st.description.empty()) index += st.description + "\n\n";
  index += "```\n" + table + "```\n\n";
  index += fmt::format(
      "![map]({0}.{1})\n\nFiles: [table]({0}.txt), [CSV]({0}.csv), "
      "[JSON]({0}.json), [GeoJSON]({0}.geojson), [map]({0}.{1})\n\n",
      base, a.map_format);
  return index;
}

void write_report(const args& a, const std::vector<result>& results) {
  gis::write_report_folder(a.report, a.force, [&](const fs::path& tmp) {
    std::string index = "# corridor comparison report\n\n";
    std::string summary;
    std::size_t i = 0;
    for (const auto& [st, c] : results) {
      index += write_question_files(a, tmp, ++i, *st, c);
      summary += report::comparison_csv(st->state.loaded(), c, summary.empty());
    }
    gis::write_text(tmp / "summary.csv", summary);
    gis::write_text(tmp / "index.md", index);
  });
  std::string tables;
  for (const auto& [st, c] : results) {
    tables += (tables.empty() ? "" : "\n") + report::comparison_table(st->state.loaded(), c);
  }
  gis::write_text(a.output, tables);
  std::fprintf(stderr, "corridor: report written to %s (index.md, summary.csv, %zu questions)\n",
               a.report.c_str(), results.size());
}

/// The results as one stream: tables, CSV rows or JSON (an array when several).
std::string stream(const args& a, const std::vector<result>& results) {
  std::string out;
  if (a.format == "json" && results.size() > 1) out += "[\n";
  for (std::size_t i = 0; i < results.size(); ++i) {
    const auto& [st, c] = results[i];
    if (a.format == "json") {
      out += report::comparison_json(st->state.loaded(), c);
      if (results.size() > 1) out += i + 1 < results.size() ? ",\n" : "]\n";
    } else if (a.format == "csv") {
      out += report::comparison_csv(st->state.loaded(), c, i == 0);
    } else {
      out += (i == 0 ? "" : "\n") + report::comparison_table(st->state.loaded(), c);
    }
  }
  return out;
}

int run(const args& a) {
  if (!a.report.empty()) gis::check_report_folder(a.report, a.force);
  if (a.from.empty() != a.to.empty()) throw input_error("--from and --to go together");
  const std::vector<study> studies = load_studies(a);
  const std::vector<result> results = answer_all(a, studies);
  bool any = false;
  for (const auto& [st, c] : results) {
    for (const auto& o : c.options) any = any || o.best.status == route_status::ok;
  }
  if (!a.report.empty()) {
    write_report(a, results);
  } else if (a.format == "geojson") {
    if (results.size() != 1) {
      throw input_error("--format geojson writes one question; use --report DIR for several");
    }
    std::vector<gis::labelled_route> routes;
    for (const auto& o : results[0].second.options) routes.push_back({o.label, &o.best});
    gis::write_routes(a.output, results[0].first->state.net(), routes);
  } else {
    gis::write_text(a.output, stream(a, results));
  }
  return any ? exit_code::ok : exit_code::no_result;
}

}  // namespace

command add_compare(CLI::App& app) {
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand(
      "compare",
      "Compare corridor options (mode sets, via places) between two places, or answer the "
      "questions of scenario files");
  sub->add_option("NETWORK", a->inputs,
                  "A network (as for route), or one or more scenario files (.toml) whose "
                  "questions are answered in turn")
      ->required();
  sub->add_option("--map", a->maps, "Read another schema: node.FIELD=SOURCE or link.FIELD=SOURCE");
  sub->add_option("--from", a->from, "Origin: node id or name (else the scenarios' questions)");
  sub->add_option("--to", a->to, "Destination: node id or name");
  sub->add_option("--options", a->options,
                  std::string("Comma-separated options: multimodal | MODE[+MODE...] (only these "
                              "modes, each used) | via:PLACE, optionally followed by /via:PLACE. "
                              "Default: ") +
                      default_options);
  sub->add_option("--by", a->by,
                  "What each option minimises (time, distance, cost, co2, "
                  "generalized)")
      ->check(CLI::IsMember({"time", "distance", "cost", "co2", "generalized"}))
      ->capture_default_str();
  sub->add_option("--year", a->year, "The network as of this year (overrides the scenario's)")
      ->check(CLI::Range(1800, 2200));
  sub->add_flag("--passenger-lines", a->passenger_lines,
                "Also route freight over passenger-only lines (freight=false, e.g. HSR)");
  sub->add_option("--max-access-km", a->max_access_km,
                  "Longest access link (first/last mile by road, or rail to a port for water "
                  "options); at most 2 such links at each end. Default 300")
      ->check(CLI::NonNegativeNumber);
  add_settings_options(*sub, a->profile_file, a->settings);
  add_format_and_output(*sub, a->format, a->output, {"table", "json", "csv", "geojson"},
                        "table, json, csv or geojson (standard output or -o)");
  sub->add_option("--report", a->report,
                  "Write a report folder: index.md, summary.csv, and per question its table, "
                  "CSV, JSON, GeoJSON and a map");
  sub->add_flag("--force", a->force,
                "--report into a non-empty folder that holds no earlier corridor report: write "
                "the report's files into it, keeping files of other names");
  sub->add_option("--map-format", a->map_format, "Report maps as png or svg")
      ->check(CLI::IsMember({"png", "svg"}))
      ->capture_default_str();
  sub->add_option("--countries", a->countries,
                  "Country outlines for report maps (any OGR polygon file, or .geojson.xz)");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    return run(*a);
  };
}

}  // namespace corridor::cli
