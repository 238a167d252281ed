#include <cmath>
#include <limits>
#include <random>
#include <string>

#include <doctest/doctest.h>

#include "corridor/network/builder.hpp"
#include "sample_networks.hpp"
#include "test_support.hpp"

using namespace corridor;

TEST_CASE("builder: layers, generated transfers, borders and gauge breaks") {
  const built_network net = test::mini_kunming_bangkok();
  // K: rail 1435 + road; BK: rail 1000 + road; the others one layer each.
  CHECK(net.graph.node_count() == 10);
  CHECK(net.graph.link_count() == 8 * 2 + 2 + 2);
  CHECK(net.nodes_of(net.find_place("K")).size() == 2);
  CHECK(net.nodes_of(net.find_place("V")).size() == 1);
  CHECK(net.nodes_of(net.find_place("T")).size() == 1);
  CHECK(net.nodes.layer[net.nodes_of(net.find_place("V"))[0].value()].gauge_mm == 1435);
  CHECK(net.nodes.layer[net.nodes_of(net.find_place("T"))[0].value()].gauge_mm == 1000);

  int transfers = 0, borders = 0, gauge_breaks = 0;
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const link_id id{l};
    const auto t = net.place_of(net.graph.tail(id)), h = net.place_of(net.graph.head(id));
    if (net.links.mode[l] == mode::transfer) {
      ++transfers;
      CHECK(t == h);
      CHECK(net.links.transfer[l] == transfer_kind::terminal);  // road <-> rail
      CHECK(net.links.record[l] == no_index);
      continue;
    }
    // The permutation: every link knows its record, and the record's ends match.
    const std::uint32_t r = net.links.record[l];
    REQUIRE(r < net.records.size());
    const std::string& rid = net.records.id[r];
    const bool rev = net.links.reversed[l] != 0;
    const std::string from = net.places.id[rev ? h : t], to = net.places.id[rev ? t : h];
    if (rid == "r1") CHECK((from == "K" && to == "M"));
    if (rid == "r4") CHECK((from == "V" && to == "T"));
    borders += net.links.crosses_border[l];
    gauge_breaks += net.links.transfer[l] == transfer_kind::gauge_break ? 1 : 0;
    if (net.links.crosses_border[l] != 0) {
      CHECK((rid == "r2" || rid == "r5" || rid == "d1"));
    }
  }
  CHECK(transfers == 4);
  CHECK(borders == 6);       // r2, r5, d1 in both directions
  CHECK(gauge_breaks == 2);  // r4 both ways
}

TEST_CASE("builder: the permutation keeps every weight with its link (random order)") {
  std::mt19937_64 rng(test::seed());
  for (int round = 0; round < 50; ++round) {
    network_builder b({.generate_transfers = false, .geographic = false});
    const int n = 2 + static_cast<int>(rng() % 30);
    const int m = static_cast<int>(rng() % 120);
    for (int i = n - 1; i >= 0; --i) b.add_place({.id = "n" + std::to_string(i)});
    std::vector<std::pair<int, int>> arcs;
    for (int i = 0; i < m; ++i) {
      const int u = static_cast<int>(rng() % static_cast<unsigned>(n));
      int v = static_cast<int>(rng() % static_cast<unsigned>(n));
      if (v == u) v = (u + 1) % n;
      arcs.emplace_back(u, v);
      b.add_link({.id = "a" + std::to_string(i),
                  .from = "n" + std::to_string(u),
                  .to = "n" + std::to_string(v),
                  .oneway = true,
                  .weight = 1000.0 * u + v + i * 1e-6});
    }
    const built_network net = std::move(b).build();
    REQUIRE(net.graph.link_count() == static_cast<std::uint32_t>(m));
    for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
      const std::uint32_t r = net.links.record[l];
      const auto [u, v] = arcs[r];
      CHECK(net.places.id[net.place_of(net.graph.tail(link_id{l}))] == "n" + std::to_string(u));
      CHECK(net.places.id[net.place_of(net.graph.head(link_id{l}))] == "n" + std::to_string(v));
      CHECK(net.links.weight[l] == 1000.0 * u + v + r * 1e-6);
    }
  }
}

namespace {
std::string build_error(void (*setup)(network_builder&)) {
  network_builder b;
  b.add_place({.id = "a", .position = geo::lonlat{100, 10}});
  b.add_place({.id = "b", .position = geo::lonlat{101, 11}});
  setup(b);
  try {
    (void)std::move(b).build();
  } catch (const input_error& e) {
    return e.what();
  }
  return "no error";
}
link_record ok_link() {
  return {.id = "x",
          .from = "a",
          .to = "b",
          .mode = mode::road,
          .length_km = 10,
          .origin = "links.geojson feature 7"};
}
}  // namespace

