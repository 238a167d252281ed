// Equilibrium assignment: a hand-solved two-route case, and TNTP SiouxFalls, Anaheim and
// Chicago-Sketch against their best-known Beckmann objectives (../shared/data/README.md) and
// best-known link flows (_flow.tntp). The objective can never be below the optimum, and
// convexity bounds how far above it is: objective - optimum <= gap x TSTT.
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/assign/equilibrium.hpp"
#include "corridor/gis/read.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

/// TNTP trips (1-based zones) as demands between network nodes (node id = zone - 1).
std::vector<od_demand> demands(const std::vector<gis::tntp_trip>& trips) {
  std::vector<od_demand> od;
  for (const auto& t : trips) {
    od.push_back({node_id{t.origin - 1}, node_id{t.destination - 1}, t.volume});
  }
  return od;
}

bpr_links bpr_of(const gis::loaded_network& n) {
  return {n.tntp.free_flow_time, n.tntp.capacity, n.tntp.b, n.tntp.power};
}

/// The objective can never be below the optimum, and convexity bounds the excess by gap x TSTT;
/// both up to the rounding of the published value (3 or 4 decimals: under 1e-9 relative).
void check_against_best_known(const assignment_result& r, double best_known) {
  CHECK(r.objective >= best_known * (1 - 1e-9));
  CHECK(r.objective - best_known <= r.relative_gap * r.total_travel_time + 1e-9 * best_known);
}

/// Path-based gradient projection to gap 1e-8: the objective within 1e-6 relative of the best
/// known, and link flows close to the best-known flows (equilibrium link flows are unique for
/// strictly increasing link costs).
void check_gp_to_1e8(const gis::loaded_network& n, const bpr_links& vdf,
                     const std::vector<od_demand>& od, double best_known,
                     const std::filesystem::path& flow_file, double max_abs_difference) {
  const assignment_result r = assign(n.net.graph, vdf, od,
                                     {.algorithm = assignment_algorithm::gp,
                                      .relative_gap = 1e-8,
                                      .max_iterations = 500,
                                      .first_thru_node = n.tntp.first_thru_node - 1});
  REQUIRE(r.status == assignment_status::converged);
  MESSAGE(n.path.filename().string()
          << " gp: " << r.iterations << " iterations to gap " << r.relative_gap << ", objective "
          << r.objective << ", " << r.paths << " paths");
  CHECK(r.relative_gap <= 1e-8);
  check_against_best_known(r, best_known);
  CHECK(std::abs(r.objective - best_known) <= 1e-6 * best_known);
  CHECK(r.paths >= od.size());  // every OD pair keeps at least one path
  // The history ends at the returned state, and its times never decrease.
  REQUIRE(r.history.size() == r.iterations + 1);
  CHECK(r.history.back().relative_gap == r.relative_gap);
  for (std::size_t i = 1; i < r.history.size(); ++i) {
    CHECK(r.history[i].seconds >= r.history[i - 1].seconds);
  }
  const std::vector<double> best =
      gis::flows_by_link(n, flow_file, gis::read_tntp_flows(flow_file));
  const flow_comparison c = compare_flows(r.flow, best);
  MESSAGE("versus " << flow_file.filename().string() << ": max |difference| "
                    << c.max_abs_difference << ", relative L1 " << c.relative_l1);
  CHECK(c.max_abs_difference <= max_abs_difference);
  CHECK(c.relative_l1 <= 1e-5);
}

}  // namespace

TEST_CASE("assignment: two parallel routes, solved by hand") {
  // t1 = 10 (1 + x / 100) = 10 + 0.1 x; t2 = 15 (1 + x / 300) = 15 + 0.05 x; demand 200.
  // Equal times: 10 + 0.1 x1 = 15 + 0.05 (200 - x1)  =>  x1 = 100, x2 = 100, both 20.
  const std::vector<node_id> t{node_id{0}, node_id{0}}, h{node_id{1}, node_id{1}};
  std::vector<std::uint32_t> perm;
  const network g = network::from_arcs(2, t, h, perm);
  bpr_links vdf{apply_permutation<double>(perm, std::vector<double>{10, 15}),
                apply_permutation<double>(perm, std::vector<double>{100, 300}),
                {1, 1},
                {1, 1}};
  const std::vector<od_demand> od{{node_id{0}, node_id{1}, 200}};
  for (const auto algo : {assignment_algorithm::fw, assignment_algorithm::cfw,
                          assignment_algorithm::bfw, assignment_algorithm::gp}) {
    CAPTURE(static_cast<int>(algo));
    const assignment_result r = assign(g, vdf, od, {.algorithm = algo, .relative_gap = 1e-10});
    REQUIRE(r.status == assignment_status::converged);
    CHECK(r.flow[0] == doctest::Approx(100).epsilon(1e-6));
    CHECK(r.flow[1] == doctest::Approx(100).epsilon(1e-6));
    CHECK(r.total_travel_time == doctest::Approx(200 * 20).epsilon(1e-8));
  }
  // AON puts everything on the free-flow fastest route.
  const assignment_result aon = assign(g, vdf, od, {.algorithm = assignment_algorithm::aon});
  CHECK(aon.flow[perm[0] == 0 ? 0 : 1] == 200);
}

