// Link-addition ranking: which new link does the most for the demand? Exact and fast: one skim of
// the base network, then for a candidate link (u, v, w) every OD pair's new shortest weight is
//   d'(s, t) = min(d(s, t), d(s, u) + w + d(v, t)[, d(s, v) + w + d(u, t) when two-way])
// (a shortest path uses the new link at most once), evaluated for all pairs at once with Eigen.
//
//   corridor::link_addition_ranker r(net.graph, by_column(w), zones, demand, candidates);
//   std::vector<corridor::candidate_benefit> b = r.rank();          // best first
//   corridor::portfolio p = r.choose(budget);                       // greedy, re-evaluated
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <numeric>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "corridor/path/skim.hpp"

namespace corridor {

/// A candidate new link from node `from` to node `to` with weight `weight` (>= 0, the criterion's
/// units), in both directions unless `two_way` is false; `cost` is its construction cost (any
/// unit; NaN when unknown).
struct candidate_link {
  node_id from, to;
  double weight = 0;
  bool two_way = true;
  double cost = std::numeric_limits<double>::quiet_NaN();
};

/// What one candidate does for the demand, on its own (rank) or after the earlier picks (choose).
struct candidate_benefit {
  std::uint32_t candidate = 0;  ///< index into the candidates
  /// Sum over OD pairs connected in the base network of tonnes x (weight before - weight after).
  double benefit = 0;
  double newly_connected_tonnes = 0;  ///< tonnes of OD pairs the link connects for the first time
  double benefit_per_cost = std::numeric_limits<double>::quiet_NaN();  ///< NaN without a cost
};

/// A budgeted set of candidates, in the order picked, each with its marginal benefit.
struct portfolio {
  std::vector<candidate_benefit> picks;
  double total_cost = 0, total_benefit = 0, newly_connected_tonnes = 0;
};

/// Ranks candidate links for a demand between zones (node sets). Construction runs the skims:
/// zones x endpoints, endpoints x zones, endpoints x endpoints and zones x zones, one search per
/// zone and endpoint: O((Z + E) (n + m) log n) for Z zones and E distinct endpoints, and
/// O(Z^2 + Z E + E^2) doubles of memory. Then evaluating a candidate is O(Z^2) vector work,
/// whatever the network's size.
class link_addition_ranker {
 public:
  /// `demand(i, j)`: tonnes from zones[i] to zones[j] (Z x Z, >= 0). Preconditions: candidate
  /// endpoints are nodes of `g`, weights >= 0.
  template <weight_function W>
  link_addition_ranker(const network& g, const W& w, std::span<const node_set> zones,
                       Eigen::MatrixXd demand, std::vector<candidate_link> candidates)
      : candidates_(std::move(candidates)), tonnes_(std::move(demand)) {
    std::vector<node_id> ends;
    for (const candidate_link& c : candidates_) {
      ends.push_back(c.from);
      ends.push_back(c.to);
    }
    std::sort(ends.begin(), ends.end());
    ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
    endpoint_of_.reserve(candidates_.size());
    const auto index = [&](node_id v) {
      return static_cast<Eigen::Index>(std::lower_bound(ends.begin(), ends.end(), v) -
                                       ends.begin());
    };
    for (const candidate_link& c : candidates_) {
      endpoint_of_.push_back({index(c.from), index(c.to)});
    }
    std::vector<node_set> end_sets;
    for (const node_id v : ends) end_sets.push_back({v});
    zone_to_end_ = skim(g, w, zones, end_sets);
    end_to_zone_ = skim(g, w, end_sets, zones);
    end_to_end_ = skim(g, w, end_sets, end_sets);
    od_ = skim(g, w, zones, zones);
    od_before_ = od_;
  }

  [[nodiscard]] const std::vector<candidate_link>& candidates() const noexcept {
    return candidates_;
  }
  /// Shortest weights between zones (Z x Z, +inf when unconnected) in the current state: the
  /// base network, or after the picks of choose().
  [[nodiscard]] const Eigen::MatrixXd& od_weights() const noexcept { return od_; }
  /// The base network's shortest weights between zones.
  [[nodiscard]] const Eigen::MatrixXd& base_od_weights() const noexcept { return od_before_; }

  /// Benefit of candidate k added to the current state. Only pairs (s, t) with
  /// d(s, u) + w < d(s, v) and w + d(v, t) < d(u, t) can gain through u -> v (otherwise the
  /// triangle inequality through u or v already beats the new route), so the pairs looked at are
  /// those rows times those columns: O(Z + gaining rows x gaining columns), at most O(Z^2).
  /// Uses scratch buffers of the ranker: one ranker per thread.
  [[nodiscard]] candidate_benefit evaluate(std::uint32_t k) const {
    candidate_benefit b;
    b.candidate = k;
    const candidate_link& c = candidates_[k];
    const auto [iu, iv] = endpoint_of_[k];
    accumulate(iu, iv, c.weight, b);
    if (c.two_way) accumulate(iv, iu, c.weight, b);  // disjoint rows: no pair counted twice
    if (std::isfinite(c.cost) && c.cost > 0) b.benefit_per_cost = b.benefit / c.cost;
    return b;
  }

