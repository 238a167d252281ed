// Importing raw line layers: hand-checked small layers (snapping, splitting at shared vertices,
// degree-2 merging, attribute breakpoints, gap closing), idempotence through a written network,
// bad layers, and the OSM railways of Laos: with gap closing the Vientiane-Boten line is one
// route within 4% of the sourced Lao section length (422 km, facts.csv clr_lao_length).
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "corridor/gis/import.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/path/route.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

gis::import_line line(std::vector<geo::lonlat> pts, std::string name = "A") {
  gis::import_line l;
  l.points = std::move(pts);
  l.name = std::move(name);
  l.gauge_mm = 1435;
  return l;
}

/// Metres east of (lon, lat) as a longitude offset at that latitude.
double east(double lat, double metres) {
  return metres / (111320.0 * std::cos(lat * 3.14159265358979323846 / 180));
}

/// The place nearest p, checked to be within max_km.
std::uint32_t nearest_place(const built_network& net, geo::lonlat p, double max_km) {
  std::uint32_t best = 0;
  for (std::uint32_t v = 0; v < net.place_count(); ++v) {
    if (geo::great_circle_km(net.places.position[v], p) <
        geo::great_circle_km(net.places.position[best], p)) {
      best = v;
    }
  }
  CHECK(geo::great_circle_km(net.places.position[best], p) < max_km);
  return best;
}

/// A shapefile of one line through `pts` (given in lon/lat, written in `srs` coordinates).
std::filesystem::path shapefile_line(const std::filesystem::path& path, OGRSpatialReference& srs,
                                     const std::vector<geo::lonlat>& pts) {
  GDALAllRegister();
  GDALDriver* driver = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
  REQUIRE(driver != nullptr);
  GDALDataset* ds = driver->Create(path.c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  REQUIRE(ds != nullptr);
  OGRLayer* layer = ds->CreateLayer("lines", &srs, wkbLineString, nullptr);
  REQUIRE(layer != nullptr);
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  srs.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  std::unique_ptr<OGRCoordinateTransformation> ct(
      srs.IsLocal() ? nullptr : OGRCreateCoordinateTransformation(&wgs84, &srs));
  OGRLineString ls;
  for (geo::lonlat p : pts) {
    if (ct) REQUIRE(ct->Transform(1, &p.lon, &p.lat));
    ls.addPoint(p.lon, p.lat);
  }
  OGRFeature f(layer->GetLayerDefn());
  f.SetGeometry(&ls);
  REQUIRE(layer->CreateFeature(&f) == OGRERR_NONE);
  GDALClose(ds);
  return path;
}

std::string geojson_lines(const std::vector<std::string>& features) {
  std::string s = R"({"type":"FeatureCollection","features":[)";
  for (std::size_t i = 0; i < features.size(); ++i) s += (i ? "," : "") + features[i];
  return s + "]}";
}

}  // namespace

