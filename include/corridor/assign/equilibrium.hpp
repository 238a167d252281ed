// Traffic assignment: all-or-nothing and user equilibrium with BPR volume-delay functions, by
// Frank-Wolfe, conjugate and bi-conjugate Frank-Wolfe, and path-based gradient projection
// (TNTP conventions).
//
//   corridor::bpr_links vdf{fft, capacity, b, power};        // per link id
//   corridor::assignment_options opt{.algorithm = corridor::assignment_algorithm::gp,
//                                    .relative_gap = 1e-8};
//   corridor::assignment_result r = corridor::assign(net.graph, vdf, od, opt);
//   // r.flow per link, r.relative_gap, r.objective (Beckmann), r.iterations, r.history
#pragma once

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <functional>
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/path/dijkstra.hpp"

namespace corridor {

/// BPR volume-delay functions plus a flow-independent cost per link (TNTP's generalised cost:
/// toll factor x toll + distance factor x length): c(x) = fft (1 + b (x / capacity)^power) + fixed.
struct bpr_links {
  std::vector<double> free_flow_time, capacity, b, power;
  std::vector<double> fixed{};  ///< per link; empty = 0 everywhere

  [[nodiscard]] double time(std::size_t l, double x) const noexcept {
    const double f = fixed.empty() ? 0.0 : fixed[l];
    if (capacity[l] <= 0) return free_flow_time[l] + f;
    return free_flow_time[l] * (1 + b[l] * std::pow(x / capacity[l], power[l])) + f;
  }
  /// dc/dx at x (0 for links without capacity).
  [[nodiscard]] double derivative(std::size_t l, double x) const noexcept {
    if (capacity[l] <= 0 || x <= 0) {
      return capacity[l] > 0 && power[l] == 1 ? free_flow_time[l] * b[l] / capacity[l] : 0.0;
    }
    return free_flow_time[l] * b[l] * power[l] * std::pow(x / capacity[l], power[l] - 1) /
           capacity[l];
  }
  /// The Beckmann term: the integral of c from 0 to x.
  [[nodiscard]] double integral(std::size_t l, double x) const noexcept {
    const double f = fixed.empty() ? 0.0 : fixed[l];
    if (capacity[l] <= 0) return (free_flow_time[l] + f) * x;
    return free_flow_time[l] *
               (x + b[l] * capacity[l] / (power[l] + 1) * std::pow(x / capacity[l], power[l] + 1)) +
           f * x;
  }
};

/// One origin-destination demand between network nodes.
struct od_demand {
  node_id origin, destination;
  double volume = 0;
};

/// aon: all-or-nothing at free-flow times (one loading). fw: Frank-Wolfe. cfw: conjugate
/// Frank-Wolfe. bfw: bi-conjugate Frank-Wolfe (both Mitradjieva & Lindberg 2013). gp: path-based
/// gradient projection (Jayakrishnan et al. 1994): each OD pair keeps its used paths, and flow
/// moves from costlier paths to the cheapest by Newton steps; it reaches gaps of 1e-8 and below.
enum class assignment_algorithm : std::uint8_t { aon, fw, cfw, bfw, gp };
enum class assignment_status : std::uint8_t { converged, max_iterations };

[[nodiscard]] constexpr std::string_view to_string(assignment_status s) noexcept {
  return s == assignment_status::converged ? "converged" : "max_iterations";
}

struct assignment_step {
  double relative_gap, objective;
  double seconds;  ///< wall-clock time since the start of assign()
};

struct assignment_options {
  assignment_algorithm algorithm = assignment_algorithm::cfw;
  double relative_gap = 1e-4;  ///< stop when (TSTT - SPTT) / TSTT falls below this
  std::uint32_t max_iterations = 1000;
  /// Nodes with id below this are zones that routes may start or end at but not pass through
  /// (TNTP's <FIRST THRU NODE>, 0-based here; 0 = every node may be passed).
  std::uint32_t first_thru_node = 0;
  /// Called after each iteration's gap is measured (iteration, step), when given.
  std::function<void(std::uint32_t, const assignment_step&)> on_iteration{};
};

struct assignment_result {
  assignment_status status = assignment_status::max_iterations;
  std::vector<double> flow;      ///< per link id
  double relative_gap = 1;       ///< (TSTT - SPTT) / TSTT at the returned flow
  double objective = 0;          ///< Beckmann objective at the returned flow
  double total_travel_time = 0;  ///< TSTT = sum flow x time
  std::uint32_t iterations = 0;
  std::vector<assignment_step> history;  ///< gap and objective after each iteration
  std::size_t paths = 0;                 ///< gp: paths with flow at the end (0 for the others)
};

namespace detail {

/// For each origin of `od` (grouped by origin): one shortest-path tree on link times `t` (zones
/// below first_thru are not passed through), then on_pair(k) for each of its pairs k with volume
/// > 0, the tree in `q`. Throws input_error for a pair without a path.
/// O(origins (n + m) log n).
template <class F>
void for_each_origin_tree(const network& g, const std::vector<double>& t,
                          std::span<const od_demand> od, std::uint32_t first_thru,
                          dijkstra_query& q, F&& on_pair) {
  std::size_t i = 0;
  while (i < od.size()) {
    const node_id o = od[i].origin;
    std::size_t j = i;
    while (j < od.size() && od[j].origin == o) ++j;  // od is grouped by origin
    // Links are in tail order, so the zones' own links are [0, zone_end) and o's are [ob, oe).
    const auto first_out = g.first_out();
    const std::uint32_t zone_end = first_out[std::min(first_thru, g.node_count())],
                        ob = first_out[o.value()], oe = first_out[o.value() + 1];
    const auto w = [&, zone_end, ob, oe](link_id l) {
      const std::uint32_t v = l.value();
      return (v < zone_end && (v < ob || v >= oe)) ? infinite_distance : t[v];
    };
    q.run(w, std::span<const node_id>(&o, 1));
    for (std::size_t k = i; k < j; ++k) {
      if (od[k].volume <= 0) continue;
      const node_id d = od[k].destination;
      if (!q.reached(d)) {
        throw input_error("assignment: no path from node " + std::to_string(o.value() + 1) +
                          " to node " + std::to_string(d.value() + 1) + " for its demand");
      }
      on_pair(k);
    }
    i = j;
  }
}

/// All-or-nothing loading on link times `t`; returns the shortest-path travel time total (SPTT).
/// Zones below first_thru are not passed through. O(origins (n + m) log n).
inline double all_or_nothing(const network& g, const std::vector<double>& t,
                             std::span<const od_demand> od, std::uint32_t first_thru,
                             dijkstra_query& q, std::vector<double>& load) {
  std::fill(load.begin(), load.end(), 0.0);
  double sptt = 0;
  for_each_origin_tree(g, t, od, first_thru, q, [&](std::size_t k) {
    const node_id d = od[k].destination;
    sptt += od[k].volume * q.distance(d);
    for (link_id l = q.parent_link(d); l.valid(); l = q.parent_link(g.tail(l))) {
      load[l.value()] += od[k].volume;
    }
  });
  return sptt;
}

/// Seconds since construction (wall clock), for the iteration history.
class assignment_clock {
 public:
  [[nodiscard]] double seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }

