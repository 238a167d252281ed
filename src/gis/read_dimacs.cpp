// DIMACS 9th implementation challenge shortest-path graphs (.gr):
//
//   c a comment
//   p sp <nodes> <arcs>        once, before any arc
//   a <from> <to> <weight>     1-based node ids, integer weight >= 0
//
// One place "1".."n" per node (place index = node id - 1 = network node id, one road layer each)
// and one oneway road link "a<k>" per arc line (k counts arc lines from 1). Parallel arcs are
// kept (searches take the cheapest); a self-loop is skipped with a warning.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/network/builder.hpp"
#include "text_input.hpp"

namespace corridor::gis {
namespace {

using detail::quote;
using detail::split;

// Weights are stored as doubles: beyond 2^53 they would no longer be exact.
constexpr std::uint64_t max_weight = std::uint64_t{1} << 53U;
constexpr std::uint64_t max_nodes = node_id::invalid_value - 1;
constexpr std::size_t max_reserve = std::size_t{1} << 24U;
constexpr std::string_view p_syntax = "'p sp <nodes> <arcs>'";

/// A non-negative decimal integer (digits only, the whole token), or false.
bool parse_unsigned(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.front() < '0' || s.front() > '9') return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

class dimacs_reader {
 public:
  /// problem: "sp" (shortest path, .gr) or "max" (maximum flow, .max).
  dimacs_reader(const std::filesystem::path& path, std::string_view problem)
      : path_(path), file_name_(path.filename().string()), problem_(problem) {}

  loaded_network read() {
    detail::for_each_line(path_, [&](std::size_t line, std::string& text) {
      line_ = line;
      read_line(text);
    });
    if (p_line_ == 0) {
      line_ = std::max<std::size_t>(line_, 1);
      fail("no " + syntax() + " line");
    }
    if (problem_ == "max" && (source_ == 0 || sink_ == 0)) {
      line_ = p_line_;
      fail(std::string("no '") + (source_ == 0 ? "n <id> s" : "n <id> t") +
           "' line: a max-flow file names its source and its sink");
    }
    if (arcs_seen_ != arcs_declared_) {
      line_ = p_line_;
      fail("the 'p' line declares " + std::to_string(arcs_declared_) + " arcs but the file has " +
           std::to_string(arcs_seen_));
    }

    loaded_network out;
    out.net = std::move(builder_).build();
    out.format = format::dimacs;
    out.path = path_;
    out.warnings = std::move(warnings_);
    if (problem_ == "max") {
      out.flow_sources.push_back(static_cast<std::uint32_t>(source_ - 1));
      out.flow_sinks.push_back(static_cast<std::uint32_t>(sink_ - 1));
    }
    if (problem_ == "min") {
      out.supply = std::move(supply_);
      out.link_cost.resize(out.net.graph.link_count());
      for (std::uint32_t l = 0; l < out.link_cost.size(); ++l) {
        out.link_cost[l] = costs_[out.net.links.record[l]];
      }
      if (negative_costs_ > 0) {
        out.warnings.push_back(path_.string() + ": " + std::to_string(negative_costs_) +
                               " negative arc costs (route --by weight counts them as 0)");
      }
    }
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw input_error(path_.string() + ":" + std::to_string(line_) + ": " + what);
  }

  [[nodiscard]] std::string syntax() const {
    return problem_ == "sp" ? std::string(p_syntax) : "'p " + problem_ + " <nodes> <arcs>'";
  }

  void read_line(std::string_view text) {
    const std::vector<std::string_view> t = split(text);
    if (t.empty() || t[0].front() == 'c') return;  // blank or comment
    if (t[0] == "p") {
      read_problem(text, t);
    } else if (t[0] == "a") {
      read_arc(text, t);
    } else if (t[0] == "n" && problem_ == "max") {
      read_terminal(text, t);
    } else if (t[0] == "n" && problem_ == "min") {
      read_supply(text, t);
    } else {
      fail("malformed line " + quote(text) + " (expected 'c', 'p'" +
           (problem_ != "sp" ? ", 'n'" : "") + " or 'a' lines)");
    }
  }

