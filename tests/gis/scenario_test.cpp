// Scenario files: every bundled scenario parses and its network builds; edits do what they say;
// malformed files are rejected naming the file, the line and the key.
#include <algorithm>
#include <filesystem>
#include <string>

#include <doctest/doctest.h>

#include "corridor/gis/scenario.hpp"
#include "test_support.hpp"

using namespace corridor;
namespace fs = std::filesystem;

namespace {

/// The message of the input_error a scenario text raises ("no error" if none), with the temp
/// folder shown as DIR.
std::string scenario_error(const std::string& text) {
  const test::temp_dir d;
  const fs::path p = d.write("s.toml", text);
  try {
    const gis::scenario s = gis::read_scenario(p);
    (void)gis::load_scenario_network(s);
  } catch (const error& e) {
    return test::replace_all(e.what(), d.path().string(), "DIR");
  }
  return "no error";
}

std::string with_network(const std::string& rest) {
  return "network = \"" + (test::source_dir() / "geodata/sample").string() + "\"\n" + rest;
}

}  // namespace

TEST_CASE("scenarios: every bundled scenario parses, builds and has questions") {
  std::size_t files = 0;
  for (const auto& e : fs::directory_iterator(test::source_dir() / "geodata/scenarios")) {
    if (e.path().extension() != ".toml") continue;
    ++files;
    CAPTURE(e.path().string());
    const gis::scenario s = gis::read_scenario(e.path());
    CHECK(!s.name.empty());
    CHECK(!s.questions.empty());
    const gis::loaded_network n = gis::load_scenario_network(s);
    for (const gis::question& q : s.questions) {
      CAPTURE(q.origin);
      CHECK(n.net.find_place(q.from) != no_index);
      CHECK(n.net.find_place(q.to) != no_index);
    }
  }
  CHECK(files >= 7);  // today, 2030 and one per system under construction or planned
}

TEST_CASE("scenarios: extends inherits questions and sets the year, and changes apply") {
  const fs::path dir = test::source_dir() / "geodata/scenarios";
  const gis::scenario today = gis::read_scenario(dir / "today.toml");
  const gis::scenario y2030 = gis::read_scenario(dir / "2030.toml");
  CHECK_FALSE(today.year.has_value());
  REQUIRE(y2030.year.has_value());
  CHECK(*y2030.year == 2030);
  CHECK(y2030.questions.size() == today.questions.size());
  CHECK(y2030.network == today.network);

  const gis::scenario sgr = gis::read_scenario(dir / "laocai-hanoi-haiphong-sgr.toml");
  const gis::loaded_network n = gis::load_scenario_network(sgr);
  for (std::uint32_t l = 0; l < n.net.graph.link_count(); ++l) {
    const auto r = n.net.links.record[l];
    if (r != no_index && n.net.records.id[r].rfind("r_vn_sgr", 0) == 0) {
      CHECK(n.net.links.status[l] == link_status::operational);
    }
  }
}

