// A lint for a planner's network before it runs: lengths against the great-circle distance of a
// link's ends (km typed as metres), misplaced nodes (swapped lon/lat, a node in the wrong ocean),
// implied speeds outside a mode's range, components per mode, near-duplicate nodes, links with no
// source, transfers without dwell, and scenario edits that change nothing.
//
//   std::vector<corridor::finding> f = corridor::check_network(net);
//   bool bad = corridor::has_errors(f);
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <numeric>
#include <string>
#include <vector>

#include "corridor/geo.hpp"
#include "corridor/network/builder.hpp"
#include "corridor/scenario/edits.hpp"

namespace corridor {

enum class severity : std::uint8_t { info, warning, error };

[[nodiscard]] constexpr std::string_view to_string(severity s) noexcept {
  constexpr std::string_view names[] = {"info", "warning", "error"};
  return names[static_cast<std::size_t>(s)];
}

/// One finding: how bad, a stable code ("length_long", "swapped_lonlat", ...), the id of the node
/// or link it is about (empty for network-wide findings) and a sentence for people.
struct finding {
  severity level = severity::info;
  std::string code;
  std::string subject;
  std::string message;
};

[[nodiscard]] inline bool has_errors(const std::vector<finding>& f) {
  return std::any_of(f.begin(), f.end(),
                     [](const finding& x) { return x.level == severity::error; });
}

namespace detail {

inline std::string position_text(geo::lonlat at) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "lon %.4f, lat %.4f", at.lon, at.lat);
  return buf;
}

inline std::string km_text(double km) {
  const double r = std::round(km);
  return std::to_string(static_cast<long long>(r)) + " km";
}

/// The first directed link of each input record (no_index for a record with none).
[[nodiscard]] inline std::vector<std::uint32_t> first_link_of_record(const built_network& net) {
  std::vector<std::uint32_t> out(net.records.size(), no_index);
  for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
    const std::uint32_t r = net.links.record[l];
    if (r != no_index && out[r] == no_index) out[r] = l;
  }
  return out;
}

struct record_ends {
  std::uint32_t from = no_index, to = no_index;  ///< places
  double length_km = 0;
  mode m = mode::road;
};

[[nodiscard]] inline std::vector<record_ends> ends_of_records(const built_network& net) {
  const std::vector<std::uint32_t> first = first_link_of_record(net);
  std::vector<record_ends> out(net.records.size());
  for (std::uint32_t r = 0; r < out.size(); ++r) {
    const std::uint32_t l = first[r];
    if (l == no_index) continue;
    std::uint32_t a = net.place_of(net.graph.tail(link_id{l}));
    std::uint32_t b = net.place_of(net.graph.head(link_id{l}));
    if (net.links.reversed[l] != 0) std::swap(a, b);
    out[r] = {a, b, net.links.length_km[l], net.links.mode[l]};
  }
  return out;
}

/// Whether a link of `km` between positions a and b is consistent: not shorter than 80% of the
/// straight line (less 5 km for rounding).
[[nodiscard]] inline bool consistent(double km, geo::lonlat a, geo::lonlat b) {
  return km >= 0.8 * geo::great_circle_km(a, b) - 5;
}

/// Per place, how many of its links (with both ends positioned) are inconsistent with the position
/// `at` given to it, and how many there are.
struct place_fit {
  std::size_t bad = 0, counted = 0;
};

[[nodiscard]] inline place_fit fit_at(const built_network& net,
                                      const std::vector<record_ends>& ends,
                                      const std::vector<std::uint32_t>& records, std::uint32_t p,
                                      geo::lonlat at) {
  place_fit f;
  for (const std::uint32_t r : records) {
    const std::uint32_t q = ends[r].from == p ? ends[r].to : ends[r].from;
    if (!net.places.has_position(q)) continue;
    ++f.counted;
    if (!consistent(ends[r].length_km, at, net.places.position[q])) ++f.bad;
  }
  return f;
}

