// Many-to-many skims into Eigen matrices.
//
//   Eigen::MatrixXd hours = corridor::skim(net.graph, by_column(w), origins, destinations);
//   // hours(i, j): shortest weight from origins[i] to destinations[j], +inf when unreachable
//
// Each origin and destination is a set of nodes (a place served by several layers counts as one
// zone). `skim_along` also sums a second measure along the same shortest paths (e.g. km along the
// fastest route).
#pragma once

#include <algorithm>
#include <atomic>
#include <span>
#include <vector>

#include <Eigen/Core>

#include "corridor/detail/workers.hpp"
#include "corridor/path/contraction.hpp"
#include "corridor/path/dijkstra.hpp"

namespace corridor {

namespace detail {
/// Runs one search per origin (stopped once every destination node is settled) and calls
/// cell(i, j, query, best_node) for every pair; best_node is the nearest node of destination j
/// (invalid when unreachable). Origins are shared out among `threads` worker threads (0: one per
/// core; small skims run on the calling thread), each with its own query, so `w` and `cell` are
/// called concurrently (for different origins i).
template <weight_function W, class Cell>
void for_each_skim_cell(const network& g, const W& w, std::span<const node_set> origins,
                        std::span<const node_set> destinations, Cell&& cell, unsigned threads) {
  std::vector<node_id> all_targets;
  for (const auto& d : destinations) all_targets.insert(all_targets.end(), d.begin(), d.end());
  std::atomic<std::size_t> next{0};
  const auto work = [&](unsigned) {
    dijkstra_query q(g);
    for (std::size_t i = next++; i < origins.size(); i = next++) {
      q.run(w, origins[i], all_targets, dijkstra_query::stop::all_targets);
      for (std::size_t j = 0; j < destinations.size(); ++j) {
        node_id best_v;
        double best = infinite_distance;
        for (const node_id v : destinations[j]) {
          if (q.distance(v) < best) {
            best = q.distance(v);
            best_v = v;
          }
        }
        cell(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j), q, best_v);
      }
    }
  };
  // Threads pay off from a few searches over a few thousand links (starting one costs ~50 us).
  const bool small =
      threads == 0 && origins.size() * (std::size_t{g.link_count()} + g.node_count()) < 200000;
  run_workers(small ? 1U : worker_count(threads, origins.size()), work);
}
}  // namespace detail

/// How skim() computes: one Dijkstra search per origin, or a contraction hierarchy built for the
/// call and bucket searches (ch_skim); automatic picks the hierarchy when there are so many
/// origins that building it costs less than the searches it saves (at least 500 origins per
/// thread and 100 destinations, on 10,000 nodes or more: building takes about as long as 250-350
/// one-to-all searches on road graphs, docs/performance.md).
enum class skim_engine : std::uint8_t { automatic, dijkstra, hierarchy };

struct skim_options {
  unsigned threads = 0;  ///< 0: one per core (and one thread for small skims)
  skim_engine engine = skim_engine::automatic;
};

/// Whether skim() takes the hierarchy for a skim of this size (see skim_engine). O(1).
[[nodiscard]] inline bool skim_uses_hierarchy(std::uint32_t nodes, std::size_t origins,
                                              std::size_t destinations,
                                              const skim_options& opt) noexcept {
  const unsigned threads = detail::worker_count(opt.threads, origins);
  return opt.engine == skim_engine::hierarchy ||
         (opt.engine == skim_engine::automatic && origins >= 500 * std::size_t{threads} &&
          destinations >= 100 && nodes >= 10000);
}

/// Shortest weights between zones (+infinity when unreachable). With Dijkstra: one search per
/// origin, stopped once every destination node is settled, the origins shared out among the
/// threads (`w` is called concurrently, so it must be safe to call from several threads, as
/// by_column and lambdas over const data are). With the hierarchy: built once on the calling
/// thread, then ch_skim (forward searches threaded). Every engine and thread count gives the same
/// matrix. Memory: the |origins| x |destinations| matrix of doubles plus one query (O(n)) per
/// thread (and the hierarchy and buckets when used). O(|origins| (n + m) log n / threads) with
/// Dijkstra.
template <weight_function W>
[[nodiscard]] Eigen::MatrixXd skim(const network& g, const W& w, std::span<const node_set> origins,
                                   std::span<const node_set> destinations, skim_options opt) {
  if (skim_uses_hierarchy(g.node_count(), origins.size(), destinations.size(), opt)) {
    const contraction_hierarchy ch(g, w);
    return ch_skim(ch, origins, destinations, opt.threads);
  }
  Eigen::MatrixXd out(static_cast<Eigen::Index>(origins.size()),
                      static_cast<Eigen::Index>(destinations.size()));
  detail::for_each_skim_cell(
      g, w, origins, destinations,
      [&](Eigen::Index i, Eigen::Index j, const dijkstra_query& q, node_id v) {
        out(i, j) = v.valid() ? q.distance(v) : infinite_distance;
      },
      opt.threads);
  return out;
}

/// skim() on `threads` threads (0: one per core), the engine chosen automatically.
template <weight_function W>
[[nodiscard]] Eigen::MatrixXd skim(const network& g, const W& w, std::span<const node_set> origins,
                                   std::span<const node_set> destinations, unsigned threads = 0) {
  return skim(g, w, origins, destinations, skim_options{threads, skim_engine::automatic});
}

/// Like skim, but each cell holds the sum of `measure` along the w-shortest path (ties broken as
/// the search found them); +inf when unreachable. Threads as skim (`measure` is called
/// concurrently too). O(skim + sum of path lengths).
template <weight_function W, weight_function M>
[[nodiscard]] Eigen::MatrixXd skim_along(const network& g, const W& w, const M& measure,
                                         std::span<const node_set> origins,
                                         std::span<const node_set> destinations,
                                         unsigned threads = 0) {
  Eigen::MatrixXd out(static_cast<Eigen::Index>(origins.size()),
                      static_cast<Eigen::Index>(destinations.size()));
  detail::for_each_skim_cell(
      g, w, origins, destinations,
      [&](Eigen::Index i, Eigen::Index j, const dijkstra_query& q, node_id v) {
        double sum = infinite_distance;
        if (v.valid()) {
          sum = 0;
          for (const link_id l : q.path_links(v)) sum += static_cast<double>(measure(l));
        }
        out(i, j) = sum;
      },
      threads);
  return out;
}

}  // namespace corridor
