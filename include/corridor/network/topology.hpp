// Routable networks from raw lines (OpenStreetMap extracts, national railway layers, sea lanes),
// header-only: endpoints snapped, lines split where they share vertices (and, on request, where
// they cross), degree-2 chains merged, dangling ends joined across gaps on request, points of
// interest connected, with a report of what was done. Each step is a function of its own, testable
// on hand-made lines; build_topology runs them in order. corridor::gis::read_lines reads the lines
// from OGR sources and `corridor import` runs it.
//
//   std::vector<corridor::import_line> lines(2);
//   lines[0].points = {{100, 18}, {100.1, 18}};
//   lines[1].points = {{100.1, 18}, {100.2, 18}};
//   corridor::import_options o;  o.close_gaps_km = 20;
//   corridor::topology t = corridor::build_topology(std::move(lines), o);
//   // t.places, t.links: records for network_builder (here n1, n2 and one link l1);
//   // t.report: components, gaps closed, ...
//
// Steps (each documented below): clean_lines, locate_vertices, snap_endpoints,
// lines_on_clusters, split_crossings (optional), split_at_nodes, merge_chains, number_nodes,
// close_gaps, drop_small_components, connect_points, make_records, component_statistics,
// largest_first, largest_open_gaps. Positions are WGS84 lon/lat degrees; distances great-circle.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <map>
#include <numbers>
#include <numeric>
#include <optional>
#include <span>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "corridor/geo.hpp"
#include "corridor/network/builder.hpp"
#include "corridor/network/columns.hpp"
#include "corridor/network/modes.hpp"

namespace corridor {

/// One input line with the attributes the import keeps.
struct import_line {
  std::vector<geo::lonlat> points;  ///< WGS84
  corridor::mode mode = corridor::mode::rail;
  std::string name;
  std::uint16_t gauge_mm = 0;
  double speed_kmh = not_given;
  link_status status = link_status::operational;
  std::optional<bool> electrified;  ///< empty: unknown
  std::string corridor;    ///< a named corridor or passage (marnet's `pass`: malacca, suez, ...)
  std::string confidence;  ///< as read (a `confidence` field), e.g. "inferred" on re-import
  /// On a bridge, in a tunnel or on another level (fields bridge/tunnel not "no", layer not 0):
  /// never split where it crosses other lines.
  bool level_separated = false;
  std::string origin;  ///< "file feature N", for messages and the report
};

/// A point of interest to connect to the network (a port, a station, a border crossing, a park).
struct import_point {
  std::string id, name;
  node_kind kind = node_kind::seaport;
  geo::lonlat position;
  std::string origin;
  bool existing = false;  ///< a place of a network merged in: only its connector is added
};

struct import_options {
  double snap_m = 5;            ///< endpoints within this distance of a vertex are joined to it
  double close_gaps_km = 0;     ///< join dangling ends of different components within this; 0: off
  std::string id_prefix;        ///< prefix of generated node and link ids ("" -> "n" / "l")
  double points_snap_km = 50;   ///< a point farther than this from every node stays unconnected
  double min_component_km = 0;  ///< drop components shorter than this (after gap closing)
  /// Also split lines where they cross without a shared vertex (not lines on other levels).
  bool split_crossings = false;
};

struct point_connection {
  std::string point, node;  ///< ids; node empty when unconnected
  double km = 0;            ///< to the nearest node (connected or not)
};

struct gap_closed {
  std::string from, to;  ///< node ids
  double km = 0;
  std::string name;  ///< the line name at the joined ends (when they agree)
};

struct component_info {
  std::size_t links = 0;
  double km = 0;
  double min_lon = 0, min_lat = 0, max_lon = 0, max_lat = 0;
  std::vector<std::string> names;  ///< line names in it, most kilometres first (at most 5)
};

struct dangling_gap {
  std::string from, to;  ///< two dangling ends of different components
  double km = 0;
};

struct import_report {
  std::size_t input_lines = 0, input_points = 0;
  double input_km = 0;                 ///< length of the input lines
  std::size_t dropped_lines = 0;       ///< fewer than two distinct points
  std::size_t snapped_endpoints = 0;   ///< endpoints moved onto another vertex
  std::size_t split_points = 0;        ///< interior vertices shared by several lines (now nodes)
  std::size_t crossings_split = 0;     ///< crossings without a shared vertex made nodes
  std::size_t merged_nodes = 0;        ///< degree-2 nodes removed by merging chains
  std::size_t dropped_loops = 0;       ///< links from a node back to itself with no other node
  std::size_t dropped_components = 0;  ///< shorter than min_component_km
  double dropped_component_km = 0;
  std::size_t nodes = 0, links = 0;
  double output_km = 0;           ///< length of the links (input pieces plus gaps closed)
  std::size_t dangling_ends = 0;  ///< degree-1 nodes after gap closing
  std::vector<gap_closed> gaps_closed;
  std::vector<component_info> components;       ///< largest (km) first
  std::vector<dangling_gap> largest_open_gaps;  ///< the shortest joins still missing, by size
  std::vector<point_connection> points_connected, points_unconnected;
};

/// What build_topology returns: records for network_builder, and what was done.
struct topology {
  std::vector<place_record> places;  ///< the points' places (not `existing` ones), then the nodes
  std::vector<link_record> links;    ///< the links (pieces and gaps closed), then the connectors
  import_report report;
};

/// Length in km of the polyline through `pts`: the sum of the great-circle distances between
/// consecutive points; 0 for fewer than two points. O(points).
[[nodiscard]] inline double polyline_km(const std::vector<geo::lonlat>& pts) noexcept {
  double km = 0;
  for (std::size_t i = 1; i < pts.size(); ++i) km += geo::great_circle_km(pts[i - 1], pts[i]);
  return km;
}

namespace topology_detail {

/// Disjoint sets of 0..n-1; a set's representative is its least member. find() halves paths (the
/// parents are mutable: a const find is not safe to call from several threads at once).
struct union_find {
  mutable std::vector<std::uint32_t> parent;
  explicit union_find(std::size_t n = 0) : parent(n) {
    std::iota(parent.begin(), parent.end(), std::uint32_t{0});
  }
  std::uint32_t find(std::uint32_t v) const {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  }
  /// Joins the sets of a and b; false when they were one already.
  bool unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    parent[std::max(a, b)] = std::min(a, b);
    return true;
  }
};

/// The key of a grid cell (x, y): both 32-bit halves of one 64-bit word.
[[nodiscard]] inline std::uint64_t cell_key(std::int64_t x, std::int64_t y) noexcept {
  return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(x)) << 32) |
         static_cast<std::uint32_t>(y);
}

