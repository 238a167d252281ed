// Customizable contraction hierarchies (Dibbelt, Strasser, Wagner 2016) for repeated exact
// point-to-point queries under weights that change: a scenario's closures, upgrades and tolls,
// or the link times of each assignment iteration.
//
//   corridor::customizable_hierarchy cch(net.graph);   // topology only, once per network
//   cch.customize(by_column(w));                        // per weight vector: no new order
//   corridor::cch_query q(cch);
//   if (q.run(s, t)) { double d = q.distance(); auto links = q.path_links(); }
//   cch.customize(by_column(w_scenario));               // re-weighting, same hierarchy
//
// Preprocessing depends on the topology only: a nested-dissection order (recursive bisection of
// each connected piece, separators ranked above both halves: the cut between breadth-first levels
// from a far node with the fewest nodes on it, or, given node positions, the cut at the median
// across the piece's wider extent when that one is smaller) and the elimination of every node in
// that order (its higher neighbours become a clique), which gives a chordal supergraph.
// Customization puts each link's weight on its arc (the lightest of parallel links) and then, for
// every node in rank order, relaxes its lower triangles: x -> v -> y for the two higher neighbours
// x, y of v. Afterwards every arc holds the shortest x -> y distance through lower nodes, so that
// upward searches from both ends meet on the shortest path. Queries need no priority queue: the
// nodes a search reaches from s are the ancestors of s in the elimination tree, scanned upwards in
// order. Links of weight +infinity or NaN are unusable; weights must be >= 0. Answers equal
// Dijkstra's (ties between equal-weight paths may pick another path).
#pragma once

#include <algorithm>
#include <cassert>
#include <cmath>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/geo.hpp"
#include "corridor/network/columns.hpp"
#include "corridor/network/network.hpp"
#include "corridor/path/dijkstra.hpp"
#include "corridor/path/weights.hpp"

namespace corridor {

namespace detail {

/// The nested-dissection order of a network's topology for customizable_hierarchy (directions
/// and weights ignored, self-loops dropped): a piece that is not connected is split into its
/// connected parts; a connected piece gets a separator ranked above both halves (the cut between
/// breadth-first levels, or the median cut across its wider extent when that one is smaller);
/// pieces of at most two nodes are ranked as they are. O(m log n) on road networks.
class nested_dissection {
 public:
  /// `pos`: node positions (WGS84, one per node) or empty. `g` and `pos` must outlive the object.
  nested_dissection(const network& g, std::span<const geo::lonlat> pos)
      : g_(&g), pos_(pos), n_(g.node_count()) {}

  /// The rank of each node (0 = eliminated first), given from the top: separators first.
  /// Call once.
  [[nodiscard]] std::vector<std::uint32_t> ranks() {
    build_adjacency();
    rank_.assign(n_, no_index);
    next_rank_ = n_;
    label_.assign(n_, 0);
    level_.assign(n_, no_index);
    next_label_ = 1;
    if (n_ > 0) {
      pieces_.emplace_back(n_);
      for (std::uint32_t v = 0; v < n_; ++v) pieces_.back()[v] = v;
    }
    while (!pieces_.empty()) {
      std::vector<std::uint32_t> piece = std::move(pieces_.back());
      pieces_.pop_back();
      if (piece.size() <= 2) {
        rank_from_top(piece);
        continue;
      }
      if (split_parts(piece)) continue;
      cut_connected_piece();
    }
    return std::move(rank_);
  }

 private:
  /// Undirected adjacency (first_, adj_) without self-loops; duplicates do no harm to the
  /// searches. O(n + m).
  void build_adjacency() {
    first_.assign(std::size_t{n_} + 1, 0);
    for (std::uint32_t l = 0; l < g_->link_count(); ++l) {
      const std::uint32_t u = g_->tail(link_id{l}).value(), v = g_->head(link_id{l}).value();
      if (u == v) continue;
      ++first_[u + 1];
      ++first_[v + 1];
    }
    for (std::uint32_t v = 0; v < n_; ++v) first_[v + 1] += first_[v];
    adj_.resize(first_[n_]);
    std::vector<std::uint32_t> next(first_.begin(), first_.end() - 1);
    for (std::uint32_t u = 0; u < n_; ++u) {
      for (const link_id l : g_->out_links(node_id{u})) {
        const std::uint32_t v = g_->head(l).value();
        if (u == v) continue;
        adj_[next[u]++] = v;
        adj_[next[v]++] = u;
      }
    }
  }

