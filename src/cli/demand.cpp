#include "demand.hpp"

#include "common.hpp"

namespace corridor::cli {

place_demand read_place_demand(const gis::loaded_network& n, const std::string& path) {
  return analysis::read_demand(n, path, print_note);
}

void json_corridors(report::json_writer& j, const built_network& net,
                    const std::vector<corridor_total>& totals) {
  j.key("corridors").begin_array();
  for (std::uint32_t c = 0; c < totals.size(); ++c) {
    if (totals[c].tonne_km <= 0) continue;
    j.begin_object().field("corridor", net.corridors[c]);
    j.field("max_link_tonnes", totals[c].max_link_tonnes);
    j.field("tonne_km", totals[c].tonne_km).end_object();
  }
  j.end_array();
}

}  // namespace corridor::cli
