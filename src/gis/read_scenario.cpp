// The TOML scenario reader (toml++).
#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include <toml++/toml.h>

#include "corridor/cost/profile.hpp"
#include "corridor/gis/scenario.hpp"

namespace corridor::gis {
namespace {

namespace fs = std::filesystem;

/// Typed access to one TOML table, with errors naming file, line and key.
class table_reader {
 public:
  table_reader(const toml::table& t, std::string file, std::string path)
      : t_(t), file_(std::move(file)), path_(std::move(path)) {}

  [[noreturn]] void fail(const toml::node* n, const std::string& key,
                         const std::string& what) const {
    const auto line = n != nullptr ? n->source().begin.line : t_.source().begin.line;
    throw input_error(file_ + ":" + std::to_string(line) + ": key '" + qualified(key) +
                      "': " + what);
  }
  [[nodiscard]] std::string qualified(const std::string& key) const {
    return path_.empty() ? key : path_ + "." + key;
  }
  [[nodiscard]] std::string origin() const {
    return file_ + ":" + std::to_string(t_.source().begin.line);
  }
  /// Rejects keys outside `known` (typos must not pass silently).
  void only(std::initializer_list<const char*> known) const {
    for (auto&& [k, v] : t_) {
      const std::string key(k.str());
      if (std::none_of(known.begin(), known.end(), [&](const char* s) { return key == s; })) {
        std::string list;
        for (const char* s : known) list += (list.empty() ? "" : ", ") + std::string(s);
        fail(&v, key, "unknown key (known here: " + list + ")");
      }
    }
  }
  [[nodiscard]] const toml::node* get(const char* key) const { return t_.get(key); }

  [[nodiscard]] std::optional<std::string> text(const char* key, bool required = false) const {
    const toml::node* n = get(key);
    if (n == nullptr) {
      if (required) fail(nullptr, key, "missing");
      return std::nullopt;
    }
    if (!n->is_string()) fail(n, key, "must be a string");
    return n->value<std::string>();
  }
  [[nodiscard]] std::optional<double> number(const char* key) const {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    if (!n->is_number()) fail(n, key, "must be a number");
    const double v =
        n->is_integer() ? static_cast<double>(*n->value<std::int64_t>()) : *n->value<double>();
    if (!std::isfinite(v) || v < 0) fail(n, key, "must be a finite number >= 0");
    return v;
  }
  /// A number in [lo, hi] (negative allowed): a longitude or latitude.
  [[nodiscard]] std::optional<double> number_in(const char* key, double lo, double hi) const {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    if (!n->is_number()) fail(n, key, "must be a number");
    const double v =
        n->is_integer() ? static_cast<double>(*n->value<std::int64_t>()) : *n->value<double>();
    if (!(v >= lo && v <= hi)) {
      fail(n, key,
           "must be a number in " + std::to_string(static_cast<int>(lo)) + ".." +
               std::to_string(static_cast<int>(hi)));
    }
    return v;
  }
  [[nodiscard]] std::optional<int> integer(const char* key, int lo, int hi) const {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    if (!n->is_integer()) fail(n, key, "must be a whole number");
    const std::int64_t v = *n->value<std::int64_t>();
    if (v < lo || v > hi) {
      fail(n, key,
           std::to_string(v) + " is outside " + std::to_string(lo) + ".." + std::to_string(hi));
    }
    return static_cast<int>(v);
  }
  [[nodiscard]] std::optional<bool> boolean(const char* key) const {
    const toml::node* n = get(key);
    if (n == nullptr) return std::nullopt;
    if (!n->is_boolean()) fail(n, key, "must be true or false");
    return n->value<bool>();
  }
  [[nodiscard]] std::vector<std::string> strings(const char* key) const {
    std::vector<std::string> out;
    const toml::node* n = get(key);
    if (n == nullptr) return out;
    const toml::array* a = n->as_array();
    if (a == nullptr) fail(n, key, "must be an array of strings");
    for (const toml::node& e : *a) {
      if (!e.is_string()) fail(&e, key, "must be an array of strings");
      out.push_back(*e.value<std::string>());
    }
    return out;
  }
  [[nodiscard]] std::optional<link_status> status(const char* key) const {
    const auto s = text(key);
    if (!s) return std::nullopt;
    const auto st = parse_status(*s);
    if (!st)
      fail(get(key), key,
           "unknown status '" + *s + "' (operational, under_construction, planned, suspended)");
    return st;
  }

