// Scenario overlays: closures and attribute changes over an immutable base network, without
// rebuilding it. The overlay shares the base's CSR, places and nodes and holds its own link
// columns (status, open year, freight, length, speed, capacity, explicit time / money / CO2) with
// the edits applied; usable links, costs and weights come from those columns, so every search
// runs on the base graph directly. Overlays stack (an overlay over an overlay). Additions (new
// places or links) change the topology: needs_materialising() says so, and apply_edits + the
// builder make a fresh network for them.
//
//   corridor::scenario_overlay o(net, edits);                  // throws for unknown link ids
//   std::vector<double> w = o.weights(profile, corridor::criterion::time, filter);
//   corridor::dijkstra_query q(o.base().graph);  q.run(corridor::by_column(w), sources);
#pragma once

#include <string>
#include <unordered_map>
#include <vector>

#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/error.hpp"
#include "corridor/network/builder.hpp"
#include "corridor/scenario/edits.hpp"

namespace corridor {

class scenario_overlay {
 public:
  /// Closures and changes of `e` over `base` (which must outlive the overlay), applied in
  /// apply_edits' order: closures, then changes. Throws input_error naming the edit's origin when
  /// a closed or changed link is not in the base. O(m + edits).
  scenario_overlay(const built_network& base, const scenario_edits& e)
      : base_(&base), links_(base.links) {
    apply(e);
  }
  /// An overlay stacked on another: `under`'s edits, then `e`'s.
  scenario_overlay(const scenario_overlay& under, const scenario_edits& e)
      : base_(under.base_), links_(under.links_), additions_(under.additions_) {
    apply(e);
  }

  /// True when some stacked edits add places or links: the overlay leaves them out, and a
  /// materialised network (apply_edits + network_builder) is needed for them.
  [[nodiscard]] bool needs_materialising() const noexcept { return additions_; }
  [[nodiscard]] const built_network& base() const noexcept { return *base_; }
  /// The base's link columns with the edits applied (indexed by link id of base().graph).
  [[nodiscard]] const link_columns& links() const noexcept { return links_; }

  /// Usable links under a filter, by the overlay's columns. O(m).
  [[nodiscard]] std::vector<std::uint8_t> usable(const link_filter& f) const {
    return usable_links(*base_, links_, f);
  }
  /// Link costs by the overlay's columns. O(m).
  [[nodiscard]] link_costs costs(const cost_profile& p) const {
    return compute_link_costs(*base_, links_, p);
  }
  /// Weights for criterion `c`, unusable links at +infinity: what a search on base().graph takes.
  /// O(m).
  [[nodiscard]] std::vector<double> weights(const cost_profile& p, criterion c,
                                            const link_filter& f) const {
    return filtered_weights(*base_, links_, costs(p).criterion_weights(c), f);
  }

 private:
  void apply(const scenario_edits& e) {
    additions_ = additions_ || !e.add_places.empty() || !e.add_links.empty();
    if (by_record_.empty()) {
      by_record_.resize(base_->records.size());
      for (std::uint32_t l = 0; l < base_->graph.link_count(); ++l) {
        if (base_->links.record[l] != no_index) by_record_[base_->links.record[l]].push_back(l);
      }
      for (std::uint32_t r = 0; r < base_->records.size(); ++r) {
        record_index_.emplace(base_->records.id[r], r);
      }
    }
    const auto links_of = [&](const std::string& id, const std::string& origin,
                              const char* what) -> const std::vector<std::uint32_t>& {
      const auto it = record_index_.find(id);
      if (it == record_index_.end()) {
        throw input_error((origin.empty() ? std::string("scenario") : origin) + ": " + what +
                          ": no link '" + id + "' in the base network");
      }
      return by_record_[it->second];
    };
    for (std::size_t i = 0; i < e.close.size(); ++i) {
      const std::string origin = i < e.close_origin.size() ? e.close_origin[i] : std::string();
      for (const std::uint32_t l : links_of(e.close[i], origin, "close")) {
        links_.status[l] = link_status::suspended;
      }
    }
    for (const link_change& c : e.change) {
      for (const std::uint32_t l : links_of(c.link, c.origin, "change")) {
        if (c.status) links_.status[l] = *c.status;
        if (c.open_year) links_.open_year[l] = *c.open_year;
        if (c.length_km) links_.length_km[l] = *c.length_km;
        if (c.speed_kmh) links_.speed_kmh[l] = *c.speed_kmh;
        if (c.capacity_t_per_year) links_.capacity_t_per_year[l] = *c.capacity_t_per_year;
        if (c.freight) links_.freight[l] = *c.freight ? 1 : 0;
        if (c.time_h) links_.time_h[l] = *c.time_h;
        if (c.cost_usd_per_t) links_.cost_usd_per_t[l] = *c.cost_usd_per_t;
        if (c.co2_kg_per_t) links_.co2_kg_per_t[l] = *c.co2_kg_per_t;
      }
    }
  }

  const built_network* base_;
  link_columns links_;
  bool additions_ = false;
  std::vector<std::vector<std::uint32_t>> by_record_;  ///< link ids of each base record
  std::unordered_map<std::string, std::uint32_t> record_index_;
};

}  // namespace corridor
