// Finding places: by id, by name, or by a position snapped to the nearest usable node.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "corridor/cost/filters.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/network/columns.hpp"

namespace corridor::analysis {

/// Receives an informational message (a place snapped from a position, ...); the command line
/// prints it on standard error.
using note_fn = std::function<void(const std::string&)>;

/// How far a `lon,lat` given for a place may be from the nearest node, km.
inline constexpr double max_snap_km = 50;

/// What a position may snap to: places that a link usable under `filter` (judged on the link
/// columns `links`: the network's or a scenario overlay's) touches.
struct snap_filter {
  const link_columns& links;
  const link_filter& filter;
};

/// A place by id, else by name (case-insensitive), else by a position `lon,lat` (degrees: the
/// nearest node within max_snap_km, told to `note`; with `snap`, only places touched by a usable
/// link count, so that a position snaps to a node of the allowed modes). `option` names the
/// argument in messages ("--from"). Throws lookup_error naming the network and suggesting the
/// three closest ids (ids or names containing the text first, then by edit distance); input_error
/// for a position outside lon -180..180, lat -90..90. O(places x id length) when not found by id.
[[nodiscard]] std::uint32_t resolve_place(const gis::loaded_network& n, const std::string& text,
                                          const char* option, const snap_filter* snap = nullptr,
                                          const note_fn& note = {});

}  // namespace corridor::analysis
