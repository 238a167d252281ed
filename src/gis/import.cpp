#include "corridor/gis/import.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <initializer_list>
#include <memory>
#include <optional>
#include <utility>

#include "corridor/error.hpp"
#include "corridor/network/topology.hpp"
#include "ogr_input.hpp"

namespace corridor::gis {
namespace {

namespace fs = std::filesystem;

double positive_number(const std::string& text, const std::string& where, const char* field) {
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc() || end != text.data() + text.size() || !(x > 0) || !std::isfinite(x)) {
    throw input_error(where + ": field '" + field + "': '" + text + "' is not a positive number");
  }
  return x;
}

/// Throws input_error for a --map or --default of an attribute the import does not know.
void check_attributes(const line_fields& fields) {
  static const std::vector<std::string> known = {"name",   "gauge_mm", "speed_kmh",
                                                 "status", "corridor", "electrified"};
  for (const auto& [option, pairs] :
       {std::pair{"--map ", &fields.map}, std::pair{"--default ", &fields.defaults}}) {
    for (const auto& [attr, value] : *pairs) {
      if (std::find(known.begin(), known.end(), attr) == known.end()) {
        throw input_error(option + attr + "=" + value +
                          ": unknown attribute (name, gauge_mm, speed_kmh, status, corridor, "
                          "electrified)");
      }
    }
  }
}

/// Throws input_error when the layer has a projected CRS that cannot be transformed to WGS84.
void check_transformable(const fs::path& path, OGRLayer& layer) {
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  if (srs == nullptr || srs->IsGeographic()) return;
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  CPLErrorReset();
  CPLPushErrorHandler(CPLQuietErrorHandler);  // GDAL's reason goes into our message
  std::unique_ptr<OGRCoordinateTransformation> ct(OGRCreateCoordinateTransformation(srs, &wgs84));
  CPLPopErrorHandler();
  if (!ct) {
    const std::string why = CPLGetLastErrorMsg();
    throw input_error(path.string() + ": layer " + layer.GetName() +
                      ": its coordinate reference system cannot be transformed to WGS84" +
                      (why.empty() ? std::string() : " (" + why + ")"));
  }
}

/// The indices of a layer's fields for each attribute (-1: none), and the defaults.
struct layer_fields {
  int name = -1, name2 = -1, gauge = -1, speed = -1, status = -1, confidence = -1, corridor = -1,
      electrified = -1, bridge = -1, tunnel = -1, layer = -1;
  const line_fields* fields = nullptr;

