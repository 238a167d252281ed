// analysis::apply_settings: NAME=VALUE overrides, profile files, the network check.
#include <fstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/analysis/settings.hpp"
#include "corridor/error.hpp"
#include "corridor/gis/read.hpp"
#include "test_support.hpp"

using namespace corridor;

TEST_CASE("apply_settings: overrides in order, with their values") {
  cost_profile p = cost_profile::defaults();
  analysis::apply_settings(
      p, std::vector<std::string>{"rail.speed_kmh=40", "rail.speed_kmh=41.5", "border.time_h=0"});
  CHECK(p.get("rail.speed_kmh") == 41.5);
  CHECK(p.get("border.time_h") == 0);
}

TEST_CASE("apply_settings: bad settings") {
  cost_profile p = cost_profile::defaults();
  CHECK_THROWS_WITH_AS(analysis::apply_settings(p, std::vector<std::string>{"rail.speed_kmh"}),
                       "--set 'rail.speed_kmh': expected NAME=VALUE", input_error);
  CHECK_THROWS_WITH_AS(analysis::apply_settings(p, std::vector<std::string>{"rail.speed_kmh=fast"}),
                       "--set 'rail.speed_kmh=fast': 'fast' is not a number", input_error);
  CHECK_THROWS_AS(analysis::apply_settings(p, std::vector<std::string>{"rail.speed=40"}),
                  lookup_error);
}

TEST_CASE("apply_settings: a profile file, then overrides, with the file as provenance") {
  const test::temp_dir dir;
  const auto file = dir.path() / "p.toml";
  std::ofstream(file) << "[profile]\n\"rail.speed_kmh\" = 50\n\"sea.speed_kmh\" = 30\n"
                         "[sources]\n\"sea.speed_kmh\" = \"a liner schedule\"\n";
  cost_profile p = cost_profile::defaults();
  analysis::apply_settings(p, file.string(), std::vector<std::string>{"sea.speed_kmh=31"});
  CHECK(p.get("rail.speed_kmh") == 50);
  CHECK(p.get("sea.speed_kmh") == 31);
  CHECK(p.provenance.at("rail.speed_kmh") == "profile " + file.string());
}

TEST_CASE("apply_settings on a network: a corridor it does not have is an error") {
  const gis::loaded_network n = gis::read_network(test::source_dir() / "geodata/sample");
  cost_profile p = cost_profile::defaults();
  analysis::apply_settings(n.net, p, "",
                           std::vector<std::string>{"corridor.China-Laos Railway.speed_factor=2"});
  CHECK(p.get("corridor.China-Laos Railway.speed_factor") == 2);
  CHECK_THROWS_AS(
      analysis::apply_settings(n.net, p, "",
                               std::vector<std::string>{"corridor.No Such Line.speed_factor=2"}),
      lookup_error);
}