  /// Every candidate on its own, best first: by benefit, then newly connected tonnes, then index.
  /// `on_progress(done)` is called after each candidate when given. O(K Z^2).
  [[nodiscard]] std::vector<candidate_benefit> rank(
      const std::function<void(std::size_t)>& on_progress = {}) const {
    std::vector<candidate_benefit> out;
    out.reserve(candidates_.size());
    for (std::uint32_t k = 0; k < candidates_.size(); ++k) {
      out.push_back(evaluate(k));
      if (on_progress) on_progress(k + 1);
    }
    std::sort(out.begin(), out.end(), better);
    return out;
  }

  /// New zone-to-zone weights with candidate k added to the current state (Z x Z).
  [[nodiscard]] Eigen::MatrixXd od_with(std::uint32_t k) const { return with(k).matrix(); }

  /// Adds candidate k to the current state: every stored skim is updated exactly (the same
  /// one-link formula, on zones and endpoints), so later evaluations see the link. O((Z + E)^2).
  void add(std::uint32_t k) {
    const candidate_link& c = candidates_[k];
    const auto [iu, iv] = endpoint_of_[k];
    // Through u -> v (and v -> u): from anything to u, the link, from v to anything. Computed
    // from the values before the update (copies), as each cell's new value must be.
    const Eigen::VectorXd zu = zone_to_end_.col(iu), zv = zone_to_end_.col(iv);
    const Eigen::VectorXd eu = end_to_end_.col(iu), ev = end_to_end_.col(iv);
    const Eigen::RowVectorXd vz = end_to_zone_.row(iv), uz = end_to_zone_.row(iu);
    const Eigen::RowVectorXd ve = end_to_end_.row(iv), ue = end_to_end_.row(iu);
    const auto relax = [&](Eigen::MatrixXd& m, const Eigen::VectorXd& to_u,
                           const Eigen::RowVectorXd& from_v) {
      m.array() = m.array().min((to_u.array() + c.weight).replicate(1, from_v.size()).rowwise() +
                                from_v.array());
    };
    relax(od_, zu, vz);
    relax(zone_to_end_, zu, ve);
    relax(end_to_zone_, eu, vz);
    relax(end_to_end_, eu, ve);
    if (c.two_way) {
      relax(od_, zv, uz);
      relax(zone_to_end_, zv, ue);
      relax(end_to_zone_, ev, uz);
      relax(end_to_end_, ev, ue);
    }
  }

  /// Greedy portfolio within `budget` (same unit as the candidates' costs; candidates without a
  /// cost are skipped): repeatedly adds the affordable candidate with the largest benefit per cost
  /// given the earlier picks, re-evaluated after each pick, until none is affordable or none
  /// helps. Works on a copy: the ranker's state is unchanged, so od_with() and evaluate() still
  /// answer for each candidate on its own. O(picks x K x Z^2 + picks x (Z + E)^2), plus one copy
  /// of the skims.
  [[nodiscard]] portfolio choose(double budget) const {
    link_addition_ranker state = *this;
    return state.choose_in_place(budget);
  }

 private:
  portfolio choose_in_place(double budget) {
    portfolio p;
    std::vector<std::uint8_t> taken(candidates_.size(), 0);
    for (;;) {
      std::int64_t best = -1;
      candidate_benefit best_b;
      for (std::uint32_t k = 0; k < candidates_.size(); ++k) {
        const double c = candidates_[k].cost;
        if (taken[k] || !(std::isfinite(c) && c > 0) || p.total_cost + c > budget) continue;
        const candidate_benefit b = evaluate(k);
        if (b.benefit <= 0 && b.newly_connected_tonnes <= 0) continue;
        if (best < 0 || by_value_for_money(b, best_b)) {
          best = k;
          best_b = b;
        }
      }
      if (best < 0) return p;
      const auto k = static_cast<std::uint32_t>(best);
      taken[k] = 1;
      add(k);
      p.picks.push_back(best_b);
      p.total_cost += candidates_[k].cost;
      p.total_benefit += best_b.benefit;
      p.newly_connected_tonnes += best_b.newly_connected_tonnes;
    }
  }