 private:
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
};

/// Relative gap, objective and TSTT of `r.flow` at link times `t`, given SPTT; records the step.
inline void record_step(const bpr_links& vdf, const std::vector<double>& t, double sptt,
                        std::uint32_t iteration, const assignment_clock& clock,
                        assignment_result& r) {
  double tstt = 0, z = 0;
  for (std::size_t l = 0; l < t.size(); ++l) {
    tstt += r.flow[l] * t[l];
    z += vdf.integral(l, r.flow[l]);
  }
  r.total_travel_time = tstt;
  r.relative_gap = tstt > 0 ? std::max(0.0, (tstt - sptt) / tstt) : 0;
  r.objective = z;
  r.iterations = iteration;
  r.history.push_back({r.relative_gap, r.objective, clock.seconds()});
}

inline void report_step(const assignment_options& opt, const assignment_result& r) {
  if (opt.on_iteration) opt.on_iteration(r.iterations, r.history.back());
}

/// Frank-Wolfe and its conjugate variants: each iteration loads all-or-nothing on the current
/// times, forms the target (FW: that loading; CFW/BFW: a combination with the last one or two
/// targets, conjugate with respect to the Hessian of the objective) and moves towards it with an
/// exact line search.
inline assignment_result assign_links(const network& g, const bpr_links& vdf,
                                      std::span<const od_demand> od,
                                      const assignment_options& opt) {
  const assignment_clock clock;
  const std::uint32_t m = g.link_count();
  assignment_result r;
  dijkstra_query q(g);
  std::vector<double> t(m), y(m), s1(m), s2(m), s(m), h(m);
  std::uint32_t targets = 0;  // earlier targets kept in s1 (last) and s2 (the one before)
  double tau1 = 1, tau2 = 1;  // the last two step sizes
  r.flow.assign(m, 0.0);
  for (std::uint32_t l = 0; l < m; ++l) t[l] = vdf.free_flow_time[l];
  (void)all_or_nothing(g, t, od, opt.first_thru_node, q, r.flow);
  for (std::uint32_t it = 1;; ++it) {
    for (std::uint32_t l = 0; l < m; ++l) t[l] = vdf.time(l, r.flow[l]);
    const double sptt = all_or_nothing(g, t, od, opt.first_thru_node, q, y);
    record_step(vdf, t, sptt, it - 1, clock, r);
    report_step(opt, r);
    if (r.relative_gap <= opt.relative_gap) {
      r.status = assignment_status::converged;
      return r;
    }
    if (opt.algorithm == assignment_algorithm::aon || it > opt.max_iterations) {
      r.status = assignment_status::max_iterations;
      return r;
    }
    const std::vector<double>& x = r.flow;
    for (std::uint32_t l = 0; l < m; ++l) h[l] = vdf.derivative(l, x[l]);
    s = y;
    if (opt.algorithm == assignment_algorithm::bfw && targets >= 2 && tau1 < 1 && tau2 < 1) {
      // Bi-conjugate: s = b0 y + b1 s1 + b2 s2, conjugate to the last two directions.
      double mu_num = 0, mu_den = 0, nu_num = 0, nu_den = 0;
      for (std::uint32_t l = 0; l < m; ++l) {
        const double a = h[l] * (tau1 * s1[l] - x[l] + (1 - tau1) * s2[l]);
        mu_num += a * (y[l] - x[l]);
        mu_den += a * (s2[l] - s1[l]);
        const double c = h[l] * (s1[l] - x[l]);
        nu_num += c * (y[l] - x[l]);
        nu_den += c * (s1[l] - x[l]);
      }
      if (mu_den != 0 && nu_den != 0) {
        const double mu = std::max(0.0, -mu_num / mu_den);
        const double nu = std::max(0.0, mu * tau1 / (1 - tau1) - nu_num / nu_den);
        const double b0 = 1 / (1 + mu + nu);
        for (std::uint32_t l = 0; l < m; ++l) s[l] = b0 * (y[l] + nu * s1[l] + mu * s2[l]);
      }
    } else if (opt.algorithm != assignment_algorithm::fw && targets >= 1 && tau1 < 1) {
      // Conjugate: s = alpha s1 + (1 - alpha) y, conjugate to the last direction.
      double num = 0, den = 0;
      for (std::uint32_t l = 0; l < m; ++l) {
        num += (s1[l] - x[l]) * h[l] * (y[l] - x[l]);
        den += (s1[l] - x[l]) * h[l] * (y[l] - s1[l]);
      }
      const double alpha = den != 0 ? std::clamp(num / den, 0.0, 1 - 1e-6) : 0.0;
      for (std::uint32_t l = 0; l < m; ++l) s[l] = alpha * s1[l] + (1 - alpha) * y[l];
    }
    std::swap(s2, s1);
    s1 = s;
    ++targets;
    // Exact line search: the derivative of the Beckmann objective along s - x is increasing.
    const auto slope = [&](double step) {
      double v = 0;
      for (std::uint32_t l = 0; l < m; ++l) {
        const double d = s[l] - x[l];
        v += vdf.time(l, x[l] + step * d) * d;
      }
      return v;
    };
    double lo = 0, hi = 1;
    if (slope(1) <= 0) {
      lo = 1;
    } else {
      for (int k = 0; k < 60 && hi - lo > 1e-15; ++k) {
        const double mid = (lo + hi) / 2;
        (slope(mid) > 0 ? hi : lo) = mid;
      }
    }
    tau2 = tau1;
    tau1 = lo;
    for (std::uint32_t l = 0; l < m; ++l) r.flow[l] += lo * (s[l] - r.flow[l]);
  }
}

/// Path-based gradient projection (see assign_paths): the paths each OD pair uses with their
/// flows, the link flows and times they give, and the steps of an iteration. Flows are in the
/// demand's units, costs in the vdf's time units. One object per assignment.
class gradient_projection {
 public:
  /// Link times start at free flow, link flows at 0, no paths. `g`, `vdf`, `od` and `opt` must
  /// outlive the object.
  gradient_projection(const network& g, const bpr_links& vdf, std::span<const od_demand> od,
                      const assignment_options& opt)
      : g_(g),
        vdf_(vdf),
        od_(od),
        opt_(opt),
        m_(g.link_count()),
        q_(g),
        t_(m_),
        od_paths_(od.size()),
        mark_(m_, 0) {
    x_.assign(m_, 0.0);
    for (std::uint32_t l = 0; l < m_; ++l) t_[l] = vdf.free_flow_time[l];
  }

