// Routes on the miniature Kunming -> Bangkok network (tests/support/sample_networks.hpp), with
// every number worked out by hand from the link lengths and the profile below.
#include <doctest/doctest.h>

#include "corridor/path/route.hpp"
#include "sample_networks.hpp"

using namespace corridor;

namespace {
cost_profile hand_profile() {
  cost_profile p = cost_profile::defaults();
  p.set("rail.speed_kmh", 50);
  p.set("rail_other_gauge.speed_kmh", 25);
  p.set("road.speed_kmh", 50);
  p.set("rail.usd_per_tkm", 0.02);
  p.set("road.usd_per_tkm", 0.075);
  p.set("border.time_h", 4);
  p.set("border.usd_per_t", 2);
  p.set("gauge_break.time_h", 3);
  p.set("gauge_break.usd_per_t", 5);
  p.set("terminal.time_h", 6);
  p.set("terminal.usd_per_t", 5);
  p.set("border_road.time_h", 0);  // trucks wait no longer than border.time_h here
  return p;
}
std::string place(const built_network& n, std::uint32_t p) { return n.places.id[p]; }
}  // namespace

TEST_CASE("route: fastest Kunming -> Bangkok is the road (24 h + 4 h border)") {
  const built_network net = test::mini_kunming_bangkok();
  const link_costs c = compute_link_costs(net, hand_profile());
  const route r =
      find_route(net, c, criterion::time, {}, net.find_place("K"), net.find_place("BK"));
  REQUIRE(r.status == route_status::ok);
  REQUIRE(r.legs.size() == 2);
  CHECK(r.legs[0].stop == stop_kind::border);
  CHECK(r.legs[0].time_h == doctest::Approx(4));
  CHECK(r.legs[1].mode == mode::road);
  CHECK(r.legs[1].distance_km == 1200);
  CHECK(r.legs[1].time_h == doctest::Approx(24));
  CHECK(r.totals.time_h == doctest::Approx(28));
  CHECK(r.totals.weight == doctest::Approx(28));
  CHECK(r.totals.border_crossings == 1);
}

TEST_CASE("route: rail only, with both borders and the gauge break as legs") {
  const built_network net = test::mini_kunming_bangkok();
  const link_costs c = compute_link_costs(net, hand_profile());
  link_filter f;
  f.exclude_mode(mode::road);
  const route r = find_route(net, c, criterion::time, f, net.find_place("K"), net.find_place("BK"));
  REQUIRE(r.status == route_status::ok);
  // K-M rail | border M-B | M-B-V rail | gauge break V-T | V-T rail | border T-N | T-N-BK rail
  REQUIRE(r.legs.size() == 7);
  CHECK(place(net, r.legs[0].from_place) == "K");
  CHECK(place(net, r.legs[0].to_place) == "M");
  CHECK(r.legs[0].distance_km == 300);
  CHECK(r.legs[1].stop == stop_kind::border);
  CHECK(r.legs[1].border_crossings == 1);
  CHECK(place(net, r.legs[2].from_place) == "M");
  CHECK(r.legs[2].distance_km == 210);
  CHECK(r.legs[3].stop == stop_kind::gauge_break);
  CHECK(r.legs[3].gauge_breaks == 1);
  CHECK(r.legs[4].distance_km == 6);
  CHECK(r.legs[5].stop == stop_kind::border);
  CHECK(r.legs[6].distance_km == 603);
  CHECK(place(net, r.legs[6].to_place) == "BK");
  // 6 + 0.2 + 4 + 4 + 0.12 + 3 + 0.12 + 4 + 24 hours
  CHECK(r.totals.time_h == doctest::Approx(45.44));
  CHECK(r.totals.distance_km == 1119);
  CHECK(r.totals.border_crossings == 2);
  CHECK(r.totals.gauge_breaks == 1);
  // 1119 km x 0.02 + 2 borders x 2 + gauge break 5
  CHECK(r.totals.cost_usd_per_t == doctest::Approx(31.38));
}

TEST_CASE("route: cheapest Kunming -> port is rail, a terminal transfer, then road") {
  const built_network net = test::mini_kunming_bangkok();
  const link_costs c = compute_link_costs(net, hand_profile());
  const route r = find_route(net, c, criterion::cost, {}, net.find_place("K"), net.find_place("P"));
  REQUIRE(r.status == route_status::ok);
  // rail 31.38 + terminal 5 + road 100 km x 0.075 = 43.88 (all-road: 1300 x 0.075 + 2 = 99.5)
  CHECK(r.totals.cost_usd_per_t == doctest::Approx(43.88));
  CHECK(r.totals.weight == doctest::Approx(43.88));
  CHECK(r.totals.transfers == 2);  // the gauge break and the rail -> road terminal
  CHECK(r.legs.back().mode == mode::road);
  CHECK(r.legs[r.legs.size() - 2].stop == stop_kind::terminal);
  // Totals are the sums of the legs, and the weight is the path's.
  double km = 0, h = 0, usd = 0, co2 = 0, w = 0;
  for (const leg& g : r.legs) {
    km += g.distance_km;
    h += g.time_h;
    usd += g.cost_usd_per_t;
    co2 += g.co2_kg_per_t;
    w += g.weight;
  }
  CHECK(r.totals.distance_km == doctest::Approx(km));
  CHECK(r.totals.time_h == doctest::Approx(h));
  CHECK(r.totals.co2_kg_per_t == doctest::Approx(co2));
  CHECK(w == doctest::Approx(usd));
}

