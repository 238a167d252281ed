// Reading networks from files: OGR sources (GeoJSON, GeoPackage, Shapefile, ...) in corridor's
// schema (or another schema through a field map), DIMACS .gr and TNTP _net.tntp.
//
//   corridor::gis::loaded_network n = corridor::gis::read_network("geodata/sample");
//   // n.net is a corridor::built_network; n.format says what was read.
//
// Every problem in the input throws corridor::input_error whose message starts with the file and
// names the feature or line and the field: "links.geojson feature 7 (id 'r_x'): field
// 'length_km': 'abc' is not a number".
#pragma once

#include <cstdint>
#include <filesystem>
#include <limits>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "corridor/network/builder.hpp"

namespace corridor::gis {

enum class format : std::uint8_t { geodata, dimacs, tntp };

/// Renames schema fields to the source's field names, e.g. {"length_km", "LEN_KM"}.
struct field_map {
  std::map<std::string, std::string> node;  ///< corridor node field -> source field
  std::map<std::string, std::string> link;  ///< corridor link field -> source field
};

struct read_options {
  field_map fields;
  std::string nodes_layer = "nodes";  ///< layer names in a multi-layer source (GeoPackage)
  std::string links_layer = "links";
};

/// TNTP link attributes, in link order (index = link_id), for assignment.
struct tntp_columns {
  std::vector<double> capacity;  ///< veh/h (the file's unit)
  std::vector<double> length;    ///< the file's unit (miles or km)
  std::vector<double> free_flow_time;
  std::vector<double> b;
  std::vector<double> power;
  std::vector<double> speed;
  std::vector<double> toll;
  std::vector<int> type;
  std::uint32_t zones = 0;
  std::uint32_t first_thru_node = 1;
};

struct loaded_network {
  built_network net;
  gis::format format = format::geodata;
  std::filesystem::path path;
  std::vector<std::string> warnings;  ///< questionable but accepted input
  tntp_columns tntp;                  ///< filled for TNTP inputs only
  /// The source and sink places a DIMACS max-flow file (.max) names (empty otherwise).
  std::vector<std::uint32_t> flow_sources, flow_sinks;
  /// A DIMACS min-cost file (.min): supply per place (> 0 supply, < 0 demand) and cost per link id.
  std::vector<double> supply, link_cost;

