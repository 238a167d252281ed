// network_builder: from places and links with external string ids, in any order, to an immutable
// network plus its attribute columns.
//
//   corridor::network_builder b;
//   b.add_place({.id = "kunming", .kind = corridor::node_kind::rail_hub, .position =
//   {{102.7, 25.0}}}); b.add_place({.id = "yuxi", .position = {{102.5, 24.4}}}); b.add_link({.id =
//   "r1", .from = "kunming", .to = "yuxi", .mode = corridor::mode::rail,
//               .length_km = 104, .gauge_mm = 1435});
//   corridor::built_network net = std::move(b).build();   // throws corridor::input_error
//
// Each place becomes one node per layer (mode, and gauge for rail) that its links use; generated
// transfer links join the layers of a place (port handling, road-rail terminal, gauge break) so a
// route pays for every change of mode or gauge. A link whose gauge_to_mm differs from gauge_mm is a
// gauge-break link (e.g. the 1435/1000 mm Vientiane South - Thanaleng yard). A land link between
// places of two countries crosses a border. Unless `oneway`, a record gives both directions.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/geo.hpp"
#include "corridor/network/columns.hpp"
#include "corridor/network/modes.hpp"
#include "corridor/network/network.hpp"

namespace corridor {

/// An input node. Only `id` is required.
struct place_record {
  std::string id{};
  std::string name{};
  node_kind kind = node_kind::junction;
  std::string country{};
  std::optional<geo::lonlat> position{};  ///< WGS84 degrees; must be valid when given
  double dwell_h = not_given;
  double handling_usd_per_t = not_given;
  double capacity_t_per_year = not_given;
  std::string source{};
  std::string confidence{};
  std::string origin{};  ///< where it came from, for messages ("nodes.geojson feature 3")
};

/// An input link. `id`, `from`, `to` and `length_km` are required; rail needs `gauge_mm`.
struct link_record {
  std::string id{};
  std::string from{};
  std::string to{};
  corridor::mode mode = mode::road;
  std::string line{};
  std::string name{};
  double length_km = not_given;
  std::uint16_t gauge_mm = 0;
  std::uint16_t gauge_to_mm = 0;  ///< gauge at the `to` end when it differs (gauge break), else 0
  double speed_kmh = not_given;   ///< NaN = the profile's speed for the mode
  bool freight = true;            ///< false: a passenger-only line (HSR), unusable for freight
  std::optional<bool> electrified{};  ///< rail: under wires (or a third rail); empty = unknown
  link_status status = link_status::operational;
  std::int16_t open_year = 0;  ///< 0 = unknown
  double capacity_t_per_year = not_given;
  std::string country{};
  std::vector<std::string> corridors{};
  bool oneway = false;
  double time_h = not_given;
  double cost_usd_per_t = not_given;
  double co2_kg_per_t = not_given;
  double weight = not_given;            ///< the input's own arc weight (DIMACS/TNTP)
  std::vector<geo::lonlat> geometry{};  ///< from-end first; empty = straight line
  std::string source{};
  std::string confidence{};
  std::string origin{};
};

/// What the builder returns: topology, columns, and the way back to the input.
/// `links.record[l]` (with `links.reversed[l]`) is the permutation: link l came from input record
/// `links.record[l]`; generated transfer links have no_index.
struct built_network {
  network graph;
  place_columns places;
  node_columns nodes;
  link_columns links;
  record_columns records;
  std::vector<std::string> corridors;  ///< corridor names, indexed by record_columns::corridor

  built_network() = default;
  built_network(built_network&&) noexcept = default;
  built_network& operator=(built_network&&) noexcept = default;

  /// Place index of an external id, or no_index. O(1) expected.
  [[nodiscard]] std::uint32_t find_place(const std::string& id) const {
    const auto it = place_index_.find(id);
    return it == place_index_.end() ? no_index : it->second;
  }
  /// Nodes (one per layer) of place p.
  [[nodiscard]] std::vector<node_id> nodes_of(std::uint32_t p) const {
    std::vector<node_id> out;
    for (std::uint32_t n = places.first_node[p]; n < places.first_node[p + 1]; ++n) {
      out.emplace_back(n);
    }
    return out;
  }
  [[nodiscard]] std::uint32_t place_of(node_id n) const { return nodes.place[n.value()]; }
  /// Number of places (input nodes). In single-layer inputs (DIMACS, TNTP) node id = place index.
  [[nodiscard]] std::uint32_t place_count() const noexcept { return places.size(); }

 private:
  friend class network_builder;
  std::unordered_map<std::string, std::uint32_t> place_index_;
};

struct build_options {
  /// Generate transfer links between the layers of a place (off: layers stay disconnected).
  bool generate_transfers = true;
  /// Require length_km and (for rail) gauge_mm; off for abstract graphs (DIMACS), where only
  /// `weight` must be finite and non-negative.
  bool geographic = true;
};

class network_builder {
 public:
  explicit network_builder(build_options options = {}) : opt_(options) {}

