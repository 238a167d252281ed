// Writing routes and networks with GDAL, atomically: each file is written to a temporary name in
// the target folder and renamed into place only when complete, so a failure leaves no partial
// output behind.
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "corridor/cost/link_costs.hpp"
#include "corridor/path/route.hpp"

namespace corridor::gis {

/// Calls `write(temporary_path)` and renames the result to `target` when it returns normally;
/// removes the temporary file (and GDAL side files) when it throws, then rethrows.
/// The temporary path keeps target's extension so GDAL picks the same driver.
void write_atomically(const std::filesystem::path& target,
                      const std::function<void(const std::filesystem::path&)>& write);

/// The file a report folder's writer leaves in it, listing the report's own files.
inline constexpr const char* report_marker_name = ".corridor-report";

/// Writes a report folder without destroying anything a user keeps there. `fill(dir)` writes the
/// report's files into a temporary folder `.corridor-tmp-*`; then:
/// - `target` does not exist (or is an empty folder): the temporary folder is renamed to it, all
///   or nothing (a concurrent run that wrote it meanwhile makes this one fail cleanly);
/// - `target` holds a marker (.corridor-report) from an earlier report, or `force` is set: each
///   file of the report replaces the file of that name, the earlier report's files that this one
///   does not write are removed, and every other file is kept;
/// - otherwise (a non-empty folder of someone else's, a regular file, a dangling link): throws
///   input_error naming `option` and `target`, and writes nothing.
/// The marker lists the report's files (relative paths); on any exception the temporary folder is
/// removed.
void write_report_folder(const std::filesystem::path& target, bool force,
                         const std::function<void(const std::filesystem::path&)>& fill,
                         const std::string& option = "--report");

/// The refusals of write_report_folder, checked before any work (so a long run fails at once):
/// throws input_error where write_report_folder would. Returns whether `target` exists (as a
/// folder). O(1) file-system calls.
bool check_report_folder(const std::filesystem::path& target, bool force,
                         const std::string& option = "--report");

/// Writes text to `target` atomically ("-" = standard output).
void write_text(const std::filesystem::path& target, const std::string& text);

/// Writes a route's legs as features of one layer `route` (travel legs: LineStrings following
/// the links' geometry, or straight between places; stops: Points): GeoJSON (.geojson/.json) or
/// GeoPackage (.gpkg) by extension; "-" writes GeoJSON to standard output.
/// Attributes per leg: seq, kind, mode, line, from, to, distance_km, time_h, cost_usd_per_t,
/// co2_kg_per_t, weight, border_crossings, gauge_breaks, links.
void write_route(const std::filesystem::path& target, const built_network& net, const route& r);

/// A route with the label of the option it answers ("rail", "rail+sea", ...).
struct labelled_route {
  std::string label;
  const route* r = nullptr;
};

/// Several routes in one layer `route`, each feature with an `option` attribute (the label);
/// routes with status no_path are skipped. Same formats and attributes as write_route.
void write_routes(const std::filesystem::path& target, const built_network& net,
                  const std::vector<labelled_route>& routes);

/// Writes link flows as features of one layer `flows`: every link with flow > 0 or in `cut`, with
/// id (link_label: record id or transfer kind and layers), from, to, mode, flow, capacity (null
/// when unlimited), utilisation and min_cut (0/1).
/// GeoJSON or GeoPackage by extension; "-" writes GeoJSON to standard output.
void write_link_flows(const std::filesystem::path& target, const built_network& net,
                      const std::vector<double>& flow, const std::vector<double>& capacity,
                      const std::vector<std::uint8_t>& cut);

/// Writes the links `links` (ids of `net`) as features of one layer `links`, with id (link_label),
/// from, to, mode and one real field per column (values in the order of `links`; NaN = null). GeoJSON or
/// GeoPackage by extension; "-" writes GeoJSON to standard output. Atomic.
void write_link_values(const std::filesystem::path& target, const built_network& net,
                       const std::vector<std::uint32_t>& links,
                       const std::vector<std::pair<std::string, std::vector<double>>>& columns);

/// Writes a network in corridor's schema: `nodes` and `links` layers in one GeoPackage (.gpkg),
/// or nodes.geojson and links.geojson in a folder (any other path). read_network reads it back
/// to the same network.
void write_network(const std::filesystem::path& target, const built_network& net);

}  // namespace corridor::gis