TEST_CASE("builder: every bad input is rejected with a message naming record and field") {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  (void)nan;
  (void)inf;
  CHECK(build_error([](network_builder& b) { b.add_link(ok_link()); }) == "no error");
  CHECK(build_error([](network_builder& b) {
          b.add_place({.id = "a", .origin = "nodes.geojson feature 3"});
        }) ==
        "node 'a' (nodes.geojson feature 3): field 'id': duplicate id 'a' (first defined by node "
        "'a' (record 1))");
  CHECK(build_error([](network_builder& b) {
          b.add_link(ok_link());
          b.add_link(ok_link());
        }).find("link 'x' (links.geojson feature 7): field 'id': duplicate id 'x'") == 0);
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.from = "nowhere";
          b.add_link(l);
        }) == "link 'x' (links.geojson feature 7): field 'from': unknown node 'nowhere'");
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.to = "zz";
          b.add_link(l);
        }) == "link 'x' (links.geojson feature 7): field 'to': unknown node 'zz'");
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.to = "a";
          b.add_link(l);
        }) == "link 'x' (links.geojson feature 7): field 'to': same node as 'from' ('a')");
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.length_km = std::numeric_limits<double>::quiet_NaN();
          b.add_link(l);
        }) ==
        "link 'x' (links.geojson feature 7): field 'length_km': NaN is not a finite length >= 0");
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.length_km = std::numeric_limits<double>::infinity();
          b.add_link(l);
        }) ==
        "link 'x' (links.geojson feature 7): field 'length_km': inf is not a finite length >= 0");
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.length_km = -3;
          b.add_link(l);
        }) ==
        "link 'x' (links.geojson feature 7): field 'length_km': -3 is not a finite length >= 0");
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.speed_kmh = 0;
          b.add_link(l);
        }) ==
        "link 'x' (links.geojson feature 7): field 'speed_kmh': 0 must be > 0 (or absent for the "
        "mode default)");
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.speed_kmh = -5;
          b.add_link(l);
        }).find("field 'speed_kmh': -5 must be > 0") != std::string::npos);
  CHECK(build_error([](network_builder& b) {
          b.add_place(
              {.id = "c", .position = geo::lonlat{100, 95}, .origin = "nodes.geojson feature 3"});
        }) ==
        "node 'c' (nodes.geojson feature 3): field 'geometry': invalid coordinates lon=100 lat=95 "
        "(need -180..180, -90..90, WGS84 degrees)");
  CHECK(build_error([](network_builder& b) {
          b.add_place(
              {.id = "c", .position = geo::lonlat{std::numeric_limits<double>::quiet_NaN(), 1}});
        }).find("field 'geometry': invalid coordinates lon=NaN") != std::string::npos);
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.mode = mode::rail;
          b.add_link(l);
        }) ==
        "link 'x' (links.geojson feature 7): field 'gauge_mm': a rail link needs a gauge (e.g. "
        "1435, 1000, 1520)");
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.gauge_to_mm = 1000;
          b.add_link(l);
        }).find("field 'gauge_to_mm': only a rail link") != std::string::npos);
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.mode = mode::transfer;
          b.add_link(l);
        }).find("field 'mode': 'transfer' links are generated") != std::string::npos);
  CHECK(build_error([](network_builder& b) {
          auto l = ok_link();
          l.capacity_t_per_year = -1;
          b.add_link(l);
        }).find("field 'capacity_t_per_year': -1 must be a finite number >= 0") !=
        std::string::npos);
  CHECK(build_error([](network_builder& b) {
          b.add_place({.id = "c", .dwell_h = -2});
        }).find("node 'c' (record 3): field 'dwell_h'") == 0);
}

TEST_CASE("builder: abstract graphs need a finite weight instead of a length") {
  network_builder b({.generate_transfers = false, .geographic = false});
  b.add_place({.id = "1"});
  b.add_place({.id = "2"});
  b.add_link({.id = "a", .from = "1", .to = "2", .oneway = true});
  CHECK_THROWS_WITH_AS((void)std::move(b).build(),
                       "link 'a' (record 1): field 'weight': NaN is not a finite weight >= 0",
                       input_error);
}
