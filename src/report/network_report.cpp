#include "corridor/report/network_report.hpp"

#include <numeric>

#include <fmt/format.h>

#include "corridor/cost/filters.hpp"
#include "corridor/report/json.hpp"

namespace corridor::report {
namespace {

struct union_find {
  std::vector<std::uint32_t> parent;
  explicit union_find(std::uint32_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
  std::uint32_t find(std::uint32_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  }
  void unite(std::uint32_t a, std::uint32_t b) { parent[find(a)] = find(b); }
  std::uint32_t count() {
    std::uint32_t k = 0;
    for (std::uint32_t i = 0; i < parent.size(); ++i) k += find(i) == i ? 1u : 0u;
    return k;
  }
};

}  // namespace

network_summary summarize(const gis::loaded_network& n) {
  const built_network& net = n.net;
  network_summary s;
  s.places = net.place_count();
  s.records = net.records.size();
  s.nodes = net.graph.node_count();
  s.links = net.graph.link_count();
  s.warnings = n.warnings;
  std::vector<std::uint32_t> kinds(node_kind_count), modes(mode_count), statuses(link_status_count);
  for (const node_kind k : net.places.kind) ++kinds[static_cast<std::size_t>(k)];
  for (std::size_t k = 0; k < node_kind_count; ++k) {
    if (kinds[k] != 0)
      s.places_by_kind.emplace_back(to_string(static_cast<node_kind>(k)), kinds[k]);
  }
  union_find all(s.places), operational(s.places);
  std::vector<std::uint32_t> degree(s.places, 0), corridor_count(net.corridors.size(), 0);
  std::vector<std::uint8_t> seen(s.records, 0);
  for (std::uint32_t l = 0; l < s.links; ++l) {
    const link_id id{l};
    if (net.links.mode[l] == mode::transfer) {
      ++s.transfer_links;
      continue;
    }
    const std::uint32_t r = net.links.record[l];
    const std::uint32_t a = net.place_of(net.graph.tail(id)), b = net.place_of(net.graph.head(id));
    all.unite(a, b);
    if (open_in(net.links.status[l], net.links.open_year[l], std::nullopt)) operational.unite(a, b);
    if (seen[r] != 0) continue;
    seen[r] = 1;
    ++degree[a];
    ++degree[b];
    ++modes[static_cast<std::size_t>(net.links.mode[l])];
    ++statuses[static_cast<std::size_t>(net.links.status[l])];
    for (const auto c : net.records.corridors_of(r)) ++corridor_count[c];
    s.total_km += net.links.length_km[l];
    const std::string at = fmt::format("link '{}'", net.records.id[r]);
    if (net.places.has_position(a) && net.places.has_position(b) && n.is_corridor_network()) {
      const double gc = geo::great_circle_km(net.places.position[a], net.places.position[b]);
      if (net.links.length_km[l] < 0.98 * gc) {
        s.warnings.push_back(fmt::format(
            "{}: length_km {:.1f} is shorter than the {:.1f} km straight line between {} and {}",
            at, net.links.length_km[l], gc, net.places.id[a], net.places.id[b]));
      }
    }
    if ((net.links.status[l] == link_status::planned ||
         net.links.status[l] == link_status::under_construction) &&
        net.links.open_year[l] == 0) {
      s.warnings.push_back(
          fmt::format("{}: {} without open_year is never usable, not even in --year runs", at,
                      to_string(net.links.status[l])));
    }
  }
  for (std::size_t m = 0; m < mode_count; ++m) {
    if (modes[m] != 0) s.records_by_mode.emplace_back(to_string(static_cast<mode>(m)), modes[m]);
  }
  for (std::size_t k = 0; k < link_status_count; ++k) {
    if (statuses[k] != 0) {
      s.records_by_status.emplace_back(to_string(static_cast<link_status>(k)), statuses[k]);
    }
  }
  for (std::size_t c = 0; c < net.corridors.size(); ++c) {
    s.corridors.emplace_back(net.corridors[c], corridor_count[c]);
  }
  s.components_all = all.count();
  s.components_operational = operational.count();
  if (n.is_corridor_network()) {
    for (std::uint32_t p = 0; p < s.places; ++p) {
      if (degree[p] == 0)
        s.warnings.push_back(fmt::format("node '{}': no links", net.places.id[p]));
      if (!net.places.has_position(p)) {
        s.warnings.push_back(
            fmt::format("node '{}': no coordinates (A* falls back to Dijkstra)", net.places.id[p]));
      }
    }
  }
  return s;
}

std::string summary_table(const gis::loaded_network& n, const network_summary& s) {
  const auto list = [](const std::vector<std::pair<std::string, std::uint32_t>>& v) {
    std::string out;
    for (const auto& [k, c] : v) out += fmt::format("{}{} {}", out.empty() ? "" : ", ", c, k);
    return out.empty() ? std::string("none") : out;
  };
  std::string out = fmt::format("Network {}\n", n.path.string());
  out += fmt::format("  nodes (places)   {} ({})\n", s.places, list(s.places_by_kind));
  out += fmt::format("  links (records)  {} by mode: {}\n", s.records, list(s.records_by_mode));
  out += fmt::format("                   by status: {}\n", list(s.records_by_status));
  if (n.is_corridor_network()) {
    out += fmt::format("  length           {:.0f} km\n", s.total_km);
  }
  out += fmt::format(
      "  graph            {} nodes (one per place and layer), {} directed links "
      "({} generated transfers)\n",
      s.nodes, s.links, s.transfer_links);
  out += fmt::format("  components       {} with all links, {} with operational links\n",
                     s.components_all, s.components_operational);
  if (!s.corridors.empty()) {
    out += "  corridors\n";
    for (const auto& [name, c] : s.corridors) out += fmt::format("    {:<40} {} links\n", name, c);
  }
  out += fmt::format("  warnings         {}\n", s.warnings.size());
  for (const std::string& w : s.warnings) out += "    " + w + "\n";
  return out;
}

std::string summary_json(const gis::loaded_network& n, const network_summary& s) {
  json_writer j;
  const auto counts = [&](std::string_view key,
                          const std::vector<std::pair<std::string, std::uint32_t>>& v) {
    j.key(key).begin_object();
    for (const auto& [k, c] : v) j.field(k, c);
    j.end_object();
  };
  j.begin_object();
  j.field("path", n.path.string());
  j.field("places", s.places);
  j.field("records", s.records);
  j.field("nodes", s.nodes);
  j.field("links", s.links);
  j.field("transfer_links", s.transfer_links);
  counts("places_by_kind", s.places_by_kind);
  counts("records_by_mode", s.records_by_mode);
  counts("records_by_status", s.records_by_status);
  counts("corridors", s.corridors);
  j.field("components_all", s.components_all);
  j.field("components_operational", s.components_operational);
  j.field("total_km", s.total_km);
  j.key("warnings").begin_array();
  for (const std::string& w : s.warnings) j.value(w);
  j.end_array();
  j.end_object();
  return j.str();
}

}  // namespace corridor::report
