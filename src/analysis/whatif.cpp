#include "corridor/analysis/whatif.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

#include "corridor/analysis/demand.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/error.hpp"
#include "corridor/gis/scenario.hpp"
#include "corridor/text.hpp"
#include "corridor/whatif/generate.hpp"

namespace corridor::analysis {
namespace {

/// Zones in order of first use, one per place.
struct zone_index {
  const built_network& net;
  zoned_demand& d;
  std::vector<std::uint32_t> zone_of = std::vector<std::uint32_t>(net.place_count(), no_index);

  Eigen::Index operator()(std::uint32_t p) {
    if (zone_of[p] == no_index) {
      zone_of[p] = static_cast<std::uint32_t>(d.places.size());
      d.places.push_back(p);
      const auto nodes = net.nodes_of(p);
      d.zones.emplace_back(nodes.begin(), nodes.end());
    }
    return static_cast<Eigen::Index>(zone_of[p]);
  }
};

zoned_demand from_file(const gis::loaded_network& n, const std::string& file, const note_fn& note) {
  zoned_demand d;
  zone_index zone{n.net, d};
  const place_demand pd = read_demand(n, file, note);
  for (const od_pair& p : pd.pairs) {
    zone(p.origin);
    zone(p.destination);
  }
  const auto z = static_cast<Eigen::Index>(d.places.size());
  d.tonnes = Eigen::MatrixXd::Zero(z, z);
  for (const od_pair& p : pd.pairs) d.tonnes(zone(p.origin), zone(p.destination)) += p.tonnes;
  d.description = "demand " + file + " (" + std::to_string(pd.pairs.size()) + " OD pairs)";
  return d;
}

std::vector<std::uint32_t> uniform_places(const gis::loaded_network& n, const std::string& between,
                                          const note_fn& note, std::string& description) {
  const built_network& net = n.net;
  std::vector<std::uint32_t> places;
  if (between.empty() || between == "all") {
    if (net.place_count() > max_uniform_places) {
      throw input_error("whatif: " + n.path.string() + " has " + std::to_string(net.place_count()) +
                        " places; give --demand FILE or --between A,B,... (uniform demand over "
                        "all places is for networks of at most 2000)");
    }
    places.resize(net.place_count());
    std::iota(places.begin(), places.end(), std::uint32_t{0});
    description = "uniform demand, 1 t between every ordered pair of the " +
                  std::to_string(places.size()) + " places";
    return places;
  }
  for (const std::string& item : split_list(between)) {
    places.push_back(resolve_place(n, item, "--between", nullptr, note));
  }
  std::sort(places.begin(), places.end());
  places.erase(std::unique(places.begin(), places.end()), places.end());
  if (places.size() < 2) throw input_error("--between: give at least two places");
  description = "uniform demand, 1 t between every ordered pair of " +
                std::to_string(places.size()) + " places";
  return places;
}

/// The node of `place` in the layer of `m` (and `gauge_mm` when given), or an input_error.
node_id layer_node(const built_network& net, std::uint32_t place, mode m, std::uint16_t gauge_mm,
                   const std::string& where) {
  std::vector<node_id> found;
  for (const node_id v : net.nodes_of(place)) {
    const layer& l = net.nodes.layer[v.value()];
    if (l.mode == m && (gauge_mm == 0 || l.gauge_mm == gauge_mm)) found.push_back(v);
  }
  if (found.size() == 1) return found.front();
  if (found.empty()) {
    throw input_error(where + ": " + net.places.id[place] + " has no " + std::string(to_string(m)) +
                      (gauge_mm != 0 ? " " + std::to_string(gauge_mm) + " mm" : "") +
                      " node to join (a candidate cannot create one; connect the place first)");
  }
  std::string gauges;
  for (const node_id v : found) {
    gauges += (gauges.empty() ? "" : ", ") + std::to_string(net.nodes.layer[v.value()].gauge_mm);
  }
  throw input_error(where + ": " + net.places.id[place] + " has " + std::string(to_string(m)) +
                    " nodes of gauges " + gauges + " mm; give the gauge_mm column");
}

/// A candidate of a corridor network: its layer nodes and its weight by mode and length.
void physical_candidate(const analysis_input& in, const whatif_weights& x,
                        const gis::candidate_row& r, std::uint32_t pf, std::uint32_t pt,
                        const std::string& where, candidate_link& c) {
  const built_network& net = in.net();
  const mode m = *parse_mode(r.mode);
  c.from = layer_node(net, pf, m, r.gauge_mm, where + ": field 'from'");
  c.to = layer_node(net, pt, m, r.gauge_mm, where + ": field 'to'");
  const std::string& cf = net.places.country[pf];
  const std::string& ct = net.places.country[pt];
  const bool border = !is_water(m) && !cf.empty() && !ct.empty() && cf != ct;
  const double border_h = border ? border_time_h(net, in.profile, m, pf, pt) : not_given;
  c.weight = new_link_weight(in.profile, x.by, m, net.nodes.layer[c.from.value()].gauge_mm,
                             r.length_km, r.speed_kmh, border_h);
}

/// The OD pairs that gain most from candidate k, largest gain first, at most `count`.
std::vector<pair_gain> gaining_pairs(const link_addition_ranker& ranker, const zoned_demand& d,
                                     std::uint32_t k, std::size_t count) {
  const Eigen::MatrixXd after = ranker.od_with(k);
  const Eigen::MatrixXd& before = ranker.base_od_weights();
  std::vector<pair_gain> out;
  for (Eigen::Index i = 0; i < after.rows(); ++i) {
    for (Eigen::Index j = 0; j < after.cols(); ++j) {
      const double t = d.tonnes(i, j);
      if (t > 0 && after(i, j) < before(i, j)) {
        out.push_back({d.places[static_cast<std::size_t>(i)], d.places[static_cast<std::size_t>(j)],
                       t, before(i, j), after(i, j)});
      }
    }
  }
  const auto gain = [](const pair_gain& p) {
    return std::isfinite(p.before) ? p.tonnes * (p.before - p.after) : HUGE_VAL;
  };
  std::sort(out.begin(), out.end(),
            [&](const pair_gain& p, const pair_gain& q) { return gain(p) > gain(q); });
  if (out.size() > count) out.resize(count);
  return out;
}

std::uint32_t record_index(const gis::loaded_network& n, const std::string& id,
                           const std::string& option) {
  const built_network& net = n.net;
  for (std::uint32_t rec = 0; rec < net.records.size(); ++rec) {
    if (net.records.id[rec] == id) return rec;
  }
  throw lookup_error(option + " '" + id + "': no link with this id in " + n.path.string());
}

std::vector<link_id> links_of_records(const built_network& net,
                                      const std::vector<std::uint32_t>& recs) {
  std::vector<link_id> out;
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const std::uint32_t rec = net.links.record[l];
    if (rec != no_index && std::find(recs.begin(), recs.end(), rec) != recs.end()) {
      out.push_back(link_id{l});
    }
  }
  return out;
}

void every_record(const built_network& net, const std::vector<double>& w,
                  std::vector<closure_group>& groups) {
  std::vector<std::vector<link_id>> by_record(net.records.size());
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const std::uint32_t rec = net.links.record[l];
    if (rec != no_index && std::isfinite(w[l])) by_record[rec].push_back(link_id{l});
  }
  for (std::uint32_t rec = 0; rec < net.records.size(); ++rec) {
    if (!by_record[rec].empty()) groups.push_back({net.records.id[rec], "link", by_record[rec]});
  }
}

