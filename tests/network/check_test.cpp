// corridor check's library: each finding on a hand-made network whose defects are known.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "corridor/network/check.hpp"

using namespace corridor;

namespace {

/// Four places around (40 E, 60 N): lon < 90, so a swap stays on Earth. a-b-c-d in a chain of
/// road links whose lengths fit the straight lines (x 1.2).
std::vector<place_record> places() {
  std::vector<place_record> p;
  const auto add = [&](const char* id, double lon, double lat) {
    p.push_back({.id = id,
                 .name = id,
                 .kind = node_kind::city,
                 .country = "XX",
                 .position = geo::lonlat{lon, lat},
                 .source = "test"});
  };
  add("a", 40.0, 60.0);
  add("b", 41.0, 60.2);
  add("c", 42.0, 60.1);
  add("d", 43.0, 60.3);
  return p;
}

built_network build(std::vector<place_record> ps, double bc_factor = 1.0) {
  network_builder b;
  for (auto& p : ps) b.add_place(p);
  // Lengths fit the true positions (places()), whatever `ps` says.
  const auto link = [&](const char* id, const char* f, const char* t, double factor = 1.0) {
    const auto at = [](const char* x) { return static_cast<std::size_t>(x[0] - 'a'); };
    const double km = geo::great_circle_km(*places()[at(f)].position, *places()[at(t)].position);
    b.add_link({.id = id,
                .from = f,
                .to = t,
                .mode = mode::road,
                .line = "r",
                .length_km = 1.2 * km * factor,
                .source = "test"});
  };
  link("ab", "a", "b");
  link("bc", "b", "c", bc_factor);
  link("cd", "c", "d");
  link("ac", "a", "c");
  return std::move(b).build();
}

std::vector<std::string> codes(const std::vector<finding>& f, severity at_least) {
  std::vector<std::string> out;
  for (const finding& x : f) {
    if (x.level >= at_least) out.push_back(x.code + ":" + x.subject);
  }
  return out;
}

}  // namespace

TEST_CASE("check: a consistent network has no warnings or errors") {
  const std::vector<finding> f = check_network(build(places()));
  CHECK(codes(f, severity::warning).empty());
  CHECK_FALSE(has_errors(f));
}

TEST_CASE("check: a length typed in metres is an error on that link only") {
  const std::vector<finding> f = check_network(build(places(), 1000));
  CHECK(codes(f, severity::warning) == std::vector<std::string>{"length_long:bc"});
}

TEST_CASE("check: swapped lon/lat that stay on Earth are found by the links' lengths") {
  std::vector<place_record> ps = places();
  ps[2].position = geo::lonlat{60.1, 42.0};  // c swapped: still a valid position
  const std::vector<finding> f = check_network(build(ps));
  CHECK(codes(f, severity::warning) == std::vector<std::string>{"swapped_lonlat:c"});
}

TEST_CASE("check: a node moved far away is misplaced, its links are not blamed") {
  std::vector<place_record> ps = places();
  ps[1].position = geo::lonlat{-150, 10};  // b in the Pacific
  const std::vector<finding> f = check_network(build(ps));
  CHECK(codes(f, severity::warning) == std::vector<std::string>{"misplaced:b"});
}

TEST_CASE("check: positions off the Earth are taken out and reported before building") {
  std::vector<place_record> ps = places();
  ps[0].position = geo::lonlat{60.0, 140.0};   // lat 140: swapped
  ps[3].position = geo::lonlat{400.0, 100.0};  // neither
  const std::vector<finding> f = take_invalid_positions(ps);
  REQUIRE(f.size() == 2);
  CHECK(f[0].code == "swapped_lonlat");
  CHECK(f[0].subject == "a");
  CHECK(f[1].code == "bad_position");
  CHECK_FALSE(ps[0].position.has_value());
}

TEST_CASE("check: near-duplicate places and edits that change nothing") {
  std::vector<place_record> ps = places();
  ps.push_back({.id = "a2",
                .name = "a2",
                .kind = node_kind::city,
                .country = "XX",
                .position = geo::lonlat{40.001, 60.001},
                .source = "test"});
  const built_network net = build(ps);
  CHECK(codes(check_network(net), severity::warning) ==
        std::vector<std::string>{"near_duplicate:a2"});
  scenario_edits e;
  const std::uint32_t ab = detail::first_link_of_record(net)[0];  // record 0 is "ab"
  REQUIRE(net.records.id[net.links.record[ab]] == "ab");
  e.change.push_back({.link = "ab", .length_km = net.links.length_km[ab]});
  e.change.push_back({.link = "cd", .length_km = 1});
  const std::vector<finding> f = check_edits(net, e);
  REQUIRE(f.size() == 1);
  CHECK(f[0].subject == "ab");
}
