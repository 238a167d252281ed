// Candidate links for what-if ranking, from a CSV file or a GIS line layer: `id,from,to` plus
// `weight` (plain weighted graphs) or `mode,length_km` (corridor networks); optional `cost_musd`,
// `oneway`, `gauge_mm`, `speed_kmh`. A layer's missing lengths are measured along its lines.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <string>
#include <unordered_set>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/text.hpp"
#include "csv.hpp"
#include "ogr_input.hpp"

namespace corridor::gis {
namespace {

/// A length as text that reads back to the same double.
std::string fmt_km(double km) {
  char buf[32];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, km);
  return ec == std::errc{} ? std::string(buf, end) : std::string();
}

constexpr std::size_t none = detail::csv_header::none;
constexpr const char* expected = "id,from,to and weight, or id,from,to,mode,length_km";

/// The columns of a candidates table and the reading of one row; `fail(what)` throws naming the
/// file and line (or feature).
class candidate_reader {
 public:
  template <class Fail>
  void header(const detail::csv_header& h, const Fail& fail) {
    id_ = h.find("id");
    from_ = h.find("from");
    to_ = h.find("to");
    weight_ = h.find("weight");
    mode_ = h.find("mode");
    length_ = h.find("length_km");
    cost_ = h.find("cost_musd");
    oneway_ = h.find("oneway");
    gauge_ = h.find("gauge_mm");
    speed_ = h.find("speed_kmh");
    for (const auto& [column, name] :
         {std::pair{id_, "id"}, std::pair{from_, "from"}, std::pair{to_, "to"}}) {
      if (column == none) fail(std::string("no '") + name + "' column (expected " + expected + ")");
    }
    if (weight_ == none && (mode_ == none || length_ == none)) {
      fail(std::string("no 'weight' column, nor 'mode' and 'length_km' (expected ") + expected +
           ")");
    }
  }

  template <class Fail>
  void row(std::size_t line, const std::vector<std::string>& f, const Fail& fail) {
    const field_reader<Fail> in{f, fail};
    candidate_row r;
    r.line = line;
    r.id = in.text(id_, "id");
    r.from = in.text(from_, "from");
    r.to = in.text(to_, "to");
    for (const auto& [value, name] :
         {std::pair{&r.id, "id"}, std::pair{&r.from, "from"}, std::pair{&r.to, "to"}}) {
      if (value->empty()) fail(std::string("field '") + name + "': empty");
    }
    if (!ids_.insert(r.id).second) fail("field 'id': '" + r.id + "' appears twice");
    if (weight_ != none) {
      r.weight = in.number(weight_, "weight", true, false);
    } else {
      r.mode = in.text(mode_, "mode");
      if (r.mode != "rail" && r.mode != "road" && r.mode != "sea" && r.mode != "inland_waterway") {
        fail("field 'mode': '" + r.mode + "' is not rail, road, sea or inland_waterway");
      }
      r.length_km = in.number(length_, "length_km", true, true);
    }
    r.cost_musd = in.number(cost_, "cost_musd", false, false);
    r.speed_kmh = in.number(speed_, "speed_kmh", false, true);
    const double g = in.number(gauge_, "gauge_mm", false, true);
    if (!std::isnan(g)) {
      if (g != std::floor(g) || g > 2000) fail("field 'gauge_mm': not a gauge in mm");
      r.gauge_mm = static_cast<std::uint16_t>(g);
    }
    const std::string o = in.text(oneway_, "oneway");
    if (o == "1" || o == "true") {
      r.oneway = true;
    } else if (!(o.empty() || o == "0" || o == "false")) {
      fail("field 'oneway': '" + o + "' is not 0 or 1");
    }
    rows_.push_back(std::move(r));
  }

  [[nodiscard]] std::vector<candidate_row> take() { return std::move(rows_); }

