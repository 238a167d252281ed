// The DIMACS .gr reader: rome99 against its known answers and Boost.Graph, a hand-checked graph,
// and every error the reader reports.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <limits>
#include <random>
#include <span>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include <doctest/doctest.h>
#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>

#include "corridor/gis/read.hpp"
#include "corridor/path/shortest_path.hpp"
#include "test_support.hpp"

using namespace corridor;
namespace fs = std::filesystem;

namespace {

constexpr const char* rome99 = "data/dimacs/rome99.gr";

gis::loaded_network load_rome99() { return gis::read_dimacs(test::shared_dir() / rome99); }

/// The shortest distance from DIMACS node s to DIMACS node t (1-based ids).
double distance(const built_network& net, std::uint32_t s, std::uint32_t t) {
  const auto p =
      shortest_path(net.graph, by_column(net.links.weight), node_id{s - 1}, node_id{t - 1});
  REQUIRE(p.has_value());
  // The path is a chain from s to t whose link weights add up to its weight.
  node_id at{s - 1};
  double sum = 0;
  for (const link_id l : p->links) {
    CHECK(net.graph.tail(l) == at);
    at = net.graph.head(l);
    sum += net.links.weight[l.value()];
  }
  CHECK(at == node_id{t - 1});
  CHECK(sum == p->weight);
  return p->weight;
}

}  // namespace

TEST_CASE("dimacs: rome99 sizes, ids and parallel arcs") {
  CORRIDOR_REQUIRE_SHARED(rome99);
  const gis::loaded_network n = load_rome99();
  const built_network& net = n.net;
  CHECK(n.format == gis::format::dimacs);
  CHECK(n.path == test::shared_dir() / rome99);
  CHECK(n.warnings.empty());
  CHECK(net.place_count() == 3353);
  CHECK(net.graph.node_count() == 3353);
  CHECK(net.graph.link_count() == 8870);
  CHECK(net.records.size() == 8870);
  // One node per place, node id = place index = DIMACS id - 1.
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    REQUIRE(net.places.first_node[p] == p);
    REQUIRE(net.places.id[p] == std::to_string(p + 1));
    REQUIRE(net.find_place(std::to_string(p + 1)) == p);
    REQUIRE_FALSE(net.places.has_position(p));
  }
  // Every arc is a oneway road link; record r is arc line r + 1 ("a<r+1>").
  std::vector<int> seen(net.records.size(), 0);
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const std::uint32_t r = net.links.record[l];
    REQUIRE(r < net.records.size());
    ++seen[r];
    CHECK(net.records.id[r] == "a" + std::to_string(r + 1));
    CHECK(net.links.reversed[l] == 0);
    CHECK(net.links.mode[l] == mode::road);
    CHECK(net.links.weight[l] >= 0);
  }
  for (const int s : seen) REQUIRE(s == 1);
  // The first arc of the file: "a 2958 2959 535".
  const std::uint32_t first = [&] {
    for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
      if (net.links.record[l] == 0) return l;
    }
    return no_index;
  }();
  REQUIRE(first != no_index);
  CHECK(net.graph.tail(link_id{first}) == node_id{2957});
  CHECK(net.graph.head(link_id{first}) == node_id{2958});
  CHECK(net.links.weight[first] == 535);
  // 11 parallel arcs (same tail and head as an earlier arc) are kept as links.
  int parallel = 0;
  for (std::uint32_t u = 0; u < net.graph.node_count(); ++u) {
    std::vector<node_id> heads;
    for (const link_id l : net.graph.out_links(node_id{u})) {
      for (const node_id h : heads) parallel += h == net.graph.head(l) ? 1 : 0;
      heads.push_back(net.graph.head(l));
    }
  }
  CHECK(parallel == 11);
}

TEST_CASE("dimacs: rome99 known distances") {
  CORRIDOR_REQUIRE_SHARED(rome99);
  const gis::loaded_network n = load_rome99();
  CHECK(distance(n.net, 1, 3353) == 30305);
  CHECK(distance(n.net, 3353, 1) == 31145);
  CHECK(distance(n.net, 100, 2000) == 31719);
  CHECK(distance(n.net, 7, 7) == 0);
}

