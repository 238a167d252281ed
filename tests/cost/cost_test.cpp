#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <doctest/doctest.h>

#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "sample_networks.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {
/// statement_id -> value column of ../shared/facts/facts.csv (the first three columns are plain).
std::map<std::string, double> read_facts() {
  std::map<std::string, double> out;
  std::ifstream in(test::shared_dir() / "facts/facts.csv");
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    // statement_id,quantity,value,...: quantity may be quoted and contain commas.
    const auto c1 = line.find(',');
    std::size_t pos = c1 + 1;
    if (line[pos] == '"')
      pos = line.find('"', pos + 1) + 1;
    else
      pos = line.find(',', pos);
    const std::size_t c3 = line.find(',', pos + 1);
    try {
      out[line.substr(0, c1)] = std::stod(line.substr(pos + 1, c3 - pos - 1));
    } catch (...) {  // dates and text values
    }
  }
  return out;
}
}  // namespace

TEST_CASE("cost profile: defaults are the cited facts.csv figures") {
  CORRIDOR_REQUIRE_SHARED("facts/facts.csv");
  const auto f = read_facts();
  const cost_profile p = cost_profile::defaults();
  REQUIRE(f.count("co2_rail_ecta") == 1);
  CHECK(p.of(mode::rail).co2_kg_per_tkm == doctest::Approx(f.at("co2_rail_ecta") / 1000));
  CHECK(p.of(mode::road).co2_kg_per_tkm == doctest::Approx(f.at("co2_road_ecta") / 1000));
  CHECK(p.of(mode::sea).co2_kg_per_tkm == doctest::Approx(f.at("co2_deepsea_ecta") / 1000));
  CHECK(p.of(mode::inland_waterway).co2_kg_per_tkm == doctest::Approx(f.at("co2_iww_ecta") / 1000));
  CHECK(p.of(mode::rail).usd_per_tkm ==
        doctest::Approx(f.at("cost_cn_rail_2015") / 7.1).epsilon(0.01));
  CHECK(p.of(transfer_kind::gauge_break).time_h == f.at("gauge_swap_train"));
  // Every parameter says where its default comes from.
  for (const auto& info : p.parameters()) {
    CHECK_MESSAGE(!info.source.empty(), info.name);
    CHECK_MESSAGE(!info.unit.empty(), info.name);
  }
}

TEST_CASE("cost profile: the calibrated defaults are geodata/calibrated-profile.toml's values") {
  // Every parameter whose default source says "calibrated" equals the value that corridor
  // calibrate wrote to geodata/calibrated-profile.toml (4 significant digits); the others are the
  // file's values too (the file is a complete profile written from the same starting defaults).
  std::ifstream in(std::string(CORRIDOR_SOURCE_DIR) + "/geodata/calibrated-profile.toml");
  REQUIRE(in.good());
  const cost_profile p = cost_profile::defaults();
  std::string line;
  bool in_profile = false;
  int calibrated = 0, checked = 0;
  while (std::getline(in, line)) {
    if (line.starts_with("[")) in_profile = line == "[profile]";
    if (!in_profile || !line.starts_with("\"")) continue;
    const auto close = line.find('"', 1);
    const std::string name = line.substr(1, close - 1);
    const double value = std::stod(line.substr(line.find('=', close) + 1));
    CHECK_MESSAGE(p.get(name) == doctest::Approx(value).epsilon(5e-4), name);
    ++checked;
    for (const auto& info : p.parameters()) {
      if (info.name == name && info.source.starts_with("calibrated")) ++calibrated;
    }
  }
  CHECK(checked == static_cast<int>(p.parameters().size()));
  CHECK(calibrated == 10);
}

TEST_CASE("cost profile: per-crossing border time") {
  cost_profile p = cost_profile::defaults();
  CHECK(p.get("border.mohan.time_h") == p.border.time_h);  // not set: the global value
  p.set("border.mohan.time_h", 3.5);
  CHECK(p.get("border.mohan.time_h") == 3.5);
  CHECK(cost_profile::unit_of("border.mohan.time_h") == "h");
  CHECK(cost_profile::is_time_parameter("border.mohan.time_h"));
  CHECK_THROWS_AS(p.set("border.mohan.time_h", -1), input_error);
  CHECK_THROWS_AS(p.set("border..time_h", 1), lookup_error);
}

