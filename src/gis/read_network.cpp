// OGR reader for corridor's node and link schema (see docs/file-formats.md "Network files"), and
// the dispatch of read_network() by what the path is.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "corridor/gis/read.hpp"
#include "corridor/text.hpp"
#include "ogr_input.hpp"
#include "text_input.hpp"

namespace corridor::gis {
namespace {

using detail::dataset_ptr;
using detail::line_points;
using detail::open_vector;
using detail::polyline_km;
using detail::to_wgs84;

/// One feature being read: typed access to schema fields with messages naming file, feature and
/// field.
class feature_reader {
 public:
  feature_reader(const OGRFeature& f, const std::string& what, const std::string& origin,
                 const std::map<std::string, std::string>& rename)
      : f_(f), what_(what), origin_(origin), rename_(rename) {}

  void set_id(const std::string& id) { id_ = id; }
  [[nodiscard]] const std::string& origin() const { return origin_; }

  [[noreturn]] void fail(std::string_view field, const std::string& msg) const {
    std::string at =
        what_ + (id_.empty() ? std::string() : " '" + id_ + "'") + " (" + origin_ + ")";
    throw input_error(at + ": field '" + source_name(field) + "': " + msg);
  }

  [[nodiscard]] std::string source_name(std::string_view field) const {
    const auto it = rename_.find(std::string(field));
    return it == rename_.end() ? std::string(field) : it->second;
  }
  /// Field index, or -1 when the layer has no such field.
  [[nodiscard]] int index(std::string_view field) const {
    return f_.GetDefnRef()->GetFieldIndex(source_name(field).c_str());
  }
  [[nodiscard]] bool present(std::string_view field) const {
    const int i = index(field);
    return i >= 0 && f_.IsFieldSetAndNotNull(i);
  }

  [[nodiscard]] std::string text(std::string_view field, bool required = false) const {
    const int i = index(field);
    if (i < 0 || !f_.IsFieldSetAndNotNull(i)) {
      if (required) fail(field, i < 0 ? "missing (the layer has no such field)" : "missing");
      return {};
    }
    std::string s = trim(f_.GetFieldAsString(i));
    if (required && s.empty()) fail(field, "empty");
    return s;
  }

  /// A number, or NaN when absent/null. Strings must parse completely.
  [[nodiscard]] double number(std::string_view field) const {
    const int i = index(field);
    if (i < 0 || !f_.IsFieldSetAndNotNull(i)) return not_given;
    const OGRFieldType t = f_.GetFieldDefnRef(i)->GetType();
    if (t == OFTReal || t == OFTInteger || t == OFTInteger64) {
      const double v = f_.GetFieldAsDouble(i);
      if (!std::isfinite(v)) fail(field, "not a finite number");
      return v;
    }
    const std::string s = trim(f_.GetFieldAsString(i));
    if (s.empty()) return not_given;
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc() || end != s.data() + s.size() || !std::isfinite(v)) {
      fail(field, "'" + s + "' is not a number");
    }
    return v;
  }

  [[nodiscard]] std::int64_t integer(std::string_view field, std::int64_t lo, std::int64_t hi,
                                     std::int64_t absent) const {
    const double v = number(field);
    if (std::isnan(v)) return absent;
    if (v != std::floor(v) || v < static_cast<double>(lo) || v > static_cast<double>(hi)) {
      fail(field, std::to_string(v) + " is not a whole number in " + std::to_string(lo) + ".." +
                      std::to_string(hi));
    }
    return static_cast<std::int64_t>(v);
  }

  [[nodiscard]] bool boolean(std::string_view field, bool absent) const {
    const int i = index(field);
    if (i < 0 || !f_.IsFieldSetAndNotNull(i)) return absent;
    const OGRFieldType t = f_.GetFieldDefnRef(i)->GetType();
    if (t == OFTInteger || t == OFTInteger64) return f_.GetFieldAsInteger64(i) != 0;
    const std::string s = to_lower(trim(f_.GetFieldAsString(i)));
    if (s == "true" || s == "yes" || s == "1" || s == "y") return true;
    if (s == "false" || s == "no" || s == "0" || s == "n" || s.empty()) return false;
    fail(field, "'" + s + "' is not a boolean (true/false)");
  }

