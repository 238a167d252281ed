// The header-only topology steps of corridor import (corridor/network/topology.hpp), each on tiny
// hand-made lines whose answers are worked out by hand in the comments, and build_topology end to
// end on a small network. No GDAL: the lines are built in memory.
//
// Most lines lie on the equator or on a meridian, where a great-circle distance is exactly the
// Earth's radius times the angle: one degree is U = 6371.0088 x pi / 180 = 111.19508 km.
#include <doctest/doctest.h>

#include <cmath>
#include <numbers>
#include <string>
#include <utility>
#include <vector>

#include "corridor/network/builder.hpp"
#include "corridor/network/topology.hpp"

using namespace corridor;

namespace {

constexpr double U = 111.1950802335329;  ///< km per degree of a great circle

import_line line(std::vector<geo::lonlat> pts, std::string name = "A") {
  import_line l;
  l.points = std::move(pts);
  l.name = std::move(name);
  l.gauge_mm = 1435;
  return l;
}

import_point point(std::string id, geo::lonlat at) {
  import_point p;
  p.id = std::move(id);
  p.name = "Port";
  p.kind = node_kind::seaport;
  p.position = at;
  return p;
}

/// Steps 1 to 3: cleaned, located, snapped, on clusters.
clustered_lines on_clusters(std::vector<import_line>& lines, double snap_m, import_report& rep) {
  lines = clean_lines(std::move(lines), rep);
  vertex_locations loc = locate_vertices(lines);
  location_clusters clusters = snap_endpoints(loc, snap_m, rep);
  return lines_on_clusters(lines, std::move(loc), std::move(clusters), rep);
}

/// Steps 1 to 6 and the numbering: the graph of `lines` (which must outlive it).
topology_graph graph_of(std::vector<import_line>& lines, import_report& rep) {
  clustered_lines nodes = on_clusters(lines, 5, rep);
  std::vector<line_piece> pieces = split_at_nodes(lines, nodes, rep);
  return number_nodes(merge_chains(std::move(pieces), nodes.position.size(), rep), nodes.position,
                      "");
}

}  // namespace

TEST_CASE("topology: polyline length is the great-circle sum") {
  CHECK(polyline_km({}) == 0);
  CHECK(polyline_km({{100, 18}}) == 0);
  // Along a meridian: 2 degrees.
  CHECK(polyline_km({{0, 0}, {0, 1}, {0, 2}}) == doctest::Approx(2 * U).epsilon(1e-12));
  const std::vector<geo::lonlat> p = {{100, 18}, {100.1, 18}, {100.1, 18.1}, {100.3, 18.2}};
  CHECK(polyline_km(p) == geo::great_circle_km(p[0], p[1]) + geo::great_circle_km(p[1], p[2]) +
                              geo::great_circle_km(p[2], p[3]));
}

TEST_CASE("topology: clean_lines drops repeats and lines of one point") {
  std::vector<import_line> in = {line({{0, 0}, {0, 0}, {0, 1}}), line({{1, 1}, {1, 1}}),
                                 line({{2, 0}, {2, 0.5}}, "B")};
  import_report rep;
  const std::vector<import_line> out = clean_lines(std::move(in), rep);
  CHECK(rep.input_lines == 3);
  CHECK(rep.input_points == 7);
  CHECK(rep.dropped_lines == 1);
  CHECK(rep.input_km == doctest::Approx(1.5 * U).epsilon(1e-12));
  REQUIRE(out.size() == 2);
  CHECK(out[0].points == std::vector<geo::lonlat>{{0, 0}, {0, 1}});
  CHECK(out[1].name == "B");
}

