// analysis::read_demand, load_demand, route_at_least_cost and corridor_totals on the sample
// network, against single-pair routes (find_route) and a hand-derived min-cost split.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/analysis/demand.hpp"
#include "corridor/error.hpp"
#include "corridor/network/labels.hpp"
#include "corridor/path/route.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

analysis::network_state sample_state() {
  analysis::network_cache cache;
  analysis::network_state s;
  s.read = cache.get(test::source_dir() / "geodata/sample");
  return s;
}

/// The links of a route, each once (a stop leg lists the travel link it happens on again).
std::vector<link_id> links_of(const route& r) {
  std::vector<link_id> out;
  for (const leg& g : r.legs) out.insert(out.end(), g.links.begin(), g.links.end());
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace

TEST_CASE("read_demand: places by id or name, rows of one pair summed, same-place rows apart") {
  const analysis::network_state s = sample_state();
  const test::temp_dir dir;
  const auto csv = dir.write("od.csv",
                             "origin,destination,tonnes\n"
                             "kunming,bangkok,5\n"
                             "Kunming,Bangkok,2.5\n"
                             "bangkok,kunming,1\n"
                             "yuxi,yuxi,4\n");
  const analysis::place_demand d = analysis::read_demand(s.loaded(), csv.string());
  const built_network& net = s.net();
  REQUIRE(d.pairs.size() == 2);
  CHECK(d.pairs[0].origin == net.find_place("kunming"));
  CHECK(d.pairs[0].destination == net.find_place("bangkok"));
  CHECK(d.pairs[0].tonnes == 7.5);
  CHECK(d.pairs[0].line == 2);
  CHECK(d.pairs[1].tonnes == 1);
  CHECK(d.pairs[1].line == 4);
  CHECK(d.intrazonal == 4);
  CHECK(d.total_tonnes() == 8.5);
  const std::vector<place_od> od = d.place_ods();
  REQUIRE(od.size() == 2);
  CHECK(od[1].origin == net.find_place("bangkok"));
  CHECK(od[1].tonnes == 1);
}

TEST_CASE("read_demand: an unknown place names the file, line and field") {
  const analysis::network_state s = sample_state();
  const test::temp_dir dir;
  const auto csv =
      dir.write("od.csv", "origin,destination,tonnes\nkunming,bangkok,5\nkunming,atlantis,1\n");
  try {
    (void)analysis::read_demand(s.loaded(), csv.string());
    FAIL("no error");
  } catch (const lookup_error& e) {
    const std::string what = e.what();
    CHECK(what.find(csv.string() + ":3: field 'destination'") != std::string::npos);
    CHECK(what.find("atlantis") != std::string::npos);
  }
}

TEST_CASE("load_demand: all-or-nothing puts each pair's tonnes on its best route") {
  const analysis::network_state s = sample_state();
  const built_network& net = s.net();
  const link_costs costs = compute_link_costs(net, cost_profile::defaults());
  const std::uint32_t kunming = net.find_place("kunming"), bangkok = net.find_place("bangkok"),
                      vientiane = net.find_place("vientiane");
  analysis::place_demand d;
  d.pairs = {{kunming, bangkok, 5, 2}, {bangkok, vientiane, 3, 3}};
  for (const criterion by : {criterion::time, criterion::cost}) {
    CAPTURE(to_string(by));
    const analysis::demand_volumes v = analysis::load_demand(
        s, link_filter{}, costs, d, by, analysis::loading_method::all_or_nothing);
    std::vector<double> expected(net.graph.link_count(), 0.0);
    for (const analysis::od_pair& p : d.pairs) {
      const route r = find_route(net, net.links, costs, by, link_filter{}, p.origin, p.destination);
      REQUIRE(r.status == route_status::ok);
      for (const link_id l : links_of(r)) expected[l.value()] += p.tonnes;
    }
    for (std::uint32_t l = 0; l < expected.size(); ++l) {
      CAPTURE(l);
      CAPTURE(link_label(net, link_id{l}));
      CHECK(v.volume[l] == expected[l]);
    }
    CHECK(v.unrouted_tonnes == 0);
  }
}

TEST_CASE("load_demand: a pair without a usable path is unrouted, and equilibrium needs time") {
  const analysis::network_state s = sample_state();
  const built_network& net = s.net();
  const link_costs costs = compute_link_costs(net, cost_profile::defaults());
  link_filter no_road;
  no_road.exclude_mode(mode::road);
  analysis::place_demand d;  // Kunming -> Chiang Rai is road-only
  d.pairs = {{net.find_place("kunming"), net.find_place("chiang_rai"), 5, 2},
             {net.find_place("kunming"), net.find_place("bangkok"), 3, 3}};
  for (const auto method :
       {analysis::loading_method::all_or_nothing, analysis::loading_method::equilibrium}) {
    const analysis::demand_volumes v =
        analysis::load_demand(s, no_road, costs, d, criterion::time, method);
    CHECK(v.unrouted_tonnes == 5);
    double max_volume = 0;
    for (const double x : v.volume) max_volume = std::max(max_volume, x);
    CHECK(max_volume == doctest::Approx(3));  // 3 t far below any capacity: one path
  }
  CHECK_THROWS_WITH_AS((void)analysis::load_demand(s, no_road, costs, d, criterion::distance,
                                                   analysis::loading_method::equilibrium),
                       "--assignment gp: congestion acts on time; use --by time or generalized, "
                       "not --by distance",
                       input_error);
}

TEST_CASE("route_at_least_cost: the yard's capacity splits the demand as the closed form says") {
  // Kunming -> Bangkok by generalized cost is cheapest by rail through the Vientiane South -
  // Thanaleng yard (800 kt/yr, the only capacitated link on its paths). At least cost the yard
  // carries its capacity at G_free and the rest goes by the best path without it (G_alt):
  // cost = c G_free + (D - c) G_alt.
  const analysis::network_state s = sample_state();
  const built_network& net = s.net();
  const link_costs costs = compute_link_costs(net, cost_profile::defaults());
  const std::uint32_t from = net.find_place("kunming"), to = net.find_place("bangkok");
  analysis::place_demand d;
  d.pairs = {{from, to, 10e6, 2}};
  const route free =
      find_route(net, net.links, costs, criterion::generalized, link_filter{}, from, to);
  REQUIRE(free.status == route_status::ok);
  link_id yard = link_id::invalid();
  for (const link_id l : links_of(free)) {
    if (std::isfinite(net.links.capacity_t_per_year[l.value()])) yard = l;
  }
  REQUIRE(yard.valid());
  const double c = net.links.capacity_t_per_year[yard.value()];
  CHECK(c == 800000);
  link_filter closed;
  closed.excluded_records.push_back(net.links.record[yard.value()]);
  const route alt = find_route(net, net.links, costs, criterion::generalized, closed, from, to);
  REQUIRE(alt.status == route_status::ok);
  const analysis::mincost_result r = analysis::route_at_least_cost(
      net, net.links, link_filter{}, costs, d, criterion::generalized);
  REQUIRE(r.status == min_cost_status::optimal);
  CHECK(r.total_tonnes == 10e6);
  CHECK(r.volume[yard.value()] == doctest::Approx(c));
  CHECK(r.cost ==
        doctest::Approx(c * free.totals.weight + (10e6 - c) * alt.totals.weight).epsilon(1e-9));
}

TEST_CASE("corridor_totals: busiest link and tonne-km per named corridor") {
  const analysis::network_state s = sample_state();
  const built_network& net = s.net();
  // Two links of the corridor that the first corridor link belongs to: 2 t and 5 t.
  std::uint32_t corridor = no_index;
  std::vector<std::uint32_t> picked;
  for (std::uint32_t l = 0; l < net.graph.link_count() && picked.size() < 2; ++l) {
    const std::uint32_t rec = net.links.record[l];
    if (rec == no_index) continue;
    for (const std::uint32_t c : net.records.corridors_of(rec)) {
      if (corridor == no_index) corridor = c;
      if (c == corridor) picked.push_back(l);
    }
  }
  REQUIRE(picked.size() == 2);
  std::vector<double> volume(net.graph.link_count(), 0.0);
  volume[picked[0]] = 2;
  volume[picked[1]] = 5;
  const std::vector<analysis::corridor_total> t = analysis::corridor_totals(net, net.links, volume);
  REQUIRE(t.size() == net.corridors.size());
  CHECK(t[corridor].max_link_tonnes == 5);
  CHECK(t[corridor].tonne_km ==
        doctest::Approx(2 * net.links.length_km[picked[0]] + 5 * net.links.length_km[picked[1]]));
  const std::vector<analysis::corridor_total> none =
      analysis::corridor_totals(net, net.links, std::vector<double>(net.graph.link_count(), 0.0));
  for (const analysis::corridor_total& x : none) CHECK(x.tonne_km == 0);
}
