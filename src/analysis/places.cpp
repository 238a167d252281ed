#include "corridor/analysis/places.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/geo.hpp"
#include "corridor/text.hpp"

namespace corridor::analysis {
namespace {

/// Levenshtein distance, for "did you mean".
std::size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<std::size_t> d(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) d[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t prev = d[0];
    d[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cur = d[j];
      d[j] = std::min({d[j] + 1, d[j - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      prev = cur;
    }
  }
  return d[b.size()];
}

/// "lon,lat" in degrees, else nothing.
std::optional<geo::lonlat> parse_lonlat(const std::string& text) {
  const auto comma = text.find(',');
  if (comma == std::string::npos || text.find(',', comma + 1) != std::string::npos) return {};
  const auto number = [](std::string_view v, double& x) {
    while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
    const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    return ec == std::errc() && end == v.data() + v.size();
  };
  double lon = 0, lat = 0;
  const std::string_view all(text);
  if (!number(all.substr(0, comma), lon) || !number(all.substr(comma + 1), lat)) return {};
  return geo::lonlat{lon, lat};
}

/// The place nearest a position, within max_snap_km; reported on standard error.
std::uint32_t nearest_place(const gis::loaded_network& n, geo::lonlat at, const std::string& text,
                            const char* option, const snap_filter* snap, const note_fn& note) {
  const built_network& net = n.net;
  if (!(at.lon >= -180 && at.lon <= 180 && at.lat >= -90 && at.lat <= 90)) {
    throw input_error(std::string(option) + " '" + text +
                      "': not a position (lon,lat in degrees: lon -180..180, lat -90..90)");
  }
  // With a filter: only places that a usable link touches.
  std::vector<std::uint8_t> served;
  if (snap != nullptr) {
    const std::vector<std::uint8_t> usable = usable_links(net, snap->links, snap->filter);
    served.assign(net.place_count(), 0);
    for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
      if (usable[l] == 0) continue;
      served[net.place_of(net.graph.tail(link_id{l}))] = 1;
      served[net.place_of(net.graph.head(link_id{l}))] = 1;
    }
  }
  const char* which = served.empty() ? "node" : "node with a usable link";
  std::uint32_t best = no_index;
  double best_km = std::numeric_limits<double>::infinity();
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    if (!net.places.has_position(p) || (!served.empty() && served[p] == 0)) continue;
    const double km = geo::great_circle_km(net.places.position[p], at);
    if (km < best_km) {
      best_km = km;
      best = p;
    }
  }
  if (best == no_index) {
    throw input_error(std::string(option) + " '" + text + "': " + n.path.string() + " has no " +
                      which + " with a position; give a node id");
  }
  if (best_km > max_snap_km) {
    throw lookup_error(std::string(option) + " '" + text + "': no " + which + " within " +
                       std::to_string(static_cast<int>(max_snap_km)) + " km (the nearest, " +
                       net.places.id[best] + ", is " + std::to_string(std::lround(best_km)) +
                       " km away)");
  }
  if (note) {
    char km[32];
    std::snprintf(km, sizeof km, "%.2f", best_km);
    note(std::string(option) + " " + text + ": node " + net.places.id[best] +
         (net.places.name[best].empty() ? "" : " (" + net.places.name[best] + ")") + ", " + km +
         " km away");
  }
  return best;
}

}  // namespace

std::uint32_t resolve_place(const gis::loaded_network& n, const std::string& text,
                            const char* option, const snap_filter* snap, const note_fn& note) {
  const built_network& net = n.net;
  if (const auto p = net.find_place(text); p != no_index) return p;
  if (const auto at = parse_lonlat(text)) return nearest_place(n, *at, text, option, snap, note);
  const std::string want = to_lower(text);
  std::vector<std::uint32_t> by_name;
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    if (to_lower(net.places.name[p]) == want || to_lower(net.places.id[p]) == want)
      by_name.push_back(p);
  }
  if (by_name.size() == 1) return by_name.front();
  std::string msg = std::string(option) + " '" + text + "': ";
  if (by_name.size() > 1) {
    msg += "several nodes have this name:";
    for (const auto p : by_name) msg += " " + net.places.id[p];
    throw lookup_error(msg + " (use an id)");
  }
  // Suggestions: names or ids containing the text, else the closest ids.
  std::vector<std::pair<std::size_t, std::uint32_t>> scored;
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    const std::string id = to_lower(net.places.id[p]), name = to_lower(net.places.name[p]);
    const bool contains =
        id.find(want) != std::string::npos || name.find(want) != std::string::npos;
    scored.emplace_back(contains ? 0 : edit_distance(want, id), p);
  }
  std::sort(scored.begin(), scored.end());
  msg += "no node with this id or name in " + n.path.string();
  if (!scored.empty()) {
    msg += " (did you mean:";
    for (std::size_t i = 0; i < std::min<std::size_t>(3, scored.size()); ++i) {
      msg += " " + net.places.id[scored[i].second];
    }
    msg += "?)";
  }
  throw lookup_error(msg);
}

}  // namespace corridor::analysis