TEST_CASE("topology: locate_vertices numbers distinct positions in order") {
  // A and B share A's middle vertex (100.01, 18), B's middle too.
  std::vector<import_line> in = {line({{100, 18}, {100.01, 18}, {100.02, 18}}),
                                 line({{100.01, 17.99}, {100.01, 18}, {100.01, 18.01}}, "B")};
  const vertex_locations loc = locate_vertices(in);
  CHECK(loc.position.size() == 5);
  CHECK(loc.of_line == std::vector<std::vector<std::uint32_t>>{{0, 1, 2}, {3, 1, 4}});
  CHECK(loc.end_count == std::vector<std::uint32_t>{1, 0, 1, 1, 1});
  CHECK(loc.interior_count == std::vector<std::uint32_t>{0, 2, 0, 0, 0});

  SUBCASE("-180 and +180 are one location") {
    std::vector<import_line> sea = {line({{179, 0}, {180, 0}}), line({{-180, 0}, {-179, 0}})};
    const vertex_locations l = locate_vertices(sea);
    CHECK(l.position.size() == 3);
    CHECK(sea[1].points[0].lon == 180);
    CHECK(l.of_line[1][0] == 1);
    CHECK(l.end_count[1] == 2);
  }
}

TEST_CASE("topology: two lines sharing an interior vertex are split into 4 pieces") {
  std::vector<import_line> in = {line({{100, 18}, {100.01, 18}, {100.02, 18}}),
                                 line({{100.01, 17.99}, {100.01, 18}, {100.01, 18.01}}, "B")};
  import_report rep;
  clustered_lines nodes = on_clusters(in, 5, rep);
  CHECK(nodes.live == std::vector<std::size_t>{0, 1});
  CHECK(nodes.uses[1] == 2);
  const std::vector<line_piece> pieces = split_at_nodes(in, nodes, rep);
  CHECK(rep.split_points == 1);
  REQUIRE(pieces.size() == 4);
  // Along A, then along B; cluster ids are the locations (0 1 2 on A, 3 1 4 on B).
  CHECK(pieces[0].from == 0);
  CHECK(pieces[0].to == 1);
  CHECK(pieces[1].from == 1);
  CHECK(pieces[1].to == 2);
  CHECK(pieces[2].from == 3);
  CHECK(pieces[2].to == 1);
  CHECK(pieces[3].from == 1);
  CHECK(pieces[3].to == 4);
  CHECK(pieces[0].points == std::vector<geo::lonlat>{{100, 18}, {100.01, 18}});
  CHECK(pieces[3].points == std::vector<geo::lonlat>{{100.01, 18}, {100.01, 18.01}});
  CHECK(pieces[2].line == &in[1]);
  CHECK(in[0].points.empty());  // the pieces hold the geometry now
}

TEST_CASE("topology: an endpoint 3 m from a vertex snaps within 5 m and not within 2 m") {
  // On the equator, 3 m east is 0.003 / U degrees. B starts 3 m east of A's middle vertex.
  const double d = 0.003 / U;
  const auto lines = [&] {
    return std::vector<import_line>{line({{0, 0}, {0.01, 0}, {0.02, 0}}),
                                    line({{0.01 + d, 0}, {0.01 + d, 0.01}}, "B")};
  };
  SUBCASE("snap_m = 5") {
    std::vector<import_line> in = lines();
    import_report rep;
    vertex_locations loc = locate_vertices(in);
    const location_clusters c = snap_endpoints(loc, 5, rep);
    CHECK(rep.snapped_endpoints == 1);
    // B's first vertex (location 3) joins A's middle one (location 1), which stays put.
    CHECK(c.cluster[3] == 1);
    CHECK(c.position[3] == geo::lonlat{0.01, 0});
    CHECK(c.cluster[4] == 4);
    clustered_lines nodes = lines_on_clusters(in, std::move(loc), c, rep);
    CHECK(in[1].points[0] == geo::lonlat{0.01, 0});
    CHECK(split_at_nodes(in, nodes, rep).size() == 3);  // A split where B now starts
  }
  SUBCASE("snap_m = 2") {
    std::vector<import_line> in = lines();
    import_report rep;
    clustered_lines nodes = on_clusters(in, 2, rep);
    CHECK(rep.snapped_endpoints == 0);
    CHECK(in[1].points[0].lon == doctest::Approx(0.01 + d).epsilon(1e-15));
    CHECK(split_at_nodes(in, nodes, rep).size() == 2);
  }
}

