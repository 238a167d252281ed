// Routable networks from raw line layers (OpenStreetMap extracts, national railway shapefiles):
// the readers of line and point layers (any OGR source), feeding the header-only topology steps of
// corridor/network/topology.hpp (endpoints snapped, lines split where they share vertices,
// degree-2 chains merged, dangling ends joined across gaps on request, with a report of what was
// done). `corridor import` runs it.
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
#include "corridor/network/topology.hpp"

namespace corridor::gis {

// The import's types are the core's (corridor/network/topology.hpp), under their gis names too.
using corridor::component_info;
using corridor::dangling_gap;
using corridor::gap_closed;
using corridor::import_line;
using corridor::import_options;
using corridor::import_point;
using corridor::import_report;
using corridor::point_connection;

/// Field mapping for read_lines: attribute -> source field (name, gauge_mm, speed_kmh, status,
/// corridor, electrified),
/// and defaults used when the field is missing or empty (e.g. gauge_mm=1435).
struct line_fields {
  std::map<std::string, std::string> map;
  std::map<std::string, std::string> defaults;
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

struct imported_network {
  network_records records;
  import_report report;
};

/// corridor::build_topology (corridor/network/topology.hpp: the steps, what each does, and the
/// order of the records), with its places and links as network_records for build_network.
[[nodiscard]] imported_network build_topology(std::vector<import_line> lines,
                                              const import_options& options,
                                              const std::vector<import_point>& points = {});

}  // namespace corridor::gis