TEST_CASE("import: endpoints snapped, chains merged, shared vertices split") {
  const double lat = 18;
  SUBCASE("two pieces 3 m apart become one link") {
    std::vector<gis::import_line> in = {line({{100, lat}, {100.01, lat}}),
                                        line({{100.01 + east(lat, 3), lat}, {100.02, lat}})};
    const auto r = gis::build_topology(in, gis::import_options{});
    CHECK(r.report.snapped_endpoints == 1);
    CHECK(r.report.merged_nodes == 1);
    REQUIRE(r.records.links.size() == 1);
    CHECK(r.records.places.size() == 2);
    // Length: the two pieces, the snapped end moved onto the other line's vertex.
    const double expected = geo::great_circle_km({100, lat}, {100.01, lat}) +
                            geo::great_circle_km({100.01, lat}, {100.02, lat});
    CHECK(r.records.links[0].length_km == doctest::Approx(expected).epsilon(1e-9));
    CHECK(r.report.components.size() == 1);
  }
  SUBCASE("with snapping off they stay apart") {
    std::vector<gis::import_line> in = {line({{100, lat}, {100.01, lat}}),
                                        line({{100.01 + east(lat, 3), lat}, {100.02, lat}})};
    gis::import_options o;
    o.snap_m = 0;
    const auto r = gis::build_topology(in, o);
    CHECK(r.records.links.size() == 2);
    CHECK(r.report.components.size() == 2);
  }
  SUBCASE("a crossing at a shared interior vertex splits both lines") {
    std::vector<gis::import_line> in = {
        line({{100, lat}, {100.01, lat}, {100.02, lat}}, "A"),
        line({{100.01, lat - 0.01}, {100.01, lat}, {100.01, lat + 0.01}}, "B")};
    const auto r = gis::build_topology(in, gis::import_options{});
    CHECK(r.report.split_points == 1);
    CHECK(r.records.links.size() == 4);
    CHECK(r.records.places.size() == 5);
    CHECK(r.report.merged_nodes == 0);
  }
  SUBCASE("a crossing without a shared vertex splits on request, not on a bridge") {
    std::vector<gis::import_line> in = {line({{100, lat}, {100.02, lat}}, "A"),
                                        line({{100.01, lat - 0.01}, {100.01, lat + 0.01}}, "B")};
    CHECK(gis::build_topology(in, gis::import_options{}).records.links.size() == 2);
    gis::import_options o;
    o.split_crossings = true;
    const auto r = gis::build_topology(in, o);
    CHECK(r.report.crossings_split == 1);
    REQUIRE(r.records.links.size() == 4);
    CHECK(r.records.places.size() == 5);
    double km = 0;
    for (const auto& l : r.records.links) km += l.length_km;
    CHECK(km == doctest::Approx(geo::great_circle_km({100, lat}, {100.02, lat}) +
                                geo::great_circle_km({100.01, lat - 0.01}, {100.01, lat + 0.01}))
                    .epsilon(1e-6));
    in[1].level_separated = true;  // B on a bridge
    const auto bridged = gis::build_topology(in, o);
    CHECK(bridged.report.crossings_split == 0);
    CHECK(bridged.records.links.size() == 2);
  }
  SUBCASE("an attribute change is a breakpoint, not merged") {
    std::vector<gis::import_line> in = {line({{100, lat}, {100.01, lat}}, "A"),
                                        line({{100.01, lat}, {100.02, lat}}, "B")};
    const auto r = gis::build_topology(in, gis::import_options{});
    CHECK(r.records.links.size() == 2);
    CHECK(r.report.merged_nodes == 0);
  }
  SUBCASE("components shorter than min_component_km are dropped and counted") {
    std::vector<gis::import_line> in = {line({{100, lat}, {100.1, lat}}),
                                        line({{101, lat}, {101.005, lat}}, "Short")};
    gis::import_options o;
    o.min_component_km = 5;
    const auto r = gis::build_topology(in, o);
    CHECK(r.report.dropped_components == 1);
    CHECK(r.report.dropped_component_km ==
          doctest::Approx(geo::great_circle_km({101, lat}, {101.005, lat})));
    REQUIRE(r.records.links.size() == 1);
    CHECK(r.records.links[0].name == "A");
    CHECK(r.records.places.size() == 2);
    CHECK(r.report.components.size() == 1);
  }
  SUBCASE("a gap of about 2 km is closed within 5 km, not within 1 km") {
    const double gap_lon = east(lat, 2000);
    std::vector<gis::import_line> in = {line({{100, lat}, {100.01, lat}}),
                                        line({{100.01 + gap_lon, lat}, {100.03, lat}})};
    gis::import_options o;
    o.close_gaps_km = 1;
    CHECK(gis::build_topology(in, o).report.components.size() == 2);
    o.close_gaps_km = 5;
    const auto r = gis::build_topology(in, o);
    REQUIRE(r.report.gaps_closed.size() == 1);
    CHECK(r.report.gaps_closed[0].km == doctest::Approx(2.0).epsilon(1e-3));
    CHECK(r.report.gaps_closed[0].name == "A");
    CHECK(r.report.components.size() == 1);
    int inferred = 0;
    for (const auto& l : r.records.links) inferred += l.confidence == "inferred" ? 1 : 0;
    CHECK(inferred == 1);
  }
}

