// corridor-bench: shortest paths with corridor, Boost.Graph and LEMON side by side, on one graph
// in one run, checking that every engine gives the same distances. Prints JSON.
//
//   corridor-bench sssp FILE|road:N [--sources K] [--seed S]      one-to-all Dijkstra
//   corridor-bench p2p  FILE|road:N [--queries K] [--seed S]      point-to-point queries
//   corridor-bench import road:N                                  corridor import's topology
//   corridor-bench skim FILE|road:N [--zones Z] [--threads T]     Z x Z many-to-many
//     (skim() with its automatic engine on T threads; Dijkstra on 1 and T threads; the hierarchy
//      build and ch_skim apart; BGL repeated one-to-all on 1 thread)
//
// FILE: a DIMACS .gr (weights as given), a TNTP _net.tntp (free-flow times) or lines:LAYER (a line
// layer such as the marnet sea lanes, through corridor import's topology; lengths in km); road:N a
// generated road-like graph of about N nodes (bench/road_graph.hpp; N may be written 1e6). Sources,
// pairs and zones are uniform random nodes from the seed. Times are wall-clock milliseconds per
// query (per skim for skim), measured around each engine's call only; graph construction is
// reported separately. Engines: corridor (dijkstra_query, reused), bgl (compressed_sparse_row_graph
// + dijkstra_shortest_paths, buffers reused), lemon (StaticDigraph + Dijkstra, reused; left out
// when built without liblemon-dev).
#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <sys/resource.h>

#include <CLI/CLI.hpp>
#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <boost/graph/dijkstra_shortest_paths.hpp>
#include <boost/property_map/property_map.hpp>

#include "corridor/gis/import.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/path/bidirectional.hpp"
#include "corridor/path/contraction.hpp"
#include "corridor/path/customizable.hpp"
#include "corridor/path/dijkstra.hpp"
#include "corridor/path/route.hpp"
#include "corridor/path/skim.hpp"
#include "road_graph.hpp"

#ifdef CORRIDOR_BENCH_LEMON
#include "lemon_engine.hpp"
#endif

namespace {

using corridor::link_id;
using corridor::node_id;
using clock_type = std::chrono::steady_clock;

double ms_since(clock_type::time_point t0) {
  return std::chrono::duration<double, std::milli>(clock_type::now() - t0).count();
}

struct input {
  std::string name;
  corridor::network graph;
  std::vector<double> weight;
  std::vector<corridor::geo::lonlat> position;  ///< empty when the file has none
  double load_ms = 0;
};

input load(const std::string& spec, std::uint64_t seed) {
  input in;
  in.name = spec;
  const auto t0 = clock_type::now();
  if (spec.rfind("road:", 0) == 0) {
    const double n = std::stod(spec.substr(5));
    if (!(n >= 4 && n <= 2e9)) throw std::runtime_error(spec + ": give road:N with N >= 4");
    corridor::bench::generated_graph g =
        corridor::bench::road_graph(static_cast<std::uint32_t>(n), seed);
    in.graph = std::move(g.graph);
    in.weight = std::move(g.weight);
    in.position = std::move(g.position);
  } else if (spec.rfind("lines:", 0) == 0) {
    // A line layer (sea lanes, railways) through corridor import's topology, as `corridor
    // import` builds it; weights are lengths in km. Points, gaps and merging left at defaults.
    std::vector<corridor::gis::import_line> lines =
        corridor::gis::read_lines({spec.substr(6)}, corridor::mode::sea, {});
    corridor::gis::loaded_network n =
        corridor::gis::build_network(corridor::gis::build_topology(std::move(lines), {}).records);
    in.weight = n.net.links.length_km;
    in.position.resize(n.net.graph.node_count());
    for (std::uint32_t v = 0; v < in.position.size(); ++v) {
      in.position[v] = n.net.places.position[n.net.nodes.place[v]];
    }
    in.graph = std::move(n.net.graph);
  } else {
    corridor::gis::loaded_network n = corridor::gis::read_network(spec);
    if (n.format == corridor::gis::format::tntp) {
      in.weight = n.tntp.free_flow_time;
    } else if (n.format == corridor::gis::format::dimacs) {
      in.weight = n.net.links.weight;
    } else {
      throw std::runtime_error(spec +
                               ": give a DIMACS .gr, a TNTP _net.tntp, lines:LAYER or road:N");
    }
    in.graph = std::move(n.net.graph);
  }
  in.load_ms = ms_since(t0);
  return in;
}

/// Boost.Graph: compressed_sparse_row_graph with the weight as an edge property.
struct bgl_engine {
  using graph =
      boost::compressed_sparse_row_graph<boost::directedS, boost::no_property,
                                         boost::property<boost::edge_weight_t, double>,
                                         boost::no_property, std::uint32_t, std::uint32_t>;
  std::unique_ptr<graph> g;
  std::vector<double> dist;
  std::vector<std::uint32_t> pred;
  double build_ms = 0;

