// The bundled China-ASEAN network (geodata/china-asean): every system present under its name and
// routable end to end, the China-Laos railway's sourced length, reachability as of 2030, no
// aggregate link on any route, and gauge breaks counted exactly where gauges change.
#include <algorithm>
#include <random>
#include <set>
#include <string>

#include <doctest/doctest.h>

#include "corridor/gis/read.hpp"
#include "corridor/path/constrained.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

const gis::loaded_network& china_asean() {
  static const gis::loaded_network n =
      gis::read_network(test::source_dir() / "geodata/china-asean");
  return n;
}

std::uint32_t corridor_index(const built_network& net, const std::string& name) {
  const auto it = std::find(net.corridors.begin(), net.corridors.end(), name);
  return it == net.corridors.end() ? no_index
                                   : static_cast<std::uint32_t>(it - net.corridors.begin());
}

/// Gauge changes along a route: consecutive rail running (no travel by another mode between)
/// on different gauges, counted from the gauges of the rail nodes the route passes.
std::uint32_t gauge_changes(const built_network& net, const route& r) {
  std::uint32_t changes = 0, last = 0;
  const auto visit = [&](node_id v) {
    const layer x = net.nodes.layer[v.value()];
    if (x.mode != mode::rail) return;
    if (last != 0 && x.gauge_mm != last) ++changes;
    last = x.gauge_mm;
  };
  for (const leg& g : r.legs) {
    if (g.stop == stop_kind::border) continue;  // the link repeats in the travel leg
    for (const link_id l : g.links) {
      const mode md = net.links.mode[l.value()];
      if (md != mode::rail && md != mode::transfer) last = 0;  // another mode: rail run ends
      if (g.stop == stop_kind::none || md == mode::transfer) {
        visit(net.graph.tail(l));
        visit(net.graph.head(l));
      }
    }
  }
  return changes;
}

}  // namespace

TEST_CASE("china-asean: every system the project exists for, by name") {
  const built_network& net = china_asean().net;
  // 131 shared + 15 of geodata/facts (pakse, veunkham, stung_treng for the China-Cambodia railway;
  // 12 road places: AH2/AH3 tachileik, kengtung, meiktila, daluo; AH13 dien_bien_phu, tay_trang;
  // fuzhou; EWEC savannakhet, mukdahan, lao_bao; rantau_panjang, hat_lek), chiang_saen_port (the
  // Lancang-Mekong boats), and the third road pass's nakhon_sawan, nakhon_phanom, ubon_ratchathani,
  // kon_tum, ta_lung; kaiyuan (the metre-gauge Kaiyuan-Hai Phong freight line) and the fourth
  // pass's phitsanulok, tak, mae_sot, huay_kon, pleiku, buon_ma_thuot, gua_musang, maoming,
  // beijing; the fifth pass's loei, chaiyaphum, kabin_buri, siem_reap, jinan; the sixth pass's
  // chong_sa_ngam
  CHECK(net.place_count() == 168);
  for (const char* name :
       {"China-Laos Railway", "Thai metre-gauge network", "Thai-Chinese HSR", "KTM West Coast Line",
        "East Coast Rail Link", "New International Land-Sea Trade Corridor",
        "Yunnan-Vietnam Railway", "Lao Cai-Hanoi-Haiphong SGR",
        "Nanning-Hanoi (Pingxiang-Dong Dang)", "China-Myanmar Railway (Muse-Mandalay-Kyaukphyu)",
        "Jakarta-Bandung HSR", "Singapore-Shandong shipping corridor",
        "China-Europe Railway (Khorgos/Alashankou)", "Kunming-Bangkok Expressway (R3A)",
        "CR Express corridor Xi'an-Urumqi", "ILSTC rail corridor Chongqing-Qinzhou Port",
        "Lancang-Mekong river route"}) {
    CAPTURE(name);
    CHECK(corridor_index(net, name) != no_index);
  }
  for (const char* place : {"kunming",
                            "vientiane_south",
                            "thanaleng",
                            "nong_khai",
                            "bangkok",
                            "laem_chabang",
                            "padang_besar",
                            "kuantan_port",
                            "mckip",
                            "cmqip",
                            "qinzhou_port",
                            "chongqing",
                            "hekou",
                            "lao_cai",
                            "haiphong_port",
                            "pingxiang",
                            "dong_dang",
                            "muse",
                            "mandalay",
                            "kyaukphyu",
                            "jakarta",
                            "bandung",
                            "sg_port",
                            "woodlands",
                            "qingdao_port",
                            "khorgos",
                            "alashankou",
                            "uthai_thani_sugar",
                            "chanthaburi_durian",
                            "nanning"}) {
    CAPTURE(place);
    CHECK(net.find_place(place) != no_index);
  }
}