  /// The value of field i, or the attribute's default when it is missing, null or empty.
  [[nodiscard]] std::string value(OGRFeature& f, int i, const char* attr) const {
    if (i >= 0 && f.IsFieldSetAndNotNull(i)) {
      std::string v = f.GetFieldAsString(i);
      if (!v.empty()) return v;
    }
    const auto d = fields->defaults.find(attr);
    return d == fields->defaults.end() ? std::string() : d->second;
  }
};

/// The fields of `layer`: a mapped field (which must exist), else the first fallback present.
layer_fields fields_of(const fs::path& path, OGRLayer& layer, const line_fields& fields) {
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  const auto field_index = [&](const std::string& attr,
                               std::initializer_list<const char*> fallbacks) -> int {
    const auto it = fields.map.find(attr);
    if (it != fields.map.end()) {
      const int i = defn->GetFieldIndex(it->second.c_str());
      if (i < 0) {
        throw input_error(path.string() + ": layer " + layer.GetName() + ": --map " + attr + "=" +
                          it->second + ": no field '" + it->second + "'");
      }
      return i;
    }
    for (const char* f : fallbacks) {
      const int i = defn->GetFieldIndex(f);
      if (i >= 0) return i;
    }
    return -1;
  };
  layer_fields out;
  out.fields = &fields;
  out.name = field_index("name", {"name:en", "name"});
  out.name2 = fields.map.count("name") != 0 ? -1 : defn->GetFieldIndex("name");
  out.gauge = field_index("gauge_mm", {"gauge_mm", "gauge"});
  out.speed = field_index("speed_kmh", {"speed_kmh", "maxspeed"});
  out.status = field_index("status", {"status"});
  out.confidence = defn->GetFieldIndex("confidence");
  out.corridor = field_index("corridor", {"corridor", "pass"});
  out.electrified = field_index("electrified", {"electrified"});
  out.bridge = defn->GetFieldIndex("bridge");
  out.tunnel = defn->GetFieldIndex("tunnel");
  out.layer = defn->GetFieldIndex("layer");
  return out;
}

/// The line string parts of a feature's geometry; empty when it is not a line (or a multi-line).
std::optional<std::vector<const OGRLineString*>> line_parts(const OGRGeometry* g) {
  if (g == nullptr) return std::nullopt;
  const auto type = wkbFlatten(g->getGeometryType());
  std::vector<const OGRLineString*> parts;
  if (type == wkbLineString) {
    parts.push_back(g->toLineString());
  } else if (type == wkbMultiLineString) {
    for (const OGRLineString* ls : *g->toMultiLineString()) parts.push_back(ls);
  } else {
    return std::nullopt;
  }
  return parts;
}

/// A feature's attributes (everything but the points); `where` names the feature.
import_line line_attributes(OGRFeature& feature, const layer_fields& lf, corridor::mode m,
                            const std::string& where) {
  import_line base;
  base.mode = m;
  base.origin = where;
  base.name = lf.value(feature, lf.name, "name");
  base.corridor = lf.value(feature, lf.corridor, "corridor");
  const auto flag = [&](int i) {
    if (i < 0 || !feature.IsFieldSetAndNotNull(i)) return false;
    const std::string v = feature.GetFieldAsString(i);
    return !v.empty() && v != "no" && v != "0";
  };
  base.level_separated = flag(lf.bridge) || flag(lf.tunnel) || flag(lf.layer);
  if (lf.confidence >= 0 && feature.IsFieldSetAndNotNull(lf.confidence)) {
    base.confidence = feature.GetFieldAsString(lf.confidence);
  }
  if (base.name.empty() && lf.name2 >= 0) base.name = lf.value(feature, lf.name2, "name");
  const std::string gauge = lf.value(feature, lf.gauge, "gauge_mm");
  if (!gauge.empty()) {
    base.gauge_mm =
        static_cast<std::uint16_t>(std::lround(positive_number(gauge, where, "gauge_mm")));
  } else if (m == mode::rail) {
    base.gauge_mm = 1435;  // the default for rail; --default gauge_mm=1000 for metre gauge
  }
  const std::string speed = lf.value(feature, lf.speed, "speed_kmh");
  if (!speed.empty()) base.speed_kmh = positive_number(speed, where, "speed_kmh");
  const std::string electrified = lf.value(feature, lf.electrified, "electrified");
  if (!electrified.empty()) {
    base.electrified = parse_electrified(electrified);
    if (!base.electrified) {
      throw input_error(where + ": field 'electrified': '" + electrified +
                        "' is not yes/no (or an OpenStreetMap value such as contact_line)");
    }
  }
  const std::string status = lf.value(feature, lf.status, "status");
  if (!status.empty()) {
    const auto st = parse_status(status);
    if (!st) {
      throw input_error(where + ": field 'status': unknown status '" + status +
                        "' (operational, under_construction, planned, suspended)");
    }
    base.status = *st;
  }
  return base;
}

/// The points of a line string in WGS84; longitudes a little past the antimeridian (marnet has
/// 180.75) wrap around. Throws input_error naming `where` for a vertex that cannot be transformed.
std::vector<geo::lonlat> wgs84_points(const OGRLineString& ls, const detail::to_wgs84& tr,
                                      const std::string& where) {
  std::vector<geo::lonlat> out;
  for (int i = 0; i < ls.getNumPoints(); ++i) {
    geo::lonlat p = tr(ls.getX(i), ls.getY(i));
    if (p.lon > 180 && p.lon <= 540) p.lon -= 360;
    if (p.lon < -180 && p.lon >= -540) p.lon += 360;
    if (!geo::valid(p)) {
      throw input_error(where + ": a vertex cannot be transformed to WGS84 lon/lat");
    }
    out.push_back(p);
  }
  return out;
}

/// Appends the lines of one layer (one per line string part); returns how many.
std::size_t read_layer_lines(const fs::path& path, OGRLayer& layer, corridor::mode m,
                             const line_fields& fields, std::vector<import_line>& out) {
  check_transformable(path, layer);
  const detail::to_wgs84 tr(layer);
  const layer_fields lf = fields_of(path, layer, fields);
  std::size_t found = 0;
  layer.ResetReading();
  for (auto& feature : layer) {
    const auto parts = line_parts(feature->GetGeometryRef());
    if (!parts) continue;
    const std::string where = path.string() + " feature " + std::to_string(feature->GetFID());
    const import_line base = line_attributes(*feature, lf, m, where);
    for (const OGRLineString* ls : *parts) {
      import_line l = base;
      l.points = wgs84_points(*ls, tr, where);
      out.push_back(std::move(l));
      ++found;
    }
  }
  return found;
}

}  // namespace