  /// Tri-state: absent or empty -> unknown; booleans, and OpenStreetMap's values (contact_line,
  /// rail, 4th_rail, ground-level_power_supply: yes; no).
  [[nodiscard]] std::optional<bool> electrified(std::string_view field) const {
    const int i = index(field);
    if (i < 0 || !f_.IsFieldSetAndNotNull(i)) return std::nullopt;
    const OGRFieldType t = f_.GetFieldDefnRef(i)->GetType();
    if (t == OFTInteger || t == OFTInteger64) return f_.GetFieldAsInteger64(i) != 0;
    const std::string s = trim(f_.GetFieldAsString(i));
    if (s.empty()) return std::nullopt;
    if (const auto e = parse_electrified(s)) return *e;
    fail(field, "'" + s + "' is not yes/no (or an OpenStreetMap value such as contact_line)");
  }

  [[nodiscard]] std::vector<std::string> list(std::string_view field) const {
    std::vector<std::string> out;
    const int i = index(field);
    if (i < 0 || !f_.IsFieldSetAndNotNull(i)) return out;
    if (f_.GetFieldDefnRef(i)->GetType() == OFTStringList) {
      for (char** p = f_.GetFieldAsStringList(i); p && *p; ++p) {
        if (std::string s = trim(*p); !s.empty()) out.push_back(std::move(s));
      }
      return out;
    }
    const std::string s = f_.GetFieldAsString(i);
    std::size_t start = 0;
    while (start <= s.size()) {
      const std::size_t end = std::min(s.find(';', start), s.size());
      if (std::string part = trim(std::string_view(s).substr(start, end - start)); !part.empty()) {
        out.push_back(std::move(part));
      }
      start = end + 1;
    }
    return out;
  }