 private:
  const toml::table& t_;
  std::string file_;
  std::string path_;
};

/// Each table of an array of tables `key` (e.g. [[change]]).
template <class F>
void for_each_table(const toml::table& root, const std::string& file, const char* key, F&& f) {
  const toml::node* n = root.get(key);
  if (n == nullptr) return;
  const toml::array* a = n->as_array();
  if (a == nullptr || !a->is_array_of_tables()) {
    throw input_error(file + ":" + std::to_string(n->source().begin.line) + ": key '" + key +
                      "': must be an array of tables, written [[" + key + "]]");
  }
  for (const toml::node& e : *a) f(table_reader(*e.as_table(), file, key));
}

/// NAME = VALUE cost parameter settings of a [profile] table, each checked against the profile.
void read_settings(const table_reader& pr, const toml::table& t,
                   std::vector<std::pair<std::string, double>>& out) {
  for (auto&& [k, v] : t) {
    const std::string key(k.str());
    const auto value = pr.number(key.c_str());
    try {
      cost_profile probe = cost_profile::defaults();
      probe.set(key, *value);
    } catch (const error& e) {
      pr.fail(&v, key, e.what());
    }
    out.emplace_back(key, *value);
  }
}

toml::table parse_toml(const std::string& file) {
  try {
    return toml::parse_file(file);
  } catch (const toml::parse_error& e) {
    throw input_error(file + ":" + std::to_string(e.source().begin.line) + ": " +
                      std::string(e.description()));
  }
}

/// The [profile] key: a profile file's settings, or a table of NAME = VALUE.
void read_profile_key(const table_reader& top, const fs::path& path, const std::string& file,
                      scenario& s) {
  const toml::node* p = top.get("profile");
  if (p == nullptr) return;
  if (p->is_string()) {
    const profile_file pf = read_profile_file(path.parent_path() / *p->value<std::string>());
    s.settings.insert(s.settings.end(), pf.settings.begin(), pf.settings.end());
    s.setting_sources.insert(s.setting_sources.end(), pf.sources.begin(), pf.sources.end());
    return;
  }
  const toml::table* t = p->as_table();
  if (t == nullptr)
    top.fail(p, "profile", "must be a profile file name or a table of NAME = VALUE");
  read_settings(table_reader(*t, file, "profile"), *t, s.settings);
}

/// The top-level keys of one file (its `extends` base read first).
void read_top(const table_reader& top, const fs::path& path, const std::string& file, scenario& s) {
  s.file = path;
  if (const auto v = top.text("name")) s.name = *v;
  if (const auto v = top.text("description")) s.description = *v;
  if (const auto v = top.text("network")) {
    s.network = path.parent_path() / *v;
  } else if (s.network.empty()) {
    top.fail(nullptr, "network", "missing (the base network, relative to this file)");
  }
  if (const auto v = top.integer("year", 1800, 2200)) s.year = *v;
  if (const auto v = top.boolean("full_build_out")) s.full_build_out = *v;
  if (const auto v = top.boolean("passenger_lines")) s.passenger_lines = *v;
  if (const auto v = top.number("max_access_km")) s.max_access_km = *v;
  read_profile_key(top, path, file, s);
}

/// A record's source and confidence: as written, else "scenario FILE" and "scenario".
void set_provenance(const table_reader& t, const std::string& file, std::string& source,
                    std::string& confidence) {
  source = t.text("source").value_or("scenario " + file);
  confidence = t.text("confidence").value_or("scenario");
}

place_record read_add_node(const table_reader& t, const std::string& file) {
  t.only({"id", "name", "kind", "country", "lon", "lat", "dwell_h", "handling_usd_per_t",
          "capacity_t_per_year", "source", "confidence"});
  place_record p;
  p.origin = t.origin();
  p.id = *t.text("id", true);
  p.name = t.text("name").value_or(p.id);
  if (const auto k = t.text("kind")) {
    const auto kind = parse_node_kind(*k);
    if (!kind) t.fail(t.get("kind"), "kind", "unknown node kind '" + *k + "'");
    p.kind = *kind;
  }
  p.country = t.text("country").value_or("");
  const auto lon = t.number_in("lon", -180, 180);
  const auto lat = t.number_in("lat", -90, 90);
  if (lon.has_value() != lat.has_value()) {
    const char* missing = lon ? "lat" : "lon";
    t.fail(nullptr, missing, "missing (lon and lat go together)");
  }
  if (lon && lat) p.position = geo::lonlat{*lon, *lat};
  p.dwell_h = t.number("dwell_h").value_or(not_given);
  p.handling_usd_per_t = t.number("handling_usd_per_t").value_or(not_given);
  p.capacity_t_per_year = t.number("capacity_t_per_year").value_or(not_given);
  set_provenance(t, file, p.source, p.confidence);
  return p;
}

link_record read_add(const table_reader& t, const std::string& file) {
  t.only({"id",           "from",        "to",        "mode",        "line",
          "name",         "length_km",   "gauge_mm",  "gauge_to_mm", "speed_kmh",
          "freight",      "electrified", "status",    "open_year",   "capacity_t_per_year",
          "country",      "corridors",   "oneway",    "time_h",      "cost_usd_per_t",
          "co2_kg_per_t", "source",      "confidence"});
  link_record l;
  l.origin = t.origin();
  l.id = *t.text("id", true);
  l.from = *t.text("from", true);
  l.to = *t.text("to", true);
  const std::string m = *t.text("mode", true);
  const auto md = parse_mode(m);
  if (!md || *md == mode::transfer)
    t.fail(t.get("mode"), "mode", "unknown mode '" + m + "' (rail, road, sea, inland_waterway)");
  l.mode = *md;
  l.line = t.text("line").value_or("");
  l.name = t.text("name").value_or(l.id);
  l.length_km = t.number("length_km").value_or(not_given);
  if (std::isnan(l.length_km)) t.fail(nullptr, "length_km", "missing");
  l.gauge_mm = static_cast<std::uint16_t>(t.integer("gauge_mm", 1, 3000).value_or(0));
  l.gauge_to_mm = static_cast<std::uint16_t>(t.integer("gauge_to_mm", 1, 3000).value_or(0));
  l.speed_kmh = t.number("speed_kmh").value_or(not_given);
  l.freight = t.boolean("freight").value_or(true);
  l.electrified = t.boolean("electrified");
  l.status = t.status("status").value_or(link_status::operational);
  l.open_year = static_cast<std::int16_t>(t.integer("open_year", 1800, 2200).value_or(0));
  l.capacity_t_per_year = t.number("capacity_t_per_year").value_or(not_given);
  l.country = t.text("country").value_or("");
  l.corridors = t.strings("corridors");
  l.oneway = t.boolean("oneway").value_or(false);
  l.time_h = t.number("time_h").value_or(not_given);
  l.cost_usd_per_t = t.number("cost_usd_per_t").value_or(not_given);
  l.co2_kg_per_t = t.number("co2_kg_per_t").value_or(not_given);
  set_provenance(t, file, l.source, l.confidence);
  return l;
}

void read_close(const table_reader& t, scenario_edits& e) {
  t.only({"link", "links"});
  std::vector<std::string> ids = t.strings("links");
  if (const auto one = t.text("link")) ids.push_back(*one);
  if (ids.empty()) t.fail(nullptr, "link", "missing (link = \"id\" or links = [...])");
  for (std::string& id : ids) {
    e.close.push_back(std::move(id));
    e.close_origin.push_back(t.origin());
  }
}

link_change read_change(const table_reader& t) {
  t.only({"link", "status", "open_year", "length_km", "speed_kmh", "capacity_t_per_year", "freight",
          "time_h", "cost_usd_per_t", "co2_kg_per_t"});
  link_change c;
  c.origin = t.origin();
  c.link = *t.text("link", true);
  c.status = t.status("status");
  if (const auto y = t.integer("open_year", 1800, 2200))
    c.open_year = static_cast<std::int16_t>(*y);
  for (const auto& [key, field] : {std::pair{"length_km", &link_change::length_km},
                                   {"speed_kmh", &link_change::speed_kmh},
                                   {"capacity_t_per_year", &link_change::capacity_t_per_year},
                                   {"time_h", &link_change::time_h},
                                   {"cost_usd_per_t", &link_change::cost_usd_per_t},
                                   {"co2_kg_per_t", &link_change::co2_kg_per_t}}) {
    c.*field = t.number(key);
  }
  if (c.speed_kmh && *c.speed_kmh <= 0) t.fail(t.get("speed_kmh"), "speed_kmh", "must be > 0");
  c.freight = t.boolean("freight");
  return c;
}

question read_question(const table_reader& t) {
  t.only({"label", "from", "to", "options", "by"});
  question q;
  q.origin = t.origin();
  q.label = t.text("label").value_or("");
  q.from = *t.text("from", true);
  q.to = *t.text("to", true);
  q.options = t.strings("options");
  if (const auto b = t.text("by")) {
    q.by = parse_criterion(*b);
    if (!q.by || *q.by == criterion::weight) {
      t.fail(t.get("by"), "by",
             "unknown criterion '" + *b + "' (time, distance, cost, co2, generalized)");
    }
  }
  return q;
}

void read_into(const fs::path& path, scenario& s, std::set<fs::path>& seen) {
  const fs::path canonical = fs::weakly_canonical(path);
  if (!seen.insert(canonical).second) {
    throw input_error(path.string() + ": 'extends' forms a cycle through this file");
  }
  if (!fs::exists(path)) throw lookup_error(path.string() + ": no such scenario file");
  const std::string file = path.string();
  const toml::table root = parse_toml(file);
  const table_reader top(root, file, "");
  top.only({"extends", "name", "description", "network", "year", "full_build_out",
            "passenger_lines", "max_access_km", "profile", "add_node", "add", "close", "change",
            "question"});
  if (const auto base = top.text("extends")) read_into(path.parent_path() / *base, s, seen);
  read_top(top, path, file, s);
  for_each_table(root, file, "add_node", [&](const table_reader& t) {
    s.edits.add_places.push_back(read_add_node(t, file));
  });
  for_each_table(root, file, "add",
                 [&](const table_reader& t) { s.edits.add_links.push_back(read_add(t, file)); });
  for_each_table(root, file, "close", [&](const table_reader& t) { read_close(t, s.edits); });
  for_each_table(root, file, "change",
                 [&](const table_reader& t) { s.edits.change.push_back(read_change(t)); });
  for_each_table(root, file, "question",
                 [&](const table_reader& t) { s.questions.push_back(read_question(t)); });
}

}  // namespace

scenario read_scenario(const std::filesystem::path& file) {
  scenario s;
  std::set<fs::path> seen;
  read_into(file, s, seen);
  if (s.name.empty()) s.name = file.stem().string();
  return s;
}

loaded_network load_scenario_network(const scenario& s) {
  network_records r = read_network_records(s.network);
  apply_edits(s.edits, r.places, r.links);
  loaded_network n = build_network(std::move(r));
  n.path = s.file;
  return n;
}

bool is_scenario_file(const std::filesystem::path& p) { return p.extension() == ".toml"; }

profile_file read_profile_file(const fs::path& path) {
  const std::string file = path.string();
  if (!fs::is_regular_file(path)) throw input_error(file + ": no such profile file");
  const toml::table root = parse_toml(file);
  const table_reader top(root, file, "");
  top.only({"description", "profile", "sources"});
  profile_file pf;
  pf.file = path;
  if (const auto d = top.text("description")) pf.description = *d;
  const toml::node* p = top.get("profile");
  if (p == nullptr || !p->is_table()) top.fail(p, "profile", "missing: a table of NAME = VALUE");
  read_settings(table_reader(*p->as_table(), file, "profile"), *p->as_table(), pf.settings);
  if (const toml::node* src = top.get("sources")) {
    if (!src->is_table()) top.fail(src, "sources", "must be a table of NAME = \"text\"");
    const table_reader sr(*src->as_table(), file, "sources");
    for (auto&& [k, v] : *src->as_table()) {
      const std::string key(k.str());
      const bool set = std::any_of(pf.settings.begin(), pf.settings.end(),
                                   [&](const auto& kv) { return kv.first == key; });
      if (!set) sr.fail(&v, key, "a source for a parameter that [profile] does not set");
      pf.sources.emplace_back(key, *sr.text(key.c_str()));
    }
  }
  return pf;
}

}  // namespace corridor::gis
