// GDAL writers for routes and networks, all through write_atomically().
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "corridor/gis/write.hpp"
#include "corridor/network/labels.hpp"
#include "corridor/text.hpp"

namespace corridor::gis {
namespace {

namespace fs = std::filesystem;

struct dataset_closer {
  void operator()(GDALDataset* d) const noexcept { GDALClose(d); }
};
using dataset_ptr = std::unique_ptr<GDALDataset, dataset_closer>;

std::string lower_ext(const fs::path& p) { return to_lower(p.extension().string()); }

const char* driver_for(const fs::path& p) {
  if (p == "/vsistdout/") return "GeoJSON";
  const std::string e = lower_ext(p);
  if (e == ".gpkg") return "GPKG";
  if (e == ".geojson" || e == ".json") return "GeoJSON";
  throw input_error(p.string() + ": unsupported output format '" + e +
                    "' (use .geojson, .json or .gpkg)");
}

dataset_ptr create(const fs::path& p) {
  GDALAllRegister();
  GDALDriver* d = GetGDALDriverManager()->GetDriverByName(driver_for(p));
  if (d == nullptr) throw error(std::string("GDAL has no ") + driver_for(p) + " driver");
  CPLErrorReset();
  dataset_ptr ds(d->Create(p.c_str(), 0, 0, 0, GDT_Unknown, nullptr));
  if (!ds) throw error(p.string() + ": cannot create (" + CPLGetLastErrorMsg() + ")");
  return ds;
}

OGRLayer& create_layer(GDALDataset& ds, const fs::path& p, const char* name,
                       OGRwkbGeometryType type) {
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  char** opts = nullptr;
  if (std::string(driver_for(p)) == "GeoJSON") {
    opts = CSLSetNameValue(opts, "COORDINATE_PRECISION", "6");
    opts = CSLSetNameValue(opts, "RFC7946", "NO");
  }
  OGRLayer* l = ds.CreateLayer(name, &wgs84, type, opts);
  CSLDestroy(opts);
  if (l == nullptr) throw error(p.string() + ": cannot create layer " + name);
  return *l;
}

void add_field(OGRLayer& l, const char* name, OGRFieldType t, OGRFieldSubType sub = OFSTNone) {
  OGRFieldDefn f(name, t);
  f.SetSubType(sub);
  if (l.CreateField(&f) != OGRERR_NONE) throw error(std::string("cannot create field ") + name);
}

void commit(OGRLayer& l, OGRFeature& f, const fs::path& p) {
  if (l.CreateFeature(&f) != OGRERR_NONE) {
    throw error(p.string() + ": cannot write a feature (" + CPLGetLastErrorMsg() + ")");
  }
}

void set_or_null(OGRFeature& f, const char* field, double v) {
  if (std::isnan(v)) {
    f.SetFieldNull(f.GetFieldIndex(field));
  } else {
    f.SetField(field, v);
  }
}

/// Points of a link in travel direction: the record's geometry, else the two places.
std::vector<geo::lonlat> link_points(const built_network& net, link_id l) {
  const std::uint32_t r = net.links.record[l.value()];
  std::vector<geo::lonlat> pts;
  if (r != no_index) {
    const auto g = net.records.geometry_of(r);
    pts.assign(g.begin(), g.end());
    if (net.links.reversed[l.value()] != 0) std::reverse(pts.begin(), pts.end());
  }
  if (pts.size() < 2) {
    pts = {net.places.position[net.place_of(net.graph.tail(l))],
           net.places.position[net.place_of(net.graph.head(l))]};
  }
  return pts;
}

}  // namespace

void write_atomically(const fs::path& target, const std::function<void(const fs::path&)>& write) {
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  if (!fs::is_directory(dir))
    throw input_error(target.string() + ": folder " + dir.string() + " does not exist");
  std::random_device rd;
  // Appended piece by piece: GCC 12 -O3 gives a false -Wrestrict for "." + std::string.
  std::string name = ".";
  name += target.stem().string();
  name += ".tmp";
  name += std::to_string(rd() % 1000000);
  name += target.extension().string();
  const fs::path tmp = dir / name;
  const auto cleanup = [&] {
    std::error_code ec;
    fs::remove_all(tmp, ec);
    for (const char* side : {"-journal", "-wal", "-shm"}) fs::remove(tmp.string() + side, ec);
  };
  try {
    write(tmp);
    fs::rename(tmp, target);  // atomic within one file system; replaces target
  } catch (...) {
    cleanup();
    throw;
  }
}

void write_text(const fs::path& target, const std::string& text) {
  if (target == "-") {
    std::cout << text << std::flush;
    return;
  }
  write_atomically(target, [&](const fs::path& tmp) {
    std::ofstream out(tmp, std::ios::binary);
    out << text;
    out.close();
    if (!out) throw error(tmp.string() + ": write failed");
  });
}

void write_route(const fs::path& target, const built_network& net, const route& r) {
  write_routes(target, net, {labelled_route{"", &r}});
}

void write_routes(const fs::path& target, const built_network& net,
                  const std::vector<labelled_route>& routes) {
  const auto write = [&](const fs::path& p) {
    dataset_ptr ds = create(p);
    OGRLayer& l = create_layer(*ds, p, "route", wkbUnknown);
    add_field(l, "option", OFTString);
    add_field(l, "seq", OFTInteger);
    add_field(l, "kind", OFTString);
    add_field(l, "mode", OFTString);
    add_field(l, "line", OFTString);
    add_field(l, "from", OFTString);
    add_field(l, "to", OFTString);
    for (const char* f : {"distance_km", "time_h", "cost_usd_per_t", "co2_kg_per_t", "weight"}) {
      add_field(l, f, OFTReal);
    }
    add_field(l, "border_crossings", OFTInteger);
    add_field(l, "gauge_breaks", OFTInteger);
    add_field(l, "links", OFTString);
    for (const labelled_route& lr : routes) {
      if (lr.r->status != route_status::ok) continue;
      int seq = 0;
      for (const leg& g : lr.r->legs) {
        OGRFeature f(l.GetLayerDefn());
        f.SetField("option", lr.label.c_str());
        f.SetField("seq", ++seq);
        f.SetField("kind",
                   g.stop == stop_kind::none ? "travel" : std::string(to_string(g.stop)).c_str());
        f.SetField("mode", std::string(to_string(g.mode)).c_str());
        f.SetField("line", g.line.c_str());
        f.SetField("from", net.places.id[g.from_place].c_str());
        f.SetField("to", net.places.id[g.to_place].c_str());
        f.SetField("distance_km", g.distance_km);
        f.SetField("time_h", g.time_h);
        f.SetField("cost_usd_per_t", g.cost_usd_per_t);
        f.SetField("co2_kg_per_t", g.co2_kg_per_t);
        f.SetField("weight", g.weight);
        f.SetField("border_crossings", static_cast<int>(g.border_crossings));
        f.SetField("gauge_breaks", static_cast<int>(g.gauge_breaks));
        std::string ids;
        for (const link_id id : g.links) {
          const auto rec = net.links.record[id.value()];
          if (rec == no_index) continue;
          if (!ids.empty()) ids += ';';
          ids += net.records.id[rec];
        }
        f.SetField("links", ids.c_str());
        if (g.stop == stop_kind::none) {
          OGRLineString ls;
          for (const link_id id : g.links) {
            for (const geo::lonlat& q : link_points(net, id)) {
              const int n = ls.getNumPoints();
              if (n > 0 && ls.getX(n - 1) == q.lon && ls.getY(n - 1) == q.lat) continue;
              if (geo::valid(q)) ls.addPoint(q.lon, q.lat);
            }
          }
          if (ls.getNumPoints() >= 2) f.SetGeometry(&ls);
        } else {
          const geo::lonlat q = net.places.position[g.from_place];  // where the stop happens
          if (geo::valid(q)) {
            OGRPoint pt(q.lon, q.lat);
            f.SetGeometry(&pt);
          }
        }
        commit(l, f, p);
      }
    }
  };
  if (target == "-") {
    write("/vsistdout/");
    return;
  }
  write_atomically(target, write);
}

namespace {

/// A link layer: id (link_label), from, to, mode, one real field per column (NaN = null) and,
/// when `flag` names one, a boolean field; features in the order of `links`. "-" writes GeoJSON
/// to standard output; otherwise atomically.
struct flag_column {
  const char* name = nullptr;
  const std::vector<std::uint8_t>* values = nullptr;  ///< in the order of `links`
};

void write_link_layer(const fs::path& target, const built_network& net, const char* layer_name,
                      const std::vector<std::uint32_t>& links,
                      const std::vector<std::pair<std::string, std::vector<double>>>& columns,
                      flag_column flag = {}) {
  const auto write = [&](const fs::path& p) {
    dataset_ptr ds = create(p);
    OGRLayer& layer = create_layer(*ds, p, layer_name, wkbLineString);
    for (const char* f : {"id", "from", "to", "mode"}) add_field(layer, f, OFTString);
    for (const auto& [name, values] : columns) add_field(layer, name.c_str(), OFTReal);
    if (flag.name != nullptr) add_field(layer, flag.name, OFTInteger, OFSTBoolean);
    for (std::size_t k = 0; k < links.size(); ++k) {
      const link_id id{links[k]};
      OGRFeature f(layer.GetLayerDefn());
      f.SetField("id", link_label(net, id).c_str());
      f.SetField("from", net.places.id[net.place_of(net.graph.tail(id))].c_str());
      f.SetField("to", net.places.id[net.place_of(net.graph.head(id))].c_str());
      f.SetField("mode", std::string(to_string(net.links.mode[links[k]])).c_str());
      for (const auto& [name, values] : columns) set_or_null(f, name.c_str(), values[k]);
      if (flag.name != nullptr) f.SetField(flag.name, static_cast<int>((*flag.values)[k]));
      OGRLineString ls;
      for (const geo::lonlat& q : link_points(net, id)) {
        if (geo::valid(q)) ls.addPoint(q.lon, q.lat);
      }
      if (ls.getNumPoints() >= 2) f.SetGeometry(&ls);
      commit(layer, f, p);
    }
  };
  if (target == "-") {
    write("/vsistdout/");
    return;
  }
  write_atomically(target, write);
}

}  // namespace

void write_link_flows(const fs::path& target, const built_network& net,
                      const std::vector<double>& flow, const std::vector<double>& capacity,
                      const std::vector<std::uint8_t>& cut) {
  std::vector<std::uint32_t> links;
  std::vector<double> f, c, u;
  std::vector<std::uint8_t> in_cut;
  for (std::uint32_t i = 0; i < net.graph.link_count(); ++i) {
    if (!(flow[i] > 0) && cut[i] == 0) continue;
    const bool limited = std::isfinite(capacity[i]);
    links.push_back(i);
    f.push_back(flow[i]);
    c.push_back(limited ? capacity[i] : not_given);
    u.push_back(limited && capacity[i] > 0 ? flow[i] / capacity[i] : not_given);
    in_cut.push_back(cut[i]);
  }
  write_link_layer(
      target, net, "flows", links,
      {{"flow", std::move(f)}, {"capacity", std::move(c)}, {"utilisation", std::move(u)}},
      {"min_cut", &in_cut});
}

void write_link_values(const fs::path& target, const built_network& net,
                       const std::vector<std::uint32_t>& links,
                       const std::vector<std::pair<std::string, std::vector<double>>>& columns) {
  write_link_layer(target, net, "links", links, columns);
}

namespace {

void write_nodes_layer(GDALDataset& ds, const fs::path& p, const built_network& net) {
  OGRLayer& l = create_layer(ds, p, "nodes", wkbPoint);
  for (const char* f : {"id", "name", "kind", "country"}) add_field(l, f, OFTString);
  for (const char* f : {"dwell_h", "handling_usd_per_t", "capacity_t_per_year"}) {
    add_field(l, f, OFTReal);
  }
  add_field(l, "source", OFTString);
  add_field(l, "confidence", OFTString);
  const place_columns& P = net.places;
  for (std::uint32_t i = 0; i < P.size(); ++i) {
    OGRFeature f(l.GetLayerDefn());
    f.SetField("id", P.id[i].c_str());
    f.SetField("name", P.name[i].c_str());
    f.SetField("kind", std::string(to_string(P.kind[i])).c_str());
    f.SetField("country", P.country[i].c_str());
    set_or_null(f, "dwell_h", P.dwell_h[i]);
    set_or_null(f, "handling_usd_per_t", P.handling_usd_per_t[i]);
    set_or_null(f, "capacity_t_per_year", P.capacity_t_per_year[i]);
    f.SetField("source", P.source[i].c_str());
    f.SetField("confidence", P.confidence[i].c_str());
    if (P.has_position(i)) {
      OGRPoint pt(P.position[i].lon, P.position[i].lat);
      f.SetGeometry(&pt);
    }
    commit(l, f, p);
  }
}

OGRLayer& create_links_layer(GDALDataset& ds, const fs::path& p) {
  OGRLayer& l = create_layer(ds, p, "links", wkbLineString);
  for (const char* f : {"id", "from", "to", "mode", "line", "name"}) add_field(l, f, OFTString);
  add_field(l, "length_km", OFTReal);
  add_field(l, "gauge_mm", OFTInteger);
  add_field(l, "gauge_to_mm", OFTInteger);
  add_field(l, "speed_kmh", OFTReal);
  add_field(l, "freight", OFTInteger, OFSTBoolean);
  add_field(l, "electrified", OFTInteger, OFSTBoolean);
  add_field(l, "status", OFTString);
  add_field(l, "open_year", OFTInteger);
  add_field(l, "capacity_t_per_year", OFTReal);
  add_field(l, "country", OFTString);
  add_field(l, "corridors", OFTString);
  add_field(l, "oneway", OFTInteger, OFSTBoolean);
  for (const char* f : {"time_h", "cost_usd_per_t", "co2_kg_per_t", "weight"}) {
    add_field(l, f, OFTReal);
  }
  add_field(l, "source", OFTString);
  add_field(l, "confidence", OFTString);
  return l;
}

/// An integer field, or null where `present` is false.
void set_int_or_null(OGRFeature& f, const char* field, bool present, int value) {
  if (present) {
    f.SetField(field, value);
  } else {
    f.SetFieldNull(f.GetFieldIndex(field));
  }
}

/// The feature of record r, written from link i (its forward link, or its only one).
void set_record_fields(OGRFeature& f, const built_network& net, std::uint32_t r, std::uint32_t i,
                       bool oneway) {
  const record_columns& R = net.records;
  const link_id id{i};
  const bool rev = net.links.reversed[i] != 0;
  const node_id from = rev ? net.graph.head(id) : net.graph.tail(id);
  const node_id to = rev ? net.graph.tail(id) : net.graph.head(id);
  const layer lf = net.nodes.layer[from.value()], lt = net.nodes.layer[to.value()];
  f.SetField("id", R.id[r].c_str());
  f.SetField("from", net.places.id[net.place_of(from)].c_str());
  f.SetField("to", net.places.id[net.place_of(to)].c_str());
  f.SetField("mode", std::string(to_string(net.links.mode[i])).c_str());
  f.SetField("line", R.line[r].c_str());
  f.SetField("name", R.name[r].c_str());
  f.SetField("length_km", net.links.length_km[i]);
  set_int_or_null(f, "gauge_mm", lf.gauge_mm != 0, lf.gauge_mm);
  set_int_or_null(f, "gauge_to_mm", lt.gauge_mm != lf.gauge_mm, lt.gauge_mm);
  set_or_null(f, "speed_kmh", net.links.speed_kmh[i]);
  f.SetField("freight", static_cast<int>(net.links.freight[i]));
  set_int_or_null(f, "electrified", R.electrified[r] != 0, R.electrified[r] == 2 ? 1 : 0);
  f.SetField("status", std::string(to_string(net.links.status[i])).c_str());
  set_int_or_null(f, "open_year", net.links.open_year[i] != 0, net.links.open_year[i]);
  set_or_null(f, "capacity_t_per_year", net.links.capacity_t_per_year[i]);
  f.SetField("country", R.country[r].c_str());
  std::string cs;
  for (const auto c : R.corridors_of(r)) cs += (cs.empty() ? "" : ";") + net.corridors[c];
  f.SetField("corridors", cs.c_str());
  f.SetField("oneway", oneway ? 1 : 0);
  set_or_null(f, "time_h", net.links.time_h[i]);
  set_or_null(f, "cost_usd_per_t", net.links.cost_usd_per_t[i]);
  set_or_null(f, "co2_kg_per_t", net.links.co2_kg_per_t[i]);
  set_or_null(f, "weight", net.links.weight[i]);
  f.SetField("source", R.source[r].c_str());
  f.SetField("confidence", R.confidence[r].c_str());
}

void write_links_layer(GDALDataset& ds, const fs::path& p, const built_network& net) {
  OGRLayer& l = create_links_layer(ds, p);
  // One feature per record: its forward link (or its only link when one-way reversed).
  const record_columns& R = net.records;
  std::vector<std::uint32_t> fwd(R.size(), no_index), any(R.size(), no_index);
  std::vector<std::uint8_t> both(R.size(), 0);
  for (std::uint32_t i = 0; i < net.graph.link_count(); ++i) {
    const auto r = net.links.record[i];
    if (r == no_index) continue;
    if (net.links.reversed[i] == 0) {
      fwd[r] = i;
    } else {
      both[r] = 1;
    }
    any[r] = i;
  }
  for (std::uint32_t r = 0; r < R.size(); ++r) {
    OGRFeature f(l.GetLayerDefn());
    set_record_fields(f, net, r, fwd[r] != no_index ? fwd[r] : any[r],
                      both[r] == 0 && fwd[r] != no_index);
    const auto g = R.geometry_of(r);
    if (g.size() >= 2) {
      OGRLineString ls;
      for (const geo::lonlat& q : g) ls.addPoint(q.lon, q.lat);
      f.SetGeometry(&ls);
    }
    commit(l, f, p);
  }
}

}  // namespace

void write_network(const fs::path& target, const built_network& net) {
  if (lower_ext(target) == ".gpkg") {
    write_atomically(target, [&](const fs::path& p) {
      dataset_ptr ds = create(p);
      write_nodes_layer(*ds, p, net);
      write_links_layer(*ds, p, net);
    });
    return;
  }
  fs::create_directories(target);
  write_atomically(target / "nodes.geojson", [&](const fs::path& p) {
    dataset_ptr ds = create(p);
    write_nodes_layer(*ds, p, net);
  });
  write_atomically(target / "links.geojson", [&](const fs::path& p) {
    dataset_ptr ds = create(p);
    write_links_layer(*ds, p, net);
  });
}

}  // namespace corridor::gis
