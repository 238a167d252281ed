// Reading corridor's schema through OGR: the bundled sample, field maps, and every kind of bad
// input rejected with a message naming file, feature and field.
#include <filesystem>
#include <fstream>
#include <string>

#include <doctest/doctest.h>

#include "corridor/gis/read.hpp"
#include "corridor/path/route.hpp"
#include "test_support.hpp"

using namespace corridor;
namespace fs = std::filesystem;

namespace {

const char* const nodes_ok = R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "a", "name": "A town", "kind": "city", "country": "LA"}, "geometry": {"type": "Point", "coordinates": [102.0, 18.0]}},
{"type": "Feature", "properties": {"id": "b", "name": "B port", "kind": "seaport", "country": "TH"}, "geometry": {"type": "Point", "coordinates": [101.0, 14.0]}}
]})";

std::string links_with(const std::string& props) {
  return R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "ok", "from": "a", "to": "b", "mode": "road", "length_km": 500}, "geometry": null},
{"type": "Feature", "properties": )" +
         props + R"(, "geometry": null}
]})";
}

std::string read_error(const std::string& nodes, const std::string& links) {
  const test::temp_dir d;
  (void)d.write("nodes.geojson", nodes);
  (void)d.write("links.geojson", links);
  try {
    (void)gis::read_network(d.path());
  } catch (const error& e) {
    return test::replace_all(e.what(), d.path().string(), "DIR");
  }
  return "no error";
}

}  // namespace

TEST_CASE("read: the bundled sample (geodata/sample)") {
  const gis::loaded_network n = gis::read_network(test::source_dir() / "geodata/sample");
  const built_network& net = n.net;
  CHECK(n.format == gis::format::geodata);
  CHECK(net.place_count() == 27);
  CHECK(net.records.size() == 39);
  const std::uint32_t k = net.find_place("kunming");
  REQUIRE(k != no_index);
  CHECK(net.places.kind[k] == node_kind::rail_hub);
  CHECK(net.places.country[k] == "CN");
  CHECK(net.places.position[k].lon == doctest::Approx(102.718));
  // The gauge break is read from gauge_mm / gauge_to_mm.
  bool found_break = false;
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const auto r = net.links.record[l];
    if (r != no_index && net.records.id[r] == "r_clr_11") {
      CHECK(net.links.transfer[l] == transfer_kind::gauge_break);
      found_break = true;
    }
  }
  CHECK(found_break);
  // Sources travel with the features.
  CHECK(net.records.source[0].find("http") != std::string::npos);
  CHECK(!net.corridors.empty());
}

TEST_CASE("read: the sample gives a Kunming -> Bangkok rail route with gauge break and borders") {
  const gis::loaded_network n = gis::read_network(test::source_dir() / "geodata/sample");
  const link_costs c = compute_link_costs(n.net, cost_profile::defaults());
  link_filter f;
  f.exclude_mode(mode::road);
  const route r = find_route(n.net, c, criterion::time, f, n.net.find_place("kunming"),
                             n.net.find_place("bangkok"));
  REQUIRE(r.status == route_status::ok);
  CHECK(r.totals.border_crossings == 2);  // CN -> LA at Mohan/Boten, LA -> TH at Thanaleng
  CHECK(r.totals.gauge_breaks == 1);      // Vientiane South 1435 -> 1000
  // The route uses every China-Laos railway link r_clr_01..10 (their lengths in
  // geodata/sample/links.geojson add up to 1,066.6 km, the 21.8 km Vientiane South spur included),
  // then the 6.2 km yard link r_clr_11, the 3.5 km bridge r_lt_01 and r_th_01..04 (624 km).
  double clr_km = 0;
  for (const leg& g : r.legs) {
    if (g.line == "China-Laos Railway") clr_km += g.distance_km;
  }
  CHECK(clr_km == doctest::Approx(1066.6).epsilon(0.001));
  CHECK(r.totals.distance_km == doctest::Approx(1066.6 + 6.2 + 3.5 + 624).epsilon(0.001));
}

TEST_CASE("read: a single GeoJSON file with nodes and links, and a field map") {
  const test::temp_dir d;
  (void)d.write("net.geojson", R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"ID": "a", "kind": "city"}, "geometry": {"type": "Point", "coordinates": [102.0, 18.0]}},
{"type": "Feature", "properties": {"ID": "b", "kind": "city"}, "geometry": {"type": "Point", "coordinates": [101.0, 18.0]}},
{"type": "Feature", "properties": {"ID": "x", "from": "a", "to": "b", "mode": "rail", "KM": 120, "gauge_mm": "1435/1000"}, "geometry": {"type": "LineString", "coordinates": [[102.0, 18.0], [101.0, 18.0]]}}
]})");
  gis::read_options opt;
  opt.fields.node["id"] = "ID";
  opt.fields.link["id"] = "ID";
  opt.fields.link["length_km"] = "KM";
  const gis::loaded_network n = gis::read_network(d.path() / "net.geojson", opt);
  CHECK(n.net.place_count() == 2);
  CHECK(n.net.records.size() == 1);
  CHECK(n.net.links.length_km[0] == 120);
  CHECK(n.net.records.geometry_of(0).size() == 2);
  CHECK(n.net.links.transfer[0] == transfer_kind::gauge_break);
}