  /// Gives `nodes` the highest ranks not yet given, in order, and removes them (label no_index).
  void rank_from_top(const std::vector<std::uint32_t>& nodes) {
    for (const std::uint32_t v : nodes) {
      rank_[v] = --next_rank_;
      label_[v] = no_index;
    }
  }

  /// Breadth-first order of the nodes labelled `from` reachable from s, into queue_, relabelled
  /// `to`. O(nodes reached + their links).
  void bfs(std::uint32_t s, std::uint32_t from, std::uint32_t to) {
    queue_.clear();
    queue_.push_back(s);
    label_[s] = to;
    for (std::size_t i = 0; i < queue_.size(); ++i) {
      const std::uint32_t u = queue_[i];
      for (std::uint32_t k = first_[u]; k < first_[u + 1]; ++k) {
        const std::uint32_t v = adj_[k];
        if (label_[v] == from) {
          label_[v] = to;
          queue_.push_back(v);
        }
      }
    }
  }

  /// When `piece` is not connected: pushes its connected parts as pieces of their own, each
  /// newly labelled, the part of its first node last, and returns true. Otherwise returns false,
  /// with queue_ holding the piece in breadth-first order from its first node, all labelled
  /// next_label_ (not yet taken). O(piece + its links).
  bool split_parts(const std::vector<std::uint32_t>& piece) {
    const std::uint32_t l0 = label_[piece.front()];
    bfs(piece.front(), l0, next_label_);
    if (queue_.size() >= piece.size()) return false;
    const std::uint32_t whole = next_label_++;
    for (const std::uint32_t v : piece) {
      if (label_[v] != l0) continue;
      bfs(v, l0, next_label_++);
      pieces_.push_back(queue_);
    }
    std::vector<std::uint32_t> rest;  // the first part
    for (const std::uint32_t v : piece) {
      if (label_[v] == whole) rest.push_back(v);
    }
    pieces_.push_back(std::move(rest));
    return true;
  }

  /// Cuts the connected piece in queue_ (labelled next_label_): the smaller of the geometric and
  /// the level separator (the level one on a tie) is ranked from the top, and the rest of the
  /// piece is pushed as one piece, connected or not. O(piece + its links), plus the median.
  void cut_connected_piece() {
    std::vector<std::uint32_t> geometric;
    const bool has_geometric = coordinate_separator(queue_, next_label_, geometric);
    const std::uint32_t l2 = number_levels();
    std::vector<std::uint32_t> sep = level_separator(l2, choose_cut_level(l2));
    if (has_geometric && geometric.size() < sep.size()) sep = std::move(geometric);
    rank_from_top(sep);
    std::vector<std::uint32_t> rest;
    rest.reserve(queue_.size() - sep.size());
    for (const std::uint32_t v : queue_) {
      if (label_[v] == l2) rest.push_back(v);
    }
    pieces_.push_back(std::move(rest));
  }

