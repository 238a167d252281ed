#include "corridor/gis/import.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <memory>
#include <numbers>
#include <numeric>
#include <span>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "corridor/error.hpp"
#include "ogr_input.hpp"
#include "xz.hpp"

namespace corridor::gis {
namespace {

namespace fs = std::filesystem;

struct union_find {
  std::vector<std::uint32_t> parent;
  explicit union_find(std::size_t n) : parent(n) {
    std::iota(parent.begin(), parent.end(), std::uint32_t{0});
  }
  std::uint32_t find(std::uint32_t v) {
    while (parent[v] != v) v = parent[v] = parent[parent[v]];
    return v;
  }
  bool unite(std::uint32_t a, std::uint32_t b) {
    a = find(a);
    b = find(b);
    if (a == b) return false;
    parent[std::max(a, b)] = std::min(a, b);
    return true;
  }
};

/// Positions hashed on a grid of `cell_km` cells (an equirectangular projection at each point's
/// latitude: good enough to find candidates, whose distances are then measured exactly). Add every
/// position, call finish() once (a sort), then query: no allocation per cell.
class grid {
 public:
  explicit grid(double cell_km) : cell_km_(cell_km) {}
  void add(geo::lonlat p, std::uint32_t id) { entries_.push_back({key(cx(p), cy(p)), id}); }
  void finish() {
    std::sort(entries_.begin(), entries_.end());
    ranges_.reserve(entries_.size());
    for (std::uint32_t i = 0; i < entries_.size();) {
      std::uint32_t j = i;
      while (j < entries_.size() && entries_[j].first == entries_[i].first) ++j;
      ranges_.emplace(entries_[i].first, std::pair{i, j});
      i = j;
    }
  }
  /// Calls f(id) for the ids in the 3 x 3 cells around p.
  template <class F>
  void near(geo::lonlat p, F&& f) const {
    const std::int64_t x = cx(p), y = cy(p);
    for (std::int64_t dx = -1; dx <= 1; ++dx) {
      for (std::int64_t dy = -1; dy <= 1; ++dy) {
        const auto it = ranges_.find(key(x + dx, y + dy));
        if (it == ranges_.end()) continue;
        for (std::uint32_t k = it->second.first; k < it->second.second; ++k) {
          f(entries_[k].second);
        }
      }
    }
  }

 private:
  [[nodiscard]] std::int64_t cx(geo::lonlat p) const {
    return static_cast<std::int64_t>(
        std::floor(p.lon * 111.32 * std::cos(p.lat * std::numbers::pi / 180) / cell_km_));
  }
  [[nodiscard]] std::int64_t cy(geo::lonlat p) const {
    return static_cast<std::int64_t>(std::floor(p.lat * 110.574 / cell_km_));
  }
  static std::uint64_t key(std::int64_t x, std::int64_t y) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(x)) << 32) |
           static_cast<std::uint32_t>(y);
  }
  double cell_km_;
  std::vector<std::pair<std::uint64_t, std::uint32_t>> entries_;
  std::unordered_map<std::uint64_t, std::pair<std::uint32_t, std::uint32_t>> ranges_;
};

struct position_hash {
  std::size_t operator()(const std::pair<std::uint64_t, std::uint64_t>& p) const noexcept {
    return std::hash<std::uint64_t>()(p.first * 0x9E3779B97F4A7C15ULL ^ p.second);
  }
};

/// A piece of line between two nodes.
struct piece {
  std::uint32_t from, to;  ///< node clusters
  std::vector<geo::lonlat> points;
  const import_line* line;  ///< attributes
  bool inferred = false;
};

bool same_attributes(const import_line& a, const import_line& b) {
  const bool speed_same =
      (std::isnan(a.speed_kmh) && std::isnan(b.speed_kmh)) || a.speed_kmh == b.speed_kmh;
  return a.mode == b.mode && a.name == b.name && a.gauge_mm == b.gauge_mm && speed_same &&
         a.status == b.status && a.corridor == b.corridor && a.confidence == b.confidence &&
         a.electrified == b.electrified;
}

double positive_number(const std::string& text, const std::string& where, const char* field) {
  double x = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), x);
  if (ec != std::errc() || end != text.data() + text.size() || !(x > 0) || !std::isfinite(x)) {
    throw input_error(where + ": field '" + field + "': '" + text + "' is not a positive number");
  }
  return x;
}

/// A vector data set, `.xz` files decompressed into an in-memory file that lives as long as it.
}  // namespace

