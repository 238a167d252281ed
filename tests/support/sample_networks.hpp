// Small hand-made networks whose answers are checked by hand in the tests.
#pragma once

#include <utility>

#include "corridor/network/builder.hpp"

namespace corridor::test {

/// A miniature of Kunming -> Bangkok:
///   K (CN, rail_hub) --rail 1435, 300 km--> M (CN, border) --rail 1435, 10 km, border--> B (LA)
///   B --rail 1435, 200 km--> V (LA, dry port) --rail 1435/1000 gauge break, 6 km--> T (LA)
///   T --rail 1000, 3 km, border--> N (TH) --rail 1000, 600 km--> BK (TH city)
///   K --road 1200 km--> BK  (one road link, no border crossing on the road: both ends' countries
///   differ, so it is a border crossing too)
///   BK --road 100 km--> P (TH seaport)
/// Speeds: none given on links, so the profile's speeds apply.
inline built_network mini_kunming_bangkok() {
  network_builder b;
  const auto place = [&](const char* id, node_kind k, const char* cc, double lon, double lat) {
    b.add_place(
        {.id = id, .name = id, .kind = k, .country = cc, .position = geo::lonlat{lon, lat}});
  };
  place("K", node_kind::rail_hub, "CN", 102.7, 25.0);
  place("M", node_kind::border_crossing, "CN", 101.69, 21.2);
  place("B", node_kind::border_crossing, "LA", 101.66, 21.15);
  place("V", node_kind::dry_port, "LA", 102.76, 17.88);
  place("T", node_kind::dry_port, "LA", 102.71, 17.89);
  place("N", node_kind::border_crossing, "TH", 102.72, 17.86);
  place("BK", node_kind::city, "TH", 100.5, 13.75);
  place("P", node_kind::seaport, "TH", 100.9, 13.08);
  const auto rail = [&](const char* id, const char* f, const char* t, double km, std::uint16_t g,
                        std::uint16_t g_to = 0) {
    b.add_link({.id = id,
                .from = f,
                .to = t,
                .mode = mode::rail,
                .line = "rail line",
                .length_km = km,
                .gauge_mm = g,
                .gauge_to_mm = g_to});
  };
  rail("r1", "K", "M", 300, 1435);
  rail("r2", "M", "B", 10, 1435);
  rail("r3", "B", "V", 200, 1435);
  rail("r4", "V", "T", 6, 1435, 1000);
  rail("r5", "T", "N", 3, 1000);
  rail("r6", "N", "BK", 600, 1000);
  b.add_link({.id = "d1",
              .from = "K",
              .to = "BK",
              .mode = mode::road,
              .line = "highway",
              .length_km = 1200});
  b.add_link({.id = "d2",
              .from = "BK",
              .to = "P",
              .mode = mode::road,
              .line = "highway",
              .length_km = 100});
  return std::move(b).build();
}

}  // namespace corridor::test