  /// A separator of a connected piece (`piece`, labelled `l`): cut at the median of its nodes
  /// along its wider extent (longitude scaled by the cosine of the mean latitude), the nodes of
  /// the smaller side that touch the other. False without positions or with a node without a
  /// valid one. Uses level_ as scratch for the sides and leaves it as no_index.
  /// O(piece + its links) on average (nth_element).
  bool coordinate_separator(const std::vector<std::uint32_t>& piece, std::uint32_t l,
                            std::vector<std::uint32_t>& sep) {
    if (pos_.empty()) return false;
    double lo[2] = {infinite_distance, infinite_distance};
    double hi[2] = {-infinite_distance, -infinite_distance};
    for (const std::uint32_t v : piece) {
      const geo::lonlat p = pos_[v];
      if (!geo::valid(p)) return false;
      lo[0] = std::min(lo[0], p.lon);
      hi[0] = std::max(hi[0], p.lon);
      lo[1] = std::min(lo[1], p.lat);
      hi[1] = std::max(hi[1], p.lat);
    }
    const double shrink = std::cos((lo[1] + hi[1]) / 2 * 3.14159265358979323846 / 180);
    const bool by_lon = (hi[0] - lo[0]) * shrink >= hi[1] - lo[1];
    std::vector<std::uint32_t> sorted = piece;
    const std::size_t half = sorted.size() / 2;
    const auto key = [&](std::uint32_t v) { return by_lon ? pos_[v].lon : pos_[v].lat; };
    std::nth_element(sorted.begin(), sorted.begin() + static_cast<std::ptrdiff_t>(half),
                     sorted.end(), [&](std::uint32_t a, std::uint32_t b) {
                       return key(a) < key(b) || (key(a) == key(b) && a < b);
                     });
    std::vector<std::uint32_t>& side = level_;
    for (std::size_t i = 0; i < sorted.size(); ++i) side[sorted[i]] = i < half ? 0 : 1;
    std::vector<std::uint32_t> cut[2];
    for (const std::uint32_t u : piece) {
      for (std::uint32_t k = first_[u]; k < first_[u + 1]; ++k) {
        const std::uint32_t v = adj_[k];
        if (label_[v] == l && side[v] != side[u]) {
          cut[side[u]].push_back(u);
          break;
        }
      }
    }
    for (const std::uint32_t v : piece) side[v] = no_index;
    sep = std::move(cut[0].size() <= cut[1].size() ? cut[0] : cut[1]);
    return true;
  }

  /// Breadth-first levels (level_, 0 = the start) of the connected piece in queue_ from a far
  /// node, its last in breadth-first order; queue_ is refilled from there and the piece takes
  /// a new label, returned. O(piece + its links).
  std::uint32_t number_levels() {
    const std::uint32_t l1 = next_label_++;
    const std::uint32_t far = queue_.back();
    bfs(far, l1, next_label_);
    const std::uint32_t l2 = next_label_++;
    level_[far] = 0;
    for (const std::uint32_t u : queue_) {
      for (std::uint32_t k = first_[u]; k < first_[u + 1]; ++k) {
        const std::uint32_t v = adj_[k];
        if (label_[v] == l2 && level_[v] == no_index) level_[v] = level_[u] + 1;
      }
    }
    return l2;
  }

  /// The level to cut below for the piece in queue_ (labelled l2, levels numbered): the one
  /// with the fewest nodes touching the next level, among the cuts that leave at least a quarter
  /// of the piece on either side (ties: the better balanced, then the lower). With few, uneven
  /// levels: the level holding the median node (not the last). O(piece + its links).
  [[nodiscard]] std::uint32_t choose_cut_level(std::uint32_t l2) const {
    const std::uint32_t levels = level_[queue_.back()] + 1;
    std::vector<std::uint32_t> size(levels, 0), touching(levels, 0);
    for (const std::uint32_t u : queue_) {
      ++size[level_[u]];
      for (std::uint32_t k = first_[u]; k < first_[u + 1]; ++k) {
        if (label_[adj_[k]] == l2 && level_[adj_[k]] == level_[u] + 1) {
          ++touching[level_[u]];
          break;
        }
      }
    }
    const std::size_t total = queue_.size();
    std::uint32_t cut_level = no_index;
    std::size_t below = 0, best_sep = total, best_balance = total;
    for (std::uint32_t l = 0; l + 1 < levels; ++l) {
      below += size[l];  // levels 0..l
      const std::size_t low = std::min(below, total - below), balance = total / 2 - low;
      if (4 * low < total) continue;
      if (touching[l] < best_sep || (touching[l] == best_sep && balance < best_balance)) {
        best_sep = touching[l];
        best_balance = balance;
        cut_level = l;
      }
    }
    if (cut_level == no_index) {
      cut_level = level_[queue_[total / 2]];
      if (cut_level + 1 == levels) --cut_level;
    }
    return cut_level;
  }

