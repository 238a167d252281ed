// Link-addition ranking on the bundled China-ASEAN network against full recomputation: for each
// candidate of geodata/candidates/china-asean-rail.csv, the network is rebuilt with the link as a
// record (so the builder and the cost model price it), skimmed again, and the demand-weighted
// saving compared with the ranker's, which prices candidates with new_link_weight on the layer
// nodes. Also the candidates reader and its errors.
#include <cmath>
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/whatif/add_links.hpp"
#include "test_support.hpp"

using namespace corridor;
namespace fs = std::filesystem;

namespace {

std::vector<node_set> zones_of(const built_network& net, const std::vector<std::string>& ids) {
  std::vector<node_set> out;
  for (const std::string& id : ids) {
    const std::uint32_t p = net.find_place(id);
    REQUIRE(p != no_index);
    const auto nodes = net.nodes_of(p);
    out.emplace_back(nodes.begin(), nodes.end());
  }
  return out;
}

Eigen::MatrixXd zone_skim(const built_network& net, const std::vector<std::string>& ids,
                          criterion by) {
  const std::vector<double> w = filtered_weights(
      net, compute_link_costs(net, cost_profile::defaults()).criterion_weights(by), link_filter{});
  const std::vector<node_set> z = zones_of(net, ids);
  return skim(net.graph, by_column(w), z, z);
}

}  // namespace

TEST_CASE("whatif: ranking on the bundled network equals rebuilding it with each candidate") {
  const fs::path dir = test::source_dir() / "geodata";
  const gis::network_records records = gis::read_network_records(dir / "china-asean");
  const gis::loaded_network n = gis::build_network(records);
  const built_network& net = n.net;
  const std::vector<gis::candidate_row> rows =
      gis::read_candidates(dir / "candidates/china-asean-rail.csv");
  REQUIRE(rows.size() == 6);
  const std::vector<std::string> places{"kunming", "mandalay",      "yangon",
                                        "hanoi",   "haiphong_port", "lach_huyen",
                                        "bangkok", "kyaukphyu",     "hcmc"};
  const auto z = static_cast<Eigen::Index>(places.size());
  Eigen::MatrixXd demand = Eigen::MatrixXd::Ones(z, z);
  demand.diagonal().setZero();
  for (const criterion by : {criterion::generalized, criterion::time}) {
    CAPTURE(to_string(by));
    std::vector<candidate_link> cands;
    for (const gis::candidate_row& r : rows) {
      candidate_link c;
      const std::uint32_t pf = net.find_place(r.from), pt = net.find_place(r.to);
      for (const node_id v : net.nodes_of(pf)) {
        if (net.nodes.layer[v.value()] == layer{mode::rail, r.gauge_mm}) c.from = v;
      }
      for (const node_id v : net.nodes_of(pt)) {
        if (net.nodes.layer[v.value()] == layer{mode::rail, r.gauge_mm}) c.to = v;
      }
      REQUIRE(c.from.valid());
      REQUIRE(c.to.valid());
      const bool border = net.places.country[pf] != net.places.country[pt];
      const double border_h =
          border ? border_time_h(net, cost_profile::defaults(), mode::rail, pf, pt) : not_given;
      c.weight = new_link_weight(cost_profile::defaults(), by, mode::rail, r.gauge_mm, r.length_km,
                                 r.speed_kmh, border_h);
      c.cost = r.cost_musd;
      cands.push_back(c);
    }
    const std::vector<double> w = filtered_weights(
        net, compute_link_costs(net, cost_profile::defaults()).criterion_weights(by),
        link_filter{});
    const link_addition_ranker ranker(net.graph, by_column(w), zones_of(net, places), demand,
                                      cands);
    const Eigen::MatrixXd base = zone_skim(net, places, by);
    for (std::uint32_t k = 0; k < rows.size(); ++k) {
      CAPTURE(rows[k].id);
      gis::network_records with = records;
      link_record l;
      l.id = rows[k].id;
      l.from = rows[k].from;
      l.to = rows[k].to;
      l.mode = mode::rail;
      l.length_km = rows[k].length_km;
      l.gauge_mm = rows[k].gauge_mm;
      l.speed_kmh = rows[k].speed_kmh;
      with.links.push_back(l);
      const gis::loaded_network rebuilt = gis::build_network(with);
      const Eigen::MatrixXd after = zone_skim(rebuilt.net, places, by);
      double benefit = 0;
      for (Eigen::Index i = 0; i < z; ++i) {
        for (Eigen::Index j = 0; j < z; ++j) {
          if (std::isfinite(base(i, j))) benefit += demand(i, j) * (base(i, j) - after(i, j));
        }
      }
      const Eigen::MatrixXd mine = ranker.od_with(k);
      for (Eigen::Index i = 0; i < z; ++i) {
        for (Eigen::Index j = 0; j < z; ++j) {
          CHECK(mine(i, j) == doctest::Approx(after(i, j)).epsilon(1e-12));
        }
      }
      CHECK(ranker.evaluate(k).benefit == doctest::Approx(benefit).epsilon(1e-9));
    }
  }
}