TEST_CASE("topology: two segments crossing in an X are split at the crossing on request") {
  // A along the equator, B along the meridian 0.01 E: they cross at (0.01, 0) with no vertex.
  const auto lines = [] {
    return std::vector<import_line>{line({{0, 0}, {0.02, 0}}),
                                    line({{0.01, -0.01}, {0.01, 0.01}}, "B")};
  };
  SUBCASE("without split_crossings: 2 pieces") {
    std::vector<import_line> in = lines();
    import_report rep;
    clustered_lines nodes = on_clusters(in, 5, rep);
    CHECK(split_at_nodes(in, nodes, rep).size() == 2);
  }
  SUBCASE("with split_crossings: 4 pieces meeting at the crossing") {
    std::vector<import_line> in = lines();
    import_report rep;
    clustered_lines nodes = on_clusters(in, 5, rep);
    CHECK(nodes.located == 4);
    split_crossings(in, nodes, rep);
    CHECK(rep.crossings_split == 1);
    REQUIRE(nodes.position.size() == 5);  // the crossing: cluster 4
    CHECK(nodes.position[4].lon == doctest::Approx(0.01).epsilon(1e-12));
    CHECK(nodes.position[4].lat == doctest::Approx(0).scale(1));
    CHECK(nodes.of_line[0] == std::vector<std::uint32_t>{0, 4, 1});
    CHECK(nodes.of_line[1] == std::vector<std::uint32_t>{2, 4, 3});
    const std::vector<line_piece> pieces = split_at_nodes(in, nodes, rep);
    CHECK(rep.split_points == 0);  // crossings are counted apart
    REQUIRE(pieces.size() == 4);
    for (const line_piece& p : pieces) CHECK(polyline_km(p.points) == doctest::Approx(0.01 * U));
  }
  SUBCASE("not where a line is on a bridge") {
    std::vector<import_line> in = lines();
    in[1].level_separated = true;
    import_report rep;
    clustered_lines nodes = on_clusters(in, 5, rep);
    split_crossings(in, nodes, rep);
    CHECK(rep.crossings_split == 0);
    CHECK(split_at_nodes(in, nodes, rep).size() == 2);
  }
}

TEST_CASE("topology: a degree-2 chain of equal attributes merges into one link") {
  SUBCASE("equal names: one link of 3 points") {
    std::vector<import_line> in = {line({{0, 0}, {0.01, 0}}), line({{0.01, 0}, {0.02, 0}})};
    import_report rep;
    clustered_lines nodes = on_clusters(in, 5, rep);
    std::vector<line_piece> pieces = split_at_nodes(in, nodes, rep);
    REQUIRE(pieces.size() == 2);
    const std::vector<line_piece> links = merge_chains(std::move(pieces), 3, rep);
    CHECK(rep.merged_nodes == 1);
    REQUIRE(links.size() == 1);
    CHECK(links[0].from == 0);
    CHECK(links[0].to == 2);
    CHECK(links[0].points == std::vector<geo::lonlat>{{0, 0}, {0.01, 0}, {0.02, 0}});
  }
  SUBCASE("different names: two links") {
    std::vector<import_line> in = {line({{0, 0}, {0.01, 0}}, "A"),
                                   line({{0.01, 0}, {0.02, 0}}, "B")};
    import_report rep;
    clustered_lines nodes = on_clusters(in, 5, rep);
    const std::vector<line_piece> links =
        merge_chains(split_at_nodes(in, nodes, rep), nodes.position.size(), rep);
    CHECK(rep.merged_nodes == 0);
    CHECK(links.size() == 2);
  }
  SUBCASE("a different speed: two links") {
    std::vector<import_line> in = {line({{0, 0}, {0.01, 0}}), line({{0.01, 0}, {0.02, 0}})};
    in[1].speed_kmh = 80;
    import_report rep;
    clustered_lines nodes = on_clusters(in, 5, rep);
    CHECK(merge_chains(split_at_nodes(in, nodes, rep), nodes.position.size(), rep).size() == 2);
  }
  SUBCASE("a ring with no other node is dropped") {
    std::vector<import_line> in = {line({{0, 0}, {0.01, 0}, {0.01, 0.01}, {0, 0}})};
    import_report rep;
    clustered_lines nodes = on_clusters(in, 5, rep);
    CHECK(merge_chains(split_at_nodes(in, nodes, rep), nodes.position.size(), rep).empty());
    CHECK(rep.dropped_loops == 1);
  }
}