/// Positions hashed on a grid of `cell_km` cells (an equirectangular projection at each point's
/// latitude: good enough to find candidates, whose distances are then measured exactly). Add every
/// position, call finish() once (a sort), then query: no allocation per cell.
class grid {
 public:
  explicit grid(double cell_km) : cell_km_(cell_km) {}
  void add(geo::lonlat p, std::uint32_t id) { entries_.push_back({cell_key(cx(p), cy(p)), id}); }
  void finish() {
    std::sort(entries_.begin(), entries_.end());
    ranges_.reserve(entries_.size());
    for (std::uint32_t i = 0; i < entries_.size();) {
      std::uint32_t j = i;
      while (j < entries_.size() && entries_[j].first == entries_[i].first) ++j;
      ranges_.emplace(entries_[i].first, std::pair{i, j});
      i = j;
    }
  }
  /// Calls f(id) for the ids in the 3 x 3 cells around p.
  template <class F>
  void near(geo::lonlat p, F&& f) const {
    const std::int64_t x = cx(p), y = cy(p);
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto it = ranges_.find(cell_key(x + dx, y + dy));
        if (it == ranges_.end()) continue;
        for (std::uint32_t k = it->second.first; k < it->second.second; ++k) {
          f(entries_[k].second);
        }
      }
    }
  }

 private:
  [[nodiscard]] std::int64_t cx(geo::lonlat p) const {
    return static_cast<std::int64_t>(
        std::floor(p.lon * 111.32 * std::cos(p.lat * std::numbers::pi / 180) / cell_km_));
  }
  [[nodiscard]] std::int64_t cy(geo::lonlat p) const {
    return static_cast<std::int64_t>(std::floor(p.lat * 110.574 / cell_km_));
  }
  double cell_km_;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries_;
  std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>> ranges_;
};

/// A position as a hashable key: the bit patterns of its lon and lat (the same doubles, bit for
/// bit, are the same position; 0.0 and -0.0 are not).
using position_key = std::pair<std::uint64_t, std::uint64_t>;

[[nodiscard]] inline position_key key_of(geo::lonlat p) noexcept {
  std::uint64_t a = 0, b = 0;
  std::memcpy(&a, &p.lon, sizeof a);
  std::memcpy(&b, &p.lat, sizeof b);
  return {a, b};
}

struct position_hash {
  std::size_t operator()(const position_key& p) const noexcept {
    return std::hash<std::uint64_t>()(p.first * 0x9E3779B97F4A7C15ULL ^ p.second);
  }
};

/// True when two lines may be merged into one link: mode, name, gauge, speed (NaN equal to NaN),
/// status, corridor, confidence and electrification all equal.
[[nodiscard]] inline bool same_attributes(const import_line& a, const import_line& b) {
  const bool speed_same =
      (std::isnan(a.speed_kmh) && std::isnan(b.speed_kmh)) || a.speed_kmh == b.speed_kmh;
  return a.mode == b.mode && a.name == b.name && a.gauge_mm == b.gauge_mm && speed_same &&
         a.status == b.status && a.corridor == b.corridor && a.confidence == b.confidence &&
         a.electrified == b.electrified;
}

}  // namespace topology_detail

// ---- 1. Clean lines --------------------------------------------------------------------------

/// Step 1: consecutive repeated points removed; lines left with fewer than two points dropped.
/// Fills report.input_lines, input_points, input_km (before cleaning) and dropped_lines. Returns
/// the lines kept, in input order. O(points).
[[nodiscard]] inline std::vector<import_line> clean_lines(std::vector<import_line> lines,
                                                          import_report& report) {
  report.input_lines = lines.size();
  std::vector<import_line> clean;
  clean.reserve(lines.size());
  for (import_line& l : lines) {
    report.input_points += l.points.size();
    report.input_km += polyline_km(l.points);
    l.points.erase(std::unique(l.points.begin(), l.points.end()), l.points.end());
    if (l.points.size() < 2) {
      ++report.dropped_lines;
      continue;
    }
    clean.push_back(std::move(l));
  }
  return clean;
}

// ---- 2. Locations ----------------------------------------------------------------------------

/// The distinct positions ("locations") of the lines' vertices, and how the lines use them.
struct vertex_locations {
  std::vector<geo::lonlat> position;                ///< per location
  std::vector<std::uint32_t> end_count;             ///< per location: line ends there
  std::vector<std::uint32_t> interior_count;        ///< per location: interior vertices there
  std::vector<std::vector<std::uint32_t>> of_line;  ///< per line, per vertex: its location
};

/// Step 2: one location per distinct position of the vertices of `lines` (bit for bit equal lon
/// and lat), numbered in order of first appearance, line by line and vertex by vertex. Longitude
/// -180 is first rewritten to +180 in `lines`, so ends on both sides of the antimeridian are one
/// location. Expected O(vertices) (hashing).
[[nodiscard]] inline vertex_locations locate_vertices(std::vector<import_line>& lines) {
  vertex_locations out;
  std::unordered_map<topology_detail::position_key, std::uint32_t, topology_detail::position_hash>
      index;
  {
    std::size_t vertices = 0;
    for (const import_line& l : lines) vertices += l.points.size();
    index.reserve(vertices);
  }
  out.of_line.resize(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    auto& pts = lines[i].points;
    out.of_line[i].reserve(pts.size());
    for (std::size_t k = 0; k < pts.size(); ++k) {
      if (pts[k].lon == -180) pts[k].lon = 180;  // one node on the antimeridian
      const auto [it, added] = index.try_emplace(topology_detail::key_of(pts[k]),
                                                 static_cast<std::uint32_t>(out.position.size()));
      if (added) {
        out.position.push_back(pts[k]);
        out.end_count.push_back(0);
        out.interior_count.push_back(0);
      }
      out.of_line[i].push_back(it->second);
      const bool end = k == 0 || k + 1 == pts.size();
      ++(end ? out.end_count : out.interior_count)[it->second];
    }
  }
  return out;
}

// ---- 3. Snapping -----------------------------------------------------------------------------

/// Locations joined into clusters by snapping.
struct location_clusters {
  std::vector<std::uint32_t> cluster;  ///< per location: its cluster, named by its least location
  std::vector<geo::lonlat> position;   ///< per location: the position of its cluster
};