std::vector<import_line> read_lines(const std::vector<fs::path>& paths, corridor::mode m,
                                    const line_fields& fields) {
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
  std::vector<import_line> out;
  for (const fs::path& path : paths) {
    const detail::opened_source src = detail::open_source(path, "import");
    const detail::dataset_ptr& ds = src.ds;
    std::size_t found = 0;
    for (OGRLayer* layer : ds->GetLayers()) {
      const OGRSpatialReference* srs = layer->GetSpatialRef();
      if (srs != nullptr && !srs->IsGeographic()) {
        OGRSpatialReference wgs84;
        wgs84.SetWellKnownGeogCS("WGS84");
        CPLErrorReset();
        CPLPushErrorHandler(CPLQuietErrorHandler);  // GDAL's reason goes into our message
        std::unique_ptr<OGRCoordinateTransformation> ct(
            OGRCreateCoordinateTransformation(srs, &wgs84));
        CPLPopErrorHandler();
        if (!ct) {
          const std::string why = CPLGetLastErrorMsg();
          throw input_error(path.string() + ": layer " + layer->GetName() +
                            ": its coordinate reference system cannot be transformed to WGS84" +
                            (why.empty() ? std::string() : " (" + why + ")"));
        }
      }
      const detail::to_wgs84 tr(*layer);
      OGRFeatureDefn* defn = layer->GetLayerDefn();
      const auto field_index = [&](const std::string& attr,
                                   std::initializer_list<const char*> fallbacks) -> int {
        const auto it = fields.map.find(attr);
        if (it != fields.map.end()) {
          const int i = defn->GetFieldIndex(it->second.c_str());
          if (i < 0) {
            throw input_error(path.string() + ": layer " + layer->GetName() + ": --map " + attr +
                              "=" + it->second + ": no field '" + it->second + "'");
          }
          return i;
        }
        for (const char* f : fallbacks) {
          const int i = defn->GetFieldIndex(f);
          if (i >= 0) return i;
        }
        return -1;
      };
      const int f_name = field_index("name", {"name:en", "name"});
      const int f_name2 = fields.map.count("name") != 0 ? -1 : defn->GetFieldIndex("name");
      const int f_gauge = field_index("gauge_mm", {"gauge_mm", "gauge"});
      const int f_speed = field_index("speed_kmh", {"speed_kmh", "maxspeed"});
      const int f_status = field_index("status", {"status"});
      const int f_confidence = defn->GetFieldIndex("confidence");
      const int f_corridor = field_index("corridor", {"corridor", "pass"});
      const int f_electrified = field_index("electrified", {"electrified"});
      const int f_bridge = defn->GetFieldIndex("bridge"), f_tunnel = defn->GetFieldIndex("tunnel"),
                f_layer = defn->GetFieldIndex("layer");
      const auto value = [&](OGRFeature& f, int i, const char* attr) -> std::string {
        if (i >= 0 && f.IsFieldSetAndNotNull(i)) {
          std::string v = f.GetFieldAsString(i);
          if (!v.empty()) return v;
        }
        const auto d = fields.defaults.find(attr);
        return d == fields.defaults.end() ? std::string() : d->second;
      };
      layer->ResetReading();
      for (auto& feature : *layer) {
        const OGRGeometry* g = feature->GetGeometryRef();
        if (g == nullptr) continue;
        const auto type = wkbFlatten(g->getGeometryType());
        std::vector<const OGRLineString*> parts;
        if (type == wkbLineString) {
          parts.push_back(g->toLineString());
        } else if (type == wkbMultiLineString) {
          for (const OGRLineString* ls : *g->toMultiLineString()) parts.push_back(ls);
        } else {
          continue;
        }
        const std::string where = path.string() + " feature " + std::to_string(feature->GetFID());
        import_line base;
        base.mode = m;
        base.origin = where;
        base.name = value(*feature, f_name, "name");
        base.corridor = value(*feature, f_corridor, "corridor");
        const auto flag = [&](int i) {
          if (i < 0 || !feature->IsFieldSetAndNotNull(i)) return false;
          const std::string v = feature->GetFieldAsString(i);
          return !v.empty() && v != "no" && v != "0";
        };
        base.level_separated = flag(f_bridge) || flag(f_tunnel) || flag(f_layer);
        if (f_confidence >= 0 && feature->IsFieldSetAndNotNull(f_confidence)) {
          base.confidence = feature->GetFieldAsString(f_confidence);
        }
        if (base.name.empty() && f_name2 >= 0) base.name = value(*feature, f_name2, "name");
        const std::string gauge = value(*feature, f_gauge, "gauge_mm");
        if (!gauge.empty()) {
          base.gauge_mm =
              static_cast<std::uint16_t>(std::lround(positive_number(gauge, where, "gauge_mm")));
        } else if (m == mode::rail) {
          base.gauge_mm = 1435;  // the default for rail; --default gauge_mm=1000 for metre gauge
        }
        const std::string speed = value(*feature, f_speed, "speed_kmh");
        if (!speed.empty()) base.speed_kmh = positive_number(speed, where, "speed_kmh");
        const std::string electrified = value(*feature, f_electrified, "electrified");
        if (!electrified.empty()) {
          base.electrified = parse_electrified(electrified);
          if (!base.electrified) {
            throw input_error(where + ": field 'electrified': '" + electrified +
                              "' is not yes/no (or an OpenStreetMap value such as contact_line)");
          }
        }
        const std::string status = value(*feature, f_status, "status");
        if (!status.empty()) {
          const auto st = parse_status(status);
          if (!st) {
            throw input_error(where + ": field 'status': unknown status '" + status +
                              "' (operational, under_construction, planned, suspended)");
          }
          base.status = *st;
        }
        for (const OGRLineString* ls : parts) {
          import_line l = base;
          for (int i = 0; i < ls->getNumPoints(); ++i) {
            geo::lonlat p = tr(ls->getX(i), ls->getY(i));
            // Longitudes a little past the antimeridian (marnet has 180.75) wrap around.
            if (p.lon > 180 && p.lon <= 540) p.lon -= 360;
            if (p.lon < -180 && p.lon >= -540) p.lon += 360;
            if (!geo::valid(p)) {
              throw input_error(where + ": a vertex cannot be transformed to WGS84 lon/lat");
            }
            l.points.push_back(p);
          }
          out.push_back(std::move(l));
          ++found;
        }
      }
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
  imported_network out;
  import_report& rep = out.report;
  rep.input_lines = lines.size();
  // 1. Clean lines: consecutive repeats dropped, lines of fewer than two points dropped.
  std::vector<import_line> clean;
  clean.reserve(lines.size());
  for (import_line& l : lines) {
    rep.input_points += l.points.size();
    rep.input_km += detail::polyline_km(l.points);
    l.points.erase(std::unique(l.points.begin(), l.points.end()), l.points.end());
    if (l.points.size() < 2) {
      ++rep.dropped_lines;
      continue;
    }
    clean.push_back(std::move(l));
  }
  lines = std::move(clean);

  // 2. Locations: one per distinct position.
  std::unordered_map<std::pair<std::uint64_t, std::uint64_t>, std::uint32_t, position_hash> index;
  {
    std::size_t vertices = 0;
    for (const import_line& l : lines) vertices += l.points.size();
    index.reserve(vertices);
  }
  std::vector<geo::lonlat> pos;
  std::vector<std::uint32_t> end_count, interior_count;
  std::vector<std::vector<std::uint32_t>> loc(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto& pts = lines[i].points;
    loc[i].reserve(pts.size());
    for (std::size_t k = 0; k < pts.size(); ++k) {
      if (pts[k].lon == -180) lines[i].points[k].lon = 180;  // one node on the antimeridian
      std::uint64_t a = 0, b = 0;
      std::memcpy(&a, &pts[k].lon, sizeof a);
      std::memcpy(&b, &pts[k].lat, sizeof b);
      const auto [it, added] = index.try_emplace({a, b}, static_cast<std::uint32_t>(pos.size()));
      if (added) {
        pos.push_back(pts[k]);
        end_count.push_back(0);
        interior_count.push_back(0);
      }
      loc[i].push_back(it->second);
      const bool end = k == 0 || k + 1 == pts.size();
      ++(end ? end_count : interior_count)[it->second];
    }
  }
  index = {};

  // 3. Snapping: an endpoint within snap_m of another vertex joins it.
  const auto n_loc = static_cast<std::uint32_t>(pos.size());
  union_find clusters(n_loc);
  if (options.snap_m > 0) {
    grid g(options.snap_m / 1000.0);
    for (std::uint32_t v = 0; v < n_loc; ++v) g.add(pos[v], v);
    g.finish();
    for (std::uint32_t v = 0; v < n_loc; ++v) {
      if (end_count[v] == 0) continue;
      g.near(pos[v], [&](std::uint32_t w) {
        if (w != v && geo::great_circle_km(pos[v], pos[w]) * 1000.0 <= options.snap_m) {
          clusters.unite(v, w);
        }
      });
    }
  }
  // The position of a cluster: a vertex interior to some line if any (it stays put), else the
  // most used one.
  std::vector<std::uint32_t> best(n_loc, no_index), size(n_loc, 0);
  for (std::uint32_t v = 0; v < n_loc; ++v) {
    const std::uint32_t r = clusters.find(v);
    ++size[r];
    const auto rank = [&](std::uint32_t x) {
      return std::pair{interior_count[x], end_count[x] + interior_count[x]};
    };
    if (best[r] == no_index || rank(v) > rank(best[r])) best[r] = v;
  }
  for (std::uint32_t v = 0; v < n_loc; ++v) {
    const std::uint32_t r = clusters.find(v);
    if (size[r] > 1 && end_count[v] > 0 && best[r] != v) ++rep.snapped_endpoints;
  }
  // Lines on clusters; counts per cluster.
  std::vector<std::uint32_t> c_end(n_loc, 0), c_occ(n_loc, 0);
  std::vector<std::size_t> live;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::vector<std::uint32_t> cs;
    std::vector<geo::lonlat> pts;
    for (const std::uint32_t v : loc[i]) {
      const std::uint32_t r = clusters.find(v);
      if (!cs.empty() && cs.back() == r) continue;
      cs.push_back(r);
      pts.push_back(pos[best[r]]);
    }
    loc[i] = std::move(cs);
    lines[i].points = std::move(pts);
    if (loc[i].size() < 2) {
      ++rep.dropped_lines;
      continue;
    }
    live.push_back(i);
    ++c_end[loc[i].front()];
    ++c_end[loc[i].back()];
    for (const std::uint32_t r : loc[i]) ++c_occ[r];
  }
  // 3b. Crossings without a shared vertex (optional): the crossing point becomes a vertex of both
  // lines, so step 4 splits them there. Segments are hashed on a grid of about their mean length;
  // a pair is tested once (in the lowest cell both cover), in a local equirectangular plane.
  if (options.split_crossings) {
    struct seg {
      std::uint32_t line, k;  ///< points k, k + 1 of lines[line]
    };
    std::vector<seg> segs;
    double total_km = 0;
    for (const std::size_t i : live) {
      if (lines[i].level_separated) continue;
      for (std::uint32_t k = 0; k + 1 < lines[i].points.size(); ++k) {
        segs.push_back({static_cast<std::uint32_t>(i), k});
        total_km += geo::great_circle_km(lines[i].points[k], lines[i].points[k + 1]);
      }
    }
    const double cell =
        std::max(0.5, segs.empty() ? 1.0 : total_km / static_cast<double>(segs.size()));
    const auto xy = [](geo::lonlat p, double lat0) {
      return std::pair{p.lon * 111.32 * std::cos(lat0 * std::numbers::pi / 180), p.lat * 110.574};
    };
    const auto cell_key = [](std::int64_t x, std::int64_t y) {
      return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(x)) << 32) |
             static_cast<std::uint32_t>(y);
    };
    const auto span = [&](const seg& sg) {
      const geo::lonlat a = lines[sg.line].points[sg.k], b = lines[sg.line].points[sg.k + 1];
      const auto [ax, ay] = xy(a, 0);
      const auto [bx, by] = xy(b, 0);
      return std::array<std::int64_t, 4>{
          static_cast<std::int64_t>(std::floor(std::min(ax, bx) / cell)),
          static_cast<std::int64_t>(std::floor(std::min(ay, by) / cell)),
          static_cast<std::int64_t>(std::floor(std::max(ax, bx) / cell)),
          static_cast<std::int64_t>(std::floor(std::max(ay, by) / cell))};
    };
    std::unordered_map<std::uint64_t, std::vector<std::uint32_t>> cells;
    for (std::uint32_t si = 0; si < segs.size(); ++si) {
      const auto b = span(segs[si]);
      if ((b[2] - b[0] + 1) * (b[3] - b[1] + 1) > 4096) continue;  // a very long segment: skip
      for (std::int64_t x = b[0]; x <= b[2]; ++x) {
        for (std::int64_t y = b[1]; y <= b[3]; ++y) cells[cell_key(x, y)].push_back(si);
      }
    }
    struct cut {
      std::uint32_t line, k;
      double t;
      geo::lonlat at;
    };
    std::vector<cut> cuts;
    for (const auto& [key, ids] : cells) {
      for (std::size_t p = 0; p < ids.size(); ++p) {
        for (std::size_t q = p + 1; q < ids.size(); ++q) {
          const seg &s1 = segs[ids[p]], &s2 = segs[ids[q]];
          if (s1.line == s2.line && s1.k + 1 >= s2.k && s2.k + 1 >= s1.k) continue;  // adjacent
          const geo::lonlat a = lines[s1.line].points[s1.k], b = lines[s1.line].points[s1.k + 1];
          const geo::lonlat c = lines[s2.line].points[s2.k], d = lines[s2.line].points[s2.k + 1];
          const double lat0 = (a.lat + b.lat + c.lat + d.lat) / 4;
          const auto [ax, ay] = xy(a, lat0);
          const auto [bx, by] = xy(b, lat0);
          const auto [cx, cy] = xy(c, lat0);
          const auto [dx, dy] = xy(d, lat0);
          const double den = (bx - ax) * (dy - cy) - (by - ay) * (dx - cx);
          if (den == 0) continue;  // parallel
          const double t = ((cx - ax) * (dy - cy) - (cy - ay) * (dx - cx)) / den;
          const double u = ((cx - ax) * (by - ay) - (cy - ay) * (bx - ax)) / den;
          constexpr double eps = 1e-9;
          if (!(t > eps && t < 1 - eps && u > eps && u < 1 - eps)) continue;  // no proper crossing
          const auto b1 = span(s1), b2 = span(s2);
          if (key != cell_key(std::max(b1[0], b2[0]), std::max(b1[1], b2[1]))) continue;
          const geo::lonlat at{a.lon + t * (b.lon - a.lon), a.lat + t * (b.lat - a.lat)};
          cuts.push_back({s1.line, s1.k, t, at});
          cuts.push_back({s2.line, s2.k, u, at});
          ++rep.crossings_split;
        }
      }
    }
    // Insert the crossing points (one new location each), per line from the last segment back so
    // that earlier indices stay valid; within a segment, the farthest first.
    std::sort(cuts.begin(), cuts.end(), [](const cut& x, const cut& y) {
      return std::tie(x.line, y.k, y.t) < std::tie(y.line, x.k, x.t);
    });
    std::map<std::pair<std::uint64_t, std::uint64_t>, std::uint32_t> new_loc;
    for (const cut& c : cuts) {
      std::uint64_t a = 0, b = 0;
      std::memcpy(&a, &c.at.lon, sizeof a);
      std::memcpy(&b, &c.at.lat, sizeof b);
      const auto [it, added] = new_loc.try_emplace({a, b}, static_cast<std::uint32_t>(pos.size()));
      if (added) {
        pos.push_back(c.at);
        best.push_back(it->second);
        c_end.push_back(0);
        c_occ.push_back(0);
      }
      auto& pts = lines[c.line].points;
      auto& cs = loc[c.line];
      pts.insert(pts.begin() + c.k + 1, c.at);
      cs.insert(cs.begin() + c.k + 1, it->second);
      ++c_occ[it->second];
    }
  }

  // 4. Nodes: line ends, and vertices met more than once.
  const auto is_node = [&](std::uint32_t r) { return c_end[r] > 0 || c_occ[r] >= 2; };
  for (std::uint32_t r = 0; r < pos.size(); ++r) {
    if (c_end[r] == 0 && c_occ[r] >= 2 && r < n_loc) ++rep.split_points;
  }
  // 5. Split lines at nodes.
  std::vector<piece> pieces;
  for (const std::size_t i : live) {
    std::size_t start = 0;
    for (std::size_t k = 1; k < loc[i].size(); ++k) {
      if (!is_node(loc[i][k])) continue;
      piece p{loc[i][start], loc[i][k], {}, &lines[i]};
      p.points.assign(lines[i].points.begin() + static_cast<std::ptrdiff_t>(start),
                      lines[i].points.begin() + static_cast<std::ptrdiff_t>(k) + 1);
      pieces.push_back(std::move(p));
      start = k;
    }
    // The pieces hold the geometry from here on; the line keeps its attributes.
    std::vector<geo::lonlat>().swap(lines[i].points);
    std::vector<std::uint32_t>().swap(loc[i]);
  }
  loc = {};
  // 6. Merge chains through nodes with exactly two links of equal attributes. The pieces at each
  // node (one entry per end), in compressed rows over the node clusters.
  std::vector<std::uint32_t> at_first(pos.size() + 1, 0), at_piece(2 * pieces.size());
  for (const piece& p : pieces) {
    ++at_first[p.from + 1];
    ++at_first[p.to + 1];
  }
  for (std::size_t r = 0; r < pos.size(); ++r) at_first[r + 1] += at_first[r];
  {
    std::vector<std::uint32_t> next(at_first.begin(), at_first.end() - 1);
    for (std::uint32_t e = 0; e < pieces.size(); ++e) {
      at_piece[next[pieces[e].from]++] = e;
      at_piece[next[pieces[e].to]++] = e;
    }
  }
  const auto at = [&](std::uint32_t node) {
    return std::span<const std::uint32_t>(at_piece.data() + at_first[node],
                                          at_first[node + 1] - at_first[node]);
  };
  const auto through = [&](std::uint32_t node) {
    const auto two = at(node);
    if (two.size() != 2) return false;
    const std::uint32_t a = two[0], b = two[1];
    return a != b && same_attributes(*pieces[a].line, *pieces[b].line);
  };
  std::vector<piece> links;
  std::vector<std::uint8_t> used(pieces.size(), 0);
  // Each piece is used once: its geometry moves into the link.
  const auto walk = [&](std::uint32_t e, bool forward) {
    piece m = std::move(pieces[e]);
    if (!forward) {
      std::swap(m.from, m.to);
      std::reverse(m.points.begin(), m.points.end());
    }
    used[e] = 1;
    std::uint32_t x = m.to;
    while (through(x) && x != m.from) {
      const auto two = at(x);
      const std::uint32_t next = used[two[0]] == 0 ? two[0] : two[1];
      if (used[next] != 0) break;
      used[next] = 1;
      ++rep.merged_nodes;
      piece n = std::move(pieces[next]);
      if (n.from != x) {
        std::swap(n.from, n.to);
        std::reverse(n.points.begin(), n.points.end());
      }
      m.points.insert(m.points.end(), n.points.begin() + 1, n.points.end());
      m.to = n.to;
      x = n.to;
    }
    return m;
  };
  for (std::uint32_t e = 0; e < pieces.size(); ++e) {
    if (used[e] != 0) continue;
    const bool from_through = through(pieces[e].from), to_through = through(pieces[e].to);
    if (from_through && to_through) continue;  // inside a chain (or a ring): later
    piece m = walk(e, !from_through);
    if (m.from == m.to) {
      ++rep.dropped_loops;
      continue;
    }
    links.push_back(std::move(m));
  }
  for (std::uint32_t e = 0; e < pieces.size(); ++e) {  // rings of equal attributes
    if (used[e] != 0) continue;
    walk(e, true);
    ++rep.dropped_loops;
  }
  pieces = {};
  // Nodes in use, numbered in order of first use.
  std::vector<std::uint32_t> node_of(pos.size(), no_index);
  std::vector<std::uint32_t> cluster_of;
  const auto number = [&](std::uint32_t r) {
    if (node_of[r] == no_index) {
      node_of[r] = static_cast<std::uint32_t>(cluster_of.size());
      cluster_of.push_back(r);
    }
    return node_of[r];
  };
  for (piece& l : links) {
    l.from = number(l.from);
    l.to = number(l.to);
  }
  const auto n_nodes = static_cast<std::uint32_t>(cluster_of.size());
  std::vector<geo::lonlat> node_pos(n_nodes);
  for (std::uint32_t v = 0; v < n_nodes; ++v) node_pos[v] = pos[best[cluster_of[v]]];
  std::vector<std::uint32_t> degree(n_nodes, 0);
  std::vector<std::uint32_t> link_at(n_nodes, no_index);  // a link at each node
  union_find comp(n_nodes);
  for (std::uint32_t e = 0; e < links.size(); ++e) {
    ++degree[links[e].from];
    ++degree[links[e].to];
    link_at[links[e].from] = e;
    link_at[links[e].to] = e;
    comp.unite(links[e].from, links[e].to);
  }
  const std::string prefix = options.id_prefix;
  const auto node_id_of = [&](std::uint32_t v) { return prefix + "n" + std::to_string(v + 1); };

  // 7. Gap closing: dangling ends of different components, nearest first.
  std::vector<std::uint32_t> dangling;
  for (std::uint32_t v = 0; v < n_nodes; ++v) {
    if (degree[v] == 1) dangling.push_back(v);
  }
  if (options.close_gaps_km > 0 && !dangling.empty()) {
    grid g(options.close_gaps_km);
    for (const std::uint32_t v : dangling) g.add(node_pos[v], v);
    g.finish();
    struct candidate {
      double score, km;
      std::uint32_t a, b;
    };
    std::vector<candidate> cands;
    for (const std::uint32_t a : dangling) {
      g.near(node_pos[a], [&](std::uint32_t b) {
        if (b <= a || comp.find(a) == comp.find(b)) return;
        const double km = geo::great_circle_km(node_pos[a], node_pos[b]);
        if (km > options.close_gaps_km) return;
        const bool same_name = links[link_at[a]].line->name == links[link_at[b]].line->name &&
                               !links[link_at[a]].line->name.empty();
        cands.push_back({km * (same_name ? 1.0 : 1.5), km, a, b});
      });
    }
    std::sort(cands.begin(), cands.end(), [](const candidate& x, const candidate& y) {
      return std::tie(x.score, x.a, x.b) < std::tie(y.score, y.a, y.b);
    });
    std::vector<std::uint8_t> joined(n_nodes, 0);
    for (const candidate& c : cands) {
      if (joined[c.a] != 0 || joined[c.b] != 0 || !comp.unite(c.a, c.b)) continue;
      joined[c.a] = joined[c.b] = 1;
      const import_line* la = links[link_at[c.a]].line;
      const import_line* lb = links[link_at[c.b]].line;
      piece p{c.a, c.b, {node_pos[c.a], node_pos[c.b]}, la, true};
      links.push_back(std::move(p));
      ++degree[c.a];
      ++degree[c.b];
      rep.gaps_closed.push_back({node_id_of(c.a), node_id_of(c.b), c.km,
                                 la->name == lb->name ? la->name : std::string()});
    }
  }

  // Components below min_component_km are dropped (their links and nodes).
  std::vector<std::uint8_t> kept(n_nodes, 1);
  if (options.min_component_km > 0) {
    std::vector<double> km_of(n_nodes, 0.0);
    for (const piece& l : links) km_of[comp.find(l.from)] += detail::polyline_km(l.points);
    std::vector<std::uint8_t> counted(n_nodes, 0);
    for (std::uint32_t v = 0; v < n_nodes; ++v) {
      const std::uint32_t root = comp.find(v);
      if (km_of[root] >= options.min_component_km) continue;
      kept[v] = 0;
      if (counted[root] == 0 && degree[v] > 0) {
        counted[root] = 1;
        ++rep.dropped_components;
        rep.dropped_component_km += km_of[root];
      }
    }
  }

  // 8. Points of interest: a connector to the nearest node.
  struct connector {
    std::size_t point;
    std::uint32_t node;
    double km;
  };
  std::vector<connector> connectors;
  if (!points.empty() && n_nodes > 0) {
    grid g(std::max(options.points_snap_km, 1e-3));
    for (std::uint32_t v = 0; v < n_nodes; ++v) {
      if (degree[v] > 0 && kept[v] != 0) g.add(node_pos[v], v);
    }
    g.finish();
    for (std::size_t i = 0; i < points.size(); ++i) {
      std::uint32_t nearest = no_index;
      double best_km = std::numeric_limits<double>::infinity();
      g.near(points[i].position, [&](std::uint32_t v) {
        const double km = geo::great_circle_km(points[i].position, node_pos[v]);
        if (km < best_km) {
          best_km = km;
          nearest = v;
        }
      });
      if (nearest == no_index || best_km > options.points_snap_km) {
        // Report the nearest node anyway (a linear scan, for the few unconnected points).
        for (std::uint32_t v = 0; v < n_nodes; ++v) {
          const double km = geo::great_circle_km(points[i].position, node_pos[v]);
          if (degree[v] > 0 && kept[v] != 0 && km < best_km) best_km = km;
        }
        rep.points_unconnected.push_back({points[i].id, {}, best_km});
        continue;
      }
      connectors.push_back({i, nearest, best_km});
      rep.points_connected.push_back({points[i].id, node_id_of(nearest), best_km});
    }
  }

  // 9. Records.
  for (const connector& c : connectors) {
    const import_point& pt = points[c.point];
    if (pt.existing) continue;
    place_record p;
    p.id = pt.id;
    p.name = pt.name;
    p.kind = pt.kind;
    p.position = pt.position;
    p.source = pt.origin;
    out.records.places.push_back(std::move(p));
  }
  std::size_t kept_nodes = 0, kept_links = 0;
  for (std::uint32_t v = 0; v < n_nodes; ++v) {
    if (kept[v] == 0) continue;
    ++kept_nodes;
    place_record p;
    p.id = node_id_of(v);
    p.position = node_pos[v];
    p.source = "corridor import";
    out.records.places.push_back(std::move(p));
    if (degree[v] == 1) ++rep.dangling_ends;
  }
  std::vector<double> link_km(links.size());
  for (std::uint32_t e = 0; e < links.size(); ++e) {
    const piece& l = links[e];
    if (kept[l.from] == 0) continue;
    ++kept_links;
    link_record r;
    r.id = prefix + "l" + std::to_string(e + 1);
    r.from = node_id_of(l.from);
    r.to = node_id_of(l.to);
    r.mode = l.line->mode;
    r.name = l.line->name;
    r.line = l.line->name;
    r.gauge_mm = l.line->gauge_mm;
    r.speed_kmh = l.line->speed_kmh;
    r.status = l.line->status;
    r.electrified = l.line->electrified;
    r.length_km = std::max(detail::polyline_km(l.points), 1e-6);
    link_km[e] = r.length_km;
    rep.output_km += r.length_km;
    r.geometry = l.points;
    if (!l.line->corridor.empty()) r.corridors = {l.line->corridor};
    r.source = l.inferred ? "gap closed by corridor import" : l.line->origin;
    r.confidence =
        l.inferred ? "inferred" : (l.line->confidence.empty() ? "imported" : l.line->confidence);
    r.origin = l.inferred ? "gap closed between " + r.from + " and " + r.to : l.line->origin;
    out.records.links.push_back(std::move(r));
  }
  for (std::size_t k = 0; k < connectors.size(); ++k) {
    const connector& c = connectors[k];
    const import_point& pt = points[c.point];
    const import_line* at_node = links[link_at[c.node]].line;
    link_record r;
    r.id = prefix + "c" + std::to_string(k + 1);
    r.from = pt.id;
    r.to = node_id_of(c.node);
    r.mode = at_node->mode;
    r.gauge_mm = at_node->gauge_mm;
    r.name = "connector " + (pt.name.empty() ? pt.id : pt.name);
    r.length_km = std::max(c.km, 1e-6);
    r.geometry = {pt.position, node_pos[c.node]};
    r.source = "point snapped by corridor import";
    r.confidence = "inferred";
    r.origin = pt.origin;
    out.records.links.push_back(std::move(r));
    rep.output_km += r.length_km;
  }
  rep.nodes = kept_nodes + connectors.size();
  rep.links = kept_links + connectors.size();

  // Components after gap closing, largest (km) first.
  std::unordered_map<std::uint32_t, std::size_t> comp_index;
  std::vector<std::map<std::string, double>> comp_names;
  std::vector<std::vector<std::uint32_t>> comp_ends;
  for (std::uint32_t e = 0; e < links.size(); ++e) {
    if (kept[links[e].from] == 0) continue;
    const std::uint32_t r = comp.find(links[e].from);
    const auto [it, added] = comp_index.try_emplace(r, rep.components.size());
    if (added) {
      component_info c;
      c.min_lon = c.max_lon = node_pos[links[e].from].lon;
      c.min_lat = c.max_lat = node_pos[links[e].from].lat;
      rep.components.push_back(c);
      comp_names.emplace_back();
    }
    component_info& c = rep.components[it->second];
    ++c.links;
    c.km += link_km[e];
    for (const geo::lonlat& p : links[e].points) {
      c.min_lon = std::min(c.min_lon, p.lon);
      c.max_lon = std::max(c.max_lon, p.lon);
      c.min_lat = std::min(c.min_lat, p.lat);
      c.max_lat = std::max(c.max_lat, p.lat);
    }
    if (!links[e].line->name.empty()) comp_names[it->second][links[e].line->name] += link_km[e];
  }
  for (std::size_t i = 0; i < rep.components.size(); ++i) {
    std::vector<std::pair<double, std::string>> names;
    for (const auto& [name, km] : comp_names[i]) names.emplace_back(-km, name);
    std::sort(names.begin(), names.end());
    for (std::size_t k = 0; k < std::min<std::size_t>(5, names.size()); ++k) {
      rep.components[i].names.push_back(names[k].second);
    }
  }
  // The shortest joins missing between the ten largest components (by their dangling ends, or
  // any node when they have none).
  std::vector<std::size_t> order(rep.components.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return rep.components[a].km > rep.components[b].km;
  });
  {
    const std::size_t top = std::min<std::size_t>(10, order.size());
    std::vector<std::size_t> rank_of(rep.components.size(), top);
    for (std::size_t k = 0; k < top; ++k) rank_of[order[k]] = k;
    std::vector<std::vector<std::uint32_t>> ends(top), any(top);
    for (std::uint32_t v = 0; v < n_nodes; ++v) {
      const auto it = comp_index.find(comp.find(v));
      if (it == comp_index.end() || rank_of[it->second] == top) continue;
      any[rank_of[it->second]].push_back(v);
      if (degree[v] == 1) ends[rank_of[it->second]].push_back(v);
    }
    for (std::size_t i = 0; i < top; ++i) {
      for (std::size_t j = i + 1; j < top; ++j) {
        const auto& a = ends[i].empty() ? any[i] : ends[i];
        const auto& b = ends[j].empty() ? any[j] : ends[j];
        dangling_gap best_gap{{}, {}, std::numeric_limits<double>::infinity()};
        for (const std::uint32_t x : a) {
          for (const std::uint32_t y : b) {
            const double km = geo::great_circle_km(node_pos[x], node_pos[y]);
            if (km < best_gap.km) best_gap = {node_id_of(x), node_id_of(y), km};
          }
        }
        if (!best_gap.from.empty()) rep.largest_open_gaps.push_back(best_gap);
      }
    }
    std::sort(rep.largest_open_gaps.begin(), rep.largest_open_gaps.end(),
              [](const dangling_gap& x, const dangling_gap& y) { return x.km < y.km; });
    if (rep.largest_open_gaps.size() > 10) rep.largest_open_gaps.resize(10);
  }
  std::vector<component_info> sorted;
  for (const std::size_t i : order) sorted.push_back(std::move(rep.components[i]));
  rep.components = std::move(sorted);
  return out;
}

}  // namespace corridor::gis
