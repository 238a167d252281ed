// analysis::resolve_observations and drop_unroutable on the sample network: rows resolved to
// places and one option each, errors naming file, line and field, unroutable rows found.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/analysis/calibrate.hpp"
#include "corridor/error.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

analysis::analysis_input sample() {
  return analysis::open_input((test::source_dir() / "geodata/sample").string(), "");
}

gis::observation_row row(std::string id, std::string from, std::string to, std::string options,
                         std::size_t line) {
  gis::observation_row r;
  r.id = std::move(id);
  r.from = std::move(from);
  r.to = std::move(to);
  r.options = std::move(options);
  r.hours = 40;
  r.line = line;
  return r;
}

std::string error_of(const analysis::analysis_input& in, const gis::observation_row& r) {
  try {
    (void)analysis::resolve_observations(in, {r}, "obs.csv");
  } catch (const input_error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("resolve_observations: places and the row's one option") {
  const analysis::analysis_input in = sample();
  const built_network& net = in.net();
  const std::vector<observation> o = analysis::resolve_observations(
      in, {row("a", "kunming", "Bangkok", "rail", 2), row("b", "bangkok", "kunming", "road", 3)},
      "obs.csv");
  REQUIRE(o.size() == 2);
  CHECK(o[0].id == "a");
  CHECK(o[0].from == net.find_place("kunming"));
  CHECK(o[0].to == net.find_place("bangkok"));
  CHECK(o[0].observed_h == 40);
  CHECK(o[0].constraints.required[static_cast<std::size_t>(mode::rail)]);
  CHECK(o[1].filter.mode_excluded[static_cast<std::size_t>(mode::rail)]);
  CHECK_FALSE(o[1].filter.mode_excluded[static_cast<std::size_t>(mode::road)]);
}

TEST_CASE("resolve_observations: errors name the file, line and field") {
  const analysis::analysis_input in = sample();
  CHECK(error_of(in, row("a", "kunming", "bangkok", "rail,road", 7)) ==
        "obs.csv:7: field 'options': 'rail,road' must be one option (rail, road, rail+sea, "
        "multimodal, via:PLACE, ...)");
  CHECK(error_of(in, row("a", "kunming", "bangkok", "rail+air", 8))
            .find("obs.csv:8: field 'options': --options 'rail+air': unknown mode 'air'") == 0);
  CHECK(error_of(in, row("a", "kunming", "atlantis", "rail", 9)).find("obs.csv:9: field 'to'") !=
        std::string::npos);
}

TEST_CASE("drop_unroutable: a row the model cannot route is an error, or left out") {
  const analysis::analysis_input in = sample();
  // Kunming -> Chiang Rai has no rail line: a rail observation cannot be routed.
  std::vector<gis::observation_row> rows = {row("ok", "kunming", "bangkok", "rail", 2),
                                            row("no", "kunming", "chiang_rai", "rail", 3)};
  std::vector<observation> obs = analysis::resolve_observations(in, rows, "obs.csv");
  try {
    std::vector<observation> o = obs;
    std::vector<gis::observation_row> r = rows;
    analysis::drop_unroutable(in, in.profile, o, r, "obs.csv", false);
    FAIL("no error");
  } catch (const input_error& e) {
    CHECK(std::string(e.what()) ==
          "obs.csv:3: observation 'no' (kunming -> chiang_rai by rail): the model finds no "
          "route\n(fix the rows, or --skip-unroutable to leave them out)");
  }
  std::string told;
  analysis::drop_unroutable(in, in.profile, obs, rows, "obs.csv", true,
                            [&](const std::string& m) { told += m; });
  REQUIRE(obs.size() == 1);
  REQUIRE(rows.size() == 1);
  CHECK(obs[0].id == "ok");
  CHECK(rows[0].id == "ok");
  CHECK(told.find("obs.csv:3: observation 'no'") != std::string::npos);
}