TEST_CASE("topology: number_nodes numbers nodes in order of first use") {
  // Pieces B (20 -> 10) then A (10 -> 30) over clusters 0..30.
  std::vector<geo::lonlat> where(31);
  where[10] = {1, 0};
  where[20] = {2, 0};
  where[30] = {3, 0};
  const import_line a = line({}), b = line({});
  std::vector<line_piece> links = {{20, 10, {}, &b}, {10, 30, {}, &a}};
  const topology_graph g = number_nodes(std::move(links), where, "x_");
  REQUIRE(g.node_count() == 3);
  CHECK(g.position[0] == geo::lonlat{2, 0});
  CHECK(g.position[1] == geo::lonlat{1, 0});
  CHECK(g.position[2] == geo::lonlat{3, 0});
  CHECK(g.links[0].from == 0);
  CHECK(g.links[0].to == 1);
  CHECK(g.links[1].to == 2);
  CHECK(g.degree == std::vector<std::uint32_t>{1, 2, 1});
  CHECK(g.link_at == std::vector<std::uint32_t>{0, 1, 1});
  CHECK(g.component.find(2) == 0);
  CHECK(g.node_id(1) == "x_n2");
}

TEST_CASE("topology: a gap of 10 km closes within 20 km and not within 5 km") {
  // A from (0, 0) to (0.1, 0); B starts 10 km east of A's end.
  const double gap = 10 / U;
  const auto lines = [&] {
    return std::vector<import_line>{line({{0, 0}, {0.1, 0}}),
                                    line({{0.1 + gap, 0}, {0.2 + gap, 0}})};
  };
  SUBCASE("close_gaps_km = 20") {
    std::vector<import_line> in = lines();
    import_report rep;
    topology_graph g = graph_of(in, rep);
    REQUIRE(g.links.size() == 2);
    close_gaps(g, 20, rep);
    REQUIRE(rep.gaps_closed.size() == 1);
    CHECK(rep.gaps_closed[0].from == "n2");
    CHECK(rep.gaps_closed[0].to == "n3");
    CHECK(rep.gaps_closed[0].km == doctest::Approx(10).epsilon(1e-9));
    CHECK(rep.gaps_closed[0].name == "A");
    REQUIRE(g.links.size() == 3);
    CHECK(g.links[2].inferred);
    CHECK(g.links[2].from == 1);
    CHECK(g.links[2].to == 2);
    CHECK(g.degree == std::vector<std::uint32_t>{1, 2, 2, 1});
    CHECK(g.component.find(3) == 0);
  }
  SUBCASE("close_gaps_km = 5") {
    std::vector<import_line> in = lines();
    import_report rep;
    topology_graph g = graph_of(in, rep);
    close_gaps(g, 5, rep);
    CHECK(rep.gaps_closed.empty());
    CHECK(g.links.size() == 2);
    CHECK(g.component.find(3) == 2);
  }
}

TEST_CASE("topology: drop_small_components drops components shorter than the minimum") {
  // A: 0.1 degree (11.1 km); Short: 0.001 degree (0.111 km).
  std::vector<import_line> in = {line({{0, 0}, {0.1, 0}}), line({{1, 0}, {1.001, 0}}, "Short")};
  import_report rep;
  topology_graph g = graph_of(in, rep);
  drop_small_components(g, 1, rep);
  CHECK(rep.dropped_components == 1);
  CHECK(rep.dropped_component_km == doctest::Approx(0.001 * U).epsilon(1e-9));
  CHECK(g.kept == std::vector<std::uint8_t>{1, 1, 0, 0});
}

