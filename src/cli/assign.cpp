// corridor assign NETWORK.tntp --trips FILE, or NETWORK|SCENARIO --demand FILE.csv:
// user-equilibrium assignment (AON, FW, CFW, BFW, path-based GP).
#include <algorithm>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/assign/equilibrium.hpp"
#include "corridor/assign/places.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/report/json.hpp"
#include "demand.hpp"
#include "progress.hpp"

namespace corridor::cli {
namespace {

struct args {
  network_args network;
  std::string trips;
  std::string demand;
  std::string algorithm = "gp";
  double gap = 1e-4;
  std::uint32_t max_iterations = 1000;
  std::string flows;
  std::string reference_flows;
  double toll_factor = 0;
  double distance_factor = 0;
  // Corridor networks.
  std::string by = "time";
  double bpr_alpha = 0.15;
  double bpr_beta = 4;
  filter_args filters;
  std::string format = "table";
  std::string output = "-";
};

assignment_options options_of(const args& a) {
  assignment_options opt;
  opt.algorithm = a.algorithm == "aon"   ? assignment_algorithm::aon
                  : a.algorithm == "fw"  ? assignment_algorithm::fw
                  : a.algorithm == "cfw" ? assignment_algorithm::cfw
                  : a.algorithm == "bfw" ? assignment_algorithm::bfw
                                         : assignment_algorithm::gp;
  opt.relative_gap = a.gap;
  opt.max_iterations = a.max_iterations;
  return opt;
}

/// The fields every assignment report starts with.
void json_summary(report::json_writer& j, const args& a, const assignment_result& r) {
  j.field("status", to_string(r.status)).field("algorithm", a.algorithm);
  j.field("relative_gap", r.relative_gap).field("objective", r.objective);
  j.field("total_travel_time", r.total_travel_time).field("iterations", r.iterations);
  if (a.algorithm == "gp") j.field("paths", static_cast<std::uint64_t>(r.paths));
}

void json_history(report::json_writer& j, const assignment_result& r) {
  j.key("history").begin_array();
  for (const auto& step : r.history) {
    j.begin_object().field("relative_gap", step.relative_gap);
    j.field("objective", step.objective).field("seconds", step.seconds).end_object();
  }
  j.end_array();
}

std::string table_summary(const std::string& what, const args& a, const assignment_result& r,
                          const std::string& details = "") {
  std::string out = fmt::format(
      "Assignment {} ({}{}): {} after {} iterations\nrelative gap {:.3e}\nBeckmann objective "
      "{:.10g}\ntotal travel time {:.10g}\n",
      what, a.algorithm, details, to_string(r.status), r.iterations, r.relative_gap, r.objective,
      r.total_travel_time);
  if (a.algorithm == "gp") out += fmt::format("paths {}\n", r.paths);
  return out;
}

int exit_of(const assignment_result& r) {
  return r.status == assignment_status::converged ? exit_code::ok : exit_code::no_result;
}

// ---- TNTP networks and trips -------------------------------------------------------------------

int run_tntp(const args& a, const gis::loaded_network& n) {
  if (a.trips.empty()) {
    throw input_error("assign: " + n.path.string() +
                      " is a TNTP network: give its trips with --trips FILE_trips.tntp");
  }
  const built_network& net = n.net;
  std::vector<od_demand> od;
  for (const gis::tntp_trip& t : gis::read_tntp_trips(a.trips)) {
    if (t.origin > net.place_count() || t.destination > net.place_count()) {
      throw input_error(a.trips + ": zone " + std::to_string(std::max(t.origin, t.destination)) +
                        " is not a node of " + n.path.string());
    }
    od.push_back(
        {net.nodes_of(t.origin - 1).front(), net.nodes_of(t.destination - 1).front(), t.volume});
  }
  bpr_links vdf{n.tntp.free_flow_time, n.tntp.capacity, n.tntp.b, n.tntp.power};
  if (a.toll_factor > 0 || a.distance_factor > 0) {
    vdf.fixed.resize(n.tntp.toll.size());
    for (std::size_t l = 0; l < vdf.fixed.size(); ++l) {
      vdf.fixed[l] = a.toll_factor * n.tntp.toll[l] + a.distance_factor * n.tntp.length[l];
    }
  }
  assignment_options opt = options_of(a);
  opt.first_thru_node = n.tntp.first_thru_node > 0 ? n.tntp.first_thru_node - 1 : 0;
  std::vector<double> reference;
  if (!a.reference_flows.empty()) {  // read first: a bad file fails before a long run
    reference = gis::flows_by_link(n, a.reference_flows, gis::read_tntp_flows(a.reference_flows));
  }
  progress bar("assignment: iteration", 0);
  opt.on_iteration = [&](std::uint32_t it, const assignment_step& st) {
    bar.update(it, fmt::format("relative gap {:.3e}", st.relative_gap));
  };
  const assignment_result r = assign(net.graph, vdf, od, opt);
  std::optional<flow_comparison> cmp;
  std::string worst;
  if (!reference.empty()) {
    cmp = compare_flows(r.flow, reference);
    if (cmp->worst.valid()) {
      worst = net.places.id[net.place_of(net.graph.tail(cmp->worst))] + "->" +
              net.places.id[net.place_of(net.graph.head(cmp->worst))];
    }
  }
  if (!a.flows.empty()) {
    std::string csv = "from,to,flow,time,capacity,volume_capacity\n";
    for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
      const link_id id{l};
      const double c = n.tntp.capacity[l];
      csv += fmt::format(
          "{},{},{:.10g},{:.10g},{:.10g},{}\n", net.places.id[net.place_of(net.graph.tail(id))],
          net.places.id[net.place_of(net.graph.head(id))], r.flow[l], vdf.time(l, r.flow[l]), c,
          c > 0 ? fmt::format("{:.6g}", r.flow[l] / c) : "");
    }
    gis::write_text(a.flows, csv);
  }
  std::string out;
  if (a.format == "json") {
    report::json_writer j;
    j.begin_object();
    json_summary(j, a, r);
    if (cmp) {
      j.key("reference_flows").begin_object().field("file", a.reference_flows);
      j.field("max_abs_difference", cmp->max_abs_difference).field("at", worst);
      j.field("rms_difference", cmp->rms_difference).field("relative_l1", cmp->relative_l1);
      j.end_object();
    }
    json_history(j, r);
    j.end_object();
    out = j.str();
  } else {
    out = table_summary(n.path.string(), a, r);
    if (cmp) {
      out += fmt::format(
          "versus {}: max |difference| {:.6g} (link {}), RMS {:.6g}, relative L1 {:.3e}\n",
          a.reference_flows, cmp->max_abs_difference, worst, cmp->rms_difference, cmp->relative_l1);
    }
  }
  gis::write_text(a.output, out);
  return exit_of(r);
}

// ---- Corridor networks with a demand CSV ------------------------------------------------------

/// An assignment on a corridor network, with what its outputs show.
struct network_assignment {
  const built_network& net;
  place_demand demand;
  link_costs costs;
  place_assignment loaded_od;
  std::vector<double> congested;      ///< congested time per link, h
  std::vector<std::uint32_t> loaded;  ///< links with volume, busiest (v/c, then volume) first
  std::vector<corridor_total> corridors;
  std::vector<const od_pair*> unrouted;
  std::string year;  ///< "network as of Y", "full build-out" or "operational network"