  /// Iterates until the relative gap or opt.max_iterations is reached. Call once.
  assignment_result run() {
    generate(false);  // all-or-nothing at free-flow times: one path per OD pair
    resum();
    std::vector<double> scratch(m_);
    for (std::uint32_t it = 1;; ++it) {
      // The gap at the current flows: a tree per origin without changing anything.
      const double sptt = all_or_nothing(g_, t_, od_, opt_.first_thru_node, q_, scratch);
      record_step(vdf_, t_, sptt, it - 1, clock_, r_);
      report_step(opt_, r_);
      r_.paths = count_paths();
      if (r_.relative_gap <= opt_.relative_gap) {
        r_.status = assignment_status::converged;
        return std::move(r_);
      }
      if (it > opt_.max_iterations) {
        r_.status = assignment_status::max_iterations;
        return std::move(r_);
      }
      generate(true);
      for (int sweep = 0; sweep < 3; ++sweep) {
        for (std::size_t k = 0; k < od_.size(); ++k) equilibrate(k);
      }
      resum();
    }
  }

 private:
  /// A stored path: its links (destination first, as read off the tree) and its flow.
  struct path {
    std::vector<std::uint32_t> links;
    double flow = 0;
  };

  /// The cost of `p` at the current link times (sum in link order). O(path length).
  [[nodiscard]] double cost(const path& p) const {
    double c = 0;
    for (const std::uint32_t l : p.links) c += t_[l];
    return c;
  }

