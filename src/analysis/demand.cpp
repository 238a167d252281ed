#include "corridor/analysis/demand.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "corridor/assign/zones.hpp"
#include "corridor/error.hpp"

namespace corridor::analysis {

double place_demand::total_tonnes() const noexcept {
  double total = 0;
  for (const od_pair& p : pairs) total += p.tonnes;
  return total;
}

std::vector<place_od> place_demand::place_ods() const {
  std::vector<place_od> out;
  out.reserve(pairs.size());
  for (const od_pair& p : pairs) out.push_back({p.origin, p.destination, p.tonnes});
  return out;
}

place_demand read_demand(const gis::loaded_network& n, const std::string& path,
                         const note_fn& note) {
  place_demand out;
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::size_t> index;
  for (const gis::od_row& row : gis::read_od_csv(path)) {
    const std::string where = path + ":" + std::to_string(row.line) + ": field";
    const std::uint32_t o =
        resolve_place(n, row.origin, (where + " 'origin'").c_str(), nullptr, note);
    const std::uint32_t d =
        resolve_place(n, row.destination, (where + " 'destination'").c_str(), nullptr, note);
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

demand_volumes load_demand(const network_state& state, const link_filter& filter,
                           const link_costs& costs, const place_demand& d, criterion by,
                           loading_method method, double relative_gap) {
  const built_network& net = state.net();
  const std::vector<place_od> od = d.place_ods();
  demand_volumes out;
  if (method == loading_method::all_or_nothing) {
    const std::vector<double> w =
        filtered_weights(net, state.links(), costs.criterion_weights(by), filter);
    place_loading r = all_or_nothing_places(net, w, od);
    out.volume = std::move(r.volume);
    out.unrouted_tonnes = r.unrouted_tonnes;
    return out;
  }
  if (by != criterion::time && by != criterion::generalized) {
    throw input_error(
        "--assignment gp: congestion acts on time; use --by time or generalized, not --by " +
        std::string(to_string(by)));
  }
  assignment_options opt;
  opt.algorithm = assignment_algorithm::gp;
  opt.relative_gap = relative_gap;
  opt.max_iterations = 1000;
  place_assignment r = assign_places(net, state.links(), costs, filter, od, by, {}, opt);
  out.volume = std::move(r.volume);
  out.unrouted_tonnes = r.unrouted_tonnes;
  out.equilibrium = std::move(r.result);
  return out;
}

mincost_result route_at_least_cost(const built_network& net, const link_columns& L,
                                   const link_filter& filter, const link_costs& costs,
                                   const place_demand& d, criterion by) {
  mincost_result out;
  std::vector<double> place_supply(net.place_count(), 0.0);
  for (const od_pair& p : d.pairs) {
    place_supply[p.origin] += p.tonnes;
    place_supply[p.destination] -= p.tonnes;
    out.total_tonnes += p.tonnes;
  }
  std::vector<std::uint32_t> zone_place;
  std::vector<std::vector<node_id>> zone_nodes;
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    if (place_supply[p] == 0) continue;
    zone_place.push_back(p);
    zone_nodes.push_back(net.nodes_of(p));
  }
  const zoned_network z = add_zones(net.graph, usable_links(net, L, filter), zone_nodes);
  const std::vector<double> base_cost = costs.criterion_weights(by);
  const std::vector<double> cost = z.column<double>(base_cost, 0.0);
  const std::vector<double> capacity =
      z.column<double>(L.capacity_t_per_year, std::nan(""));  // NaN: unlimited
  std::vector<double> supply(z.graph.node_count(), 0.0);
  for (std::uint32_t i = 0; i < z.zones; ++i) supply[i] = place_supply[zone_place[i]];
  min_cost_flow_result r = min_cost_flow(z.graph, by_column(capacity), by_column(cost), supply);
  out.status = r.status;
  const std::uint32_t m = net.graph.link_count();
  out.volume =
      out.status == min_cost_status::optimal ? z.to_base(r.flow, m) : std::vector<double>(m, 0.0);
  out.cost = r.cost;
  out.resolution = r.resolution;
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

}  // namespace corridor::analysis