TEST_CASE("topology: a point 30 km from a node connects within 50 km and not within 20 km") {
  // One link (0, 0) - (0.1, 0); the point 30 km north of (0, 0), 31.9 km from (0.1, 0).
  const std::vector<import_point> points = {point("p", {0, 30 / U})};
  SUBCASE("points_snap_km = 50") {
    std::vector<import_line> in = {line({{0, 0}, {0.1, 0}})};
    import_report rep;
    const topology_graph g = graph_of(in, rep);
    const std::vector<point_connector> c = connect_points(g, points, 50, rep);
    REQUIRE(c.size() == 1);
    CHECK(c[0].point == 0);
    CHECK(c[0].node == 0);
    CHECK(c[0].km == doctest::Approx(30).epsilon(1e-9));
    REQUIRE(rep.points_connected.size() == 1);
    CHECK(rep.points_connected[0].node == "n1");
    CHECK(rep.points_unconnected.empty());
  }
  SUBCASE("points_snap_km = 20") {
    std::vector<import_line> in = {line({{0, 0}, {0.1, 0}})};
    import_report rep;
    const topology_graph g = graph_of(in, rep);
    CHECK(connect_points(g, points, 20, rep).empty());
    CHECK(rep.points_connected.empty());
    REQUIRE(rep.points_unconnected.size() == 1);
    CHECK(rep.points_unconnected[0].point == "p");
    CHECK(rep.points_unconnected[0].node.empty());
    CHECK(rep.points_unconnected[0].km == doctest::Approx(30).epsilon(1e-9));
  }
}

