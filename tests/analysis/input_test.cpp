// analysis::open_input and open_scenario: a network file, a scenario over a shared base, a
// scenario that adds places (materialised), and the usage errors.
#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "corridor/analysis/input.hpp"
#include "corridor/error.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

std::string sample_dir() { return (test::source_dir() / "geodata/sample").string(); }
std::string cli_data(const char* name) {
  return (test::source_dir() / "tests/cli/data" / name).string();
}

/// The directed links of the record with external id `id`.
std::vector<std::uint32_t> links_of(const built_network& net, const std::string& id) {
  std::vector<std::uint32_t> out;
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const std::uint32_t r = net.links.record[l];
    if (r != no_index && net.records.id[r] == id) out.push_back(l);
  }
  return out;
}

}  // namespace

TEST_CASE("open_input: a network file is read as it is, without an overlay") {
  const analysis::analysis_input in = analysis::open_input(sample_dir(), "");
  CHECK(in.net().place_count() == 27);
  CHECK(in.state.overlay == nullptr);
  CHECK_FALSE(in.state.materialised);
  CHECK_FALSE(in.filter.year.has_value());
  CHECK(&in.links() == &in.net().links);
}

TEST_CASE("open_input: a scenario's change is an overlay over the base, with its settings") {
  const analysis::analysis_input in = analysis::open_input(cli_data("yard_capacity.toml"), "");
  REQUIRE(in.state.overlay != nullptr);
  CHECK_FALSE(in.state.materialised);
  const auto yard = links_of(in.net(), "r_clr_11");
  REQUIRE(yard.size() == 2);
  for (const std::uint32_t l : yard) {
    CHECK(in.links().capacity_t_per_year[l] == 1600000);
    CHECK(in.net().links.capacity_t_per_year[l] == 800000);  // the base is unchanged
  }
  CHECK(in.profile.get("rail.speed_kmh") == 30.2);  // the scenario's [profile]
}

TEST_CASE("open_input: --scenario over another network, and a base read once") {
  const analysis::analysis_input in =
      analysis::open_input(sample_dir(), cli_data("no_effect.toml"));
  CHECK(in.net().place_count() == 27);
  analysis::network_cache cache;
  const auto a = cache.get(sample_dir());
  const auto b = cache.get(sample_dir() + "/.");
  CHECK(a == b);
}

TEST_CASE("open_scenario: adding a place materialises the network") {
  const test::temp_dir dir;
  const auto file = dir.write("add.toml", "name = \"add\"\nnetwork = \"" + sample_dir() +
                                              "\"\n[[add_node]]\nid = \"new_dp\"\nname = \"New\"\n"
                                              "kind = \"dry_port\"\nlon = 102.6\nlat = 17.95\n"
                                              "[[add]]\nid = \"x_new\"\nfrom = \"new_dp\"\n"
                                              "to = \"vientiane\"\nmode = \"road\"\n"
                                              "length_km = 20\n");
  analysis::network_cache cache;
  const analysis::network_state st = analysis::open_scenario(gis::read_scenario(file), cache);
  CHECK(st.materialised);
  CHECK(st.overlay == nullptr);
  CHECK(st.net().place_count() == 28);
  CHECK(st.net().find_place("new_dp") != no_index);
}

TEST_CASE("open_input: usage errors") {
  CHECK_THROWS_WITH_AS((void)analysis::open_input("", ""), "give a NETWORK (or --scenario FILE)",
                       input_error);
  CHECK_THROWS_AS(
      (void)analysis::open_input(cli_data("no_effect.toml"), cli_data("new_place.toml")),
      input_error);
  const std::string not_toml = "--scenario " + sample_dir() + ": not a scenario file (.toml)";
  CHECK_THROWS_WITH_AS((void)analysis::open_input(sample_dir(), sample_dir()), not_toml.c_str(),
                       input_error);
}