  /// Adds `delta` (may be negative; flows are kept >= 0) to the flow of each link of `p` and
  /// updates their times at once. Not p.flow. O(path length).
  void move(const path& p, double delta) {
    for (const std::uint32_t l : p.links) {
      x_[l] = std::max(0.0, x_[l] + delta);
      t_[l] = vdf_.time(l, x_[l]);
    }
  }

  /// The position in `ps` of its cheapest path (the first on a tie). Precondition: not empty.
  /// O(sum of path lengths).
  [[nodiscard]] std::size_t cheapest(const std::vector<std::uint32_t>& ps) const {
    std::size_t best = 0;
    double best_cost = cost(paths_[ps[0]]);
    for (std::size_t i = 1; i < ps.size(); ++i) {
      const double c = cost(paths_[ps[i]]);
      if (c < best_cost) best = i, best_cost = c;
    }
    return best;
  }

  /// The Newton step from `p` to the cheapest path `b` (whose links carry mark_ == stamp_):
  /// when p costs more, moves delta = min(p.flow, (c_p - c_b) / sum of dc/dx over the links the
  /// two do not share) onto b. O(length of p and b).
  void shift_to_cheapest(path& p, path& b) {
    double c_p = 0, h_p_only = 0, h_shared = 0;
    for (const std::uint32_t l : p.links) {
      c_p += t_[l];
      (mark_[l] == stamp_ ? h_shared : h_p_only) += vdf_.derivative(l, x_[l]);
    }
    double c_b = 0, h_b = 0;
    for (const std::uint32_t l : b.links) {
      c_b += t_[l];
      h_b += vdf_.derivative(l, x_[l]);
    }
    if (c_p <= c_b) return;
    const double slope = h_p_only + std::max(0.0, h_b - h_shared);
    const double delta = slope > 0 ? std::min(p.flow, (c_p - c_b) / slope) : p.flow;
    if (delta <= 0) return;
    move(p, -delta);  // shared links get -delta and +delta: unchanged
    move(b, delta);
    p.flow = delta == p.flow ? 0.0 : p.flow - delta;
    b.flow += delta;
  }

