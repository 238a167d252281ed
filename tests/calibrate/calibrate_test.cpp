// Calibration: recovery of known parameters from times the model itself generated, parameters the
// observations cannot identify, and bad input.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "corridor/calibrate/calibrate.hpp"
#include "corridor/network/builder.hpp"

using namespace corridor;

namespace {

/// A chain with every kind of time parameter (km by hand):
///   A (CN) --rail 300, corridor Fast--> B --rail 500--> C (CN) --rail 10, border--> D (LA)
///   D --rail 1435/1000 gauge break 5--> E --rail 1000 gauge 400--> F (TH... LA)
///   A --road 900--> C --road 700, border at F (its own border.F.time_h)--> F;  A --road 50--> G
///   (CN port) --sea 2000--> H (LA port) H --road 40--> F
built_network calibration_chain() {
  network_builder b;
  const auto place = [&](const char* id, node_kind k, const char* cc, double lon) {
    b.add_place({.id = id, .name = id, .kind = k, .country = cc, .position = geo::lonlat{lon, 20}});
  };
  place("A", node_kind::rail_hub, "CN", 100);
  place("B", node_kind::city, "CN", 103);
  place("C", node_kind::border_crossing, "CN", 108);
  place("D", node_kind::border_crossing, "LA", 108.1);
  place("E", node_kind::dry_port, "LA", 108.15);
  place("F", node_kind::city, "LA", 112);
  place("G", node_kind::seaport, "CN", 100.4);
  place("H", node_kind::seaport, "LA", 112.4);
  const auto link = [&](const char* id, const char* f, const char* t, mode m, double km,
                        std::uint16_t g = 0, std::uint16_t g_to = 0,
                        std::vector<std::string> corridors = {}) {
    b.add_link({.id = id,
                .from = f,
                .to = t,
                .mode = m,
                .line = id,
                .length_km = km,
                .gauge_mm = g,
                .gauge_to_mm = g_to,
                .corridors = std::move(corridors)});
  };
  link("r1", "A", "B", mode::rail, 300, 1435, 0, {"Fast"});
  link("r2", "B", "C", mode::rail, 500, 1435);
  link("r3", "C", "D", mode::rail, 10, 1435);
  link("r4", "D", "E", mode::rail, 5, 1435, 1000);
  link("r5", "E", "F", mode::rail, 400, 1000);
  link("d1", "A", "C", mode::road, 900);
  link("d2", "C", "F", mode::road, 700);
  link("d3", "A", "G", mode::road, 50);
  link("d4", "H", "F", mode::road, 40);
  link("s1", "G", "H", mode::sea, 2000);
  return std::move(b).build();
}

observation ask(const built_network& net, const char* id, const char* from, const char* to,
                std::vector<mode> modes, std::vector<mode> required = {}) {
  observation o;
  o.id = id;
  o.from = net.find_place(from);
  o.to = net.find_place(to);
  for (const mode m : {mode::rail, mode::road, mode::sea, mode::inland_waterway}) {
    if (std::find(modes.begin(), modes.end(), m) == modes.end()) o.filter.exclude_mode(m);
  }
  for (const mode m : required) o.constraints.require_mode(m);
  return o;
}

/// Observations whose times separate every parameter of the chain.
std::vector<observation> chain_questions(const built_network& net) {
  const std::vector<mode> rail{mode::rail}, road{mode::road}, water{mode::road, mode::sea};
  return {ask(net, "ab", "A", "B", rail),
          ask(net, "bc", "B", "C", rail),
          ask(net, "ad", "A", "D", rail),
          ask(net, "df", "D", "F", rail),
          ask(net, "ef", "E", "F", rail),
          ask(net, "af_rail", "A", "F", rail),
          ask(net, "ac_road", "A", "C", road),
          ask(net, "cf_road", "C", "F", road),
          ask(net, "ah", "A", "H", water, {mode::sea}),
          ask(net, "af_sea", "A", "F", water, {mode::sea}),
          ask(net, "gh", "G", "H", {mode::sea})};
}

const std::vector<std::pair<std::string, double>> truth{{"rail.speed_kmh", 41.5},
                                                        {"corridor.Fast.speed_factor", 1.7},
                                                        {"rail_other_gauge.speed_kmh", 23.25},
                                                        {"road.speed_kmh", 47.0},
                                                        {"sea.speed_kmh", 29.5},
                                                        {"border.time_h", 7.25},
                                                        {"border.F.time_h", 11.0},
                                                        {"gauge_break.time_h", 3.5},
                                                        {"port.time_h", 21.0}};

/// Observed times from the model itself under the true parameters.
std::vector<observation> generated(const built_network& net, const cost_profile& p) {
  std::vector<observation> obs = chain_questions(net);
  std::vector<bool> routed;
  const auto routes = detail::route_all(net, net.links, p, obs, routed);
  for (std::size_t i = 0; i < obs.size(); ++i) {
    REQUIRE(routed[i]);
    obs[i].observed_h = detail::time_over(net, net.links, p, routes[i]);
  }
  return obs;
}

}  // namespace

