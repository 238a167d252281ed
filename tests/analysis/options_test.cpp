// analysis::parse_options: the option language of compared routes, checked field by field.
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/analysis/options.hpp"
#include "corridor/error.hpp"
#include "test_support.hpp"

namespace {

using namespace corridor;

const gis::loaded_network& sample() {
  static const gis::loaded_network n = gis::read_network(test::source_dir() / "geodata/sample");
  return n;
}

bool excluded(const analysis::option_spec& o, mode m) {
  return o.filter.mode_excluded[static_cast<std::size_t>(m)];
}
bool required(const analysis::option_spec& o, mode m) {
  return o.constraints.required[static_cast<std::size_t>(m)];
}
bool access(const analysis::option_spec& o, mode m) {
  return o.constraints.access[static_cast<std::size_t>(m)];
}

}  // namespace

TEST_CASE("parse_options: a land mode requires it and allows road at the ends") {
  const auto opts = analysis::parse_options(sample(), "rail", link_filter{});
  REQUIRE(opts.size() == 1);
  const auto& o = opts[0];
  CHECK(o.label == "rail");
  CHECK(required(o, mode::rail));
  CHECK(access(o, mode::road));
  CHECK_FALSE(access(o, mode::rail));
  CHECK_FALSE(excluded(o, mode::rail));
  CHECK_FALSE(excluded(o, mode::road));
  CHECK(excluded(o, mode::sea));
  CHECK(excluded(o, mode::inland_waterway));
  CHECK_FALSE(excluded(o, mode::transfer));
  CHECK(o.constraints.via.empty());
}

TEST_CASE("parse_options: a water-only option allows road and rail at the ends") {
  const auto o = analysis::parse_options(sample(), "sea", link_filter{}).at(0);
  CHECK(required(o, mode::sea));
  CHECK(access(o, mode::road));
  CHECK(access(o, mode::rail));
  CHECK(excluded(o, mode::inland_waterway));
  CHECK_FALSE(excluded(o, mode::rail));
}

TEST_CASE("parse_options: modes joined by '+', via places, multimodal, a list") {
  const auto& n = sample();
  link_filter base;
  base.year = 2030;
  const auto opts = analysis::parse_options(
      n, " rail+road , multimodal,via:vientiane,rail/via:boten/via:vientiane,", base);
  REQUIRE(opts.size() == 4);
  CHECK(opts[0].label == "rail+road");
  CHECK(required(opts[0], mode::rail));
  CHECK(required(opts[0], mode::road));
  CHECK_FALSE(access(opts[0], mode::road));  // listed: a main-haul mode, not only access
  CHECK(opts[0].filter.year == 2030);        // the base filter is kept
  CHECK(opts[1].label == "multimodal");
  CHECK(opts[1].constraints.empty());
  CHECK_FALSE(excluded(opts[1], mode::sea));
  CHECK(opts[2].constraints.via == std::vector<std::uint32_t>{n.net.find_place("vientiane")});
  CHECK_FALSE(excluded(opts[2], mode::sea));
  CHECK(opts[3].constraints.via ==
        std::vector<std::uint32_t>{n.net.find_place("boten"), n.net.find_place("vientiane")});
  CHECK(required(opts[3], mode::rail));
}

TEST_CASE("parse_options: errors") {
  const auto& n = sample();
  CHECK_THROWS_WITH_AS((void)analysis::parse_options(n, "rail+air", link_filter{}),
                       "--options 'rail+air': unknown mode 'air' (rail, road, sea, "
                       "inland_waterway, multimodal, via:PLACE)",
                       input_error);
  CHECK_THROWS_WITH_AS((void)analysis::parse_options(n, "rail/boten", link_filter{}),
                       "--options 'rail/boten': expected via:PLACE after '/', got 'boten'",
                       input_error);
  CHECK_THROWS_AS((void)analysis::parse_options(n, "rail/via:", link_filter{}), input_error);
  CHECK_THROWS_AS((void)analysis::parse_options(n, "rail/via:atlantis", link_filter{}),
                  lookup_error);
  CHECK_THROWS_WITH_AS((void)analysis::parse_options(n, " , ", link_filter{}),
                       "--options: no option given", input_error);
  CHECK_THROWS_AS((void)analysis::parse_options(n, "transfer", link_filter{}), input_error);
}
