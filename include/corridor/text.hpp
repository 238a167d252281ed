// Small text helpers shared by every layer: lower-casing, trimming, splitting comma lists.
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace corridor {

/// `s` with ASCII letters lower-cased (bytes >= 0x80 unchanged). O(length).
[[nodiscard]] inline std::string to_lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

/// `s` without leading and trailing spaces, tabs, CR and LF. O(length).
[[nodiscard]] inline std::string trim(std::string_view s) {
  const auto b = s.find_first_not_of(" \t\r\n");
  if (b == std::string_view::npos) return {};
  const auto e = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(b, e - b + 1));
}

/// The items of a `sep`-separated list, each trimmed, empty items left out:
/// " a, b,,c " -> {"a", "b", "c"}. O(length).
[[nodiscard]] inline std::vector<std::string> split_list(std::string_view text, char sep = ',') {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(sep, start), text.size());
    std::string item = trim(text.substr(start, end - start));
    if (!item.empty()) out.push_back(std::move(item));
    start = end + 1;
  }
  return out;
}

}  // namespace corridor
