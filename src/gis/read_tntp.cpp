// TNTP networks (Transportation Networks for Research, *_net.tntp):
//
//   <NUMBER OF ZONES> 24
//   <NUMBER OF NODES> 24
//   <FIRST THRU NODE> 1
//   <NUMBER OF LINKS> 76
//   <END OF METADATA>
//   ~ init_node term_node capacity length free_flow_time b power speed toll link_type ;
//   1 2 25900.20064 6 6 0.15 4 0 0 1 ;
//
// Other metadata tags (<ORIGINAL HEADER>, ...) are ignored; lines starting with '~' are comments.
// One place "1".."n" per node and one oneway road link "l<k>" per link line (k counts link lines
// from 1) whose weight is the free flow time; the file's columns go to loaded_network::tntp in
// link order. Plain files only: a .xz file must be decompressed first.
#include <algorithm>
#include <array>
#include <charconv>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
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

constexpr std::uint64_t max_nodes = node_id::invalid_value - 1;
constexpr std::size_t max_reserve = std::size_t{1} << 24U;

constexpr std::size_t n_fields = 10;
constexpr std::array<const char*, n_fields> field_names = {
    "init_node", "term_node", "capacity", "length", "free_flow_time",
    "b",         "power",     "speed",    "toll",   "link_type"};
enum field : std::uint8_t {
  f_init,
  f_term,
  f_capacity,
  f_length,
  f_fft,
  f_b,
  f_power,
  f_speed,
  f_toll,
  f_type
};

constexpr std::string_view tag_zones = "NUMBER OF ZONES";
constexpr std::string_view tag_nodes = "NUMBER OF NODES";
constexpr std::string_view tag_first_thru = "FIRST THRU NODE";
constexpr std::string_view tag_links = "NUMBER OF LINKS";
constexpr std::string_view tag_end = "END OF METADATA";

std::string_view trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t") - first + 1);
}

std::string tag(std::string_view name) { return "<" + std::string(name) + ">"; }

/// A non-negative decimal integer (digits only, the whole token), or false.
bool parse_unsigned(std::string_view s, std::uint64_t& out) {
  if (s.empty() || s.front() < '0' || s.front() > '9') return false;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), out);
  return ec == std::errc{} && end == s.data() + s.size();
}

/// Per input record (link line), in input order.
struct record_row {
  std::array<double, n_fields> value{};
  int type = 0;
};

class tntp_reader {
 public:
  explicit tntp_reader(const std::filesystem::path& path)
      : path_(path), file_name_(path.filename().string()) {}

  loaded_network read() {
    detail::for_each_line(path_, [&](std::size_t line, std::string& text) {
      line_ = line;
      const std::string_view t = trim(text);
      if (t.empty() || t.front() == '~') return;
      if (!end_line_) {
        read_metadata(t);
      } else if (t.front() == '<') {
        fail("metadata line " + quote(t) + " after " + tag(tag_end));
      } else {
        read_link(t);
      }
    });
    if (!end_line_) {
      line_ = std::max<std::size_t>(line_, 1);
      fail("no " + tag(tag_end) + " line");
    }
    if (link_lines_ != links_declared_) {
      line_ = links_line_;
      fail(tag(tag_links) + " is " + std::to_string(links_declared_) + " but the file has " +
           std::to_string(link_lines_) + " link lines");
    }
    if (zero_capacity_ != 0) {
      warnings_.push_back(path_.string() + ":" + std::to_string(first_zero_capacity_line_) + ": " +
                          std::to_string(zero_capacity_) +
                          " link(s) have capacity 0 (the BPR cost is infinite under any flow)");
    }

    loaded_network out;
    out.net = std::move(builder_).build();
    out.format = format::tntp;
    out.path = path_;
    out.warnings = std::move(warnings_);
    fill_columns(out);
    return out;
  }

 private:
  [[noreturn]] void fail(const std::string& what) const {
    throw input_error(path_.string() + ":" + std::to_string(line_) + ": " + what);
  }