  /// A corridor network (places with modes, gauges, countries and positions, lengths in km), not
  /// an abstract DIMACS or TNTP graph whose links have only weights.
  [[nodiscard]] bool is_corridor_network() const noexcept { return format == format::geodata; }
};

/// Reads a network, choosing the reader by what `path` is:
/// - a folder holding nodes.* and links.* (GeoJSON, GeoPackage or Shapefile);
/// - a GeoPackage (or any multi-layer OGR source) with layers `nodes` and `links`;
/// - a single-layer OGR file whose features with `from` and `to` are links, the others nodes;
/// - `*.max`: DIMACS max-flow graph (capacities, source and sink);
/// - `*.min`: DIMACS min-cost-flow graph (capacities, costs, supplies; lower bounds 0);
/// - `*.gr`: DIMACS shortest-path graph (one place per node "1".."n", one directed link per arc,
///   weight = the arc's length);
/// - `*.tntp`: TNTP network (weight = free flow time; the TNTP columns in `tntp`).
/// Throws input_error (file, feature/line, field) or lookup_error (missing file or layer).
[[nodiscard]] loaded_network read_network(const std::filesystem::path& path,
                                          const read_options& options = {});

/// The input records of a network in corridor's schema, before building (a scenario edits them;
/// see corridor/scenario/edits.hpp). Missing lengths are already measured (with warnings).
struct network_records {
  std::vector<place_record> places;
  std::vector<link_record> links;
  std::vector<std::string> warnings;
  std::filesystem::path path;
};

/// Records of a folder or OGR source, as read_network reads them. Throws input_error for DIMACS
/// and TNTP files (no places, modes or statuses), and as read_network.
[[nodiscard]] network_records read_network_records(const std::filesystem::path& path,
                                                   const read_options& options = {});
[[nodiscard]] network_records read_ogr_records(const std::filesystem::path& nodes_source,
                                               const std::filesystem::path& links_source,
                                               const read_options& options = {});

/// True for a DIMACS (.gr, .max, .min) or TNTP (.tntp) file, compressed or not: an abstract graph
/// with no places, modes or statuses.
[[nodiscard]] bool is_abstract_graph_file(const std::filesystem::path& path);

/// Builds records into a network (format geodata). Throws input_error as network_builder does.
[[nodiscard]] loaded_network build_network(network_records records);

/// The OGR reader on its own: nodes and links from two layers (possibly of different files).
[[nodiscard]] loaded_network read_ogr(const std::filesystem::path& nodes_source,
                                      const std::filesystem::path& links_source,
                                      const read_options& options = {});

/// DIMACS 9th challenge shortest-path format ("p sp n m", "a u v w"), or, for a `.max` file, the
/// DIMACS maximum-flow format ("p max n m", "n id s", "n id t", "a u v capacity": capacities in
/// the capacity column, the source and sink in flow_sources / flow_sinks; parallel arcs add up).
[[nodiscard]] loaded_network read_dimacs(const std::filesystem::path& path);

/// One TNTP origin-destination demand (1-based zone ids as in the file).
struct tntp_trip {
  std::uint32_t origin, destination;
  double volume;
};

/// A TNTP trips file (`_trips.tntp`): demands grouped by origin, zero volumes dropped. Throws
/// input_error (file:line) for malformed lines, zone ids outside 1..<NUMBER OF ZONES>, negative
/// volumes, or a total differing from <TOTAL OD FLOW> by more than 1e-6 relative.
[[nodiscard]] std::vector<tntp_trip> read_tntp_trips(const std::filesystem::path& path);

/// One line of a TNTP link flows file (1-based node ids as in the file).
struct tntp_flow {
  std::uint32_t from = 0, to = 0;
  double volume = 0;
  double cost = 0;       ///< NaN when the line has no cost
  std::size_t line = 0;  ///< where it was read, for messages
};

/// A TNTP link flows file (`_flow.tntp`, e.g. best-known equilibrium flows): a "From To Volume
/// Cost" header, then one line per link in the order of the network file. Throws input_error
/// (file:line) for a missing header, malformed lines and negative volumes.
[[nodiscard]] std::vector<tntp_flow> read_tntp_flows(const std::filesystem::path& path);

/// The volumes of `flows` (read from `path`) per link id of the TNTP network `n`: line k is
/// network link k. Throws input_error when the counts differ or a line's from/to is not the
/// network's link k.
[[nodiscard]] std::vector<double> flows_by_link(const loaded_network& n,
                                                const std::filesystem::path& path,
                                                const std::vector<tntp_flow>& flows);

/// One row of a demand CSV file: places as written (ids or names), tonnes (per year).
struct od_row {
  std::string origin, destination;
  double tonnes = 0;
  std::size_t line = 0;  ///< where it was read, for messages
};

/// A demand CSV file: a header naming the columns `origin`, `destination` and `tonnes` (any order;
/// other columns ignored), then one row per OD pair; fields may be quoted; lines starting with '#'
/// are comments. Throws input_error (file:line and field) for a missing column or field, an empty
/// place, or tonnes that are not a number >= 0. Places are resolved by the caller.
[[nodiscard]] std::vector<od_row> read_od_csv(const std::filesystem::path& path);

/// One observed transit time (corridor calibrate), as written.
struct observation_row {
  std::string id, from, to;  ///< from/to: place ids or names
  std::string options;       ///< one option of `compare --options` (rail, rail+sea, via:X, ...)
  double hours = 0;          ///< > 0
  double usd_per_t = std::numeric_limits<double>::quiet_NaN();  ///< optional, >= 0
  double weight = 1;                                            ///< optional, > 0
  std::optional<int> year;  ///< optional: the network as of this year
  std::string source;       ///< optional: where the figure comes from
  std::size_t line = 0;     ///< where it was read, for messages
};

/// An observations CSV file: a header naming at least `id,from,to,options,hours` (any order;
/// optional `usd_per_t,weight,year,source,notes`; other columns ignored), then one row per
/// observation. Throws input_error (file:line and field) for a missing column or field, an
/// empty id/from/to/options, a duplicate id, hours that are not a number > 0, a negative or
/// non-numeric usd_per_t, a weight that is not > 0, a year outside 1800..2200, or a file with no
/// observation. Places and options are resolved by the caller.
[[nodiscard]] std::vector<observation_row> read_observations_csv(const std::filesystem::path& path);

/// One candidate link of a what-if ranking, as written.
struct candidate_row {
  std::string id, from, to;                                  ///< from/to: place ids or names
  double weight = std::numeric_limits<double>::quiet_NaN();  ///< plain weighted graphs
  std::string mode;  ///< corridor networks: rail, road, sea or inland_waterway
  double length_km = std::numeric_limits<double>::quiet_NaN();
  double cost_musd = std::numeric_limits<double>::quiet_NaN();  ///< construction, million USD
  double speed_kmh = std::numeric_limits<double>::quiet_NaN();  ///< optional speed cap
  std::uint16_t gauge_mm = 0;  ///< rail: the gauge layer to join (0: the only one)
  bool oneway = false;         ///< only from -> to
  std::size_t line = 0;
};

/// Candidate links: a CSV file with a header, or a GIS line layer (.geojson, .json, .gpkg, .shp,
/// .fgb; one layer) whose attributes are the columns: `id`, `from`, `to` and either `weight`
/// (networks with plain arc weights, e.g. DIMACS) or `mode` and `length_km` (corridor networks;
/// in a layer, a missing length is measured along the line); optional `cost_musd`, `oneway` (0/1),
/// `gauge_mm`, `speed_kmh`. Throws input_error (file:line, or file feature N, and the field) for
/// missing columns or fields, duplicate ids, unknown modes, and numbers out of range.
[[nodiscard]] std::vector<candidate_row> read_candidates(const std::filesystem::path& path);

/// TNTP network format (Transportation Networks for Research).
[[nodiscard]] loaded_network read_tntp(const std::filesystem::path& path);

}  // namespace corridor::gis
