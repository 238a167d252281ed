// Calibration: fit the time parameters of a cost profile (speeds, stop times, corridor speed
// factors) to observed end-to-end transit times.
//
//   std::vector<corridor::observation> obs = ...;  // from, to, option (filter + constraints),
//   hours corridor::calibration_result r =
//       corridor::calibrate(net, net.links, corridor::cost_profile::defaults(), obs, {});
//   r.profile;  // the calibrated profile; r.parameters, r.observations, r.rms_log_after, ...
//
// Method: route every observation by time with the current parameters; fit the route times to the
// observations by bounded least squares on log(time) (Levenberg-Marquardt, speeds and factors in
// log space, stop times in hours, Jacobian by central differences); re-route and repeat until the
// routes stop changing. A parameter the observations do not identify (no route uses it, or its
// effect is a combination of other fitted parameters': a rank-deficient column) keeps its starting
// value and is reported as not identified.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "corridor/cost/filters.hpp"
#include "corridor/cost/link_costs.hpp"
#include "corridor/cost/profile.hpp"
#include "corridor/error.hpp"
#include "corridor/path/constrained.hpp"

namespace corridor {

/// One observed transit time: from a place to a place by an option (filter + constraints).
struct observation {
  std::string id;
  std::uint32_t from = no_index, to = no_index;  ///< place indices
  link_filter filter;                            ///< modes allowed, year, ...
  route_constraints constraints;                 ///< modes required, access modes, via places
  double observed_h = 0;                         ///< hours, > 0
  double weight = 1;                             ///< weight of its squared log residual, > 0
};

struct calibration_settings {
  /// Parameter names to fit (as cost_profile::parameters() names them, or
  /// "corridor.NAME.speed_factor"); empty = every time parameter that some observation's route
  /// depends on.
  std::vector<std::string> fit;
  std::size_t max_rounds = 20;       ///< route-fit rounds, at most
  std::size_t max_iterations = 500;  ///< Levenberg-Marquardt iterations per fit, at most
  bool leave_one_out = true;         ///< compute loo_median_abs_rel_error
};

struct calibration_result {
  struct parameter {
    std::string name;
    double before = 0, after = 0, lower = 0, upper = 0;
    double stderr_ = std::numeric_limits<double>::quiet_NaN();  ///< NaN when not computable
    bool identified = true;                 ///< false: kept at `before` (see `reason`)
    bool at_bound = false;                  ///< the fit stopped at lower or upper
    std::string reason;                     ///< why not identified
    std::vector<std::string> observations;  ///< ids of the observations whose time depends on it
  };
  struct observed {
    std::string id;
    double observed_h = 0, before_h = 0, after_h = 0;
    bool route_changed = false;
    /// Leave-one-out prediction: hours after refitting without this observation (NaN when
    /// leave-one-out was not computed).
    double loo_h = std::numeric_limits<double>::quiet_NaN();
  };
  std::vector<parameter> parameters;
  std::vector<observed> observations;
  double rms_log_before = 0, rms_log_after = 0;  ///< weighted RMS of log(model / observed)
  /// Leave-one-out: refit without each observation (routes as fitted), re-route and predict it;
  /// the median of |predicted - observed| / observed. NaN when not computed or < 3 observations.
  double loo_median_abs_rel_error = std::numeric_limits<double>::quiet_NaN();
  std::size_t rounds = 0;
  bool converged = false;  ///< the routes stopped changing within max_rounds
  cost_profile profile;    ///< the calibrated profile
};

namespace detail {

/// One fitted parameter's coordinate: log(value) for speeds and factors, the value (hours) for
/// stop times, so every coordinate moves on a comparable scale.
struct fit_coordinate {
  std::string name;
  bool log_scale = true;
  double lower = 0, upper = 0;  ///< in the coordinate
  [[nodiscard]] double to_value(double u) const { return log_scale ? std::exp(u) : u; }
  [[nodiscard]] double of_value(double v) const { return log_scale ? std::log(v) : v; }
};

/// The links of a route, in order.
[[nodiscard]] inline std::vector<std::uint32_t> links_of(const route& r) {
  std::vector<std::uint32_t> out;
  for (const leg& g : r.legs) {
    for (const link_id l : g.links) out.push_back(l.value());
  }
  return out;
}

/// Hours to travel `links` under profile p, with `factors` = corridor_factors(net, p). O(links).
[[nodiscard]] inline double time_over(const built_network& net, const link_columns& L,
                                      const cost_profile& p, const std::vector<double>& factors,
                                      const std::vector<std::uint32_t>& links) {
  double h = 0;
  for (const std::uint32_t l : links) {
    const link_cost_parts c = cost_of_link(net, L, p, factors, l);
    h += c.travel_time_h + c.stop_time_h;
  }
  return h;
}
[[nodiscard]] inline double time_over(const built_network& net, const link_columns& L,
                                      const cost_profile& p,
                                      const std::vector<std::uint32_t>& links) {
  return time_over(net, L, p, corridor_factors(net, p), links);
}

/// The fastest sensible route of each observation under p, as `compare` routes an option
/// (find_sensible_route: no loop through a place); an empty link list: no route.
[[nodiscard]] inline std::vector<std::vector<std::uint32_t>> route_all(
    const built_network& net, const link_columns& L, const cost_profile& p,
    const std::vector<observation>& obs, std::vector<bool>& routed) {
  const link_costs costs = compute_link_costs(net, L, p);
  std::vector<std::vector<std::uint32_t>> out(obs.size());
  routed.assign(obs.size(), false);
  std::string why;
  for (std::size_t i = 0; i < obs.size(); ++i) {
    const route r = find_sensible_route(net, L, costs, criterion::time, obs[i].filter, obs[i].from,
                                        obs[i].to, obs[i].constraints, why);
    routed[i] = r.status == route_status::ok;
    if (routed[i]) out[i] = links_of(r);
  }
  return out;
}

/// An observation the model no longer routes under the new parameters (its best route would loop:
/// find_sensible_route refuses it) keeps the route it had: `next[i] = before[i]` where !routed[i].
inline void keep_unrouted(std::vector<std::vector<std::uint32_t>>& next,
                          const std::vector<bool>& routed,
                          const std::vector<std::vector<std::uint32_t>>& before) {
  for (std::size_t i = 0; i < next.size(); ++i) {
    if (!routed[i]) next[i] = before[i];
  }
}

/// The least-squares problem on fixed routes: residual_i = sqrt(w_i) (log T_i(u) - log obs_i).
struct fixed_route_fit {
  const built_network& net;
  const link_columns& L;
  cost_profile base;  ///< values of the parameters not fitted
  std::vector<fit_coordinate> coords;
  std::vector<const observation*> obs;
  std::vector<std::vector<std::uint32_t>> routes;  ///< the link ids of each observation's route