  /// A signed decimal integer (the whole token), or false.
  static bool parse_signed(std::string_view s, std::int64_t& out) {
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
    return !s.empty() && ec == std::errc{} && end == s.data() + s.size();
  }

  void read_supply(std::string_view text, const std::vector<std::string_view>& t) {
    if (p_line_ == 0) fail("'n' line before the " + syntax() + " line");
    std::int64_t b = 0;
    if (t.size() != 3 || !parse_signed(t[2], b)) {
      fail("malformed 'n' line " + quote(text) +
           " (expected 'n <id> <supply>', supply an integer)");
    }
    supply_[node(t[1], "supply") - 1] += static_cast<double>(b);
  }

  void read_min_arc(std::string_view text, const std::vector<std::string_view>& t) {
    if (t.size() != 6) {
      fail("malformed arc line " + quote(text) + " (expected 'a <from> <to> <low> <cap> <cost>')");
    }
    const std::uint64_t u = node(t[1], "from");
    const std::uint64_t v = node(t[2], "to");
    std::int64_t low = 0, cap = 0, cost = 0;
    if (!parse_signed(t[3], low) || !parse_signed(t[4], cap) || !parse_signed(t[5], cost)) {
      fail("malformed arc line " + quote(text) + " (low, capacity and cost are integers)");
    }
    if (low != 0) fail("lower bound " + std::string(t[3]) + " is not supported (only 0)");
    if (cap < 0) fail("capacity " + std::string(t[4]) + " is negative");
    ++arcs_seen_;
    if (u == v) {
      warnings_.push_back(path_.string() + ":" + std::to_string(line_) + ": self-loop arc " +
                          quote(text) + " skipped");
      return;
    }
    if (cost < 0) ++negative_costs_;
    costs_.push_back(static_cast<double>(cost));
    builder_.add_link({.id = "a" + std::to_string(arcs_seen_),
                       .from = std::to_string(u),
                       .to = std::to_string(v),
                       .mode = mode::road,
                       .capacity_t_per_year = static_cast<double>(cap),
                       .oneway = true,
                       .weight = static_cast<double>(std::max<std::int64_t>(cost, 0)),
                       .origin = file_name_ + " line " + std::to_string(line_)});
  }

  void read_terminal(std::string_view text, const std::vector<std::string_view>& t) {
    if (p_line_ == 0) fail("'n' line before the " + syntax() + " line");
    if (t.size() != 3 || (t[2] != "s" && t[2] != "t")) {
      fail("malformed 'n' line " + quote(text) + " (expected 'n <id> s' or 'n <id> t')");
    }
    std::uint64_t& slot = t[2] == "s" ? source_ : sink_;
    if (slot != 0) fail(std::string("second ") + (t[2] == "s" ? "source" : "sink") + " line");
    slot = node(t[1], t[2] == "s" ? "source" : "sink");
  }

  void read_problem(std::string_view text, const std::vector<std::string_view>& t) {
    if (p_line_ != 0) {
      fail("second 'p' line (the first is line " + std::to_string(p_line_) + ")");
    }
    if (t.size() != 4) {
      fail("malformed 'p' line " + quote(text) + " (expected " + syntax() + ")");
    }
    if (t[1] != problem_) {
      fail("problem type '" + std::string(t[1]) + "' is not '" + problem_ + "' (expected " +
           syntax() + ")");
    }
    std::uint64_t n = 0;
    if (!parse_unsigned(t[2], n)) {
      fail("node count '" + std::string(t[2]) + "' is not an integer >= 0");
    }
    if (n > max_nodes) {
      fail("node count " + std::string(t[2]) + " exceeds " + std::to_string(max_nodes));
    }
    if (!parse_unsigned(t[3], arcs_declared_)) {
      fail("arc count '" + std::string(t[3]) + "' is not an integer >= 0");
    }
    p_line_ = line_;
    nodes_ = n;
    builder_.reserve(
        static_cast<std::size_t>(std::min<std::uint64_t>(n, max_reserve)),
        static_cast<std::size_t>(std::min<std::uint64_t>(arcs_declared_, max_reserve)));
    for (std::uint64_t i = 1; i <= n; ++i) builder_.add_place({.id = std::to_string(i)});
    if (problem_ == "min") supply_.assign(static_cast<std::size_t>(n), 0.0);
  }

