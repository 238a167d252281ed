#include "demand.hpp"

#include <algorithm>
#include <map>
#include <span>
#include <utility>

#include <fmt/format.h>

#include "common.hpp"
#include "corridor/assign/zones.hpp"
#include "corridor/path/dijkstra.hpp"

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

loaded_demand assign_demand(const built_network& net, const link_columns& L,
                            const link_costs& costs, const link_filter& filter,
                            std::vector<od_pair>& pairs, criterion by, bpr_parameters bpr,
                            assignment_options opt) {
  loaded_demand out;
  // Zones: one per place in the demand.
  std::vector<std::uint32_t> zone_of(net.place_count(), no_index), zone_place;
  std::vector<std::vector<node_id>> zone_nodes;
  for (const od_pair& p : pairs) {
    for (const std::uint32_t place : {p.origin, p.destination}) {
      if (zone_of[place] != no_index) continue;
      zone_of[place] = static_cast<std::uint32_t>(zone_place.size());
      zone_place.push_back(place);
      const auto nodes = net.nodes_of(place);
      zone_nodes.emplace_back(nodes.begin(), nodes.end());
    }
  }
  const std::vector<std::uint8_t> usable = usable_links(net, L, filter);
  const zoned_network z = add_zones(net.graph, usable, zone_nodes);

  // Volume-delay: BPR on the time part (valued at value_of_time for generalized), the rest fixed.
  const std::uint32_t m = net.graph.link_count();
  std::vector<double> fft(m), fixed(m);
  std::vector<double>& capacity = out.capacity;
  capacity.assign(m, 0.0);
  const double vot = by == criterion::generalized ? costs.value_of_time_usd_per_t_h : 1.0;
  for (std::uint32_t l = 0; l < m; ++l) {
    fft[l] = vot * costs.time_h(l);
    fixed[l] = by == criterion::generalized ? costs.generalized(l) - fft[l] : 0.0;
    const double c = L.capacity_t_per_year[l];
    capacity[l] = std::isfinite(c) && c > 0 ? c : 0.0;  // 0: no capacity given, no congestion
  }
  bpr_links vdf{z.column<double>(fft, 0.0),
                z.column<double>(capacity, 0.0),
                {},
                {},
                z.column<double>(fixed, 0.0)};
  vdf.b.assign(z.base_link.size(), bpr.alpha);
  vdf.power.assign(z.base_link.size(), bpr.beta);

  // OD pairs grouped by origin zone; pairs without any path are reported, not assigned.
  std::sort(pairs.begin(), pairs.end(), [&](const od_pair& x, const od_pair& y) {
    return std::pair{zone_of[x.origin], x.line} < std::pair{zone_of[y.origin], y.line};
  });
  std::vector<od_demand> od;
  {
    dijkstra_query q(z.graph);
    std::uint32_t last = no_index;
    for (const od_pair& p : pairs) {
      const node_id o = z.zone(zone_of[p.origin]);
      if (o.value() != last) {
        const auto w = [&](link_id l) {
          const node_id t = z.graph.tail(l);
          return t != o && t.value() < z.zones ? infinite_distance : vdf.free_flow_time[l.value()];
        };
        q.run(w, std::span<const node_id>(&o, 1));
        last = o.value();
      }
      const node_id d = z.zone(zone_of[p.destination]);
      if (q.reached(d)) {
        od.push_back({o, d, p.tonnes});
        out.routed += p.tonnes;
      } else {
        out.unrouted.push_back(&p);
        out.unrouted_tonnes += p.tonnes;
      }
    }
  }
  opt.first_thru_node = z.zones;
  out.result = assign(z.graph, vdf, od, opt);
  out.volume = z.to_base(out.result.flow, m);
  return out;
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