TEST_CASE("route: generalized cost and no path as a status") {
  const built_network net = test::mini_kunming_bangkok();
  const link_costs c = compute_link_costs(net, hand_profile());
  const route g =
      find_route(net, c, criterion::generalized, {}, net.find_place("K"), net.find_place("BK"));
  REQUIRE(g.status == route_status::ok);
  // rail: 31.38 + 0.5 x 45.44 = 54.10; road: 92 + 0.5 x 28 = 106
  CHECK(g.totals.weight == doctest::Approx(54.10));
  link_filter none;
  none.exclude_mode(mode::road);
  none.exclude_mode(mode::rail);
  const route r =
      find_route(net, c, criterion::time, none, net.find_place("K"), net.find_place("BK"));
  CHECK(r.status == route_status::no_path);
  CHECK(r.legs.empty());
  const route self =
      find_route(net, c, criterion::time, {}, net.find_place("K"), net.find_place("K"));
  CHECK(self.status == route_status::ok);
  CHECK(self.totals.time_h == 0);
}

TEST_CASE("route: freight never uses passenger-only lines unless asked to") {
  // Kunming - Nanning: a 710 km high-speed line (passenger-only) beside the 898 km conventional
  // line. At the same capped freight speed the shorter HSR would win; freight must not take it.
  network_builder b;
  b.add_place({.id = "kunming", .position = geo::lonlat{102.72, 25.04}});
  b.add_place({.id = "nanning", .position = geo::lonlat{108.37, 22.82}});
  b.add_link({.id = "hsr",
              .from = "kunming",
              .to = "nanning",
              .mode = mode::rail,
              .line = "Nankun HSR",
              .length_km = 710,
              .gauge_mm = 1435,
              .speed_kmh = 250,
              .freight = false});
  b.add_link({.id = "conventional",
              .from = "kunming",
              .to = "nanning",
              .mode = mode::rail,
              .line = "Nankun railway",
              .length_km = 898,
              .gauge_mm = 1435,
              .speed_kmh = 120});
  const built_network net = std::move(b).build();
  const link_costs c = compute_link_costs(net, hand_profile());  // rail 50 km/h
  const route freight = find_route(net, c, criterion::time, {}, 0, 1);
  REQUIRE(freight.status == route_status::ok);
  CHECK(freight.legs.front().line == "Nankun railway");
  CHECK(freight.totals.time_h == doctest::Approx(898.0 / 50));
  link_filter f;
  f.passenger_lines = true;
  const route any = find_route(net, c, criterion::time, f, 0, 1);
  CHECK(any.legs.front().line == "Nankun HSR");
  CHECK(any.totals.time_h == doctest::Approx(710.0 / 50));
  link_filter no_conventional;
  no_conventional.excluded_records.push_back(1);
  CHECK(find_route(net, c, criterion::time, no_conventional, 0, 1).status == route_status::no_path);
}

TEST_CASE("route: a road border takes at least border_road.time_h, a per-crossing time wins") {
  const built_network net = test::mini_kunming_bangkok();
  const auto border_leg_h = [&](const cost_profile& p) {
    const route r = find_route(net, compute_link_costs(net, p), criterion::time, {},
                               net.find_place("K"), net.find_place("BK"));
    REQUIRE(r.status == route_status::ok);
    REQUIRE(r.legs[0].stop == stop_kind::border);
    return r.legs[0].time_h;
  };
  cost_profile p = hand_profile();  // border.time_h 4
  p.set("border_road.time_h", 9);
  CHECK(border_leg_h(p) == doctest::Approx(9));  // max(4, 9)
  p.set("border_road.time_h", 2.5);
  CHECK(border_leg_h(p) == doctest::Approx(4));  // max(4, 2.5)
  const route r = find_route(net, compute_link_costs(net, p), criterion::time, {},
                             net.find_place("K"), net.find_place("BK"));
  const link_id crossing_link = r.legs[0].links[0];
  const std::string crossing = net.places.id[net.place_of(net.graph.head(crossing_link))];
  p.set(cost_profile::border_time_name(crossing), 1.25);
  CHECK(border_leg_h(p) == doctest::Approx(1.25));  // the crossing's own time, below both
  // A mode-scoped time: the road's own wins over the every-mode one; a rail one leaves the road be.
  p.set(cost_profile::border_time_name(crossing, mode::rail), 30);
  CHECK(border_leg_h(p) == doctest::Approx(1.25));
  p.set(cost_profile::border_time_name(crossing, mode::road), 6.5);
  CHECK(border_leg_h(p) == doctest::Approx(6.5));
  CHECK(cost_profile::border_time_name(crossing, mode::road) ==
        "border_road." + crossing + ".time_h");
  CHECK(cost_profile::place_of_border_time("border_rail." + crossing + ".time_h") == crossing);
  CHECK_FALSE(cost_profile::place_of_border_time("border_road.time_h").has_value());
}