TEST_CASE("import: an imported network imports to itself") {
  const test::temp_dir dir;
  const auto layer = dir.write(
      "lines.geojson",
      geojson_lines({
          R"({"type":"Feature","properties":{"name":"Main"},"geometry":{"type":"LineString","coordinates":[[100,18],[100.1,18],[100.2,18.05]]}})",
          R"({"type":"Feature","properties":{"name":"Main"},"geometry":{"type":"LineString","coordinates":[[100.2,18.05],[100.3,18.1]]}})",
          R"({"type":"Feature","properties":{"name":"Branch"},"geometry":{"type":"LineString","coordinates":[[100.1,18],[100.1,18.2]]}})",
          R"({"type":"Feature","properties":{"name":"Spur"},"geometry":{"type":"MultiLineString","coordinates":[[[100.3,18.1],[100.4,18.1]],[[100.5,18.1],[100.6,18.1]]]}})",
      }));
  gis::import_options o;
  o.close_gaps_km = 15;
  const auto first = gis::build_topology(gis::read_lines({layer}, mode::rail, {}), o);
  // Main is split where Branch leaves it (an interior vertex of Main) and merged across its two
  // features; Spur's first part meets Main's end (a name change: a breakpoint); its second part
  // is 10.6 km away (a gap closed). Nodes: 7; links: Main x 2, Branch, Spur x 2, the gap.
  CHECK(first.report.gaps_closed.size() == 1);
  CHECK(first.report.nodes == 7);
  CHECK(first.report.links == 6);
  CHECK(first.report.merged_nodes == 1);
  const gis::loaded_network n = gis::build_network(first.records);
  gis::write_network(dir.path() / "net.gpkg", n.net);
  // Read the written links back as lines (gauge and name fields included), import again.
  const auto again = gis::build_topology(gis::read_lines({dir.path() / "net.gpkg"}, mode::rail, {}),
                                         gis::import_options{});
  CHECK(again.report.nodes == first.report.nodes);
  CHECK(again.report.links == first.report.links);
  CHECK(again.report.output_km == doctest::Approx(first.report.output_km).epsilon(1e-9));
  CHECK(again.report.merged_nodes == 0);
  CHECK(again.report.split_points == 0);
  CHECK(again.report.snapped_endpoints == 0);
  // The written network read back from a zip archive (as `net.zip` and by a /vsizip/ path).
  const std::string zip = (dir.path() / "net.zip").string();
  REQUIRE(CPLCopyFile(("/vsizip/" + zip + "/net.gpkg").c_str(),
                      (dir.path() / "net.gpkg").c_str()) == 0);
  for (const std::string& source : {zip, "/vsizip/" + zip + "/net.gpkg"}) {
    CAPTURE(source);
    const gis::loaded_network z = gis::read_network(source);
    CHECK(z.net.graph.link_count() == n.net.graph.link_count());
    CHECK(z.net.place_count() == n.net.place_count());
  }
}

TEST_CASE("import: bad layers are rejected with the file and field") {
  const test::temp_dir dir;
  const auto points = dir.write(
      "points.geojson",
      geojson_lines(
          {R"({"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[100,18]}})"}));
  CHECK_THROWS_WITH_AS(gis::read_lines({points}, mode::rail, {}),
                       doctest::Contains("points.geojson: no line geometries"), input_error);
  const auto ok = dir.write(
      "ok.geojson",
      geojson_lines(
          {R"({"type":"Feature","properties":{"name":"A","g":"wide"},"geometry":{"type":"LineString","coordinates":[[100,18],[100.1,18]]}})"}));
  gis::line_fields missing;
  missing.map["gauge_mm"] = "track_gauge";
  CHECK_THROWS_WITH_AS(gis::read_lines({ok}, mode::rail, missing),
                       doctest::Contains("--map gauge_mm=track_gauge: no field 'track_gauge'"),
                       input_error);
  gis::line_fields bad_value;
  bad_value.map["gauge_mm"] = "g";
  CHECK_THROWS_WITH_AS(gis::read_lines({ok}, mode::rail, bad_value),
                       doctest::Contains("field 'gauge_mm': 'wide' is not a positive number"),
                       input_error);
  CHECK_THROWS_AS(gis::read_lines({dir.path() / "absent.geojson"}, mode::rail, {}), lookup_error);
  // Metres where longitude and latitude are expected (a projected layer without its CRS).
  const auto metres = dir.write(
      "metres.geojson",
      geojson_lines(
          {R"({"type":"Feature","properties":{},"geometry":{"type":"LineString","coordinates":[[500000,1500000],[500100,1500000]]}})"}));
  CHECK_THROWS_WITH_AS(
      gis::read_lines({metres}, mode::rail, {}),
      doctest::Contains("metres.geojson feature 0: a vertex cannot be transformed to WGS84"),
      input_error);
  // A local engineering CRS (no datum, no way to longitude and latitude).
  OGRSpatialReference local;
  REQUIRE(local.importFromWkt(R"(LOCAL_CS["site grid",LOCAL_DATUM["site",0],UNIT["metre",1],)"
                              R"(AXIS["X",EAST],AXIS["Y",NORTH]])") == OGRERR_NONE);
  const auto site = shapefile_line(dir.path() / "site.shp", local, {{120, 3400}, {950, 3410}});
  CHECK_THROWS_WITH_AS(
      gis::read_lines({site}, mode::rail, {}),
      doctest::Contains("site.shp: layer site: its coordinate reference system cannot be "
                        "transformed to WGS84"),
      input_error);
}

