// analysis::resolve_place on the sample network: by id, by name, by position, and its errors.
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/analysis/places.hpp"
#include "corridor/error.hpp"
#include "test_support.hpp"

namespace {

using namespace corridor;

const gis::loaded_network& sample() {
  static const gis::loaded_network n = gis::read_network(test::source_dir() / "geodata/sample");
  return n;
}

std::string message_of(const auto& call) {
  try {
    call();
  } catch (const error& e) {
    return e.what();
  }
  return "(no error)";
}

/// Haversine km on the mean Earth radius, written out here as the oracle.
double haversine_km(double lon1, double lat1, double lon2, double lat2) {
  const double r = std::numbers::pi / 180;
  const double a =
      std::pow(std::sin((lat2 - lat1) * r / 2), 2) +
      std::cos(lat1 * r) * std::cos(lat2 * r) * std::pow(std::sin((lon2 - lon1) * r / 2), 2);
  return 2 * 6371.0088 * std::asin(std::sqrt(a));
}

}  // namespace

TEST_CASE("resolve_place: an id, then a name in any case") {
  const auto& n = sample();
  CHECK(analysis::resolve_place(n, "kunming", "--from") == n.net.find_place("kunming"));
  CHECK(analysis::resolve_place(n, "Laem Chabang Port", "--to") ==
        n.net.find_place("laem_chabang"));
  CHECK(analysis::resolve_place(n, "laem chabang port", "--to") ==
        n.net.find_place("laem_chabang"));
  CHECK(analysis::resolve_place(n, "KUNMING", "--to") == n.net.find_place("kunming"));
}

TEST_CASE("resolve_place: a position snaps to the nearest node and says so") {
  const auto& n = sample();
  std::vector<std::string> notes;
  const auto note = [&](const std::string& m) { notes.push_back(m); };
  // 102.70,25.05 is near Kunming (102.718, 25.038), 2.2 km by the oracle.
  const std::uint32_t p = analysis::resolve_place(n, "102.70,25.05", "--from", nullptr, note);
  CHECK(p == n.net.find_place("kunming"));
  REQUIRE(notes.size() == 1);
  const double km = haversine_km(102.70, 25.05, 102.718, 25.038);
  char expected[32];
  std::snprintf(expected, sizeof expected, "%.2f km away", km);
  CHECK(notes[0] == "--from 102.70,25.05: node kunming (Kunming), " + std::string(expected));
}

TEST_CASE("resolve_place: with a snap filter, only places a usable link touches count") {
  const auto& n = sample();
  // Khamsavath (102.6747, 17.9575), the metre-gauge terminus, has rail only; by the oracle the
  // nearest places with a road are Vientiane (4.82 km), the VSDZ (6.73) and Thanaleng (8.40).
  const std::string at = "102.6747,17.9575";
  CHECK(n.net.places.id[analysis::resolve_place(n, at, "--to")] == "khamsavath");
  link_filter road_only;
  road_only.exclude_mode(mode::rail);
  road_only.exclude_mode(mode::sea);
  road_only.exclude_mode(mode::inland_waterway);
  const analysis::snap_filter snap{n.net.links, road_only};
  CHECK(n.net.places.id[analysis::resolve_place(n, at, "--to", &snap)] == "vientiane");
  link_filter nothing = road_only;
  nothing.exclude_mode(mode::road);
  const analysis::snap_filter none{n.net.links, nothing};
  CHECK_THROWS_AS((void)analysis::resolve_place(n, at, "--to", &none), input_error);
}

TEST_CASE("resolve_place: errors name the argument and suggest ids") {
  const auto& n = sample();
  const std::string unknown =
      message_of([&] { (void)analysis::resolve_place(n, "kunmin", "--from"); });
  CHECK(unknown.find("--from 'kunmin': no node with this id or name in") != std::string::npos);
  CHECK(unknown.find("did you mean: kunming") != std::string::npos);
  CHECK_THROWS_AS((void)analysis::resolve_place(n, "kunmin", "--from"), lookup_error);
  CHECK_THROWS_AS((void)analysis::resolve_place(n, "200,10", "--from"), input_error);
  // The middle of the Pacific: the nearest node is thousands of km away.
  const std::string far = message_of([&] { (void)analysis::resolve_place(n, "-150,0", "--to"); });
  CHECK(far.find("no node within 50 km") != std::string::npos);
}