TEST_CASE("topology: build_topology end to end on a small network") {
  // Main (0,0)-(0.1,0)-(0.2,0) and (0.2,0)-(0.3,0): merged across (0.2,0), split at (0.1,0) where
  // Branch (0.1,0)-(0.1,0.1) leaves it. Spur (0.5,0)-(0.65,0): 0.2 degree (22.2 km) from Main's
  // end, a gap closed within 30 km (the other ends are 38.9 km or more apart). Tiny
  // (2,0)-(2.001,0): 0.111 km, dropped below 1 km. A line of one repeated point is dropped. The
  // port 0.1 degree (11.1 km) north of Spur's end connects to it. Nodes in order of first use: n1
  // (0,0), n2 (0.1,0), n3 (0.3,0), n4 (0.1,0.1), n5 (0.5,0), n6 (0.65,0), n7 and n8 (Tiny's,
  // dropped). Links: l1 n1-n2 Main 0.1, l2 n2-n3 Main 0.2, l3 n2-n4 Branch 0.1, l4 n5-n6 Spur 0.15,
  // (l5 Tiny, dropped), l6 n3-n5 the gap 0.2 (appended after the merged links), c1 port-n6 0.1
  // (degrees x U km).
  std::vector<import_line> in = {line({{0, 0}, {0.1, 0}, {0.2, 0}}, "Main"),
                                 line({{0.2, 0}, {0.3, 0}}, "Main"),
                                 line({{0.1, 0}, {0.1, 0.1}}, "Branch"),
                                 line({{0.5, 0}, {0.65, 0}}, "Spur"),
                                 line({{1, 1}, {1, 1}}, "Point"),
                                 line({{2, 0}, {2.001, 0}}, "Tiny")};
  const std::vector<import_point> points = {point("port", {0.65, 0.1})};
  import_options o;
  o.close_gaps_km = 30;
  o.min_component_km = 1;
  const topology t = build_topology(std::move(in), o, points);
  const import_report& r = t.report;
  const auto km = [](double degrees) { return doctest::Approx(degrees * U).epsilon(1e-9); };

  CHECK(r.input_lines == 6);
  CHECK(r.input_points == 13);
  CHECK(r.input_km == km(0.2 + 0.1 + 0.1 + 0.15 + 0.001));
  CHECK(r.dropped_lines == 1);
  CHECK(r.snapped_endpoints == 0);
  CHECK(r.split_points == 0);  // (0.1,0) is a node as Branch's end
  CHECK(r.merged_nodes == 1);
  CHECK(r.dropped_loops == 0);
  CHECK(r.dropped_components == 1);
  CHECK(r.dropped_component_km == km(0.001));
  REQUIRE(r.gaps_closed.size() == 1);
  CHECK(r.gaps_closed[0].from == "n3");
  CHECK(r.gaps_closed[0].to == "n5");
  CHECK(r.gaps_closed[0].km == km(0.2));
  CHECK(r.gaps_closed[0].name.empty());  // Main meets Spur
  CHECK(r.nodes == 7);
  CHECK(r.links == 6);
  CHECK(r.output_km == km(0.1 + 0.2 + 0.1 + 0.15 + 0.2 + 0.1));
  CHECK(r.dangling_ends == 3);  // n1, n4, n6
  REQUIRE(r.points_connected.size() == 1);
  CHECK(r.points_connected[0].node == "n6");
  CHECK(r.points_connected[0].km == km(0.1));
  REQUIRE(r.components.size() == 1);
  CHECK(r.components[0].links == 5);
  CHECK(r.components[0].km == km(0.75));
  CHECK(r.components[0].min_lon == 0);
  CHECK(r.components[0].max_lon == 0.65);
  CHECK(r.components[0].min_lat == 0);
  CHECK(r.components[0].max_lat == 0.1);
  // Main 0.3 + the gap (Main's attributes) 0.2, Spur 0.15, Branch 0.1.
  CHECK(r.components[0].names == std::vector<std::string>{"Main", "Spur", "Branch"});
  CHECK(r.largest_open_gaps.empty());

  REQUIRE(t.places.size() == 7);
  CHECK(t.places[0].id == "port");
  CHECK(t.places[0].kind == node_kind::seaport);
  const std::vector<std::string> place_ids = {"port", "n1", "n2", "n3", "n4", "n5", "n6"};
  for (std::size_t i = 0; i < place_ids.size(); ++i) CHECK(t.places[i].id == place_ids[i]);
  CHECK(*t.places[2].position == geo::lonlat{0.1, 0});
  REQUIRE(t.links.size() == 6);
  const std::vector<std::string> ids = {"l1", "l2", "l3", "l4", "l6", "c1"};
  const std::vector<std::pair<std::string, std::string>> ends = {
      {"n1", "n2"}, {"n2", "n3"}, {"n2", "n4"}, {"n5", "n6"}, {"n3", "n5"}, {"port", "n6"}};
  const std::vector<double> degrees = {0.1, 0.2, 0.1, 0.15, 0.2, 0.1};
  for (std::size_t i = 0; i < ids.size(); ++i) {
    CAPTURE(i);
    CHECK(t.links[i].id == ids[i]);
    CHECK(t.links[i].from == ends[i].first);
    CHECK(t.links[i].to == ends[i].second);
    CHECK(t.links[i].length_km == km(degrees[i]));
    CHECK(t.links[i].mode == mode::rail);
    CHECK(t.links[i].gauge_mm == 1435);
  }
  CHECK(t.links[1].geometry == std::vector<geo::lonlat>{{0.1, 0}, {0.2, 0}, {0.3, 0}});
  CHECK(t.links[0].confidence == "imported");
  CHECK(t.links[4].confidence == "inferred");
  CHECK(t.links[4].name == "Main");
  CHECK(t.links[4].origin == "gap closed between n3 and n5");
  CHECK(t.links[5].name == "connector Port");
  CHECK(t.links[5].confidence == "inferred");

  // The records build.
  network_builder b;
  for (const place_record& p : t.places) b.add_place(p);
  for (const link_record& l : t.links) b.add_link(l);
  const built_network net = std::move(b).build();
  CHECK(net.place_count() == 7);
}
