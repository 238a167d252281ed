// analysis::zoned_demand_of, weights_for, candidate_links, rank_additions, closure_groups and
// rank_closures on the sample network, against plain Dijkstra distances between places.
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/analysis/whatif.hpp"
#include "corridor/error.hpp"
#include "corridor/path/dijkstra.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

analysis::analysis_input sample() {
  return analysis::open_input((test::source_dir() / "geodata/sample").string(), "");
}

/// The least weight from any node of place `a` to any node of place `b` (Dijkstra, no zones).
double place_distance(const built_network& net, const std::vector<double>& w, std::uint32_t a,
                      std::uint32_t b) {
  dijkstra_query q(net.graph);
  const std::vector<node_id> from = net.nodes_of(a);
  q.run(by_column(w), std::span<const node_id>(from));
  double best = infinite_distance;
  for (const node_id v : net.nodes_of(b)) best = std::min(best, q.distance(v));
  return best;
}

std::size_t links_of_record(const built_network& net, const std::string& id) {
  std::size_t count = 0;
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const std::uint32_t r = net.links.record[l];
    if (r != no_index && net.records.id[r] == id) ++count;
  }
  return count;
}

}  // namespace

TEST_CASE("zoned_demand_of: a list of places, 1 t each way, duplicates merged") {
  const analysis::analysis_input in = sample();
  const built_network& net = in.net();
  const analysis::zoned_demand d =
      analysis::zoned_demand_of(in.loaded(), "", "bangkok, kunming,,bangkok");
  REQUIRE(d.places.size() == 2);
  CHECK(d.places[0] == std::min(net.find_place("kunming"), net.find_place("bangkok")));
  CHECK(d.zones[0].size() == net.nodes_of(d.places[0]).size());
  CHECK(d.tonnes(0, 1) == 1);
  CHECK(d.tonnes(1, 0) == 1);
  CHECK(d.tonnes(0, 0) == 0);
  CHECK(d.description == "uniform demand, 1 t between every ordered pair of 2 places");
  const analysis::zoned_demand all = analysis::zoned_demand_of(in.loaded(), "", "all");
  CHECK(all.places.size() == net.place_count());
  CHECK(all.tonnes.sum() == doctest::Approx(double(net.place_count()) * (net.place_count() - 1)));
  CHECK_THROWS_WITH_AS((void)analysis::zoned_demand_of(in.loaded(), "", "kunming"),
                       "--between: give at least two places", input_error);
  CHECK_THROWS_WITH_AS((void)analysis::zoned_demand_of(in.loaded(), "d.csv", "kunming,bangkok"),
                       "whatif: give --demand or --between, not both", input_error);
}

TEST_CASE("weights_for: generalized by default on a corridor network, weight refused") {
  const analysis::analysis_input in = sample();
  const analysis::whatif_weights x = analysis::weights_for(in, "");
  CHECK(x.by == criterion::generalized);
  CHECK(x.physical);
  const std::vector<double> expected = filtered_weights(
      in.net(), in.links(),
      compute_link_costs(in.net(), in.links(), in.profile).criterion_weights(x.by), in.filter);
  CHECK(x.w == expected);
  CHECK_THROWS_AS((void)analysis::weights_for(in, "weight"), input_error);
}

TEST_CASE("rank_additions: a direct link's benefit is tonnes x (before - its weight)") {
  const analysis::analysis_input in = sample();
  const built_network& net = in.net();
  const analysis::whatif_weights x = analysis::weights_for(in, "time");
  const std::uint32_t kunming = net.find_place("kunming"), bangkok = net.find_place("bangkok");
  gis::candidate_row fast;  // a road straight from Kunming to Bangkok, far shorter than any route
  fast.id = "direct";
  fast.from = "kunming";
  fast.to = "bangkok";
  fast.mode = "road";
  fast.length_km = 100;
  fast.cost_musd = 50;
  fast.line = 2;
  gis::candidate_row useless = fast;  // a road of 100,000 km: no pair gains
  useless.id = "useless";
  useless.length_km = 1e5;
  useless.line = 3;
  const std::vector<candidate_link> cands =
      analysis::candidate_links(in, x, {useless, fast}, "c.csv");
  REQUIRE(cands.size() == 2);
  CHECK(net.nodes.layer[cands[1].from.value()].mode == mode::road);
  CHECK(net.place_of(cands[1].to) == bangkok);
  const analysis::zoned_demand d = analysis::zoned_demand_of(in.loaded(), "", "kunming,bangkok");
  analysis::addition_options o;
  o.candidates_with_pairs = 2;
  o.budget_musd = 60;
  const analysis::addition_ranking r = analysis::rank_additions(net.graph, x.w, d, cands, o);
  const double there = place_distance(net, x.w, kunming, bangkok);
  const double back = place_distance(net, x.w, bangkok, kunming);
  REQUIRE(cands[1].weight < std::min(there, back));
  REQUIRE(r.ranked.size() == 2);
  CHECK(r.ranked[0].candidate == 1);
  CHECK(r.ranked[0].benefit ==
        doctest::Approx((there - cands[1].weight) + (back - cands[1].weight)));
  CHECK(r.ranked[1].benefit == 0);
  CHECK(r.ranked[0].benefit_per_cost == doctest::Approx(r.ranked[0].benefit / 50));
  REQUIRE(r.top_pairs.size() == 2);
  REQUIRE(r.top_pairs[0].size() == 2);
  CHECK(r.top_pairs[0][0].tonnes == 1);
  CHECK(r.top_pairs[0][0].after == doctest::Approx(cands[1].weight));
  CHECK(r.top_pairs[1].empty());
  REQUIRE(r.chosen.has_value());  // 50 of the 60 MUSD: the direct link (useless costs 50 too)
  REQUIRE(r.chosen->picks.size() == 1);
  CHECK(r.chosen->picks[0].candidate == 1);
}

