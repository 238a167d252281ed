// The TNTP _net.tntp reader: SiouxFalls against a re-parse of the file and Bellman-Ford, the other
// plain TNTP networks of the shared data, small inline files and every error the reader reports.
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/gis/read.hpp"
#include "corridor/path/shortest_path.hpp"
#include "test_support.hpp"

using namespace corridor;
namespace fs = std::filesystem;

namespace {

constexpr const char* sioux_falls = "data/tntp/SiouxFalls/SiouxFalls_net.tntp";

/// The link lines of a TNTP file, re-parsed independently of the reader: the ten fields of each.
std::vector<std::vector<double>> link_lines(const fs::path& p) {
  std::ifstream in(p);
  REQUIRE(in);
  std::vector<std::vector<double>> rows;
  std::string line;
  bool data = false;
  while (std::getline(in, line)) {
    if (line.find("<END OF METADATA>") != std::string::npos) {
      data = true;
      continue;
    }
    if (!data) continue;
    line = line.substr(0, line.find(';'));
    std::istringstream ls(line);
    std::vector<std::string> fields;
    std::string f;
    while (ls >> f) fields.push_back(f);
    if (fields.empty() || fields[0][0] == '~') continue;
    REQUIRE(fields.size() == 10);
    std::vector<double> row;
    for (const std::string& s : fields) row.push_back(std::strtod(s.c_str(), nullptr));
    rows.push_back(row);
  }
  return rows;
}

constexpr double inf = std::numeric_limits<double>::infinity();

/// Bellman-Ford over (tail, head, weight) rows with 1-based node numbers; distances by node - 1.
std::vector<double> bellman_ford(const std::vector<std::vector<double>>& rows, std::size_t nodes,
                                 std::size_t source) {
  std::vector<double> d(nodes, inf);
  d[source] = 0;
  for (std::size_t round = 0; round < nodes; ++round) {
    bool changed = false;
    for (const auto& r : rows) {
      const auto u = static_cast<std::size_t>(r[0]) - 1, v = static_cast<std::size_t>(r[1]) - 1;
      if (d[u] + r[4] < d[v]) {
        d[v] = d[u] + r[4];
        changed = true;
      }
    }
    if (!changed) break;
  }
  return d;
}

/// A small valid file; links are deliberately not sorted by tail, so the link order (CSR, by
/// tail) differs from the input order.
const std::string small_header =
    "<NUMBER OF ZONES> 2\n"
    "<NUMBER OF NODES> 3\n"
    "<FIRST THRU NODE> 3\n"
    "<NUMBER OF LINKS> 3\n"
    "<ORIGINAL HEADER>~ Init node Term node Capacity ...\n"
    "<END OF METADATA>\n"
    "\n"
    "~\tinit_node\tterm_node\tcapacity\tlength\tfree_flow_time\tb\tpower\tspeed\ttoll\tlink_type\t;"
    "\n";

}  // namespace

TEST_CASE("tntp: SiouxFalls sizes and metadata") {
  CORRIDOR_REQUIRE_SHARED(sioux_falls);
  const fs::path p = test::shared_dir() / sioux_falls;
  const gis::loaded_network n = gis::read_tntp(p);
  const built_network& net = n.net;
  CHECK(n.format == gis::format::tntp);
  CHECK(n.path == p);
  CHECK(n.warnings.empty());
  CHECK(net.place_count() == 24);
  CHECK(net.graph.node_count() == 24);
  CHECK(net.graph.link_count() == 76);
  CHECK(n.tntp.zones == 24);
  CHECK(n.tntp.first_thru_node == 1);
  for (const auto* col : {&n.tntp.capacity, &n.tntp.length, &n.tntp.free_flow_time, &n.tntp.b,
                          &n.tntp.power, &n.tntp.speed, &n.tntp.toll}) {
    CHECK(col->size() == 76);
  }
  REQUIRE(n.tntp.type.size() == 76);
  for (std::uint32_t l = 0; l < 76; ++l) {
    CHECK(n.tntp.b[l] == 0.15);
    CHECK(n.tntp.power[l] == 4);
    CHECK(n.tntp.type[l] == 1);
    CHECK(n.tntp.length[l] == n.tntp.free_flow_time[l]);  // SiouxFalls: length = fft
    CHECK(net.links.mode[l] == mode::road);
    CHECK(net.links.reversed[l] == 0);
  }
  // The first line "1 2 25900.20064 6 6 ..." is record 0, link "l1".
  CHECK(net.records.id[0] == "l1");
  CHECK(net.records.id[75] == "l76");
}

