// corridor calibrate NETWORK|SCENARIO --observations OBS.csv [--fit NAMES] [--write-profile F]:
// fits the profile's time parameters to observed transit times.
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "commands.hpp"
#include "common.hpp"
#include "corridor/analysis/calibrate.hpp"
#include "corridor/gis/read.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/report/json.hpp"
#include "corridor/text.hpp"

namespace corridor::cli {
namespace {

std::vector<std::string> split_names(const std::vector<std::string>& lists) {
  std::vector<std::string> out;
  for (const std::string& list : lists) {
    for (std::string& item : split_list(list)) out.push_back(std::move(item));
  }
  return out;
}

std::string today() {
  const std::time_t t = std::time(nullptr);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", std::gmtime(&t));
  return buf;
}

std::string toml_string(const std::string& s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

/// A complete profile file: every parameter's value, and its source (for the fitted ones: the
/// observations they were fitted to).
std::string profile_toml(const calibration_result& r, const std::string& obs_file,
                         const std::string& network) {
  cost_profile p = r.profile;
  for (const auto& q : r.parameters) {
    if (!q.identified) continue;
    std::string ids;
    for (const std::string& id : q.observations) ids += (ids.empty() ? "" : ", ") + id;
    p.provenance[q.name] =
        fmt::format("calibrated {} by corridor calibrate on {} ({}): {} observations: {}", today(),
                    obs_file, network, q.observations.size(), ids);
  }
  std::string values = "[profile]\n", sources = "\n[sources]\n";
  for (const auto& info : p.parameters()) {
    values += fmt::format("{} = {:.10g}  # {}\n", toml_string(info.name), info.value, info.unit);
    sources +=
        fmt::format("{} = {}\n", toml_string(info.name), toml_string(std::string(info.source)));
  }
  return fmt::format(
             "# A corridor cost profile written by corridor calibrate on {}.\n"
             "# Use it with --profile FILE on any command that takes --set, or profile = \"FILE\" "
             "in a scenario.\n",
             today()) +
         "description = " +
         toml_string(fmt::format("calibrated on {} (fit rms log {:.4g} -> {:.4g})", obs_file,
                                 r.rms_log_before, r.rms_log_after)) +
         "\n\n" + values + sources;
}

std::string result_json(const calibration_result& r,
                        const std::vector<gis::observation_row>& rows) {
  report::json_writer j;
  j.begin_object().key("parameters").begin_array();
  for (const auto& p : r.parameters) {
    j.begin_object().field("name", p.name).field("before", p.before).field("after", p.after);
    j.field("lower", p.lower).field("upper", p.upper).field("stderr", p.stderr_);
    j.field("identified", p.identified).field("at_bound", p.at_bound);
    if (!p.reason.empty()) j.field("reason", p.reason);
    j.key("observations").begin_array();
    for (const std::string& id : p.observations) j.value(id);
    j.end_array().end_object();
  }
  j.end_array().key("observations").begin_array();
  for (std::size_t i = 0; i < r.observations.size(); ++i) {
    const auto& o = r.observations[i];
    j.begin_object().field("id", o.id).field("from", rows[i].from).field("to", rows[i].to);
    j.field("options", rows[i].options).field("observed_h", o.observed_h);
    j.field("before_h", o.before_h).field("after_h", o.after_h).field("loo_h", o.loo_h);
    j.field("route_changed", o.route_changed).field("source", rows[i].source).end_object();
  }
  j.end_array().key("fit").begin_object();
  j.field("rms_log_before", r.rms_log_before).field("rms_log_after", r.rms_log_after);
  j.field("loo_median_abs_rel_error", r.loo_median_abs_rel_error);
  j.field("rounds", static_cast<std::uint32_t>(r.rounds)).field("converged", r.converged);
  j.end_object().end_object();
  return j.str();
}

std::string percent(double model, double observed) {
  return fmt::format("{:+.0f}%", 100 * (model / observed - 1));
}

std::string result_table(const calibration_result& r) {
  std::string out = fmt::format("{:<34} {:>10} {:>10} {:>10}  {:<17} {}\n", "parameter", "before",
                                "after", "stderr", "range", "fitted to");
  for (const auto& p : r.parameters) {
    const std::string note = !p.identified ? p.reason
                                           : fmt::format("{} observations{}", p.observations.size(),
                                                         p.at_bound ? " (at its bound)" : "");
    out += fmt::format("{:<34} {:>10.4g} {:>10.4g} {:>10}  {:<17} {}\n", p.name, p.before, p.after,
                       std::isnan(p.stderr_) ? "-" : fmt::format("{:.2g}", p.stderr_),
                       fmt::format("{:g}-{:g}", p.lower, p.upper), note);
  }
  out += fmt::format("\n{:<42} {:>9} {:>16} {:>16} {:>16}  {}\n", "observation", "observed",
                     "before", "after", "left out", "route");
  for (std::size_t i = 0; i < r.observations.size(); ++i) {
    const auto& o = r.observations[i];
    const std::string loo = std::isnan(o.loo_h) ? fmt::format("{:>16}", "-")
                                                : fmt::format("{:>7.1f} h {:>5}", o.loo_h,
                                                              percent(o.loo_h, o.observed_h));
    out += fmt::format("{:<42} {:>7.1f} h {:>7.1f} h {:>5} {:>7.1f} h {:>5} {}  {}\n", o.id,
                       o.observed_h, o.before_h, percent(o.before_h, o.observed_h), o.after_h,
                       percent(o.after_h, o.observed_h), loo, o.route_changed ? "changed" : "");
  }
  out += fmt::format(
      "\nfit: rms of log(model/observed) {:.3f} -> {:.3f}; leave-one-out median |error| {}; "
      "{} round{}{}\n",
      r.rms_log_before, r.rms_log_after,
      std::isnan(r.loo_median_abs_rel_error)
          ? std::string("not computed")
          : fmt::format("{:.1f}%", 100 * r.loo_median_abs_rel_error),
      r.rounds, r.rounds == 1 ? "" : "s",
      r.converged ? ""
                  : " (not converged: the fitted routes and the model's fastest routes differ; "
                    "after = the model's)");
  return out;
}

}  // namespace

command add_calibrate(CLI::App& app) {
  struct args {
    network_args network;
    filter_args filters;
    std::string observations;
    std::vector<std::string> fit;
    std::string write_profile;
    bool skip_unroutable = false;
    bool no_loo = false;
    std::string format = "table";
    std::string output = "-";
  };
  auto a = std::make_shared<args>();
  CLI::App* sub = app.add_subcommand(
      "calibrate", "Fit the cost profile's time parameters to observed transit times");
  a->network.add_to(*sub, true);
  sub->add_option("--observations", a->observations,
                  "Observations CSV: id,from,to,options,hours [,usd_per_t,weight,year,source]")
      ->required();
  sub->add_option("--fit", a->fit,
                  "Parameters to fit, NAME[,NAME..] (as corridor profile lists them, or "
                  "corridor.NAME.speed_factor); default: every time parameter the observations' "
                  "routes depend on");
  a->filters.add_to(*sub);
  sub->add_option("--write-profile", a->write_profile,
                  "Write the calibrated profile (TOML, for --profile) to FILE");
  sub->add_flag("--skip-unroutable", a->skip_unroutable,
                "Leave out (and report) observations the model cannot route, instead of failing");
  sub->add_flag("--no-leave-one-out", a->no_loo, "Skip the leave-one-out error (faster)");
  add_format_and_output(*sub, a->format, a->output, {"table", "json"}, "table or json");
  return [a, sub]() -> int {
    if (!sub->parsed()) return -1;
    analysis_input in = load_input(a->network);
    if (!in.loaded().is_corridor_network()) {
      throw input_error("calibrate: " + in.loaded().path.string() +
                        " is an abstract graph without physical units (no speeds to fit)");
    }
    a->filters.apply(in);
    std::vector<gis::observation_row> rows = gis::read_observations_csv(a->observations);
    std::vector<observation> obs =
        analysis::resolve_observations(in, rows, a->observations, print_note);
    calibration_settings s;
    s.fit = split_names(a->fit);
    for (const std::string& name : s.fit) {
      try {
        (void)in.profile.get(name);
      } catch (const lookup_error& e) {
        throw input_error("--fit '" + name + "': " + e.what());
      }
    }
    s.leave_one_out = !a->no_loo;
    analysis::drop_unroutable(in, in.profile, obs, rows, a->observations, a->skip_unroutable,
                              print_note);
    const calibration_result r = calibrate(in.net(), in.links(), in.profile, obs, s);
    if (!a->write_profile.empty()) {
      gis::write_text(a->write_profile,
                      profile_toml(r, a->observations, in.loaded().path.string()));
    }
    gis::write_text(a->output, a->format == "json" ? result_json(r, rows) : result_table(r));
    return exit_code::ok;
  };
}

}  // namespace corridor::cli