  /// The nodes of level `cut_level` that touch the next level (the piece labelled l2, in
  /// queue_), in breadth-first order; clears level_ for the piece. O(piece + its links).
  std::vector<std::uint32_t> level_separator(std::uint32_t l2, std::uint32_t cut_level) {
    std::vector<std::uint32_t> sep;
    for (const std::uint32_t u : queue_) {
      if (level_[u] != cut_level) continue;
      for (std::uint32_t k = first_[u]; k < first_[u + 1]; ++k) {
        if (label_[adj_[k]] == l2 && level_[adj_[k]] == cut_level + 1) {
          sep.push_back(u);
          break;
        }
      }
    }
    for (const std::uint32_t u : queue_) level_[u] = no_index;
    return sep;
  }

  const network* g_;
  std::span<const geo::lonlat> pos_;
  std::uint32_t n_;
  std::vector<std::uint32_t> first_, adj_;  ///< undirected adjacency: adj_[first_[v], first_[v+1])
  std::vector<std::uint32_t> rank_;         ///< node -> rank (no_index: not yet ranked)
  std::uint32_t next_rank_ = 0;             ///< ranks below it are still free
  /// The piece each node belongs to; ranked (removed) nodes get no_index.
  std::vector<std::uint32_t> label_;
  std::uint32_t next_label_ = 1;
  std::vector<std::uint32_t> queue_;  ///< the last breadth-first search, in order
  std::vector<std::uint32_t> level_;  ///< breadth-first level (or side), no_index outside a cut
  std::vector<std::vector<std::uint32_t>> pieces_;  ///< still to order; the last is next
};

}  // namespace detail

class customizable_hierarchy {
 public:
  /// The metric-independent part: order and chordal supergraph of `g`'s topology (directions and
  /// weights ignored). `node_positions` (WGS84, one per node, or empty) add geometric cuts,
  /// taken where they separate a piece with fewer nodes than breadth-first levels (a piece with
  /// an invalid position uses levels only). `g` and the positions must outlive the hierarchy. O(m
  /// log n) for the order plus the fill-in (about n^1.5 arcs at worst on planar graphs, far fewer
  /// on road networks; docs/performance.md). Weights are all +infinity until customize() is called.
  /// Throws input_error when node_count + link_count does not fit in a 32-bit id.
  explicit customizable_hierarchy(const network& g,
                                  std::span<const geo::lonlat> node_positions = {})
      : g_(&g), pos_(node_positions) {
    if (std::uint64_t{g.node_count()} + g.link_count() >= no_index) {
      throw input_error("customizable_hierarchy: too many nodes and links for 32-bit ids");
    }
    order();
    eliminate();
    map_links();
    up_w_.assign(head_.size(), infinite_distance);
    down_w_.assign(head_.size(), infinite_distance);
    up_via_.assign(head_.size(), no_index);
    down_via_.assign(head_.size(), no_index);
  }

  /// Sets the weights: `w(l)` for every link of the network (+infinity or NaN: unusable; must be
  /// >= 0). Replaces any earlier customization; queries made after it use the new weights.
  /// O(m + triangles of the supergraph), single-threaded.
  template <weight_function W>
  void customize(const W& w) {
    std::fill(up_w_.begin(), up_w_.end(), infinite_distance);
    std::fill(down_w_.begin(), down_w_.end(), infinite_distance);
    std::fill(up_via_.begin(), up_via_.end(), no_index);
    std::fill(down_via_.begin(), down_via_.end(), no_index);
    const std::uint32_t m = g_->link_count();
    for (std::uint32_t l = 0; l < m; ++l) {
      const std::uint32_t a = link_arc_[l];
      if (a == no_index) continue;  // a self-loop
      const double wl = static_cast<double>(w(link_id{l}));
      if (!(wl < infinite_distance)) continue;  // unusable or NaN
      // Original links are marked by via = n + l (a middle node is a rank below n).
      const bool up = link_up_[l] != 0;
      double& x = up ? up_w_[a] : down_w_[a];
      if (wl < x) {
        x = wl;
        (up ? up_via_[a] : down_via_[a]) = encode_link(l);
      }
    }
    // Lower triangles, bottom-up: v below x below y, arcs {v,x}, {v,y}, {x,y}. When v is
    // processed, its own arcs are final (their lower triangles have lower middles).
    const std::uint32_t n = node_count();
    for (std::uint32_t v = 0; v < n; ++v) {
      const std::uint32_t b = first_[v], e = first_[v + 1];
      for (std::uint32_t i = b; i < e; ++i) {
        const std::uint32_t x = head_[i];
        const double v_to_x = up_w_[i], x_to_v = down_w_[i];
        if (!(v_to_x < infinite_distance) && !(x_to_v < infinite_distance)) continue;
        // The higher neighbours of v above x are all neighbours of x (chordality): walk both
        // sorted lists together.
        std::uint32_t k = first_[x];
        for (std::uint32_t j = i + 1; j < e; ++j) {
          const std::uint32_t y = head_[j];
          while (head_[k] != y) ++k;  // found before first_[x + 1]
          assert(k < first_[x + 1]);
          const double x_to_y = x_to_v + up_w_[j], y_to_x = down_w_[j] + v_to_x;
          if (x_to_y < up_w_[k]) {
            up_w_[k] = x_to_y;
            up_via_[k] = v;
          }
          if (y_to_x < down_w_[k]) {
            down_w_[k] = y_to_x;
            down_via_[k] = v;
          }
        }
      }
    }
  }

