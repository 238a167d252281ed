#include "corridor/analysis/flow.hpp"

#include <cmath>

#include "corridor/cost/capacity.hpp"
#include "corridor/cost/filters.hpp"
#include "corridor/error.hpp"
#include "corridor/text.hpp"

namespace corridor::analysis {
namespace {

std::vector<node_id> nodes_of_places(const built_network& net,
                                     const std::vector<std::uint32_t>& places) {
  std::vector<node_id> out;
  for (const std::uint32_t p : places) {
    for (const node_id v : net.nodes_of(p)) out.push_back(v);
  }
  return out;
}

}  // namespace

std::vector<std::uint32_t> resolve_places(const gis::loaded_network& n, const std::string& list,
                                          const char* option, const note_fn& note) {
  std::vector<std::uint32_t> out;
  for (const std::string& item : split_list(list)) {
    out.push_back(resolve_place(n, item, option, nullptr, note));
  }
  if (out.empty()) throw input_error(std::string(option) + ": no place given");
  return out;
}

flow_answer max_flow_between(const analysis_input& in, const std::string& from_list,
                             const std::string& to_list, const note_fn& note) {
  const gis::loaded_network& n = in.loaded();
  const built_network& net = n.net;
  flow_answer out;
  out.from = from_list.empty() ? n.flow_sources : resolve_places(n, from_list, "--from", note);
  out.to = to_list.empty() ? n.flow_sinks : resolve_places(n, to_list, "--to", note);
  if (out.from.empty() || out.to.empty()) {
    throw input_error("flow: give --from and --to (only DIMACS .max files name their own)");
  }
  out.abstract = !n.is_corridor_network();
  const link_columns& L = in.links();
  out.capacity = out.abstract ? L.capacity_t_per_year : link_capacities(net, L, in.profile);
  out.defaulted.assign(out.capacity.size(), 0);
  const std::vector<std::uint8_t> usable = usable_links(net, L, in.filter);
  for (std::size_t l = 0; l < out.capacity.size(); ++l) {
    out.defaulted[l] = std::isnan(L.capacity_t_per_year[l]) && !std::isnan(out.capacity[l]);
    if (usable[l] == 0) out.capacity[l] = 0;
  }
  out.result = max_flow(net.graph, by_column(out.capacity), nodes_of_places(net, out.from),
                        nodes_of_places(net, out.to));
  return out;
}

}  // namespace corridor::analysis
