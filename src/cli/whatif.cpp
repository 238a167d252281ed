// corridor whatif add NETWORK --candidates FILE [--demand FILE | --between PLACES]: which new
// link does the most for the demand, and which set of links within a budget.
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/whatif.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/report/json.hpp"
#include "demand.hpp"
#include "progress.hpp"

namespace corridor::cli {
namespace {

/// Options both subcommands take.
struct common_args {
  network_args network;
  std::string demand;
  std::string between;
  std::string by;
  filter_args filters;
  std::uint32_t top = 20;
  std::string format = "table";
  std::string output = "-";

  void add_to(CLI::App& sub) {
    network.add_to(sub, true);
    sub.add_option("--demand", demand, "Demand CSV (origin,destination,tonnes)");
    sub.add_option("--between", between,
                   "Uniform demand (1 t each way) between these places (comma-separated), or "
                   "'all' (the default without --demand)");
    sub.add_option("--by", by,
                   "Cost measured: time, distance, cost, co2, generalized (default for corridor "
                   "networks) or weight (the default, and the only one, for DIMACS/TNTP)")
        ->check(CLI::IsMember({"time", "distance", "cost", "co2", "generalized", "weight"}));
    filters.add_to(sub);
    sub.add_option("--top", top, "Show this many results")->capture_default_str();
    add_format_and_output(sub, format, output, {"table", "json"}, "table or json");
  }
};

struct add_args : common_args {
  std::string candidates;
  std::string generate;  ///< a mode: generate candidates between places within within_km
  double within_km = 300;
  double detour = 1.2;
  std::optional<double> cost_per_km;
  std::uint16_t gauge_mm = 1435;
  std::optional<double> budget;
  bool exact = false;
  std::uint32_t pairs = 3;
};

struct remove_args : common_args {
  std::vector<std::string> links;
  bool corridors = false;
  bool facilities = false;
  std::vector<std::string> groups;
};

using analysis::addition_ranking;
using analysis::closure_group;
using analysis::pair_gain;
using analysis::zoned_demand;

/// The network (NETWORK or a scenario, --year and the other filters applied) and its weights.
struct weighted_input {
  analysis_input in;
  analysis::whatif_weights x;
};

weighted_input weights_of(const common_args& a) {
  analysis_input in = load_input(a.network);
  a.filters.apply(in);
  analysis::whatif_weights x = analysis::weights_for(in, a.by);
  return {std::move(in), std::move(x)};
}

zoned_demand demand_of(const gis::loaded_network& n, const common_args& a) {
  return analysis::zoned_demand_of(n, a.demand, a.between, print_note);
}

std::string unit_label(const analysis::whatif_weights& x) {
  return x.physical ? fmt::format("{} x t", unit_of(x.by)) : std::string("weight x t");
}

/// The candidate rows of --candidates and --generate.
std::vector<gis::candidate_row> candidate_rows(const gis::loaded_network& n, const add_args& a) {
  std::vector<gis::candidate_row> rows;
  if (!a.candidates.empty()) {
    rows = gis::is_scenario_file(a.candidates) ? analysis::candidates_of_scenario(a.candidates)
                                               : gis::read_candidates(a.candidates);
  }
  if (!a.generate.empty()) {
    analysis::generate_options o;
    o.link_mode = *parse_mode(a.generate);
    o.gauge_mm = a.gauge_mm;
    o.within_km = a.within_km;
    o.detour = a.detour;
    o.cost_per_km = a.cost_per_km;
    for (gis::candidate_row& r : analysis::generate_candidates(n, o)) rows.push_back(std::move(r));
  }
  if (rows.empty()) {
    throw input_error(a.candidates.empty()
                          ? fmt::format("whatif add: --generate {} found no pair of places within "
                                        "{:g} km",
                                        a.generate, a.within_km)
                          : a.candidates + ": no candidates");
  }
  return rows;
}

/// What `whatif add` prints: the ranking, the gaining pairs and the portfolio.
struct add_view {
  const add_args& a;
  const built_network& net;
  const std::vector<gis::candidate_row>& rows;
  const std::vector<candidate_link>& cands;
  const zoned_demand& d;
  const analysis::whatif_weights& x;
  const addition_ranking& r;
  std::size_t shown = 0;