TEST_CASE("tntp: SiouxFalls columns follow the builder's permutation") {
  CORRIDOR_REQUIRE_SHARED(sioux_falls);
  const fs::path p = test::shared_dir() / sioux_falls;
  const gis::loaded_network n = gis::read_tntp(p);
  const built_network& net = n.net;
  const auto rows = link_lines(p);
  REQUIRE(rows.size() == 76);
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    CAPTURE(l);
    const std::uint32_t r = net.links.record[l];
    REQUIRE(r < rows.size());
    const auto& row = rows[r];
    CHECK(net.graph.tail(link_id{l}).value() + 1 == row[0]);
    CHECK(net.graph.head(link_id{l}).value() + 1 == row[1]);
    CHECK(n.tntp.capacity[l] == row[2]);
    CHECK(n.tntp.length[l] == row[3]);
    CHECK(n.tntp.free_flow_time[l] == row[4]);
    CHECK(n.tntp.b[l] == row[5]);
    CHECK(n.tntp.power[l] == row[6]);
    CHECK(n.tntp.speed[l] == row[7]);
    CHECK(n.tntp.toll[l] == row[8]);
    CHECK(n.tntp.type[l] == static_cast<int>(row[9]));
    CHECK(net.links.weight[l] == row[4]);
    CHECK(net.records.id[r] == "l" + std::to_string(r + 1));
  }
}

TEST_CASE("tntp: SiouxFalls free-flow distances agree with Bellman-Ford") {
  CORRIDOR_REQUIRE_SHARED(sioux_falls);
  const fs::path p = test::shared_dir() / sioux_falls;
  const gis::loaded_network n = gis::read_tntp(p);
  const auto rows = link_lines(p);
  const by_column w(n.net.links.weight);
  for (std::uint32_t s = 0; s < 24; ++s) {
    const std::vector<double> expected = bellman_ford(rows, 24, s);
    const shortest_path_tree t = one_to_all(n.net.graph, w, node_id{s});
    for (std::uint32_t v = 0; v < 24; ++v) {
      CAPTURE(s);
      CAPTURE(v);
      CHECK(t.distance[v] == expected[v]);
      CHECK(t.distance[v] < inf);  // strongly connected
    }
  }
  // Two by hand from node 1: 1->2 is 6; 1->3->4 is 4+4 = 8.
  const shortest_path_tree t = one_to_all(n.net.graph, w, node_id{0});
  CHECK(t.distance[1] == 6);
  CHECK(t.distance[3] == 8);
}

TEST_CASE("tntp: the other plain TNTP networks of the shared data") {
  CORRIDOR_REQUIRE_SHARED("data/tntp");
  struct expect {
    const char* file;
    std::uint32_t nodes, links, zones, first_thru;
  };
  const expect nets[] = {
      {"data/tntp/Anaheim/Anaheim_net.tntp", 416, 914, 38, 39},
      {"data/tntp/Braess-Example/Braess_net.tntp", 4, 5, 2, 1},
      {"data/tntp/Chicago-Sketch/ChicagoSketch_net.tntp", 933, 2950, 387, 1},
      {"data/tntp/Eastern-Massachusetts/EMA_net.tntp", 74, 258, 74, 1},
      {"data/tntp/Berlin-Tiergarten/berlin-tiergarten_net.tntp", 361, 766, 26, 27},
  };
  for (const expect& e : nets) {
    CAPTURE(e.file);
    REQUIRE(test::have_shared(e.file));  // data/tntp is there, so each network must be too
    const gis::loaded_network n = gis::read_tntp(test::shared_dir() / e.file);
    CHECK(n.net.graph.node_count() == e.nodes);
    CHECK(n.net.graph.link_count() == e.links);
    CHECK(n.tntp.zones == e.zones);
    CHECK(n.tntp.first_thru_node == e.first_thru);
    CHECK(n.tntp.capacity.size() == e.links);
    CHECK(n.warnings.empty());
  }
  // Munich numbers its 742 nodes sparsely (75674, ...), which the format does not allow.
  const char* munich = "data/tntp/Munich/munich_net.tntp";
  REQUIRE(test::have_shared(munich));
  {
    const fs::path p = test::shared_dir() / munich;
    CHECK_THROWS_WITH_AS(
        static_cast<void>(gis::read_tntp(p)),
        (p.string() + ":11: field 'init_node': node 75674 is out of range 1..742").c_str(),
        input_error);
  }
}