  [[nodiscard]] double vc(std::uint32_t l) const {
    const double c = loaded_od.capacity[l];
    return c > 0 ? loaded_od.volume[l] / c : -1.0;
  }
  [[nodiscard]] std::string place(node_id v) const { return net.places.id[net.place_of(v)]; }
};

void check_network_args(const args& a, const gis::loaded_network& n) {
  if (a.demand.empty()) {
    throw input_error("assign: give the demand of " + n.path.string() +
                      " with --demand FILE.csv (origin,destination,tonnes)");
  }
  if (!a.trips.empty()) {
    throw input_error("assign: --trips is for TNTP networks; " + n.path.string() +
                      " takes --demand FILE.csv (origin,destination,tonnes)");
  }
  if (!a.reference_flows.empty()) {
    throw input_error("assign: --reference-flows compares with TNTP flows; " + n.path.string() +
                      " is not a TNTP network");
  }
}

network_assignment assign_network(const args& a, const analysis_input& in) {
  const built_network& net = in.net();
  const link_columns& L = in.links();
  const link_filter& filter = in.filter;
  network_assignment x{net,
                       read_place_demand(in.loaded(), a.demand),
                       compute_link_costs(net, L, in.profile),
                       {},
                       {},
                       {},
                       {},
                       {},
                       {}};
  assignment_options opt = options_of(a);
  progress bar("assignment: iteration", 0);
  opt.on_iteration = [&](std::uint32_t it, const assignment_step& st) {
    bar.update(it, fmt::format("relative gap {:.3e}", st.relative_gap));
  };
  x.loaded_od = assign_places(net, L, x.costs, filter, x.demand.place_ods(), *parse_criterion(a.by),
                              {a.bpr_alpha, a.bpr_beta}, opt);
  for (const std::size_t i : x.loaded_od.unrouted) x.unrouted.push_back(&x.demand.pairs[i]);
  const std::vector<double>& volume = x.loaded_od.volume;
  const std::vector<double>& capacity = x.loaded_od.capacity;
  const std::uint32_t m = net.graph.link_count();
  x.congested.resize(m);
  for (std::uint32_t l = 0; l < m; ++l) {
    const double t = x.costs.time_h(l);
    x.congested[l] =
        capacity[l] > 0 ? t * (1 + a.bpr_alpha * std::pow(volume[l] / capacity[l], a.bpr_beta)) : t;
    if (volume[l] > 0) x.loaded.push_back(l);
  }
  x.corridors = corridor_totals(net, L, volume);
  std::sort(x.loaded.begin(), x.loaded.end(), [&](std::uint32_t p, std::uint32_t q) {
    return std::pair{x.vc(p), volume[p]} > std::pair{x.vc(q), volume[q]};
  });
  x.year = filter.year
               ? fmt::format("network as of {}", *filter.year)
               : std::string(filter.full_build_out ? "full build-out" : "operational network");
  return x;
}

/// --flows FILE: the loaded links as CSV, or as a GeoJSON/GeoPackage layer.
void write_flows(const args& a, const network_assignment& x) {
  const built_network& net = x.net;
  const std::vector<double>& volume = x.loaded_od.volume;
  const std::vector<double>& capacity = x.loaded_od.capacity;
  const std::uint32_t m = net.graph.link_count();
  if (std::filesystem::path(a.flows).extension().string() != ".csv") {
    std::vector<double> cap(m, std::nan(""));
    for (std::uint32_t l = 0; l < m; ++l) {
      if (capacity[l] > 0) cap[l] = capacity[l];
    }
    gis::write_link_flows(a.flows, net, volume, cap, std::vector<std::uint8_t>(m, 0));
    return;
  }
  std::string csv =
      "link,from,to,mode,volume_t,capacity_t,volume_capacity,free_flow_time_h,"
      "congested_time_h\n";
  for (const std::uint32_t l : x.loaded) {
    const link_id id{l};
    csv += fmt::format(
        "{},{},{},{},{:.10g},{},{},{:.10g},{:.10g}\n", link_label(net, id),
        x.place(net.graph.tail(id)), x.place(net.graph.head(id)), to_string(net.links.mode[l]),
        volume[l], capacity[l] > 0 ? fmt::format("{:.10g}", capacity[l]) : "",
        capacity[l] > 0 ? fmt::format("{:.6g}", x.vc(l)) : "", x.costs.time_h(l), x.congested[l]);
  }
  gis::write_text(a.flows, csv);
}

std::string network_json(const args& a, const network_assignment& x) {
  const built_network& net = x.net;
  const place_assignment& r = x.loaded_od;
  report::json_writer j;
  j.begin_object();
  json_summary(j, a, r.result);
  j.field("by", a.by).field("network", x.year);
  j.field("demand_tonnes", r.routed + r.unrouted_tonnes).field("assigned_tonnes", r.routed);
  j.field("intrazonal_tonnes", x.demand.intrazonal);
  j.key("unrouted").begin_array();
  for (const od_pair* p : x.unrouted) {
    j.begin_object().field("origin", net.places.id[p->origin]);
    j.field("destination", net.places.id[p->destination]).field("tonnes", p->tonnes);
    j.field("line", static_cast<std::uint64_t>(p->line)).end_object();
  }
  j.end_array().key("links").begin_array();
  for (const std::uint32_t l : x.loaded) {
    const link_id id{l};
    j.begin_object().field("link", link_label(net, id)).field("from", x.place(net.graph.tail(id)));
    j.field("to", x.place(net.graph.head(id))).field("mode", to_string(net.links.mode[l]));
    j.field("volume_t", r.volume[l]);
    if (r.capacity[l] > 0) {
      j.field("capacity_t", r.capacity[l]).field("volume_capacity", x.vc(l));
    } else {
      j.key("capacity_t").null().key("volume_capacity").null();
    }
    j.field("free_flow_time_h", x.costs.time_h(l)).field("congested_time_h", x.congested[l]);
    j.end_object();
  }
  j.end_array();
  json_corridors(j, net, x.corridors);
  json_history(j, r.result);
  j.end_object();
  return j.str();
}

std::string busiest_links(const network_assignment& x) {
  const built_network& net = x.net;
  const place_assignment& r = x.loaded_od;
  std::string out = "\nBusiest links (links without capacity_t_per_year never congest)\n";
  out += fmt::format("  {:<28} {:<36} {:>14} {:>14} {:>7} {:>9} {:>9}\n", "link", "from -> to",
                     "volume t/yr", "capacity t/yr", "v/c", "free h", "loaded h");
  for (std::size_t i = 0; i < std::min<std::size_t>(15, x.loaded.size()); ++i) {
    const std::uint32_t l = x.loaded[i];
    const link_id id{l};
    out += fmt::format("  {:<28} {:<36} {:>14.10g} {:>14} {:>7} {:>9.4g} {:>9.4g}\n",
                       link_label(net, id),
                       x.place(net.graph.tail(id)) + " -> " + x.place(net.graph.head(id)),
                       r.volume[l], r.capacity[l] > 0 ? fmt::format("{:.10g}", r.capacity[l]) : "-",
                       r.capacity[l] > 0 ? fmt::format("{:.3f}", x.vc(l)) : "-", x.costs.time_h(l),
                       x.congested[l]);
  }
  std::string by_corridor;
  for (std::uint32_t c = 0; c < x.corridors.size(); ++c) {
    if (x.corridors[c].tonne_km <= 0) continue;
    by_corridor += fmt::format("  {:<40} {:>18.10g} {:>18.10g}\n", net.corridors[c],
                               x.corridors[c].max_link_tonnes, x.corridors[c].tonne_km);
  }
  if (!by_corridor.empty()) {
    out += fmt::format("\nCorridors\n  {:<40} {:>18} {:>18}\n", "corridor", "busiest link t/yr",
                       "tonne-km/yr") +
           by_corridor;
  }
  return out;
}

std::string network_table(const args& a, const std::string& network, const network_assignment& x) {
  const built_network& net = x.net;
  const place_assignment& r = x.loaded_od;
  std::string out = table_summary(network, a, r.result, fmt::format(", {}, by {}", x.year, a.by));
  out += fmt::format("(total travel time in {})\n",
                     a.by == "time" ? "tonne-hours" : "USD, time valued");
  out += fmt::format("demand {:.10g} t/yr in {} OD pairs; assigned {:.10g} t/yr",
                     r.routed + r.unrouted_tonnes, x.demand.pairs.size(), r.routed);
  if (x.demand.intrazonal > 0) {
    out += fmt::format("; {:.10g} t/yr within one place (not assigned)", x.demand.intrazonal);
  }
  out += "\n";
  for (const od_pair* p : x.unrouted) {
    out += fmt::format("  no path: {} -> {} ({:.10g} t/yr, {}:{})\n", net.places.id[p->origin],
                       net.places.id[p->destination], p->tonnes, a.demand, p->line);
  }
  return out + busiest_links(x);
}

int run_network(const args& a, analysis_input in) {
  check_network_args(a, in.loaded());
  a.filters.apply(in);
  const network_assignment x = assign_network(a, in);
  if (!a.flows.empty()) write_flows(a, x);
  gis::write_text(a.output, a.format == "json" ? network_json(a, x)
                                               : network_table(a, in.loaded().path.string(), x));
  if (!x.unrouted.empty()) {
    fmt::print(stderr, "warning: {} OD pair{} ({:.10g} t/yr) have no path and were not assigned\n",
               x.unrouted.size(), x.unrouted.size() == 1 ? "" : "s", x.loaded_od.unrouted_tonnes);
  }
  return exit_of(x.loaded_od.result);
}

}  // namespace