  void add_place(place_record p) { places_.push_back(std::move(p)); }
  void add_link(link_record l) { links_.push_back(std::move(l)); }
  void reserve(std::size_t places, std::size_t links) {
    places_.reserve(places);
    links_.reserve(links);
  }

  /// Validates everything and builds. Throws input_error naming the record and field at fault:
  /// duplicate ids, unknown endpoints, from == to, NaN/inf/negative lengths, zero or negative
  /// speeds, invalid coordinates, rail without gauge, gauge break on a non-rail link, negative
  /// capacities or costs, `transfer` mode given as input. O((n + m) log n).
  [[nodiscard]] built_network build() && {
    built_network out;
    validate_places(out);
    const auto n_places = static_cast<std::uint32_t>(places_.size());

    // Layers per place.
    std::vector<std::vector<layer>> layers(n_places);
    std::vector<std::pair<std::uint32_t, std::uint32_t>> ends(links_.size());
    for (std::size_t i = 0; i < links_.size(); ++i) {
      const link_record& l = links_[i];
      validate_link(l, i, out);
      ends[i] = {out.place_index_.at(l.from), out.place_index_.at(l.to)};
      layers[ends[i].first].push_back(from_layer(l));
      layers[ends[i].second].push_back(to_layer(l));
    }
    // Nodes: places in input order, layers sorted within a place.
    out.places.first_node.assign(std::size_t{n_places} + 1, 0);
    for (std::uint32_t p = 0; p < n_places; ++p) {
      auto& ls = layers[p];
      std::sort(ls.begin(), ls.end());
      ls.erase(std::unique(ls.begin(), ls.end()), ls.end());
      if (ls.empty()) ls.push_back(layer{});  // an isolated place still gets a node
      out.places.first_node[p + 1] =
          out.places.first_node[p] + static_cast<std::uint32_t>(ls.size());
      for (const layer& x : ls) {
        out.nodes.place.push_back(p);
        out.nodes.layer.push_back(x);
      }
    }
    const auto node_of = [&](std::uint32_t p, layer x) {
      const auto& ls = layers[p];
      const auto it = std::lower_bound(ls.begin(), ls.end(), x);
      return node_id{out.places.first_node[p] + static_cast<std::uint32_t>(it - ls.begin())};
    };

    // Arcs in input order: records (forward, then reverse), then generated transfers.
    std::vector<node_id> tails, heads;
    link_columns in;  // columns in arc order, permuted below
    const auto push = [&](node_id t, node_id h, std::uint32_t rec, bool rev) {
      tails.push_back(t);
      heads.push_back(h);
      in.record.push_back(rec);
      in.reversed.push_back(rev ? 1 : 0);
    };
    for (std::uint32_t i = 0; i < links_.size(); ++i) {
      const link_record& l = links_[i];
      const node_id a = node_of(ends[i].first, from_layer(l));
      const node_id b = node_of(ends[i].second, to_layer(l));
      push(a, b, i, false);
      if (!l.oneway) push(b, a, i, true);
    }
    const auto n_record_arcs = tails.size();
    if (opt_.generate_transfers) {
      for (std::uint32_t p = 0; p < n_places; ++p) {
        const std::uint32_t first = out.places.first_node[p], last = out.places.first_node[p + 1];
        for (std::uint32_t u = first; u < last; ++u) {
          for (std::uint32_t v = first; v < last; ++v) {
            if (u != v) push(node_id{u}, node_id{v}, no_index, false);
          }
        }
      }
    }
    std::vector<std::uint32_t> perm;
    out.graph =
        network::from_arcs(static_cast<std::uint32_t>(out.nodes.place.size()), tails, heads, perm);
    fill_link_columns(out, in, perm, n_record_arcs);
    fill_records(out);
    return out;
  }