/// Places in the wrong position: every link is far shorter than the distance to its other end,
/// and either there are two or more such links or the single neighbour fits its other links.
/// Reported as swapped lon/lat when swapping makes every link fit. Fills `misplaced`.
inline void check_positions(const built_network& net, const std::vector<record_ends>& ends,
                            std::vector<bool>& misplaced, std::vector<finding>& out) {
  const std::uint32_t n = net.place_count();
  std::vector<std::vector<std::uint32_t>> records_at(n);
  for (std::uint32_t r = 0; r < ends.size(); ++r) {
    if (ends[r].from == no_index || ends[r].from == ends[r].to) continue;
    records_at[ends[r].from].push_back(r);
    records_at[ends[r].to].push_back(r);
  }
  std::vector<place_fit> fit(n);
  for (std::uint32_t p = 0; p < n; ++p) {
    if (net.places.has_position(p))
      fit[p] = fit_at(net, ends, records_at[p], p, net.places.position[p]);
  }
  misplaced.assign(n, false);
  for (std::uint32_t p = 0; p < n; ++p) {
    const std::string& id = net.places.id[p];
    const geo::lonlat at = net.places.position[p];
    if (!net.places.has_position(p)) continue;
    const std::string where = " (" + position_text(at) + ")";
    if (std::abs(at.lat) > 90 || std::abs(at.lon) > 180) {
      misplaced[p] = true;
      const bool swapped = std::abs(at.lat) <= 180 && std::abs(at.lon) <= 90;
      out.push_back({severity::error, swapped ? "swapped_lonlat" : "bad_position", id,
                     "node " + id + where +
                         (swapped ? ": lat is not a latitude; lon and lat look swapped"
                                  : " is not a position on Earth")});
      continue;
    }
    if (fit[p].counted == 0 || fit[p].bad < fit[p].counted) continue;
    if (fit[p].counted == 1) {
      const std::uint32_t r = records_at[p].front();
      const std::uint32_t q = ends[r].from == p ? ends[r].to : ends[r].from;
      if (fit[q].bad >= fit[q].counted) continue;  // cannot tell which end: the link says it
    }
    misplaced[p] = true;
    const geo::lonlat swapped{at.lat, at.lon};
    if (std::abs(swapped.lat) <= 90 && fit_at(net, ends, records_at[p], p, swapped).bad == 0) {
      out.push_back({severity::error, "swapped_lonlat", id,
                     "node " + id + where +
                         ": lon and lat look swapped; swapped, every link's "
                         "length fits"});
    } else {
      out.push_back({severity::error, "misplaced", id,
                     "node " + id + where +
                         ": every link is far shorter than the distance to "
                         "its other end; the position is wrong"});
    }
  }
}

/// Link lengths against the straight line between their ends (ends not misplaced): shorter than
/// 80% of it (error), over 20x it plus 50 km (error: a unit typed wrong, e.g. metres as km), over
/// 3x (5x at sea) plus 50 km (warning: a long detour).
inline void check_lengths(const built_network& net, const std::vector<record_ends>& ends,
                          const std::vector<bool>& misplaced, std::vector<finding>& out) {
  for (std::uint32_t r = 0; r < ends.size(); ++r) {
    const record_ends& e = ends[r];
    if (e.from == no_index || misplaced[e.from] || misplaced[e.to]) continue;
    if (!net.places.has_position(e.from) || !net.places.has_position(e.to)) continue;
    const double gc = geo::great_circle_km(net.places.position[e.from], net.places.position[e.to]);
    const std::string& id = net.records.id[r];
    const std::string say = "link " + id + " (" + net.places.id[e.from] + " - " +
                            net.places.id[e.to] + "): length_km " + km_text(e.length_km) +
                            ", its ends are " + km_text(gc) + " apart";
    if (!consistent(e.length_km, net.places.position[e.from], net.places.position[e.to])) {
      out.push_back(
          {severity::error, "length_short", id, say + ": shorter than the straight line"});
    } else if (e.length_km > 20 * gc + 50) {
      out.push_back({severity::error, "length_long", id,
                     say + ": " +
                         std::to_string(static_cast<long long>(e.length_km / std::max(gc, 1.0))) +
                         "x the straight line (metres typed as km?)"});
    } else if (e.length_km > (e.m == mode::sea ? 5 : 3) * gc + 50) {
      out.push_back({severity::warning, "detour", id, say + ": a long detour"});
    }
  }
}