/// Step 3: every location where a line ends (end_count > 0) is joined with each location within
/// `snap_m` metres (great-circle), transitively, into clusters; snap_m <= 0: every location is a
/// cluster of its own. A cluster sits at its location with the most interior uses, then the most
/// uses, then the least index (so a vertex inside a line stays put and ends move onto it).
/// report.snapped_endpoints counts the line-end locations of clusters of several locations that
/// are moved. Precondition: `loc` from locate_vertices. Expected O(locations x candidates), the
/// candidates hashed on a grid of snap_m cells.
[[nodiscard]] inline location_clusters snap_endpoints(const vertex_locations& loc, double snap_m,
                                                      import_report& report) {
  const auto n_loc = static_cast<std::uint32_t>(loc.position.size());
  const auto& pos = loc.position;
  topology_detail::union_find clusters(n_loc);
  if (snap_m > 0) {
    topology_detail::grid g(snap_m / 1000.0);
    for (std::uint32_t v = 0; v < n_loc; ++v) g.add(pos[v], v);
    g.finish();
    for (std::uint32_t v = 0; v < n_loc; ++v) {
      if (loc.end_count[v] == 0) continue;
      g.near(pos[v], [&](std::uint32_t w) {
        if (w != v && geo::great_circle_km(pos[v], pos[w]) * 1000.0 <= snap_m) {
          clusters.unite(v, w);
        }
      });
    }
  }
  std::vector<std::uint32_t> best(n_loc, no_index), size(n_loc, 0);
  const auto rank = [&](std::uint32_t x) {
    return std::pair{loc.interior_count[x], loc.end_count[x] + loc.interior_count[x]};
  };
  for (std::uint32_t v = 0; v < n_loc; ++v) {
    const std::uint32_t r = clusters.find(v);
    ++size[r];
    if (best[r] == no_index || rank(v) > rank(best[r])) best[r] = v;
  }
  location_clusters out;
  out.cluster.resize(n_loc);
  out.position.resize(n_loc);
  for (std::uint32_t v = 0; v < n_loc; ++v) {
    const std::uint32_t r = clusters.find(v);
    if (size[r] > 1 && loc.end_count[v] > 0 && best[r] != v) ++report.snapped_endpoints;
    out.cluster[v] = r;
    out.position[v] = pos[best[r]];
  }
  return out;
}

/// Lines as sequences of clusters: the state from lines_on_clusters to split_at_nodes. Cluster
/// ids are location indices, and after split_crossings also the crossing points (from `located`).
struct clustered_lines {
  std::vector<geo::lonlat> position;                ///< per cluster id: its position
  std::vector<std::uint32_t> ends;                  ///< per cluster id: line ends there
  std::vector<std::uint32_t> uses;                  ///< per cluster id: line vertices there
  std::vector<std::vector<std::uint32_t>> of_line;  ///< per line: its clusters, in order
  std::vector<std::size_t> live;                    ///< lines of two clusters or more, ascending
  std::uint32_t located = 0;                        ///< the number of locations
};

/// Step 3 (end): each line's vertices replaced by their clusters (and positions), consecutive
/// repeats removed; a line left with fewer than two is dropped (report.dropped_lines; it stays in
/// `lines` but is not live). Counts the line ends and line vertices at each cluster.
/// Preconditions: `loc` from locate_vertices(lines), `clusters` from snap_endpoints(loc).
/// O(vertices).
[[nodiscard]] inline clustered_lines lines_on_clusters(std::vector<import_line>& lines,
                                                       vertex_locations loc,
                                                       location_clusters clusters,
                                                       import_report& report) {
  clustered_lines out;
  out.located = static_cast<std::uint32_t>(loc.position.size());
  out.ends.assign(out.located, 0);
  out.uses.assign(out.located, 0);
  out.of_line = std::move(loc.of_line);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::vector<std::uint32_t> cs;
    std::vector<geo::lonlat> pts;
    for (const std::uint32_t v : out.of_line[i]) {
      const std::uint32_t r = clusters.cluster[v];
      if (!cs.empty() && cs.back() == r) continue;
      cs.push_back(r);
      pts.push_back(clusters.position[v]);
    }
    out.of_line[i] = std::move(cs);
    lines[i].points = std::move(pts);
    if (out.of_line[i].size() < 2) {
      ++report.dropped_lines;
      continue;
    }
    out.live.push_back(i);
    ++out.ends[out.of_line[i].front()];
    ++out.ends[out.of_line[i].back()];
    for (const std::uint32_t r : out.of_line[i]) ++out.uses[r];
  }
  out.position = std::move(clusters.position);
  return out;
}

// ---- 3b. Crossings ---------------------------------------------------------------------------

