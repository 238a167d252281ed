#include "questions.hpp"

#include <cctype>

#include "common.hpp"
#include "corridor/path/constrained.hpp"
#include "corridor/path/no_path.hpp"

namespace corridor::cli {

std::string slug(const std::string& s) {
  std::string out;
  for (const char ch : s) {
    const bool keep = std::isalnum(static_cast<unsigned char>(ch)) != 0;
    if (keep) {
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && out.back() == '-') out.pop_back();
  return out.empty() ? "x" : out;
}

study study_of(const gis::scenario& s, network_cache& cache) {
  study st;
  st.name = s.name;
  st.description = s.description;
  st.state = open_scenario(s, cache);
  st.filter.year = s.year;
  st.filter.full_build_out = s.full_build_out;
  st.filter.passenger_lines = s.passenger_lines;
  if (s.max_access_km) st.max_access_km = *s.max_access_km;
  apply_scenario_settings(st.profile, s);
  st.questions = s.questions;
  return st;
}

report::comparison answer(const study& st, const link_costs& costs, const gis::question& q,
                          criterion by, const std::string& options) {
  report::comparison c;
  c.scenario = st.name;
  c.label = q.label;
  // A position snaps to a place that the study's filters leave a usable link at.
  const snap_filter snap{st.state.links(), st.filter};
  c.from = place_arg(st.state.loaded(), q.from, "--from", &snap);
  c.to = place_arg(st.state.loaded(), q.to, "--to", &snap);
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
  for (option_spec& o : parse_options(st.state.loaded(), list, st.filter)) {
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

}  // namespace corridor::cli
