// GDAL round trips (read -> write -> read gives the same network) and atomic writes.
#include <filesystem>
#include <fstream>
#include <map>

#include <doctest/doctest.h>
#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "corridor/gis/read.hpp"
#include "corridor/gis/write.hpp"
#include "test_support.hpp"

using namespace corridor;
namespace fs = std::filesystem;

namespace {

bool same_number(double a, double b) {
  return (std::isnan(a) && std::isnan(b)) || a == doctest::Approx(b).epsilon(1e-12);
}

/// Compares two networks record by record (ids are the keys; ordering may differ). Text in `b`
/// may be cut at `max_text` characters (Shapefile's dBase limit is 254).
void check_same(const built_network& a, const built_network& b,
                std::size_t max_text = std::string::npos) {
  REQUIRE(a.place_count() == b.place_count());
  REQUIRE(a.records.size() == b.records.size());
  REQUIRE(a.graph.node_count() == b.graph.node_count());
  REQUIRE(a.graph.link_count() == b.graph.link_count());
  for (std::uint32_t p = 0; p < a.place_count(); ++p) {
    const std::uint32_t q = b.find_place(a.places.id[p]);
    REQUIRE(q != no_index);
    CHECK(a.places.name[p] == b.places.name[q]);
    CHECK(a.places.kind[p] == b.places.kind[q]);
    CHECK(a.places.country[p] == b.places.country[q]);
    CHECK(a.places.position[p].lon == doctest::Approx(b.places.position[q].lon).epsilon(1e-9));
    CHECK(a.places.position[p].lat == doctest::Approx(b.places.position[q].lat).epsilon(1e-9));
    CHECK(same_number(a.places.dwell_h[p], b.places.dwell_h[q]));
    CHECK(same_number(a.places.capacity_t_per_year[p], b.places.capacity_t_per_year[q]));
    CHECK(a.places.source[p].substr(0, max_text) == b.places.source[q]);
  }
  // Links: compare as (record id, reversed) -> attributes.
  const auto key = [](const built_network& n, std::uint32_t l) {
    const auto r = n.links.record[l];
    if (r == no_index) {
      const link_id id{l};
      return "transfer " + n.places.id[n.place_of(n.graph.tail(id))] + " " +
             std::to_string(n.nodes.layer[n.graph.tail(id).value()].gauge_mm) + "/" +
             std::string(to_string(n.nodes.layer[n.graph.tail(id).value()].mode)) + " -> " +
             std::to_string(n.nodes.layer[n.graph.head(id).value()].gauge_mm) + "/" +
             std::string(to_string(n.nodes.layer[n.graph.head(id).value()].mode));
    }
    return n.records.id[r] + (n.links.reversed[l] ? " reverse" : "");
  };
  std::map<std::string, std::uint32_t> in_b;
  for (std::uint32_t l = 0; l < b.graph.link_count(); ++l) in_b[key(b, l)] = l;
  for (std::uint32_t l = 0; l < a.graph.link_count(); ++l) {
    const auto it = in_b.find(key(a, l));
    REQUIRE_MESSAGE(it != in_b.end(), key(a, l));
    const std::uint32_t m = it->second;
    CHECK(a.links.mode[l] == b.links.mode[m]);
    CHECK(a.links.transfer[l] == b.links.transfer[m]);
    CHECK(a.links.crosses_border[l] == b.links.crosses_border[m]);
    CHECK(a.links.gauge_mm[l] == b.links.gauge_mm[m]);
    CHECK(same_number(a.links.length_km[l], b.links.length_km[m]));
    CHECK(same_number(a.links.speed_kmh[l], b.links.speed_kmh[m]));
    CHECK(a.links.freight[l] == b.links.freight[m]);
    CHECK(a.links.status[l] == b.links.status[m]);
    CHECK(a.links.open_year[l] == b.links.open_year[m]);
    CHECK(same_number(a.links.capacity_t_per_year[l], b.links.capacity_t_per_year[m]));
    CHECK(same_number(a.links.time_h[l], b.links.time_h[m]));
    const auto ra = a.links.record[l], rb = b.links.record[m];
    if (ra != no_index) {
      CHECK(a.records.line[ra] == b.records.line[rb]);
      CHECK(a.records.name[ra] == b.records.name[rb]);
      CHECK(a.records.corridors_of(ra).size() == b.records.corridors_of(rb).size());
      CHECK(a.records.geometry_of(ra).size() == b.records.geometry_of(rb).size());
    }
  }
}

}  // namespace

TEST_CASE("round trip: sample -> GeoPackage -> read gives the same network") {
  const gis::loaded_network a = gis::read_network(test::source_dir() / "geodata/sample");
  const test::temp_dir tmp;
  const fs::path& dir = tmp.path();
  gis::write_network(dir / "sample.gpkg", a.net);
  const gis::loaded_network b = gis::read_network(dir / "sample.gpkg");
  check_same(a.net, b.net);
}

