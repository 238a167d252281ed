#include "demand.hpp"

#include <algorithm>
#include <map>
#include <utility>

#include <fmt/format.h>

#include "common.hpp"

namespace corridor::cli {

place_demand read_place_demand(const gis::loaded_network& n, const std::string& path) {
  place_demand out;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> index;
  for (const gis::od_row& row : gis::read_od_csv(path)) {
    const std::string where = path + ":" + std::to_string(row.line) + ": field";
    const std::uint32_t o = resolve_place(n, row.origin, (where + " 'origin'").c_str());
    const std::uint32_t d = resolve_place(n, row.destination, (where + " 'destination'").c_str());
    if (o == d) {
      out.intrazonal += row.tonnes;
      continue;
    }
    const auto [it, added] = index.try_emplace({o, d}, out.pairs.size());
    if (added) out.pairs.push_back({o, d, 0, row.line});
    out.pairs[it->second].tonnes += row.tonnes;
  }
  return out;
}

std::vector<corridor_total> corridor_totals(const built_network& net,
                                            const std::vector<double>& volume) {
  std::vector<corridor_total> out(net.corridors.size());
  for (std::uint32_t l = 0; l < volume.size(); ++l) {
    const std::uint32_t rec = net.links.record[l];
    if (rec == no_index || !(volume[l] > 0)) continue;
    for (const std::uint32_t c : net.records.corridors_of(rec)) {
      out[c].max_link_tonnes = std::max(out[c].max_link_tonnes, volume[l]);
      out[c].tonne_km += volume[l] * net.links.length_km[l];
    }
  }
  return out;
}

std::string link_label(const built_network& net, std::uint32_t l) {
  const std::uint32_t rec = net.links.record[l];
  return rec == no_index ? fmt::format("{} transfer", to_string(net.links.transfer[l]))
                         : net.records.id[rec];
}

}  // namespace corridor::cli