  [[nodiscard]] const network& graph() const noexcept { return *g_; }
  [[nodiscard]] std::uint32_t node_count() const noexcept { return g_->node_count(); }
  /// Position of v in the order (0 = eliminated first).
  [[nodiscard]] std::uint32_t rank(node_id v) const noexcept { return rank_[v.value()]; }
  /// Arcs of the chordal supergraph (each stands for both directions).
  [[nodiscard]] std::size_t arc_count() const noexcept { return head_.size(); }
  /// Upward arcs of the node of rank r: ids [first, last); arc_head(a) is a higher rank.
  [[nodiscard]] std::pair<std::uint32_t, std::uint32_t> up_arcs(std::uint32_t r) const noexcept {
    return {first_[r], first_[r + 1]};
  }
  [[nodiscard]] std::uint32_t arc_head(std::uint32_t a) const noexcept { return head_[a]; }
  /// Customized weights of arc a = {r, arc_head(a)}: upward (r -> head) and downward (head -> r).
  [[nodiscard]] double up_weight(std::uint32_t a) const noexcept { return up_w_[a]; }
  [[nodiscard]] double down_weight(std::uint32_t a) const noexcept { return down_w_[a]; }
  /// The parent of rank r in the elimination tree (its lowest higher neighbour), or no_index.
  [[nodiscard]] std::uint32_t parent(std::uint32_t r) const noexcept { return parent_[r]; }
  /// Appends the links of arc a of rank r in the given direction (up: r -> head), travel order.
  /// Precondition: its weight is finite. O(links).
  void unpack(std::uint32_t r, std::uint32_t a, bool up, std::vector<link_id>& out) const {
    struct item {
      std::uint32_t low, arc;
      bool up;
    };
    std::vector<item> stack{{r, a, up}};
    while (!stack.empty()) {
      const item it = stack.back();
      stack.pop_back();
      const std::uint32_t via = it.up ? up_via_[it.arc] : down_via_[it.arc];
      if (via >= node_count()) {
        out.emplace_back(via - node_count());
        continue;
      }
      // low -> high through v: low -> v is v's arc to low, downwards; v -> high is upwards.
      // high -> low through v: high -> v downwards, then v -> low upwards.
      const std::uint32_t low = it.low, high = head_[it.arc];
      const std::uint32_t to_low = find(via, low), to_high = find(via, high);
      if (it.up) {
        stack.push_back({via, to_high, true});
        stack.push_back({via, to_low, false});
      } else {
        stack.push_back({via, to_low, true});
        stack.push_back({via, to_high, false});
      }
    }
  }
  /// Bytes held (order, supergraph, weights and unpacking data, link map).
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    return (rank_.size() + parent_.size() + first_.size() + link_arc_.size()) *
               sizeof(std::uint32_t) +
           link_up_.size() + head_.size() * (sizeof(std::uint32_t) * 3 + sizeof(double) * 2);
  }

