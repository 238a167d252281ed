// Routable networks from raw line layers (OpenStreetMap extracts, national railway shapefiles):
// endpoints snapped, lines split where they share vertices, degree-2 chains merged, dangling ends
// joined across gaps on request, with a report of what was done. `corridor import` runs it.
//
//   std::vector<corridor::gis::import_line> lines = corridor::gis::read_lines(
//       {"hotosm_lao_railways_lines.geojson"}, corridor::mode::rail, {});
//   corridor::gis::import_options o;  o.close_gaps_km = 20;
//   corridor::gis::imported_network r = corridor::gis::build_topology(std::move(lines), o);
//   // r.records: places and links for the builder; r.report: components, gaps closed, ...
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corridor/geo.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/network/modes.hpp"

namespace corridor::gis {

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

/// Field mapping for read_lines: attribute -> source field (name, gauge_mm, speed_kmh, status,
/// corridor, electrified),
/// and defaults used when the field is missing or empty (e.g. gauge_mm=1435).
struct line_fields {
  std::map<std::string, std::string> map;
  std::map<std::string, std::string> defaults;
};

/// A point of interest to connect to the network (a port, a station, a border crossing, a park).
struct import_point {
  std::string id, name;
  node_kind kind = node_kind::seaport;
  geo::lonlat position;
  std::string origin;
  bool existing = false;  ///< a place of a network merged in: only its connector is added
};

/// Reads the point features of `path` (any OGR source, `.xz` in memory), optionally filtered by
/// an OGR SQL `where` clause (e.g. "kind = 'seaport'"). Id: field `id`, else the feature id; name:
/// `name`; kind: field `kind` when it names a node kind, else `kind`. Throws input_error naming
/// the file for a source without points or a bad filter.
[[nodiscard]] std::vector<import_point> read_points(const std::filesystem::path& path,
                                                    const std::string& where, node_kind kind);

/// Reads every line feature of `paths` (any OGR source: GeoJSON, GPKG, Shapefile; `.geojson.xz`
/// decompressed in memory), reprojected to WGS84. Default name field: `name:en`, else `name`.
/// Throws input_error naming the file (and feature and field) for a source without line
/// geometries, a layer whose CRS cannot be transformed, a mapped field that does not exist, or a
/// bad value (a gauge or speed that is not a positive number, an unknown status).
[[nodiscard]] std::vector<import_line> read_lines(const std::vector<std::filesystem::path>& paths,
                                                  corridor::mode m, const line_fields& fields);

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

struct imported_network {
  network_records records;
  import_report report;
};

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
/// carry it in `corridors`, so `whatif remove --corridors` and filters can close a strait. O(points
/// + ends x candidates), hashing positions on a grid.
[[nodiscard]] imported_network build_topology(std::vector<import_line> lines,
                                              const import_options& options,
                                              const std::vector<import_point>& points = {});

}  // namespace corridor::gis
