// analysis::study_of, answer and find_best on the sample network, against the core's Dijkstra/A*.
#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/analysis/compare.hpp"
#include "corridor/error.hpp"
#include "corridor/path/route.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

analysis::study yard_study(analysis::network_cache& cache) {
  return analysis::study_of(
      gis::read_scenario(test::source_dir() / "tests/cli/data/yard_capacity.toml"), cache);
}

}  // namespace

TEST_CASE("study_of: a scenario's name, settings, filters and questions") {
  analysis::network_cache cache;
  const analysis::study st = yard_study(cache);
  CHECK(st.name == "Yard doubled");
  CHECK(st.state.overlay != nullptr);
  CHECK(st.profile.get("rail.speed_kmh") == 30.2);
  REQUIRE(st.questions.size() == 1);
  CHECK(st.questions[0].from == "kunming");
  CHECK(st.max_access_km == 300);
}

TEST_CASE("answer: each option's best route, multimodal the unconstrained best route") {
  analysis::network_cache cache;
  const analysis::study st = yard_study(cache);
  const link_costs costs = compute_link_costs(st.state.net(), st.state.links(), st.profile);
  const analysis::comparison c = analysis::answer(st, costs, st.questions[0], criterion::time, "");
  const built_network& net = st.state.net();
  CHECK(c.scenario == "Yard doubled");
  CHECK(c.from == net.find_place("kunming"));
  CHECK(c.to == net.find_place("bangkok"));
  REQUIRE(c.options.size() == 2);  // the question's own options: rail, multimodal
  CHECK(c.options[0].label == "rail");
  CHECK(c.options[1].label == "multimodal");
  const route oracle =
      find_route(net, st.state.links(), costs, criterion::time, st.filter, c.from, c.to);
  REQUIRE(oracle.status == route_status::ok);
  REQUIRE(c.options[1].best.status == route_status::ok);
  CHECK(c.options[1].best.totals.time_h == doctest::Approx(oracle.totals.time_h).epsilon(1e-12));
  const route& rail = c.options[0].best;
  REQUIRE(rail.status == route_status::ok);
  CHECK(rail.totals.time_h >= oracle.totals.time_h - 1e-9);
  for (const leg& g : rail.legs) {
    if (g.stop != stop_kind::none) continue;
    CHECK((g.mode == mode::rail || g.mode == mode::road));
  }
  CHECK(std::find(c.options[0].corridors.begin(), c.options[0].corridors.end(),
                  "China-Laos Railway") != c.options[0].corridors.end());
  // find_best: the index of the smallest of each quantity among the ok options.
  const analysis::best_options b = analysis::find_best(c);
  const auto argmin = [&](double (*get)(const route_totals&)) {
    return get(c.options[0].best.totals) <= get(c.options[1].best.totals) ? 0 : 1;
  };
  CHECK(b.time == argmin([](const route_totals& t) { return t.time_h; }));
  CHECK(b.cost == argmin([](const route_totals& t) { return t.cost_usd_per_t; }));
  CHECK(b.distance == argmin([](const route_totals& t) { return t.distance_km; }));
}

TEST_CASE("answer: options given override the question's, and a missing route says why") {
  analysis::network_cache cache;
  const analysis::study st = yard_study(cache);
  const link_costs costs = compute_link_costs(st.state.net(), st.state.links(), st.profile);
  gis::question q = st.questions[0];
  q.from = "102.70,25.05";  // near Kunming: snapped, and the note says so
  std::vector<std::string> notes;
  const analysis::comparison c =
      analysis::answer(st, costs, q, criterion::time, "inland_waterway",
                       [&](const std::string& m) { notes.push_back(m); });
  CHECK(c.from == st.state.net().find_place("kunming"));
  REQUIRE(notes.size() == 1);
  CHECK(notes[0].rfind("--from 102.70,25.05: node kunming", 0) == 0);
  REQUIRE(c.options.size() == 1);
  CHECK(c.options[0].best.status == route_status::no_path);
  CHECK_FALSE(c.options[0].reason.empty());
  const analysis::best_options b = analysis::find_best(c);
  CHECK(b.time == -1);
  CHECK(b.cost == -1);
  CHECK_THROWS_AS((void)analysis::answer(st, costs, q, criterion::time, "rail+air"), input_error);
}
