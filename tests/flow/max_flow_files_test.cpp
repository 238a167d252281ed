// DIMACS maximum-flow files: the known values of ../shared/data/README.md, with max flow = min cut
// capacity; and the reader's errors.
#include <string>

#include <doctest/doctest.h>

#include "corridor/flow/max_flow.hpp"
#include "corridor/flow/min_cost_flow.hpp"
#include "corridor/gis/read.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {
max_flow_result solve(const gis::loaded_network& n) {
  REQUIRE(n.flow_sources.size() == 1);
  REQUIRE(n.flow_sinks.size() == 1);
  const std::vector<node_id> s = n.net.nodes_of(n.flow_sources[0]);
  const std::vector<node_id> t = n.net.nodes_of(n.flow_sinks[0]);
  return max_flow(n.net.graph, by_column(n.net.links.capacity_t_per_year), s, t);
}
}  // namespace

TEST_CASE("DIMACS max flow: the known values of the shared instances") {
  CORRIDOR_REQUIRE_SHARED("data/dimacs/max_flow.max");
  const std::pair<const char*, double> known[] = {{"max_flow.max", 13},
                                                  {"max_flow2.max", 5},
                                                  {"max_flow3.max", 387},
                                                  {"max_flow4.max", 0},
                                                  {"max_flow5.max", 0}};
  for (const auto& [file, value] : known) {
    CAPTURE(file);
    const gis::loaded_network n = gis::read_network(test::shared_dir() / "data/dimacs" / file);
    const max_flow_result r = solve(n);
    REQUIRE(r.status == flow_status::optimal);
    CHECK(r.value == value);
    double cut = 0;
    for (const link_id l : r.min_cut) cut += n.net.links.capacity_t_per_year[l.value()];
    CHECK(cut == value);
  }
}

TEST_CASE("DIMACS max flow: a small file by hand, and the reader's errors") {
  const test::temp_dir d;
  // 1 -> 2 (3), 1 -> 3 (2), 2 -> 3 (1), 2 -> 4 (2), 3 -> 4 (3): max flow 5 (cut {1->2, 1->3}).
  const auto p = d.write("small.max",
                         "c by hand\np max 4 5\nn 1 s\nn 4 t\na 1 2 3\na 1 3 2\na 2 3 1\n"
                         "a 2 4 2\na 3 4 3\n");
  const gis::loaded_network n = gis::read_network(p);
  CHECK(n.net.place_count() == 4);
  CHECK(solve(n).value == 5);
  const auto error = [&](const std::string& text) {
    const auto q = d.write("bad.max", text);
    try {
      (void)gis::read_network(q);
    } catch (const input_error& e) {
      return std::string(e.what()).substr(q.string().size());
    }
    return std::string("no error");
  };
  CHECK(error("p max 2 1\nn 1 s\na 1 2 3\n") ==
        ":1: no 'n <id> t' line: a max-flow file names its source and its sink");
  CHECK(error("p max 2 1\nn 1 s\nn 2 t\nn 2 t\na 1 2 3\n") == ":4: second sink line");
  CHECK(error("p max 2 1\nn 1 x\na 1 2 3\n") ==
        ":2: malformed 'n' line 'n 1 x' (expected 'n <id> s' or 'n <id> t')");
  CHECK(error("p max 2 1\nn 1 s\nn 3 t\na 1 2 3\n") == ":3: sink node 3 is out of range 1..2");
  CHECK(error("p max 2 1\nn 1 s\nn 2 t\na 1 2 -3\n") ==
        ":4: capacity -3 is negative (DIMACS capacities are integers >= 0)");
  CHECK(error("p sp 2 1\nn 1 s\n") ==
        ":1: problem type 'sp' is not 'max' (expected 'p max <nodes> <arcs>')");
}

TEST_CASE("NETGEN min-cost flow: the known optimal costs of ../shared/data") {
  CORRIDOR_REQUIRE_SHARED("data/dimacs/netgen_8_08a.min");
  const std::pair<const char*, double> known[] = {{"netgen_8_08a.min", 142274536},
                                                  {"netgen_8_10a.min", 369269289}};
  for (const auto& [file, cost] : known) {
    CAPTURE(file);
    const gis::loaded_network n = gis::read_network(test::shared_dir() / "data/dimacs" / file);
    std::vector<double> supply(n.net.graph.node_count(), 0.0);
    for (std::uint32_t p = 0; p < n.net.place_count(); ++p) {
      supply[n.net.nodes_of(p).front().value()] = n.supply[p];
    }
    const min_cost_flow_result r = min_cost_flow(
        n.net.graph, by_column(n.net.links.capacity_t_per_year), by_column(n.link_cost), supply);
    REQUIRE(r.status == min_cost_status::optimal);
    CHECK(r.cost == cost);
  }
}
