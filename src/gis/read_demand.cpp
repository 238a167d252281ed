// Demand CSV files: `origin,destination,tonnes` (a header names the columns, in any order; other
// columns are ignored; fields may be quoted).
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/gis/read.hpp"
#include "text_input.hpp"

namespace corridor::gis {
namespace {

std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

/// Splits a CSV line ("" inside quotes is a quote). Returns false for an unclosed quote.
bool split_csv(std::string_view line, std::vector<std::string>& out) {
  out.clear();
  std::string field;
  bool quoted = false, was_quoted = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field += c;
      }
    } else if (c == '"' && trimmed(field).empty()) {
      quoted = was_quoted = true;
      field.clear();
    } else if (c == ',') {
      out.push_back(was_quoted ? field : trimmed(field));
      field.clear();
      was_quoted = false;
    } else {
      field += c;
    }
  }
  out.push_back(was_quoted ? field : trimmed(field));
  return !quoted;
}

}  // namespace

std::vector<od_row> read_od_csv(const std::filesystem::path& path) {
  std::vector<od_row> out;
  std::vector<std::string> f;
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t origin = none, destination = none, tonnes = none;
  bool header = false;
  detail::for_each_line(path, [&](std::size_t line, std::string& text) {
    const auto fail = [&](const std::string& what) {
      throw input_error(path.string() + ":" + std::to_string(line) + ": " + what);
    };
    if (line == 1 && text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // a UTF-8 BOM
    if (trimmed(text).empty() || text.front() == '#') return;
    if (!split_csv(text, f)) fail("unclosed quote in " + detail::quote(text));
    if (!header) {
      for (std::size_t i = 0; i < f.size(); ++i) {
        if (f[i] == "origin") origin = i;
        if (f[i] == "destination") destination = i;
        if (f[i] == "tonnes") tonnes = i;
      }
      for (const auto& [column, name] :
           {std::pair{origin, "origin"}, std::pair{destination, "destination"},
            std::pair{tonnes, "tonnes"}}) {
        if (column == none) {
          fail(std::string("no '") + name +
               "' column in the header (expected origin,destination,tonnes)");
        }
      }
      header = true;
      return;
    }
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
    if (t.empty() || ec != std::errc{} || end != t.data() + t.size() || !std::isfinite(r.tonnes) ||
        r.tonnes < 0) {
      fail("field 'tonnes': '" + t + "' is not a number >= 0");
    }
    r.line = line;
    out.push_back(std::move(r));
  });
  if (!header)
    throw input_error(path.string() + ": empty (expected a header origin,destination,tonnes)");
  return out;
}

}  // namespace corridor::gis