TEST_CASE("cost profile: set by name, with checks") {
  cost_profile p = cost_profile::defaults();
  p.set("value_of_time", 2.5);
  CHECK(p.value_of_time_usd_per_t_h == 2.5);
  p.set("sea.speed_kmh", 30);
  CHECK(p.of(mode::sea).speed_kmh == 30);
  CHECK_THROWS_AS(p.set("rail.speed_kmh", 0), input_error);
  CHECK_THROWS_AS(p.set("border.time_h", -1), input_error);
  CHECK_THROWS_AS(p.set("border.time_h", std::nan("")), input_error);
  CHECK_THROWS_AS(p.set("warp.speed", 1), lookup_error);
}

TEST_CASE("link costs: travel, transfers, gauge break and border, by hand") {
  const built_network net = test::mini_kunming_bangkok();
  cost_profile p = cost_profile::defaults();
  p.set("rail.speed_kmh", 50);
  p.set("rail_other_gauge.speed_kmh", 25);
  p.set("rail.usd_per_tkm", 0.02);
  p.set("border.time_h", 4);
  p.set("gauge_break.time_h", 3);
  p.set("terminal.time_h", 6);
  const link_costs c = compute_link_costs(net, p);
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const auto r = net.links.record[l];
    const std::string id = r == no_index ? "transfer" : net.records.id[r];
    if (id == "r1") {
      CHECK(c.time_h(l) == doctest::Approx(300.0 / 50));
      CHECK(c.usd_per_t(l) == doctest::Approx(300 * 0.02));
      CHECK(c.co2_kg_per_t(l) == doctest::Approx(300 * 0.022));
      CHECK(c.stop[l] == stop_kind::none);
    } else if (id == "r2") {  // CN -> LA
      CHECK(c.stop[l] == stop_kind::border);
      CHECK(c.time_h(l) == doctest::Approx(10.0 / 50 + 4));
    } else if (id == "r4") {  // 1435 -> 1000 (or back): speed of the tail end's gauge
      CHECK(c.stop[l] == stop_kind::gauge_break);
      const double speed = net.links.gauge_mm[l] == 1435 ? 50.0 : 25.0;
      CHECK(c.time_h(l) == doctest::Approx(6.0 / speed + 3));
    } else if (id == "r6") {
      CHECK(c.time_h(l) == doctest::Approx(600.0 / 25));
    } else if (id == "transfer") {
      CHECK(c.stop[l] == stop_kind::terminal);
      CHECK(c.time_h(l) == 6);
      CHECK(c.distance_km[l] == 0);
    }
    // generalized = money + value of time x hours + carbon price x CO2
    CHECK(c.generalized(l) == doctest::Approx(c.usd_per_t(l) + 0.5 * c.time_h(l)));
  }
}

TEST_CASE("filters: the network as of a year, excluded modes, places and links") {
  CHECK(open_in(link_status::operational, 0, std::nullopt));
  CHECK(open_in(link_status::operational, 2021, 2021));
  CHECK_FALSE(open_in(link_status::operational, 2021, 2020));
  CHECK_FALSE(open_in(link_status::under_construction, 2028, std::nullopt));
  CHECK_FALSE(open_in(link_status::under_construction, 2028, 2027));
  CHECK(open_in(link_status::under_construction, 2028, 2028));
  CHECK(open_in(link_status::planned, 2030, 2035));
  CHECK_FALSE(open_in(link_status::planned, 0, 2035));  // no year known: not assumed open
  CHECK_FALSE(open_in(link_status::suspended, 0, std::nullopt));

  const built_network net = test::mini_kunming_bangkok();
  link_filter f;
  f.exclude_mode(mode::road);
  const auto ok = usable_links(net, f);
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    // road links and the road <-> rail transfers are out; rail stays
    CHECK((ok[l] == 1) == (net.links.mode[l] == mode::rail));
  }
  link_filter g;
  g.excluded_places.push_back(net.find_place("V"));
  const auto ok2 = usable_links(net, g);
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const auto r = net.links.record[l];
    const bool touches_v =
        r != no_index && (net.records.id[r] == "r3" || net.records.id[r] == "r4");
    CHECK((ok2[l] == 0) == touches_v);
  }
}