TEST_CASE("assignment: SiouxFalls reaches the best-known Beckmann objective" *
          doctest::test_suite("slow")) {
  CORRIDOR_REQUIRE_SHARED("data/tntp/SiouxFalls/SiouxFalls_trips.tntp");
  const auto dir = test::shared_dir() / "data/tntp/SiouxFalls";
  const gis::loaded_network n = gis::read_tntp(dir / "SiouxFalls_net.tntp");
  const std::vector<od_demand> od = demands(gis::read_tntp_trips(dir / "SiouxFalls_trips.tntp"));
  double total = 0;
  for (const od_demand& d : od) total += d.volume;
  CHECK(total == doctest::Approx(360600));  // <TOTAL OD FLOW>
  const bpr_links vdf = bpr_of(n);
  constexpr double best_known = 4231335.287;  // ../shared/data/README.md
  for (const auto& [algo, gap] :
       {std::pair{assignment_algorithm::cfw, 1e-5}, std::pair{assignment_algorithm::fw, 1e-3},
        std::pair{assignment_algorithm::bfw, 1e-5}}) {
    CAPTURE(static_cast<int>(algo));
    const assignment_result r = assign(n.net.graph, vdf, od,
                                       {.algorithm = algo,
                                        .relative_gap = gap,
                                        .max_iterations = 5000,
                                        .first_thru_node = n.tntp.first_thru_node - 1});
    REQUIRE(r.status == assignment_status::converged);
    MESSAGE("SiouxFalls: " << r.iterations << " iterations to gap " << r.relative_gap
                           << ", objective " << r.objective);
    check_against_best_known(r, best_known);
  }
  check_gp_to_1e8(n, vdf, od, best_known, dir / "SiouxFalls_flow.tntp", 0.05);
}

TEST_CASE("assignment: Anaheim (zones not passed through) reaches its best-known objective") {
  CORRIDOR_REQUIRE_SHARED("data/tntp/Anaheim/Anaheim_trips.tntp");
  const auto dir = test::shared_dir() / "data/tntp/Anaheim";
  const gis::loaded_network n = gis::read_tntp(dir / "Anaheim_net.tntp");
  CHECK(n.tntp.first_thru_node == 39);  // zones 1..38 may not be passed through
  const std::vector<od_demand> od = demands(gis::read_tntp_trips(dir / "Anaheim_trips.tntp"));
  const bpr_links vdf = bpr_of(n);
  constexpr double best_known = 1286032.171;  // ../shared/data/README.md
  const assignment_result r = assign(n.net.graph, vdf, od,
                                     {.algorithm = assignment_algorithm::cfw,
                                      .relative_gap = 1e-5,
                                      .max_iterations = 5000,
                                      .first_thru_node = n.tntp.first_thru_node - 1});
  REQUIRE(r.status == assignment_status::converged);
  check_against_best_known(r, best_known);
  check_gp_to_1e8(n, vdf, od, best_known, dir / "Anaheim_flow.tntp", 0.01);
}

TEST_CASE("assignment: Chicago-Sketch with toll and distance factors (generalised cost)" *
          doctest::test_suite("slow")) {
  CORRIDOR_REQUIRE_SHARED("data/tntp/Chicago-Sketch/ChicagoSketch_trips.tntp.xz");
  const auto dir = test::shared_dir() / "data/tntp/Chicago-Sketch";
  const gis::loaded_network n = gis::read_tntp(dir / "ChicagoSketch_net.tntp");
  const std::vector<od_demand> od =
      demands(gis::read_tntp_trips(dir / "ChicagoSketch_trips.tntp.xz"));
  bpr_links vdf = bpr_of(n);
  vdf.fixed.resize(n.tntp.toll.size());
  for (std::size_t l = 0; l < vdf.fixed.size(); ++l) {
    vdf.fixed[l] = 0.02 * n.tntp.toll[l] + 0.04 * n.tntp.length[l];  // ../shared/data/README.md
  }
  constexpr double best_known = 17313018.7387;
  check_gp_to_1e8(n, vdf, od, best_known, dir / "ChicagoSketch_flow.tntp", 1.0);
}
