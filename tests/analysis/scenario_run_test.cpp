// analysis::today_of, diff_questions, link_match_key and match_volumes: a scenario against its
// base, on the sample network (overlay) and on a scenario that adds a place (materialised).
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/analysis/scenario_run.hpp"
#include "corridor/network/labels.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

gis::scenario scenario_file(const std::string& name) {
  return gis::read_scenario(test::source_dir() / "tests/cli/data" / name);
}

/// A scenario file of tests/cli/data against today, its questions answered on both.
struct scenario_diff {
  analysis::network_cache cache;
  gis::scenario s;
  analysis::study sc, bs;
  std::vector<analysis::question_diff> d;
  explicit scenario_diff(const std::string& name)
      : s(scenario_file(name)),
        sc(analysis::study_of(s, cache)),
        bs(analysis::study_of(analysis::today_of(s), cache)),
        d(analysis::diff_questions(bs, sc, s.questions, criterion::time, "")) {}
};

/// The first generated transfer link of `net`.
link_id first_transfer(const built_network& net) {
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    if (net.links.record[l] == no_index) return link_id{l};
  }
  return link_id::invalid();
}

}  // namespace

TEST_CASE("today_of: the scenario without edits, year or full build-out") {
  gis::scenario s = scenario_file("yard_capacity.toml");
  s.year = 2030;
  s.full_build_out = true;
  const gis::scenario b = analysis::today_of(s);
  CHECK(b.name == "today");
  CHECK(b.edits.change.empty());
  CHECK_FALSE(s.edits.change.empty());
  CHECK_FALSE(b.year.has_value());
  CHECK_FALSE(b.full_build_out);
  CHECK(b.network == s.network);
  CHECK(b.questions.size() == s.questions.size());
  CHECK(b.settings == s.settings);
}

TEST_CASE("link_label and link_match_key: record ids, and transfers by kind and layers") {
  analysis::network_cache cache;
  const auto n = cache.get(test::source_dir() / "geodata/sample");
  const built_network& net = n->net;
  const link_id t = first_transfer(net);
  REQUIRE(t.valid());
  const layer from = net.nodes.layer[net.graph.tail(t).value()],
              to = net.nodes.layer[net.graph.head(t).value()];
  const std::string expected = std::string(to_string(net.links.transfer[t.value()])) +
                               " transfer " + layer_label(from) + "->" + layer_label(to);
  CHECK(link_label(net, t) == expected);
  CHECK(layer_label(layer{mode::rail, 1000}) == "rail 1000 mm");
  CHECK(layer_label(layer{mode::sea, 0}) == "sea");
  const std::string place = net.places.id[net.place_of(net.graph.tail(t))];
  CHECK(analysis::link_match_key(net, t) == expected + "|" + place + "|" + place + "|transfer");
  const link_id first{0};
  if (net.links.record[0] != no_index) {
    CHECK(link_label(net, first) == net.records.id[net.links.record[0]]);
  }
}

TEST_CASE("diff_questions: the yard scenario against today, option by option") {
  const scenario_diff x("yard_capacity.toml");
  const auto& d = x.d;
  const analysis::study& sc = x.sc;
  REQUIRE(d.size() == 1);
  CHECK(d[0].title ==
        "Kunming -> " + sc.state.net().places.name[sc.state.net().find_place("bangkok")]);
  REQUIRE(d[0].options.size() == 2);
  // A capacity change alters no route by time: both sides agree, route by route.
  for (std::size_t i = 0; i < 2; ++i) {
    const analysis::option_diff& o = d[0].options[i];
    CHECK(o.label == d[0].scenario.options[i].label);
    CHECK(o.base == &d[0].base.options[i].best);
    CHECK(o.scenario == &d[0].scenario.options[i].best);
    REQUIRE(o.base->status == route_status::ok);
    CHECK(o.base->totals.time_h == o.scenario->totals.time_h);
    CHECK_FALSE(o.changed);
  }
}

TEST_CASE("diff_questions: a place only the scenario adds has no route on the base") {
  const scenario_diff x("new_place.toml");
  const auto& d = x.d;
  REQUIRE(d.size() == 1);
  CHECK(d[0].title == "Kunming -> New dry port");
  CHECK(d[0].base.from == no_index);
  REQUIRE(d[0].options.size() == 2);
  for (const analysis::option_diff& o : d[0].options) {
    CHECK(o.base->status == route_status::no_path);
    CHECK(o.base_reason == "the base network has no such place");
    CHECK(o.scenario->status == route_status::ok);
    CHECK(o.changed);
  }
}

TEST_CASE("match_volumes: matched by key across networks, largest change first") {
  analysis::network_cache cache;
  const gis::scenario s = scenario_file("new_place.toml");
  const analysis::study sc = analysis::study_of(s, cache);  // materialised: other link ids
  const analysis::study bs = analysis::study_of(analysis::today_of(s), cache);
  const built_network &bn = bs.state.net(), &sn = sc.state.net();
  // Two base links by key in the scenario; the scenario's own new link.
  const link_id b0{0}, b1{1};
  std::uint32_t s0 = no_index, s1 = no_index, added = no_index;
  for (std::uint32_t l = 0; l < sn.graph.link_count(); ++l) {
    const std::string key = analysis::link_match_key(sn, link_id{l});
    if (key == analysis::link_match_key(bn, b0)) s0 = l;
    if (key == analysis::link_match_key(bn, b1)) s1 = l;
    const std::uint32_t rec = sn.links.record[l];
    if (rec != no_index && sn.records.id[rec] == "x_new" && added == no_index) added = l;
  }
  REQUIRE(s0 != no_index);
  REQUIRE(s1 != no_index);
  REQUIRE(added != no_index);
  std::vector<double> bv(bn.graph.link_count(), 0.0), sv(sn.graph.link_count(), 0.0);
  bv[0] = 10;  // unchanged
  bv[1] = 4;   // gone on the scenario: -4
  sv[s0] = 10;
  sv[added] = 7;  // new: +7
  const std::vector<analysis::volume_row> rows = analysis::match_volumes(bn, bv, sn, sv);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0].link == "x_new");
  CHECK(rows[0].base == 0);
  CHECK(rows[0].scenario == 7);
  CHECK(rows[0].scenario_link == added);
  CHECK(rows[1].link == link_label(bn, b1));
  CHECK(rows[1].base == 4);
  CHECK(rows[1].scenario == 0);
  CHECK(rows[1].scenario_link == s1);
  CHECK(rows[2].base == 10);
  CHECK(rows[2].scenario == 10);
  CHECK(rows[2].scenario_link == s0);
  CHECK(rows[2].from == bn.places.id[bn.place_of(bn.graph.tail(b0))]);
  CHECK(rows[2].mode == to_string(bn.links.mode[0]));
}
