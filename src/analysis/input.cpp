#include "corridor/analysis/input.hpp"

#include <filesystem>
#include <memory>
#include <string>

#include "corridor/analysis/settings.hpp"
#include "corridor/error.hpp"

namespace corridor::analysis {

std::shared_ptr<const gis::loaded_network> network_cache::get(const std::filesystem::path& path) {
  std::filesystem::path key = path.lexically_normal();
  if (!key.has_filename() && key.has_relative_path()) key = key.parent_path();  // "dir/" = "dir"
  auto& slot = read_[key];
  if (!slot) slot = std::make_shared<const gis::loaded_network>(gis::read_network(key));
  return slot;
}

network_state open_scenario(const gis::scenario& s, network_cache& cache) {
  network_state st;
  if (!s.edits.add_places.empty() || !s.edits.add_links.empty()) {
    st.read = std::make_shared<const gis::loaded_network>(gis::load_scenario_network(s));
    st.materialised = true;
    return st;
  }
  st.read = cache.get(s.network);
  if (!s.edits.empty())
    st.overlay = std::make_shared<const scenario_overlay>(st.read->net, s.edits);
  return st;
}

analysis_input open_input(const std::string& network, const std::string& scenario,
                          const gis::read_options& options) {
  analysis_input in;
  if (network.empty() && scenario.empty()) {
    throw input_error("give a NETWORK (or --scenario FILE)");
  }
  if (!scenario.empty() && gis::is_scenario_file(network)) {
    throw input_error("give one scenario: " + network + " and --scenario " + scenario);
  }
  const std::string file = scenario.empty() ? network : scenario;
  if (!gis::is_scenario_file(file)) {
    if (!scenario.empty()) {
      throw input_error("--scenario " + file + ": not a scenario file (.toml)");
    }
    in.state.read =
        std::make_shared<const gis::loaded_network>(gis::read_network(network, options));
    return in;
  }
  gis::scenario s = gis::read_scenario(file);
  if (!scenario.empty() && !network.empty()) s.network = network;
  network_cache cache;
  in.state = open_scenario(s, cache);
  apply_scenario_filters(s, in.filter, in.profile);
  return in;
}

void apply_scenario_filters(const gis::scenario& s, link_filter& filter, cost_profile& profile) {
  filter.year = s.year;
  filter.full_build_out = s.full_build_out;
  filter.passenger_lines = s.passenger_lines;
  apply_scenario_settings(profile, s);
}

}  // namespace corridor::analysis