 private:
  [[nodiscard]] std::uint32_t encode_link(std::uint32_t l) const noexcept {
    return node_count() + l;
  }
  /// The arc of rank r to the higher rank h. Precondition: it exists. O(log degree).
  [[nodiscard]] std::uint32_t find(std::uint32_t r, std::uint32_t h) const noexcept {
    const auto* b = head_.data() + first_[r];
    const auto* e = head_.data() + first_[r + 1];
    return static_cast<std::uint32_t>(std::lower_bound(b, e, h) - head_.data());
  }

  /// Nested dissection on the undirected simple graph: rank_[v], ranks given from the top.
  void order() { rank_ = detail::nested_dissection(*g_, pos_).ranks(); }

  /// Symbolic elimination in rank order: the higher neighbours of v, minus its parent (the
  /// lowest), join the parent's. Builds first_, head_ (ranks, ascending per node) and parent_.
  void eliminate() {
    const std::uint32_t n = node_count();
    std::vector<std::vector<std::uint32_t>> up(n);
    for (std::uint32_t l = 0; l < g_->link_count(); ++l) {
      std::uint32_t a = rank_[g_->tail(link_id{l}).value()],
                    b = rank_[g_->head(link_id{l}).value()];
      if (a == b) continue;
      if (a > b) std::swap(a, b);
      up[a].push_back(b);
    }
    parent_.assign(n, no_index);
    first_.assign(std::size_t{n} + 1, 0);
    for (std::uint32_t v = 0; v < n; ++v) {
      std::vector<std::uint32_t>& u = up[v];
      std::sort(u.begin(), u.end());
      u.erase(std::unique(u.begin(), u.end()), u.end());
      first_[v + 1] = first_[v] + static_cast<std::uint32_t>(u.size());
      if (u.empty()) continue;
      parent_[v] = u.front();
      std::vector<std::uint32_t>& p = up[u.front()];
      p.insert(p.end(), u.begin() + 1, u.end());
    }
    head_.reserve(first_[n]);
    for (std::uint32_t v = 0; v < n; ++v) {
      head_.insert(head_.end(), up[v].begin(), up[v].end());
      std::vector<std::uint32_t>().swap(up[v]);
    }
  }

  /// Each link's arc and direction (no_index for self-loops).
  void map_links() {
    const std::uint32_t m = g_->link_count();
    link_arc_.assign(m, no_index);
    link_up_.assign(m, 0);
    for (std::uint32_t u = 0; u < node_count(); ++u) {
      for (const link_id l : g_->out_links(node_id{u})) {
        const std::uint32_t a = rank_[u], b = rank_[g_->head(l).value()];
        if (a == b) continue;
        link_arc_[l.value()] = a < b ? find(a, b) : find(b, a);
        link_up_[l.value()] = a < b ? 1 : 0;
      }
    }
  }

  const network* g_;
  std::span<const geo::lonlat> pos_;   ///< node positions for the order (may be empty)
  std::vector<std::uint32_t> rank_;    ///< node -> rank
  std::vector<std::uint32_t> parent_;  ///< elimination tree, by rank
  std::vector<std::uint32_t> first_;   ///< by rank: arcs [first_[r], first_[r + 1])
  std::vector<std::uint32_t> head_;    ///< the higher rank of each arc
  std::vector<double> up_w_, down_w_;  ///< low -> high, high -> low
  /// What each direction's weight comes from: a middle rank (< n) or n + an input link id.
  std::vector<std::uint32_t> up_via_, down_via_;
  std::vector<std::uint32_t> link_arc_;
  std::vector<std::uint8_t> link_up_;
};

/// A reusable point-to-point query on a customized hierarchy: both ends climb their elimination
/// tree paths, relaxing upward arcs (no priority queue); the meeting node with the least sum is
/// on a shortest path. O(sum of the upward degrees along both paths); no allocation per query
/// once grown. Valid until the hierarchy is customized again (then run again).
class cch_query {
 public:
  explicit cch_query(const customizable_hierarchy& h)
      : h_(&h),
        dist_{std::vector<double>(h.node_count(), infinite_distance),
              std::vector<double>(h.node_count(), infinite_distance)},
        from_{std::vector<std::pair<std::uint32_t, std::uint32_t>>(h.node_count()),
              std::vector<std::pair<std::uint32_t, std::uint32_t>>(h.node_count())},
        seen_(h.node_count(), 0) {}

