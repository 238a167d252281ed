// Internal to corridor_gis: reading plain-text inputs (DIMACS, TNTP) line by line, with the
// errors every text reader gives for compressed files, folders and unreadable files.
#pragma once

#include <cstddef>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "corridor/error.hpp"

namespace corridor::gis::detail {

/// The message for compressed input, shared by every reader.
inline std::string compressed_input_message(const std::filesystem::path& path) {
  return path.string() + ": compressed input is not read directly; decompress it first: xz -dk " +
         path.string();
}

/// Splits a line at runs of spaces and tabs.
inline std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && (s[i] == ' ' || s[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < s.size() && s[i] != ' ' && s[i] != '\t') ++i;
    if (i > start) out.push_back(s.substr(start, i - start));
  }
  return out;
}

/// A line as quoted in a message: trimmed, and shortened when long.
inline std::string quote(std::string_view line) {
  const auto first = line.find_first_not_of(" \t");
  if (first == std::string_view::npos) return "''";
  line = line.substr(first, line.find_last_not_of(" \t") - first + 1);
  if (line.size() > 60) return "'" + std::string(line.substr(0, 57)) + "...'";
  return "'" + std::string(line) + "'";
}

/// Calls on_line(line_number, text) for every line of `path` (1-based numbers, a trailing '\r'
/// removed). Throws input_error for .xz input and read errors, lookup_error when the path is a
/// folder or cannot be opened.
template <class F>
void for_each_line(const std::filesystem::path& path, F&& on_line) {
  const std::string name = path.string();
  if (path.extension() == ".xz") throw input_error(compressed_input_message(path));
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw lookup_error("cannot open " + name + " (it is a folder)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw lookup_error("cannot open " + name);
  std::string text;
  std::size_t line = 0;
  while (std::getline(in, text)) {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    on_line(++line, text);
  }
  if (in.bad()) throw input_error(name + ":" + std::to_string(line) + ": read error");
}

}  // namespace corridor::gis::detail