TEST_CASE("calibrate: known parameters are recovered from the model's own times") {
  const built_network net = calibration_chain();
  cost_profile real = cost_profile::defaults();
  for (const auto& [name, value] : truth) real.set(name, value);
  const std::vector<observation> obs = generated(net, real);
  // A hand check of one generated time: A -> B is 300 km at 41.5 x 1.7 km/h.
  CHECK(obs[0].observed_h == doctest::Approx(300 / (41.5 * 1.7)).epsilon(1e-12));
  CHECK(obs[1].observed_h == doctest::Approx(500 / 41.5).epsilon(1e-12));

  cost_profile start = cost_profile::defaults();  // every value off by 20-60%
  for (const auto& [name, value] : truth)
    start.set(name, name.ends_with("time_h") ? value * 0.4 + 1 : value * 1.3);
  calibration_settings s;
  for (const auto& [name, value] : truth) s.fit.push_back(name);
  const calibration_result r = calibrate(net, net.links, start, obs, s);
  CHECK(r.converged);
  CHECK(r.rms_log_before > 0.1);
  CHECK(r.rms_log_after < 1e-9);
  REQUIRE(r.parameters.size() == truth.size());
  for (std::size_t j = 0; j < truth.size(); ++j) {
    INFO(truth[j].first);
    CHECK(r.parameters[j].identified);
    CHECK(r.parameters[j].before == doctest::Approx(start.get(truth[j].first)));
    CHECK(std::abs(r.parameters[j].after / truth[j].second - 1) < 1e-6);
    CHECK(std::abs(r.profile.get(truth[j].first) / truth[j].second - 1) < 1e-6);
  }
  for (const auto& o : r.observations) {
    INFO(o.id);
    CHECK(std::abs(o.after_h / o.observed_h - 1) < 1e-8);
  }
  // Every observation is needed by some parameter; leaving one out on exact data: still exact
  // where the others identify everything, so the median error is ~0.
  CHECK(r.loo_median_abs_rel_error < 1e-6);
}

TEST_CASE("calibrate: the default fit takes only the time parameters some route depends on") {
  const built_network net = calibration_chain();
  cost_profile real = cost_profile::defaults();
  for (const auto& [name, value] : truth) real.set(name, value);
  std::vector<observation> obs = generated(net, real);
  obs.resize(2);  // A -> B and B -> C by rail: only rail.speed_kmh is touched
  const calibration_result r = calibrate(net, net.links, cost_profile::defaults(), obs, {});
  REQUIRE(r.parameters.size() == 1);
  CHECK(r.parameters[0].name == "rail.speed_kmh");
  CHECK(r.parameters[0].observations == std::vector<std::string>{"ab", "bc"});
  // Least squares on log time with the factor fixed at 1: the geometric mean of the two speeds.
  const double v_ab = 41.5 * 1.7, v_bc = 41.5;
  CHECK(r.parameters[0].after == doctest::Approx(std::sqrt(v_ab * v_bc)).epsilon(1e-8));
}

TEST_CASE("calibrate: parameters the observations cannot separate keep their values") {
  const built_network net = calibration_chain();
  cost_profile real = cost_profile::defaults();
  for (const auto& [name, value] : truth) real.set(name, value);
  std::vector<observation> obs = generated(net, real);
  obs.resize(1);  // A -> B only: speed and corridor factor enter as a product
  calibration_settings s;
  s.fit = {"rail.speed_kmh", "corridor.Fast.speed_factor", "inland_waterway.speed_kmh"};
  const calibration_result r = calibrate(net, net.links, cost_profile::defaults(), obs, s);
  REQUIRE(r.parameters.size() == 3);
  CHECK(r.parameters[0].identified != r.parameters[1].identified);  // one of the pair
  CHECK_FALSE(r.parameters[2].identified);
  CHECK(r.parameters[2].reason == "no observation's route depends on it");
  CHECK(r.parameters[2].after == r.parameters[2].before);
  for (const auto& p : r.parameters) {
    if (!p.identified) CHECK(p.after == p.before);
  }
  CHECK(r.rms_log_after < 1e-9);  // the identified one absorbs the product
}

TEST_CASE("calibrate: bad input is refused before any fit") {
  const built_network net = calibration_chain();
  std::vector<observation> obs = chain_questions(net);
  for (auto& o : obs) o.observed_h = 10;
  calibration_settings s;
  s.fit = {"rail.usd_per_tkm"};
  CHECK_THROWS_WITH_AS(auto r = calibrate(net, net.links, cost_profile::defaults(), obs, s),
                       doctest::Contains("not a time parameter"), input_error);
  s.fit = {"rail.sped_kmh"};
  CHECK_THROWS_AS(auto r = calibrate(net, net.links, cost_profile::defaults(), obs, s),
                  lookup_error);
  s.fit = {"corridor.Slow.speed_factor"};
  CHECK_THROWS_WITH_AS(auto r = calibrate(net, net.links, cost_profile::defaults(), obs, s),
                       doctest::Contains("no corridor named 'Slow'"), lookup_error);
  s.fit = {"border.Z.time_h"};
  CHECK_THROWS_WITH_AS(auto r = calibrate(net, net.links, cost_profile::defaults(), obs, s),
                       doctest::Contains("no place named 'Z'"), lookup_error);
  std::vector<observation> none;
  CHECK_THROWS_AS(auto r = calibrate(net, net.links, cost_profile::defaults(), none, {}),
                  input_error);
  // G -> B by sea only: no route.
  std::vector<observation> stuck{ask(net, "gb", "G", "B", {mode::sea})};
  stuck[0].observed_h = 5;
  CHECK_THROWS_WITH_AS(auto r = calibrate(net, net.links, cost_profile::defaults(), stuck, {}),
                       doctest::Contains("observation 'gb': the model finds no route"),
                       input_error);
}
