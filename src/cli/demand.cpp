#include "demand.hpp"

#include <algorithm>
#include <map>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "common.hpp"
#include "corridor/path/dijkstra.hpp"

namespace corridor::cli {

place_demand read_place_demand(const gis::loaded_network& n, const std::string& path) {
  place_demand out;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> index;
  for (const gis::od_row& row : gis::read_od_csv(path)) {
    const std::string where = path + ":" + std::to_string(row.line) + ": field";
    const std::uint32_t o = place_arg(n, row.origin, (where + " 'origin'").c_str());
    const std::uint32_t d = place_arg(n, row.destination, (where + " 'destination'").c_str());
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

std::vector<corridor_total> corridor_totals(const built_network& net, const link_columns& L,
                                            const std::vector<double>& volume) {
  std::vector<corridor_total> out(net.corridors.size());
  for (std::uint32_t l = 0; l < volume.size(); ++l) {
    const std::uint32_t rec = net.links.record[l];
    if (rec == no_index || !(volume[l] > 0)) continue;
    for (const std::uint32_t c : net.records.corridors_of(rec)) {
      out[c].max_link_tonnes = std::max(out[c].max_link_tonnes, volume[l]);
      out[c].tonne_km += volume[l] * L.length_km[l];
    }
  }
  return out;
}

std::vector<double> aon_volumes(const built_network& net, const std::vector<double>& w,
                                const std::vector<od_pair>& pairs, double& unrouted) {
  std::vector<double> volume(net.graph.link_count(), 0.0);
  std::vector<const od_pair*> order;
  for (const od_pair& p : pairs) order.push_back(&p);
  std::stable_sort(order.begin(), order.end(),
                   [](const od_pair* a, const od_pair* b) { return a->origin < b->origin; });
  dijkstra_query q(net.graph);
  std::uint32_t last = no_index;
  for (const od_pair* p : order) {
    if (p->origin != last) {
      const auto from = net.nodes_of(p->origin);
      q.run(by_column(w), std::span<const node_id>(from.data(), from.size()));
      last = p->origin;
    }
    node_id best;
    double d = infinite_distance;
    for (const node_id v : net.nodes_of(p->destination)) {
      if (q.distance(v) < d) d = q.distance(v), best = v;
    }
    if (!best.valid()) {
      unrouted += p->tonnes;
      continue;
    }
    for (link_id l = q.parent_link(best); l.valid(); l = q.parent_link(net.graph.tail(l))) {
      volume[l.value()] += p->tonnes;
    }
  }
  return volume;
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

std::string link_label(const built_network& net, std::uint32_t l) {
  const std::uint32_t rec = net.links.record[l];
  if (rec != no_index) return net.records.id[rec];
  const link_id id{l};
  return fmt::format("{} transfer {}->{}", to_string(net.links.transfer[l]),
                     to_string(net.nodes.layer[net.graph.tail(id).value()].mode),
                     to_string(net.nodes.layer[net.graph.head(id).value()].mode));
}

}  // namespace corridor::cli