TEST_CASE("whatif: candidates files, and their errors with file, line and field") {
  const test::temp_dir dir;
  const fs::path good = dir.write("c.csv",
                                  "id,from,to,weight,cost_musd,oneway\n"
                                  "a,1,2,5.5,10,1\n"
                                  "b,2,3,0,,0\n");
  const auto rows = gis::read_candidates(good);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].weight == 5.5);
  CHECK(rows[0].cost_musd == 10);
  CHECK(rows[0].oneway);
  CHECK(std::isnan(rows[1].cost_musd));
  CHECK_FALSE(rows[1].oneway);
  struct bad {
    const char* text;
    const char* message;  // after "<path>"
  };
  const bad cases[] = {
      {"id,from,to\na,1,2\n",
       ":1: no 'weight' column, nor 'mode' and 'length_km' (expected id,from,to and weight, or "
       "id,from,to,mode,length_km)"},
      {"id,from,to,weight\na,1,2,-1\n", ":2: field 'weight': '-1' is not a number >= 0"},
      {"id,from,to,weight\na,1,2,1\na,2,3,1\n", ":3: field 'id': 'a' appears twice"},
      {"id,from,to,mode,length_km\na,x,y,air,10\n",
       ":2: field 'mode': 'air' is not rail, road, sea or inland_waterway"},
      {"id,from,to,mode,length_km\na,x,y,rail,0\n",
       ":2: field 'length_km': '0' is not a number > 0"},
      {"id,from,to,weight,oneway\na,1,2,1,yes\n", ":2: field 'oneway': 'yes' is not 0 or 1"},
      {"id,from,to,weight\na,,2,1\n", ":2: field 'from': empty"},
  };
  for (const bad& c : cases) {
    CAPTURE(c.text);
    const fs::path p = dir.write("bad.csv", c.text);
    CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_candidates(p)),
                         (p.string() + c.message).c_str(), input_error);
  }
}

TEST_CASE("whatif: candidates from a GIS layer, lengths measured along the lines") {
  const test::temp_dir dir;
  // Two straight segments (0,0)-(1,0)-(1,1) in lon/lat: the length is the sum of two great
  // circles; the second feature gives its own length.
  const fs::path layer = dir.write("c.geojson",
                                   R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"a","from":"x","to":"y","mode":"rail","cost_musd":5},
 "geometry":{"type":"LineString","coordinates":[[0,0],[1,0],[1,1]]}},
{"type":"Feature","properties":{"id":"b","from":"y","to":"z","mode":"road","length_km":42},
 "geometry":null}]})");
  const auto rows = gis::read_candidates(layer);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].length_km ==
        doctest::Approx(geo::great_circle_km({0, 0}, {1, 0}) + geo::great_circle_km({1, 0}, {1, 1}))
            .epsilon(1e-12));
  CHECK(rows[0].cost_musd == 5);
  CHECK(rows[1].length_km == 42);
  CHECK(rows[1].mode == "road");
  const fs::path bad = dir.write("bad.geojson",
                                 R"({"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"id":"a","from":"x","to":"y","mode":"air"},
 "geometry":{"type":"LineString","coordinates":[[0,0],[1,0]]}}]})");
  CHECK_THROWS_WITH_AS(
      static_cast<void>(gis::read_candidates(bad)),
      (bad.string() + " feature 1: field 'mode': 'air' is not rail, road, sea or inland_waterway")
          .c_str(),
      input_error);
}