TEST_CASE("tntp: a small file, its columns in link order") {
  const test::temp_dir dir;
  const fs::path p =
      dir.write("small_net.tntp", small_header +
                                      "\t3\t1\t300\t3.5\t30\t0.15\t4\t50\t1\t2\t;\r\n"
                                      "  1 2 100 1.5 10 0.15 4 60 0 1 ;\n"
                                      "~ a comment among the links\n"
                                      "2\t3\t200\t2.5\t20\t0.2\t2\t70\t0\t1;\n");
  const gis::loaded_network n = gis::read_tntp(p);
  const built_network& net = n.net;
  CHECK(n.warnings.empty());
  REQUIRE(net.graph.node_count() == 3);
  REQUIRE(net.graph.link_count() == 3);
  CHECK(n.tntp.zones == 2);
  CHECK(n.tntp.first_thru_node == 3);
  // CSR order is by tail: 1->2 (input line 2), 2->3 (line 3), 3->1 (line 1).
  CHECK(net.links.record == std::vector<std::uint32_t>{1, 2, 0});
  CHECK(n.tntp.capacity == std::vector<double>{100, 200, 300});
  CHECK(n.tntp.length == std::vector<double>{1.5, 2.5, 3.5});
  CHECK(n.tntp.free_flow_time == std::vector<double>{10, 20, 30});
  CHECK(n.tntp.b == std::vector<double>{0.15, 0.2, 0.15});
  CHECK(n.tntp.power == std::vector<double>{4, 2, 4});
  CHECK(n.tntp.speed == std::vector<double>{60, 70, 50});
  CHECK(n.tntp.toll == std::vector<double>{0, 0, 1});
  CHECK(n.tntp.type == std::vector<int>{1, 1, 2});
  CHECK(net.links.weight == std::vector<double>{10, 20, 30});
  CHECK(net.records.id == std::vector<std::string>{"l1", "l2", "l3"});
  const auto path = shortest_path(net.graph, by_column(net.links.weight), node_id{2}, node_id{1});
  REQUIRE(path.has_value());
  CHECK(path->weight == 40);  // 3->1->2
}

TEST_CASE("tntp: link flows files follow the network's link order") {
  const test::temp_dir dir;
  const fs::path net_file = dir.write("small_net.tntp", small_header +
                                                            "3 1 300 3.5 30 0.15 4 50 1 2 ;\n"
                                                            "1 2 100 1.5 10 0.15 4 60 0 1 ;\n"
                                                            "2 3 200 2.5 20 0.2 2 70 0 1 ;\n");
  const gis::loaded_network n = gis::read_tntp(net_file);
  const fs::path good = dir.write("small_flow.tntp",
                                  "From \tTo \tVolume \tCost \n"
                                  "3 \t1 \t30.5 \t31\n"
                                  "1 \t2 \t10.25 \t11\n"
                                  "2 \t3 \t0 \t20\n");
  const std::vector<gis::tntp_flow> flows = gis::read_tntp_flows(good);
  REQUIRE(flows.size() == 3);
  CHECK(flows[0].from == 3);
  CHECK(flows[0].cost == 31);
  CHECK(flows[1].line == 3);
  // Per link id (CSR order 1->2, 2->3, 3->1).
  CHECK(gis::flows_by_link(n, good, flows) == std::vector<double>{10.25, 0, 30.5});

  const fs::path swapped =
      dir.write("swapped_flow.tntp", "From To Volume Cost\n1 2 1 1\n3 1 1 1\n2 3 1 1\n");
  CHECK_THROWS_WITH_AS(
      static_cast<void>(gis::flows_by_link(n, swapped, gis::read_tntp_flows(swapped))),
      (swapped.string() + ":2: link 1->2 is not link 1 of " + net_file.string() + " (3->1)")
          .c_str(),
      input_error);
  const fs::path short_file = dir.write("short_flow.tntp", "From To Volume Cost\n3 1 1 1\n");
  CHECK_THROWS_WITH_AS(
      static_cast<void>(gis::flows_by_link(n, short_file, gis::read_tntp_flows(short_file))),
      (short_file.string() + ": 1 link flows for the 3 links of " + net_file.string()).c_str(),
      input_error);
  struct bad {
    const char* text;
    const char* message;  // after "<path>:"
  };
  const bad cases[] = {
      {"1 2 3 4\n", "1: expected the header 'From To Volume Cost', found '1 2 3 4'"},
      {"From To Volume Cost\n1 2 -3 4\n", "2: volume '-3' is not a number >= 0"},
      {"From To Volume Cost\n1 x 3 4\n", "2: to 'x' is not a node"},
      {"From To Volume Cost\n1 2 3 nan\n", "2: cost 'nan' is not a number"},
      {"From To Volume Cost\n1 2\n", "2: malformed line '1 2' (expected 'from to volume [cost]')"},
      {"", " no 'From To Volume Cost' header"},
  };
  for (const bad& c : cases) {
    CAPTURE(c.text);
    const fs::path p = dir.write("bad_flow.tntp", c.text);
    CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_tntp_flows(p)),
                         (p.string() + ":" + c.message).c_str(), input_error);
  }
}