  [[nodiscard]] std::string place_id(std::uint32_t p) const { return net.places.id[p]; }
  [[nodiscard]] std::string from_to(std::uint32_t k) const {
    return place_id(net.place_of(cands[k].from)) + " -> " + place_id(net.place_of(cands[k].to));
  }
};

void json_picks(report::json_writer& j, const add_view& v) {
  const portfolio& p = *v.r.chosen;
  j.key("portfolio").begin_object().field("method", v.a.exact ? "exact" : "greedy");
  j.field("budget_musd", *v.a.budget).field("cost_musd", p.total_cost);
  j.field("benefit", p.total_benefit);
  j.field("newly_connected_tonnes", p.newly_connected_tonnes);
  j.key("picks").begin_array();
  for (const candidate_benefit& b : p.picks) {
    j.begin_object().field("id", v.rows[b.candidate].id);
    j.field("cost_musd", v.cands[b.candidate].cost).field("marginal_benefit", b.benefit);
    j.field("newly_connected_tonnes", b.newly_connected_tonnes).end_object();
  }
  j.end_array().end_object();
}

void json_number_or_null(report::json_writer& j, const char* key, double value) {
  j.key(key);
  if (std::isfinite(value)) {
    j.value(value);
  } else {
    j.null();
  }
}

std::string add_json(const add_view& v) {
  report::json_writer j;
  j.begin_object().field("by", to_string(v.x.by)).field("unit", unit_label(v.x));
  j.field("demand", v.d.description).field("zones", static_cast<std::uint64_t>(v.d.zones.size()));
  j.key("candidates").begin_array();
  for (std::size_t i = 0; i < v.shown; ++i) {
    const candidate_benefit& b = v.r.ranked[i];
    const gis::candidate_row& row = v.rows[b.candidate];
    const candidate_link& c = v.cands[b.candidate];
    j.begin_object().field("id", row.id).field("from", v.place_id(v.net.place_of(c.from)));
    j.field("to", v.place_id(v.net.place_of(c.to)));
    j.field("weight", c.weight).field("benefit", b.benefit);
    j.field("newly_connected_tonnes", b.newly_connected_tonnes);
    json_number_or_null(j, "cost_musd", row.cost_musd);
    json_number_or_null(j, "benefit_per_musd", b.benefit_per_cost);
    j.key("top_pairs").begin_array();
    for (const pair_gain& p : v.r.top_pairs[i]) {
      j.begin_object().field("origin", v.place_id(p.origin));
      j.field("destination", v.place_id(p.destination));
      j.field("tonnes", p.tonnes).field("before", p.before).field("after", p.after).end_object();
    }
    j.end_array().end_object();
  }
  j.end_array();
  if (v.r.chosen) json_picks(j, v);
  j.end_object();
  return j.str();
}

std::string add_table(const add_view& v, const std::string& network) {
  std::string out = fmt::format("Link additions on {} (by {}; {}; {} zones)\n", network,
                                to_string(v.x.by), v.d.description, v.d.zones.size());
  out += fmt::format(
      "benefit = sum over OD pairs connected before of tonnes x (before - after), in {}\n\n",
      unit_label(v.x));
  out += fmt::format("  {:>4} {:<34} {:<40} {:>16} {:>12} {:>10} {:>14}\n", "rank", "id",
                     "from -> to", "benefit", "newly t", "cost MUSD", "benefit/MUSD");
  for (std::size_t i = 0; i < v.shown; ++i) {
    const candidate_benefit& b = v.r.ranked[i];
    const gis::candidate_row& row = v.rows[b.candidate];
    out += fmt::format(
        "  {:>4} {:<34} {:<40} {:>16.10g} {:>12.10g} {:>10} {:>14}\n", i + 1, row.id,
        v.from_to(b.candidate), b.benefit, b.newly_connected_tonnes,
        std::isfinite(row.cost_musd) ? fmt::format("{:.10g}", row.cost_musd) : "-",
        std::isfinite(b.benefit_per_cost) ? fmt::format("{:.6g}", b.benefit_per_cost) : "-");
  }
  if (v.shown > 0) {
    out +=
        fmt::format("\nOD pairs gaining most from {}:\n", v.rows[v.r.ranked.front().candidate].id);
    for (const pair_gain& p : v.r.top_pairs.front()) {
      out += fmt::format("  {} -> {}: {:.10g} t, {:.6g} -> {:.6g}\n", v.place_id(p.origin),
                         v.place_id(p.destination), p.tonnes, p.before, p.after);
    }
  }
  if (v.r.chosen) {
    const portfolio& p = *v.r.chosen;
    out += fmt::format(
        "\nPortfolio within {:.10g} MUSD ({}): {} pick{}, cost {:.10g} MUSD, "
        "benefit {:.10g}, newly connected {:.10g} t\n",
        *v.a.budget, v.a.exact ? "exact search" : "greedy by benefit per MUSD", p.picks.size(),
        p.picks.size() == 1 ? "" : "s", p.total_cost, p.total_benefit, p.newly_connected_tonnes);
    for (const candidate_benefit& b : p.picks) {
      out += fmt::format("  {:<34} cost {:>10.10g}  marginal benefit {:.10g}\n",
                         v.rows[b.candidate].id, v.cands[b.candidate].cost, b.benefit);
    }
  }
  return out;
}

int run_add(const add_args& a) {
  const weighted_input wi = weights_of(a);
  const gis::loaded_network& n = wi.in.loaded();
  const std::vector<gis::candidate_row> rows = candidate_rows(n, a);
  const std::vector<candidate_link> cands =
      analysis::candidate_links(wi.in, wi.x, rows, a.candidates, print_note);
  const zoned_demand d = demand_of(n, a);
  const std::size_t shown = std::min<std::size_t>(a.top, cands.size());
  analysis::addition_options o;
  o.budget_musd = a.budget;
  o.exact = a.exact;
  o.pairs = a.pairs;
  o.candidates_with_pairs = a.format == "json" ? shown : 1;
  addition_ranking r;
  {
    progress bar("ranking candidates", cands.size());
    r = analysis::rank_additions(n.net.graph, wi.x.w, d, cands, o,
                                 [&](std::size_t done) { bar.update(done); });
  }
  const add_view v{a, n.net, rows, cands, d, wi.x, r, shown};
  gis::write_text(a.output, a.format == "json" ? add_json(v) : add_table(v, n.path.string()));
  return exit_code::ok;
}

int run_remove(const remove_args& a);

}  // namespace

command add_whatif(CLI::App& app) {
  auto a = std::make_shared<add_args>();
  auto r = std::make_shared<remove_args>();
  CLI::App* sub = app.add_subcommand("whatif", "What-if analyses: rank new links, or closures");
  sub->require_subcommand(1);
  CLI::App* add = sub->add_subcommand(
      "add", "Rank candidate links by the demand-weighted cost they save; portfolios in a budget");
  a->add_to(*add);
  add->add_option("--candidates", a->candidates,
                  "Candidates CSV: id,from,to and weight, or id,from,to,mode,length_km; "
                  "optional cost_musd, oneway, gauge_mm, speed_kmh");
  add->add_option("--generate", a->generate,
                  "Also generate candidates of this mode between places not yet joined by it, "
                  "within --within-km")
      ->check(CLI::IsMember({"rail", "road", "sea", "inland_waterway"}));
  add->add_option("--within-km", a->within_km, "Generated candidates: at most this far apart")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  add->add_option("--detour", a->detour,
                  "Generated candidates: length = great-circle distance x this")
      ->check(CLI::Range(1.0, 5.0))
      ->capture_default_str();
  add->add_option("--cost-per-km", a->cost_per_km,
                  "Generated candidates: construction cost, million USD per km")
      ->check(CLI::NonNegativeNumber);
  add->add_option("--gauge-mm", a->gauge_mm, "Generated rail candidates: the gauge joined")
      ->capture_default_str();
  add->add_option("--budget", a->budget,
                  "Choose a portfolio of candidates costing at most this (million USD)")
      ->check(CLI::NonNegativeNumber);
  add->add_flag("--exact", a->exact,
                "With --budget: exhaustive search (at most 20 candidates with a cost) instead of "
                "greedy");
  add->add_option("--pairs", a->pairs, "Show this many gaining OD pairs per candidate")
      ->capture_default_str();
  CLI::App* remove = sub->add_subcommand(
      "remove",
      "Link criticality: what closing each link (or corridor, facility, group) costs the demand");
  r->add_to(*remove);
  remove
      ->add_option("--links", r->links, "Only these link ids, each closed alone (comma-separated)")
      ->delimiter(',');
  remove->add_flag("--corridors", r->corridors, "Close each named corridor (all its links)");
  remove->add_flag("--facilities", r->facilities,
                   "Close each place's transfer facilities (port, terminal, gauge-change yard)");
  remove->add_option("--group", r->groups,
                     "NAME=ID,ID,...: close these links together (repeatable)");
  return [a, r, add, remove]() -> int {
    if (add->parsed()) {
      if (a->candidates.empty() && a->generate.empty()) {
        throw input_error("whatif add: give --candidates FILE or --generate MODE (or both)");
      }
      return run_add(*a);
    }
    if (remove->parsed()) return run_remove(*r);
    return -1;
  };
}

namespace {

std::string remove_json(const analysis::whatif_weights& x, const zoned_demand& d,
                        const std::vector<closure_group>& groups,
                        const analysis::closure_ranking& r, std::size_t shown) {
  report::json_writer j;
  j.begin_object().field("by", to_string(x.by)).field("unit", unit_label(x));
  j.field("demand", d.description).field("zones", static_cast<std::uint64_t>(d.zones.size()));
  j.key("closures").begin_array();
  for (std::size_t i = 0; i < shown; ++i) {
    const std::size_t g = r.order[i];
    j.begin_object().field("id", groups[g].name).field("kind", groups[g].kind);
    j.field("links", static_cast<std::uint64_t>(groups[g].links.size()));
    j.field("cost_increase", r.impact[g].cost_increase)
        .field("lost_tonnes", r.impact[g].lost_tonnes);
    j.field("affected_pairs", static_cast<std::uint64_t>(r.impact[g].affected_pairs)).end_object();
  }
  j.end_array().end_object();
  return j.str();
}

std::string remove_table(const std::string& network, const analysis::whatif_weights& x,
                         const zoned_demand& d, const std::vector<closure_group>& groups,
                         const analysis::closure_ranking& r, std::size_t shown) {
  std::string out = fmt::format("Closures on {} (by {}; {}; {} zones)\n", network, to_string(x.by),
                                d.description, d.zones.size());
  out += fmt::format(
      "cost increase = sum over OD pairs still connected of tonnes x (after - before), in {}; "
      "lost = tonnes left without any path\n\n",
      unit_label(x));
  out += fmt::format("  {:>4} {:<40} {:<9} {:>16} {:>12} {:>8}\n", "rank", "closed", "kind",
                     "cost increase", "lost t", "pairs");
  for (std::size_t i = 0; i < shown; ++i) {
    const std::size_t g = r.order[i];
    out += fmt::format("  {:>4} {:<40} {:<9} {:>16.10g} {:>12.10g} {:>8}\n", i + 1, groups[g].name,
                       groups[g].kind, r.impact[g].cost_increase, r.impact[g].lost_tonnes,
                       r.impact[g].affected_pairs);
  }
  return out;
}

int run_remove(const remove_args& a) {
  const weighted_input wi = weights_of(a);
  const gis::loaded_network& n = wi.in.loaded();
  const std::vector<closure_group> groups =
      analysis::closure_groups(n, wi.x.w, {a.links, a.corridors, a.facilities, a.groups});
  const zoned_demand d = demand_of(n, a);
  analysis::closure_ranking r;
  {
    progress bar("closing", groups.size());
    r = analysis::rank_closures(n.net.graph, wi.x.w, d, groups,
                                [&](std::size_t done) { bar.update(done); });
  }
  const std::size_t shown = std::min<std::size_t>(a.top, r.order.size());
  gis::write_text(a.output, a.format == "json"
                                ? remove_json(wi.x, d, groups, r, shown)
                                : remove_table(n.path.string(), wi.x, d, groups, r, shown));
  return exit_code::ok;
}

}  // namespace

}  // namespace corridor::cli