/// Design speeds and fixed times against a mode's physical range (rail 10-450 km/h, road 10-150,
/// sea 5-80, inland waterway 3-60).
inline void check_speeds(const built_network& net, std::vector<finding>& out) {
  const std::vector<std::uint32_t> first = first_link_of_record(net);
  for (std::uint32_t r = 0; r < first.size(); ++r) {
    const std::uint32_t l = first[r];
    if (l == no_index) continue;
    const mode m = net.links.mode[l];
    const double hi = m == mode::rail ? 450 : m == mode::road ? 150 : m == mode::sea ? 80 : 60;
    const double lo = m == mode::rail || m == mode::road ? 10 : m == mode::sea ? 5 : 3;
    const double v = net.links.speed_kmh[l];
    const std::string& id = net.records.id[r];
    if (!std::isnan(v) && (v < lo || v > hi)) {
      out.push_back({severity::warning, "speed_range", id,
                     "link " + id + ": speed_kmh " + std::to_string(v) + " is outside " +
                         std::string(to_string(m)) + "'s range " + std::to_string(int(lo)) + "-" +
                         std::to_string(int(hi)) + " km/h"});
    }
  }
}

/// Places outside the largest component of each mode's links (one finding per mode).
inline void check_components(const built_network& net, const std::vector<record_ends>& ends,
                             std::vector<finding>& out) {
  for (const mode m : {mode::rail, mode::road, mode::sea, mode::inland_waterway}) {
    std::vector<std::uint32_t> parent(net.place_count());
    std::iota(parent.begin(), parent.end(), 0u);
    const auto root = [&](std::uint32_t x) {
      while (parent[x] != x) x = parent[x] = parent[parent[x]];
      return x;
    };
    std::vector<bool> on(net.place_count(), false);
    for (const record_ends& e : ends) {
      if (e.from == no_index || e.m != m) continue;
      on[e.from] = on[e.to] = true;
      parent[root(e.from)] = root(e.to);
    }
    std::vector<std::uint32_t> size(net.place_count(), 0);
    for (std::uint32_t p = 0; p < on.size(); ++p) {
      if (on[p]) ++size[root(p)];
    }
    const auto biggest =
        static_cast<std::uint32_t>(std::max_element(size.begin(), size.end()) - size.begin());
    std::string outside;
    std::size_t count = 0;
    for (std::uint32_t p = 0; p < on.size(); ++p) {
      if (!on[p] || root(p) == root(biggest)) continue;
      if (++count <= 12) outside += (outside.empty() ? "" : ", ") + net.places.id[p];
    }
    if (count == 0) continue;
    out.push_back({severity::info, "components", std::string(to_string(m)),
                   std::string(to_string(m)) + ": " + std::to_string(count) +
                       " nodes outside its largest connected part: " + outside +
                       (count > 12 ? ", ..." : "")});
  }
}

/// Different places less than 1 km apart (sorted by latitude, a window of 0.01 degrees).
inline void check_duplicates(const built_network& net, std::vector<finding>& out) {
  std::vector<std::uint32_t> order;
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    if (net.places.has_position(p)) order.push_back(p);
  }
  std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) {
    return net.places.position[a].lat < net.places.position[b].lat;
  });
  for (std::size_t i = 0; i < order.size(); ++i) {
    const geo::lonlat a = net.places.position[order[i]];
    for (std::size_t j = i + 1; j < order.size(); ++j) {
      const geo::lonlat b = net.places.position[order[j]];
      if (b.lat - a.lat > 0.01) break;
      const double km = geo::great_circle_km(a, b);
      if (km >= 1) continue;
      out.push_back({severity::warning, "near_duplicate", net.places.id[order[j]],
                     "nodes " + net.places.id[order[i]] + " and " + net.places.id[order[j]] +
                         " are " + std::to_string(static_cast<int>(km * 1000)) +
                         " m apart (the same place twice?)"});
    }
  }
}

/// Links with no source, and places with transfers but no dwell (one finding each, with counts).
inline void check_sources(const built_network& net, std::vector<finding>& out) {
  std::string ids;
  std::size_t count = 0;
  for (std::uint32_t r = 0; r < net.records.size(); ++r) {
    if (!net.records.source[r].empty()) continue;
    if (++count <= 10) ids += (ids.empty() ? "" : ", ") + net.records.id[r];
  }
  if (count > 0) {
    out.push_back(
        {severity::warning, "no_source", "",
         std::to_string(count) + " links have no source: " + ids + (count > 10 ? ", ..." : "")});
  }
  ids.clear();
  count = 0;
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    const bool transfers = net.places.first_node[p + 1] - net.places.first_node[p] > 1;
    if (!transfers || !std::isnan(net.places.dwell_h[p])) continue;
    if (++count <= 10) ids += (ids.empty() ? "" : ", ") + net.places.id[p];
  }
  if (count > 0) {
    out.push_back({severity::info, "transfer_without_dwell", "",
                   std::to_string(count) +
                       " places with transfers give no dwell_h (the profile's "
                       "port/terminal/gauge_break times apply): " +
                       ids + (count > 10 ? ", ..." : "")});
  }
}

}  // namespace detail

