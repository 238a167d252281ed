// Maps (report/map.hpp): SVG and PNG output of the sample network with a route, the PNG's size
// from the network's extent, country outlines from the shared Natural Earth file, a bad extension,
// a missing outline file, and no temporary files left behind.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <limits>
#include <numbers>
#include <string>
#include <vector>

#include <cairo.h>
#include <doctest/doctest.h>

#include "corridor/cost/profile.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/report/map.hpp"
#include "test_support.hpp"

using namespace corridor;
namespace fs = std::filesystem;

namespace {

const built_network& sample() {
  static const gis::loaded_network n = gis::read_network(test::source_dir() / "geodata/sample");
  return n.net;
}

route find(const built_network& net, const std::string& from, const std::string& to) {
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  return find_route(net, c, criterion::time, link_filter{}, net.find_place(from),
                    net.find_place(to));
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

std::uint32_t big_endian(const std::string& s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8U) | static_cast<unsigned char>(s.at(at + i));
  return v;
}

/// The places' bounding box, degrees.
struct box {
  double lo_lon = std::numeric_limits<double>::infinity(), hi_lon = -lo_lon, lo_lat = lo_lon,
         hi_lat = -lo_lon;
};
box places_box(const built_network& net) {
  box b;
  for (std::uint32_t p = 0; p < net.places.size(); ++p) {
    if (!net.places.has_position(p)) continue;
    b.lo_lon = std::min(b.lo_lon, net.places.position[p].lon);
    b.hi_lon = std::max(b.hi_lon, net.places.position[p].lon);
    b.lo_lat = std::min(b.lo_lat, net.places.position[p].lat);
    b.hi_lat = std::max(b.hi_lat, net.places.position[p].lat);
  }
  return b;
}

/// The height render_map gives: places' bounding box plus 4%, x scaled by cos(mid latitude).
long expected_height(const built_network& net, int width) {
  const auto [lo_lon, hi_lon, lo_lat, hi_lat] = places_box(net);
  const double wx = (hi_lon - lo_lon) * 1.08 *
                    std::cos((lo_lat + hi_lat) / 2 * std::numbers::pi / 180),
               wy = (hi_lat - lo_lat) * 1.08;
  return std::clamp(std::lround(width * wy / wx), 400L, 3000L);
}

/// The pixel render_map puts `p` at: the places' bounding box plus 4% on each side,
/// equirectangular with x scaled by cos(mid latitude), centred (written out here as the oracle).
struct pixel {
  double x = 0, y = 0;
};
pixel project(const built_network& net, int width, geo::lonlat p) {
  auto [lo_lon, hi_lon, lo_lat, hi_lat] = places_box(net);
  const double mlon = (hi_lon - lo_lon) * 0.04, mlat = (hi_lat - lo_lat) * 0.04;
  lo_lon -= mlon;
  hi_lon += mlon;
  lo_lat -= mlat;
  hi_lat += mlat;
  const double kx = std::cos((lo_lat + hi_lat) / 2 * std::numbers::pi / 180);
  const double wx = (hi_lon - lo_lon) * kx, wy = hi_lat - lo_lat;
  const double height = static_cast<double>(expected_height(net, width));
  const double scale = std::min(width / wx, height / wy);
  const double ox = (width - wx * scale) / 2, oy = (height - wy * scale) / 2;
  return {ox + (p.lon - lo_lon) * kx * scale, oy + (hi_lat - p.lat) * scale};
}

struct rgb {
  double r = 0, g = 0, b = 0;
};

/// The colour of pixel (x, y) of a PNG file, channels 0..255.
rgb png_pixel(const fs::path& file, int x, int y) {
  cairo_surface_t* s = cairo_image_surface_create_from_png(file.string().c_str());
  REQUIRE(cairo_surface_status(s) == CAIRO_STATUS_SUCCESS);
  REQUIRE(cairo_image_surface_get_format(s) != CAIRO_FORMAT_A8);
  const unsigned char* row = cairo_image_surface_get_data(s) +
                             static_cast<std::ptrdiff_t>(y) * cairo_image_surface_get_stride(s);
  std::uint32_t v = 0;
  std::memcpy(&v, row + static_cast<std::ptrdiff_t>(x) * 4, 4);
  cairo_surface_destroy(s);
  return {static_cast<double>((v >> 16U) & 0xFFU), static_cast<double>((v >> 8U) & 0xFFU),
          static_cast<double>(v & 0xFFU)};
}

double distance(rgb a, rgb b) {
  return std::abs(a.r - b.r) + std::abs(a.g - b.g) + std::abs(a.b - b.b);
}

/// The midpoint of the longest straight piece of the route's drawn lines (far from the places at
/// its ends), in lon/lat.
geo::lonlat longest_piece_midpoint(const built_network& net, const route& r) {
  geo::lonlat best{};
  double best_km = -1;
  for (const leg& g : r.legs) {
    if (g.stop != stop_kind::none) continue;
    for (const link_id id : g.links) {
      const std::uint32_t rec = net.links.record[id.value()];
      std::vector<geo::lonlat> pts;
      if (rec != no_index) {
        const auto geom = net.records.geometry_of(rec);
        pts.assign(geom.begin(), geom.end());
      }
      if (pts.size() < 2) {
        pts = {net.places.position[net.place_of(net.graph.tail(id))],
               net.places.position[net.place_of(net.graph.head(id))]};
      }
      for (std::size_t i = 1; i < pts.size(); ++i) {
        const double km = geo::great_circle_km(pts[i - 1], pts[i]);
        if (km > best_km) {
          best_km = km;
          best = {(pts[i - 1].lon + pts[i].lon) / 2, (pts[i - 1].lat + pts[i].lat) / 2};
        }
      }
    }
  }
  return best;
}

/// Every file in `dir` (names only).
std::vector<std::string> files_in(const fs::path& dir) {
  std::vector<std::string> out;
  for (const auto& e : fs::directory_iterator(dir)) out.push_back(e.path().filename().string());
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

TEST_CASE("map: the sample network with a route, to SVG and PNG, without outlines") {
  const built_network& net = sample();
  const route r = find(net, "kunming", "bangkok");
  REQUIRE(r.status == route_status::ok);
  const test::temp_dir dir;
  const std::vector<report::map_route> routes{{"Kunming -> Bangkok", &r}};
  report::map_options opt;
  opt.title = "Sample network";
  opt.width_px = 1200;

  report::render_map(dir.path() / "map.svg", net, routes, opt);
  report::render_map(dir.path() / "map.png", net, routes, opt);
  CHECK(files_in(dir.path()) == std::vector<std::string>{"map.png", "map.svg"});
  const std::string svg = slurp(dir.path() / "map.svg");
  CHECK(svg.find("<svg") != std::string::npos);
  // Records, place dots, the route, legend samples and glyphs are all paths.
  CHECK(count(svg, "<path") >= net.records.size());

  const std::string png = slurp(dir.path() / "map.png");
  REQUIRE(png.size() > 24);
  CHECK(png.substr(0, 8) == std::string("\x89PNG\r\n\x1a\n", 8));
  CHECK(png.substr(12, 4) == "IHDR");
  CHECK(big_endian(png, 16) == 1200);
  const long h = expected_height(net, 1200);
  CHECK(std::abs(static_cast<long>(big_endian(png, 20)) - h) <= 1);
  CHECK(big_endian(png, 20) >= 400);
  CHECK(big_endian(png, 20) <= 3000);

  // A narrow map of this tall network is not clamped: the height follows the aspect ratio.
  opt.width_px = 300;
  report::render_map(dir.path() / "narrow.png", net, routes, opt);
  const std::string narrow = slurp(dir.path() / "narrow.png");
  REQUIRE(narrow.size() > 24);
  CHECK(big_endian(narrow, 16) == 300);
  const long narrow_h = expected_height(net, 300);
  CHECK(narrow_h > 400);
  CHECK(narrow_h < 3000);
  CHECK(std::abs(static_cast<long>(big_endian(narrow, 20)) - narrow_h) <= 1);
}

TEST_CASE("map: the route is drawn where it runs, in the first route colour") {
  const built_network& net = sample();
  const route r = find(net, "kunming", "bangkok");
  REQUIRE(r.status == route_status::ok);
  const test::temp_dir dir;
  report::map_options opt;
  opt.width_px = 1200;
  report::render_map(dir.path() / "with.png", net, {{"Kunming -> Bangkok", &r}}, opt);
  report::render_map(dir.path() / "without.png", net, {}, opt);
  const pixel at = project(net, opt.width_px, longest_piece_midpoint(net, r));
  const int x = static_cast<int>(at.x), y = static_cast<int>(at.y);
  const rgb under = png_pixel(dir.path() / "without.png", x, y);
  const rgb drawn = png_pixel(dir.path() / "with.png", x, y);
  // The first route colour (#E6194B) at 85% over what lies beneath (map.cpp's route_palette[0]
  // and route_alpha), within antialiasing and rounding.
  const rgb want{0.85 * 0xE6 + 0.15 * under.r, 0.85 * 0x19 + 0.15 * under.g,
                 0.85 * 0x4B + 0.15 * under.b};
  INFO("pixel ", x, ",", y, ": drawn ", drawn.r, " ", drawn.g, " ", drawn.b);
  CHECK(distance(drawn, want) <= 12);
  CHECK(distance(under, want) > 100);  // without the route the pixel is something else
  // A pixel 40 px off the route, away from it, is the same in both maps.
  const rgb off_with = png_pixel(dir.path() / "with.png", x + 40, y);
  const rgb off_without = png_pixel(dir.path() / "without.png", x + 40, y);
  CHECK(distance(off_with, off_without) <= 3);
}

TEST_CASE("map: country outlines from the Natural Earth .geojson.xz") {
  CORRIDOR_REQUIRE_SHARED("data/natural-earth/ne_50m_admin_0_countries.geojson.xz");
  const built_network& net = sample();
  const route r = find(net, "kunming", "bangkok");
  const test::temp_dir dir;
  const std::vector<report::map_route> routes{{"rail", &r}};
  report::map_options opt;
  report::render_map(dir.path() / "plain.svg", net, routes, opt);
  opt.countries = test::shared_dir() / "data/natural-earth/ne_50m_admin_0_countries.geojson.xz";
  report::render_map(dir.path() / "countries.svg", net, routes, opt);
  report::render_map(dir.path() / "countries.png", net, routes, opt);
  const std::string plain = slurp(dir.path() / "plain.svg");
  const std::string countries = slurp(dir.path() / "countries.svg");
  CHECK(countries.size() > plain.size() + 10000);
  CHECK(fs::file_size(dir.path() / "countries.png") > 0);
  CHECK(files_in(dir.path()) ==
        std::vector<std::string>{"countries.png", "countries.svg", "plain.svg"});
}

TEST_CASE("map: a bad extension is an input error, a missing outline file only a note") {
  const built_network& net = sample();
  const route none;  // status no_path: listed in the legend as such
  const std::vector<report::map_route> routes{{"nothing", &none}};
  const test::temp_dir dir;
  report::map_options opt;
  CHECK_THROWS_AS(report::render_map(dir.path() / "map.pdf", net, routes, opt), input_error);
  CHECK_THROWS_WITH(report::render_map(dir.path() / "map.jpeg", net, routes, opt),
                    doctest::Contains("use .svg or .png"));
  CHECK_THROWS_AS(report::render_map(dir.path() / "missing/map.svg", net, routes, opt),
                  input_error);

  opt.countries = dir.path() / "no_such_countries.geojson.xz";
  CHECK_NOTHROW(report::render_map(dir.path() / "map.svg", net, routes, opt));
  // Not an .xz file: still a map, with the reason in the note.
  opt.countries = dir.write("broken.geojson.xz", "this is not xz");
  CHECK_NOTHROW(report::render_map(dir.path() / "broken.png", net, routes, opt));
  opt.countries = dir.write("broken.geojson", "{ not json");
  CHECK_NOTHROW(report::render_map(dir.path() / "broken.svg", net, routes, opt));
  CHECK(fs::file_size(dir.path() / "map.svg") > 0);
  CHECK(files_in(dir.path()) == std::vector<std::string>{"broken.geojson", "broken.geojson.xz",
                                                         "broken.png", "broken.svg", "map.svg"});
}

TEST_CASE("map: a failed render leaves no temporary file behind") {
  const built_network& net = sample();
  const test::temp_dir dir;
  report::map_options opt;
  opt.width_px = 5;  // out of range
  CHECK_THROWS_AS(report::render_map(dir.path() / "map.png", net, {}, opt), input_error);
  opt.width_px = 800;
  report::render_map(dir.path() / "map.png", net, {}, opt);
  report::render_map(dir.path() / "map.png", net, {}, opt);  // replaces it
  // The rename onto a non-empty folder fails after the temporary file was written.
  fs::create_directory(dir.path() / "taken.svg");
  (void)dir.write("taken.svg/keep", "x");
  CHECK_THROWS(report::render_map(dir.path() / "taken.svg", net, {}, opt));
  CHECK(files_in(dir.path()) == std::vector<std::string>{"map.png", "taken.svg"});
}