TEST_CASE("dimacs: rome99 distances from node 1 add up to 116006476") {
  CORRIDOR_REQUIRE_SHARED(rome99);
  const gis::loaded_network n = load_rome99();
  const shortest_path_tree t = one_to_all(n.net.graph, by_column(n.net.links.weight), node_id{0});
  double sum = 0;
  std::uint32_t reached = 0;
  for (const double d : t.distance) {
    if (d < infinite_distance) {
      sum += d;
      ++reached;
    }
  }
  CHECK(reached == 3353);  // strongly connected
  CHECK(sum == 116006476.0);
  CHECK(t.distance[3352] == 30305);
}

TEST_CASE("dimacs: rome99 has no coordinates: A* degrades to Dijkstra, answers agree") {
  CORRIDOR_REQUIRE_SHARED(rome99);
  const gis::loaded_network n = load_rome99();
  const built_network& net = n.net;
  const by_column w(net.links.weight);
  std::vector<geo::lonlat> pos(net.graph.node_count());
  for (std::uint32_t v = 0; v < net.graph.node_count(); ++v) {
    pos[v] = net.places.position[net.place_of(node_id{v})];
    REQUIRE_FALSE(geo::valid(pos[v]));
  }
  const great_circle_bound h(net.graph, w, pos);
  CHECK(h.factor() == 0);  // no usable bound: A* is plain Dijkstra here

  std::mt19937_64 rng(test::seed());
  std::uniform_int_distribution<std::uint32_t> pick(0, net.graph.node_count() - 1);
  dijkstra_query q(net.graph);
  for (int i = 0; i < 20; ++i) {
    const node_id s{pick(rng)}, t{pick(rng)};
    CAPTURE(s.value());
    CAPTURE(t.value());
    const shortest_path_tree tree = one_to_all(net.graph, w, s);
    q.run(w, std::span<const node_id>(&s, 1), std::span<const node_id>(&t, 1));
    REQUIRE(q.found());
    CHECK(q.target() == t);
    CHECK(q.distance(t) == tree.distance[t.value()]);
    const auto a = astar_path(net.graph, w, pos, std::span<const node_id>(&s, 1),
                              std::span<const node_id>(&t, 1));
    REQUIRE(a.has_value());
    CHECK(a->weight == tree.distance[t.value()]);
  }
}

TEST_CASE("dimacs: rome99 against Boost.Graph dijkstra_shortest_paths") {
  CORRIDOR_REQUIRE_SHARED(rome99);
  const gis::loaded_network n = load_rome99();
  const built_network& net = n.net;

  // The oracle parses the file on its own.
  using graph =
      boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS, boost::no_property,
                            boost::property<boost::edge_weight_t, double>>;
  std::ifstream in(test::shared_dir() / rome99);
  REQUIRE(in);
  graph g;
  std::string line;
  std::size_t arcs = 0;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    std::string kind;
    ls >> kind;
    if (kind == "p") {
      std::string sp;
      std::size_t nodes = 0;
      ls >> sp >> nodes;
      g = graph(nodes);
    } else if (kind == "a") {
      std::size_t u = 0, v = 0;
      double wt = 0;
      ls >> u >> v >> wt;
      boost::add_edge(u - 1, v - 1, wt, g);
      ++arcs;
    }
  }
  REQUIRE(boost::num_vertices(g) == 3353);
  REQUIRE(arcs == 8870);

  std::mt19937_64 rng(test::seed());
  std::uniform_int_distribution<std::uint32_t> pick(0, net.graph.node_count() - 1);
  const by_column w(net.links.weight);
  for (int i = 0; i < 5; ++i) {
    const std::uint32_t s = pick(rng);
    CAPTURE(s);
    std::vector<double> expected(boost::num_vertices(g));
    boost::dijkstra_shortest_paths(g, boost::vertex(s, g),
                                   boost::distance_map(boost::make_iterator_property_map(
                                       expected.begin(), boost::get(boost::vertex_index, g))));
    const shortest_path_tree t = one_to_all(net.graph, w, node_id{s});
    REQUIRE(t.distance.size() == expected.size());
    std::size_t differ = 0;
    for (std::size_t v = 0; v < expected.size(); ++v)
      differ += t.distance[v] == expected[v] ? 0U : 1U;
    CHECK(differ == 0);
  }
}

