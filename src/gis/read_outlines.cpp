#include <algorithm>
#include <string>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "corridor/gis/outlines.hpp"
#include "ogr_input.hpp"

namespace corridor::gis {
namespace {

std::vector<geo::lonlat> ring_points(const OGRLinearRing& r, const detail::to_wgs84& tr) {
  std::vector<geo::lonlat> pts;
  pts.reserve(static_cast<std::size_t>(r.getNumPoints()));
  for (int i = 0; i < r.getNumPoints(); ++i) pts.push_back(tr(r.getX(i), r.getY(i)));
  return pts;
}

/// True when the lon/lat envelope of `ring` meets `box`.
bool meets(const std::vector<geo::lonlat>& ring, const lonlat_box& box) {
  double lo_lon = 1e9, hi_lon = -1e9, lo_lat = 1e9, hi_lat = -1e9;
  for (const geo::lonlat& p : ring) {
    lo_lon = std::min(lo_lon, p.lon);
    hi_lon = std::max(hi_lon, p.lon);
    lo_lat = std::min(lo_lat, p.lat);
    hi_lat = std::max(hi_lat, p.lat);
  }
  return lo_lon <= box.lon_max && hi_lon >= box.lon_min && lo_lat <= box.lat_max &&
         hi_lat >= box.lat_min;
}

/// The polygons of a (multi)polygon or collection that meet `box`.
void collect_polygons(const OGRGeometry& g, const detail::to_wgs84& tr, const lonlat_box& box,
                      std::vector<lonlat_polygon>& out) {
  const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
  if (t == wkbPolygon) {
    const auto& poly = *g.toPolygon();
    if (poly.getExteriorRing() == nullptr) return;
    lonlat_polygon pg{ring_points(*poly.getExteriorRing(), tr)};
    if (!meets(pg.front(), box)) return;
    for (int i = 0; i < poly.getNumInteriorRings(); ++i) {
      if (const OGRLinearRing* r = poly.getInteriorRing(i)) pg.push_back(ring_points(*r, tr));
    }
    out.push_back(std::move(pg));
  } else if (OGR_GT_IsSubClassOf(t, wkbGeometryCollection)) {
    const auto& gc = *g.toGeometryCollection();
    for (int i = 0; i < gc.getNumGeometries(); ++i) {
      if (const OGRGeometry* part = gc.getGeometryRef(i)) collect_polygons(*part, tr, box, out);
    }
  }
}

}  // namespace

std::vector<lonlat_polygon> read_polygons(const std::filesystem::path& path,
                                          const lonlat_box& box) {
  const detail::opened_source src = detail::open_source(path, "map");
  std::vector<lonlat_polygon> out;
  for (OGRLayer* layer : src.ds->GetLayers()) {
    const detail::to_wgs84 tr(*layer);
    const OGRSpatialReference* srs = layer->GetSpatialRef();
    if (srs == nullptr || srs->IsGeographic()) {
      layer->SetSpatialFilterRect(box.lon_min, box.lat_min, box.lon_max, box.lat_max);
    }
    layer->ResetReading();
    for (auto& feature : *layer) {
      if (const OGRGeometry* g = feature->GetGeometryRef()) collect_polygons(*g, tr, box, out);
    }
  }
  return out;
}

}  // namespace corridor::gis
