// corridor assign NETWORK.tntp --trips FILE: user-equilibrium assignment (AON, FW, CFW).
#include <memory>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/assign/equilibrium.hpp"
#include "corridor/gis/write.hpp"
#include "json.hpp"

namespace corridor::cli {

command add_assign(CLI::App& app) {
  struct args {
    network_args network;
    std::string trips;
    std::string algorithm = "cfw";
    double gap = 1e-4;
    std::uint32_t max_iterations = 1000;
    std::string flows;
    double toll_factor = 0;
    double distance_factor = 0;
    std::string format = "table";
    std::string output = "-";
  };
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand(
      "assign", "User-equilibrium traffic assignment of a TNTP network and trips file");
  a->network.add_to(*sub);
  sub->add_option("--trips", a->trips, "TNTP trips file (_trips.tntp)")->required();
  sub->add_option("--algorithm", a->algorithm,
                  "aon (all-or-nothing), fw (Frank-Wolfe) or cfw (conjugate Frank-Wolfe)")
      ->check(CLI::IsMember({"aon", "fw", "cfw"}))
      ->capture_default_str();
  sub->add_option("--gap", a->gap, "Stop at this relative gap")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  sub->add_option("--max-iterations", a->max_iterations, "Stop after this many iterations")
      ->capture_default_str();
  sub->add_option("--toll-factor", a->toll_factor,
                  "Generalised cost: add this x the link's toll (TNTP convention)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--distance-factor", a->distance_factor,
                  "Generalised cost: add this x the link's length")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--flows", a->flows, "Write link flows as CSV (from,to,flow,time) to FILE");
  add_format_and_output(*sub, a->format, a->output, {"table", "json"}, "table or json");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    const gis::loaded_network n = a->network.load();
    if (n.format != gis::format::tntp) {
      throw input_error("assign: " + n.path.string() +
                        " is not a TNTP network (_net.tntp); assignment on corridor networks "
                        "with demand files is not supported yet");
    }
    const built_network& net = n.net;
    std::vector<od_demand> od;
    for (const gis::tntp_trip& t : gis::read_tntp_trips(a->trips)) {
      if (t.origin > net.place_count() || t.destination > net.place_count()) {
        throw input_error(a->trips + ": zone " + std::to_string(std::max(t.origin, t.destination)) +
                          " is not a node of " + n.path.string());
      }
      od.push_back(
          {net.nodes_of(t.origin - 1).front(), net.nodes_of(t.destination - 1).front(), t.volume});
    }
    bpr_links vdf{n.tntp.free_flow_time, n.tntp.capacity, n.tntp.b, n.tntp.power};
    if (a->toll_factor > 0 || a->distance_factor > 0) {
      vdf.fixed.resize(n.tntp.toll.size());
      for (std::size_t l = 0; l < vdf.fixed.size(); ++l) {
        vdf.fixed[l] = a->toll_factor * n.tntp.toll[l] + a->distance_factor * n.tntp.length[l];
      }
    }
    assignment_options opt;
    opt.algorithm = a->algorithm == "aon"  ? assignment_algorithm::aon
                    : a->algorithm == "fw" ? assignment_algorithm::fw
                                           : assignment_algorithm::cfw;
    opt.relative_gap = a->gap;
    opt.max_iterations = a->max_iterations;
    opt.first_thru_node = n.tntp.first_thru_node > 0 ? n.tntp.first_thru_node - 1 : 0;
    const assignment_result r = assign(net.graph, vdf, od, opt);
    if (!a->flows.empty()) {
      std::string csv = "from,to,flow,time\n";
      for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
        const link_id id{l};
        csv += fmt::format(
            "{},{},{:.10g},{:.10g}\n", net.places.id[net.place_of(net.graph.tail(id))],
            net.places.id[net.place_of(net.graph.head(id))], r.flow[l], vdf.time(l, r.flow[l]));
      }
      gis::write_text(a->flows, csv);
    }
    std::string out;
    if (a->format == "json") {
      report::json_writer j;
      j.begin_object().field("status", to_string(r.status)).field("algorithm", a->algorithm);
      j.field("relative_gap", r.relative_gap).field("objective", r.objective);
      j.field("total_travel_time", r.total_travel_time).field("iterations", r.iterations);
      j.key("history").begin_array();
      for (const auto& step : r.history) {
        j.begin_object().field("relative_gap", step.relative_gap);
        j.field("objective", step.objective).end_object();
      }
      j.end_array().end_object();
      out = j.str();
    } else {
      out = fmt::format(
          "Assignment {} ({}): {} after {} iterations\nrelative gap {:.3e}\nBeckmann objective "
          "{:.10g}\ntotal travel time {:.10g}\n",
          n.path.string(), a->algorithm, to_string(r.status), r.iterations, r.relative_gap,
          r.objective, r.total_travel_time);
    }
    gis::write_text(a->output, out);
    return r.status == assignment_status::converged ? exit_code::ok : exit_code::no_result;
  };
}

}  // namespace corridor::cli
