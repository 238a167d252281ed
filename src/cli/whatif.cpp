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
#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/whatif/add_links.hpp"
#include "corridor/whatif/criticality.hpp"
#include "corridor/whatif/generate.hpp"
#include "demand.hpp"
#include "json.hpp"
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

/// The demand as zones (places) and a tonnes matrix.
struct zoned_demand {
  std::vector<std::uint32_t> places;
  std::vector<node_set> zones;
  Eigen::MatrixXd tonnes;
  std::string description;
};

zoned_demand demand_of(const gis::loaded_network& n, const common_args& a) {
  const built_network& net = n.net;
  zoned_demand d;
  std::vector<std::uint32_t> zone_of(net.place_count(), no_index);
  const auto zone = [&](std::uint32_t p) {
    if (zone_of[p] == no_index) {
      zone_of[p] = static_cast<std::uint32_t>(d.places.size());
      d.places.push_back(p);
      const auto nodes = net.nodes_of(p);
      d.zones.emplace_back(nodes.begin(), nodes.end());
    }
    return static_cast<Eigen::Index>(zone_of[p]);
  };
  if (!a.demand.empty()) {
    if (!a.between.empty()) throw input_error("whatif: give --demand or --between, not both");
    const place_demand pd = read_place_demand(n, a.demand);
    for (const od_pair& p : pd.pairs) {
      zone(p.origin);
      zone(p.destination);
    }
    d.tonnes = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(d.places.size()),
                                     static_cast<Eigen::Index>(d.places.size()));
    for (const od_pair& p : pd.pairs) d.tonnes(zone(p.origin), zone(p.destination)) += p.tonnes;
    d.description = fmt::format("demand {} ({} OD pairs)", a.demand, pd.pairs.size());
    return d;
  }
  std::vector<std::uint32_t> places;
  if (a.between.empty() || a.between == "all") {
    constexpr std::uint32_t limit = 2000;
    if (net.place_count() > limit) {
      throw input_error("whatif: " + n.path.string() + " has " + std::to_string(net.place_count()) +
                        " places; give --demand FILE or --between A,B,... (uniform demand over "
                        "all places is for networks of at most 2000)");
    }
    for (std::uint32_t p = 0; p < net.place_count(); ++p) places.push_back(p);
    d.description = fmt::format("uniform demand, 1 t between every ordered pair of the {} places",
                                places.size());
  } else {
    std::size_t start = 0;
    while (start <= a.between.size()) {
      const std::size_t end = std::min(a.between.find(',', start), a.between.size());
      const std::string item = a.between.substr(start, end - start);
      if (!item.empty()) places.push_back(place_arg(n, item, "--between"));
      start = end + 1;
    }
    std::sort(places.begin(), places.end());
    places.erase(std::unique(places.begin(), places.end()), places.end());
    if (places.size() < 2) throw input_error("--between: give at least two places");
    d.description =
        fmt::format("uniform demand, 1 t between every ordered pair of {} places", places.size());
  }
  for (const std::uint32_t p : places) zone(p);
  const auto z = static_cast<Eigen::Index>(places.size());
  d.tonnes = Eigen::MatrixXd::Ones(z, z);
  d.tonnes.diagonal().setZero();
  return d;
}

/// The node of `place` in the layer of `m` (and `gauge_mm` when given), or an input_error.
node_id layer_node(const built_network& net, std::uint32_t place, mode m, std::uint16_t gauge_mm,
                   const std::string& where) {
  std::vector<node_id> found;
  for (const node_id v : net.nodes_of(place)) {
    const layer& l = net.nodes.layer[v.value()];
    if (l.mode == m && (gauge_mm == 0 || l.gauge_mm == gauge_mm)) found.push_back(v);
  }
  if (found.size() == 1) return found.front();
  if (found.empty()) {
    throw input_error(where + ": " + net.places.id[place] + " has no " + std::string(to_string(m)) +
                      (gauge_mm != 0 ? " " + std::to_string(gauge_mm) + " mm" : "") +
                      " node to join (a candidate cannot create one; connect the place first)");
  }
  std::string gauges;
  for (const node_id v : found) {
    gauges += (gauges.empty() ? "" : ", ") + std::to_string(net.nodes.layer[v.value()].gauge_mm);
  }
  throw input_error(where + ": " + net.places.id[place] + " has " + std::string(to_string(m)) +
                    " nodes of gauges " + gauges + " mm; give the gauge_mm column");
}