namespace topology_detail {

/// Segment k (points k, k + 1) of lines[line].
struct segment {
  std::uint32_t line, k;
};

/// A crossing point to insert into segment k of lines[line], at fraction t along it.
struct cut {
  std::uint32_t line, k;
  double t;
  geo::lonlat at;
};

/// km east and north in an equirectangular plane with its scale at latitude lat0.
[[nodiscard]] inline std::pair<double, double> plane_xy(geo::lonlat p, double lat0) {
  return std::pair{p.lon * 111.32 * std::cos(lat0 * std::numbers::pi / 180), p.lat * 110.574};
}

/// The cells (x0, y0, x1, y1) of side `cell` km that a segment a-b covers (plane at latitude 0).
[[nodiscard]] inline std::array<std::int64_t, 4> segment_span(geo::lonlat a, geo::lonlat b,
                                                              double cell) {
  const auto [ax, ay] = plane_xy(a, 0);
  const auto [bx, by] = plane_xy(b, 0);
  return std::array<std::int64_t, 4>{
      static_cast<std::int64_t>(std::floor(std::min(ax, bx) / cell)),
      static_cast<std::int64_t>(std::floor(std::min(ay, by) / cell)),
      static_cast<std::int64_t>(std::floor(std::max(ax, bx) / cell)),
      static_cast<std::int64_t>(std::floor(std::max(ay, by) / cell))};
}

/// The segments of live lines that are not level-separated, and a cell size: their mean length
/// in km, at least 0.5 (1 when there are none).
[[nodiscard]] inline std::pair<std::vector<segment>, double> crossing_segments(
    const std::vector<import_line>& lines, const std::vector<std::size_t>& live) {
  std::vector<segment> segs;
  double total_km = 0;
  for (const std::size_t i : live) {
    if (lines[i].level_separated) continue;
    for (std::uint32_t k = 0; k + 1 < lines[i].points.size(); ++k) {
      segs.push_back({static_cast<std::uint32_t>(i), k});
      total_km += geo::great_circle_km(lines[i].points[k], lines[i].points[k + 1]);
    }
  }
  const double cell =
      std::max(0.5, segs.empty() ? 1.0 : total_km / static_cast<double>(segs.size()));
  return {std::move(segs), cell};
}

/// The proper crossing of segments s1 and s2 (not at an end of either) in a plane at their mean
/// latitude, as the fractions (t along s1, u along s2); empty when they do not cross or are
/// parallel.
[[nodiscard]] inline std::optional<std::pair<double, double>> crossing(
    const std::vector<import_line>& lines, segment s1, segment s2) {
  const geo::lonlat a = lines[s1.line].points[s1.k], b = lines[s1.line].points[s1.k + 1];
  const geo::lonlat c = lines[s2.line].points[s2.k], d = lines[s2.line].points[s2.k + 1];
  const double lat0 = (a.lat + b.lat + c.lat + d.lat) / 4;
  const auto [ax, ay] = plane_xy(a, lat0);
  const auto [bx, by] = plane_xy(b, lat0);
  const auto [cx, cy] = plane_xy(c, lat0);
  const auto [dx, dy] = plane_xy(d, lat0);
  const double den = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx);
  if (den == 0) return std::nullopt;  // parallel
  const double t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / den;
  const double u = ((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / den;
  constexpr double eps = 1e-9;
  if (!(t > eps && t < 1 - eps && u > eps && u < 1 - eps)) return std::nullopt;
  return std::pair{t, u};
}

/// The crossings of `segs` (two cuts each, one per segment), testing the pairs that share a cell
/// of side `cell` km, each pair once (in the lowest cell both cover); a segment covering more than
/// 4096 cells is skipped, adjacent segments of one line are not tested. Counts
/// report.crossings_split.
[[nodiscard]] inline std::vector<cut> find_cuts(const std::vector<import_line>& lines,
                                                const std::vector<segment>& segs, double cell,
                                                import_report& report) {
  const auto span = [&](const segment& sg) {
    return segment_span(lines[sg.line].points[sg.k], lines[sg.line].points[sg.k + 1], cell);
  };
  std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> cells;
  for (std::uint32_t si = 0; si < segs.size(); ++si) {
    const auto b = span(segs[si]);
    if ((b[2] - b[0] + 1) * (b[3] - b[1] + 1) > 4096) continue;  // a very long segment: skip
    for (std::int64_t x = b[0]; x <= b[2]; ++x) {
      for (std::int64_t y = b[1]; y <= b[3]; ++y) cells[cell_key(x, y)].push_back(si);
    }
  }
  std::vector<cut> cuts;
  for (const auto& [key, ids] : cells) {
    for (std::size_t p = 0; p < ids.size(); ++p) {
      for (std::size_t q = p + 1; q < ids.size(); ++q) {
        const segment &s1 = segs[ids[p]], &s2 = segs[ids[q]];
        if (s1.line == s2.line && s1.k + 1 >= s2.k && s2.k + 1 >= s1.k) continue;  // adjacent
        const auto tu = crossing(lines, s1, s2);
        if (!tu) continue;
        const auto b1 = span(s1), b2 = span(s2);
        if (key != cell_key(std::max(b1[0], b2[0]), std::max(b1[1], b2[1]))) continue;
        const geo::lonlat a = lines[s1.line].points[s1.k], b = lines[s1.line].points[s1.k + 1];
        const double t = tu->first;
        const geo::lonlat at{a.lon + t * (b.lon - a.lon), a.lat + t * (b.lat - a.lat)};
        cuts.push_back({s1.line, s1.k, t, at});
        cuts.push_back({s2.line, s2.k, tu->second, at});
        ++report.crossings_split;
      }
    }
  }
  return cuts;
}

/// Inserts the crossing points (one new cluster per distinct point) into the lines, per line from
/// the last segment back so that earlier indices stay valid; within a segment, the farthest first.
inline void insert_cuts(std::vector<cut> cuts, std::vector<import_line>& lines,
                        clustered_lines& nodes) {
  std::sort(cuts.begin(), cuts.end(), [](const cut& x, const cut& y) {
    return std::tie(x.line, y.k, y.t) < std::tie(y.line, x.k, x.t);
  });
  std::map<position_key, std::uint32_t> new_loc;
  for (const cut& c : cuts) {
    const auto [it, added] =
        new_loc.try_emplace(key_of(c.at), static_cast<std::uint32_t>(nodes.position.size()));
    if (added) {
      nodes.position.push_back(c.at);
      nodes.ends.push_back(0);
      nodes.uses.push_back(0);
    }
    auto& pts = lines[c.line].points;
    auto& cs = nodes.of_line[c.line];
    pts.insert(pts.begin() + c.k + 1, c.at);
    cs.insert(cs.begin() + c.k + 1, it->second);
    ++nodes.uses[it->second];
  }
}

}  // namespace topology_detail

/// Step 3b (optional, import_options::split_crossings): where segments of two live lines, neither
/// level_separated, cross properly (not at an end of either; tested in an equirectangular plane at
/// their mean latitude), the crossing point becomes a new cluster, inserted as a vertex into both
/// lines, so split_at_nodes splits them there. report.crossings_split counts the crossings.
/// Segments are hashed on a grid of cells of their mean length (at least 0.5 km); a segment
/// covering more than 4096 cells is not tested. Precondition: `nodes` from lines_on_clusters(lines,
/// ...). Expected O(segments x segments sharing a cell).
inline void split_crossings(std::vector<import_line>& lines, clustered_lines& nodes,
                            import_report& report) {
  const auto [segs, cell] = topology_detail::crossing_segments(lines, nodes.live);
  topology_detail::insert_cuts(topology_detail::find_cuts(lines, segs, cell, report), lines, nodes);
}

// ---- 4, 5. Nodes and pieces ------------------------------------------------------------------

/// A piece of line between two nodes: cluster ids up to merge_chains, node indices after
/// number_nodes.
struct line_piece {
  std::uint32_t from = 0, to = 0;
  std::vector<geo::lonlat> points;    ///< from `from` to `to`
  const import_line* line = nullptr;  ///< attributes (the line must outlive the piece)
  bool inferred = false;              ///< a gap closed (close_gaps), not a piece of a line
};

/// Steps 4 and 5: the nodes are the clusters where a line ends or which lines pass more than once
/// (report.split_points counts the latter among the locations, not the crossing points); each
/// live line is cut at its nodes into pieces, in line order and along each line. The lines'
/// points and nodes.of_line are released: the pieces hold the geometry, the lines keep their
/// attributes and must outlive the pieces. Precondition: `nodes` from lines_on_clusters(lines, ...)
/// (and split_crossings). O(vertices + clusters).
[[nodiscard]] inline std::vector<line_piece> split_at_nodes(std::vector<import_line>& lines,
                                                            clustered_lines& nodes,
                                                            import_report& report) {
  const auto is_node = [&](std::uint32_t r) { return nodes.ends[r] > 0 || nodes.uses[r] >= 2; };
  for (std::uint32_t r = 0; r < nodes.position.size(); ++r) {
    if (nodes.ends[r] == 0 && nodes.uses[r] >= 2 && r < nodes.located) ++report.split_points;
  }
  std::vector<line_piece> pieces;
  for (const std::size_t i : nodes.live) {
    const std::vector<std::uint32_t>& cs = nodes.of_line[i];
    std::size_t start = 0;
    for (std::size_t k = 1; k < cs.size(); ++k) {
      if (!is_node(cs[k])) continue;
      line_piece p{cs[start], cs[k], {}, &lines[i]};
      p.points.assign(lines[i].points.begin() + static_cast<std::ptrdiff_t>(start),
                      lines[i].points.begin() + static_cast<std::ptrdiff_t>(k) + 1);
      pieces.push_back(std::move(p));
      start = k;
    }
    // The pieces hold the geometry from here on; the line keeps its attributes.
    std::vector<geo::lonlat>().swap(lines[i].points);
    std::vector<std::uint32_t>().swap(nodes.of_line[i]);
  }
  nodes.of_line = {};
  return pieces;
}

// ---- 6. Merging chains -----------------------------------------------------------------------

namespace topology_detail {

/// The pieces at each node (one entry per piece end), in compressed rows over the nodes.
struct piece_incidence {
  std::vector<std::uint32_t> first, piece;

