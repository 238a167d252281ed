// analysis::resolve_places and max_flow_between on the sample network. The oracle is the
// certificate of optimality: a feasible flow (capacities, conservation) whose value equals the
// capacity of the cut it reports (max-flow min-cut theorem).
#include <cmath>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/analysis/flow.hpp"
#include "corridor/error.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {

analysis::analysis_input sample() {
  return analysis::open_input((test::source_dir() / "geodata/sample").string(), "");
}

/// Checks that f is a feasible flow whose value equals the capacity of its min cut.
void check_certificate(const built_network& net, const analysis::flow_answer& f) {
  const max_flow_result& r = f.result;
  REQUIRE(r.status == flow_status::optimal);
  std::vector<double> net_out(net.graph.node_count(), 0.0);
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    CHECK(r.flow[l] >= -1e-9);
    if (!std::isnan(f.capacity[l])) CHECK(r.flow[l] <= f.capacity[l] + 1e-6);
    net_out[net.graph.tail(link_id{l}).value()] += r.flow[l];
    net_out[net.graph.head(link_id{l}).value()] -= r.flow[l];
  }
  std::vector<std::uint8_t> terminal(net.graph.node_count(), 0);
  double out_of_sources = 0;
  for (const std::uint32_t p : f.from) {
    for (const node_id v : net.nodes_of(p)) {
      terminal[v.value()] = 1;
      out_of_sources += net_out[v.value()];
    }
  }
  for (const std::uint32_t p : f.to) {
    for (const node_id v : net.nodes_of(p)) terminal[v.value()] = 1;
  }
  for (std::uint32_t v = 0; v < net.graph.node_count(); ++v) {
    if (terminal[v] == 0) CHECK(net_out[v] == doctest::Approx(0).epsilon(1e-9).scale(1e6));
  }
  CHECK(out_of_sources == doctest::Approx(r.value));
  double cut = 0;
  for (const link_id l : r.min_cut) {
    cut += f.capacity[l.value()];
    CHECK(r.flow[l.value()] == doctest::Approx(f.capacity[l.value()]));
  }
  CHECK(cut == doctest::Approx(r.value));
}

}  // namespace

TEST_CASE("resolve_places: a comma list of ids and names, and an empty list refused") {
  const analysis::analysis_input in = sample();
  const built_network& net = in.net();
  const std::vector<std::uint32_t> p =
      analysis::resolve_places(in.loaded(), "kunming, Bangkok", "--to");
  REQUIRE(p.size() == 2);
  CHECK(p[0] == net.find_place("kunming"));
  CHECK(p[1] == net.find_place("bangkok"));
  CHECK_THROWS_WITH_AS((void)analysis::resolve_places(in.loaded(), " , ", "--from"),
                       "--from: no place given", input_error);
}

TEST_CASE("max_flow_between: Kunming -> Bangkok is a feasible flow equal to its cut") {
  const analysis::analysis_input in = sample();
  const built_network& net = in.net();
  const analysis::flow_answer f = analysis::max_flow_between(in, "kunming", "bangkok");
  CHECK_FALSE(f.abstract);
  CHECK(f.result.value > 0);
  check_certificate(net, f);
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const bool own = !std::isnan(net.links.capacity_t_per_year[l]);
    if (own) CHECK(f.capacity[l] == net.links.capacity_t_per_year[l]);
    CHECK((f.defaulted[l] != 0) == (!own && !std::isnan(f.capacity[l])));
  }
}

TEST_CASE("max_flow_between: excluded links carry nothing, and no sources is an error") {
  analysis::analysis_input in = sample();
  const built_network& net = in.net();
  in.filter.exclude_mode(mode::road);
  const analysis::flow_answer f = analysis::max_flow_between(in, "kunming", "bangkok");
  check_certificate(net, f);
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    if (net.links.mode[l] != mode::road) continue;
    CHECK(f.capacity[l] == 0);
    CHECK(f.result.flow[l] == 0);
  }
  CHECK_THROWS_AS((void)analysis::max_flow_between(in, "", "bangkok"), input_error);
}