/// The network, the criterion and the link weights (filtered) of a what-if run.
struct weighted_input {
  analysis_input in;
  criterion by = criterion::weight;
  bool physical = false;
  std::vector<double> w;
};

weighted_input weights_of(const common_args& a) {
  weighted_input x{load_input(a.network), criterion::weight, false, {}};
  const gis::loaded_network& n = x.in.n();
  const built_network& net = n.net;
  x.physical = n.format == gis::format::geodata;
  x.by = *parse_criterion(a.by.empty() ? (x.physical ? "generalized" : "weight") : a.by);
  if (x.by == criterion::weight && x.physical) {
    throw input_error("--by weight: " + n.path.string() +
                      " has no arc weights; use time, distance, cost, co2 or generalized");
  }
  if (x.by != criterion::weight && !x.physical) {
    throw input_error("--by " + std::string(to_string(x.by)) + ": " + n.path.string() +
                      " is an abstract graph without physical units; use --by weight");
  }
  a.filters.apply(x.in);
  const link_filter& filter = x.in.filter;
  const std::vector<double> base =
      x.physical ? compute_link_costs(net, x.in.links(), x.in.profile).criterion_weights(x.by)
                 : x.in.links().weight;
  x.w = filtered_weights(net, x.in.links(), base, filter);
  return x;
}

/// Candidates between every pair of places that have a node of the --generate mode (rail: of
/// --gauge-mm) and positions, at most --within-km apart as the crow flies, and not yet joined by a
/// link of that mode (in any status): length = great-circle x --detour, cost = length x
/// --cost-per-km when given.
std::vector<gis::candidate_row> generate_candidates(const gis::loaded_network& n,
                                                    const add_args& a) {
  const built_network& net = n.net;
  if (n.format != gis::format::geodata) {
    throw input_error("--generate: " + n.path.string() +
                      " has no modes or positions; give --candidates with weights");
  }
  const mode m = *parse_mode(a.generate);
  const std::uint16_t gauge = m == mode::rail ? a.gauge_mm : 0;
  std::vector<gis::candidate_row> out;
  for (const place_pair& pp : candidate_pairs(net, layer{m, gauge}, a.within_km)) {
    gis::candidate_row r;
    r.id = "gen_" + net.places.id[pp.from_place] + "_" + net.places.id[pp.to_place];
    r.from = net.places.id[pp.from_place];
    r.to = net.places.id[pp.to_place];
    r.mode = a.generate;
    r.gauge_mm = gauge;
    r.length_km = pp.great_circle_km * a.detour;
    if (a.cost_per_km) r.cost_musd = r.length_km * *a.cost_per_km;
    out.push_back(std::move(r));
  }
  return out;
}

/// The links a scenario file adds ([[add]]), as candidates (without costs).
std::vector<gis::candidate_row> candidates_of_scenario(const std::string& file) {
  const gis::scenario s = gis::read_scenario(file);
  if (!s.edits.add_places.empty()) {
    throw input_error(file + ": candidates join existing places; this scenario adds " +
                      std::to_string(s.edits.add_places.size()) + " ([[add_node]])");
  }
  std::vector<gis::candidate_row> out;
  for (const link_record& l : s.edits.add_links) {
    gis::candidate_row r;
    r.id = l.id;
    r.from = l.from;
    r.to = l.to;
    r.mode = std::string(to_string(l.mode));
    r.length_km = l.length_km;
    r.gauge_mm = l.gauge_mm;
    r.speed_kmh = l.speed_kmh;
    r.oneway = l.oneway;
    r.line = 0;
    out.push_back(std::move(r));
  }
  if (out.empty()) throw input_error(file + ": the scenario adds no links ([[add]])");
  return out;
}

