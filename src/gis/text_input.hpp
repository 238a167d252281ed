// Internal to corridor_gis: reading plain-text inputs (DIMACS, TNTP) line by line, with the
// errors every text reader gives for folders, unreadable files and bad .xz data.
#pragma once

#include <cctype>
#include <cstddef>
#include <exception>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/text.hpp"
#include "xz.hpp"

namespace corridor::gis::detail {

/// The extension that names the format, lower-cased, ignoring a trailing ".xz" (compressed text
/// input is read directly): "g.gr.xz" -> ".gr".
inline std::string format_extension(std::filesystem::path path) {
  if (to_lower(path.extension().string()) == ".xz") path = path.stem();
  return to_lower(path.extension().string());
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
  // Appended piece by piece: "'" + std::string(...) trips GCC 12's -Wrestrict false positive.
  std::string out(1, '\'');
  out.append(line.size() > 60 ? line.substr(0, 57) : line);
  out.append(line.size() > 60 ? "...'" : "'");
  return out;
}

/// Calls on_line(line_number, text) for every line of `path` (1-based numbers, a trailing '\r'
/// removed); .xz files are decompressed as they are read. Throws input_error for read errors and
/// bad .xz data, lookup_error when the path is a folder or cannot be opened.
template <class F>
void for_each_line(const std::filesystem::path& path, F&& on_line) {
  const std::string name = path.string();
  std::size_t line = 0;
  std::string text;
  const auto emit = [&] {
    if (!text.empty() && text.back() == '\r') text.pop_back();
    on_line(++line, text);
  };
  if (path.extension() == ".xz") {
    // An error in the content is only reported once the rest of the file has been checked: corrupt
    // .xz data can decode into garbage before its checksum fails, and then that is the error.
    std::exception_ptr content_error;
    for_each_xz_chunk(path, [&](std::string_view chunk) {
      while (!chunk.empty() && !content_error) {
        const std::size_t nl = chunk.find('\n');
        text.append(chunk.substr(0, nl));
        if (nl == std::string_view::npos) return;
        try {
          emit();
        } catch (const input_error&) {
          content_error = std::current_exception();
        }
        text.clear();
        chunk.remove_prefix(nl + 1);
      }
    });
    if (content_error) std::rethrow_exception(content_error);
    if (!text.empty()) emit();  // a last line without a newline
    return;
  }
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw lookup_error("cannot open " + name + " (it is a folder)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw lookup_error("cannot open " + name);
  while (std::getline(in, text)) emit();
  if (in.bad()) throw input_error(name + ":" + std::to_string(line) + ": read error");
}

}  // namespace corridor::gis::detail
