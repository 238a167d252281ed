// Place-to-place assignment on the bundled sample network against a closed form. Kunming ->
// Bangkok by generalized cost (USD/t) is best by rail, whose only capacitated link is the
// Vientiane South - Thanaleng gauge-change yard (800 kt/yr). At equilibrium the yard carries v:
//   G_free + t0 alpha (v / c)^beta = G_alt,  so  v = c ((G_alt - G_free) / (alpha t0))^(1 / beta),
// where G_free is the best generalized cost at zero flow (a path through the yard), G_alt the best
// with the yard closed (Dijkstra oracles, find_route) and t0 the yard link's free time valued at
// the value of time (BPR acts on the time part); every other link has no capacity. The rest of the
// demand takes the alternative. Doubling the capacity (a scenario overlay) doubles v.
#include <algorithm>
#include <cmath>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/assign/places.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/path/route.hpp"
#include "corridor/scenario/overlay.hpp"
#include "test_support.hpp"

using namespace corridor;

TEST_CASE("place assignment: the yard's equilibrium volume equals the closed form") {
  const gis::loaded_network n = gis::read_network(test::source_dir() / "geodata/sample");
  const built_network& net = n.net;
  const cost_profile profile = cost_profile::defaults();
  const std::uint32_t from = net.find_place("kunming"), to = net.find_place("bangkok");
  REQUIRE(from != no_index);
  REQUIRE(to != no_index);
  std::uint32_t yard_record = no_index;
  for (std::uint32_t r = 0; r < net.records.size(); ++r) {
    if (net.records.id[r] == "r_clr_11") yard_record = r;
  }
  REQUIRE(yard_record != no_index);
  const double demand = 10e6;  // t/yr: far above the yard's 800 kt, so both routes are used
  const bpr_parameters bpr{0.15, 4};
  assignment_options opt;
  opt.algorithm = assignment_algorithm::gp;
  opt.relative_gap = 1e-12;
  opt.max_iterations = 500;
  const std::vector<place_od> od = {{from, to, demand}};  // generalized: rail is cheapest

  const auto check = [&](const link_columns& L, double capacity) {
    const link_costs costs = compute_link_costs(net, L, profile);
    const route free = find_route(net, L, costs, criterion::generalized, link_filter{}, from, to);
    REQUIRE(free.status == route_status::ok);
    link_id yard = link_id::invalid();
    for (const leg& g : free.legs) {
      for (const link_id l : g.links) {
        if (L.record[l.value()] == yard_record) yard = l;
      }
    }
    REQUIRE(yard.valid());  // the free-flow best path goes through the yard
    link_filter closed;
    closed.excluded_records.push_back(yard_record);
    const route alt = find_route(net, L, costs, criterion::generalized, closed, from, to);
    REQUIRE(alt.status == route_status::ok);
    // BPR acts on the time part, valued at the value of time.
    const double t0 = costs.value_of_time_usd_per_t_h * costs.time_h(yard.value());
    const double expected =
        capacity *
        std::pow((alt.totals.weight - free.totals.weight) / (bpr.alpha * t0), 1 / bpr.beta);
    REQUIRE(expected < demand);
    const place_assignment r =
        assign_places(net, L, costs, link_filter{}, od, criterion::generalized, bpr, opt);
    CHECK(r.result.status == assignment_status::converged);
    CHECK(r.routed == demand);
    CHECK(r.unrouted.empty());
    CHECK(r.capacity[yard.value()] == capacity);
    CHECK(r.volume[yard.value()] == doctest::Approx(expected).epsilon(1e-6));
    // The rest takes the alternative: its links off the free-flow path carry demand - v.
    std::vector<link_id> on_free;
    for (const leg& g : free.legs) on_free.insert(on_free.end(), g.links.begin(), g.links.end());
    int off_free = 0;
    for (const leg& g : alt.legs) {
      for (const link_id l : g.links) {
        if (std::find(on_free.begin(), on_free.end(), l) != on_free.end()) continue;
        ++off_free;
        CHECK(r.volume[l.value()] == doctest::Approx(demand - expected).epsilon(1e-6));
      }
    }
    CHECK(off_free > 0);
    return r.volume[yard.value()];
  };
  const double v = check(net.links, 800000);
  // A scenario doubling the yard's capacity, as an overlay: v doubles.
  scenario_edits e;
  e.change.push_back({.link = "r_clr_11", .capacity_t_per_year = 1.6e6});
  const scenario_overlay o(net, e);
  CHECK(check(o.links(), 1.6e6) == doctest::Approx(2 * v).epsilon(1e-6));
}

