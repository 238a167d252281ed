// Observations CSV files (corridor calibrate): `id,from,to,options,hours` and optional
// `usd_per_t,weight,year,source,notes`.
#include <charconv>
#include <cmath>
#include <set>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/gis/read.hpp"
#include "csv.hpp"

namespace corridor::gis {
namespace {

/// The number in `text`, or nullopt when it is not one (whole field, finite).
std::optional<double> number_in(const std::string& text) {
  double v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(v)) {
    return std::nullopt;
  }
  return v;
}

}  // namespace

std::vector<observation_row> read_observations_csv(const std::filesystem::path& path) {
  std::vector<observation_row> out;
  std::set<std::string> ids;
  constexpr const char* required[] = {"id", "from", "to", "options", "hours"};
  constexpr const char* optional[] = {"usd_per_t", "weight", "year", "source"};
  std::size_t col[9] = {};
  detail::for_each_csv(
      path, "id,from,to,options,hours",
      [&](const detail::csv_header& h, const auto& fail) {
        for (std::size_t k = 0; k < 5; ++k) {
          col[k] = h.find(required[k]);
          if (col[k] == detail::csv_header::none) {
            fail(std::string("no '") + required[k] +
                 "' column in the header (expected id,from,to,options,hours and optionally "
                 "usd_per_t,weight,year,source)");
          }
        }
        for (std::size_t k = 0; k < 4; ++k) col[5 + k] = h.find(optional[k]);
      },
      [&](std::size_t line, const std::vector<std::string>& f, const auto& fail) {
        const auto field = [&](std::size_t k, const char* name) -> std::string {
          if (col[k] == detail::csv_header::none) return {};
          if (col[k] >= f.size()) {
            fail(std::string("field '") + name + "': missing (the line has " +
                 std::to_string(f.size()) + " fields)");
          }
          return f[col[k]];
        };
        observation_row r;
        r.line = line;
        std::string* text[] = {&r.id, &r.from, &r.to, &r.options};
        for (std::size_t k = 0; k < 4; ++k) {
          *text[k] = field(k, required[k]);
          if (text[k]->empty()) fail(std::string("field '") + required[k] + "': empty");
        }
        if (!ids.insert(r.id).second) fail("field 'id': '" + r.id + "' appears twice");
        const std::string hours = field(4, "hours");
        const auto h = number_in(hours);
        if (!h || *h <= 0) fail("field 'hours': '" + hours + "' is not a number > 0");
        r.hours = *h;
        if (const std::string u = field(5, "usd_per_t"); !u.empty()) {
          const auto v = number_in(u);
          if (!v || *v < 0) fail("field 'usd_per_t': '" + u + "' is not a number >= 0");
          r.usd_per_t = *v;
        }
        if (const std::string w = field(6, "weight"); !w.empty()) {
          const auto v = number_in(w);
          if (!v || *v <= 0) fail("field 'weight': '" + w + "' is not a number > 0");
          r.weight = *v;
        }
        if (const std::string y = field(7, "year"); !y.empty()) {
          const auto v = number_in(y);
          if (!v || *v != std::floor(*v) || *v < 1800 || *v > 2200) {
            fail("field 'year': '" + y + "' is not a year in 1800..2200");
          }
          r.year = static_cast<int>(*v);
        }
        r.source = field(8, "source");
        out.push_back(std::move(r));
      });
  if (out.empty()) throw input_error(path.string() + ": no observations (only a header, or empty)");
  return out;
}

}  // namespace corridor::gis
