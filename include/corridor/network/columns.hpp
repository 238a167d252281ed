// Attribute columns kept outside the topology, indexed by place index, node_id or link_id.
//
// A *place* is a node of the input (a city, port, border station...). The builder expands each
// place into one network node per *layer* it is served by (rail of each gauge, road, sea, inland
// waterway) and joins those nodes by generated transfer links. Missing numbers are NaN.
#pragma once

#include <cstdint>
#include <limits>
#include <span>
#include <string>
#include <vector>

#include "corridor/geo.hpp"
#include "corridor/ids.hpp"
#include "corridor/network/modes.hpp"

namespace corridor {

inline constexpr std::uint32_t no_index = std::numeric_limits<std::uint32_t>::max();
inline constexpr double not_given = std::numeric_limits<double>::quiet_NaN();

/// Per place (input node), indexed 0..place_count-1 in input order.
struct place_columns {
  std::vector<std::string> id;  ///< external id, unique
  std::vector<std::string> name;
  std::vector<node_kind> kind;
  std::vector<std::string> country;   ///< ISO 3166-1 alpha-2, may be empty
  std::vector<geo::lonlat> position;  ///< NaN lon/lat when the input had no coordinates
  std::vector<double> dwell_h;        ///< transfer / clearance time here, NaN = profile default
  std::vector<double> handling_usd_per_t;   ///< transfer cost here, NaN = profile default
  std::vector<double> capacity_t_per_year;  ///< transfer facility capacity, NaN = unlimited
  std::vector<std::string> source;
  std::vector<std::string> confidence;
  /// Nodes of place p are the ids [first_node[p], first_node[p+1]).
  std::vector<std::uint32_t> first_node;

  [[nodiscard]] std::uint32_t size() const noexcept {
    return static_cast<std::uint32_t>(id.size());
  }
  [[nodiscard]] bool has_position(std::uint32_t p) const noexcept {
    return geo::valid(position[p]);
  }
};

/// Per network node.
struct node_columns {
  std::vector<std::uint32_t> place;  ///< index into place_columns
  std::vector<corridor::layer> layer;
};

/// Per input link record (one record gives one or two directed links).
struct record_columns {
  std::vector<std::string> id;
  std::vector<std::string> name;
  std::vector<std::string> line;     ///< the line or route the link is part of; legs group by it
  std::vector<std::string> country;  ///< e.g. "LA" or "CN-LA"
  std::vector<std::string> source;
  std::vector<std::string> confidence;
  std::vector<std::uint8_t> electrified;  ///< 0 unknown, 1 not electrified, 2 electrified
  /// Corridor memberships of record r: corridor indices [first_corridor[r], first_corridor[r+1]).
  std::vector<std::uint32_t> first_corridor;
  std::vector<std::uint32_t> corridor;
  /// Polyline of record r (from-end first): [first_point[r], first_point[r+1]); empty = straight.
  std::vector<std::uint32_t> first_point;
  std::vector<geo::lonlat> point;

  [[nodiscard]] std::uint32_t size() const noexcept {
    return static_cast<std::uint32_t>(id.size());
  }
  [[nodiscard]] std::span<const std::uint32_t> corridors_of(std::uint32_t r) const noexcept {
    return std::span<const std::uint32_t>(corridor).subspan(
        first_corridor[r], first_corridor[r + 1] - first_corridor[r]);
  }
  [[nodiscard]] std::span<const geo::lonlat> geometry_of(std::uint32_t r) const noexcept {
    return std::span<const geo::lonlat>(point).subspan(first_point[r],
                                                       first_point[r + 1] - first_point[r]);
  }
};

/// Per network link (directed), in CSR order.
struct link_columns {
  std::vector<std::uint32_t> record;   ///< input record, no_index for generated transfers
  std::vector<std::uint8_t> reversed;  ///< 1 when the link runs to -> from of its record
  std::vector<corridor::mode> mode;
  std::vector<transfer_kind> transfer;       ///< none, or the transfer this link is / carries
  std::vector<std::uint8_t> crosses_border;  ///< 1 for a land link between two countries
  std::vector<std::uint16_t> gauge_mm;       ///< gauge at the tail end (rail), 0 otherwise
  std::vector<double> length_km;
  std::vector<double> speed_kmh;      ///< NaN = the profile's speed for the mode
  std::vector<std::uint8_t> freight;  ///< 0 for a passenger-only line (HSR)
  std::vector<link_status> status;
  std::vector<std::int16_t> open_year;      ///< 0 = unknown (treated as always open)
  std::vector<double> capacity_t_per_year;  ///< NaN = unlimited
  std::vector<double> time_h;               ///< fixed extra time, NaN = none / profile default
  std::vector<double> cost_usd_per_t;       ///< fixed extra money, NaN = none / profile default
  std::vector<double> co2_kg_per_t;         ///< fixed extra CO2, NaN = none / profile default
  std::vector<double> weight;               ///< the input's own arc weight (DIMACS, TNTP), or NaN
};

}  // namespace corridor