TEST_CASE("tntp: questionable input is accepted with warnings") {
  const test::temp_dir dir;
  const fs::path p = dir.write("warn_net.tntp",
                               "<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 3\n<NUMBER OF LINKS> 3\n"
                               "<END OF METADATA>\n"
                               "2 3 0 1 1 0.15 4 0 0 1 ;\n"
                               "2 2 100 1 1 0.15 4 0 0 1 ;\n"
                               "1 2 100 1 2 0.15 4 0 0 1 ;\n");
  const gis::loaded_network n = gis::read_tntp(p);
  REQUIRE(n.warnings.size() == 3);
  CHECK(n.warnings[0] == p.string() +
                             ":4: no <FIRST THRU NODE>; assuming 1 (every node may be passed "
                             "through)");
  CHECK(n.warnings[1] == p.string() + ":6: self-loop link '2 2 100 1 1 0.15 4 0 0 1 ;' skipped");
  CHECK(n.warnings[2] == p.string() +
                             ":5: 1 link(s) have capacity 0 (the BPR cost is infinite under any "
                             "flow)");
  CHECK(n.tntp.first_thru_node == 1);
  REQUIRE(n.net.graph.link_count() == 2);
  CHECK(n.net.records.id == std::vector<std::string>{"l1", "l3"});
  // Link order: 1->2 (capacity 100), 2->3 (capacity 0).
  CHECK(n.tntp.capacity == std::vector<double>{100, 0});
  CHECK(n.tntp.free_flow_time == std::vector<double>{2, 1});
}