TEST_CASE("scenarios: edits on the sample (add a place and a link, close, change)") {
  const test::temp_dir d;
  const fs::path p = d.write("edit.toml", with_network(R"(
name = "edits"
[[add_node]]
id = "new_port"
kind = "seaport"
country = "TH"
lon = 100.9
lat = 12.7
[[add]]
id = "x1"
from = "laem_chabang"
to = "new_port"
mode = "road"
length_km = 45
electrified = false
[[close]]
link = "d_01"
[[change]]
link = "r_clr_05"
speed_kmh = 60
capacity_t_per_year = 5000000
[[question]]
from = "kunming"
to = "new_port"
)"));
  const gis::scenario s = gis::read_scenario(p);
  const gis::loaded_network n = gis::load_scenario_network(s);
  REQUIRE(n.net.find_place("new_port") != no_index);
  bool added = false, closed = false, changed = false;
  for (std::uint32_t l = 0; l < n.net.graph.link_count(); ++l) {
    const auto r = n.net.links.record[l];
    if (r == no_index) continue;
    const std::string& id = n.net.records.id[r];
    added = added || (id == "x1" && n.net.records.electrified[r] == 1);  // 1: not electrified
    if (id == "d_01") closed = n.net.links.status[l] == link_status::suspended;
    if (id == "r_clr_05") {
      changed = n.net.links.speed_kmh[l] == 60 && n.net.links.capacity_t_per_year[l] == 5e6;
    }
  }
  CHECK(added);
  CHECK(closed);
  CHECK(changed);
}

TEST_CASE("scenarios: malformed files name the file, the line and the key") {
  CHECK(scenario_error("name = \"x\"\n") ==
        "DIR/s.toml:1: key 'network': missing (the base network, relative to this file)");
  CHECK(scenario_error(with_network("year = \"2030\"\n")) ==
        "DIR/s.toml:2: key 'year': must be a whole number");
  CHECK(scenario_error(with_network("yaer = 2030\n"))
            .find("DIR/s.toml:2: key 'yaer': unknown key (known here: extends, name,") == 0);
  CHECK(scenario_error(with_network("year = 3000\n")) ==
        "DIR/s.toml:2: key 'year': 3000 is outside 1800..2200");
  CHECK(scenario_error(with_network("[[change]]\nlink = \"r_clr_05\"\nspeed = 60\n"))
            .find("DIR/s.toml:4: key 'change.speed': unknown key (known here: link, status,") == 0);
  CHECK(
      scenario_error(with_network("[[change]]\nlink = \"r_clr_05\"\nstatus = \"open\"\n")) ==
      "DIR/s.toml:4: key 'change.status': unknown status 'open' (operational, under_construction, "
      "planned, suspended)");
  CHECK(scenario_error(with_network("[[change]]\nlink = \"nope\"\nspeed_kmh = 60\n")) ==
        "DIR/s.toml:2: change: no link 'nope' in the base network");
  CHECK(scenario_error(with_network("[[close]]\nlink = \"nope\"\n")) ==
        "DIR/s.toml:2: close: no link 'nope' in the base network");
  CHECK(scenario_error(with_network(
            "[[add]]\nid = \"x\"\nfrom = \"kunming\"\nto = \"yuxi\"\nmode = \"rail\"\n")) ==
        "DIR/s.toml:2: key 'add.length_km': missing");
  CHECK(scenario_error(with_network("[[add]]\nid = \"x\"\nfrom = \"kunming\"\nto = \"atlantis\"\n"
                                    "mode = \"road\"\nlength_km = 5\n")) ==
        "link 'x' (DIR/s.toml:2): field 'to': unknown node 'atlantis'");
  CHECK(scenario_error(
            with_network("[[question]]\nfrom = \"kunming\"\nto = \"yuxi\"\nby = \"speed\"\n")) ==
        "DIR/s.toml:5: key 'question.by': unknown criterion 'speed' (time, distance, cost, co2, "
        "generalized)");
  CHECK(scenario_error(with_network("[profile]\nwarp = 9\n"))
            .find("DIR/s.toml:3: key 'profile.warp': unknown cost parameter 'warp'") == 0);
  CHECK(scenario_error(with_network("question = 5\n")) ==
        "DIR/s.toml:2: key 'question': must be an array of tables, written [[question]]");
  CHECK(scenario_error(with_network("name = \n")).find("DIR/s.toml:2: ") == 0);  // TOML syntax
  CHECK(scenario_error("extends = \"s.toml\"\n") ==
        "DIR/s.toml: 'extends' forms a cycle through this file");
}

TEST_CASE("scenarios: an added node's position is two numbers in range, or none") {
  const std::string node = "[[add_node]]\nid = \"p\"\n";
  CHECK(scenario_error(with_network(node + "lon = \"abc\"\nlat = 17\n")) ==
        "DIR/s.toml:4: key 'add_node.lon': must be a number");
  CHECK(scenario_error(with_network(node + "lon = 102.6\n")) ==
        "DIR/s.toml:2: key 'add_node.lat': missing (lon and lat go together)");
  CHECK(scenario_error(with_network(node + "lat = 17\n")) ==
        "DIR/s.toml:2: key 'add_node.lon': missing (lon and lat go together)");
  CHECK(scenario_error(with_network(node + "lon = 200\nlat = 17\n")) ==
        "DIR/s.toml:4: key 'add_node.lon': must be a number in -180..180");
  CHECK(scenario_error(with_network(node + "lon = -70\nlat = -95\n")) ==
        "DIR/s.toml:5: key 'add_node.lat': must be a number in -90..90");
  const test::temp_dir d;
  const gis::scenario s =
      gis::read_scenario(d.write("s.toml", with_network(node + "lon = -70\nlat = 12\n")));
  REQUIRE(s.edits.add_places.size() == 1);
  REQUIRE(s.edits.add_places[0].position.has_value());
  CHECK(s.edits.add_places[0].position->lon == -70);
  CHECK(s.edits.add_places[0].position->lat == 12);
}