void every_corridor(const built_network& net, std::vector<closure_group>& groups) {
  for (std::uint32_t c = 0; c < net.corridors.size(); ++c) {
    std::vector<link_id> ls;
    for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
      const std::uint32_t rec = net.links.record[l];
      if (rec == no_index) continue;
      const auto cs = net.records.corridors_of(rec);
      if (std::find(cs.begin(), cs.end(), c) != cs.end()) ls.push_back(link_id{l});
    }
    groups.push_back({net.corridors[c], "corridor", ls});
  }
}

void every_facility(const built_network& net, std::vector<closure_group>& groups) {
  std::vector<std::vector<link_id>> at(net.place_count());
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    if (net.links.mode[l] == mode::transfer) {
      at[net.place_of(net.graph.tail(link_id{l}))].push_back(link_id{l});
    }
  }
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    if (!at[p].empty()) groups.push_back({net.places.id[p], "facility", at[p]});
  }
}

closure_group named_group(const gis::loaded_network& n, const std::string& spec) {
  const auto eq = spec.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw input_error("--group '" + spec + "': expected NAME=ID,ID,...");
  }
  std::vector<std::uint32_t> recs;
  for (const std::string& id : split_list(std::string_view(spec).substr(eq + 1))) {
    recs.push_back(record_index(n, id, "--group " + spec.substr(0, eq) + ":"));
  }
  if (recs.empty()) throw input_error("--group '" + spec + "': no link ids");
  return {spec.substr(0, eq), "group", links_of_records(n.net, recs)};
}

}  // namespace