  std::uint64_t node(std::string_view s, const char* end) const {
    std::uint64_t v = 0;
    if (!parse_unsigned(s, v)) {
      if (s.front() == '-' && all_digits(s.substr(1))) {
        fail(std::string(end) + " node " + std::string(s) + " is out of range 1.." +
             std::to_string(nodes_));
      }
      fail(std::string(end) + " node '" + std::string(s) + "' is not an integer");
    }
    if (v < 1 || v > nodes_) {
      fail(std::string(end) + " node " + std::string(s) + " is out of range 1.." +
           std::to_string(nodes_));
    }
    return v;
  }

  void read_arc(std::string_view text, const std::vector<std::string_view>& t) {
    if (p_line_ == 0) fail("arc before the " + syntax() + " line");
    if (problem_ == "min") {
      read_min_arc(text, t);
      return;
    }
    const char* what = problem_ == "max" ? "capacity" : "weight";
    if (t.size() != 4) {
      fail("malformed arc line " + quote(text) + " (expected 'a <from> <to> <" + what + ">')");
    }
    const std::uint64_t u = node(t[1], "from");
    const std::uint64_t v = node(t[2], "to");
    std::uint64_t w = 0;
    if (!parse_unsigned(t[3], w)) {
      if (t[3].front() == '-' && all_digits(t[3].substr(1))) {
        fail(std::string(what) + " " + std::string(t[3]) + " is negative (DIMACS " +
             (problem_ == "max" ? "capacities" : "weights") + " are integers >= 0)");
      }
      if (all_digits(t[3])) fail(std::string(what) + " " + std::string(t[3]) + " is too large");
      fail(std::string(what) + " '" + std::string(t[3]) + "' is not an integer");
    }
    if (w > max_weight) {
      fail(std::string(what) + " " + std::string(t[3]) + " is too large (at most " +
           std::to_string(max_weight) + ")");
    }
    ++arcs_seen_;
    if (u == v) {
      warnings_.push_back(path_.string() + ":" + std::to_string(line_) + ": self-loop arc " +
                          quote(text) + " skipped");
      return;
    }
    builder_.add_link(
        {.id = "a" + std::to_string(arcs_seen_),
         .from = std::to_string(u),
         .to = std::to_string(v),
         .mode = mode::road,
         .capacity_t_per_year = problem_ == "max" ? static_cast<double>(w) : not_given,
         .oneway = true,
         .weight = static_cast<double>(w),
         .origin = file_name_ + " line " + std::to_string(line_)});
  }

  std::filesystem::path path_;
  std::string file_name_;
  std::string problem_;
  std::uint64_t source_ = 0, sink_ = 0;
  std::vector<double> supply_;  // min: per node
  std::vector<double> costs_;   // min: per added arc, in input order
  std::uint64_t negative_costs_ = 0;
  network_builder builder_{{.generate_transfers = false, .geographic = false}};
  std::vector<std::string> warnings_;
  std::size_t line_ = 0;
  std::size_t p_line_ = 0;
  std::uint64_t nodes_ = 0;
  std::uint64_t arcs_declared_ = 0;
  std::uint64_t arcs_seen_ = 0;
};

}  // namespace

loaded_network read_dimacs(const std::filesystem::path& path) {
  const std::string ext = detail::format_extension(path);
  return dimacs_reader(path, ext == ".max" ? "max" : ext == ".min" ? "min" : "sp").read();
}

}  // namespace corridor::gis