TEST_CASE("candidate_links: a place without a node of the mode names the row and field") {
  const analysis::analysis_input in = sample();
  const analysis::whatif_weights x = analysis::weights_for(in, "time");
  gis::candidate_row sea;
  sea.id = "inland";
  sea.from = "kunming";  // no port
  sea.to = "bangkok";
  sea.mode = "sea";
  sea.length_km = 10;
  sea.line = 7;
  try {
    (void)analysis::candidate_links(in, x, {sea}, "c.csv");
    FAIL("no error");
  } catch (const input_error& e) {
    CHECK(std::string(e.what()).find("c.csv:7: field 'from': kunming has no sea node") == 0);
  }
  gis::candidate_row weighted = sea;
  weighted.weight = 3;
  CHECK_THROWS_AS((void)analysis::candidate_links(in, x, {weighted}, "c.csv"), input_error);
}

TEST_CASE("closure_groups: links by record, corridors, facilities and named groups") {
  const analysis::analysis_input in = sample();
  const built_network& net = in.net();
  const analysis::whatif_weights x = analysis::weights_for(in, "time");
  analysis::closure_choice c;
  c.links = {"r_clr_11"};
  c.facilities = true;
  c.groups = {"clr=r_clr_11, r_clr_05"};
  const std::vector<analysis::closure_group> g = analysis::closure_groups(in.loaded(), x.w, c);
  REQUIRE(g.size() >= 3);
  CHECK(g[0].name == "r_clr_11");
  CHECK(g[0].kind == "link");
  CHECK(g[0].links.size() == links_of_record(net, "r_clr_11"));
  const analysis::closure_group& named = g.back();
  CHECK(named.name == "clr");
  CHECK(named.kind == "group");
  CHECK(named.links.size() == links_of_record(net, "r_clr_11") + links_of_record(net, "r_clr_05"));
  for (std::size_t i = 1; i + 1 < g.size(); ++i) {
    CHECK(g[i].kind == "facility");
    for (const link_id l : g[i].links) CHECK(net.links.mode[l.value()] == mode::transfer);
  }
  analysis::closure_choice bad;
  bad.links = {"nope"};
  CHECK_THROWS_AS((void)analysis::closure_groups(in.loaded(), x.w, bad), lookup_error);
  bad.links.clear();
  bad.groups = {"=r_clr_11"};
  CHECK_THROWS_WITH_AS((void)analysis::closure_groups(in.loaded(), x.w, bad),
                       "--group '=r_clr_11': expected NAME=ID,ID,...", input_error);
  // None chosen: every record with a usable link, once.
  const std::vector<analysis::closure_group> all = analysis::closure_groups(in.loaded(), x.w, {});
  for (const analysis::closure_group& grp : all) CHECK(grp.kind == "link");
  CHECK(all.size() <= net.records.size());
}

TEST_CASE("rank_closures: the cost of closing the yard is the detour Dijkstra finds") {
  const analysis::analysis_input in = sample();
  const built_network& net = in.net();
  const analysis::whatif_weights x = analysis::weights_for(in, "time");
  analysis::closure_choice c;
  c.links = {"r_clr_05", "r_clr_11"};
  const std::vector<analysis::closure_group> g = analysis::closure_groups(in.loaded(), x.w, c);
  const analysis::zoned_demand d = analysis::zoned_demand_of(in.loaded(), "", "kunming,bangkok");
  const analysis::closure_ranking r = analysis::rank_closures(net.graph, x.w, d, g);
  REQUIRE(r.impact.size() == 2);
  const std::uint32_t kunming = net.find_place("kunming"), bangkok = net.find_place("bangkok");
  for (std::size_t i = 0; i < 2; ++i) {
    std::vector<double> closed = x.w;
    for (const link_id l : g[i].links) closed[l.value()] = infinite_distance;
    double expected = 0, lost = 0;
    for (const auto& [a, b] : {std::pair{kunming, bangkok}, std::pair{bangkok, kunming}}) {
      const double before = place_distance(net, x.w, a, b),
                   after = place_distance(net, closed, a, b);
      if (std::isfinite(after)) {
        expected += after - before;
      } else {
        lost += 1;
      }
    }
    CAPTURE(g[i].name);
    CHECK(r.impact[i].cost_increase == doctest::Approx(expected));
    CHECK(r.impact[i].lost_tonnes == lost);
  }
  // Ordered by lost tonnes, then cost increase.
  const auto& a = r.impact[r.order[0]];
  const auto& b = r.impact[r.order[1]];
  CHECK((a.lost_tonnes > b.lost_tonnes ||
         (a.lost_tonnes == b.lost_tonnes && a.cost_increase >= b.cost_increase)));
}