TEST_CASE("round trip: sample -> GeoJSON folder -> read gives the same network") {
  const gis::loaded_network a = gis::read_network(test::source_dir() / "geodata/sample");
  const test::temp_dir tmp;
  const fs::path& dir = tmp.path();
  gis::write_network(dir / "copy", a.net);
  const gis::loaded_network b = gis::read_network(dir / "copy");
  check_same(a.net, b.net);
}

TEST_CASE("routes written as GeoJSON and GeoPackage read back with their legs") {
  const gis::loaded_network a = gis::read_network(test::source_dir() / "geodata/sample");
  const link_costs c = compute_link_costs(a.net, cost_profile::defaults());
  const route r = find_route(a.net, c, criterion::cost, {}, a.net.find_place("kunming"),
                             a.net.find_place("laem_chabang"));
  REQUIRE(r.status == route_status::ok);
  const test::temp_dir tmp;
  const fs::path& dir = tmp.path();
  for (const char* name : {"route.geojson", "route.gpkg"}) {
    gis::write_route(dir / name, a.net, r);
    GDALAllRegister();
    GDALDataset* ds = static_cast<GDALDataset*>(
        GDALOpenEx((dir / name).c_str(), GDAL_OF_VECTOR, nullptr, nullptr, nullptr));
    REQUIRE(ds != nullptr);
    OGRLayer* layer = ds->GetLayerByName("route");
    REQUIRE(layer != nullptr);
    CHECK(layer->GetFeatureCount() == static_cast<GIntBig>(r.legs.size()));
    double km = 0, usd = 0;
    int stops = 0, lines = 0;
    for (const auto& f : *layer) {
      km += f->GetFieldAsDouble("distance_km");
      usd += f->GetFieldAsDouble("cost_usd_per_t");
      const std::string kind = f->GetFieldAsString("kind");
      const OGRGeometry* g = f->GetGeometryRef();
      REQUIRE(g != nullptr);
      if (kind == "travel") {
        ++lines;
        CHECK(wkbFlatten(g->getGeometryType()) == wkbLineString);
      } else {
        ++stops;
        CHECK(wkbFlatten(g->getGeometryType()) == wkbPoint);
      }
    }
    GDALClose(ds);
    CHECK(km == doctest::Approx(r.totals.distance_km));
    CHECK(usd == doctest::Approx(r.totals.cost_usd_per_t));
    CHECK(stops == static_cast<int>(r.totals.border_crossings + r.totals.transfers));
    CHECK(lines + stops == static_cast<int>(r.legs.size()));
  }
  // Only the two outputs: no temporary files left behind.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  CHECK(files == 2);
}

TEST_CASE("atomic writes: a failing writer leaves nothing behind, the old file intact") {
  const test::temp_dir tmp;
  const fs::path& dir = tmp.path();
  gis::write_text(dir / "out.txt", "old\n");
  CHECK_THROWS_AS(gis::write_atomically(dir / "out.txt",
                                        [](const fs::path& partial) {
                                          gis::write_text(partial, "partial");
                                          throw error("disk full (simulated)");
                                        }),
                  error);
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++files;
  CHECK(files == 1);
  std::ifstream in(dir / "out.txt");
  std::string s;
  std::getline(in, s);
  CHECK(s == "old");
  CHECK_THROWS_AS(gis::write_text(dir / "no-such-folder" / "x.txt", "x"), input_error);
}

TEST_CASE("Shapefiles: the sample copied to .shp reads back through a field map") {
  // Shapefile field names stop at 10 characters, so the long schema names need --map.
  const gis::loaded_network a = gis::read_network(test::source_dir() / "geodata/sample");
  const test::temp_dir tmp;
  const fs::path& dir = tmp.path();
  gis::write_network(dir / "geojson", a.net);
  GDALAllRegister();
  GDALDriver* shp = GetGDALDriverManager()->GetDriverByName("ESRI Shapefile");
  REQUIRE(shp != nullptr);
  GDALDataset* out = shp->Create((dir / "shp").c_str(), 0, 0, 0, GDT_Unknown, nullptr);
  REQUIRE(out != nullptr);
  for (const char* layer : {"nodes", "links"}) {
    GDALDataset* in = static_cast<GDALDataset*>(
        GDALOpenEx((dir / "geojson" / (std::string(layer) + ".geojson")).c_str(), GDAL_OF_VECTOR,
                   nullptr, nullptr, nullptr));
    REQUIRE(in != nullptr);
    REQUIRE(out->CopyLayer(in->GetLayer(0), layer) != nullptr);
    GDALClose(in);
  }
  GDALClose(out);
  REQUIRE(fs::exists(dir / "shp" / "links.shp"));
  gis::read_options opt;
  opt.fields.node = {{"handling_usd_per_t", "handling_u"}, {"capacity_t_per_year", "capacity_t"}};
  opt.fields.link = {{"capacity_t_per_year", "capacity_t"},
                     {"gauge_to_mm", "gauge_to_m"},
                     {"cost_usd_per_t", "cost_usd_p"},
                     {"co2_kg_per_t", "co2_kg_per"}};
  const gis::loaded_network b = gis::read_network(dir / "shp", opt);
  check_same(a.net, b.net, 254);
}