zoned_demand zoned_demand_of(const gis::loaded_network& n, const std::string& demand_file,
                             const std::string& between, const note_fn& note) {
  if (!demand_file.empty()) {
    if (!between.empty()) throw input_error("whatif: give --demand or --between, not both");
    return from_file(n, demand_file, note);
  }
  zoned_demand d;
  const std::vector<std::uint32_t> places = uniform_places(n, between, note, d.description);
  zone_index zone{n.net, d};
  for (const std::uint32_t p : places) zone(p);
  const auto z = static_cast<Eigen::Index>(places.size());
  d.tonnes = Eigen::MatrixXd::Ones(z, z);
  d.tonnes.diagonal().setZero();
  return d;
}

whatif_weights weights_for(const analysis_input& in, const std::string& by) {
  const gis::loaded_network& n = in.loaded();
  whatif_weights x;
  x.physical = n.is_corridor_network();
  x.by = *parse_criterion(by.empty() ? (x.physical ? "generalized" : "weight") : by);
  if (x.by == criterion::weight && x.physical) {
    throw input_error("--by weight: " + n.path.string() +
                      " has no arc weights; use time, distance, cost, co2 or generalized");
  }
  if (x.by != criterion::weight && !x.physical) {
    throw input_error("--by " + std::string(to_string(x.by)) + ": " + n.path.string() +
                      " is an abstract graph without physical units; use --by weight");
  }
  const std::vector<double> base =
      x.physical ? compute_link_costs(in.net(), in.links(), in.profile).criterion_weights(x.by)
                 : in.links().weight;
  x.w = filtered_weights(in.net(), in.links(), base, in.filter);
  return x;
}

std::vector<gis::candidate_row> generate_candidates(const gis::loaded_network& n,
                                                    const generate_options& o) {
  const built_network& net = n.net;
  if (!n.is_corridor_network()) {
    throw input_error("--generate: " + n.path.string() +
                      " has no modes or positions; give --candidates with weights");
  }
  const std::uint16_t gauge = o.link_mode == mode::rail ? o.gauge_mm : 0;
  std::vector<gis::candidate_row> out;
  for (const place_pair& pp : candidate_pairs(net, layer{o.link_mode, gauge}, o.within_km)) {
    gis::candidate_row r;
    r.id = "gen_" + net.places.id[pp.from_place] + "_" + net.places.id[pp.to_place];
    r.from = net.places.id[pp.from_place];
    r.to = net.places.id[pp.to_place];
    r.mode = std::string(to_string(o.link_mode));
    r.gauge_mm = gauge;
    r.length_km = pp.great_circle_km * o.detour;
    if (o.cost_per_km) r.cost_musd = r.length_km * *o.cost_per_km;
    out.push_back(std::move(r));
  }
  return out;
}

std::vector<gis::candidate_row> candidates_of_scenario(const std::string& file) {
  const gis::scenario s = gis::read_scenario(file);
  if (!s.edits.add_places.empty()) {
    throw input_error(file + ": candidates join existing places; this scenario adds " +
                      std::to_string(s.edits.add_places.size()) + " ([[add_node]])");
  }
  std::vector<gis::candidate_row> out;
  for (const link_record& l : s.edits.add_links) {
    gis::candidate_row r;
    r.id = l.id;
    r.from = l.from;
    r.to = l.to;
    r.mode = std::string(to_string(l.mode));
    r.length_km = l.length_km;
    r.gauge_mm = l.gauge_mm;
    r.speed_kmh = l.speed_kmh;
    r.oneway = l.oneway;
    r.line = 0;
    out.push_back(std::move(r));
  }
  if (out.empty()) throw input_error(file + ": the scenario adds no links ([[add]])");
  return out;
}

