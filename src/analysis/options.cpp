#include "corridor/analysis/options.hpp"

#include <algorithm>
#include <array>
#include <string>
#include <utility>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/network/modes.hpp"
#include "corridor/text.hpp"

namespace corridor::analysis {

std::vector<option_spec> parse_options(const gis::loaded_network& n, const std::string& list,
                                       const link_filter& base, const note_fn& note) {
  std::vector<option_spec> out;
  for (const std::string& label : split_list(list)) {
    option_spec o{label, base, {}};
    std::vector<std::string> parts;
    for (std::size_t i = 0; i <= label.size();) {
      const std::size_t j = std::min(label.find('/', i), label.size());
      parts.push_back(label.substr(i, j - i));
      i = j + 1;
    }
    std::size_t first_via = 0;
    if (parts[0].rfind("via:", 0) != 0) {
      first_via = 1;
      if (parts[0] != "multimodal") {
        std::array<bool, mode_count> allowed{};
        std::size_t i = 0;
        while (i <= parts[0].size()) {
          const std::size_t j = std::min(parts[0].find('+', i), parts[0].size());
          const std::string name = parts[0].substr(i, j - i);
          i = j + 1;
          const auto m = parse_mode(name);
          if (!m || *m == mode::transfer) {
            throw input_error("--options '" + label + "': unknown mode '" + name +
                              "' (rail, road, sea, inland_waterway, multimodal, via:PLACE)");
          }
          allowed[static_cast<std::size_t>(*m)] = true;
          o.constraints.require_mode(*m);
        }
        // Access modes, first and last mile only: road for every option that does not list it,
        // and rail too for water-only options (rail to the port, as on the Yangtze at Chongqing).
        const bool water_only = !allowed[static_cast<std::size_t>(mode::rail)] &&
                                !allowed[static_cast<std::size_t>(mode::road)];
        for (const mode access : {mode::road, mode::rail}) {
          if (allowed[static_cast<std::size_t>(access)]) continue;
          if (access == mode::rail && !water_only) continue;
          allowed[static_cast<std::size_t>(access)] = true;
          o.constraints.access_mode(access);
        }
        for (std::size_t k = 0; k < mode_count; ++k) {
          const auto m = static_cast<mode>(k);
          if (!allowed[k] && m != mode::transfer) o.filter.exclude_mode(m);
        }
      }
    }
    for (std::size_t k = first_via; k < parts.size(); ++k) {
      if (parts[k].rfind("via:", 0) != 0 || parts[k].size() == 4) {
        throw input_error("--options '" + label + "': expected via:PLACE after '/', got '" +
                          parts[k] + "'");
      }
      o.constraints.via.push_back(
          resolve_place(n, parts[k].substr(4), "--options via", nullptr, note));
    }
    out.push_back(std::move(o));
  }
  if (out.empty()) throw input_error("--options: no option given");
  return out;
}

}  // namespace corridor::analysis
