// Internal to corridor_gis: CSV files with a header (demand, candidates). Fields may be quoted
// ("" inside quotes is a quote); blank lines and lines starting with '#' are skipped; a UTF-8 BOM
// is ignored.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "text_input.hpp"

namespace corridor::gis::detail {

inline std::string trimmed(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return std::string(s.substr(first, s.find_last_not_of(" \t") - first + 1));
}

/// Splits a CSV line. Returns false for an unclosed quote.
inline bool split_csv(std::string_view line, std::vector<std::string>& out) {
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

/// A CSV file's header: column positions by name.
class csv_header {
 public:
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  explicit csv_header(std::vector<std::string> names) : names_(std::move(names)) {}
  [[nodiscard]] std::size_t find(std::string_view name) const {
    for (std::size_t i = 0; i < names_.size(); ++i) {
      if (names_[i] == name) return i;
    }
    return none;
  }

 private:
  std::vector<std::string> names_;
};

/// Calls on_header(header, fail) once, then on_row(line, fields, fail) for every data line;
/// `fail(what)` throws input_error "path:line: what". Throws input_error when the file has no
/// header line (`expected` names what it should hold).
template <class Header, class Row>
void for_each_csv(const std::filesystem::path& path, std::string_view expected, Header&& on_header,
                  Row&& on_row) {
  std::vector<std::string> fields;
  bool header = false;
  for_each_line(path, [&](std::size_t line, std::string& text) {
    const auto fail = [&](const std::string& what) {
      throw input_error(path.string() + ":" + std::to_string(line) + ": " + what);
    };
    if (line == 1 && text.starts_with("\xEF\xBB\xBF")) text.erase(0, 3);  // a UTF-8 BOM
    if (trimmed(text).empty() || text.front() == '#') return;
    if (!split_csv(text, fields)) fail("unclosed quote in " + quote(text));
    if (!header) {
      header = true;
      on_header(csv_header(fields), fail);
      return;
    }
    on_row(line, fields, fail);
  });
  if (!header) {
    throw input_error(path.string() + ": empty (expected a header " + std::string(expected) + ")");
  }
}

}  // namespace corridor::gis::detail