TEST_CASE("place assignment: unrouted and same-place pairs") {
  const gis::loaded_network n = gis::read_network(test::source_dir() / "geodata/sample");
  const built_network& net = n.net;
  const link_costs costs = compute_link_costs(net, cost_profile::defaults());
  link_filter no_road;
  no_road.exclude_mode(mode::road);
  // Kunming -> Chiang Rai is road-only; Kunming -> Kunming carries nothing.
  const std::uint32_t kunming = net.find_place("kunming"),
                      chiang_rai = net.find_place("chiang_rai"),
                      bangkok = net.find_place("bangkok");
  const std::vector<place_od> od = {
      {kunming, chiang_rai, 5}, {kunming, kunming, 7}, {kunming, bangkok, 3}};
  const place_assignment r = assign_places(net, net.links, costs, no_road, od,
                                           criterion::generalized, {}, assignment_options{});
  CHECK(r.unrouted == std::vector<std::size_t>{0});
  CHECK(r.unrouted_tonnes == 5);
  CHECK(r.routed == 3);
}

TEST_CASE("all_or_nothing_places: the paths assign_places loads where nothing congests") {
  // With every capacity removed, equilibrium assignment is all-or-nothing: both must load the
  // same tonnes on every link (the oracle is the zoned assignment, not the same code).
  const gis::loaded_network n = gis::read_network(test::source_dir() / "geodata/sample");
  const built_network& net = n.net;
  link_columns L = net.links;
  std::fill(L.capacity_t_per_year.begin(), L.capacity_t_per_year.end(), std::nan(""));
  const link_costs costs = compute_link_costs(net, L, cost_profile::defaults());
  const auto p = [&](const char* id) { return net.find_place(id); };
  const std::vector<place_od> od = {{p("kunming"), p("bangkok"), 5},
                                    {p("bangkok"), p("vientiane"), 3},
                                    {p("laem_chabang"), p("kunming"), 2},
                                    {p("vientiane"), p("vientiane"), 9}};
  for (const criterion by : {criterion::time, criterion::generalized}) {
    CAPTURE(to_string(by));
    const place_assignment eq =
        assign_places(net, L, costs, link_filter{}, od, by, {}, assignment_options{});
    const std::vector<double> w = filtered_weights(net, L, costs.criterion_weights(by), {});
    const place_loading aon = all_or_nothing_places(net, w, od);
    REQUIRE(aon.volume.size() == eq.volume.size());
    for (std::size_t l = 0; l < aon.volume.size(); ++l) {
      CAPTURE(l);
      CHECK(aon.volume[l] == doctest::Approx(eq.volume[l]));
    }
    CHECK(aon.routed == 10);
    CHECK(aon.unrouted.empty());
  }
  // A pair without a usable path: listed, its tonnes counted apart.
  link_filter no_road;
  no_road.exclude_mode(mode::road);
  const std::vector<double> w =
      filtered_weights(net, L, costs.criterion_weights(criterion::time), no_road);
  const place_loading r =
      all_or_nothing_places(net, w, std::vector<place_od>{{p("kunming"), p("chiang_rai"), 5}});
  CHECK(r.unrouted == std::vector<std::size_t>{0});
  CHECK(r.unrouted_tonnes == 5);
  CHECK(r.routed == 0);
}
