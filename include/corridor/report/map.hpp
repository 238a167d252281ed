// Maps for reports: the network by mode and status, country outlines, and routes in distinct
// colours, rendered with cairo to SVG or PNG.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "corridor/path/route.hpp"

namespace corridor::report {

/// A route to draw, with its legend label ("rail", "rail+sea", "Kunming -> Bangkok: rail").
struct map_route {
  std::string label;
  const route* r = nullptr;  ///< routes with status no_path are listed in the legend as such
};

struct map_options {
  /// Country outlines: any OGR polygon source, or a `.geojson.xz` (decompressed in memory). When
  /// empty or missing the map is drawn without outlines (a note in the corner says so).
  std::filesystem::path countries;
  int width_px = 1600;      ///< the height follows from the network's extent
  std::string title;        ///< drawn at the top
  std::optional<int> year;  ///< links not open in this year are drawn dashed (as planned)
  /// The link columns to draw statuses by (a scenario overlay's, whose closures draw as not
  /// open); null: the network's own. Must outlive the call.
  const link_columns* links = nullptr;
};

/// Renders the map to `target` (.svg or .png by extension), atomically (temporary file, then
/// rename). Throws corridor::input_error for another extension, corridor::error when writing
/// fails. The extent is the network's bounding box plus a margin (equirectangular projection
/// scaled by cos(mid latitude)).
void render_map(const std::filesystem::path& target, const built_network& net,
                const std::vector<map_route>& routes, const map_options& options);

}  // namespace corridor::report