  /// Removes the paths without flow from `ps` (never `keep`, the cheapest) and frees their
  /// slots for reuse. O(ps).
  void drop_empty(std::vector<std::uint32_t>& ps, std::uint32_t keep) {
    std::erase_if(ps, [&](std::uint32_t i) {
      if (i != keep && paths_[i].flow <= 0) {
        paths_[i].links.clear();
        free_paths_.push_back(i);
        return true;
      }
      return false;
    });
  }

  /// Moves flow within OD pair k from each costlier path to its cheapest, in path order;
  /// drops emptied paths. O(paths of k x their lengths).
  void equilibrate(std::size_t k) {
    std::vector<std::uint32_t>& ps = od_paths_[k];
    if (ps.size() < 2) return;
    const std::size_t best = cheapest(ps);
    path& b = paths_[ps[best]];
    ++stamp_;
    for (const std::uint32_t l : b.links) mark_[l] = stamp_;
    for (std::size_t i = 0; i < ps.size(); ++i) {
      if (i == best) continue;
      shift_to_cheapest(paths_[ps[i]], b);
    }
    drop_empty(ps, ps[best]);
  }

  /// Stores `p` in a free slot (the last freed) or a new one; returns its index in paths_.
  std::uint32_t store(path&& p) {
    std::uint32_t id;
    if (free_paths_.empty()) {
      id = static_cast<std::uint32_t>(paths_.size());
      paths_.push_back(std::move(p));
    } else {
      id = free_paths_.back();
      free_paths_.pop_back();
      paths_[id] = std::move(p);
    }
    return id;
  }

  /// OD pair k's shortest path in the tree in q_, added to its paths when it is the first
  /// (then with all of k's volume, loaded at once) or cheaper than each of them by a relative
  /// 1e-14. O(path length + k's paths x their lengths).
  void add_tree_path(std::size_t k) {
    path candidate;
    for (link_id l = q_.parent_link(od_[k].destination); l.valid();
         l = q_.parent_link(g_.tail(l))) {
      candidate.links.push_back(l.value());
    }
    const double c_new = cost(candidate);
    double c_min = infinite_distance;
    for (const std::uint32_t p : od_paths_[k]) c_min = std::min(c_min, cost(paths_[p]));
    if (od_paths_[k].empty() || c_new < c_min * (1 - 1e-14)) {
      if (od_paths_[k].empty()) candidate.flow = od_[k].volume;
      if (candidate.flow > 0) move(candidate, candidate.flow);
      const std::uint32_t id = store(std::move(candidate));
      od_paths_[k].push_back(id);
    }
  }

  /// One tree per origin at the current times: each of its OD pairs' cheapest path, added when
  /// new, then (when `equilibrate_now`) that pair equilibrated before the next pair.
  /// O(origins (n + m) log n + stored paths).
  void generate(bool equilibrate_now) {
    for_each_origin_tree(g_, t_, od_, opt_.first_thru_node, q_, [&](std::size_t k) {
      add_tree_path(k);
      if (equilibrate_now) equilibrate(k);
    });
  }

  /// Link flows re-summed from path flows (OD pair, path, link order; no drift), then link
  /// times. O(m + stored paths x their lengths).
  void resum() {
    std::fill(x_.begin(), x_.end(), 0.0);
    for (const auto& ps : od_paths_) {
      for (const std::uint32_t p : ps) {
        for (const std::uint32_t l : paths_[p].links) x_[l] += paths_[p].flow;
      }
    }
    for (std::uint32_t l = 0; l < m_; ++l) t_[l] = vdf_.time(l, x_[l]);
  }