  [[nodiscard]] std::span<const std::uint32_t> at(std::uint32_t node) const {
    return {piece.data() + first[node], first[node + 1] - first[node]};
  }
};

[[nodiscard]] inline piece_incidence incidence(const std::vector<line_piece>& pieces,
                                               std::size_t nodes) {
  piece_incidence inc{std::vector<std::uint32_t>(nodes + 1, 0),
                      std::vector<std::uint32_t>(2 * pieces.size())};
  for (const line_piece& p : pieces) {
    ++inc.first[p.from + 1];
    ++inc.first[p.to + 1];
  }
  for (std::size_t r = 0; r < nodes; ++r) inc.first[r + 1] += inc.first[r];
  std::vector<std::uint32_t> next(inc.first.begin(), inc.first.end() - 1);
  for (std::uint32_t e = 0; e < pieces.size(); ++e) {
    inc.piece[next[pieces[e].from]++] = e;
    inc.piece[next[pieces[e].to]++] = e;
  }
  return inc;
}

/// Walking chains of pieces through nodes with exactly two piece ends, of two different pieces
/// with the same attributes. Each piece is used once: its geometry moves into the chain.
struct chain_walker {
  std::vector<line_piece>& pieces;
  piece_incidence inc;
  std::vector<std::uint8_t> used;

  [[nodiscard]] bool through(std::uint32_t node) const {
    const auto two = inc.at(node);
    if (two.size() != 2) return false;
    const std::uint32_t a = two[0], b = two[1];
    return a != b && same_attributes(*pieces[a].line, *pieces[b].line);
  }

  /// The chain from piece e (forward: from its `from` end) through nodes passed through, until a
  /// node that is not, or the chain's start (a ring); counts the nodes merged away.
  line_piece walk(std::uint32_t e, bool forward, std::size_t& merged) {
    line_piece m = std::move(pieces[e]);
    if (!forward) {
      std::swap(m.from, m.to);
      std::reverse(m.points.begin(), m.points.end());
    }
    used[e] = 1;
    std::uint32_t x = m.to;
    while (through(x) && x != m.from) {
      const auto two = inc.at(x);
      const std::uint32_t next = used[two[0]] == 0 ? two[0] : two[1];
      if (used[next] != 0) break;
      used[next] = 1;
      ++merged;
      line_piece n = std::move(pieces[next]);
      if (n.from != x) {
        std::swap(n.from, n.to);
        std::reverse(n.points.begin(), n.points.end());
      }
      m.points.insert(m.points.end(), n.points.begin() + 1, n.points.end());
      m.to = n.to;
      x = n.to;
    }
    return m;
  }
};

}  // namespace topology_detail

/// Step 6: chains of pieces through nodes with exactly two piece ends, of two different pieces
/// whose lines have the same attributes (mode, name, gauge, speed, status, corridor, confidence,
/// electrified), become one link with the whole geometry; report.merged_nodes counts the nodes
/// merged away. Links are in the order of the first piece of their chain that has an end at a node
/// not passed through, walked away from that end (its `from` end when both are such). A link from
/// a node back to itself, and a ring of equal attributes with no other node, is dropped
/// (report.dropped_loops). `cluster_count`: the number of cluster ids (nodes.position.size()).
/// Precondition: `pieces` from split_at_nodes. O(pieces + clusters + points).
[[nodiscard]] inline std::vector<line_piece> merge_chains(std::vector<line_piece> pieces,
                                                          std::size_t cluster_count,
                                                          import_report& report) {
  topology_detail::chain_walker w{pieces, topology_detail::incidence(pieces, cluster_count),
                                  std::vector<std::uint8_t>(pieces.size(), 0)};
  std::vector<line_piece> links;
  for (std::uint32_t e = 0; e < pieces.size(); ++e) {
    if (w.used[e] != 0) continue;
    const bool from_through = w.through(pieces[e].from), to_through = w.through(pieces[e].to);
    if (from_through && to_through) continue;  // inside a chain (or a ring): later
    line_piece m = w.walk(e, !from_through, report.merged_nodes);
    if (m.from == m.to) {
      ++report.dropped_loops;
      continue;
    }
    links.push_back(std::move(m));
  }
  for (std::uint32_t e = 0; e < pieces.size(); ++e) {  // rings of equal attributes
    if (w.used[e] != 0) continue;
    (void)w.walk(e, true, report.merged_nodes);
    ++report.dropped_loops;
  }
  return links;
}

// ---- Numbering nodes -------------------------------------------------------------------------

/// The network being built, from number_nodes to the records.
struct topology_graph {
  std::vector<line_piece> links;          ///< from and to: node indices
  std::vector<geo::lonlat> position;      ///< per node
  std::vector<std::uint32_t> degree;      ///< per node: link ends there
  std::vector<std::uint32_t> link_at;     ///< per node: the last link ending there (of the merged)
  topology_detail::union_find component;  ///< nodes joined by links (and gaps closed)
  std::vector<std::uint8_t> kept;         ///< per node: 0 in a component dropped
  std::string id_prefix;                  ///< of generated ids