TEST_CASE("import: electrification (OpenStreetMap values) is kept, a change is a breakpoint") {
  const test::temp_dir dir;
  const auto layer = dir.write(
      "wires.geojson",
      geojson_lines({
          R"({"type":"Feature","properties":{"name":"Main","electrified":"contact_line"},"geometry":{"type":"LineString","coordinates":[[100,18],[100.1,18]]}})",
          R"({"type":"Feature","properties":{"name":"Main","electrified":"contact_line"},"geometry":{"type":"LineString","coordinates":[[100.1,18],[100.2,18]]}})",
          R"({"type":"Feature","properties":{"name":"Main","electrified":"no"},"geometry":{"type":"LineString","coordinates":[[100.2,18],[100.3,18]]}})",
          R"({"type":"Feature","properties":{"name":"Main"},"geometry":{"type":"LineString","coordinates":[[100.3,18],[100.4,18]]}})",
      }));
  const std::vector<gis::import_line> lines = gis::read_lines({layer}, mode::rail, {});
  REQUIRE(lines.size() == 4);
  CHECK(lines[0].electrified == std::optional<bool>(true));
  CHECK(lines[2].electrified == std::optional<bool>(false));
  CHECK_FALSE(lines[3].electrified.has_value());
  // The two wired pieces merge; the changes to unwired and to unknown stay breakpoints.
  const auto r = gis::build_topology(lines, gis::import_options{});
  CHECK(r.report.links == 3);
  CHECK(r.report.merged_nodes == 1);
  // Written and read back: per record 2 (electrified), 1 (not) or 0 (unknown).
  gis::write_network(dir.path() / "wires.gpkg", gis::build_network(r.records).net);
  const gis::loaded_network back = gis::read_network(dir.path() / "wires.gpkg");
  std::vector<int> by_km;  // electrified code of each record, west to east (sorted below)
  std::vector<std::pair<double, int>> codes;
  for (std::uint32_t i = 0; i < back.net.records.size(); ++i) {
    const auto pts = back.net.records.geometry_of(i);
    REQUIRE(!pts.empty());
    codes.emplace_back(std::min(pts.front().lon, pts.back().lon), back.net.records.electrified[i]);
  }
  std::sort(codes.begin(), codes.end());
  for (const auto& c : codes) by_km.push_back(c.second);
  CHECK(by_km == std::vector<int>{2, 1, 0});
  // A default for features without the field, and a bad value.
  gis::line_fields wired;
  wired.defaults["electrified"] = "Yes";  // any case
  CHECK(gis::read_lines({layer}, mode::rail, wired)[3].electrified == std::optional<bool>(true));
  const auto bad = dir.write(
      "bad.geojson",
      geojson_lines(
          {R"({"type":"Feature","properties":{"electrified":"maybe"},"geometry":{"type":"LineString","coordinates":[[100,18],[100.1,18]]}})"}));
  CHECK_THROWS_WITH_AS(gis::read_lines({bad}, mode::rail, {}),
                       doctest::Contains("feature 0: field 'electrified': 'maybe' is not yes/no"),
                       input_error);
}