 public:
  /// The best portfolio within `budget` by exhaustive search (candidates without a cost are left
  /// out): the largest total benefit, then the most newly connected tonnes, then the lowest cost.
  /// Picks are reported in candidate order with their marginal benefits in that order. Does not
  /// change the current state. Precondition: at most 20 candidates with a cost.
  /// O(2^K x K x (Z + E)^2).
  [[nodiscard]] portfolio choose_exact(double budget) const {
    std::vector<std::uint32_t> costed;
    for (std::uint32_t k = 0; k < candidates_.size(); ++k) {
      const double c = candidates_[k].cost;
      if (std::isfinite(c) && c > 0) costed.push_back(k);
    }
    portfolio best;
    bool have = false;
    std::vector<std::uint32_t> chosen;
    const auto search = [&](const auto& self, std::size_t i, const link_addition_ranker& state,
                            portfolio& sofar) -> void {
      if (i == costed.size()) {
        const bool wins = !have || sofar.total_benefit > best.total_benefit ||
                          (sofar.total_benefit == best.total_benefit &&
                           (sofar.newly_connected_tonnes > best.newly_connected_tonnes ||
                            (sofar.newly_connected_tonnes == best.newly_connected_tonnes &&
                             sofar.total_cost < best.total_cost)));
        if (wins) {
          best = sofar;
          have = true;
        }
        return;
      }
      self(self, i + 1, state, sofar);  // without costed[i]
      const std::uint32_t k = costed[i];
      if (sofar.total_cost + candidates_[k].cost > budget) return;
      const candidate_benefit b = state.evaluate(k);
      link_addition_ranker next = state;
      next.add(k);
      sofar.picks.push_back(b);
      sofar.total_cost += candidates_[k].cost;
      sofar.total_benefit += b.benefit;
      sofar.newly_connected_tonnes += b.newly_connected_tonnes;
      self(self, i + 1, next, sofar);
      sofar.picks.pop_back();
      sofar.total_cost -= candidates_[k].cost;
      sofar.total_benefit -= b.benefit;
      sofar.newly_connected_tonnes -= b.newly_connected_tonnes;
    };
    portfolio start;
    search(search, 0, *this, start);
    return best;
  }

  /// Ordering used by rank(): benefit, then newly connected tonnes, then candidate index.
  static bool better(const candidate_benefit& a, const candidate_benefit& b) {
    if (a.benefit != b.benefit) return a.benefit > b.benefit;
    if (a.newly_connected_tonnes != b.newly_connected_tonnes) {
      return a.newly_connected_tonnes > b.newly_connected_tonnes;
    }
    return a.candidate < b.candidate;
  }

 private:
  /// Adds to b the gains of the pairs that improve through endpoint iu -> endpoint iv. Benefit
  /// over pairs connected in the base network (so marginal benefits of successive picks add up
  /// to the portfolio's); newly connected: pairs unconnected until now.
  void accumulate(Eigen::Index iu, Eigen::Index iv, double w, candidate_benefit& b) const {
    rows_.clear();
    cols_.clear();
    for (Eigen::Index s = 0; s < od_.rows(); ++s) {
      if (zone_to_end_(s, iu) + w < zone_to_end_(s, iv)) rows_.push_back(s);
    }
    if (rows_.empty()) return;
    for (Eigen::Index t = 0; t < od_.cols(); ++t) {
      if (w + end_to_zone_(iv, t) < end_to_zone_(iu, t)) cols_.push_back(t);
    }
    for (const Eigen::Index t : cols_) {
      const double tail = w + end_to_zone_(iv, t);
      for (const Eigen::Index s : rows_) {
        const double via = zone_to_end_(s, iu) + tail;
        const double now = od_(s, t);
        if (!(via < now)) continue;
        if (std::isfinite(od_before_(s, t))) {
          b.benefit += tonnes_(s, t) * (now - via);
        } else if (std::isinf(now)) {
          b.newly_connected_tonnes += tonnes_(s, t);
        }
      }
    }
  }

  static bool by_value_for_money(const candidate_benefit& a, const candidate_benefit& b) {
    if (a.benefit_per_cost != b.benefit_per_cost) return a.benefit_per_cost > b.benefit_per_cost;
    return better(a, b);
  }

  /// Zone-to-zone weights with candidate k added (into a reused buffer).
  const Eigen::ArrayXXd& with(std::uint32_t k) const {
    const candidate_link& c = candidates_[k];
    const auto [iu, iv] = endpoint_of_[k];
    const auto z = od_.rows();
    buffer_.resize(z, z);
    // d(s, u) + w + d(v, t) for all s, t: an outer sum.
    buffer_ = (zone_to_end_.col(iu).array() + c.weight).replicate(1, z).rowwise() +
              end_to_zone_.row(iv).array();
    if (c.two_way) {
      buffer_ = buffer_.min((zone_to_end_.col(iv).array() + c.weight).replicate(1, z).rowwise() +
                            end_to_zone_.row(iu).array());
    }
    buffer_ = buffer_.min(od_.array());
    return buffer_;
  }

  std::vector<candidate_link> candidates_;
  std::vector<std::pair<Eigen::Index, Eigen::Index>> endpoint_of_;  ///< (from, to) endpoint index
  Eigen::MatrixXd tonnes_;                                          ///< Z x Z demand
  Eigen::MatrixXd zone_to_end_, end_to_zone_, end_to_end_, od_, od_before_;
  mutable Eigen::ArrayXXd buffer_;
  mutable std::vector<Eigen::Index> rows_, cols_;
};

}  // namespace corridor
