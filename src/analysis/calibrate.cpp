#include "corridor/analysis/calibrate.hpp"

#include <utility>

#include "corridor/analysis/options.hpp"
#include "corridor/error.hpp"

namespace corridor::analysis {

std::vector<observation> resolve_observations(const analysis_input& in,
                                              const std::vector<gis::observation_row>& rows,
                                              const std::string& file, const note_fn& note) {
  std::vector<observation> out;
  const gis::loaded_network& n = in.loaded();
  for (const gis::observation_row& row : rows) {
    const std::string at = file + ":" + std::to_string(row.line) + ": field ";
    observation o;
    o.id = row.id;
    o.observed_h = row.hours;
    o.weight = row.weight;
    link_filter filter = in.filter;
    if (row.year) filter.year = row.year;
    const snap_filter snap{in.links(), filter};
    try {
      o.from = resolve_place(n, row.from, (at + "'from'").c_str(), &snap, note);
      o.to = resolve_place(n, row.to, (at + "'to'").c_str(), &snap, note);
    } catch (const lookup_error& e) {
      throw input_error(e.what());
    }
    std::vector<option_spec> spec;
    try {
      spec = parse_options(n, row.options, filter, note);
    } catch (const error& e) {
      throw input_error(at + "'options': " + e.what());
    }
    if (spec.size() != 1) {
      throw input_error(at + "'options': '" + row.options +
                        "' must be one option (rail, road, rail+sea, multimodal, via:PLACE, ...)");
    }
    o.filter = spec[0].filter;
    o.constraints = spec[0].constraints;
    out.push_back(std::move(o));
  }
  return out;
}

void drop_unroutable(const analysis_input& in, const cost_profile& p, std::vector<observation>& obs,
                     std::vector<gis::observation_row>& rows, const std::string& file, bool skip,
                     const note_fn& note) {
  std::vector<bool> routed;
  (void)detail::route_all(in.net(), in.links(), p, obs, routed);
  std::string problems;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    if (routed[i]) continue;
    problems += file + ":" + std::to_string(rows[i].line) + ": observation '" + rows[i].id + "' (" +
                rows[i].from + " -> " + rows[i].to + " by " + rows[i].options +
                "): the model finds no route\n";
  }
  if (problems.empty()) return;
  problems.pop_back();
  if (!skip)
    throw input_error(problems + "\n(fix the rows, or --skip-unroutable to leave them out)");
  if (note) note("left out (--skip-unroutable):\n" + problems);
  std::size_t kept = 0;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    if (!routed[i]) continue;
    if (kept != i) {  // a self-move would empty the strings
      obs[kept] = std::move(obs[i]);
      rows[kept] = std::move(rows[i]);
    }
    ++kept;
  }
  obs.resize(kept);
  rows.resize(kept);
}

}  // namespace corridor::analysis
