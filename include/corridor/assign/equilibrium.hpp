// Traffic assignment: all-or-nothing and user equilibrium with BPR volume-delay functions, by
// Frank-Wolfe and conjugate Frank-Wolfe (TNTP conventions).
//
//   corridor::bpr_links vdf{fft, capacity, b, power};        // per link id
//   corridor::assignment_options opt{.algorithm = corridor::assignment_algorithm::cfw,
//                                    .relative_gap = 1e-4};
//   corridor::assignment_result r = corridor::assign(net.graph, vdf, od, opt);
//   // r.flow per link, r.relative_gap, r.objective (Beckmann), r.iterations, r.history
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
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

enum class assignment_algorithm : std::uint8_t { aon, fw, cfw };
enum class assignment_status : std::uint8_t { converged, max_iterations };

[[nodiscard]] constexpr std::string_view to_string(assignment_status s) noexcept {
  return s == assignment_status::converged ? "converged" : "max_iterations";
}

struct assignment_options {
  assignment_algorithm algorithm = assignment_algorithm::cfw;
  double relative_gap = 1e-4;  ///< stop when (TSTT - SPTT) / TSTT falls below this
  std::uint32_t max_iterations = 1000;
  /// Nodes with id below this are zones that routes may start or end at but not pass through
  /// (TNTP's <FIRST THRU NODE>, 0-based here; 0 = every node may be passed).
  std::uint32_t first_thru_node = 0;
};

struct assignment_step {
  double relative_gap, objective;
};

struct assignment_result {
  assignment_status status = assignment_status::max_iterations;
  std::vector<double> flow;      ///< per link id
  double relative_gap = 1;       ///< (TSTT - SPTT) / TSTT at the returned flow
  double objective = 0;          ///< Beckmann objective at the returned flow
  double total_travel_time = 0;  ///< TSTT = sum flow x time
  std::uint32_t iterations = 0;
  std::vector<assignment_step> history;  ///< gap and objective after each iteration
};

namespace detail {

/// All-or-nothing loading on link times `t`; returns the shortest-path travel time total (SPTT).
/// Zones below first_thru are not passed through. O(origins (n + m) log n).
inline double all_or_nothing(const network& g, const std::vector<double>& t,
                             std::span<const od_demand> od, std::uint32_t first_thru,
                             dijkstra_query& q, std::vector<double>& load) {
  std::fill(load.begin(), load.end(), 0.0);
  double sptt = 0;
  std::size_t i = 0;
  while (i < od.size()) {
    const node_id o = od[i].origin;
    std::size_t j = i;
    while (j < od.size() && od[j].origin == o) ++j;  // od is grouped by origin
    const auto w = [&](link_id l) {
      const node_id tail = g.tail(l);
      return (tail != o && tail.value() < first_thru) ? infinite_distance : t[l.value()];
    };
    q.run(w, std::span<const node_id>(&o, 1));
    for (std::size_t k = i; k < j; ++k) {
      if (od[k].volume <= 0) continue;
      const node_id d = od[k].destination;
      if (!q.reached(d)) {
        throw input_error("assignment: no path from node " + std::to_string(o.value() + 1) +
                          " to node " + std::to_string(d.value() + 1) + " for its demand");
      }
      sptt += od[k].volume * q.distance(d);
      for (link_id l = q.parent_link(d); l.valid(); l = q.parent_link(g.tail(l))) {
        load[l.value()] += od[k].volume;
      }
    }
    i = j;
  }
  return sptt;
}

}  // namespace detail

/// User-equilibrium assignment of `od` (grouped by origin) on `vdf`. AON stops after one
/// loading; FW and CFW (conjugate Frank-Wolfe, Mitradjieva & Lindberg 2013) iterate with an exact
/// line search (bisection on the Beckmann derivative) until the relative gap or the iteration
/// limit. Throws input_error when a demand has no path. O(iterations x AON).
[[nodiscard]] inline assignment_result assign(const network& g, const bpr_links& vdf,
                                              std::span<const od_demand> od,
                                              const assignment_options& opt) {
  const std::uint32_t m = g.link_count();
  assignment_result r;
  dijkstra_query q(g);
  std::vector<double> t(m), y(m), s(m), d(m);
  const auto times = [&](const std::vector<double>& x) {
    for (std::uint32_t l = 0; l < m; ++l) t[l] = vdf.time(l, x[l]);
  };
  const auto objective = [&](const std::vector<double>& x) {
    double z = 0;
    for (std::uint32_t l = 0; l < m; ++l) z += vdf.integral(l, x[l]);
    return z;
  };
  r.flow.assign(m, 0.0);
  for (std::uint32_t l = 0; l < m; ++l) t[l] = vdf.free_flow_time[l];
  (void)detail::all_or_nothing(g, t, od, opt.first_thru_node, q, r.flow);
  bool have_previous = false;
  for (std::uint32_t it = 1;; ++it) {
    times(r.flow);
    const double sptt = detail::all_or_nothing(g, t, od, opt.first_thru_node, q, y);
    double tstt = 0;
    for (std::uint32_t l = 0; l < m; ++l) tstt += r.flow[l] * t[l];
    r.total_travel_time = tstt;
    r.relative_gap = tstt > 0 ? (tstt - sptt) / tstt : 0;
    r.objective = objective(r.flow);
    r.iterations = it - 1;
    r.history.push_back({r.relative_gap, r.objective});
    if (r.relative_gap <= opt.relative_gap) {
      r.status = assignment_status::converged;
      return r;
    }
    if (opt.algorithm == assignment_algorithm::aon || it > opt.max_iterations) {
      r.status = assignment_status::max_iterations;
      return r;
    }
    // Direction: FW towards y; CFW towards a conjugate combination of y and the last target.
    if (opt.algorithm == assignment_algorithm::cfw && have_previous) {
      double num = 0, den = 0;
      for (std::uint32_t l = 0; l < m; ++l) {
        const double x = r.flow[l];
        const double dt = vdf.capacity[l] > 0 && x > 0
                              ? vdf.free_flow_time[l] * vdf.b[l] * vdf.power[l] *
                                    std::pow(x / vdf.capacity[l], vdf.power[l] - 1) /
                                    vdf.capacity[l]
                              : 0;
        num += (s[l] - x) * dt * (y[l] - x);
        den += (s[l] - x) * dt * (y[l] - s[l]);
      }
      double alpha = den != 0 ? num / den : 0;
      alpha = std::clamp(alpha, 0.0, 1 - 1e-6);
      for (std::uint32_t l = 0; l < m; ++l) s[l] = alpha * s[l] + (1 - alpha) * y[l];
    } else {
      s = y;
    }
    have_previous = true;
    for (std::uint32_t l = 0; l < m; ++l) d[l] = s[l] - r.flow[l];
    // Exact line search: the derivative of the Beckmann objective along d is increasing.
    const auto slope = [&](double step) {
      double v = 0;
      for (std::uint32_t l = 0; l < m; ++l) v += vdf.time(l, r.flow[l] + step * d[l]) * d[l];
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
    for (std::uint32_t l = 0; l < m; ++l) r.flow[l] += lo * d[l];
  }
}

}  // namespace corridor