TEST_CASE("read: a missing length is measured, with a warning") {
  const test::temp_dir d;
  (void)d.write("nodes.geojson", nodes_ok);
  (void)d.write("links.geojson",
                links_with(R"({"id": "m", "from": "b", "to": "a", "mode": "sea"})"));
  const gis::loaded_network n = gis::read_network(d.path());
  REQUIRE(n.warnings.size() == 1);
  CHECK(n.warnings[0].find("link 'm'") == 0);
  CHECK(n.warnings[0].find("great circle") != std::string::npos);
  const double gc = geo::great_circle_km({101, 14}, {102, 18});
  bool seen = false;
  for (std::uint32_t l = 0; l < n.net.graph.link_count(); ++l) {
    if (n.net.links.record[l] == 1) {
      CHECK(n.net.links.length_km[l] == doctest::Approx(gc));
      seen = true;
    }
  }
  CHECK(seen);
}

TEST_CASE("read: bad input names the file, the feature and the field") {
  const std::string L = "link 'x' (DIR/links.geojson feature 2): field ";
  CHECK(read_error(
            nodes_ok,
            links_with(
                R"({"id": "x", "from": "a", "to": "b", "mode": "road", "length_km": "abc"})")) ==
        L + "'length_km': 'abc' is not a number");
  CHECK(
      read_error(
          nodes_ok,
          links_with(R"({"id": "x", "from": "a", "to": "b", "mode": "hover", "length_km": 1})")) ==
      L + "'mode': unknown mode 'hover' (rail, road, sea, inland_waterway)");
  CHECK(read_error(
            nodes_ok,
            links_with(R"({"id": "x", "from": "a", "to": "c", "mode": "road", "length_km": 1})")) ==
        L + "'to': unknown node 'c'");
  CHECK(
      read_error(
          nodes_ok,
          links_with(R"({"id": "x", "from": "a", "to": "b", "mode": "road", "length_km": -1})")) ==
      L + "'length_km': -1 is not a finite length >= 0");
  CHECK(
      read_error(
          nodes_ok,
          links_with(
              R"({"id": "x", "from": "a", "to": "b", "mode": "road", "length_km": 1, "speed_kmh": 0})")) ==
      L + "'speed_kmh': 0 must be > 0 (or absent for the mode default)");
  CHECK(
      read_error(
          nodes_ok,
          links_with(
              R"({"id": "x", "from": "a", "to": "b", "mode": "road", "length_km": 1, "status": "dreamt"})")) ==
      L + "'status': unknown status 'dreamt' (operational, under_construction, planned, "
          "suspended)");
  CHECK(
      read_error(
          nodes_ok,
          links_with(
              R"({"id": "x", "from": "a", "to": "b", "mode": "rail", "length_km": 1, "gauge_mm": "wide"})")) ==
      L + "'gauge_mm': 'wide' is not a number");
  CHECK(
      read_error(
          nodes_ok,
          links_with(
              R"({"id": "x", "from": "a", "to": "b", "mode": "road", "length_km": 1, "open_year": 2030.5})"))
          .find(L + "'open_year': 2030.5") == 0);
  CHECK(
      read_error(
          nodes_ok,
          links_with(
              R"({"id": "x", "from": "a", "to": "b", "mode": "road", "length_km": 1, "oneway": "maybe"})")) ==
      L + "'oneway': 'maybe' is not a boolean (true/false)");
  CHECK(read_error(
            nodes_ok,
            links_with(R"({"id": "ok", "from": "a", "to": "b", "mode": "road", "length_km": 1})"))
            .find("link 'ok' (DIR/links.geojson feature 2): field 'id': duplicate id 'ok'") == 0);
  CHECK(read_error(nodes_ok, links_with(R"({"from": "a", "to": "b", "mode": "road"})")) ==
        "link (DIR/links.geojson feature 2): field 'id': missing");
  CHECK(read_error(R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "a", "kind": "town"}, "geometry": {"type": "Point", "coordinates": [102.0, 18.0]}}]})",
                   links_with(R"({"id": "x"})")) ==
        "node 'a' (DIR/nodes.geojson feature 1): field 'kind': unknown node kind 'town' (city, "
        "seaport, "
        "river_port, dry_port, rail_hub, border_crossing, industrial_park, sez, junction)");
  CHECK(read_error(R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "a"}, "geometry": {"type": "Point", "coordinates": [200.0, 18.0]}}]})",
                   R"({"type": "FeatureCollection", "features": []})") ==
        "node 'a' (DIR/nodes.geojson feature 1): field 'geometry': invalid coordinates lon=200 "
        "lat=18 "
        "(need -180..180, -90..90, WGS84 degrees)");
  CHECK(read_error(R"({"type": "FeatureCollection", "features": [
{"type": "Feature", "properties": {"id": "a"}, "geometry": {"type": "LineString", "coordinates": [[1, 1], [2, 2]]}}]})",
                   links_with(R"({"id": "x"})")) ==
        "node 'a' (DIR/nodes.geojson feature 1): field 'geometry': a node must be a Point, not "
        "LINESTRING");
  CHECK(read_error("{ this is not json", links_with("{}"))
            .find("DIR/nodes.geojson: cannot be read") == 0);
}

TEST_CASE("read: missing files and folders") {
  const test::temp_dir d;
  CHECK_THROWS_WITH_AS((void)gis::read_network(d.path() / "nope"),
                       ((d.path() / "nope").string() + ": no such file or folder").c_str(),
                       lookup_error);
  CHECK_THROWS_WITH_AS(
      (void)gis::read_network(d.path()),
      (d.path().string() + ": no nodes.geojson (or .json, .gpkg, .shp, .fgb) in this folder")
          .c_str(),
      lookup_error);
}