 private:
  const OGRFeature& f_;
  std::string what_;
  std::string origin_;
  std::string id_;
  const std::map<std::string, std::string>& rename_;
};

place_record read_node(const OGRFeature& f, feature_reader& r, const to_wgs84& tr) {
  place_record p;
  p.origin = r.origin();
  p.id = r.text("id", true);
  r.set_id(p.id);
  p.name = r.text("name");
  if (p.name.empty()) p.name = p.id;
  if (const std::string k = r.text("kind"); !k.empty()) {
    const auto kind = parse_node_kind(to_lower(k));
    if (!kind) {
      r.fail("kind", "unknown node kind '" + k +
                         "' (city, seaport, river_port, dry_port, rail_hub, border_crossing, "
                         "industrial_park, sez, junction)");
    }
    p.kind = *kind;
  }
  p.country = r.text("country");
  const OGRGeometry* g = f.GetGeometryRef();
  if (g != nullptr && !g->IsEmpty()) {
    if (wkbFlatten(g->getGeometryType()) != wkbPoint) {
      r.fail("geometry", std::string("a node must be a Point, not ") + g->getGeometryName());
    }
    p.position = tr(g->toPoint()->getX(), g->toPoint()->getY());
  } else if (r.present("lon") || r.present("lat")) {
    p.position = geo::lonlat{r.number("lon"), r.number("lat")};
  }
  p.dwell_h = r.number("dwell_h");
  p.handling_usd_per_t = r.number("handling_usd_per_t");
  p.capacity_t_per_year = r.number("capacity_t_per_year");
  p.source = r.text("source");
  p.confidence = r.text("confidence");
  return p;
}

link_record read_link(const OGRFeature& f, feature_reader& r, const to_wgs84& tr) {
  link_record l;
  l.origin = r.origin();
  l.id = r.text("id", true);
  r.set_id(l.id);
  l.from = r.text("from", true);
  l.to = r.text("to", true);
  const std::string m = to_lower(r.text("mode", true));
  const auto md = parse_mode(m);
  if (!md) r.fail("mode", "unknown mode '" + m + "' (rail, road, sea, inland_waterway)");
  l.mode = *md;
  l.line = r.text("line");
  l.name = r.text("name");
  l.length_km = r.number("length_km");
  // gauge_mm: a number, or "1435/1000" for a gauge break (from-end/to-end).
  if (const int gi = r.index("gauge_mm");
      gi >= 0 && f.IsFieldSetAndNotNull(gi) && f.GetFieldDefnRef(gi)->GetType() == OFTString &&
      std::string(f.GetFieldAsString(gi)).find('/') != std::string::npos) {
    const std::string s = trim(f.GetFieldAsString(gi));
    const auto slash = s.find('/');
    unsigned a = 0, b = 0;
    const auto r1 = std::from_chars(s.data(), s.data() + slash, a);
    const auto r2 = std::from_chars(s.data() + slash + 1, s.data() + s.size(), b);
    if (r1.ec != std::errc() || r2.ec != std::errc() || r1.ptr != s.data() + slash ||
        r2.ptr != s.data() + s.size() || a == 0 || b == 0 || a > 3000 || b > 3000) {
      r.fail("gauge_mm", "'" + s + "' is not a gauge in mm or a gauge break like 1435/1000");
    }
    l.gauge_mm = static_cast<std::uint16_t>(a);
    l.gauge_to_mm = static_cast<std::uint16_t>(b);
  } else {
    l.gauge_mm = static_cast<std::uint16_t>(r.integer("gauge_mm", 1, 3000, 0));
    l.gauge_to_mm = static_cast<std::uint16_t>(r.integer("gauge_to_mm", 1, 3000, 0));
  }
  if (l.gauge_to_mm == l.gauge_mm) l.gauge_to_mm = 0;
  l.speed_kmh = r.number("speed_kmh");
  if (const std::string s = r.text("status"); !s.empty()) {
    const auto st = parse_status(to_lower(s));
    if (!st) {
      r.fail("status",
             "unknown status '" + s + "' (operational, under_construction, planned, suspended)");
    }
    l.status = *st;
  }
  l.open_year = static_cast<std::int16_t>(r.integer("open_year", 1800, 2200, 0));
  l.capacity_t_per_year = r.number("capacity_t_per_year");
  l.country = r.text("country");
  l.corridors = r.list("corridors");
  l.oneway = r.boolean("oneway", false);
  l.freight = r.boolean("freight", true);
  l.electrified = r.electrified("electrified");
  l.time_h = r.number("time_h");
  l.cost_usd_per_t = r.number("cost_usd_per_t");
  l.co2_kg_per_t = r.number("co2_kg_per_t");
  l.weight = r.number("weight");
  l.source = r.text("source");
  l.confidence = r.text("confidence");
  const OGRGeometry* g = f.GetGeometryRef();
  if (g != nullptr && !g->IsEmpty()) {
    const auto t = wkbFlatten(g->getGeometryType());
    if (t != wkbLineString && t != wkbMultiLineString) {
      r.fail("geometry", std::string("a link must be a LineString, not ") + g->getGeometryName());
    }
    l.geometry = line_points(g, tr);
  }
  return l;
}

std::string feature_origin(const std::filesystem::path& file, const std::string& layer,
                           bool multi_layer, std::size_t ordinal) {
  std::string s = file.string();
  if (multi_layer) s += " layer '" + layer + "'";
  return s + " feature " + std::to_string(ordinal);
}

OGRLayer& layer_named(GDALDataset& ds, const std::filesystem::path& p, const std::string& name) {
  if (ds.GetLayerCount() == 1) return *ds.GetLayer(0);
  OGRLayer* l = ds.GetLayerByName(name.c_str());
  if (l == nullptr) {
    std::string have;
    for (int i = 0; i < ds.GetLayerCount(); ++i) {
      have += (i ? ", " : "") + std::string(ds.GetLayer(i)->GetName());
    }
    throw lookup_error(p.string() + ": no layer '" + name + "' (layers: " + have + ")");
  }
  return *l;
}

/// Fills missing lengths from geometry (or the great circle), with a warning each.
void measure_missing_lengths(network_records& out) {
  const std::vector<place_record>& places = out.places;
  std::unordered_map<std::string, geo::lonlat> pos;
  for (const place_record& p : places) {
    if (p.position) pos.emplace(p.id, *p.position);
  }
  for (link_record& l : out.links) {
    if (!std::isnan(l.length_km)) continue;
    double km = not_given;
    std::string how;
    if (l.geometry.size() >= 2) {
      km = polyline_km(l.geometry);
      how = "its geometry";
    } else if (pos.count(l.from) && pos.count(l.to)) {
      km = geo::great_circle_km(pos.at(l.from), pos.at(l.to));
      how = "the great circle between its nodes";
    }
    if (std::isnan(km)) {
      throw input_error("link '" + l.id + "' (" + l.origin +
                        "): field 'length_km': missing, and there is no geometry to measure");
    }
    l.length_km = km;
    out.warnings.push_back("link '" + l.id + "' (" + l.origin + "): length_km missing; using " +
                           std::to_string(km) + " km measured along " + how);
  }
}

bool has_extension(const std::filesystem::path& p, std::string_view ext) {
  return to_lower(p.extension().string()) == ext;
}

}  // namespace

loaded_network build_network(network_records records) {
  loaded_network out;
  out.path = std::move(records.path);
  out.format = format::geodata;
  out.warnings = std::move(records.warnings);
  network_builder b;
  b.reserve(records.places.size(), records.links.size());
  for (place_record& p : records.places) b.add_place(std::move(p));
  for (link_record& l : records.links) b.add_link(std::move(l));
  out.net = std::move(b).build();
  return out;
}

