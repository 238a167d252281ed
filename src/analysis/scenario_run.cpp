#include "corridor/analysis/scenario_run.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <utility>

#include "corridor/error.hpp"
#include "corridor/network/labels.hpp"

namespace corridor::analysis {
namespace {

/// A route's legs as place ids, modes and lines, to tell whether two routes differ.
std::vector<std::string> signature(const built_network& net, const route& r) {
  std::vector<std::string> out;
  for (const leg& l : r.legs) {
    out.push_back(net.places.id[l.from_place] + ">" + net.places.id[l.to_place] + ":" +
                  std::string(to_string(l.mode)) + ":" + l.line);
  }
  return out;
}

/// The question on the base; a place the scenario adds makes every base option no_path.
comparison answer_on_base(const study& base, const link_costs& costs, const gis::question& q,
                          criterion by, const std::string& options, const note_fn& note,
                          const comparison& on_scenario) {
  try {
    return answer(base, costs, q, by, options, note);
  } catch (const lookup_error&) {
    comparison c;  // from and to stay no_index: the base has no such place
    c.label = on_scenario.label;
    c.by = on_scenario.by;
    for (const option_result& o : on_scenario.options) {
      c.options.push_back({o.label, route{}, {}, "the base network has no such place"});
    }
    return c;
  }
}

void pair_options(const study& base, const study& scenario, question_diff& d) {
  for (std::size_t i = 0; i < d.scenario.options.size(); ++i) {
    option_diff o;
    o.label = d.scenario.options[i].label;
    o.base = &d.base.options[i].best;
    o.scenario = &d.scenario.options[i].best;
    o.changed =
        signature(base.state.net(), *o.base) != signature(scenario.state.net(), *o.scenario);
    o.base_reason = d.base.options[i].reason;
    o.scenario_reason = d.scenario.options[i].reason;
    d.options.push_back(std::move(o));
  }
}

}  // namespace

gis::scenario today_of(const gis::scenario& s) {
  gis::scenario b = s;
  b.edits = {};
  b.year.reset();
  b.full_build_out = false;
  b.name = "today";
  return b;
}

std::vector<question_diff> diff_questions(const study& base, const study& scenario,
                                          const std::vector<gis::question>& questions, criterion by,
                                          const std::string& options, const note_fn& note) {
  const link_costs sc_costs =
      compute_link_costs(scenario.state.net(), scenario.state.links(), scenario.profile);
  const link_costs bs_costs =
      compute_link_costs(base.state.net(), base.state.links(), base.profile);
  std::vector<question_diff> out;
  out.reserve(questions.size());
  for (const gis::question& q : questions) {
    question_diff d;
    d.scenario = answer(scenario, sc_costs, q, by, options, note);
    d.base = answer_on_base(base, bs_costs, q, by, options, note, d.scenario);
    const built_network& net = scenario.state.net();  // scenario edits only add places
    d.title = q.label.empty()
                  ? net.places.name[d.scenario.from] + " -> " + net.places.name[d.scenario.to]
                  : q.label;
    pair_options(base, scenario, d);
    out.push_back(std::move(d));
  }
  return out;
}

std::string link_match_key(const built_network& net, link_id l) {
  return link_label(net, l) + "|" + net.places.id[net.place_of(net.graph.tail(l))] + "|" +
         net.places.id[net.place_of(net.graph.head(l))] + "|" +
         std::string(to_string(net.links.mode[l.value()]));
}

std::vector<volume_row> match_volumes(const built_network& base_net,
                                      const std::vector<double>& base_volume,
                                      const built_network& scenario_net,
                                      const std::vector<double>& scenario_volume) {
  std::map<std::string, std::size_t> index;
  std::vector<volume_row> rows;
  const auto add = [&](const built_network& net, const std::vector<double>& v, bool scenario) {
    for (std::uint32_t l = 0; l < v.size(); ++l) {
      if (!(v[l] > 0)) continue;
      const link_id id{l};
      volume_row r{link_label(net, id), net.places.id[net.place_of(net.graph.tail(id))],
                   net.places.id[net.place_of(net.graph.head(id))],
                   std::string(to_string(net.links.mode[l]))};
      const auto [it, added] = index.try_emplace(link_match_key(net, id), rows.size());
      if (added) rows.push_back(std::move(r));
      (scenario ? rows[it->second].scenario : rows[it->second].base) += v[l];
    }
  };
  add(base_net, base_volume, false);
  add(scenario_net, scenario_volume, true);
  for (std::uint32_t l = 0; l < scenario_net.graph.link_count(); ++l) {
    const auto it = index.find(link_match_key(scenario_net, link_id{l}));
    if (it != index.end() && rows[it->second].scenario_link == no_index) {
      rows[it->second].scenario_link = l;
    }
  }
  std::stable_sort(rows.begin(), rows.end(), [](const volume_row& a, const volume_row& b) {
    return std::abs(a.scenario - a.base) > std::abs(b.scenario - b.base);
  });
  return rows;
}

}  // namespace corridor::analysis