  void read_metadata(std::string_view t) {
    if (t.front() != '<') fail("link data before " + tag(tag_end));
    const auto close = t.find('>');
    if (close == std::string_view::npos) {
      fail("malformed metadata line " + quote(t) + " (no closing '>')");
    }
    const std::string_view name = trim(t.substr(1, close - 1));
    const std::string_view value = trim(t.substr(close + 1));
    if (name == tag_end) {
      end_line_ = line_;
      finish_metadata();
      return;
    }
    std::optional<std::uint64_t>* slot = nullptr;
    std::size_t* slot_line = nullptr;
    if (name == tag_zones) {
      slot = &zones_;
      slot_line = &zones_line_;
    } else if (name == tag_nodes) {
      slot = &nodes_;
      slot_line = &nodes_line_;
    } else if (name == tag_first_thru) {
      slot = &first_thru_;
      slot_line = &first_thru_line_;
    } else if (name == tag_links) {
      slot = &links_;
      slot_line = &links_line_;
    } else {
      return;  // <ORIGINAL HEADER> and other informative tags
    }
    if (slot->has_value()) {
      fail("second " + tag(name) + " line (the first is line " + std::to_string(*slot_line) + ")");
    }
    std::uint64_t v = 0;
    if (!parse_unsigned(value, v)) {
      fail(tag(name) + " '" + std::string(value) + "' is not an integer >= 0");
    }
    *slot = v;
    *slot_line = line_;
  }

  void finish_metadata() {
    for (const auto& [slot, name] : {std::pair{&zones_, tag_zones}, std::pair{&nodes_, tag_nodes},
                                     std::pair{&links_, tag_links}}) {
      if (!slot->has_value()) fail("missing " + tag(name) + " before " + tag(tag_end));
    }
    nodes_n_ = *nodes_;
    links_declared_ = *links_;
    if (nodes_n_ > max_nodes) {
      line_ = nodes_line_;
      fail(tag(tag_nodes) + " " + std::to_string(nodes_n_) + " exceeds " +
           std::to_string(max_nodes));
    }
    if (*zones_ > nodes_n_) {
      line_ = zones_line_;
      fail(tag(tag_zones) + " " + std::to_string(*zones_) + " exceeds " + tag(tag_nodes) + " " +
           std::to_string(nodes_n_));
    }
    if (!first_thru_) {
      warnings_.push_back(path_.string() + ":" + std::to_string(line_) + ": no " +
                          tag(tag_first_thru) + "; assuming 1 (every node may be passed through)");
      first_thru_ = 1;
    } else if (*first_thru_ < 1 || *first_thru_ > nodes_n_ + 1) {
      line_ = first_thru_line_;
      fail(tag(tag_first_thru) + " " + std::to_string(*first_thru_) + " is out of range 1.." +
           std::to_string(nodes_n_ + 1));
    }
    builder_.reserve(
        static_cast<std::size_t>(std::min<std::uint64_t>(nodes_n_, max_reserve)),
        static_cast<std::size_t>(std::min<std::uint64_t>(links_declared_, max_reserve)));
    for (std::uint64_t i = 1; i <= nodes_n_; ++i) builder_.add_place({.id = std::to_string(i)});
  }

  [[noreturn]] void fail_field(std::size_t f, const std::string& what) const {
    fail("field '" + std::string(field_names[f]) + "': " + what);
  }

  std::uint64_t node(std::string_view s, std::size_t f) const {
    std::uint64_t v = 0;
    if (!parse_unsigned(s, v)) {
      fail_field(f, "'" + std::string(s) + "' is not a node number (an integer 1.." +
                        std::to_string(nodes_n_) + ")");
    }
    if (v < 1 || v > nodes_n_) {
      fail_field(f, "node " + std::string(s) + " is out of range 1.." + std::to_string(nodes_n_));
    }
    return v;
  }

