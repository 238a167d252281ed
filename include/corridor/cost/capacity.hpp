// Capacities for flow questions: a link's own capacity, else the profile's default for its class.
//
//   std::vector<double> cap = corridor::link_capacities(net, net.links, profile);  // t/yr, NaN =
//   none
#pragma once

#include <cmath>
#include <cstdint>
#include <vector>

#include "corridor/cost/profile.hpp"
#include "corridor/network/builder.hpp"

namespace corridor {

/// Per link (t/yr): the link's own capacity_t_per_year (for generated transfers: the place's),
/// else the profile's default for its class: a land link between two countries the border
/// default; a rail link the standard-gauge or other-gauge line default by its gauge (a gauge-break
/// link the gauge_break default); a road link the road default; a transfer its kind's (port,
/// terminal, gauge_break). Sea and inland-waterway links have none (NaN: unlimited); ports limit
/// them. `L`: the link columns (net.links or a scenario overlay's). O(m).
[[nodiscard]] inline std::vector<double> link_capacities(const built_network& net,
                                                         const link_columns& L,
                                                         const cost_profile& p) {
  const auto m = net.graph.link_count();
  std::vector<double> cap(m);
  const cost_profile::capacity_defaults& d = p.capacity;
  for (std::uint32_t l = 0; l < m; ++l) {
    cap[l] = L.capacity_t_per_year[l];
    if (!std::isnan(cap[l])) continue;
    if (L.mode[l] == mode::transfer) {
      switch (L.transfer[l]) {
        case transfer_kind::port:
          cap[l] = d.port_t_per_year;
          break;
        case transfer_kind::terminal:
          cap[l] = d.terminal_t_per_year;
          break;
        case transfer_kind::gauge_break:
          cap[l] = d.gauge_break_t_per_year;
          break;
        default:
          break;
      }
    } else if (L.crosses_border[l] != 0) {
      cap[l] = d.border_t_per_year;
    } else if (L.transfer[l] == transfer_kind::gauge_break) {
      cap[l] = d.gauge_break_t_per_year;
    } else if (L.mode[l] == mode::rail) {
      cap[l] = L.gauge_mm[l] == 1435 ? d.rail_t_per_year : d.rail_other_gauge_t_per_year;
    } else if (L.mode[l] == mode::road) {
      cap[l] = d.road_t_per_year;
    }
  }
  return cap;
}

}  // namespace corridor