TEST_CASE("import: compressed layers through GDAL's virtual file systems (.gz, .zip, /vsizip/)") {
  // Oracle: the same layer read plain.
  const test::temp_dir dir;
  const std::string text = geojson_lines(
      {R"({"type":"Feature","properties":{"name":"A"},"geometry":{"type":"LineString","coordinates":[[100,18],[100.1,18],[100.2,18.1]]}})",
       R"({"type":"Feature","properties":{"name":"B"},"geometry":{"type":"LineString","coordinates":[[100.2,18.1],[100.3,18.3]]}})"});
  const auto plain = dir.write("rail.geojson", text);
  const auto put = [&](const std::string& vsi_name) {
    VSILFILE* f = VSIFOpenL(vsi_name.c_str(), "wb");
    REQUIRE(f != nullptr);
    REQUIRE(VSIFWriteL(text.data(), 1, text.size(), f) == text.size());
    VSIFCloseL(f);
  };
  GDALAllRegister();
  const std::string gz = (dir.path() / "rail.geojson.gz").string();
  const std::string zip = (dir.path() / "rail.zip").string();
  put("/vsigzip/" + gz);
  put("/vsizip/" + zip + "/rail.geojson");
  const std::vector<gis::import_line> expect = gis::read_lines({plain}, mode::rail, {});
  REQUIRE(expect.size() == 2);
  for (const std::string& source : {gz, zip, "/vsizip/" + zip + "/rail.geojson"}) {
    CAPTURE(source);
    const std::vector<gis::import_line> got = gis::read_lines({source}, mode::rail, {});
    REQUIRE(got.size() == expect.size());
    for (std::size_t i = 0; i < got.size(); ++i) {
      CHECK(got[i].name == expect[i].name);
      CHECK(got[i].points == expect[i].points);
    }
  }
  CHECK_THROWS_WITH_AS(gis::read_lines({"/vsizip/" + zip + "/absent.geojson"}, mode::rail, {}),
                       doctest::Contains("absent.geojson: nothing there"), lookup_error);
}

TEST_CASE("import: a projected layer (UTM zone 47N) is read back in WGS84 lon/lat") {
  // Oracle: the lon/lat written through PROJ's inverse, read back through its forward.
  const test::temp_dir dir;
  OGRSpatialReference utm;
  REQUIRE(utm.importFromEPSG(32647) == OGRERR_NONE);
  const std::vector<geo::lonlat> pts{{100.5018, 13.7563}, {100.6, 13.9}, {100.88, 14.35}};
  const auto path = shapefile_line(dir.path() / "utm.shp", utm, pts);
  const std::vector<gis::import_line> lines = gis::read_lines({path}, mode::rail, {});
  REQUIRE(lines.size() == 1);
  REQUIRE(lines[0].points.size() == pts.size());
  for (std::size_t i = 0; i < pts.size(); ++i) {
    CHECK(lines[0].points[i].lon == doctest::Approx(pts[i].lon).epsilon(1e-9));
    CHECK(lines[0].points[i].lat == doctest::Approx(pts[i].lat).epsilon(1e-9));
  }
}

TEST_CASE("import: the OSM railways of Laos give one Vientiane-Boten route of about 422 km") {
  const char* file = "data/osm-railways/hotosm_lao_railways_lines.geojson";
  CORRIDOR_REQUIRE_SHARED(file);
  gis::import_options o;
  o.close_gaps_km = 20;
  const auto r =
      gis::build_topology(gis::read_lines({test::shared_dir() / file}, mode::rail, {}), o);
  CHECK(r.report.gaps_closed.size() > 5);  // the export lacks the tunnels
  const gis::loaded_network n = gis::build_network(r.records);
  const built_network& net = n.net;
  // The nodes nearest Boten and the Vientiane terminus (../shared/facts/nodes.csv).
  // The facts' coordinates are approximate (memory-sourced), the OSM line ends within 5 km.
  const auto nearest = [&](geo::lonlat p) { return nearest_place(net, p, 5); };
  const std::uint32_t boten = nearest({101.6620, 21.1550});
  const std::uint32_t vientiane = nearest({102.6330, 17.9750});
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  const route rt = find_route(net, c, criterion::distance, {}, boten, vientiane);
  REQUIRE(rt.status == route_status::ok);
  MESSAGE("Boten - Vientiane by the imported line: " << rt.totals.distance_km << " km");
  CHECK(std::abs(rt.totals.distance_km - 422) <= 0.04 * 422);
}

