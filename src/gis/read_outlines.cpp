#include <algorithm>
#include <cctype>
#include <memory>
#include <string>

#include <gdal_priv.h>
#include <ogr_spatialref.h>
#include <ogrsf_frmts.h>

#include "corridor/error.hpp"
#include "corridor/gis/outlines.hpp"
#include "ogr_input.hpp"
#include "xz.hpp"

namespace corridor::gis {
namespace {

struct transform_closer {
  void operator()(OGRCoordinateTransformation* t) const noexcept {
    OGRCoordinateTransformation::DestroyCT(t);
  }
};
using transform_ptr = std::unique_ptr<OGRCoordinateTransformation, transform_closer>;

/// Silences GDAL's error printing for its lifetime (errors are read with CPLGetLastErrorMsg).
class quiet_gdal {
 public:
  quiet_gdal() {
    CPLPushErrorHandler(CPLQuietErrorHandler);
    CPLErrorReset();
  }
  quiet_gdal(const quiet_gdal&) = delete;
  quiet_gdal& operator=(const quiet_gdal&) = delete;
  ~quiet_gdal() { CPLPopErrorHandler(); }
};

std::vector<geo::lonlat> ring_points(const OGRLinearRing& r) {
  std::vector<geo::lonlat> pts;
  pts.reserve(static_cast<std::size_t>(r.getNumPoints()));
  for (int i = 0; i < r.getNumPoints(); ++i) pts.push_back({r.getX(i), r.getY(i)});
  return pts;
}

/// The polygons of a (multi)polygon or collection.
void collect_polygons(const OGRGeometry& g, std::vector<lonlat_polygon>& out) {
  const OGRwkbGeometryType t = wkbFlatten(g.getGeometryType());
  if (t == wkbPolygon) {
    const auto& poly = *g.toPolygon();
    if (poly.getExteriorRing() == nullptr) return;
    lonlat_polygon pg{ring_points(*poly.getExteriorRing())};
    for (int i = 0; i < poly.getNumInteriorRings(); ++i) {
      if (const OGRLinearRing* r = poly.getInteriorRing(i)) pg.push_back(ring_points(*r));
    }
    out.push_back(std::move(pg));
  } else if (OGR_GT_IsSubClassOf(t, wkbGeometryCollection)) {
    const auto& gc = *g.toGeometryCollection();
    for (int i = 0; i < gc.getNumGeometries(); ++i) {
      if (const OGRGeometry* part = gc.getGeometryRef(i)) collect_polygons(*part, out);
    }
  }
}

void read_layer(OGRLayer& layer, const OGREnvelope& extent, std::vector<lonlat_polygon>& out) {
  OGRSpatialReference wgs84;
  wgs84.SetWellKnownGeogCS("WGS84");
  wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
  transform_ptr to_wgs84;
  const OGRSpatialReference* srs = layer.GetSpatialRef();
  if (srs != nullptr && !srs->IsGeographic()) {
    to_wgs84.reset(OGRCreateCoordinateTransformation(srs, &wgs84));
    if (!to_wgs84) throw error("cannot transform layer " + std::string(layer.GetName()));
  } else {
    layer.SetSpatialFilterRect(extent.MinX, extent.MinY, extent.MaxX, extent.MaxY);
  }
  layer.ResetReading();
  for (auto& feature : layer) {
    OGRGeometry* g = feature->GetGeometryRef();
    if (g == nullptr) continue;
    if (to_wgs84 && g->transform(to_wgs84.get()) != OGRERR_NONE) continue;
    OGREnvelope e;
    g->getEnvelope(&e);
    if (!e.Intersects(extent)) continue;
    collect_polygons(*g, out);
  }
}

std::vector<lonlat_polygon> read_source(const std::string& source, const lonlat_box& box) {
  GDALAllRegister();
  const quiet_gdal quiet;
  detail::dataset_ptr ds(GDALDataset::Open(source.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY));
  if (!ds) {
    const std::string msg = CPLGetLastErrorMsg();
    throw error(msg.empty() ? "not a vector data source GDAL can read" : msg);
  }
  OGREnvelope extent;
  extent.MinX = box.lon_min;
  extent.MaxX = box.lon_max;
  extent.MinY = box.lat_min;
  extent.MaxY = box.lat_max;
  std::vector<lonlat_polygon> out;
  for (OGRLayer* layer : ds->GetLayers()) read_layer(*layer, extent, out);
  return out;
}

}  // namespace

std::vector<lonlat_polygon> read_polygons(const std::filesystem::path& path,
                                          const lonlat_box& box) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".xz") {
    const detail::memory_file f(detail::read_xz(path), path.stem().string(), "map");
    return read_source(f.name(), box);
  }
  return read_source(path.string(), box);
}

}  // namespace corridor::gis
