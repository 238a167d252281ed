// Demand CSV files: columns found by header in any order, quoted fields, comments and a BOM;
// every error names the file, the line and the field. And demand on the bundled network: the
// zoned min-cost flow of the durian demand equals the sum of place-to-place shortest paths (an
// independent multi-source Dijkstra oracle), its capacities being far from binding.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/assign/zones.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/flow/min_cost_flow.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/path/dijkstra.hpp"
#include "test_support.hpp"

using namespace corridor;
namespace fs = std::filesystem;

TEST_CASE("demand: columns by header, quotes, comments and a BOM") {
  const test::temp_dir dir;
  const fs::path p = dir.write("od.csv",
                               "\xEF\xBB\xBF# a comment\n"
                               "commodity,tonnes,destination,origin\n"
                               "durian, 1200.5 ,kunming,chanthaburi_durian\n"
                               "\n"
                               "sugar,0,\"Port of Singapore, PSA\",\"Bangkok \"\"BKK\"\"\"\r\n");
  const std::vector<gis::od_row> rows = gis::read_od_csv(p);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].origin == "chanthaburi_durian");
  CHECK(rows[0].destination == "kunming");
  CHECK(rows[0].tonnes == 1200.5);
  CHECK(rows[0].line == 3);
  CHECK(rows[1].origin == "Bangkok \"BKK\"");
  CHECK(rows[1].destination == "Port of Singapore, PSA");
  CHECK(rows[1].tonnes == 0);
  CHECK(rows[1].line == 5);
}

TEST_CASE("demand: errors name the file, the line and the field") {
  const test::temp_dir dir;
  struct bad {
    const char* text;
    const char* message;  // after "<path>"
  };
  const bad cases[] = {
      {"origin,destination\na,b\n",
       ":1: no 'tonnes' column in the header (expected origin,destination,tonnes)"},
      {"origin,destination,tonnes\na,b,-1\n", ":2: field 'tonnes': '-1' is not a number >= 0"},
      {"origin,destination,tonnes\na,b,12t\n", ":2: field 'tonnes': '12t' is not a number >= 0"},
      {"origin,destination,tonnes\na,b\n", ":2: field 'tonnes': missing (the line has 2 fields)"},
      {"origin,destination,tonnes\n,b,1\n", ":2: field 'origin': empty"},
      {"origin,destination,tonnes\n\"a,b,1\n", ":2: unclosed quote in '\"a,b,1'"},
      {"# nothing\n", ": empty (expected a header origin,destination,tonnes)"},
  };
  for (const bad& c : cases) {
    CAPTURE(c.text);
    const fs::path p = dir.write("od.csv", c.text);
    CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_od_csv(p)), (p.string() + c.message).c_str(),
                         input_error);
  }
  CHECK_THROWS_AS(static_cast<void>(gis::read_od_csv(dir.path() / "missing.csv")), lookup_error);
}

TEST_CASE(
    "demand: min-cost flow of the durian demand is the sum of shortest place-to-place paths") {
  const gis::loaded_network n = gis::read_network(test::source_dir() / "geodata/china-asean");
  const built_network& net = n.net;
  const auto rows = gis::read_od_csv(test::source_dir() / "geodata/demand/thai-durian-2023.csv");
  REQUIRE(rows.size() == 3);
  const link_filter filter;
  const std::vector<std::uint8_t> usable = usable_links(net, filter);
  const std::vector<double> cost =
      compute_link_costs(net, cost_profile::defaults()).criterion_weights(criterion::cost);
  // Oracle: for each row, Dijkstra from every node of the origin place over usable links.
  dijkstra_query q(net.graph);
  double oracle = 0, total = 0;
  std::vector<std::vector<node_id>> zone_nodes;
  std::vector<double> zone_supply;
  const auto zone_of = [&](std::uint32_t place, double tonnes) {
    const auto nodes = net.nodes_of(place);
    zone_nodes.emplace_back(nodes.begin(), nodes.end());
    zone_supply.push_back(tonnes);
  };
  const std::uint32_t origin = net.find_place(rows[0].origin);
  zone_of(origin, 0);
  for (const gis::od_row& r : rows) {
    REQUIRE(net.find_place(r.origin) == origin);
    const std::uint32_t d = net.find_place(r.destination);
    REQUIRE(d != no_index);
    const auto from = net.nodes_of(origin);
    q.run([&](link_id l) { return usable[l.value()] ? cost[l.value()] : infinite_distance; },
          std::span<const node_id>(from.data(), from.size()));
    double best = infinite_distance;
    for (const node_id v : net.nodes_of(d)) {
      if (q.reached(v)) best = std::min(best, q.distance(v));
    }
    REQUIRE(best < infinite_distance);
    oracle += r.tonnes * best;
    total += r.tonnes;
    zone_of(d, -r.tonnes);
  }
  zone_supply[0] = total;
  const zoned_network z = add_zones(net.graph, usable, zone_nodes);
  std::vector<double> supply(z.graph.node_count(), 0.0);
  for (std::uint32_t i = 0; i < z.zones; ++i) supply[i] = zone_supply[i];
  const std::vector<double> capacity =
      z.column<double>(net.links.capacity_t_per_year, std::nan(""));
  const min_cost_flow_result r =
      min_cost_flow(z.graph, by_column(capacity), by_column(z.column<double>(cost, 0.0)), supply);
  REQUIRE(r.status == min_cost_status::optimal);
  CHECK(r.cost == doctest::Approx(oracle).epsilon(1e-9));
  // The flow leaves the origin zone whole and respects every capacity.
  const std::vector<double> base = z.to_base(r.flow, net.graph.link_count());
  for (std::uint32_t l = 0; l < base.size(); ++l) {
    const double c = net.links.capacity_t_per_year[l];
    if (std::isfinite(c)) CHECK(base[l] <= c + 1e-9);
    if (!usable[l]) CHECK(base[l] == 0);
  }
}