TEST_CASE("tntp: errors name the file, the line, and the field") {
  const test::temp_dir dir;
  const std::string meta =
      "<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 3\n<FIRST THRU NODE> 1\n<NUMBER OF LINKS> 1\n"
      "<END OF METADATA>\n";  // link lines start at line 6
  struct bad_case {
    std::string text;
    const char* message;  // after "<path>:"
  };
  const bad_case cases[] = {
      {"", "1: no <END OF METADATA> line"},
      {"<NUMBER OF NODES> 3\n<NUMBER OF LINKS> 0\n", "2: no <END OF METADATA> line"},
      {"<NUMBER OF ZONES> 2\n<NUMBER OF LINKS> 0\n<END OF METADATA>\n",
       "3: missing <NUMBER OF NODES> before <END OF METADATA>"},
      {"<NUMBER OF NODES> 2\n<NUMBER OF LINKS> 0\n<END OF METADATA>\n",
       "3: missing <NUMBER OF ZONES> before <END OF METADATA>"},
      {"<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 3\n<END OF METADATA>\n",
       "3: missing <NUMBER OF LINKS> before <END OF METADATA>"},
      {"<NUMBER OF NODES> 3\n1 2 1 1 1 0.15 4 0 0 1 ;\n", "2: link data before <END OF METADATA>"},
      {"<NUMBER OF NODES> 3\n<NUMBER OF NODES> 3\n",
       "2: second <NUMBER OF NODES> line (the first is line 1)"},
      {"<NUMBER OF NODES> x\n", "1: <NUMBER OF NODES> 'x' is not an integer >= 0"},
      {"<NUMBER OF LINKS> -2\n", "1: <NUMBER OF LINKS> '-2' is not an integer >= 0"},
      {"<NUMBER OF NODES 3\n", "1: malformed metadata line '<NUMBER OF NODES 3' (no closing '>')"},
      {"<NUMBER OF ZONES> 4\n<NUMBER OF NODES> 3\n<NUMBER OF LINKS> 0\n<END OF METADATA>\n",
       "1: <NUMBER OF ZONES> 4 exceeds <NUMBER OF NODES> 3"},
      {"<NUMBER OF ZONES> 2\n<NUMBER OF NODES> 3\n<FIRST THRU NODE> 0\n<NUMBER OF LINKS> 0\n"
       "<END OF METADATA>\n",
       "3: <FIRST THRU NODE> 0 is out of range 1..4"},
      {meta + "1 2 1 1 1 0.15 4 0 0 1 ;\n<NUMBER OF NODES> 3\n",
       "7: metadata line '<NUMBER OF NODES> 3' after <END OF METADATA>"},
      {meta, "4: <NUMBER OF LINKS> is 1 but the file has 0 link lines"},
      {meta + "1 2 1 1 1 0.15 4 0 0 1 ;\n2 3 1 1 1 0.15 4 0 0 1 ;\n",
       "4: <NUMBER OF LINKS> is 1 but the file has 2 link lines"},
      {meta + "1 2 abc 1 1 0.15 4 0 0 1 ;\n", "6: field 'capacity': 'abc' is not a number"},
      {meta + "1 2 1 1 1 0.15x 4 0 0 1 ;\n", "6: field 'b': '0.15x' is not a number"},
      {meta + "1 2 1 1 1 inf 4 0 0 1 ;\n", "6: field 'b': 'inf' is not a finite number"},
      {meta + "1 2 1 1 1 0.15 4 nan 0 1 ;\n", "6: field 'speed': 'nan' is not a finite number"},
      {meta + "1 2 1 1 1 0.15 4 0 1e999 1 ;\n", "6: field 'toll': '1e999' is out of range"},
      {meta + "1 2 1 1 -2 0.15 4 0 0 1 ;\n", "6: field 'free_flow_time': -2 is negative"},
      {meta + "1 2 -1 1 1 0.15 4 0 0 1 ;\n", "6: field 'capacity': -1 is negative"},
      {meta + "1 2 1 -1 1 0.15 4 0 0 1 ;\n", "6: field 'length': -1 is negative"},
      {meta + "1 4 1 1 1 0.15 4 0 0 1 ;\n", "6: field 'term_node': node 4 is out of range 1..3"},
      {meta + "0 2 1 1 1 0.15 4 0 0 1 ;\n", "6: field 'init_node': node 0 is out of range 1..3"},
      {meta + "1.5 2 1 1 1 0.15 4 0 0 1 ;\n",
       "6: field 'init_node': '1.5' is not a node number (an integer 1..3)"},
      {meta + "1 2 1 1 1 0.15 4 0 0 x ;\n", "6: field 'link_type': 'x' is not an integer"},
      {meta + "1 2 1 1 1 0.15 4 0 0 1.0 ;\n", "6: field 'link_type': '1.0' is not an integer"},
      {meta + "1 2 1 1 1 0.15 4 0 0 ;\n",
       "6: 9 fields, expected 10 (init_node term_node capacity length free_flow_time b power "
       "speed toll link_type ;)"},
      {meta + "1 2 1 1 1 0.15 4 0 0 1 1 ;\n",
       "6: 11 fields, expected 10 (init_node term_node capacity length free_flow_time b power "
       "speed toll link_type ;)"},
      {meta + "1 2 1 1 1 0.15 4 0 0 1\n",
       "6: link line '1 2 1 1 1 0.15 4 0 0 1' does not end with ';'"},
      {meta + "1 2 1 1 1 0.15 4 0 0 1 ; junk\n", "6: unexpected text 'junk' after ';'"},
  };
  int i = 0;
  for (const bad_case& c : cases) {
    const fs::path p = dir.write("bad" + std::to_string(++i) + "_net.tntp", c.text);
    const std::string expected = p.string() + ":" + c.message;
    CAPTURE(c.text);
    CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_tntp(p)), expected.c_str(), input_error);
  }

  const fs::path missing = dir.path() / "missing_net.tntp";
  CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_tntp(missing)),
                       ("cannot open " + missing.string()).c_str(), lookup_error);
  CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_tntp(dir.path())),
                       ("cannot open " + dir.path().string() + " (it is a folder)").c_str(),
                       lookup_error);
  // Compressed input is read directly; data that is not .xz is named as such.
  const fs::path xz = dir.write("x_net.tntp.xz", "not really xz");
  CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_tntp(xz)),
                       (xz.string() + ": not an .xz file").c_str(), input_error);
}