TEST_CASE("import: marnet sea lanes with the bundled seaports, and Malacca closed reroutes") {
  const char* file = "data/marnet/marnet_plus_50km.gpkg";
  CORRIDOR_REQUIRE_SHARED(file);
  const auto ports = gis::read_points(test::source_dir() / "geodata/china-asean/nodes.geojson",
                                      "kind = 'seaport'", node_kind::seaport);
  gis::import_options o;
  o.points_snap_km = 100;  // the 50 km lanes stay tens of km off Qinzhou, Laem Chabang, Kuantan
  const auto r =
      gis::build_topology(gis::read_lines({test::shared_dir() / file}, mode::sea, {}), o, ports);
  CHECK(r.report.components.size() == 1);  // the antimeridian joins, nothing left apart
  for (const char* id : {"qinzhou_port", "sg_port", "port_klang", "laem_chabang", "kuantan_port"}) {
    CAPTURE(id);
    bool connected = false;
    for (const auto& p : r.report.points_connected) connected = connected || p.point == id;
    CHECK(connected);
  }
  const gis::loaded_network n = gis::build_network(r.records);
  const built_network& net = n.net;
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  // Singapore - Shanghai against the bundled sea leg s_23 (4,000 km over hand-placed waypoints).
  const route sg_sh = find_route(net, c, criterion::distance, {}, net.find_place("sg_port"),
                                 net.find_place("shanghai_port"));
  REQUIRE(sg_sh.status == route_status::ok);
  MESSAGE("Singapore - Shanghai over marnet: " << sg_sh.totals.distance_km << " km");
  CHECK(std::abs(sg_sh.totals.distance_km - 4000) <= 0.10 * 4000);
  // Qinzhou - Port Klang, then with the Malacca passage closed: around Sumatra by the Sunda
  // Strait (about 105.8 E, 6 S), never through a closed link.
  const std::uint32_t qinzhou = net.find_place("qinzhou_port"),
                      klang = net.find_place("port_klang");
  const route open = find_route(net, c, criterion::distance, {}, qinzhou, klang);
  REQUIRE(open.status == route_status::ok);
  link_filter closed;
  for (std::uint32_t rec = 0; rec < net.records.size(); ++rec) {
    for (const std::uint32_t k : net.records.corridors_of(rec)) {
      if (net.corridors[k] == "malacca") closed.excluded_records.push_back(rec);
    }
  }
  REQUIRE(!closed.excluded_records.empty());
  const route around = find_route(net, c, criterion::distance, closed, qinzhou, klang);
  REQUIRE(around.status == route_status::ok);
  CHECK(around.totals.distance_km > open.totals.distance_km + 1000);
  double nearest_sunda = 1e9;
  for (const leg& g : around.legs) {
    for (const link_id l : g.links) {
      const std::uint32_t rec = net.links.record[l.value()];
      for (const std::uint32_t x : closed.excluded_records) CHECK(rec != x);
      const geo::lonlat p = net.places.position[net.place_of(net.graph.tail(l))];
      nearest_sunda = std::min(nearest_sunda, geo::great_circle_km(p, {105.8, -6.0}));
    }
  }
  MESSAGE("Qinzhou - Port Klang: " << open.totals.distance_km
                                   << " km; Malacca closed: " << around.totals.distance_km
                                   << " km, " << nearest_sunda << " km from the Sunda Strait");
  CHECK(nearest_sunda < 150);
}

TEST_CASE(
    "import: Thailand and Malaysia together, fragmented, with Hat Yai - Padang Besar by rail") {
  const char* tha = "data/osm-railways/hotosm_tha_railways_lines.geojson.xz";
  const char* mys = "data/osm-railways/hotosm_mys_railways_lines.geojson.xz";
  CORRIDOR_REQUIRE_SHARED(tha);
  CORRIDOR_REQUIRE_SHARED(mys);
  gis::line_fields metre;
  metre.defaults["gauge_mm"] = "1000";
  gis::import_options o;
  o.close_gaps_km = 20;
  const auto r = gis::build_topology(
      gis::read_lines({test::shared_dir() / tha, test::shared_dir() / mys}, mode::rail, metre), o);
  // Still fragmented: several large components, with the gaps between them reported.
  REQUIRE(r.report.components.size() > 3);
  CHECK(r.report.components[1].km > 500);
  CHECK(!r.report.largest_open_gaps.empty());
  const gis::loaded_network n = gis::build_network(r.records);
  const built_network& net = n.net;
  const auto nearest = [&](geo::lonlat p) { return nearest_place(net, p, 2); };
  // Hat Yai Junction and Padang Besar stations (approximate positions, 100.476 E 7.005 N and
  // 100.321 E 6.662 N): about 45 km apart by rail.
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  const route rt = find_route(net, c, criterion::distance, {}, nearest({100.476, 7.005}),
                              nearest({100.321, 6.662}));
  REQUIRE(rt.status == route_status::ok);
  MESSAGE("Hat Yai - Padang Besar by the imported rail: " << rt.totals.distance_km << " km");
  CHECK(std::abs(rt.totals.distance_km - 45) <= 0.1 * 45);
}