int run_add(const add_args& a) {
  weighted_input x = weights_of(a);
  analysis_input& in = x.in;
  const gis::loaded_network& n = in.n();
  const built_network& net = n.net;
  const bool physical = x.physical;
  const criterion by = x.by;
  const std::vector<double>& w = x.w;

  // Candidates.
  std::vector<candidate_link> cands;
  std::vector<gis::candidate_row> rows;
  if (!a.candidates.empty()) {
    rows = gis::is_scenario_file(a.candidates) ? candidates_of_scenario(a.candidates)
                                               : gis::read_candidates(a.candidates);
  }
  if (!a.generate.empty()) {
    for (gis::candidate_row& r : generate_candidates(n, a)) rows.push_back(std::move(r));
  }
  if (rows.empty()) {
    throw input_error(a.candidates.empty() ? "whatif add: --generate " + a.generate +
                                                 " found no pair of places "
                                                 "within " +
                                                 fmt::format("{:g}", a.within_km) + " km"
                                           : a.candidates + ": no candidates");
  }
  for (const gis::candidate_row& r : rows) {
    const std::string where =
        r.line == 0 ? "generated candidate " + r.id : a.candidates + ":" + std::to_string(r.line);
    const std::uint32_t pf = place_arg(n, r.from, (where + ": field 'from'").c_str());
    const std::uint32_t pt = place_arg(n, r.to, (where + ": field 'to'").c_str());
    candidate_link c;
    c.two_way = !r.oneway;
    c.cost = r.cost_musd;
    if (!std::isnan(r.weight)) {
      if (physical) {
        throw input_error(where + ": field 'weight': " + n.path.string() +
                          " is a corridor network; describe candidates by mode and length_km");
      }
      c.from = net.nodes_of(pf).front();
      c.to = net.nodes_of(pt).front();
      c.weight = r.weight;
    } else {
      if (!physical) {
        throw input_error(where + ": " + n.path.string() +
                          " has plain arc weights; give candidates a 'weight' column");
      }
      const mode m = *parse_mode(r.mode);
      c.from = layer_node(net, pf, m, r.gauge_mm, where + ": field 'from'");
      c.to = layer_node(net, pt, m, r.gauge_mm, where + ": field 'to'");
      const std::string& cf = net.places.country[pf];
      const std::string& ct = net.places.country[pt];
      const bool border = !is_water(m) && !cf.empty() && !ct.empty() && cf != ct;
      const double border_h = border ? border_time_h(net, in.profile, m, pf, pt) : not_given;
      c.weight = new_link_weight(in.profile, by, m, net.nodes.layer[c.from.value()].gauge_mm,
                                 r.length_km, r.speed_kmh, border_h);
    }
    cands.push_back(c);
  }
  const zoned_demand d = demand_of(n, a);
  link_addition_ranker ranker(net.graph, by_column(w), d.zones, d.tonnes, cands);
  std::vector<candidate_benefit> ranked;
  {
    progress bar("ranking candidates", cands.size());
    ranked = ranker.rank([&](std::size_t done) { bar.update(done); });
  }
  const std::string unit = physical ? fmt::format("{} x t", unit_of(by)) : "weight x t";

  // The OD pairs that gain most, for a candidate.
  struct pair_gain {
    std::uint32_t origin, destination;
    double tonnes, before, after;
  };
  const auto best_pairs = [&](std::uint32_t k) {
    const Eigen::MatrixXd after = ranker.od_with(k);
    const Eigen::MatrixXd& before = ranker.base_od_weights();
    std::vector<pair_gain> out;
    for (Eigen::Index i = 0; i < after.rows(); ++i) {
      for (Eigen::Index j = 0; j < after.cols(); ++j) {
        const double t = d.tonnes(i, j);
        if (t > 0 && after(i, j) < before(i, j)) {
          out.push_back({d.places[static_cast<std::size_t>(i)],
                         d.places[static_cast<std::size_t>(j)], t, before(i, j), after(i, j)});
        }
      }
    }
    const auto gain = [](const pair_gain& p) {
      return std::isfinite(p.before) ? p.tonnes * (p.before - p.after) : HUGE_VAL;
    };
    std::sort(out.begin(), out.end(),
              [&](const pair_gain& p, const pair_gain& q) { return gain(p) > gain(q); });
    if (out.size() > a.pairs) out.resize(a.pairs);
    return out;
  };
  std::optional<portfolio> chosen;
  if (a.budget) {
    chosen = a.exact ? ranker.choose_exact(*a.budget) : ranker.choose(*a.budget);
  }
  const std::size_t shown = std::min<std::size_t>(a.top, ranked.size());
  const auto id_of = [&](std::uint32_t k) { return rows[k].id; };
  const auto place_id = [&](std::uint32_t p) { return net.places.id[p]; };

  std::string out;
  if (a.format == "json") {
    report::json_writer j;
    j.begin_object().field("by", to_string(by)).field("unit", unit);
    j.field("demand", d.description).field("zones", static_cast<std::uint64_t>(d.zones.size()));
    j.key("candidates").begin_array();
    for (std::size_t i = 0; i < shown; ++i) {
      const candidate_benefit& b = ranked[i];
      const gis::candidate_row& r = rows[b.candidate];
      j.begin_object()
          .field("id", r.id)
          .field("from", place_id(net.place_of(cands[b.candidate].from)));
      j.field("to", place_id(net.place_of(cands[b.candidate].to)));
      j.field("weight", cands[b.candidate].weight).field("benefit", b.benefit);
      j.field("newly_connected_tonnes", b.newly_connected_tonnes);
      j.key("cost_musd");
      if (std::isfinite(r.cost_musd)) {
        j.value(r.cost_musd);
      } else {
        j.null();
      }
      j.key("benefit_per_musd");
      if (std::isfinite(b.benefit_per_cost)) {
        j.value(b.benefit_per_cost);
      } else {
        j.null();
      }
      j.key("top_pairs").begin_array();
      for (const pair_gain& p : best_pairs(b.candidate)) {
        j.begin_object()
            .field("origin", place_id(p.origin))
            .field("destination", place_id(p.destination));
        j.field("tonnes", p.tonnes).field("before", p.before).field("after", p.after).end_object();
      }
      j.end_array().end_object();
    }
    j.end_array();
    if (chosen) {
      j.key("portfolio").begin_object().field("method", a.exact ? "exact" : "greedy");
      j.field("budget_musd", *a.budget).field("cost_musd", chosen->total_cost);
      j.field("benefit", chosen->total_benefit);
      j.field("newly_connected_tonnes", chosen->newly_connected_tonnes);
      j.key("picks").begin_array();
      for (const candidate_benefit& b : chosen->picks) {
        j.begin_object().field("id", id_of(b.candidate));
        j.field("cost_musd", cands[b.candidate].cost).field("marginal_benefit", b.benefit);
        j.field("newly_connected_tonnes", b.newly_connected_tonnes).end_object();
      }
      j.end_array().end_object();
    }
    j.end_object();
    out = j.str();
  } else {
    out = fmt::format("Link additions on {} (by {}; {}; {} zones)\n", n.path.string(),
                      to_string(by), d.description, d.zones.size());
    out += fmt::format(
        "benefit = sum over OD pairs connected before of tonnes x (before - after), "
        "in {}\n\n",
        unit);
    out += fmt::format("  {:>4} {:<34} {:<40} {:>16} {:>12} {:>10} {:>14}\n", "rank", "id",
                       "from -> to", "benefit", "newly t", "cost MUSD", "benefit/MUSD");
    for (std::size_t i = 0; i < shown; ++i) {
      const candidate_benefit& b = ranked[i];
      const gis::candidate_row& r = rows[b.candidate];
      out += fmt::format(
          "  {:>4} {:<34} {:<40} {:>16.10g} {:>12.10g} {:>10} {:>14}\n", i + 1, r.id,
          place_id(net.place_of(cands[b.candidate].from)) + " -> " +
              place_id(net.place_of(cands[b.candidate].to)),
          b.benefit, b.newly_connected_tonnes,
          std::isfinite(r.cost_musd) ? fmt::format("{:.10g}", r.cost_musd) : "-",
          std::isfinite(b.benefit_per_cost) ? fmt::format("{:.6g}", b.benefit_per_cost) : "-");
    }
    if (shown > 0) {
      out += fmt::format("\nOD pairs gaining most from {}:\n", id_of(ranked.front().candidate));
      for (const pair_gain& p : best_pairs(ranked.front().candidate)) {
        out += fmt::format("  {} -> {}: {:.10g} t, {:.6g} -> {:.6g}\n", place_id(p.origin),
                           place_id(p.destination), p.tonnes, p.before, p.after);
      }
    }
    if (chosen) {
      out += fmt::format(
          "\nPortfolio within {:.10g} MUSD ({}): {} pick{}, cost {:.10g} MUSD, "
          "benefit {:.10g}, newly connected {:.10g} t\n",
          *a.budget, a.exact ? "exact search" : "greedy by benefit per MUSD", chosen->picks.size(),
          chosen->picks.size() == 1 ? "" : "s", chosen->total_cost, chosen->total_benefit,
          chosen->newly_connected_tonnes);
      for (const candidate_benefit& b : chosen->picks) {
        out += fmt::format("  {:<34} cost {:>10.10g}  marginal benefit {:.10g}\n",
                           id_of(b.candidate), cands[b.candidate].cost, b.benefit);
      }
    }
  }
  gis::write_text(a.output, out);
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

int run_remove(const remove_args& a) {
  const weighted_input x = weights_of(a);
  const gis::loaded_network& n = x.in.n();
  const built_network& net = n.net;
  // Groups of links: by record (both directions), corridor, facility, or as given.
  struct group {
    std::string name, kind;
    std::vector<link_id> links;
  };
  std::vector<group> groups;
  const auto record_index = [&](const std::string& id, const std::string& option) {
    for (std::uint32_t rec = 0; rec < net.records.size(); ++rec) {
      if (net.records.id[rec] == id) return rec;
    }
    throw lookup_error(option + " '" + id + "': no link with this id in " + n.path.string());
  };
  const auto links_of_records = [&](const std::vector<std::uint32_t>& recs) {
    std::vector<link_id> out;
    for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
      const std::uint32_t rec = net.links.record[l];
      if (rec != no_index && std::find(recs.begin(), recs.end(), rec) != recs.end()) {
        out.push_back(link_id{l});
      }
    }
    return out;
  };
  const bool chosen = !a.links.empty() || a.corridors || a.facilities || !a.groups.empty();
  if (!chosen) {
    std::vector<std::vector<link_id>> by_record(net.records.size());
    for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
      const std::uint32_t rec = net.links.record[l];
      if (rec != no_index && std::isfinite(x.w[l])) by_record[rec].push_back(link_id{l});
    }
    for (std::uint32_t rec = 0; rec < net.records.size(); ++rec) {
      if (!by_record[rec].empty()) groups.push_back({net.records.id[rec], "link", by_record[rec]});
    }
  }
  for (const std::string& id : a.links) {
    groups.push_back({id, "link", links_of_records({record_index(id, "--links")})});
  }
  if (a.corridors) {
    for (std::uint32_t c = 0; c < net.corridors.size(); ++c) {
      std::vector<link_id> ls;
      for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
        const std::uint32_t rec = net.links.record[l];
        if (rec == no_index) continue;
        const auto cs = net.records.corridors_of(rec);
        if (std::find(cs.begin(), cs.end(), c) != cs.end()) ls.push_back(link_id{l});
      }
      groups.push_back({net.corridors[c], "corridor", ls});
    }
  }
  if (a.facilities) {
    std::vector<std::vector<link_id>> at(net.place_count());
    for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
      if (net.links.mode[l] == mode::transfer) {
        at[net.place_of(net.graph.tail(link_id{l}))].push_back(link_id{l});
      }
    }
    for (std::uint32_t p = 0; p < net.place_count(); ++p) {
      if (!at[p].empty()) groups.push_back({net.places.id[p], "facility", at[p]});
    }
  }
  for (const std::string& spec : a.groups) {
    const auto eq = spec.find('=');
    if (eq == std::string::npos || eq == 0) {
      throw input_error("--group '" + spec + "': expected NAME=ID,ID,...");
    }
    std::vector<std::uint32_t> recs;
    std::size_t start = eq + 1;
    while (start <= spec.size()) {
      const std::size_t end = std::min(spec.find(',', start), spec.size());
      const std::string id = spec.substr(start, end - start);
      if (!id.empty()) recs.push_back(record_index(id, "--group " + spec.substr(0, eq) + ":"));
      start = end + 1;
    }
    if (recs.empty()) throw input_error("--group '" + spec + "': no link ids");
    groups.push_back({spec.substr(0, eq), "group", links_of_records(recs)});
  }
  const zoned_demand d = demand_of(n, a);
  std::vector<std::vector<link_id>> sets;
  for (const group& g : groups) sets.push_back(g.links);
  std::vector<closure_impact> impact;
  {
    progress bar("closing", sets.size());
    impact = closure_impacts(net.graph, by_column(x.w), d.zones, d.tonnes, sets, 0,
                             [&](std::size_t done) { bar.update(done); });
  }
  std::vector<std::size_t> order(groups.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t i, std::size_t j) {
    if (impact[i].lost_tonnes != impact[j].lost_tonnes) {
      return impact[i].lost_tonnes > impact[j].lost_tonnes;
    }
    return impact[i].cost_increase > impact[j].cost_increase;
  });
  const std::size_t shown = std::min<std::size_t>(a.top, order.size());
  const std::string unit =
      x.physical ? fmt::format("{} x t", unit_of(x.by)) : std::string("weight x t");
  std::string out;
  if (a.format == "json") {
    report::json_writer j;
    j.begin_object().field("by", to_string(x.by)).field("unit", unit);
    j.field("demand", d.description).field("zones", static_cast<std::uint64_t>(d.zones.size()));
    j.key("closures").begin_array();
    for (std::size_t i = 0; i < shown; ++i) {
      const std::size_t g = order[i];
      j.begin_object().field("id", groups[g].name).field("kind", groups[g].kind);
      j.field("links", static_cast<std::uint64_t>(groups[g].links.size()));
      j.field("cost_increase", impact[g].cost_increase).field("lost_tonnes", impact[g].lost_tonnes);
      j.field("affected_pairs", static_cast<std::uint64_t>(impact[g].affected_pairs)).end_object();
    }
    j.end_array().end_object();
    out = j.str();
  } else {
    out = fmt::format("Closures on {} (by {}; {}; {} zones)\n", n.path.string(), to_string(x.by),
                      d.description, d.zones.size());
    out += fmt::format(
        "cost increase = sum over OD pairs still connected of tonnes x (after - before), in {}; "
        "lost = tonnes left without any path\n\n",
        unit);
    out += fmt::format("  {:>4} {:<40} {:<9} {:>16} {:>12} {:>8}\n", "rank", "closed", "kind",
                       "cost increase", "lost t", "pairs");
    for (std::size_t i = 0; i < shown; ++i) {
      const std::size_t g = order[i];
      out += fmt::format("  {:>4} {:<40} {:<9} {:>16.10g} {:>12.10g} {:>8}\n", i + 1,
                         groups[g].name, groups[g].kind, impact[g].cost_increase,
                         impact[g].lost_tonnes, impact[g].affected_pairs);
    }
  }
  gis::write_text(a.output, out);
  return exit_code::ok;
}

}  // namespace

}  // namespace corridor::cli