  [[nodiscard]] std::uint32_t node_count() const noexcept {
    return static_cast<std::uint32_t>(position.size());
  }
  /// "PREFIXn1" for node 0, ...
  [[nodiscard]] std::string node_id(std::uint32_t v) const {
    return id_prefix + "n" + std::to_string(v + 1);
  }
};

/// The nodes in use, numbered 0, 1, ... in order of first use by `links` (each link's `from`
/// before its `to`), the links renumbered to them; degrees, components and a link at each node.
/// Every node is kept. Precondition: `links` from merge_chains, `cluster_position` the clusters'
/// positions (clustered_lines::position). O(links + clusters).
[[nodiscard]] inline topology_graph number_nodes(std::vector<line_piece> links,
                                                 const std::vector<geo::lonlat>& cluster_position,
                                                 std::string id_prefix) {
  topology_graph g;
  g.id_prefix = std::move(id_prefix);
  std::vector<std::uint32_t> node_of(cluster_position.size(), no_index);
  const auto number = [&](std::uint32_t r) {
    if (node_of[r] == no_index) {
      node_of[r] = static_cast<std::uint32_t>(g.position.size());
      g.position.push_back(cluster_position[r]);
    }
    return node_of[r];
  };
  for (line_piece& l : links) {
    l.from = number(l.from);
    l.to = number(l.to);
  }
  const std::uint32_t n_nodes = g.node_count();
  g.degree.assign(n_nodes, 0);
  g.link_at.assign(n_nodes, no_index);
  g.component = topology_detail::union_find(n_nodes);
  g.kept.assign(n_nodes, 1);
  for (std::uint32_t e = 0; e < links.size(); ++e) {
    ++g.degree[links[e].from];
    ++g.degree[links[e].to];
    g.link_at[links[e].from] = e;
    g.link_at[links[e].to] = e;
    g.component.unite(links[e].from, links[e].to);
  }
  g.links = std::move(links);
  return g;
}

// ---- 7. Gap closing --------------------------------------------------------------------------

/// Step 7: dangling ends (degree 1) of different components within `close_gaps_km` (great-circle)
/// are joined nearest first: by km, 1.5 times the km unless the lines at both ends share a
/// non-empty name, then by node indices; each end once. Each join is a straight link (inferred,
/// with the attributes of the first end's line) appended to g.links, and listed in
/// report.gaps_closed (the name when both ends' lines have the same). close_gaps_km <= 0: nothing.
/// Precondition: g from number_nodes. Expected O(ends x candidates log), the ends hashed on a grid
/// of close_gaps_km cells.
inline void close_gaps(topology_graph& g, double close_gaps_km, import_report& report) {
  const std::uint32_t n_nodes = g.node_count();
  std::vector<std::uint32_t> dangling;
  for (std::uint32_t v = 0; v < n_nodes; ++v) {
    if (g.degree[v] == 1) dangling.push_back(v);
  }
  if (!(close_gaps_km > 0) || dangling.empty()) return;
  topology_detail::grid cells(close_gaps_km);
  for (const std::uint32_t v : dangling) cells.add(g.position[v], v);
  cells.finish();
  struct candidate {
    double score, km;
    std::uint32_t a, b;
  };
  std::vector<candidate> cands;
  for (const std::uint32_t a : dangling) {
    cells.near(g.position[a], [&](std::uint32_t b) {
      if (b <= a || g.component.find(a) == g.component.find(b)) return;
      const double km = geo::great_circle_km(g.position[a], g.position[b]);
      if (km > close_gaps_km) return;
      const std::string& name_a = g.links[g.link_at[a]].line->name;
      const bool same_name = name_a == g.links[g.link_at[b]].line->name && !name_a.empty();
      cands.push_back({km * (same_name ? 1.0 : 1.5), km, a, b});
    });
  }
  std::sort(cands.begin(), cands.end(), [](const candidate& x, const candidate& y) {
    return std::tie(x.score, x.a, x.b) < std::tie(y.score, y.a, y.b);
  });
  std::vector<std::uint8_t> joined(n_nodes, 0);
  for (const candidate& c : cands) {
    if (joined[c.a] != 0 || joined[c.b] != 0 || !g.component.unite(c.a, c.b)) continue;
    joined[c.a] = joined[c.b] = 1;
    const import_line* la = g.links[g.link_at[c.a]].line;
    const import_line* lb = g.links[g.link_at[c.b]].line;
    g.links.push_back({c.a, c.b, {g.position[c.a], g.position[c.b]}, la, true});
    ++g.degree[c.a];
    ++g.degree[c.b];
    report.gaps_closed.push_back(
        {g.node_id(c.a), g.node_id(c.b), c.km, la->name == lb->name ? la->name : std::string()});
  }
}

// ---- Small components ------------------------------------------------------------------------

/// Components shorter than `min_component_km` (the sum of their links' polyline lengths, gaps
/// closed included) are dropped: their nodes get kept = 0 (their links go with them);
/// report.dropped_components and dropped_component_km count them. min_component_km <= 0: nothing.
/// Precondition: g from number_nodes (and close_gaps). O(nodes + points).
inline void drop_small_components(topology_graph& g, double min_component_km,
                                  import_report& report) {
  if (!(min_component_km > 0)) return;
  const std::uint32_t n_nodes = g.node_count();
  std::vector<double> km_of(n_nodes, 0.0);
  for (const line_piece& l : g.links) km_of[g.component.find(l.from)] += polyline_km(l.points);
  std::vector<std::uint8_t> counted(n_nodes, 0);
  for (std::uint32_t v = 0; v < n_nodes; ++v) {
    const std::uint32_t root = g.component.find(v);
    if (km_of[root] >= min_component_km) continue;
    g.kept[v] = 0;
    if (counted[root] == 0 && g.degree[v] > 0) {
      counted[root] = 1;
      ++report.dropped_components;
      report.dropped_component_km += km_of[root];
    }
  }
}

// ---- 8. Points of interest -------------------------------------------------------------------

/// A point joined to a node.
struct point_connector {
  std::size_t point = 0;   ///< index into the points
  std::uint32_t node = 0;  ///< node index
  double km = 0;           ///< great-circle
};

/// Step 8: each point is joined to its nearest kept node if that is within `points_snap_km`
/// (great-circle; report.points_connected), else reported with the distance to the nearest kept
/// node (report.points_unconnected). Returns the connections in point order. No nodes: nothing
/// (no point is reported). Precondition: g from number_nodes (and the steps after it). Expected
/// O(points x candidates + unconnected points x nodes), the nodes hashed on a grid of
/// points_snap_km cells (at least 1 m).
[[nodiscard]] inline std::vector<point_connector> connect_points(
    const topology_graph& g, const std::vector<import_point>& points, double points_snap_km,
    import_report& report) {
  std::vector<point_connector> connectors;
  const std::uint32_t n_nodes = g.node_count();
  if (points.empty() || n_nodes == 0) return connectors;
  const auto usable = [&](std::uint32_t v) { return g.degree[v] > 0 && g.kept[v] != 0; };
  topology_detail::grid cells(std::max(points_snap_km, 1e-3));
  for (std::uint32_t v = 0; v < n_nodes; ++v) {
    if (usable(v)) cells.add(g.position[v], v);
  }
  cells.finish();
  for (std::size_t i = 0; i < points.size(); ++i) {
    std::uint32_t nearest = no_index;
    double best_km = std::numeric_limits<double>::infinity();
    cells.near(points[i].position, [&](std::uint32_t v) {
      const double km = geo::great_circle_km(points[i].position, g.position[v]);
      if (km < best_km) {
        best_km = km;
        nearest = v;
      }
    });
    if (nearest == no_index || best_km > points_snap_km) {
      // Report the nearest node anyway (a linear scan, for the few unconnected points).
      for (std::uint32_t v = 0; v < n_nodes; ++v) {
        const double km = geo::great_circle_km(points[i].position, g.position[v]);
        if (usable(v) && km < best_km) best_km = km;
      }
      report.points_unconnected.push_back({points[i].id, {}, best_km});
      continue;
    }
    connectors.push_back({i, nearest, best_km});
    report.points_connected.push_back({points[i].id, g.node_id(nearest), best_km});
  }
  return connectors;
}

// ---- 9. Records ------------------------------------------------------------------------------

namespace topology_detail {

/// The record of link e of g, id PREFIX"l"(e + 1); length: its polyline km, at least 1e-6.
[[nodiscard]] inline link_record link_record_of(const topology_graph& g, std::uint32_t e) {
  const line_piece& l = g.links[e];
  link_record r;
  r.id = g.id_prefix + "l" + std::to_string(e + 1);
  r.from = g.node_id(l.from);
  r.to = g.node_id(l.to);
  r.mode = l.line->mode;
  r.name = l.line->name;
  r.line = l.line->name;
  r.gauge_mm = l.line->gauge_mm;
  r.speed_kmh = l.line->speed_kmh;
  r.status = l.line->status;
  r.electrified = l.line->electrified;
  r.length_km = std::max(polyline_km(l.points), 1e-6);
  r.geometry = l.points;
  if (!l.line->corridor.empty()) r.corridors = {l.line->corridor};
  r.source = l.inferred ? "gap closed by corridor import" : l.line->origin;
  r.confidence =
      l.inferred ? "inferred" : (l.line->confidence.empty() ? "imported" : l.line->confidence);
  r.origin = l.inferred ? "gap closed between " + r.from + " and " + r.to : l.line->origin;
  return r;
}

/// The record of connector k (id PREFIX"c"(k + 1)): a straight link of the mode and gauge of the
/// node's line (a link at the node), at least 1e-6 km.
[[nodiscard]] inline link_record connector_record(const topology_graph& g, const import_point& pt,
                                                  const point_connector& c, std::size_t k) {
  const import_line* at_node = g.links[g.link_at[c.node]].line;
  link_record r;
  r.id = g.id_prefix + "c" + std::to_string(k + 1);
  r.from = pt.id;
  r.to = g.node_id(c.node);
  r.mode = at_node->mode;
  r.gauge_mm = at_node->gauge_mm;
  r.name = "connector " + (pt.name.empty() ? pt.id : pt.name);
  r.length_km = std::max(c.km, 1e-6);
  r.geometry = {pt.position, g.position[c.node]};
  r.source = "point snapped by corridor import";
  r.confidence = "inferred";
  r.origin = pt.origin;
  return r;
}

}  // namespace topology_detail

/// Step 9: the records, appended to out.places and out.links. Places: the connected points that
/// are not `existing`, in connection order, then the kept nodes (ids PREFIXn1, ...). Links: the
/// kept links (ids PREFIXl1, ... by index in g.links, so ids skip dropped ones), then the
/// connectors (PREFIXc1, ...). Fills out.report.dangling_ends (kept nodes of degree 1), nodes and
/// links (connectors and their points counted), output_km. Precondition: `connectors` from
/// connect_points(g, points, ...). O(nodes + links + points of the geometry).
inline void make_records(const topology_graph& g, const std::vector<import_point>& points,
                         const std::vector<point_connector>& connectors, topology& out) {
  import_report& rep = out.report;
  for (const point_connector& c : connectors) {
    const import_point& pt = points[c.point];
    if (pt.existing) continue;
    place_record p;
    p.id = pt.id;
    p.name = pt.name;
    p.kind = pt.kind;
    p.position = pt.position;
    p.source = pt.origin;
    out.places.push_back(std::move(p));
  }
  std::size_t kept_nodes = 0, kept_links = 0;
  for (std::uint32_t v = 0; v < g.node_count(); ++v) {
    if (g.kept[v] == 0) continue;
    ++kept_nodes;
    place_record p;
    p.id = g.node_id(v);
    p.position = g.position[v];
    p.source = "corridor import";
    out.places.push_back(std::move(p));
    if (g.degree[v] == 1) ++rep.dangling_ends;
  }
  for (std::uint32_t e = 0; e < g.links.size(); ++e) {
    if (g.kept[g.links[e].from] == 0) continue;
    ++kept_links;
    out.links.push_back(topology_detail::link_record_of(g, e));
    rep.output_km += out.links.back().length_km;
  }
  for (std::size_t k = 0; k < connectors.size(); ++k) {
    out.links.push_back(
        topology_detail::connector_record(g, points[connectors[k].point], connectors[k], k));
    rep.output_km += out.links.back().length_km;
  }
  rep.nodes = kept_nodes + connectors.size();
  rep.links = kept_links + connectors.size();
}

// ---- Component statistics --------------------------------------------------------------------

/// The components of kept links, in order of their first link.
struct component_table {
  std::vector<component_info> components;
  std::unordered_map<std::uint32_t, std::size_t> index_of;  ///< g.component root -> index
};

/// Links, km (record lengths: at least 1e-6 each), extent (of the geometry) and the five line names
/// with the most km (ties by name) of each component of kept links after gap closing, in order of
/// their first link. Precondition: g from number_nodes (and the steps after it). O(links + points
/// + names log names).
[[nodiscard]] inline component_table component_statistics(const topology_graph& g) {
  component_table t;
  std::vector<std::map<std::string, double>> names_km;
  for (std::uint32_t e = 0; e < g.links.size(); ++e) {
    const line_piece& l = g.links[e];
    if (g.kept[l.from] == 0) continue;
    const auto [it, added] = t.index_of.try_emplace(g.component.find(l.from), t.components.size());
    if (added) {
      component_info c;
      c.min_lon = c.max_lon = g.position[l.from].lon;
      c.min_lat = c.max_lat = g.position[l.from].lat;
      t.components.push_back(c);
      names_km.emplace_back();
    }
    component_info& c = t.components[it->second];
    const double km = std::max(polyline_km(l.points), 1e-6);
    ++c.links;
    c.km += km;
    for (const geo::lonlat& p : l.points) {
      c.min_lon = std::min(c.min_lon, p.lon);
      c.max_lon = std::max(c.max_lon, p.lon);
      c.min_lat = std::min(c.min_lat, p.lat);
      c.max_lat = std::max(c.max_lat, p.lat);
    }
    if (!l.line->name.empty()) names_km[it->second][l.line->name] += km;
  }
  for (std::size_t i = 0; i < t.components.size(); ++i) {
    std::vector<std::pair<double, std::string>> names;
    for (const auto& [name, km] : names_km[i]) names.emplace_back(-km, name);
    std::sort(names.begin(), names.end());
    for (std::size_t k = 0; k < std::min<std::size_t>(5, names.size()); ++k) {
      t.components[i].names.push_back(names[k].second);
    }
  }
  return t;
}

/// The indices of `components`, largest km first (the order of equal km is unspecified).
/// O(c log c).
[[nodiscard]] inline std::vector<std::size_t> largest_first(
    const std::vector<component_info>& components) {
  std::vector<std::size_t> order(components.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(),
            [&](std::size_t a, std::size_t b) { return components[a].km > components[b].km; });
  return order;
}

/// The shortest join still missing between each pair of the ten largest components (their first
/// ten in `order`), from the dangling ends (degree 1) of each, or any of its nodes when it has
/// none; the ten shortest (great-circle km), shortest first. Preconditions: `table` from
/// component_statistics(g), `order` from largest_first(table.components). O(nodes + pairs of
/// ends between the ten).
[[nodiscard]] inline std::vector<dangling_gap> largest_open_gaps(
    const topology_graph& g, const component_table& table, const std::vector<std::size_t>& order) {
  const std::size_t top = std::min<std::size_t>(10, order.size());
  std::vector<std::size_t> rank_of(table.components.size(), top);
  for (std::size_t k = 0; k < top; ++k) rank_of[order[k]] = k;
  std::vector<std::vector<std::uint32_t>> ends(top), any(top);
  for (std::uint32_t v = 0; v < g.node_count(); ++v) {
    const auto it = table.index_of.find(g.component.find(v));
    if (it == table.index_of.end() || rank_of[it->second] == top) continue;
    any[rank_of[it->second]].push_back(v);
    if (g.degree[v] == 1) ends[rank_of[it->second]].push_back(v);
  }
  std::vector<dangling_gap> gaps;
  for (std::size_t i = 0; i < top; ++i) {
    for (std::size_t j = i + 1; j < top; ++j) {
      const auto& a = ends[i].empty() ? any[i] : ends[i];
      const auto& b = ends[j].empty() ? any[j] : ends[j];
      dangling_gap best_gap{{}, {}, std::numeric_limits<double>::infinity()};
      for (const std::uint32_t x : a) {
        for (const std::uint32_t y : b) {
          const double km = geo::great_circle_km(g.position[x], g.position[y]);
          if (km < best_gap.km) best_gap = {g.node_id(x), g.node_id(y), km};
        }
      }
      if (!best_gap.from.empty()) gaps.push_back(best_gap);
    }
  }
  std::sort(gaps.begin(), gaps.end(),
            [](const dangling_gap& x, const dangling_gap& y) { return x.km < y.km; });
  if (gaps.size() > 10) gaps.resize(10);
  return gaps;
}

// ---- All steps -------------------------------------------------------------------------------

/// Builds a network from lines: vertices at the same position are one; an endpoint within
/// `snap_m` of another vertex is moved onto it; lines are split at every vertex that is an
/// endpoint or shared by several lines; chains through nodes with exactly two links of equal
/// attributes (mode, name, gauge, speed, status, electrified, confidence) are merged; with
/// close_gaps_km, dangling ends of different components are joined nearest first (ends of lines
/// with the same name count as 1.5x nearer) by straight links marked confidence "inferred". Lengths
/// are great-circle sums along the geometry. Line ends at longitude -180 are the same nodes as at
/// +180 (sea lanes across the antimeridian). Each point becomes a place joined to its nearest node
/// within points_snap_km by a connector link of that node's mode (confidence "inferred"); the
/// builder then generates the transfers where several modes meet. Lines with a corridor (a passage)
/// carry it in `corridors`, so `whatif remove --corridors` and filters can close a strait. The
/// steps above, in order. Expected O(points + ends x candidates), hashing positions on a grid.
[[nodiscard]] inline topology build_topology(std::vector<import_line> lines,
                                             const import_options& options,
                                             const std::vector<import_point>& points = {}) {
  topology out;
  import_report& rep = out.report;
  lines = clean_lines(std::move(lines), rep);
  vertex_locations loc = locate_vertices(lines);
  location_clusters clusters = snap_endpoints(loc, options.snap_m, rep);
  clustered_lines nodes = lines_on_clusters(lines, std::move(loc), std::move(clusters), rep);
  if (options.split_crossings) split_crossings(lines, nodes, rep);
  std::vector<line_piece> pieces = split_at_nodes(lines, nodes, rep);
  topology_graph g = number_nodes(merge_chains(std::move(pieces), nodes.position.size(), rep),
                                  nodes.position, options.id_prefix);
  nodes = {};
  close_gaps(g, options.close_gaps_km, rep);
  drop_small_components(g, options.min_component_km, rep);
  const std::vector<point_connector> connectors =
      connect_points(g, points, options.points_snap_km, rep);
  make_records(g, points, connectors, out);
  component_table table = component_statistics(g);
  const std::vector<std::size_t> order = largest_first(table.components);
  rep.largest_open_gaps = largest_open_gaps(g, table, order);
  for (const std::size_t i : order) rep.components.push_back(std::move(table.components[i]));
  return out;
}

}  // namespace corridor