  /// Paths stored over all OD pairs. O(OD pairs).
  [[nodiscard]] std::size_t count_paths() const {
    std::size_t n = 0;
    for (const auto& ps : od_paths_) n += ps.size();
    return n;
  }

  const assignment_clock clock_;  ///< first: it starts with the assignment
  const network& g_;
  const bpr_links& vdf_;
  std::span<const od_demand> od_;
  const assignment_options& opt_;
  std::uint32_t m_;
  assignment_result r_;
  std::vector<double>& x_ = r_.flow;  ///< link flows, per link id
  dijkstra_query q_;
  std::vector<double> t_;                             ///< link times at x_
  std::vector<path> paths_;                           ///< all stored paths; emptied ones are reused
  std::vector<std::uint32_t> free_paths_;             ///< slots of paths_ free for reuse
  std::vector<std::vector<std::uint32_t>> od_paths_;  ///< per OD pair: its paths (into paths_)
  std::vector<std::uint32_t> mark_;  ///< per link: stamp_ when on the cheapest path
  std::uint32_t stamp_ = 0;
};

/// Path-based gradient projection. Each OD pair keeps the paths it uses with their flows. An
/// iteration visits every origin: one shortest-path tree at the current times adds each OD
/// pair's cheapest path when it is new, and flow moves from every costlier path to the cheapest
/// by a Newton step, delta = min(f_p, (c_p - c_min) / sum of dc/dx over the links the two paths do
/// not share), with link times updated at once. Then a few sweeps re-balance the stored paths
/// without new trees, and link flows are re-summed from path flows (no drift).
inline assignment_result assign_paths(const network& g, const bpr_links& vdf,
                                      std::span<const od_demand> od,
                                      const assignment_options& opt) {
  return gradient_projection(g, vdf, od, opt).run();
}

}  // namespace detail

/// How close link flows are to reference flows (e.g. TNTP's best-known `_flow.tntp`).
struct flow_comparison {
  double max_abs_difference = 0;  ///< max over links of |flow - reference|
  link_id worst{};                ///< where that maximum is (invalid when there are no links)
  double rms_difference = 0;      ///< root mean square of flow - reference over links
  /// sum |flow - reference| / sum reference (0 when the reference is all zero).
  double relative_l1 = 0;
};

/// Compares `flow` with `reference`. Precondition: same size (per link id). O(m).
[[nodiscard]] inline flow_comparison compare_flows(std::span<const double> flow,
                                                   std::span<const double> reference) {
  assert(flow.size() == reference.size());
  flow_comparison c;
  double sum_sq = 0, sum_abs = 0, sum_ref = 0;
  for (std::size_t l = 0; l < flow.size(); ++l) {
    const double d = std::abs(flow[l] - reference[l]);
    if (!c.worst.valid() || d > c.max_abs_difference) {
      c.max_abs_difference = d;
      c.worst = link_id{static_cast<std::uint32_t>(l)};
    }
    sum_sq += d * d;
    sum_abs += d;
    sum_ref += std::abs(reference[l]);
  }
  if (!flow.empty()) c.rms_difference = std::sqrt(sum_sq / static_cast<double>(flow.size()));
  c.relative_l1 = sum_ref > 0 ? sum_abs / sum_ref : 0;
  return c;
}

/// User-equilibrium assignment of `od` (grouped by origin) on `vdf`, by opt.algorithm (see
/// assignment_algorithm). The relative gap is (TSTT - SPTT) / TSTT with SPTT from a shortest-path
/// tree per origin at the current times; every iteration's gap, objective and time is in
/// `history`. Throws input_error when a demand has no path. O(iterations x origins x
/// (n + m) log n), plus for gp the stored paths (memory O(OD pairs x paths x path length)).
[[nodiscard]] inline assignment_result assign(const network& g, const bpr_links& vdf,
                                              std::span<const od_demand> od,
                                              const assignment_options& opt) {
  if (opt.algorithm == assignment_algorithm::gp) return detail::assign_paths(g, vdf, od, opt);
  return detail::assign_links(g, vdf, od, opt);
}

}  // namespace corridor