loaded_network read_ogr(const std::filesystem::path& nodes_source,
                        const std::filesystem::path& links_source, const read_options& options) {
  return build_network(read_ogr_records(nodes_source, links_source, options));
}

network_records read_ogr_records(const std::filesystem::path& nodes_source,
                                 const std::filesystem::path& links_source,
                                 const read_options& options) {
  network_records out;
  out.path = nodes_source;
  std::vector<place_record>& places = out.places;
  std::vector<link_record>& links = out.links;
  const auto read_layer = [&](const std::filesystem::path& src, const std::string& layer_name,
                              bool nodes_wanted, bool links_wanted) {
    dataset_ptr ds = open_vector(src);
    const bool single = ds->GetLayerCount() == 1;
    OGRLayer& layer = layer_named(*ds, src, layer_name);
    const to_wgs84 tr(layer);
    layer.ResetReading();
    std::size_t ordinal = 0;
    for (const auto& f : layer) {
      ++ordinal;
      const std::string origin = feature_origin(src, layer.GetName(), !single, ordinal);
      // In a mixed layer, a feature with from and to is a link.
      bool is_link = links_wanted;
      if (nodes_wanted && links_wanted) {
        const feature_reader probe(*f, "feature", origin, options.fields.link);
        is_link = probe.present("from") && probe.present("to");
      }
      if (is_link) {
        feature_reader r(*f, "link", origin, options.fields.link);
        links.push_back(read_link(*f, r, tr));
      } else {
        feature_reader r(*f, "node", origin, options.fields.node);
        places.push_back(read_node(*f, r, tr));
      }
    }
  };
  if (nodes_source == links_source) {
    dataset_ptr ds = open_vector(nodes_source);
    if (ds->GetLayerCount() == 1) {
      read_layer(nodes_source, "", true, true);
    } else {
      read_layer(nodes_source, options.nodes_layer, true, false);
      read_layer(links_source, options.links_layer, false, true);
    }
  } else {
    read_layer(nodes_source, options.nodes_layer, true, false);
    read_layer(links_source, options.links_layer, false, true);
  }
  measure_missing_lengths(out);
  return out;
}

network_records read_network_records(const std::filesystem::path& path,
                                     const read_options& options) {
  namespace fs = std::filesystem;
  const bool virtual_path = path.string().rfind("/vsi", 0) == 0;  // GDAL checks those
  if (!virtual_path && !fs::exists(path)) {
    throw lookup_error(path.string() + ": no such file or folder");
  }
  const std::string ext = detail::format_extension(path);
  if (ext == ".gr" || ext == ".max" || ext == ".min" || ext == ".tntp") {
    throw input_error(path.string() +
                      ": a DIMACS or TNTP graph has no places, modes or statuses to edit; "
                      "scenarios need a network in corridor's schema");
  }
  if (has_extension(path, ".xz")) {
    throw input_error(path.string() +
                      ": compressed GIS layers are not read directly (compressed DIMACS and TNTP "
                      "files are); decompress it first: xz -dk " +
                      path.string());
  }
  if (fs::is_directory(path)) {
    const auto find = [&](const std::string& stem) -> fs::path {
      for (const char* suffix : {".geojson", ".json", ".gpkg", ".shp", ".fgb"}) {
        if (fs::exists(path / (stem + suffix))) return path / (stem + suffix);
      }
      throw lookup_error(path.string() + ": no " + stem +
                         ".geojson (or .json, .gpkg, .shp, .fgb) in this folder");
    };
    const fs::path nodes = find(options.nodes_layer);  // nodes first: the first error names them
    const fs::path links = find(options.links_layer);
    network_records r = read_ogr_records(nodes, links, options);
    r.path = path;
    return r;
  }
  return read_ogr_records(path, path, options);
}

bool is_abstract_graph_file(const std::filesystem::path& path) {
  const std::string ext = detail::format_extension(path);
  return ext == ".gr" || ext == ".max" || ext == ".min" || ext == ".tntp";
}

loaded_network read_network(const std::filesystem::path& path, const read_options& options) {
  const std::string ext = detail::format_extension(path);
  if ((ext == ".gr" || ext == ".max" || ext == ".min") && std::filesystem::exists(path)) {
    return read_dimacs(path);
  }
  if (ext == ".tntp" && std::filesystem::exists(path)) return read_tntp(path);
  return build_network(read_network_records(path, options));
}

}  // namespace corridor::gis
