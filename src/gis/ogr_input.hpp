// Internal to corridor_gis: opening OGR vector data sets and reading their geometry as WGS84
// lon/lat, shared by the network and candidates readers.
#pragma once

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <gdal_priv.h>
#include <ogrsf_frmts.h>

#include "corridor/error.hpp"
#include "corridor/geo.hpp"
#include "corridor/network/columns.hpp"
#include "corridor/network/topology.hpp"
#include "xz.hpp"

namespace corridor::gis::detail {

struct dataset_closer {
  void operator()(GDALDataset* d) const noexcept { GDALClose(d); }
};
using dataset_ptr = std::unique_ptr<GDALDataset, dataset_closer>;

/// While it lives, GDAL's messages are about `file`: a warning goes to stderr as
/// "warning: FILE: GDAL: MESSAGE" (GDAL's own handler prints "Warning 1: MESSAGE", without the
/// file); a failure is not printed, since the caller puts CPLGetLastErrorMsg() into its error.
class gdal_messages_about {
 public:
  explicit gdal_messages_about(std::string file) : file_(std::move(file)) {
    CPLPushErrorHandlerEx(&handler, this);
  }
  ~gdal_messages_about() { CPLPopErrorHandler(); }
  gdal_messages_about(const gdal_messages_about&) = delete;
  gdal_messages_about& operator=(const gdal_messages_about&) = delete;

 private:
  static void CPL_STDCALL handler(CPLErr level, CPLErrorNum /*code*/, const char* message) {
    if (level != CE_Warning) return;
    const auto* self = static_cast<const gdal_messages_about*>(CPLGetErrorHandlerUserData());
    std::fprintf(stderr, "warning: %s: GDAL: %s\n", self->file_.c_str(), message);
  }
  std::string file_;
};

/// The name GDAL opens `p` by: `.gz` files through /vsigzip/ and `.zip` archives through
/// /vsizip/ (a zipped shapefile, or several); GDAL virtual paths (/vsizip/a.zip/rail.geojson,
/// ...) as given. Throws lookup_error when there is nothing at that name.
inline std::string gdal_name(const std::filesystem::path& p) {
  std::string name = p.string();
  if (name.rfind("/vsi", 0) == 0) {
    VSIStatBufL st;
    if (VSIStatL(name.c_str(), &st) != 0) {
      throw lookup_error(name + ": nothing there (GDAL virtual file system path)");
    }
    return name;
  }
  if (!std::filesystem::exists(p)) throw lookup_error(name + ": no such file or folder");
  if (p.extension() == ".gz") return "/vsigzip/" + name;
  if (p.extension() == ".zip") return "/vsizip/" + name;
  return name;
}

inline dataset_ptr open_vector(const std::filesystem::path& p) {
  GDALAllRegister();
  const std::string name = gdal_name(p);
  const gdal_messages_about about(p.string());
  CPLErrorReset();
  dataset_ptr ds(static_cast<GDALDataset*>(
      GDALOpenEx(name.c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!ds) {
    const std::string why = CPLGetLastErrorMsg();
    throw input_error(p.string() + ": cannot be read as a vector data set" +
                      (why.empty() ? std::string() : " (" + why + ")"));
  }
  return ds;
}

/// Transforms layer coordinates to WGS84 lon/lat (none needed when the layer is already WGS84).
class to_wgs84 {
 public:
  explicit to_wgs84(OGRLayer& layer) {
    const OGRSpatialReference* src = layer.GetSpatialRef();
    if (src == nullptr) return;  // assume WGS84 lon/lat (GeoJSON's default)
    OGRSpatialReference wgs84;
    wgs84.SetWellKnownGeogCS("WGS84");
    wgs84.SetAxisMappingStrategy(OAMS_TRADITIONAL_GIS_ORDER);
    if (src->IsSame(&wgs84)) return;
    ct_.reset(OGRCreateCoordinateTransformation(src, &wgs84));
  }
  [[nodiscard]] geo::lonlat operator()(double x, double y) const {
    if (ct_ && !ct_->Transform(1, &x, &y)) return {not_given, not_given};
    return {x, y};
  }

 private:
  std::unique_ptr<OGRCoordinateTransformation> ct_;
};

inline std::vector<geo::lonlat> line_points(const OGRGeometry* g, const to_wgs84& tr) {
  std::vector<geo::lonlat> out;
  if (g == nullptr) return out;
  const auto type = wkbFlatten(g->getGeometryType());
  if (type == wkbLineString) {
    const OGRLineString* ls = g->toLineString();
    for (int i = 0; i < ls->getNumPoints(); ++i) out.push_back(tr(ls->getX(i), ls->getY(i)));
  } else if (type == wkbMultiLineString) {
    for (const OGRLineString* ls : *g->toMultiLineString()) {
      for (int i = 0; i < ls->getNumPoints(); ++i) {
        const geo::lonlat p = tr(ls->getX(i), ls->getY(i));
        if (out.empty() || !(out.back() == p)) out.push_back(p);
      }
    }
  }
  return out;
}

/// An in-memory GDAL file (/vsimem/) over a buffer, unlinked on destruction.
class memory_file {
 public:
  memory_file(std::string data, const std::string& filename, const char* tag = "mem")
      : data_(std::move(data)) {
    static std::atomic<unsigned> counter{0};
    name_ =
        "/vsimem/corridor_" + std::string(tag) + "_" + std::to_string(counter++) + "/" + filename;
    VSILFILE* f = VSIFileFromMemBuffer(name_.c_str(), reinterpret_cast<GByte*>(data_.data()),
                                       static_cast<vsi_l_offset>(data_.size()), FALSE);
    if (f == nullptr) throw error("cannot create the in-memory file " + name_);
    VSIFCloseL(f);
  }
  memory_file(const memory_file&) = delete;
  memory_file& operator=(const memory_file&) = delete;
  ~memory_file() { VSIUnlink(name_.c_str()); }
  [[nodiscard]] const std::string& name() const noexcept { return name_; }

 private:
  std::string data_;
  std::string name_;
};

/// A vector data set opened from `path`, or from the .xz file `path` decompressed in memory
/// (`tag` names the /vsimem/ file). Throws lookup_error / input_error naming the file.
struct opened_source {
  std::unique_ptr<memory_file> mem;  ///< declared first: outlives the data set
  dataset_ptr ds;
};

inline opened_source open_source(const std::filesystem::path& path, const char* tag) {
  opened_source out;
  if (path.extension() != ".xz") {
    out.ds = open_vector(path);
    return out;
  }
  if (!std::filesystem::exists(path))
    throw lookup_error(path.string() + ": no such file or folder");
  GDALAllRegister();
  out.mem = std::make_unique<memory_file>(read_xz(path), path.stem().filename().string(), tag);
  const gdal_messages_about about(path.string());
  CPLErrorReset();
  out.ds.reset(static_cast<GDALDataset*>(GDALOpenEx(
      out.mem->name().c_str(), GDAL_OF_VECTOR | GDAL_OF_READONLY, nullptr, nullptr, nullptr)));
  if (!out.ds) {
    const std::string why = CPLGetLastErrorMsg();
    throw input_error(path.string() + ": cannot be read as a vector data set" +
                      (why.empty() ? std::string() : " (" + why + ")"));
  }
  return out;
}

/// Polyline lengths: the core's (corridor/network/topology.hpp).
using corridor::polyline_km;

}  // namespace corridor::gis::detail
