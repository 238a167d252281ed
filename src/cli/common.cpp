#include "common.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>
#include <random>
#include <string>

#include "corridor/cost/link_costs.hpp"
#include "corridor/error.hpp"
#include "corridor/gis/scenario.hpp"

namespace corridor::cli {
namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

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
                            const char* option, const snap_filter* snap) {
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
  std::fprintf(stderr, "corridor: %s %s: node %s%s, %.2f km away\n", option, text.c_str(),
               net.places.id[best].c_str(),
               net.places.name[best].empty() ? "" : (" (" + net.places.name[best] + ")").c_str(),
               best_km);
  return best;
}

}  // namespace

void add_format_and_output(CLI::App& sub, std::string& format, std::string& output,
                           const std::vector<std::string>& formats, const std::string& help) {
  format = formats.front();
  output = "-";
  sub.add_option("--format", format, help)->check(CLI::IsMember(formats))->capture_default_str();
  sub.add_option("-o,--output", output, "Write to FILE instead of standard output");
}

void network_args::add_to(CLI::App& app, bool scenarios) {
  CLI::Option* network =
      app.add_option("NETWORK", path,
                     scenarios ? "Network: a folder with nodes.* and links.*, a GeoPackage, a "
                                 "single GeoJSON, a DIMACS .gr or a TNTP _net.tntp file; or a "
                                 "scenario file (.toml)"
                               : "Network: a folder with nodes.* and links.*, a GeoPackage, a "
                                 "single GeoJSON, a DIMACS .gr or a TNTP _net.tntp file");
  if (scenarios) {
    app.add_option("--scenario", scenario,
                   "Scenario file (.toml): its edits, year and settings, on NETWORK when given, "
                   "else on the network it names");
  } else {
    network->required();
  }
  app.add_option("--map", maps,
                 "Read another schema: node.FIELD=SOURCE_FIELD or link.FIELD=SOURCE_FIELD "
                 "(repeatable), e.g. --map link.length_km=LEN_KM");
}

gis::loaded_network network_args::load() const { return gis::read_network(path, read_options()); }

gis::read_options network_args::read_options() const {
  gis::read_options opt;
  for (const std::string& m : maps) {
    const auto dot = m.find('.');
    const auto eq = m.find('=');
    if (dot == std::string::npos || eq == std::string::npos || eq < dot) {
      throw input_error("--map '" + m + "': expected node.FIELD=SOURCE or link.FIELD=SOURCE");
    }
    const std::string layer = m.substr(0, dot);
    const std::string field = m.substr(dot + 1, eq - dot - 1), source = m.substr(eq + 1);
    if (layer == "node") {
      opt.fields.node[field] = source;
    } else if (layer == "link") {
      opt.fields.link[field] = source;
    } else {
      throw input_error("--map '" + m + "': the layer must be 'node' or 'link'");
    }
  }
  return opt;
}

std::uint32_t resolve_place(const gis::loaded_network& n, const std::string& text,
                            const char* option, const snap_filter* snap) {
  const built_network& net = n.net;
  if (const auto p = net.find_place(text); p != no_index) return p;
  if (const auto at = parse_lonlat(text)) return nearest_place(n, *at, text, option, snap);
  const std::string want = lower(text);
  std::vector<std::uint32_t> by_name;
  for (std::uint32_t p = 0; p < net.place_count(); ++p) {
    if (lower(net.places.name[p]) == want || lower(net.places.id[p]) == want) by_name.push_back(p);
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
    const std::string id = lower(net.places.id[p]), name = lower(net.places.name[p]);
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

std::vector<option_spec> parse_options(const gis::loaded_network& n, const std::string& list,
                                       const link_filter& base) {
  std::vector<option_spec> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t end = std::min(list.find(',', start), list.size());
    std::string label = list.substr(start, end - start);
    start = end + 1;
    label.erase(0, label.find_first_not_of(" \t"));
    label.erase(label.find_last_not_of(" \t") + 1);
    if (label.empty()) continue;
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
      o.constraints.via.push_back(resolve_place(n, parts[k].substr(4), "--options via"));
    }
    out.push_back(std::move(o));
  }
  if (out.empty()) throw input_error("--options: no option given");
  return out;
}

analysis_input load_input(const network_args& args) {
  analysis_input in;
  if (args.path.empty() && args.scenario.empty()) {
    throw input_error("give a NETWORK (or --scenario FILE)");
  }
  if (!args.scenario.empty() && gis::is_scenario_file(args.path)) {
    throw input_error("give one scenario: " + args.path + " and --scenario " + args.scenario);
  }
  const std::string file = args.scenario.empty() ? args.path : args.scenario;
  if (!gis::is_scenario_file(file)) {
    if (!args.scenario.empty()) {
      throw input_error("--scenario " + file + ": not a scenario file (.toml)");
    }
    in.state.read = std::make_shared<const gis::loaded_network>(args.load());
    return in;
  }
  gis::scenario s = gis::read_scenario(file);
  if (!args.scenario.empty() && !args.path.empty()) s.network = args.path;
  network_cache cache;
  in.state = open_scenario(s, cache);
  in.filter.year = s.year;
  in.filter.full_build_out = s.full_build_out;
  in.filter.passenger_lines = s.passenger_lines;
  apply_scenario_settings(in.profile, s);
  return in;
}

std::shared_ptr<const gis::loaded_network> network_cache::get(const std::filesystem::path& path) {
  const std::filesystem::path key = path.lexically_normal();
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

void filter_args::add_to(CLI::App& app, bool with_settings) {
  app.add_option("--year", year, "The network as of this year")->check(CLI::Range(1800, 2200));
  app.add_flag("--passenger-lines", passenger_lines,
               "Let freight use passenger-only lines (freight=false)");
  app.add_option("--exclude-mode", exclude_modes, "Do not use this mode (repeatable)")
      ->check(CLI::IsMember({"rail", "road", "sea", "inland_waterway"}));
  if (with_settings) add_settings_options(app, profile_file, settings);
}

void filter_args::apply(analysis_input& in) const {
  apply_settings(in.net(), in.profile, profile_file, settings);
  if (year) in.filter.year = year;
  if (passenger_lines) in.filter.passenger_lines = true;
  for (const std::string& m : exclude_modes) in.filter.exclude_mode(*parse_mode(m));
}

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

void add_settings_options(CLI::App& app, std::string& profile_file,
                          std::vector<std::string>& settings) {
  app.add_option("--profile", profile_file,
                 "Cost parameters from a profile file (TOML [profile] NAME = VALUE, as written by "
                 "corridor calibrate --write-profile); --set overrides it");
  app.add_option("--set", settings, "Override a cost parameter, NAME=VALUE (repeatable)");
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

}  // namespace corridor::cli