std::vector<candidate_link> candidate_links(const analysis_input& in, const whatif_weights& x,
                                            const std::vector<gis::candidate_row>& rows,
                                            const std::string& file, const note_fn& note) {
  const gis::loaded_network& n = in.loaded();
  std::vector<candidate_link> out;
  for (const gis::candidate_row& r : rows) {
    const std::string where =
        r.line == 0 ? "generated candidate " + r.id : file + ":" + std::to_string(r.line);
    const std::uint32_t pf =
        resolve_place(n, r.from, (where + ": field 'from'").c_str(), nullptr, note);
    const std::uint32_t pt =
        resolve_place(n, r.to, (where + ": field 'to'").c_str(), nullptr, note);
    candidate_link c;
    c.two_way = !r.oneway;
    c.cost = r.cost_musd;
    if (!std::isnan(r.weight)) {
      if (x.physical) {
        throw input_error(where + ": field 'weight': " + n.path.string() +
                          " is a corridor network; describe candidates by mode and length_km");
      }
      c.from = n.net.nodes_of(pf).front();
      c.to = n.net.nodes_of(pt).front();
      c.weight = r.weight;
    } else {
      if (!x.physical) {
        throw input_error(where + ": " + n.path.string() +
                          " has plain arc weights; give candidates a 'weight' column");
      }
      physical_candidate(in, x, r, pf, pt, where, c);
    }
    out.push_back(c);
  }
  return out;
}

addition_ranking rank_additions(const network& g, const std::vector<double>& w,
                                const zoned_demand& demand, std::vector<candidate_link> candidates,
                                const addition_options& o, const progress_fn& progress) {
  const link_addition_ranker ranker(g, by_column(w), demand.zones, demand.tonnes,
                                    std::move(candidates));
  addition_ranking out;
  out.ranked = ranker.rank(progress);
  if (o.budget_musd) {
    out.chosen = o.exact ? ranker.choose_exact(*o.budget_musd) : ranker.choose(*o.budget_musd);
  }
  const std::size_t with_pairs = std::min(o.candidates_with_pairs, out.ranked.size());
  for (std::size_t i = 0; i < with_pairs; ++i) {
    out.top_pairs.push_back(gaining_pairs(ranker, demand, out.ranked[i].candidate, o.pairs));
  }
  return out;
}

std::vector<closure_group> closure_groups(const gis::loaded_network& n,
                                          const std::vector<double>& w, const closure_choice& c) {
  const built_network& net = n.net;
  std::vector<closure_group> groups;
  const bool chosen = !c.links.empty() || c.corridors || c.facilities || !c.groups.empty();
  if (!chosen) every_record(net, w, groups);
  for (const std::string& id : c.links) {
    groups.push_back({id, "link", links_of_records(net, {record_index(n, id, "--links")})});
  }
  if (c.corridors) every_corridor(net, groups);
  if (c.facilities) every_facility(net, groups);
  for (const std::string& spec : c.groups) groups.push_back(named_group(n, spec));
  return groups;
}

closure_ranking rank_closures(const network& g, const std::vector<double>& w,
                              const zoned_demand& demand, const std::vector<closure_group>& groups,
                              const progress_fn& progress) {
  std::vector<std::vector<link_id>> sets;
  sets.reserve(groups.size());
  for (const closure_group& grp : groups) sets.push_back(grp.links);
  closure_ranking out;
  out.impact = closure_impacts(g, by_column(w), demand.zones, demand.tonnes, sets, 0, progress);
  out.order.resize(groups.size());
  std::iota(out.order.begin(), out.order.end(), std::size_t{0});
  const auto& impact = out.impact;
  std::stable_sort(out.order.begin(), out.order.end(), [&](std::size_t i, std::size_t j) {
    if (impact[i].lost_tonnes != impact[j].lost_tonnes) {
      return impact[i].lost_tonnes > impact[j].lost_tonnes;
    }
    return impact[i].cost_increase > impact[j].cost_increase;
  });
  return out;
}

}  // namespace corridor::analysis
