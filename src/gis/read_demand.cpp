// Demand CSV files: `origin,destination,tonnes` (a header names the columns, in any order; other
// columns are ignored; fields may be quoted).
#include <charconv>
#include <cmath>
#include <string>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/gis/read.hpp"
#include "csv.hpp"

namespace corridor::gis {

std::vector<od_row> read_od_csv(const std::filesystem::path& path) {
  std::vector<od_row> out;
  std::size_t origin = 0, destination = 0, tonnes = 0;
  detail::for_each_csv(
      path, "origin,destination,tonnes",
      [&](const detail::csv_header& h, const auto& fail) {
        origin = h.find("origin");
        destination = h.find("destination");
        tonnes = h.find("tonnes");
        for (const auto& [column, name] :
             {std::pair{origin, "origin"}, std::pair{destination, "destination"},
              std::pair{tonnes, "tonnes"}}) {
          if (column == detail::csv_header::none) {
            fail(std::string("no '") + name +
                 "' column in the header (expected origin,destination,tonnes)");
          }
        }
      },
      [&](std::size_t line, const std::vector<std::string>& f, const auto& fail) {
        const auto field = [&](std::size_t column, const char* name) -> const std::string& {
          if (column >= f.size()) {
            fail(std::string("field '") + name + "': missing (the line has " +
                 std::to_string(f.size()) + " fields)");
          }
          return f[column];
        };
        od_row r;
        r.origin = field(origin, "origin");
        r.destination = field(destination, "destination");
        const std::string& t = field(tonnes, "tonnes");
        if (r.origin.empty()) fail("field 'origin': empty");
        if (r.destination.empty()) fail("field 'destination': empty");
        const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), r.tonnes);
        if (t.empty() || ec != std::errc{} || end != t.data() + t.size() ||
            !std::isfinite(r.tonnes) || r.tonnes < 0) {
          fail("field 'tonnes': '" + t + "' is not a number >= 0");
        }
        r.line = line;
        out.push_back(std::move(r));
      });
  return out;
}

}  // namespace corridor::gis
