// Scenario overlays against materialised networks: random closures and changes on the bundled
// China-ASEAN network, applied as an overlay on the base and, for the oracle, to the records with
// the network rebuilt: the same link columns, usable links, weights, skims and routes. Stacked
// overlays equal edits applied one after the other. Unknown ids are rejected like apply_edits does.
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/gis/read.hpp"
#include "corridor/path/constrained.hpp"
#include "corridor/path/skim.hpp"
#include "corridor/scenario/overlay.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

bool same(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

scenario_edits random_edits(const gis::network_records& r, std::mt19937_64& rng) {
  std::uniform_int_distribution<std::size_t> pick(0, r.links.size() - 1);
  scenario_edits e;
  for (std::size_t k = rng() % 5; k > 0; --k) e.close.push_back(r.links[pick(rng)].id);
  for (std::size_t k = rng() % 6; k > 0; --k) {
    link_change c;
    c.link = r.links[pick(rng)].id;
    switch (rng() % 9) {
      case 0:
        c.status = static_cast<link_status>(rng() % 4);
        break;
      case 1:
        c.open_year = static_cast<std::int16_t>(2020 + rng() % 15);
        break;
      case 2:
        c.length_km = 1.0 + static_cast<double>(rng() % 900);
        break;
      case 3:
        c.speed_kmh = 10.0 + static_cast<double>(rng() % 150);
        break;
      case 4:
        c.capacity_t_per_year = static_cast<double>(rng() % 5000000);
        break;
      case 5:
        c.freight = rng() % 2 == 0;
        break;
      case 6:
        c.time_h = static_cast<double>(rng() % 48);
        break;
      case 7:
        c.cost_usd_per_t = static_cast<double>(rng() % 40);
        break;
      default:
        c.co2_kg_per_t = static_cast<double>(rng() % 30);
        break;
    }
    e.change.push_back(c);
  }
  return e;
}

void check_same(const built_network& base, const scenario_overlay& o, const built_network& mat,
                std::mt19937_64& rng) {
  REQUIRE(mat.graph.link_count() == base.graph.link_count());
  const link_columns &a = o.links(), &b = mat.links;
  for (std::uint32_t l = 0; l < base.graph.link_count(); ++l) {
    const link_id id{l};
    REQUIRE(mat.graph.tail(id) == base.graph.tail(id));
    REQUIRE(mat.graph.head(id) == base.graph.head(id));
    CHECK(a.status[l] == b.status[l]);
    CHECK(a.open_year[l] == b.open_year[l]);
    CHECK(a.freight[l] == b.freight[l]);
    CHECK(same(a.length_km[l], b.length_km[l]));
    CHECK(same(a.speed_kmh[l], b.speed_kmh[l]));
    CHECK(same(a.capacity_t_per_year[l], b.capacity_t_per_year[l]));
    CHECK(same(a.time_h[l], b.time_h[l]));
    CHECK(same(a.cost_usd_per_t[l], b.cost_usd_per_t[l]));
    CHECK(same(a.co2_kg_per_t[l], b.co2_kg_per_t[l]));
  }
  link_filter f;
  if (rng() % 3 == 0) f.year = 2030;
  if (rng() % 4 == 0) f.full_build_out = true;
  if (rng() % 3 == 0) f.exclude_mode(mode::road);
  const cost_profile p = cost_profile::defaults();
  CHECK(o.usable(f) == usable_links(mat, f));
  for (const criterion c : {criterion::time, criterion::cost, criterion::generalized}) {
    const std::vector<double> wo = o.weights(p, c, f);
    const std::vector<double> wm =
        filtered_weights(mat, compute_link_costs(mat, p).criterion_weights(c), f);
    CHECK(wo == wm);
    // Searches on the base graph with the overlay's weights: the materialised network's skims.
    std::vector<node_set> zones;
    for (int k = 0; k < 6; ++k) {
      const auto place = static_cast<std::uint32_t>(rng() % base.place_count());
      const auto nodes = base.nodes_of(place);
      zones.emplace_back(nodes.begin(), nodes.end());
    }
    CHECK(skim(base.graph, by_column(wo), zones, zones) ==
          skim(mat.graph, by_column(wm), zones, zones));
  }
  // Routes, plain and with a rail main haul and road access at most 200 km per link (judged by
  // the overlay's lengths), on the base with the overlay's columns: the materialised routes.
  const link_costs co = o.costs(p), cm = compute_link_costs(mat, p);
  route_constraints rc;
  rc.require_mode(mode::rail);
  rc.access_mode(mode::road);
  rc.max_access_km = 200;
  for (int k = 0; k < 4; ++k) {
    const auto from = static_cast<std::uint32_t>(rng() % base.place_count());
    const auto to = static_cast<std::uint32_t>(rng() % base.place_count());
    for (const route_constraints& c : {route_constraints{}, rc}) {
      const route ro = find_constrained_route(base, o.links(), co, criterion::time, f, from, to, c);
      const route rm = find_constrained_route(mat, cm, criterion::time, f, from, to, c);
      REQUIRE(ro.status == rm.status);
      CHECK(ro.totals.time_h == rm.totals.time_h);
      CHECK(ro.totals.distance_km == rm.totals.distance_km);
      CHECK(ro.legs.size() == rm.legs.size());
    }
  }
}

}  // namespace

TEST_CASE("overlay: closures and changes equal the materialised network" *
          doctest::test_suite("slow")) {
  const gis::network_records records =
      gis::read_network_records(test::source_dir() / "geodata/china-asean");
  const gis::loaded_network base = gis::build_network(records);
  std::mt19937_64 rng(test::seed());
  for (int round = 0; round < 40; ++round) {
    CAPTURE(round);
    const scenario_edits e = random_edits(records, rng);
    const scenario_overlay o(base.net, e);
    CHECK_FALSE(o.needs_materialising());
    gis::network_records r = records;
    apply_edits(e, r.places, r.links);
    check_same(base.net, o, gis::build_network(r).net, rng);
    // Stacked: a second set on top of the first.
    const scenario_edits e2 = random_edits(records, rng);
    const scenario_overlay stacked(o, e2);
    apply_edits(e2, r.places, r.links);
    check_same(base.net, stacked, gis::build_network(r).net, rng);
  }
}

TEST_CASE("overlay: unknown ids and additions") {
  const gis::loaded_network base = gis::read_network(test::source_dir() / "geodata/china-asean");
  scenario_edits e;
  e.close = {"nope"};
  e.close_origin = {"x.toml:3"};
  CHECK_THROWS_WITH_AS(scenario_overlay(base.net, e),
                       "x.toml:3: close: no link 'nope' in the base network", input_error);
  scenario_edits c;
  c.change.push_back({.link = "nada", .origin = "x.toml:9"});
  CHECK_THROWS_WITH_AS(scenario_overlay(base.net, c),
                       "x.toml:9: change: no link 'nada' in the base network", input_error);
  scenario_edits add;
  add.add_links.push_back({.id = "new", .from = "kunming", .to = "bangkok"});
  const scenario_overlay o(base.net, add);
  CHECK(o.needs_materialising());
  CHECK(scenario_overlay(o, scenario_edits{}).needs_materialising());
}
