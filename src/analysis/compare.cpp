#include "corridor/analysis/compare.hpp"

#include <string>
#include <utility>
#include <vector>

#include "corridor/analysis/options.hpp"
#include "corridor/analysis/settings.hpp"
#include "corridor/path/constrained.hpp"
#include "corridor/path/no_path.hpp"

namespace corridor::analysis {

best_options find_best(const comparison& c) {
  best_options b;
  const auto better = [&](int& best, std::size_t i, double v, double (*get)(const route_totals&)) {
    if (best < 0 || v < get(c.options[static_cast<std::size_t>(best)].best.totals)) {
      best = static_cast<int>(i);
    }
  };
  for (std::size_t i = 0; i < c.options.size(); ++i) {
    const route& r = c.options[i].best;
    if (r.status != route_status::ok) continue;
    better(b.time, i, r.totals.time_h, [](const route_totals& t) { return t.time_h; });
    better(b.cost, i, r.totals.cost_usd_per_t,
           [](const route_totals& t) { return t.cost_usd_per_t; });
    better(b.co2, i, r.totals.co2_kg_per_t, [](const route_totals& t) { return t.co2_kg_per_t; });
    better(b.distance, i, r.totals.distance_km,
           [](const route_totals& t) { return t.distance_km; });
  }
  return b;
}

study study_of(const gis::scenario& s, network_cache& cache) {
  study st;
  st.name = s.name;
  st.description = s.description;
  st.state = open_scenario(s, cache);
  apply_scenario_filters(s, st.filter, st.profile);
  if (s.max_access_km) st.max_access_km = *s.max_access_km;
  st.questions = s.questions;
  return st;
}

comparison answer(const study& st, const link_costs& costs, const gis::question& q, criterion by,
                  const std::string& options, const note_fn& note) {
  comparison c;
  c.scenario = st.name;
  c.label = q.label;
  // A position snaps to a place that the study's filters leave a usable link at.
  const snap_filter snap{st.state.links(), st.filter};
  c.from = resolve_place(st.state.loaded(), q.from, "--from", &snap, note);
  c.to = resolve_place(st.state.loaded(), q.to, "--to", &snap, note);
  c.by = q.by.value_or(by);
  c.query.year = st.filter.year;
  c.query.full_build_out = st.filter.full_build_out;
  if (st.filter.passenger_lines) {
    c.query.filters +=
        (c.query.filters.empty() ? "" : ", ") + std::string("passenger-only lines allowed");
  }
  std::string list = options;
  if (list.empty()) {
    for (const std::string& o : q.options) list += (list.empty() ? "" : ",") + o;
  }
  if (list.empty()) list = default_options;
  for (option_spec& o : parse_options(st.state.loaded(), list, st.filter, note)) {
    o.constraints.max_access_km = st.max_access_km;
    const built_network& net = st.state.net();
    std::string why;
    route r = find_sensible_route(net, st.state.links(), costs, c.by, o.filter, c.from, c.to,
                                  o.constraints, why);
    if (r.status != route_status::ok && why.empty()) {
      why = explain_no_path(net, st.state.links(), o.filter, c.from, c.to);
    }
    std::vector<std::string> names;
    for (const auto k : corridors_used(net, r)) names.push_back(net.corridors[k]);
    c.options.push_back({std::move(o.label), std::move(r), std::move(names), std::move(why)});
  }
  return c;
}

}  // namespace corridor::analysis