std::vector<import_line> read_lines(const std::vector<fs::path>& paths, corridor::mode m,
                                    const line_fields& fields) {
  check_attributes(fields);
  std::vector<import_line> out;
  for (const fs::path& path : paths) {
    const detail::opened_source src = detail::open_source(path, "import");
    std::size_t found = 0;
    for (OGRLayer* layer : src.ds->GetLayers()) {
      found += read_layer_lines(path, *layer, m, fields, out);
    }
    if (found == 0) {
      throw input_error(path.string() + ": no line geometries (LineString or MultiLineString)");
    }
  }
  return out;
}

std::vector<import_point> read_points(const fs::path& path, const std::string& where,
                                      node_kind kind) {
  const detail::opened_source src = detail::open_source(path, "points");
  const detail::dataset_ptr& ds = src.ds;
  std::vector<import_point> out;
  for (OGRLayer* layer : ds->GetLayers()) {
    if (!where.empty() && layer->SetAttributeFilter(where.c_str()) != OGRERR_NONE) {
      throw input_error(path.string() + ": layer " + layer->GetName() + ": --points-where '" +
                        where + "' is not a valid filter for this layer");
    }
    const detail::to_wgs84 tr(*layer);
    OGRFeatureDefn* defn = layer->GetLayerDefn();
    const int f_id = defn->GetFieldIndex("id"), f_name = defn->GetFieldIndex("name"),
              f_kind = defn->GetFieldIndex("kind");
    layer->ResetReading();
    for (auto& feature : *layer) {
      const OGRGeometry* g = feature->GetGeometryRef();
      if (g == nullptr || wkbFlatten(g->getGeometryType()) != wkbPoint) continue;
      const OGRPoint* pt = g->toPoint();
      import_point p;
      p.origin = path.string() + " feature " + std::to_string(feature->GetFID());
      p.id = f_id >= 0 && feature->IsFieldSetAndNotNull(f_id)
                 ? std::string(feature->GetFieldAsString(f_id))
                 : "p" + std::to_string(feature->GetFID());
      if (f_name >= 0 && feature->IsFieldSetAndNotNull(f_name)) {
        p.name = feature->GetFieldAsString(f_name);
      }
      p.kind = kind;
      if (f_kind >= 0 && feature->IsFieldSetAndNotNull(f_kind)) {
        if (const auto k = parse_node_kind(feature->GetFieldAsString(f_kind))) p.kind = *k;
      }
      p.position = tr(pt->getX(), pt->getY());
      if (!geo::valid(p.position)) {
        throw input_error(p.origin + ": the point cannot be transformed to WGS84 lon/lat");
      }
      out.push_back(std::move(p));
    }
  }
  if (out.empty()) {
    throw input_error(path.string() + ": no points" +
                      (where.empty() ? std::string() : " matching '" + where + "'"));
  }
  return out;
}

imported_network build_topology(std::vector<import_line> lines, const import_options& options,
                                const std::vector<import_point>& points) {
  topology t = corridor::build_topology(std::move(lines), options, points);
  imported_network out;
  out.records.places = std::move(t.places);
  out.records.links = std::move(t.links);
  out.report = std::move(t.report);
  return out;
}

}  // namespace corridor::gis
