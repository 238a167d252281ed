// Link criticality: what closing a link (or a set of links closed together: a corridor, a
// facility's transfer links) costs the demand. Exact and incremental: one shortest-path tree per
// origin zone finds each OD pair's best path; closing a set only changes the pairs whose best
// path uses it (every other pair keeps its path, and closing never shortens one), so only their
// origins are searched again, without the closed links. Sets are evaluated in parallel.
//
//   std::vector<corridor::closure_impact> r =
//       corridor::closure_impacts(net.graph, by_column(w), zones, demand, groups);
//   // r[i].cost_increase, r[i].lost_tonnes for groups[i]
#pragma once

#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "corridor/detail/workers.hpp"
#include "corridor/path/skim.hpp"

namespace corridor {

/// What closing one set of links does to the demand.
struct closure_impact {
  /// Sum over OD pairs that stay connected of tonnes x (weight after - weight before).
  double cost_increase = 0;
  double lost_tonnes = 0;            ///< tonnes of OD pairs left without any path
  std::uint32_t affected_pairs = 0;  ///< OD pairs (with demand) whose best path used the set
};

/// Impacts of closing each of `groups` (each a set of link ids closed together) on the demand
/// `demand(i, j)` tonnes from zones[i] to zones[j] (Z x Z, >= 0), links weighted by `w` (links
/// with infinite weight are already closed). One search per origin zone, then per group one
/// search per origin zone that has an affected pair; `threads` workers (0: hardware
/// concurrency). Pairs unconnected in the base are ignored. Memory: the best paths of all pairs.
/// `on_progress(done)` is called from the calling thread as groups complete, when given.
template <weight_function W>
[[nodiscard]] std::vector<closure_impact> closure_impacts(
    const network& g, const W& w, std::span<const node_set> zones, const Eigen::MatrixXd& demand,
    std::span<const std::vector<link_id>> groups, unsigned threads = 0,
    const std::function<void(std::size_t)>& on_progress = {}) {
  const auto z = static_cast<std::uint32_t>(zones.size());
  const std::uint32_t m = g.link_count();
  // Base: distances and, per link, the pairs (s * z + t) whose best path uses it (CSR).
  std::vector<double> base(static_cast<std::size_t>(z) * z, infinite_distance);
  std::vector<std::uint32_t> first(m + 1, 0), pair_of;
  {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> uses;  // (link, pair)
    dijkstra_query q(g);
    for (std::uint32_t s = 0; s < z; ++s) {
      if (demand.row(s).maxCoeff() <= 0) continue;
      q.run(w, zones[s]);
      for (std::uint32_t t = 0; t < z; ++t) {
        if (!(demand(s, t) > 0) || s == t) continue;
        node_id best;
        double d = infinite_distance;
        for (const node_id v : zones[t]) {
          if (q.distance(v) < d) d = q.distance(v), best = v;
        }
        base[static_cast<std::size_t>(s) * z + t] = d;
        if (!best.valid()) continue;
        for (link_id l = q.parent_link(best); l.valid(); l = q.parent_link(g.tail(l))) {
          uses.emplace_back(l.value(), s * z + t);
        }
      }
    }
    for (const auto& [l, p] : uses) ++first[l + 1];
    for (std::uint32_t l = 0; l < m; ++l) first[l + 1] += first[l];
    pair_of.resize(uses.size());
    std::vector<std::uint32_t> next(first.begin(), first.end() - 1);
    for (const auto& [l, p] : uses) pair_of[next[l]++] = p;
  }
  std::vector<closure_impact> out(groups.size());
  std::atomic<std::size_t> next_group{0}, finished{0};
  const auto work = [&](unsigned worker) {
    const bool report = worker == 0;
    dijkstra_query q(g);
    std::vector<std::uint8_t> closed(m, 0);
    std::vector<std::uint32_t> seen(static_cast<std::size_t>(z) * z, 0), pairs;
    std::vector<node_id> targets;
    std::uint32_t stamp = 0;
    for (std::size_t i = next_group++; i < groups.size(); i = next_group++) {
      ++stamp;
      pairs.clear();
      for (const link_id l : groups[i]) {
        closed[l.value()] = 1;
        for (std::uint32_t k = first[l.value()]; k < first[l.value() + 1]; ++k) {
          if (seen[pair_of[k]] != stamp) {
            seen[pair_of[k]] = stamp;
            pairs.push_back(pair_of[k]);
          }
        }
      }
      std::sort(pairs.begin(), pairs.end());  // by origin
      closure_impact& r = out[i];
      r.affected_pairs = static_cast<std::uint32_t>(pairs.size());
      const auto closed_w = [&](link_id l) {
        return closed[l.value()] != 0 ? infinite_distance : static_cast<double>(w(l));
      };
      for (std::size_t a = 0; a < pairs.size();) {
        const std::uint32_t s = pairs[a] / z;
        // Search until every node of the affected destinations is settled.
        targets.clear();
        for (std::size_t b = a; b < pairs.size() && pairs[b] / z == s; ++b) {
          const auto& t_nodes = zones[pairs[b] % z];
          targets.insert(targets.end(), t_nodes.begin(), t_nodes.end());
        }
        q.run(closed_w, zones[s], targets, dijkstra_query::stop::all_targets);
        for (; a < pairs.size() && pairs[a] / z == s; ++a) {
          const std::uint32_t t = pairs[a] % z;
          double d = infinite_distance;
          for (const node_id v : zones[t]) d = std::min(d, q.distance(v));
          if (std::isinf(d)) {
            r.lost_tonnes += demand(s, t);
          } else {
            r.cost_increase += demand(s, t) * (d - base[pairs[a]]);
          }
        }
      }
      for (const link_id l : groups[i]) closed[l.value()] = 0;
      ++finished;
      if (report && on_progress) on_progress(finished.load());
    }
  };
  detail::run_workers(detail::worker_count(threads, groups.size()), work);
  if (on_progress) on_progress(groups.size());
  return out;
}

}  // namespace corridor