  [[nodiscard]] cost_profile profile_at(const Eigen::VectorXd& u) const {
    cost_profile p = base;
    for (std::size_t j = 0; j < coords.size(); ++j) {
      p.set(coords[j].name, coords[j].to_value(u[static_cast<Eigen::Index>(j)]));
    }
    return p;
  }
  [[nodiscard]] Eigen::VectorXd residuals(const Eigen::VectorXd& u) const {
    const cost_profile p = profile_at(u);
    const std::vector<double> factors = corridor_factors(net, p);
    Eigen::VectorXd r(static_cast<Eigen::Index>(obs.size()));
    for (std::size_t i = 0; i < obs.size(); ++i) {
      const double h = time_over(net, L, p, factors, routes[i]);
      r[static_cast<Eigen::Index>(i)] =
          std::sqrt(obs[i]->weight) * (std::log(h) - std::log(obs[i]->observed_h));
    }
    return r;
  }
  /// Central differences (time is linear in stop times and in 1/speed: the error is tiny).
  [[nodiscard]] Eigen::MatrixXd jacobian(const Eigen::VectorXd& u) const {
    Eigen::MatrixXd J(static_cast<Eigen::Index>(obs.size()), u.size());
    for (Eigen::Index j = 0; j < u.size(); ++j) {
      const double h = 1e-6 * std::max(1.0, std::abs(u[j]));
      Eigen::VectorXd up = u, down = u;
      const fit_coordinate& c = coords[static_cast<std::size_t>(j)];
      up[j] = std::min(u[j] + h, std::max(u[j], c.upper));  // one-sided at a bound
      down[j] = std::max(u[j] - h, std::min(u[j], c.lower));
      J.col(j) = (residuals(up) - residuals(down)) / (up[j] - down[j]);
    }
    return J;
  }
};

/// Bounded Levenberg-Marquardt from u over the coordinates marked free; the others stay put.
/// Returns the final coordinates. O(iterations x coordinates x route links).
[[nodiscard]] inline Eigen::VectorXd levenberg_marquardt(const fixed_route_fit& f,
                                                         Eigen::VectorXd u,
                                                         const std::vector<bool>& free,
                                                         std::size_t max_iterations) {
  const auto n = u.size();
  Eigen::VectorXd r = f.residuals(u);
  double cost = r.squaredNorm();
  double lambda = 1e-3;
  for (std::size_t it = 0; it < max_iterations && cost > 1e-30; ++it) {
    const Eigen::MatrixXd J = f.jacobian(u);
    const Eigen::VectorXd g = J.transpose() * r;
    // Free coordinates that are not pressed against a bound by the gradient.
    std::vector<Eigen::Index> act;
    for (Eigen::Index j = 0; j < n; ++j) {
      if (!free[static_cast<std::size_t>(j)]) continue;
      const bool at_lower = u[j] <= f.coords[static_cast<std::size_t>(j)].lower && g[j] > 0;
      const bool at_upper = u[j] >= f.coords[static_cast<std::size_t>(j)].upper && g[j] < 0;
      if (!at_lower && !at_upper) act.push_back(j);
    }
    if (act.empty()) break;
    const auto k = static_cast<Eigen::Index>(act.size());
    Eigen::MatrixXd A(k, k);
    Eigen::VectorXd b(k);
    for (Eigen::Index a = 0; a < k; ++a) {
      b[a] = -g[act[static_cast<std::size_t>(a)]];
      for (Eigen::Index c = 0; c < k; ++c) {
        A(a, c) =
            J.col(act[static_cast<std::size_t>(a)]).dot(J.col(act[static_cast<std::size_t>(c)]));
      }
    }
    bool improved = false;
    while (!improved && lambda < 1e16) {
      Eigen::MatrixXd D = A;
      for (Eigen::Index a = 0; a < k; ++a) D(a, a) += lambda * (A(a, a) + 1e-12);
      const Eigen::VectorXd step = D.ldlt().solve(b);
      Eigen::VectorXd next = u;
      for (Eigen::Index a = 0; a < k; ++a) {
        const auto j = act[static_cast<std::size_t>(a)];
        const fit_coordinate& c = f.coords[static_cast<std::size_t>(j)];
        next[j] = std::clamp(u[j] + step[a], c.lower, c.upper);
      }
      const Eigen::VectorXd rn = f.residuals(next);
      const double cn = rn.squaredNorm();
      if (cn < cost) {
        const double moved = (next - u).cwiseAbs().maxCoeff();
        const double gain = cost - cn;
        u = next;
        r = rn;
        cost = cn;
        lambda = std::max(lambda / 4, 1e-15);
        improved = true;
        if (moved < 1e-13 || gain <= 1e-15 * cost) return u;
      } else {
        lambda *= 4;
      }
    }
    if (!improved) break;
  }
  return u;
}

/// Which free coordinates the observations identify at u: a column of zeros (no route depends on
/// the parameter) or one beyond the numerical rank of the column-scaled Jacobian is not.
/// Fills `reason` for those and returns the mask.
[[nodiscard]] inline std::vector<bool> identified_columns(const Eigen::MatrixXd& J,
                                                          std::vector<std::string>& reason) {
  const auto n = J.cols();
  std::vector<bool> ok(static_cast<std::size_t>(n), true);
  reason.assign(static_cast<std::size_t>(n), "");
  std::vector<Eigen::Index> used;
  for (Eigen::Index j = 0; j < n; ++j) {
    if (J.col(j).norm() < 1e-12) {
      ok[static_cast<std::size_t>(j)] = false;
      reason[static_cast<std::size_t>(j)] = "no observation's route depends on it";
    } else {
      used.push_back(j);
    }
  }
  if (used.empty()) return ok;
  Eigen::MatrixXd S(J.rows(), static_cast<Eigen::Index>(used.size()));
  for (std::size_t c = 0; c < used.size(); ++c) {
    S.col(static_cast<Eigen::Index>(c)) = J.col(used[c]) / J.col(used[c]).norm();
  }
  Eigen::ColPivHouseholderQR<Eigen::MatrixXd> qr(S);
  qr.setThreshold(1e-7);
  const auto rank = qr.rank();
  for (Eigen::Index c = rank; c < static_cast<Eigen::Index>(used.size()); ++c) {
    const auto j = used[static_cast<std::size_t>(qr.colsPermutation().indices()[c])];
    ok[static_cast<std::size_t>(j)] = false;
    reason[static_cast<std::size_t>(j)] =
        "not identified: its effect on the observed times is a combination of other fitted "
        "parameters' (add observations that separate them, or fit fewer)";
  }
  return ok;
}

[[nodiscard]] inline double weighted_rms(const Eigen::VectorXd& r,
                                         const std::vector<const observation*>& obs) {
  double w = 0;
  for (const observation* o : obs) w += o->weight;
  return w > 0 ? std::sqrt(r.squaredNorm() / w) : 0.0;
}

/// The fit's coordinates: the parameters `names`, or (empty) every time parameter of `start`
/// (but the corridors and crossings `net` does not have), bounded by their physical ranges. Throws
/// input_error for a parameter that is not a time one, lookup_error for an unknown one or a
/// corridor the network does not have.
[[nodiscard]] inline std::vector<fit_coordinate> coordinates_of(const built_network& net,
                                                                const cost_profile& start,
                                                                std::vector<std::string> names) {
  if (names.empty()) {
    for (const auto& info : start.parameters()) {
      if (cost_profile::is_time_parameter(info.name) && absent_subject(net, info.name).empty())
        names.push_back(info.name);
    }
  }
  std::vector<fit_coordinate> out;
  for (const std::string& name : names) {
    if (!cost_profile::is_time_parameter(name)) {
      throw input_error("calibrate: '" + name +
                        "' is not a time parameter (a speed, a stop time, "
                        "border[_rail|_road].PLACE.time_h or a corridor speed factor)");
    }
    if (const std::string_view what = absent_subject(net, name); !what.empty()) {
      const auto subject = what == "corridor" ? cost_profile::corridor_of_factor(name)
                                              : cost_profile::place_of_border_time(name);
      throw lookup_error("calibrate: no " + std::string(what) + " named '" + *subject +
                         "' in the network");
    }
    const auto [lo, hi] = cost_profile::physical_range(name);
    const bool log_scale = cost_profile::unit_of(name) != "h";
    out.push_back({name, log_scale, log_scale ? std::log(lo) : lo, log_scale ? std::log(hi) : hi});
  }
  return out;
}

/// Standard errors of the fitted coordinates (`free`) from the Jacobian J and residuals r at the
/// solution: sqrt of the diagonal of (J'J)^-1 x |r|^2 / (observations - fitted); NaN elsewhere and
/// when there are no degrees of freedom left.
[[nodiscard]] inline Eigen::VectorXd standard_errors(const Eigen::MatrixXd& J,
                                                     const Eigen::VectorXd& r,
                                                     const std::vector<bool>& free) {
  Eigen::VectorXd se =
      Eigen::VectorXd::Constant(J.cols(), std::numeric_limits<double>::quiet_NaN());
  std::vector<Eigen::Index> fitted;
  for (Eigen::Index j = 0; j < J.cols(); ++j) {
    if (free[static_cast<std::size_t>(j)]) fitted.push_back(j);
  }
  const auto n = static_cast<Eigen::Index>(fitted.size());
  if (n == 0 || J.rows() <= n) return se;
  Eigen::MatrixXd Jf(J.rows(), n);
  for (Eigen::Index c = 0; c < n; ++c) Jf.col(c) = J.col(fitted[static_cast<std::size_t>(c)]);
  const Eigen::MatrixXd cov =
      (Jf.transpose() * Jf).inverse() * (r.squaredNorm() / static_cast<double>(J.rows() - n));
  for (Eigen::Index c = 0; c < n; ++c)
    se[fitted[static_cast<std::size_t>(c)]] = std::sqrt(cov(c, c));
  return se;
}

/// Coordinate j's result: values in the parameter's unit, and the observations whose time
/// depends on it (a non-zero Jacobian entry).
[[nodiscard]] inline calibration_result::parameter parameter_result(
    const fixed_route_fit& f, const Eigen::MatrixXd& J, const Eigen::VectorXd& u,
    const Eigen::VectorXd& se, Eigen::Index j, const cost_profile& start) {
  const fit_coordinate& c = f.coords[static_cast<std::size_t>(j)];
  calibration_result::parameter p;
  p.name = c.name;
  p.before = start.get(c.name);
  p.after = c.to_value(u[j]);
  p.lower = c.to_value(c.lower);
  p.upper = c.to_value(c.upper);
  p.stderr_ = c.log_scale ? p.after * se[j] : se[j];
  for (std::size_t i = 0; i < f.obs.size(); ++i) {
    if (std::abs(J(static_cast<Eigen::Index>(i), j)) > 1e-12)
      p.observations.push_back(f.obs[i]->id);
  }
  return p;
}

/// Leave one out: for each observation i, refit without it on the fitted routes (parameters the
/// others do not identify go back to their starting values u0), re-route i and predict its time.
/// Returns the predicted hours, one per observation. O(observations x one fit and route).
[[nodiscard]] inline std::vector<double> leave_one_out_predictions(
    const fixed_route_fit& f, const std::vector<std::vector<std::uint32_t>>& routes,
    const Eigen::VectorXd& u0, const Eigen::VectorXd& u, std::size_t max_iterations) {
  std::vector<double> predicted;
  for (std::size_t i = 0; i < f.obs.size(); ++i) {
    fixed_route_fit g{f.net, f.L, f.base, f.coords, {}, {}};
    for (std::size_t o = 0; o < f.obs.size(); ++o) {
      if (o == i) continue;
      g.obs.push_back(f.obs[o]);
      g.routes.push_back(routes[o]);
    }
    std::vector<std::string> why;
    const std::vector<bool> ok = identified_columns(g.jacobian(u), why);
    Eigen::VectorXd start = u;
    for (Eigen::Index j = 0; j < u.size(); ++j) {
      if (!ok[static_cast<std::size_t>(j)]) start[j] = u0[j];
    }
    const cost_profile p = g.profile_at(levenberg_marquardt(g, start, ok, max_iterations));
    std::vector<bool> routed;
    auto r = route_all(f.net, f.L, p, {*f.obs[i]}, routed);
    keep_unrouted(r, routed, {routes[i]});
    predicted.push_back(time_over(f.net, f.L, p, r[0]));
  }
  return predicted;
}

/// The median of |predicted - observed| / observed over the observations. Precondition: sizes
/// equal and not empty. O(n log n).
[[nodiscard]] inline double median_abs_rel_error(const std::vector<const observation*>& obs,
                                                 const std::vector<double>& predicted) {
  std::vector<double> errors;
  for (std::size_t i = 0; i < obs.size(); ++i)
    errors.push_back(std::abs(predicted[i] - obs[i]->observed_h) / obs[i]->observed_h);
  std::sort(errors.begin(), errors.end());
  const std::size_t h = errors.size() / 2;
  return errors.size() % 2 == 1 ? errors[h] : (errors[h - 1] + errors[h]) / 2;
}

}  // namespace detail

/// Calibrates the time parameters of `start` to the observations on `net` with link columns `L`
/// (net.links, or a scenario overlay's). Preconditions: every observation has observed_h > 0,
/// weight > 0, valid places, and a route under `start` (check first: an unroutable observation
/// throws input_error naming it); every name in settings.fit exists (lookup_error otherwise) and is
/// a time parameter (input_error otherwise). Bounds: cost_profile::physical_range; a starting
/// value outside them is clamped into them.
/// Complexity: rounds x (observations x one constrained route + LM iterations x parameters x route
/// links); with leave_one_out, observations more fits and routes.
[[nodiscard]] inline calibration_result calibrate(const built_network& net, const link_columns& L,
                                                  const cost_profile& start,
                                                  const std::vector<observation>& obs,
                                                  const calibration_settings& settings) {
  if (obs.empty()) throw input_error("calibrate: no observations");
  std::vector<bool> routed;
  std::vector<std::vector<std::uint32_t>> routes = detail::route_all(net, L, start, obs, routed);
  for (std::size_t i = 0; i < obs.size(); ++i) {
    if (!routed[i]) throw input_error("observation '" + obs[i].id + "': the model finds no route");
  }
  const std::vector<std::vector<std::uint32_t>> first_routes = routes;

  detail::fixed_route_fit f{net, L,     start, detail::coordinates_of(net, start, settings.fit),
                            {},  routes};
  for (const observation& o : obs) f.obs.push_back(&o);
  const auto k = static_cast<Eigen::Index>(f.coords.size());
  Eigen::VectorXd u(k);
  for (Eigen::Index j = 0; j < k; ++j) {
    const detail::fit_coordinate& c = f.coords[static_cast<std::size_t>(j)];
    u[j] = std::clamp(c.of_value(start.get(c.name)), c.lower, c.upper);
  }
  const Eigen::VectorXd u0 = u;

  // Route-fit rounds: fit on fixed routes, re-route, until the routes stop changing.
  std::vector<std::string> reason;
  std::vector<bool> free;
  calibration_result out;
  std::vector<std::vector<std::vector<std::uint32_t>>> seen{routes};
  for (out.rounds = 1; out.rounds <= settings.max_rounds; ++out.rounds) {
    free = detail::identified_columns(f.jacobian(u), reason);
    u = detail::levenberg_marquardt(f, u, free, settings.max_iterations);
    std::vector<std::vector<std::uint32_t>> next =
        detail::route_all(net, L, f.profile_at(u), obs, routed);
    detail::keep_unrouted(next, routed, routes);
    out.converged = next == routes;
    // Routes seen in an earlier round: the fit would cycle; stop with the model's own routes.
    const bool cycle = std::find(seen.begin(), seen.end(), next) != seen.end();
    routes = std::move(next);
    f.routes = routes;
    if (out.converged || cycle) break;
    seen.push_back(routes);
  }
  out.rounds = std::min(out.rounds, settings.max_rounds);
  // A parameter an earlier round moved but the final routes do not identify goes back to its
  // starting value (what "not identified" promises), and the model's routes follow.
  bool reset = false;
  for (Eigen::Index j = 0; j < k; ++j) {
    if (!free[static_cast<std::size_t>(j)] && u[j] != u0[j]) {
      u[j] = u0[j];
      reset = true;
    }
  }
  if (reset) {
    std::vector<std::vector<std::uint32_t>> next =
        detail::route_all(net, L, f.profile_at(u), obs, routed);
    detail::keep_unrouted(next, routed, routes);
    routes = std::move(next);
    f.routes = routes;
  }

  // Results.
  out.profile = f.profile_at(u);
  const Eigen::MatrixXd J = f.jacobian(u);
  const Eigen::VectorXd r_after = f.residuals(u);
  const Eigen::VectorXd se = detail::standard_errors(J, r_after, free);
  for (Eigen::Index j = 0; j < k; ++j) {
    calibration_result::parameter p = detail::parameter_result(f, J, u, se, j, start);
    p.identified = free[static_cast<std::size_t>(j)];
    p.reason = reason[static_cast<std::size_t>(j)];
    p.at_bound = p.identified && (p.after <= p.lower || p.after >= p.upper);
    if (settings.fit.empty() && p.observations.empty()) continue;  // untouched, not asked for
    out.parameters.push_back(std::move(p));
  }
  for (std::size_t i = 0; i < obs.size(); ++i) {
    out.observations.push_back(
        {obs[i].id, obs[i].observed_h, detail::time_over(net, L, start, first_routes[i]),
         detail::time_over(net, L, out.profile, routes[i]), routes[i] != first_routes[i]});
  }
  f.routes = first_routes;
  out.rms_log_before = detail::weighted_rms(f.residuals(u0), f.obs);
  f.routes = routes;
  out.rms_log_after = detail::weighted_rms(r_after, f.obs);

  if (settings.leave_one_out && obs.size() >= 3) {
    const std::vector<double> loo =
        detail::leave_one_out_predictions(f, routes, u0, u, settings.max_iterations);
    for (std::size_t i = 0; i < loo.size(); ++i) out.observations[i].loo_h = loo[i];
    out.loo_median_abs_rel_error = detail::median_abs_rel_error(f.obs, loo);
  }
  return out;
}

}  // namespace corridor