 private:
  /// Typed access to the fields of one row.
  template <class Fail>
  struct field_reader {
    const std::vector<std::string>& f;
    const Fail& fail;
    [[nodiscard]] std::string text(std::size_t column, const char* name) const {
      if (column == none) return {};
      if (column >= f.size()) {
        fail(std::string("field '") + name + "': missing (the line has " +
             std::to_string(f.size()) + " fields)");
      }
      return f[column];
    }
    [[nodiscard]] double number(std::size_t column, const char* name, bool required,
                                bool positive) const {
      const std::string t = text(column, name);
      if (t.empty()) {
        if (required) fail(std::string("field '") + name + "': empty");
        return std::nan("");
      }
      double v = 0;
      const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
      if (ec != std::errc{} || end != t.data() + t.size() || !std::isfinite(v) || v < 0 ||
          (positive && v == 0)) {
        fail(std::string("field '") + name + "': '" + t + "' is not a number " +
             (positive ? "> 0" : ">= 0"));
      }
      return v;
    }
  };

  std::size_t id_ = none, from_ = none, to_ = none, weight_ = none, mode_ = none, length_ = none,
              cost_ = none, oneway_ = none, gauge_ = none, speed_ = none;
  std::unordered_set<std::string> ids_;
  std::vector<candidate_row> rows_;
};

/// A GIS layer's features as rows: its attribute names are the columns; length_km, when absent
/// or empty, is measured along the line geometry (WGS84 great circles).
void read_layer(const std::filesystem::path& path, candidate_reader& reader) {
  detail::dataset_ptr ds = detail::open_vector(path);
  if (ds->GetLayerCount() != 1) {
    throw input_error(path.string() + ": " + std::to_string(ds->GetLayerCount()) +
                      " layers; a candidates layer must be the only one");
  }
  OGRLayer& layer = *ds->GetLayer(0);
  const detail::to_wgs84 tr(layer);
  std::vector<std::string> names;
  OGRFeatureDefn* defn = layer.GetLayerDefn();
  for (int i = 0; i < defn->GetFieldCount(); ++i) {
    names.emplace_back(defn->GetFieldDefn(i)->GetNameRef());
  }
  const auto found = std::find(names.begin(), names.end(), "length_km");
  std::size_t length_column = static_cast<std::size_t>(found - names.begin());
  const bool measured = found == names.end();
  if (measured) names.emplace_back("length_km");
  reader.header(detail::csv_header(names),
                [&](const std::string& what) { throw input_error(path.string() + ": " + what); });
  std::size_t ordinal = 0;
  std::vector<std::string> fields;
  layer.ResetReading();
  for (const auto& feature : layer) {
    ++ordinal;
    fields.clear();
    for (int i = 0; i < defn->GetFieldCount(); ++i) {
      fields.emplace_back(feature->IsFieldSetAndNotNull(i) ? feature->GetFieldAsString(i) : "");
    }
    if (measured) fields.emplace_back();
    const auto fail = [&](const std::string& what) {
      throw input_error(path.string() + " feature " + std::to_string(ordinal) + ": " + what);
    };
    if (fields[length_column].empty()) {
      const std::vector<geo::lonlat> pts = detail::line_points(feature->GetGeometryRef(), tr);
      if (pts.size() >= 2) fields[length_column] = fmt_km(detail::polyline_km(pts));
    }
    reader.row(ordinal, fields, fail);
  }
}

}  // namespace

std::vector<candidate_row> read_candidates(const std::filesystem::path& path) {
  candidate_reader reader;
  const std::string ext = to_lower(path.extension().string());
  if (ext == ".geojson" || ext == ".json" || ext == ".gpkg" || ext == ".shp" || ext == ".fgb") {
    read_layer(path, reader);
  } else {
    detail::for_each_csv(
        path, expected,
        [&](const detail::csv_header& h, const auto& fail) { reader.header(h, fail); },
        [&](std::size_t line, const std::vector<std::string>& f, const auto& fail) {
          reader.row(line, f, fail);
        });
  }
  return reader.take();
}

}  // namespace corridor::gis