  explicit bgl_engine(const input& in) {
    const auto t0 = clock_type::now();
    std::vector<std::pair<std::uint32_t, std::uint32_t>> arcs;
    arcs.reserve(in.graph.link_count());
    for (std::uint32_t l = 0; l < in.graph.link_count(); ++l) {
      arcs.emplace_back(in.graph.tail(link_id{l}).value(), in.graph.head(link_id{l}).value());
    }
    // Arcs come sorted by tail (CSR order), so edge index = link id.
    g = std::make_unique<graph>(boost::edges_are_sorted, arcs.begin(), arcs.end(),
                                in.weight.begin(), in.graph.node_count());
    dist.resize(in.graph.node_count());
    pred.resize(in.graph.node_count());
    build_ms = ms_since(t0);
  }
  void run(std::uint32_t s) {
    boost::dijkstra_shortest_paths(
        *g, s,
        boost::predecessor_map(
            boost::make_iterator_property_map(pred.begin(), boost::get(boost::vertex_index, *g)))
            .distance_map(boost::make_iterator_property_map(dist.begin(),
                                                            boost::get(boost::vertex_index, *g))));
  }
  [[nodiscard]] double distance(std::uint32_t v) const {
    return dist[v] == std::numeric_limits<double>::max() ? corridor::infinite_distance : dist[v];
  }
};

/// Stops a BGL search once the target is settled (the documented way: a visitor that throws).
struct bgl_found {};
struct bgl_stop_at : boost::default_dijkstra_visitor {
  std::uint32_t target;
  explicit bgl_stop_at(std::uint32_t t) : target(t) {}
  template <class G>
  void examine_vertex(std::uint32_t u, const G&) const {
    if (u == target) throw bgl_found{};
  }
};

#ifdef CORRIDOR_BENCH_LEMON
/// LEMON on the input's CSR arcs (link id = arc id).
struct lemon_engine : corridor_bench::lemon_engine {
  explicit lemon_engine(const input& in)
      : corridor_bench::lemon_engine(in.graph.node_count(), tails_of(in.graph).data(),
                                     heads_of(in.graph).data(), in.weight.data(),
                                     in.graph.link_count()) {}
  static std::vector<std::uint32_t> tails_of(const corridor::network& g) {
    std::vector<std::uint32_t> out(g.link_count());
    for (std::uint32_t l = 0; l < out.size(); ++l) out[l] = g.tail(link_id{l}).value();
    return out;
  }
  static std::vector<std::uint32_t> heads_of(const corridor::network& g) {
    std::vector<std::uint32_t> out(g.link_count());
    for (std::uint32_t l = 0; l < out.size(); ++l) out[l] = g.head(link_id{l}).value();
    return out;
  }
};
#endif

bool same(double a, double b) {
  if (a == b) return true;
  return std::isfinite(a) && std::isfinite(b) && std::abs(a - b) <= 1e-9 * std::max(1.0, a);
}

std::vector<std::uint32_t> random_nodes(std::uint32_t n, std::size_t k, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_int_distribution<std::uint32_t> pick(0, n - 1);
  std::vector<std::uint32_t> out(k);
  for (auto& v : out) v = pick(rng);
  return out;
}

void print_header(const input& in) {
  std::printf("{\n  \"graph\": \"%s\",\n  \"nodes\": %u,\n  \"arcs\": %u,\n  \"load_ms\": %.1f,\n",
              in.name.c_str(), in.graph.node_count(), in.graph.link_count(), in.load_ms);
  // Memory: the CSR alone, and with 4 cost columns and a capacity as doubles (what a search
  // and an assignment need per link).
  const double m = std::max(1.0, static_cast<double>(in.graph.link_count()));
  const auto csr = static_cast<double>(in.graph.memory_bytes());
  std::printf("  \"csr_bytes_per_arc\": %.1f,\n  \"with_5_columns_bytes_per_arc\": %.1f,\n",
              csr / m, (csr + 5.0 * sizeof(double) * m) / m);
}

void print_engine_times(const char* key, double corridor_ms, double bgl_ms, double lemon_ms) {
  std::printf("  \"%scorridor_ms\": %.4f,\n  \"%sbgl_ms\": %.4f,\n", key, corridor_ms, key, bgl_ms);
  if (lemon_ms >= 0) std::printf("  \"%slemon_ms\": %.4f,\n", key, lemon_ms);
  std::printf("  \"%sbgl_ratio\": %.2f,\n", key, bgl_ms / corridor_ms);
  if (lemon_ms >= 0) std::printf("  \"%slemon_ratio\": %.2f,\n", key, lemon_ms / corridor_ms);
}

int run_sssp(const input& in, std::size_t k, std::uint64_t seed, bool interleave) {
  const std::uint32_t n = in.graph.node_count();
  const auto sources = random_nodes(n, k, seed);
  corridor::dijkstra_query q(in.graph);
  bgl_engine bgl(in);
  double corridor_ms = 0, bgl_ms = 0, lemon_ms = -1;
  bool agree = true;
#ifdef CORRIDOR_BENCH_LEMON
  lemon_engine lemon(in);
  lemon_ms = 0;
#endif
  const corridor::by_column w(in.weight);
  std::uint64_t settled = 0;
  std::array<std::size_t, 4> queues{};  // runs per dijkstra_query::queue
  const auto corridor_run = [&](std::uint32_t s) {
    const node_id src{s};
    q.run(w, std::span<const node_id>(&src, 1));
  };
  const auto bgl_run = [&](std::uint32_t s) { bgl.run(s); };
#ifdef CORRIDOR_BENCH_LEMON
  const auto lemon_run = [&](std::uint32_t s) { lemon.run(s); };
#endif
  // Runs `run` from s and adds its time to `total`.
  const auto timed = [](auto&& run, std::uint32_t s, double& total) {
    const auto t0 = clock_type::now();
    run(s);
    total += ms_since(t0);
  };
  double untimed = 0;  // the times not counted
  if (!interleave) {
    // Each engine runs all the sources in a row (its own data stays in cache, as in a sweep
    // of one-to-all runs), after an untimed warm-up run; then every source runs once more on
    // all three, untimed, for the comparison.
    const auto block = [&](auto&& run, double& total) {
      timed(run, sources[0], untimed);
      for (const std::uint32_t s : sources) timed(run, s, total);
    };
    block(corridor_run, corridor_ms);
    block(bgl_run, bgl_ms);
#ifdef CORRIDOR_BENCH_LEMON
    block(lemon_run, lemon_ms);
#endif
  }
  for (std::size_t i = 0; i < k; ++i) {
    // Interleaved: the engines take turns on each source (each starts with the others' data in
    // cache), timed after an untimed warm-up round.
    const std::uint32_t s = sources[i];
    if (interleave && i == 0) {
      timed(corridor_run, s, untimed);
      timed(bgl_run, s, untimed);
#ifdef CORRIDOR_BENCH_LEMON
      timed(lemon_run, s, untimed);
#endif
    }
    timed(corridor_run, s, interleave ? corridor_ms : untimed);
    timed(bgl_run, s, interleave ? bgl_ms : untimed);
#ifdef CORRIDOR_BENCH_LEMON
    timed(lemon_run, s, interleave ? lemon_ms : untimed);
#endif
    settled += q.settled_count();
    ++queues[static_cast<std::size_t>(q.last_queue())];
    for (std::uint32_t v = 0; v < n; ++v) {
      const double d = q.distance(node_id{v});
      if (!same(d, bgl.distance(v))) agree = false;
#ifdef CORRIDOR_BENCH_LEMON
      if (!same(d, lemon.distance(v))) agree = false;
#endif
    }
  }
  const auto kd = static_cast<double>(k);
  print_header(in);
  std::printf("  \"query\": \"sssp\",\n  \"sources\": %zu,\n  \"seed\": %llu,\n", k,
              static_cast<unsigned long long>(seed));
  std::printf("  \"timing\": \"%s\",\n", interleave ? "interleaved" : "blocks");
  std::printf("  \"settled_per_query\": %.0f,\n", static_cast<double>(settled) / kd);
  // The queue each compared run ended on (a one-to-all run starts on the radix heap).
  std::printf("  \"corridor_queue\": {\"radix_heap\": %zu, \"buckets\": %zu},\n", queues[1],
              queues[2]);
  std::printf("  \"bgl_build_ms\": %.1f,\n", bgl.build_ms);
#ifdef CORRIDOR_BENCH_LEMON
  std::printf("  \"lemon_build_ms\": %.1f,\n", lemon.build_ms());
#endif
  print_engine_times("", corridor_ms / kd, bgl_ms / kd, lemon_ms < 0 ? -1 : lemon_ms / kd);
  std::printf("  \"agree\": %s\n}\n", agree ? "true" : "false");
  return agree ? 0 : 1;
}

int run_p2p(const input& in, std::size_t k, std::uint64_t seed) {
  const std::uint32_t n = in.graph.node_count();
  const auto from = random_nodes(n, k, seed), to = random_nodes(n, k, seed + 1);
  corridor::dijkstra_query q(in.graph);
  bgl_engine bgl(in);
  const corridor::by_column w(in.weight);
  double dijkstra_ms = 0, astar_ms = 0, bgl_ms = 0, lemon_ms = -1;
  bool agree = true;
  std::unique_ptr<corridor::great_circle_bound> bound;
  if (!in.position.empty()) {
    bound = std::make_unique<corridor::great_circle_bound>(in.graph, w, in.position);
  }
#ifdef CORRIDOR_BENCH_LEMON
  lemon_engine lemon(in);
  lemon_ms = 0;
#endif
  auto t_ch = clock_type::now();
  const corridor::contraction_hierarchy ch(in.graph, w);
  const double ch_build_ms = ms_since(t_ch);
  corridor::ch_query cq(ch);
  t_ch = clock_type::now();
  corridor::customizable_hierarchy cch(in.graph, in.position);  // geometric cuts when known
  const double cch_build_ms = ms_since(t_ch);
  t_ch = clock_type::now();
  cch.customize(w);
  const double cch_customize_ms = ms_since(t_ch);
  corridor::cch_query ccq(cch);
  corridor::bidirectional_query bq(in.graph);
  double ch_ms = 0, bidir_ms = 0, cch_ms = 0;
  std::uint64_t ch_settled = 0, cch_scanned = 0;
  for (std::size_t i = 0; i <= k; ++i) {
    const std::size_t at = i == 0 ? 0 : i - 1;
    const node_id s{from[at]}, t{to[at]};
    auto t0 = clock_type::now();
    q.run(w, std::span<const node_id>(&s, 1), std::span<const node_id>(&t, 1));
    const double tc = ms_since(t0);
    const double d = q.distance(t);
    double ta = 0;
    if (bound) {
      t0 = clock_type::now();
      q.run(w, std::span<const node_id>(&s, 1), std::span<const node_id>(&t, 1), *bound);
      ta = ms_since(t0);
      if (!same(d, q.distance(t))) agree = false;
    }
    t0 = clock_type::now();
    bq.run(w, s, t);
    const double tbi = ms_since(t0);
    if (!same(d, bq.distance())) agree = false;
    t0 = clock_type::now();
    cq.run(s, t);
    const double th = ms_since(t0);
    if (i != 0) ch_settled += cq.settled_count();
    if (!same(d, cq.distance())) agree = false;
    t0 = clock_type::now();
    ccq.run(s, t);
    const double tcc = ms_since(t0);
    if (i != 0) cch_scanned += ccq.scanned_count();
    if (!same(d, ccq.distance())) agree = false;
    t0 = clock_type::now();
    try {
      boost::dijkstra_shortest_paths(
          *bgl.g, s.value(),
          boost::predecessor_map(boost::make_iterator_property_map(
                                     bgl.pred.begin(), boost::get(boost::vertex_index, *bgl.g)))
              .distance_map(boost::make_iterator_property_map(
                  bgl.dist.begin(), boost::get(boost::vertex_index, *bgl.g)))
              .visitor(bgl_stop_at(t.value())));
    } catch (const bgl_found&) {
    }
    const double tb = ms_since(t0);
    if (!same(d, bgl.distance(t.value()))) agree = false;
#ifdef CORRIDOR_BENCH_LEMON
    t0 = clock_type::now();
    lemon.run(s.value(), t.value());
    const double tl = ms_since(t0);
    if (!same(d, lemon.distance(t.value()))) agree = false;
#endif
    if (i == 0) continue;
    dijkstra_ms += tc;
    astar_ms += ta;
    ch_ms += th;
    cch_ms += tcc;
    bidir_ms += tbi;
    bgl_ms += tb;
#ifdef CORRIDOR_BENCH_LEMON
    lemon_ms += tl;
#endif
  }
  const auto kd = static_cast<double>(k);
  print_header(in);
  std::printf("  \"query\": \"p2p\",\n  \"queries\": %zu,\n  \"seed\": %llu,\n", k,
              static_cast<unsigned long long>(seed));
  print_engine_times("", dijkstra_ms / kd, bgl_ms / kd, lemon_ms < 0 ? -1 : lemon_ms / kd);
  if (bound) std::printf("  \"corridor_astar_ms\": %.4f,\n", astar_ms / kd);
  std::printf("  \"corridor_bidirectional_ms\": %.4f,\n", bidir_ms / kd);
  std::printf("  \"ch_build_ms\": %.1f,\n  \"ch_shortcuts\": %zu,\n  \"ch_mb\": %.1f,\n",
              ch_build_ms, ch.shortcut_count(),
              static_cast<double>(ch.memory_bytes()) / (1024.0 * 1024.0));
  std::printf("  \"ch_settled_per_query\": %.0f,\n", static_cast<double>(ch_settled) / kd);
  std::printf("  \"ch_query_ms\": %.4f,\n  \"ch_speedup_vs_dijkstra\": %.1f,\n", ch_ms / kd,
              dijkstra_ms / ch_ms);
  // A scenario's new weights on the same customizable hierarchy: 1% of the links closed, 10%
  // 30% slower. Re-customized, then checked against Dijkstra on the same pairs.
  std::vector<double> w2 = in.weight;
  std::mt19937_64 rng(seed + 2);
  for (double& x : w2) {
    const auto r = rng() % 100;
    if (r == 0)
      x = std::numeric_limits<double>::infinity();
    else if (r < 11)
      x *= 1.3;
  }
  auto t_re = clock_type::now();
  cch.customize(corridor::by_column(w2));
  const double cch_recustomize_ms = ms_since(t_re);
  for (std::size_t i = 0; i < k; ++i) {
    const node_id s{from[i]}, t{to[i]};
    q.run(corridor::by_column(w2), std::span<const node_id>(&s, 1),
          std::span<const node_id>(&t, 1));
    ccq.run(s, t);
    if (!same(q.distance(t), ccq.distance())) agree = false;
  }
  std::printf("  \"cch_build_ms\": %.1f,\n  \"cch_arcs\": %zu,\n  \"cch_mb\": %.1f,\n",
              cch_build_ms, cch.arc_count(),
              static_cast<double>(cch.memory_bytes()) / (1024.0 * 1024.0));
  std::printf("  \"cch_customize_ms\": %.1f,\n  \"cch_recustomize_ms\": %.1f,\n", cch_customize_ms,
              cch_recustomize_ms);
  std::printf("  \"cch_scanned_per_query\": %.0f,\n", static_cast<double>(cch_scanned) / kd);
  std::printf("  \"cch_query_ms\": %.4f,\n  \"cch_speedup_vs_dijkstra\": %.1f,\n", cch_ms / kd,
              dijkstra_ms / cch_ms);
  std::printf("  \"agree\": %s\n}\n", agree ? "true" : "false");
  return agree ? 0 : 1;
}

int run_skim(const input& in, std::size_t zones, unsigned threads, std::uint64_t seed) {
  const std::uint32_t n = in.graph.node_count();
  const auto picked = random_nodes(n, zones, seed);
  std::vector<corridor::node_set> z;
  for (const std::uint32_t v : picked) z.push_back({node_id{v}});
  const corridor::by_column w(in.weight);
  if (threads == 0) threads = std::max(1U, std::thread::hardware_concurrency());
  // skim() as a user calls it (the engine chosen automatically), then Dijkstra on 1 and T threads.
  auto t0 = clock_type::now();
  const Eigen::MatrixXd m = corridor::skim(in.graph, w, z, z, threads);
  const double corridor_ms = ms_since(t0);
  const bool used_ch = corridor::skim_uses_hierarchy(n, zones, zones, {threads});
  t0 = clock_type::now();
  const Eigen::MatrixXd m1 =
      corridor::skim(in.graph, w, z, z, {1, corridor::skim_engine::dijkstra});
  const double one_thread_ms = ms_since(t0);
  t0 = clock_type::now();
  const Eigen::MatrixXd mt =
      corridor::skim(in.graph, w, z, z, {threads, corridor::skim_engine::dijkstra});
  const double dijkstra_ms = ms_since(t0);
  t0 = clock_type::now();
  const corridor::contraction_hierarchy ch(in.graph, w);
  const double ch_build_ms = ms_since(t0);
  t0 = clock_type::now();
  const Eigen::MatrixXd mc = corridor::ch_skim(ch, z, z);
  const double ch_ms = ms_since(t0);
  bgl_engine bgl(in);
  bool agree = true;
  t0 = clock_type::now();
  Eigen::MatrixXd mb(static_cast<Eigen::Index>(zones), static_cast<Eigen::Index>(zones));
  for (std::size_t i = 0; i < zones; ++i) {
    bgl.run(picked[i]);
    for (std::size_t j = 0; j < zones; ++j) {
      mb(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = bgl.distance(picked[j]);
    }
  }
  const double bgl_ms = ms_since(t0);
  for (Eigen::Index i = 0; i < m.rows(); ++i) {
    for (Eigen::Index j = 0; j < m.cols(); ++j) {
      if (!same(m(i, j), mb(i, j)) || !same(m1(i, j), mb(i, j)) || !same(mt(i, j), mb(i, j)) ||
          !same(mc(i, j), mb(i, j))) {
        agree = false;
      }
    }
  }
  print_header(in);
  std::printf("  \"query\": \"skim\",\n  \"zones\": %zu,\n  \"seed\": %llu,\n", zones,
              static_cast<unsigned long long>(seed));
  std::printf("  \"threads\": %u,\n  \"engine\": \"%s\",\n", threads,
              used_ch ? "hierarchy" : "dijkstra");
  std::printf("  \"corridor_dijkstra_1_thread_ms\": %.1f,\n  \"corridor_dijkstra_ms\": %.1f,\n",
              one_thread_ms, dijkstra_ms);
  std::printf("  \"matrix_mb\": %.1f,\n",
              static_cast<double>(m.size()) * sizeof(double) / (1024.0 * 1024.0));
  print_engine_times("", corridor_ms, bgl_ms, -1);
  std::printf("  \"ch_build_ms\": %.1f,\n  \"ch_skim_ms\": %.1f,\n  \"ch_bgl_ratio\": %.1f,\n",
              ch_build_ms, ch_ms, bgl_ms / ch_ms);
  std::printf("  \"agree\": %s\n}\n", agree ? "true" : "false");
  return agree ? 0 : 1;
}

/// corridor import's topology on a generated layer: every undirected edge of road:N as a 2-point
/// line, its ends moved by up to 1.5 m in lon and lat at random (so snapping at 5 m has to rejoin
/// them: copies of a vertex end up at most 4.3 m apart), in random
/// order. Reports time and peak memory (the process's maximum resident set).
int run_import(const std::string& spec, std::uint64_t seed) {
  if (spec.rfind("road:", 0) != 0) throw std::runtime_error("import: give road:N");
  const auto n = static_cast<std::uint32_t>(std::stod(spec.substr(5)));
  const corridor::bench::generated_graph g = corridor::bench::road_graph(n, seed);
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> jitter(-1.5, 1.5);  // metres: copies within 4.3 m
  std::vector<corridor::gis::import_line> lines;
  for (std::uint32_t l = 0; l < g.graph.link_count(); ++l) {
    const node_id a = g.graph.tail(link_id{l}), b = g.graph.head(link_id{l});
    if (a.value() > b.value()) continue;  // each edge once
    corridor::gis::import_line line;
    for (const node_id v : {a, b}) {
      corridor::geo::lonlat p = g.position[v.value()];
      p.lon += jitter(rng) / 111320.0;
      p.lat += jitter(rng) / 111320.0;
      line.points.push_back(p);
    }
    line.name = "r";
    line.gauge_mm = 1435;
    lines.push_back(std::move(line));
  }
  std::shuffle(lines.begin(), lines.end(), rng);
  const std::size_t segments = lines.size();
  rusage before{};
  getrusage(RUSAGE_SELF, &before);  // the generated graph and the lines in memory
  const auto t0 = clock_type::now();
  const corridor::gis::imported_network r = corridor::gis::build_topology(std::move(lines), {});
  const double ms = ms_since(t0);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("{\n  \"graph\": \"%s\",\n  \"query\": \"import\",\n  \"segments\": %zu,\n",
              spec.c_str(), segments);
  std::printf("  \"topology_ms\": %.1f,\n  \"rss_before_mb\": %.1f,\n  \"peak_rss_mb\": %.1f,\n",
              ms, static_cast<double>(before.ru_maxrss) / 1024.0,
              static_cast<double>(usage.ru_maxrss) / 1024.0);
  std::printf("  \"snapped_endpoints\": %zu,\n  \"merged_nodes\": %zu,\n",
              r.report.snapped_endpoints, r.report.merged_nodes);
  std::printf("  \"nodes\": %zu,\n  \"links\": %zu,\n  \"components\": %zu\n}\n", r.report.nodes,
              r.report.links, r.report.components.size());
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app("corridor-bench: corridor, Boost.Graph and LEMON shortest paths side by side");
  app.require_subcommand(1);
  std::string file;
  std::size_t sources = 20, queries = 200, zones = 200;
  unsigned threads = 0;
  std::uint64_t seed = 20261122;
  int rc = 0;
  const auto common = [&](CLI::App* sub, const char* what, std::size_t& count) {
    sub->add_option("GRAPH", file,
                    "DIMACS .gr, TNTP _net.tntp, lines:LAYER (a line layer, km) or road:N "
                    "(generated)")
        ->required();
    sub->add_option(what, count, "How many (random from the seed)")->capture_default_str();
    sub->add_option("--seed", seed, "Random seed")->capture_default_str();
  };
  CLI::App* sssp = app.add_subcommand("sssp", "One-to-all Dijkstra from random sources");
  common(sssp, "--sources", sources);
  bool interleave = false;
  sssp->add_flag("--interleave", interleave,
                 "Time the engines taking turns on each source (each starts with the others' "
                 "data in cache) instead of each running all the sources in a row");
  CLI::App* p2p = app.add_subcommand("p2p", "Point-to-point queries between random nodes");
  common(p2p, "--queries", queries);
  CLI::App* sk = app.add_subcommand("skim", "A zones x zones skim of random nodes");
  common(sk, "--zones", zones);
  sk->add_option("--threads", threads, "corridor's threads (0: one per core); BGL runs on one")
      ->capture_default_str();
  CLI::App* imp = app.add_subcommand("import", "corridor import's topology on a generated layer");
  imp->add_option("GRAPH", file, "road:N (its edges as lines, ends jittered by 1.5 m)")->required();
  imp->add_option("--seed", seed, "Random seed")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  try {
    if (imp->parsed()) return run_import(file, seed);
    const input in = load(file, seed);
    if (sssp->parsed()) rc = run_sssp(in, sources, seed, interleave);
    if (p2p->parsed()) rc = run_p2p(in, queries, seed);
    if (sk->parsed()) rc = run_skim(in, zones, threads, seed);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "corridor-bench: error: %s\n", e.what());
    return 2;
  }
  return rc;
}
