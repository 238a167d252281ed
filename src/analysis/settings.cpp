#include "corridor/analysis/settings.hpp"

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "corridor/cost/link_costs.hpp"
#include "corridor/error.hpp"

namespace corridor::analysis {

void apply_settings(cost_profile& p, const std::vector<std::string>& settings) {
  for (const std::string& s : settings) {
    const auto eq = s.find('=');
    if (eq == std::string::npos) throw input_error("--set '" + s + "': expected NAME=VALUE");
    const std::string v = s.substr(eq + 1);
    double x = 0;
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (ec != std::errc() || end != v.data() + v.size()) {
      throw input_error("--set '" + s + "': '" + v + "' is not a number");
    }
    p.set(s.substr(0, eq), x);
  }
}

void apply_settings(cost_profile& p, const std::string& file,
                    const std::vector<std::string>& settings) {
  if (!file.empty()) {
    const gis::profile_file pf = gis::read_profile_file(file);
    for (const auto& [k, v] : pf.settings) {
      p.set(k, v);
      p.provenance[k] = "profile " + file;
    }
    for (const auto& [k, text] : pf.sources) p.provenance[k] = "profile " + file + ": " + text;
  }
  apply_settings(p, settings);
}

void apply_settings(const built_network& net, cost_profile& p, const std::string& file,
                    const std::vector<std::string>& settings) {
  const std::vector<std::string> before = names_not_in(net, p);
  apply_settings(p, file, settings);
  for (const std::string& name : names_not_in(net, p)) {
    if (std::find(before.begin(), before.end(), name) != before.end()) continue;
    throw lookup_error("--set/--profile: '" + name + "' names a " +
                       std::string(absent_subject(net, name)) +
                       " the network does not have (see corridor info)");
  }
}

void apply_scenario_settings(cost_profile& p, const gis::scenario& s) {
  for (const auto& [k, v] : s.settings) p.set(k, v);
  for (const auto& [k, text] : s.setting_sources) p.provenance[k] = text;
}

}  // namespace corridor::analysis