TEST_CASE("china-asean: each named system is routable from end to end on its own links") {
  const built_network& net = china_asean().net;
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  link_filter all;
  all.full_build_out = true;
  all.passenger_lines = true;  // the HSR systems are passenger lines
  for (std::uint32_t k = 0; k < net.corridors.size(); ++k) {
    CAPTURE(net.corridors[k]);
    // The two places of the system farthest apart.
    std::set<std::uint32_t> places;
    for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
      const auto r = net.links.record[l];
      if (r == no_index) continue;
      const auto cs = net.records.corridors_of(r);
      if (std::find(cs.begin(), cs.end(), k) == cs.end()) continue;
      places.insert(net.place_of(net.graph.tail(link_id{l})));
      places.insert(net.place_of(net.graph.head(link_id{l})));
    }
    REQUIRE(places.size() >= 2);
    std::uint32_t a = 0, b = 0;
    double widest = -1;
    for (const auto p : places) {
      for (const auto q : places) {
        const double d = geo::great_circle_km(net.places.position[p], net.places.position[q]);
        if (d > widest) {
          widest = d;
          a = p;
          b = q;
        }
      }
    }
    // Only the system's own links (and the transfers between their layers).
    link_filter own = all;
    for (std::uint32_t r = 0; r < net.records.size(); ++r) {
      const auto cs = net.records.corridors_of(r);
      if (std::find(cs.begin(), cs.end(), k) == cs.end()) own.excluded_records.push_back(r);
    }
    const route r = find_route(net, c, criterion::distance, own, a, b);
    REQUIRE(r.status == route_status::ok);
    const auto used = corridors_used(net, r);
    CHECK(std::find(used.begin(), used.end(), k) != used.end());
  }
}

TEST_CASE("china-asean: Kunming -> Vientiane by rail is the China-Laos railway, 1,035 km +- 1%") {
  const built_network& net = china_asean().net;
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  link_filter rail;
  rail.exclude_mode(mode::road);
  rail.exclude_mode(mode::sea);
  rail.exclude_mode(mode::inland_waterway);
  const route r = find_route(net, c, criterion::distance, rail, net.find_place("kunming"),
                             net.find_place("vientiane"));
  REQUIRE(r.status == route_status::ok);
  // facts.csv clr_length: "China-Laos Railway total length Kunming-Vientiane, 1035 km" (sourced).
  CHECK(r.totals.distance_km == doctest::Approx(1035).epsilon(0.01));
  for (const leg& g : r.legs) {
    if (g.stop == stop_kind::none) CHECK(g.line == "China-Laos Railway");
  }
  CHECK(r.totals.border_crossings == 1);
  CHECK(r.totals.gauge_breaks == 0);
}