command add_assign(CLI::App& app) {
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand(
      "assign",
      "User-equilibrium assignment: a TNTP network and trips file, or a corridor network (or "
      "scenario) and a demand CSV");
  a->network.add_to(*sub, true);
  sub->add_option("--trips", a->trips, "TNTP trips file (_trips.tntp), for TNTP networks");
  sub->add_option("--demand", a->demand,
                  "Demand CSV (origin,destination,tonnes per year; places by id or name), for "
                  "corridor networks");
  sub->add_option("--algorithm", a->algorithm,
                  "aon (all-or-nothing), fw (Frank-Wolfe), cfw (conjugate Frank-Wolfe), bfw "
                  "(bi-conjugate Frank-Wolfe) or gp (path-based gradient projection, reaches gaps "
                  "of 1e-8 and below)")
      ->check(CLI::IsMember({"aon", "fw", "cfw", "bfw", "gp"}))
      ->capture_default_str();
  sub->add_option("--gap", a->gap, "Stop at this relative gap")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--max-iterations", a->max_iterations, "Stop after this many iterations")
      ->capture_default_str();
  sub->add_option("--toll-factor", a->toll_factor,
                  "TNTP generalised cost: add this x the link's toll")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--distance-factor", a->distance_factor,
                  "TNTP generalised cost: add this x the link's length")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--reference-flows", a->reference_flows,
                  "Compare the link flows with a TNTP _flow.tntp file (e.g. best-known flows)");
  sub->add_option("--by", a->by,
                  "Corridor networks: time (h per tonne) or generalized (USD per tonne, time "
                  "valued at value_of_time); congestion applies to the time part")
      ->check(CLI::IsMember({"time", "generalized"}))
      ->capture_default_str();
  sub->add_option("--bpr-alpha", a->bpr_alpha,
                  "Corridor networks: BPR alpha, t = t0 (1 + alpha (v/c)^beta)")
      ->check(CLI::NonNegativeNumber)
      ->capture_default_str();
  sub->add_option("--bpr-beta", a->bpr_beta, "Corridor networks: BPR beta")
      ->check(CLI::Range(1.0, 16.0))
      ->capture_default_str();
  a->filters.add_to(*sub);
  sub->add_option("--flows", a->flows,
                  "Write link flows to FILE: CSV, or (corridor networks) .geojson / .gpkg");
  add_format_and_output(*sub, a->format, a->output, {"table", "json"}, "table or json");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    analysis_input in = load_input(a->network);
    if (in.loaded().format == gis::format::tntp) return run_tntp(*a, in.loaded());
    if (in.loaded().format == gis::format::dimacs) {
      throw input_error("assign: " + in.loaded().path.string() +
                        " is a DIMACS graph without capacities or volume-delay functions; use a "
                        "TNTP network or a corridor network");
    }
    return run_network(*a, std::move(in));
  };
}

}  // namespace corridor::cli