TEST_CASE("dimacs: a hand-checked 4-node graph") {
  const test::temp_dir dir;
  // Arcs (from to weight), plus a parallel arc 1->2 of weight 10 that no search uses:
  //   1->2 4, 1->3 1, 3->2 2, 2->4 5, 3->4 8, 4->1 3
  // By hand:
  //   from 1: to 2 = 1->3->2 = 1+2 = 3 (< 4 direct); to 3 = 1; to 4 = 1->3->2->4 = 1+2+5 = 8 (< 9)
  //   from 2: to 4 = 5; to 1 = 2->4->1 = 5+3 = 8; to 3 = 2->4->1->3 = 8+1 = 9
  //   from 3: to 2 = 2; to 4 = 3->2->4 = 2+5 = 7 (< 8 direct); to 1 = 7+3 = 10
  //   from 4: to 1 = 3; to 3 = 3+1 = 4; to 2 = 4->1->3->2 = 3+1+2 = 6 (< 3+4 = 7)
  const fs::path p = dir.write("hand.gr",
                               "c a hand-checked graph\n"
                               "\n"
                               "p sp 4 7\n"
                               "a 1 2 4\n"
                               "a 1 3 1\n"
                               "c a comment between arcs\n"
                               "a 3 2 2\r\n"  // a CRLF line is fine
                               "a\t2 4  5\n"  // so are tabs and repeated blanks
                               "a 3 4 8\n"
                               "a 4 1 3\n"
                               "a 1 2 10\n");
  const gis::loaded_network n = gis::read_dimacs(p);
  const built_network& net = n.net;
  CHECK(n.format == gis::format::dimacs);
  CHECK(n.path == p);
  CHECK(n.warnings.empty());
  REQUIRE(net.graph.node_count() == 4);
  REQUIRE(net.graph.link_count() == 7);
  const double expected[4][4] = {{0, 3, 1, 8}, {8, 0, 9, 5}, {10, 2, 0, 7}, {3, 6, 4, 0}};
  const by_column w(net.links.weight);
  for (std::uint32_t s = 0; s < 4; ++s) {
    const shortest_path_tree t = one_to_all(net.graph, w, node_id{s});
    for (std::uint32_t v = 0; v < 4; ++v) {
      CAPTURE(s);
      CAPTURE(v);
      CHECK(t.distance[v] == expected[s][v]);
    }
  }
  // 1 -> 4 goes a2 (1->3), a3 (3->2), a4 (2->4).
  const auto path = shortest_path(net.graph, w, node_id{0}, node_id{3});
  REQUIRE(path.has_value());
  std::vector<std::string> ids;
  for (const link_id l : path->links) ids.push_back(net.records.id[net.links.record[l.value()]]);
  CHECK(ids == std::vector<std::string>{"a2", "a3", "a4"});
  // Both 1->2 arcs are links (the parallel one is simply never the cheapest).
  int one_two = 0;
  for (const link_id l : net.graph.out_links(node_id{0})) {
    one_two += net.graph.head(l) == node_id{1} ? 1 : 0;
  }
  CHECK(one_two == 2);
}

TEST_CASE("dimacs: a self-loop is skipped with a warning") {
  const test::temp_dir dir;
  const fs::path p = dir.write("loop.gr", "p sp 3 3\na 1 2 4\na 2 2 9\na 2 3 1\n");
  const gis::loaded_network n = gis::read_dimacs(p);
  CHECK(n.net.graph.node_count() == 3);
  CHECK(n.net.graph.link_count() == 2);
  REQUIRE(n.warnings.size() == 1);
  CHECK(n.warnings[0] == p.string() + ":3: self-loop arc 'a 2 2 9' skipped");
  // Arc ids count arc lines, so the loop's id "a2" is simply missing.
  CHECK(n.net.records.id == std::vector<std::string>{"a1", "a3"});
}

TEST_CASE("dimacs: empty graphs are fine") {
  const test::temp_dir dir;
  const gis::loaded_network n = gis::read_dimacs(dir.write("none.gr", "p sp 0 0\n"));
  CHECK(n.net.graph.node_count() == 0);
  const gis::loaded_network m = gis::read_dimacs(dir.write("isolated.gr", "p sp 3 0\n"));
  CHECK(m.net.graph.node_count() == 3);
  CHECK(m.net.graph.link_count() == 0);
}

