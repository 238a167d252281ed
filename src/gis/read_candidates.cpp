// Candidate links for what-if ranking, from a CSV file or a GIS line layer: `id,from,to` plus
// `weight` (plain weighted graphs) or `mode,length_km` (corridor networks); optional `cost_musd`,
// `oneway`, `gauge_mm`, `speed_kmh`. A layer's missing lengths are measured along its lines.
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

}  // namespace

std::vector<candidate_row> read_candidates(const std::filesystem::path& path) {
  std::vector<candidate_row> out;
  std::unordered_set<std::string> ids;
  constexpr std::size_t none = detail::csv_header::none;
  std::size_t id = none, from = none, to = none, weight = none, mode = none, length = none,
              cost = none, oneway = none, gauge = none, speed = none;
  constexpr const char* expected = "id,from,to and weight, or id,from,to,mode,length_km";
  const auto on_header = [&](const detail::csv_header& h, const auto& fail) {
    id = h.find("id");
    from = h.find("from");
    to = h.find("to");
    weight = h.find("weight");
    mode = h.find("mode");
    length = h.find("length_km");
    cost = h.find("cost_musd");
    oneway = h.find("oneway");
    gauge = h.find("gauge_mm");
    speed = h.find("speed_kmh");
    for (const auto& [column, name] :
         {std::pair{id, "id"}, std::pair{from, "from"}, std::pair{to, "to"}}) {
      if (column == none) fail(std::string("no '") + name + "' column (expected " + expected + ")");
    }
    if (weight == none && (mode == none || length == none)) {
      fail(std::string("no 'weight' column, nor 'mode' and 'length_km' (expected ") + expected +
           ")");
    }
  };
  const auto on_row = [&](std::size_t line, const std::vector<std::string>& f, const auto& fail) {
    const auto text = [&](std::size_t column, const char* name) -> std::string {
      if (column == none) return {};
      if (column >= f.size()) {
        fail(std::string("field '") + name + "': missing (the line has " +
             std::to_string(f.size()) + " fields)");
      }
      return f[column];
    };
    const auto number = [&](std::size_t column, const char* name, bool required, bool positive) {
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
    };
    candidate_row r;
    r.line = line;
    r.id = text(id, "id");
    r.from = text(from, "from");
    r.to = text(to, "to");
    for (const auto& [value, name] :
         {std::pair{&r.id, "id"}, std::pair{&r.from, "from"}, std::pair{&r.to, "to"}}) {
      if (value->empty()) fail(std::string("field '") + name + "': empty");
    }
    if (!ids.insert(r.id).second) fail("field 'id': '" + r.id + "' appears twice");
    if (weight != none) {
      r.weight = number(weight, "weight", true, false);
    } else {
      r.mode = text(mode, "mode");
      if (r.mode != "rail" && r.mode != "road" && r.mode != "sea" && r.mode != "inland_waterway") {
        fail("field 'mode': '" + r.mode + "' is not rail, road, sea or inland_waterway");
      }
      r.length_km = number(length, "length_km", true, true);
    }
    r.cost_musd = number(cost, "cost_musd", false, false);
    r.speed_kmh = number(speed, "speed_kmh", false, true);
    const double g = number(gauge, "gauge_mm", false, true);
    if (!std::isnan(g)) {
      if (g != std::floor(g) || g > 2000) fail("field 'gauge_mm': not a gauge in mm");
      r.gauge_mm = static_cast<std::uint16_t>(g);
    }
    const std::string o = text(oneway, "oneway");
    if (o == "1" || o == "true") {
      r.oneway = true;
    } else if (!(o.empty() || o == "0" || o == "false")) {
      fail("field 'oneway': '" + o + "' is not 0 or 1");
    }
    out.push_back(std::move(r));
  };
  const std::string ext = to_lower(path.extension().string());
  if (ext == ".geojson" || ext == ".json" || ext == ".gpkg" || ext == ".shp" || ext == ".fgb") {
    // A GIS layer: its attribute names are the columns; length_km, when absent or empty, is
    // measured along the line geometry (WGS84 great circles).
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
    std::size_t length_column = detail::csv_header::none;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == "length_km") length_column = i;
    }
    const bool measured = length_column == detail::csv_header::none;
    if (measured) {
      length_column = names.size();
      names.emplace_back("length_km");
    }
    on_header(detail::csv_header(names),
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
      on_row(ordinal, fields, fail);
    }
    return out;
  }
  detail::for_each_csv(path, expected, on_header, on_row);
  return out;
}

}  // namespace corridor::gis