TEST_CASE(
    "china-asean: the links added for the detour index carry the routes they were added for") {
  // Shortest by distance on one mode; each expected length is the hand sum of the links' sourced
  // or derived lengths in geodata/facts/links.csv (2026-12-05).
  const built_network& net = china_asean().net;
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  struct expect {
    const char *from, *to;
    mode md;
    double km;
  };
  for (const expect& e : {
           // r_yv_06 102 + r_yv_05 296 + r_yv_04 3 + r_yv_07 212: all metre gauge to Kaiyuan
           expect{"haiphong_port", "kaiyuan", mode::rail, 613.0},
           expect{"ningbo_port", "xiamen_port", mode::rail, 606.0 + 274.9},   // r_add_22 + 23
           expect{"guangzhou", "zhanjiang_port", mode::rail, 404.2 + 103.0},  // r_add_20 + 21
           expect{"kuantan", "johor_bahru", mode::road, 330.0},               // FT3, d_rd_155
           // AH1 by Nakhon Sawan, Tak and Mae Sot (d_rd_122, 143, 141, 142; d_rd_72 superseded)
           expect{"bangkok", "yangon", mode::road, 240.0 + 186.0 + 95.0 + 450.0},
           expect{"chanthaburi_durian", "aranyaprathet", mode::road, 195.0},  // Hwy 317, d_rd_140
       }) {
    CAPTURE(e.from);
    CAPTURE(e.to);
    link_filter f;
    for (const mode m : {mode::rail, mode::road, mode::sea, mode::inland_waterway}) {
      if (m != e.md) f.exclude_mode(m);
    }
    const route r =
        find_route(net, c, criterion::distance, f, net.find_place(e.from), net.find_place(e.to));
    REQUIRE(r.status == route_status::ok);
    CHECK(r.totals.distance_km == doctest::Approx(e.km).epsilon(1e-9));
  }
}

TEST_CASE("china-asean: every node is reachable in the 2030 network") {
  const built_network& net = china_asean().net;
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  const auto reachable_places = [&](const link_filter& f) {
    const std::vector<double> w = filtered_weights(net, c.criterion_weights(criterion::time), f);
    const auto tree = one_to_all(net.graph, by_column(w), net.nodes_of(net.find_place("kunming")));
    std::set<std::uint32_t> out;
    for (std::uint32_t v = 0; v < net.graph.node_count(); ++v) {
      if (tree.distance[v] < infinite_distance) out.insert(net.place_of(node_id{v}));
    }
    return out;
  };
  link_filter y2030;
  y2030.year = 2030;
  y2030.passenger_lines = true;
  CHECK(reachable_places(y2030).size() == net.place_count());
  // For freight (no passenger-only lines), exactly the places served only by passenger-only
  // lines are out of reach.
  y2030.passenger_lines = false;
  const auto freight = reachable_places(y2030);
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    bool freight_link = false;
    for (const node_id v : net.nodes_of(p)) {
      for (const link_id l : net.graph.out_links(v)) {
        const auto i = l.value();
        freight_link =
            freight_link || (net.links.mode[i] != mode::transfer && net.links.freight[i] &&
                             open_in(net.links.status[i], net.links.open_year[i], 2030));
      }
    }
    CAPTURE(net.places.id[p]);
    CHECK((freight.count(p) == 1) == freight_link);
  }
}

TEST_CASE("china-asean: aggregate links are corridors, never links") {
  const built_network& net = china_asean().net;
  for (std::uint32_t r = 0; r < net.records.size(); ++r) {
    CHECK(net.records.id[r] != "r_cn_24");
    CHECK(net.records.id[r] != "r_cn_25");
  }
  // Their corridors hold the chains of segments instead.
  for (const char* name :
       {"CR Express corridor Xi'an-Urumqi", "ILSTC rail corridor Chongqing-Qinzhou Port"}) {
    CAPTURE(name);
    const auto k = corridor_index(net, name);
    REQUIRE(k != no_index);
    std::uint32_t members = 0;
    for (std::uint32_t r = 0; r < net.records.size(); ++r) {
      const auto cs = net.records.corridors_of(r);
      members += std::find(cs.begin(), cs.end(), k) != cs.end() ? 1u : 0u;
    }
    CHECK(members >= 2);
  }
}

TEST_CASE("china-asean: gauge breaks are counted exactly where gauges change (300 random routes)") {
  const built_network& net = china_asean().net;
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  std::mt19937_64 rng(test::seed());
  std::uniform_int_distribution<std::uint32_t> place(0, net.place_count() - 1);
  link_filter f;
  f.year = 2030;
  int with_breaks = 0;
  for (int i = 0; i < 300; ++i) {
    const criterion by = i % 2 ? criterion::cost : criterion::time;
    const route r = find_route(net, c, by, f, place(rng), place(rng));
    if (r.status != route_status::ok) continue;
    CHECK(r.totals.gauge_breaks == gauge_changes(net, r));
    with_breaks += r.totals.gauge_breaks > 0 ? 1 : 0;
  }
  CHECK(with_breaks > 0);
}
