// The TNTP trips reader (`_trips.tntp`): "Origin k" blocks of "destination : volume;" entries.
#include <charconv>
#include <cmath>
#include <string>
#include <string_view>

#include "corridor/error.hpp"
#include "corridor/gis/read.hpp"
#include "text_input.hpp"

namespace corridor::gis {
namespace {

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

bool parse_number(std::string_view s, double& out) {
  s = trim(s);
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return !s.empty() && ec == std::errc{} && end == s.data() + s.size() && std::isfinite(out);
}

}  // namespace

std::vector<tntp_trip> read_tntp_trips(const std::filesystem::path& path) {
  std::vector<tntp_trip> out;
  std::size_t line_no = 0;
  const auto fail = [&](const std::string& what) {
    throw input_error(path.string() + ":" + std::to_string(line_no) + ": " + what);
  };
  double zones = -1, declared_total = -1, total = 0;
  bool metadata_done = false;
  std::uint32_t origin = 0;
  const auto zone = [&](std::string_view s, const char* what) {
    double v = 0;
    if (!parse_number(s, v) || v != std::floor(v)) {
      fail(std::string(what) + " '" + std::string(trim(s)) + "' is not a whole number");
    }
    if (v < 1 || v > zones) {
      fail(std::string(what) + " " + std::string(trim(s)) + " is outside 1.." +
           std::to_string(static_cast<long long>(zones)));
    }
    return static_cast<std::uint32_t>(v);
  };
  detail::for_each_line(path, [&](std::size_t line, std::string& text) {
    line_no = line;
    const std::string_view t = trim(text);
    if (t.empty() || t.front() == '~') return;
    if (!metadata_done) {
      if (t == "<END OF METADATA>") {
        if (zones < 1) fail("<NUMBER OF ZONES> missing before <END OF METADATA>");
        metadata_done = true;
      } else if (t.rfind("<NUMBER OF ZONES>", 0) == 0) {
        if (!parse_number(t.substr(17), zones) || zones < 1) fail("bad <NUMBER OF ZONES>");
      } else if (t.rfind("<TOTAL OD FLOW>", 0) == 0) {
        if (!parse_number(t.substr(15), declared_total)) fail("bad <TOTAL OD FLOW>");
      }
      return;
    }
    if (t.rfind("Origin", 0) == 0) {
      origin = zone(t.substr(6), "origin");
      return;
    }
    if (origin == 0) fail("a demand entry before the first 'Origin' line");
    std::size_t i = 0;
    while (i < t.size()) {
      const std::size_t semi = t.find(';', i);
      const std::string_view entry =
          trim(t.substr(i, (semi == std::string_view::npos ? t.size() : semi) - i));
      i = semi == std::string_view::npos ? t.size() : semi + 1;
      if (entry.empty()) continue;
      const std::size_t colon = entry.find(':');
      if (colon == std::string_view::npos) {
        fail("malformed entry '" + std::string(entry) + "' (expected 'destination : volume;')");
      }
      const std::uint32_t dest = zone(entry.substr(0, colon), "destination");
      double v = 0;
      if (!parse_number(entry.substr(colon + 1), v) || v < 0) {
        fail("volume '" + std::string(trim(entry.substr(colon + 1))) + "' is not a number >= 0");
      }
      total += v;
      if (v > 0) out.push_back({origin, dest, v});
    }
  });
  if (!metadata_done) fail("no <END OF METADATA> line");
  if (declared_total >= 0 &&
      std::abs(total - declared_total) > 1e-6 * std::max(1.0, declared_total)) {
    fail("the volumes add up to " + std::to_string(total) + ", not <TOTAL OD FLOW> " +
         std::to_string(declared_total));
  }
  return out;
}

}  // namespace corridor::gis