  double number(std::string_view s, std::size_t f) const {
    double v = 0;
    const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec == std::errc::result_out_of_range) {
      fail_field(f, "'" + std::string(s) + "' is out of range");
    }
    if (ec != std::errc{} || end != s.data() + s.size()) {
      fail_field(f, "'" + std::string(s) + "' is not a number");
    }
    if (!std::isfinite(v)) fail_field(f, "'" + std::string(s) + "' is not a finite number");
    return v;
  }

  void read_link(std::string_view t) {
    ++link_lines_;
    const auto semi = t.find(';');
    if (semi == std::string_view::npos) fail("link line " + quote(t) + " does not end with ';'");
    if (!trim(t.substr(semi + 1)).empty()) {
      fail("unexpected text " + quote(t.substr(semi + 1)) + " after ';'");
    }
    const std::vector<std::string_view> v = split(t.substr(0, semi));
    if (v.size() != n_fields) {
      fail(std::to_string(v.size()) + " fields, expected " + std::to_string(n_fields) +
           " (init_node term_node capacity length free_flow_time b power speed toll link_type ;)");
    }
    record_row row;
    const std::uint64_t u = node(v[f_init], f_init);
    const std::uint64_t w = node(v[f_term], f_term);
    row.value[f_init] = static_cast<double>(u);
    row.value[f_term] = static_cast<double>(w);
    for (std::size_t f = f_capacity; f < f_type; ++f) row.value[f] = number(v[f], f);
    for (const std::size_t f :
         {std::size_t{f_capacity}, std::size_t{f_length}, std::size_t{f_fft}}) {
      if (row.value[f] < 0) fail_field(f, std::string(v[f]) + " is negative");
    }
    const std::string_view ts = v[f_type];
    const auto [end, ec] = std::from_chars(ts.data(), ts.data() + ts.size(), row.type);
    if (ec != std::errc{} || end != ts.data() + ts.size()) {
      fail_field(f_type, "'" + std::string(ts) + "' is not an integer");
    }
    if (u == w) {
      warnings_.push_back(path_.string() + ":" + std::to_string(line_) + ": self-loop link " +
                          quote(t) + " skipped");
      return;
    }
    if (row.value[f_capacity] == 0 && zero_capacity_++ == 0) first_zero_capacity_line_ = line_;
    builder_.add_link({.id = "l" + std::to_string(link_lines_),
                       .from = std::to_string(u),
                       .to = std::to_string(w),
                       .mode = mode::road,
                       .oneway = true,
                       .weight = row.value[f_fft],
                       .origin = file_name_ + " line " + std::to_string(line_)});
    rows_.push_back(row);
  }

  void fill_columns(loaded_network& out) const {
    tntp_columns& c = out.tntp;
    const std::vector<std::uint32_t>& record = out.net.links.record;
    const std::size_t m = record.size();
    for (auto* col :
         {&c.capacity, &c.length, &c.free_flow_time, &c.b, &c.power, &c.speed, &c.toll}) {
      col->reserve(m);
    }
    c.type.reserve(m);
    for (std::size_t l = 0; l < m; ++l) {
      const record_row& r = rows_[record[l]];
      c.capacity.push_back(r.value[f_capacity]);
      c.length.push_back(r.value[f_length]);
      c.free_flow_time.push_back(r.value[f_fft]);
      c.b.push_back(r.value[f_b]);
      c.power.push_back(r.value[f_power]);
      c.speed.push_back(r.value[f_speed]);
      c.toll.push_back(r.value[f_toll]);
      c.type.push_back(r.type);
    }
    c.zones = static_cast<std::uint32_t>(*zones_);
    c.first_thru_node = static_cast<std::uint32_t>(*first_thru_);
  }

  std::filesystem::path path_;
  std::string file_name_;
  network_builder builder_{{.generate_transfers = false, .geographic = false}};
  std::vector<std::string> warnings_;
  std::vector<record_row> rows_;
  std::size_t line_ = 0;
  std::size_t end_line_ = 0;
  std::optional<std::uint64_t> zones_, nodes_, first_thru_, links_;
  std::size_t zones_line_ = 0, nodes_line_ = 0, first_thru_line_ = 0, links_line_ = 0;
  std::uint64_t nodes_n_ = 0;
  std::uint64_t links_declared_ = 0;
  std::uint64_t link_lines_ = 0;
  std::uint64_t zero_capacity_ = 0;
  std::size_t first_zero_capacity_line_ = 0;
};

}  // namespace

loaded_network read_tntp(const std::filesystem::path& path) { return tntp_reader(path).read(); }

}  // namespace corridor::gis