 private:
  [[nodiscard]] static layer from_layer(const link_record& l) noexcept {
    return {l.mode, l.mode == mode::rail ? l.gauge_mm : std::uint16_t{0}};
  }
  [[nodiscard]] static layer to_layer(const link_record& l) noexcept {
    if (l.mode != mode::rail) return {l.mode, 0};
    return {l.mode, l.gauge_to_mm != 0 ? l.gauge_to_mm : l.gauge_mm};
  }
  [[nodiscard]] static std::string where(const std::string& kind, const std::string& id,
                                         std::size_t index, const std::string& origin) {
    std::string s = kind + " '" + id + "'";
    s += origin.empty() ? " (record " + std::to_string(index + 1) + ")" : " (" + origin + ")";
    return s;
  }
  [[noreturn]] static void fail(const std::string& at, const std::string& field,
                                const std::string& what) {
    throw input_error(at + ": field '" + field + "': " + what);
  }
  static std::string num(double v) {
    if (std::isnan(v)) return "NaN";
    if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
    std::string s = std::to_string(v);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  static void check_optional_nonneg(const std::string& at, const char* field, double v) {
    if (!std::isnan(v) && (!std::isfinite(v) || v < 0)) {
      fail(at, field, num(v) + " must be a finite number >= 0 (or absent)");
    }
  }

  void validate_places(built_network& out) {
    out.place_index_.reserve(places_.size());
    for (std::size_t i = 0; i < places_.size(); ++i) {
      const place_record& p = places_[i];
      const std::string at = where("node", p.id, i, p.origin);
      if (p.id.empty()) fail(at, "id", "empty");
      if (!out.place_index_.emplace(p.id, static_cast<std::uint32_t>(i)).second) {
        fail(at, "id",
             "duplicate id '" + p.id + "' (first defined by " +
                 where("node", p.id, out.place_index_.at(p.id),
                       places_[out.place_index_.at(p.id)].origin) +
                 ")");
      }
      if (p.position && !geo::valid(*p.position)) {
        fail(at, "geometry",
             "invalid coordinates lon=" + num(p.position->lon) + " lat=" + num(p.position->lat) +
                 " (need -180..180, -90..90, WGS84 degrees)");
      }
      check_optional_nonneg(at, "dwell_h", p.dwell_h);
      check_optional_nonneg(at, "handling_usd_per_t", p.handling_usd_per_t);
      check_optional_nonneg(at, "capacity_t_per_year", p.capacity_t_per_year);
    }
  }

  void validate_link(const link_record& l, std::size_t i, built_network& out) {
    const std::string at = where("link", l.id, i, l.origin);
    if (l.id.empty()) fail(at, "id", "empty");
    if (!link_ids_.emplace(l.id, i).second) {
      fail(at, "id",
           "duplicate id '" + l.id + "' (first defined by " +
               where("link", l.id, link_ids_.at(l.id), links_[link_ids_.at(l.id)].origin) + ")");
    }
    if (out.find_place(l.from) == no_index) fail(at, "from", "unknown node '" + l.from + "'");
    if (out.find_place(l.to) == no_index) fail(at, "to", "unknown node '" + l.to + "'");
    if (l.from == l.to) fail(at, "to", "same node as 'from' ('" + l.to + "')");
    if (l.mode == mode::transfer) {
      fail(at, "mode",
           "'transfer' links are generated where layers meet; describe the facility on the node "
           "(dwell_h, handling_usd_per_t, capacity_t_per_year)");
    }
    if (opt_.geographic || !std::isnan(l.length_km)) {
      if (!std::isfinite(l.length_km) || l.length_km < 0) {
        fail(at, "length_km", num(l.length_km) + " is not a finite length >= 0");
      }
    }
    if (!opt_.geographic && (!std::isfinite(l.weight) || l.weight < 0)) {
      fail(at, "weight", num(l.weight) + " is not a finite weight >= 0");
    }
    if (!std::isnan(l.speed_kmh) && (!std::isfinite(l.speed_kmh) || l.speed_kmh <= 0)) {
      fail(at, "speed_kmh", num(l.speed_kmh) + " must be > 0 (or absent for the mode default)");
    }
    if (l.mode == mode::rail && opt_.geographic && l.gauge_mm == 0) {
      fail(at, "gauge_mm", "a rail link needs a gauge (e.g. 1435, 1000, 1520)");
    }
    if (l.gauge_to_mm != 0 && l.mode != mode::rail) {
      fail(at, "gauge_to_mm", "only a rail link can have a gauge break");
    }
    check_optional_nonneg(at, "capacity_t_per_year", l.capacity_t_per_year);
    check_optional_nonneg(at, "time_h", l.time_h);
    check_optional_nonneg(at, "cost_usd_per_t", l.cost_usd_per_t);
    check_optional_nonneg(at, "co2_kg_per_t", l.co2_kg_per_t);
    for (const geo::lonlat& q : l.geometry) {
      if (!geo::valid(q))
        fail(at, "geometry", "invalid vertex lon=" + num(q.lon) + " lat=" + num(q.lat));
    }
  }

  void fill_link_columns(built_network& out, const link_columns& in,
                         const std::vector<std::uint32_t>& perm, std::size_t n_record_arcs) {
    link_columns& c = out.links;
    const std::size_t m = perm.size();
    c.record.resize(m);
    c.reversed.resize(m);
    c.mode.resize(m);
    c.transfer.resize(m);
    c.crosses_border.resize(m);
    c.gauge_mm.resize(m);
    c.length_km.resize(m);
    c.speed_kmh.resize(m);
    c.freight.resize(m);
    c.status.resize(m);
    c.open_year.resize(m);
    c.capacity_t_per_year.resize(m);
    c.time_h.resize(m);
    c.cost_usd_per_t.resize(m);
    c.co2_kg_per_t.resize(m);
    c.weight.resize(m);
    for (std::size_t l = 0; l < m; ++l) {
      const std::uint32_t a = perm[l];
      c.record[l] = in.record[a];
      c.reversed[l] = in.reversed[a];
      const node_id t = out.graph.tail(link_id{static_cast<std::uint32_t>(l)});
      const node_id h = out.graph.head(link_id{static_cast<std::uint32_t>(l)});
      if (a >= n_record_arcs) {  // generated transfer between two layers of one place
        const std::uint32_t p = out.nodes.place[t.value()];
        c.mode[l] = mode::transfer;
        c.transfer[l] = transfer_between(out.nodes.layer[t.value()], out.nodes.layer[h.value()]);
        c.crosses_border[l] = 0;
        c.gauge_mm[l] = 0;
        c.length_km[l] = 0;
        c.speed_kmh[l] = not_given;
        c.freight[l] = 1;
        c.status[l] = link_status::operational;
        c.open_year[l] = 0;
        c.capacity_t_per_year[l] = places_[p].capacity_t_per_year;
        c.time_h[l] = places_[p].dwell_h;
        c.cost_usd_per_t[l] = places_[p].handling_usd_per_t;
        c.co2_kg_per_t[l] = not_given;
        c.weight[l] = not_given;
        continue;
      }
      const link_record& r = links_[in.record[a]];
      const std::uint32_t pt = out.nodes.place[t.value()], ph = out.nodes.place[h.value()];
      c.mode[l] = r.mode;
      c.transfer[l] = (r.mode == mode::rail && r.gauge_to_mm != 0 && r.gauge_to_mm != r.gauge_mm)
                          ? transfer_kind::gauge_break
                          : transfer_kind::none;
      const std::string& ct = places_[pt].country;
      const std::string& ch = places_[ph].country;
      c.crosses_border[l] = (!is_water(r.mode) && !ct.empty() && !ch.empty() && ct != ch) ? 1 : 0;
      c.gauge_mm[l] = out.nodes.layer[t.value()].gauge_mm;
      c.length_km[l] = std::isnan(r.length_km) ? 0.0 : r.length_km;
      c.speed_kmh[l] = r.speed_kmh;
      c.freight[l] = r.freight ? 1 : 0;
      c.status[l] = r.status;
      c.open_year[l] = r.open_year;
      c.capacity_t_per_year[l] = r.capacity_t_per_year;
      c.time_h[l] = r.time_h;
      c.cost_usd_per_t[l] = r.cost_usd_per_t;
      c.co2_kg_per_t[l] = r.co2_kg_per_t;
      c.weight[l] = r.weight;
    }
  }

  void fill_records(built_network& out) {
    place_columns& pc = out.places;
    for (place_record& p : places_) {
      pc.id.push_back(std::move(p.id));
      pc.name.push_back(std::move(p.name));
      pc.kind.push_back(p.kind);
      pc.country.push_back(std::move(p.country));
      pc.position.push_back(p.position.value_or(geo::lonlat{not_given, not_given}));
      pc.dwell_h.push_back(p.dwell_h);
      pc.handling_usd_per_t.push_back(p.handling_usd_per_t);
      pc.capacity_t_per_year.push_back(p.capacity_t_per_year);
      pc.source.push_back(std::move(p.source));
      pc.confidence.push_back(std::move(p.confidence));
    }
    record_columns& rc = out.records;
    std::unordered_map<std::string, std::uint32_t> corridor_index;
    rc.first_corridor.push_back(0);
    rc.first_point.push_back(0);
    for (link_record& l : links_) {
      rc.id.push_back(std::move(l.id));
      rc.name.push_back(std::move(l.name));
      rc.line.push_back(std::move(l.line));
      rc.country.push_back(std::move(l.country));
      rc.source.push_back(std::move(l.source));
      rc.confidence.push_back(std::move(l.confidence));
      rc.electrified.push_back(!l.electrified ? 0 : *l.electrified ? 2 : 1);
      for (std::string& c : l.corridors) {
        const auto [it, added] =
            corridor_index.emplace(c, static_cast<std::uint32_t>(out.corridors.size()));
        if (added) out.corridors.push_back(std::move(c));
        rc.corridor.push_back(it->second);
      }
      rc.first_corridor.push_back(static_cast<std::uint32_t>(rc.corridor.size()));
      rc.point.insert(rc.point.end(), l.geometry.begin(), l.geometry.end());
      rc.first_point.push_back(static_cast<std::uint32_t>(rc.point.size()));
    }
  }

  build_options opt_;
  std::vector<place_record> places_;
  std::vector<link_record> links_;
  std::unordered_map<std::string, std::size_t> link_ids_;
};

}  // namespace corridor