/// Positions that are not on Earth, taken out of the records (so the rest can be built and
/// checked) and returned as errors: swapped lon/lat when swapping them gives a valid position.
/// O(places).
[[nodiscard]] inline std::vector<finding> take_invalid_positions(
    std::vector<place_record>& places) {
  std::vector<finding> out;
  for (place_record& p : places) {
    if (!p.position || geo::valid(*p.position)) continue;
    const geo::lonlat at = *p.position;
    const bool swapped = std::abs(at.lat) <= 180 && std::abs(at.lon) <= 90;
    out.push_back({severity::error, swapped ? "swapped_lonlat" : "bad_position", p.id,
                   "node " + p.id + " (" + detail::position_text(at) + ")" +
                       (swapped ? ": lat is not a latitude; lon and lat look swapped"
                                : ": not a position on Earth")});
    p.position.reset();
  }
  return out;
}

/// Every check on a built network, errors first. O(m + n log n).
[[nodiscard]] inline std::vector<finding> check_network(const built_network& net) {
  std::vector<finding> out;
  const std::vector<detail::record_ends> ends = detail::ends_of_records(net);
  std::vector<bool> misplaced;
  detail::check_positions(net, ends, misplaced, out);
  detail::check_lengths(net, ends, misplaced, out);
  detail::check_speeds(net, out);
  detail::check_duplicates(net, out);
  detail::check_components(net, ends, out);
  detail::check_sources(net, out);
  std::stable_sort(out.begin(), out.end(),
                   [](const finding& a, const finding& b) { return a.level > b.level; });
  return out;
}

/// Scenario edits that change nothing on `net` (the base): a closure of a link that is already
/// suspended, a change whose every value equals the base's. Warnings. O(edits x links).
[[nodiscard]] inline std::vector<finding> check_edits(const built_network& net,
                                                      const scenario_edits& e) {
  std::vector<finding> out;
  const std::vector<std::uint32_t> first = detail::first_link_of_record(net);
  const auto link_of = [&](const std::string& id) {
    for (std::uint32_t r = 0; r < net.records.size(); ++r) {
      if (net.records.id[r] == id) return first[r];
    }
    return no_index;
  };
  for (std::size_t i = 0; i < e.close.size(); ++i) {
    const std::uint32_t l = link_of(e.close[i]);
    if (l != no_index && net.links.status[l] == link_status::suspended) {
      out.push_back({severity::warning, "edit_no_effect", e.close[i],
                     (i < e.close_origin.size() ? e.close_origin[i] + ": " : std::string()) +
                         "close " + e.close[i] + ": the link is already suspended"});
    }
  }
  const auto same = [](double a, double b) { return a == b || (std::isnan(a) && std::isnan(b)); };
  for (const link_change& c : e.change) {
    const std::uint32_t l = link_of(c.link);
    if (l == no_index) continue;
    const link_columns& L = net.links;
    const bool changes =
        (c.status && *c.status != L.status[l]) || (c.open_year && *c.open_year != L.open_year[l]) ||
        (c.length_km && !same(*c.length_km, L.length_km[l])) ||
        (c.speed_kmh && !same(*c.speed_kmh, L.speed_kmh[l])) ||
        (c.capacity_t_per_year && !same(*c.capacity_t_per_year, L.capacity_t_per_year[l])) ||
        (c.freight && static_cast<std::uint8_t>(*c.freight) != L.freight[l]) ||
        (c.time_h && !same(*c.time_h, L.time_h[l])) ||
        (c.cost_usd_per_t && !same(*c.cost_usd_per_t, L.cost_usd_per_t[l])) ||
        (c.co2_kg_per_t && !same(*c.co2_kg_per_t, L.co2_kg_per_t[l]));
    if (!changes) {
      out.push_back({severity::warning, "edit_no_effect", c.link,
                     (c.origin.empty() ? std::string() : c.origin + ": ") + "change " + c.link +
                         ": every value it sets is the base network's already"});
    }
  }
  return out;
}

}  // namespace corridor