  /// Shortest path from any of `sources` to any of `targets` (each source at distance 0). Returns
  /// true when one exists.
  bool run(std::span<const node_id> sources, std::span<const node_id> targets) {
    clear();
    climb(0, sources);
    climb(1, targets);
    best_ = infinite_distance;
    meet_ = no_index;
    for (const std::uint32_t v : path_[0]) {
      const double d = dist_[0][v] + dist_[1][v];
      if (d < best_) {
        best_ = d;
        meet_ = v;
      }
    }
    return meet_ != no_index;
  }
  bool run(node_id s, node_id t) {
    return run(std::span<const node_id>(&s, 1), std::span<const node_id>(&t, 1));
  }
  /// Nodes the last run scanned (both sides): the search effort.
  [[nodiscard]] std::uint32_t scanned_count() const noexcept {
    return static_cast<std::uint32_t>(path_[0].size() + path_[1].size());
  }
  /// The distance found by the last run (+infinity when none).
  [[nodiscard]] double distance() const noexcept { return best_; }
  /// The input links of the path found by the last run, in travel order. O(path length).
  [[nodiscard]] std::vector<link_id> path_links() const {
    std::vector<link_id> out;
    if (meet_ == no_index) return out;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> up;  // (low rank, arc), meet downwards
    for (std::uint32_t v = meet_; from_[0][v].first != no_index; v = from_[0][v].first) {
      up.push_back(from_[0][v]);
    }
    for (auto it = up.rbegin(); it != up.rend(); ++it) h_->unpack(it->first, it->second, true, out);
    for (std::uint32_t v = meet_; from_[1][v].first != no_index; v = from_[1][v].first) {
      h_->unpack(from_[1][v].first, from_[1][v].second, false, out);
    }
    return out;
  }

 private:
  void clear() {
    for (int s = 0; s < 2; ++s) {
      for (const std::uint32_t v : path_[s]) dist_[s][v] = infinite_distance;
      path_[s].clear();
    }
  }
  /// Side 0 relaxes upward weights from the sources, side 1 downward weights into the targets,
  /// over the union of the starts' elimination tree paths in rank order.
  void climb(int s, std::span<const node_id> starts) {
    std::vector<std::uint32_t>& path = path_[s];
    if (++stamp_ == 0) {  // wrapped: clear once every 2^32 climbs
      std::fill(seen_.begin(), seen_.end(), 0);
      stamp_ = 1;
    }
    for (const node_id x : starts) {
      const std::uint32_t r = h_->rank(x);
      dist_[s][r] = 0;
      from_[s][r] = {no_index, no_index};
      for (std::uint32_t v = r; v != no_index && seen_[v] != stamp_; v = h_->parent(v)) {
        seen_[v] = stamp_;
        path.push_back(v);
      }
    }
    if (starts.size() > 1) std::sort(path.begin(), path.end());
    std::vector<double>& d = dist_[s];
    for (const std::uint32_t v : path) {
      const double dv = d[v];
      if (!(dv < infinite_distance)) continue;
      const auto [b, e] = h_->up_arcs(v);
      for (std::uint32_t a = b; a < e; ++a) {
        const double nd = dv + (s == 0 ? h_->up_weight(a) : h_->down_weight(a));
        const std::uint32_t y = h_->arc_head(a);
        if (nd < d[y]) {
          d[y] = nd;
          from_[s][y] = {v, a};
        }
      }
    }
  }

  const customizable_hierarchy* h_;
  std::vector<double> dist_[2];
  std::vector<std::pair<std::uint32_t, std::uint32_t>> from_[2];  ///< (lower rank, arc)
  std::vector<std::uint32_t> path_[2];
  std::vector<std::uint32_t> seen_;
  std::uint32_t stamp_ = 0;
  double best_ = infinite_distance;
  std::uint32_t meet_ = no_index;
};

}  // namespace corridor