TEST_CASE("dimacs: errors name the file, the line and the problem") {
  const test::temp_dir dir;
  struct bad_case {
    const char* text;
    const char* message;  // after "<path>:"
  };
  const bad_case cases[] = {
      {"", "1: no 'p sp <nodes> <arcs>' line"},
      {"c only comments\nc here\n", "2: no 'p sp <nodes> <arcs>' line"},
      {"p sp 2 1\np sp 2 1\na 1 2 3\n", "2: second 'p' line (the first is line 1)"},
      {"c x\na 1 2 3\np sp 2 1\n", "2: arc before the 'p sp <nodes> <arcs>' line"},
      {"p sp 3\n", "1: malformed 'p' line 'p sp 3' (expected 'p sp <nodes> <arcs>')"},
      {"p max 3 1\n", "1: problem type 'max' is not 'sp' (expected 'p sp <nodes> <arcs>')"},
      {"p sp x 1\n", "1: node count 'x' is not an integer >= 0"},
      {"p sp 3 -1\n", "1: arc count '-1' is not an integer >= 0"},
      {"p sp 4294967296 0\n", "1: node count 4294967296 exceeds 4294967294"},
      {"p sp 3 1\na 1 4 7\n", "2: to node 4 is out of range 1..3"},
      {"p sp 3 1\na 0 2 7\n", "2: from node 0 is out of range 1..3"},
      {"p sp 3 1\na -1 2 7\n", "2: from node -1 is out of range 1..3"},
      {"p sp 3 1\na x 2 7\n", "2: from node 'x' is not an integer"},
      {"p sp 3 1\na 1 2.0 7\n", "2: to node '2.0' is not an integer"},
      {"p sp 3 1\na 1 2 -5\n", "2: weight -5 is negative (DIMACS weights are integers >= 0)"},
      {"p sp 3 1\na 1 2 2.5\n", "2: weight '2.5' is not an integer"},
      {"p sp 3 1\na 1 2 abc\n", "2: weight 'abc' is not an integer"},
      {"p sp 3 1\na 1 2 9007199254740993\n",
       "2: weight 9007199254740993 is too large (at most 9007199254740992)"},
      {"p sp 3 1\na 1 2 99999999999999999999999\n",
       "2: weight 99999999999999999999999 is too large"},
      {"p sp 3 1\na 1 2\n", "2: malformed arc line 'a 1 2' (expected 'a <from> <to> <weight>')"},
      {"p sp 3 1\na 1 2 3 4\n",
       "2: malformed arc line 'a 1 2 3 4' (expected 'a <from> <to> <weight>')"},
      {"p sp 3 1\nx 1 2\n", "2: malformed line 'x 1 2' (expected 'c', 'p' or 'a' lines)"},
      {"p sp 3 1\nab 1 2 3\n", "2: malformed line 'ab 1 2 3' (expected 'c', 'p' or 'a' lines)"},
      {"c\np sp 3 3\na 1 2 1\na 2 3 1\n", "2: the 'p' line declares 3 arcs but the file has 2"},
      {"p sp 3 1\na 1 2 1\na 2 3 1\n", "1: the 'p' line declares 1 arcs but the file has 2"},
  };
  int i = 0;
  for (const bad_case& c : cases) {
    const fs::path p = dir.write("bad" + std::to_string(++i) + ".gr", c.text);
    const std::string expected = p.string() + ":" + c.message;
    CAPTURE(c.text);
    CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_dimacs(p)), expected.c_str(), input_error);
  }

  // Missing files and folders are lookup errors; compressed files are refused with the fix.
  const fs::path missing = dir.path() / "missing.gr";
  CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_dimacs(missing)),
                       ("cannot open " + missing.string()).c_str(), lookup_error);
  CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_dimacs(dir.path())),
                       ("cannot open " + dir.path().string() + " (it is a folder)").c_str(),
                       lookup_error);
  // Compressed input is read directly; data that is not .xz is named as such.
  const fs::path xz = dir.write("g.gr.xz", "not really xz");
  CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_dimacs(xz)),
                       (xz.string() + ": not an .xz file").c_str(), input_error);
}
