// The cost profile: every parameter of time, money and CO2, with defaults taken from
// ../shared/facts/facts.csv (statement ids cited) and overridable by the user.
//
//   corridor::cost_profile p = corridor::cost_profile::defaults();
//   p.set("value_of_time", 1.5);          // USD per tonne-hour
//   p.set("rail.usd_per_tkm", 0.03);
//   for (const auto& info : p.parameters()) { /* name, value, unit, source */ }
//
// Where facts.csv has no figure the default is an explicit, labelled assumption ("assumption:
// ..."), never a silent zero.
#pragma once

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/network/modes.hpp"
#include "corridor/units.hpp"

namespace corridor {

/// Per-mode travel parameters, per tonne moved.
struct mode_parameters {
  double usd_per_tkm = 0;     ///< money, USD per tonne-km
  double co2_kg_per_tkm = 0;  ///< kg CO2 per tonne-km
  double speed_kmh = 1;       ///< commercial (door-to-door average) freight speed; caps link speed
};

/// Per-stop parameters (a transfer, a gauge break, a border crossing), per tonne.
struct stop_parameters {
  double time_h = 0;
  double usd_per_t = 0;
  double co2_kg_per_t = 0;
};

struct cost_profile {
  std::array<mode_parameters, mode_count> modes{};  ///< indexed by mode; `transfer` unused
  /// Rail freight speed on non-standard gauges (1000, 1067, 1520 mm); modes[rail] is 1435 mm.
  double rail_other_gauge_speed_kmh = 1;
  std::array<stop_parameters, transfer_kind_count> transfers{};  ///< indexed by transfer_kind
  stop_parameters border{};  ///< customs and border formalities, per crossing
  /// Hours a truck spends at a land border (queues, documents, transloading) when the crossing
  /// gives no time of its own in the profile: a road crossing takes the larger of this and the
  /// rail-calibrated border time (border.time_h or the places' dwell_h).
  double border_road_time_h = 0;
  double value_of_time_usd_per_t_h = 0;   ///< USD per tonne-hour
  double carbon_price_usd_per_t_co2 = 0;  ///< USD per tonne of CO2
  /// Default capacities (t/yr) for links and facilities that give none (see link_capacities).
  struct capacity_defaults {
    double rail_t_per_year = 0;              ///< a standard-gauge line
    double rail_other_gauge_t_per_year = 0;  ///< a metre-gauge (or other) line
    double road_t_per_year = 0;              ///< a road
    double border_t_per_year = 0;            ///< a land border crossing (road or rail)
    double port_t_per_year = 0;              ///< a port's sea-land transfer
    double terminal_t_per_year = 0;          ///< a road-rail terminal
    double gauge_break_t_per_year = 0;       ///< a gauge-change yard
  } capacity;
  /// Speed factors of named corridors, set as "corridor.NAME.speed_factor": a link of corridor
  /// NAME runs at factor x its mode's profile speed (still capped by the link's own speed_kmh); a
  /// link of several such corridors takes the product. A corridor not listed has factor 1.
  std::map<std::string, double, std::less<>> corridor_speed_factor;
  /// Border dwell per crossing, by parameter name: "border.PLACE.time_h" (PLACE = a place id,
  /// hours >= 0) for every mode crossing there, "border_rail.PLACE.time_h" or
  /// "border_road.PLACE.time_h" for that mode only (before the every-mode value). A land link that
  /// crosses a border at PLACE (either end) takes this time instead of the place's own dwell_h and
  /// of border.time_h; with both ends set, the larger.
  std::map<std::string, double, std::less<>> border_time_h_at;
  /// Where a value came from when it is not the built-in default's source (a profile file's
  /// [sources], a calibration), by parameter name; parameters() reports it as the source.
  std::map<std::string, std::string, std::less<>> provenance;

  struct parameter_info {
    std::string name;
    double value;
    std::string_view unit;
    std::string_view source;
  };

  /// The defaults, each cited in parameters().
  [[nodiscard]] static cost_profile defaults() {
    cost_profile p;
    for (const auto& d : table()) *d.field(p) = d.default_value;
    // The calibrated per-corridor and per-crossing values (geodata/calibrated-profile.toml); on a
    // network without these corridors or places they change nothing.
    p.set("corridor.China-Laos Railway.speed_factor", 2.143);
    p.provenance["corridor.China-Laos Railway.speed_factor"] =
        "calibrated 2026-12-05 (geodata/calibrated-profile.toml) to 15 observations of "
        "geodata/observations.csv: clr_kunming_vientiane_lmexpress_2022, "
        "clr_vientiane_kunming_lmexpress_2025, clr_vientiane_south_kunming_durian_2024, "
        "clr_th_la_cn_kunming_bangkok_2023, asean_express_kelana_jaya_chongqing_2024, "
        "chongqing_padang_besar_rail_2023, clr_vientiane_kunming_durian_trace_2023, "
        "clr_vientiane_chongqing_durian_2023, th_durian_chongqing_road_rail_2023, "
        "lm_express_thai_durian_kunming_2025, clr_kunming_vientiane_south_general_2022, "
        "clr_boten_vientiane_south_first_train_2021, clr_yuxi_vientiane_coldchain_2021, "
        "hanoi_chongqing_rail_2021, clr_guangzhou_vientiane_2023; was 1 (no factor)";
    p.set("corridor.New International Land-Sea Trade Corridor.speed_factor", 0.7742);
    p.provenance["corridor.New International Land-Sea Trade Corridor.speed_factor"] =
        "calibrated 2026-12-05 (geodata/calibrated-profile.toml) to 10 observations of "
        "geodata/observations.csv: xian_qinzhou_port_rail_2023, "
        "chongqing_qinzhou_port_first_2017, chongqing_singapore_railsea_2018, "
        "asean_express_kelana_jaya_chongqing_2024, chongqing_padang_besar_rail_2023, "
        "clr_vientiane_chongqing_durian_2023, chongqing_singapore_railsea_actual_2018, "
        "hanoi_chongqing_rail_2021, chongqing_guoyuan_qinzhou_rail_2019, "
        "qinzhou_chongqing_rail_20000th_2022; was 1 (no factor)";
    p.set("corridor.Thai metre-gauge network.speed_factor", 1.804);
    p.provenance["corridor.Thai metre-gauge network.speed_factor"] =
        "calibrated 2026-12-05 (geodata/calibrated-profile.toml) to 7 observations of "
        "geodata/observations.csv: clr_th_la_cn_kunming_bangkok_2023, "
        "asean_express_kelana_jaya_chongqing_2024, chongqing_padang_besar_rail_2023, "
        "clr_th_kunming_thanaleng_bangkok_2023, asean_express_selangor_thanaleng_2024, "
        "th_durian_chongqing_road_rail_2023, lm_express_thai_durian_kunming_2025; was 1 (no "
        "factor)";
    p.set("border_rail.padang_besar.time_h", 83.09);
    p.provenance["border_rail.padang_besar.time_h"] =
        "calibrated 2026-12-05 (geodata/calibrated-profile.toml) to 3 observations of "
        "geodata/observations.csv: asean_express_kelana_jaya_chongqing_2024, "
        "chongqing_padang_besar_rail_2023, asean_express_selangor_thanaleng_2024; was 5 h "
        "(border.time_h)";
    p.set("corridor.Vietnam North-South Railway.speed_factor", 1.932);
    p.provenance["corridor.Vietnam North-South Railway.speed_factor"] =
        "calibrated 2026-12-05 (geodata/calibrated-profile.toml) to 1 observations of "
        "geodata/observations.csv: vn_yenvien_songthan_express_2019; was 1 (no factor)";
    return p;
  }

  /// Every parameter with its current value, unit and source (its provenance when set, else the
  /// default's source); corridor speed factors last, by name. O(parameters).
  [[nodiscard]] std::vector<parameter_info> parameters() const {
    std::vector<parameter_info> out;
    const auto source_of = [&](std::string_view name, std::string_view dflt) {
      const auto it = provenance.find(name);
      return it == provenance.end() ? dflt : std::string_view(it->second);
    };
    for (const auto& d : table())
      out.push_back({std::string(d.name), d.get(*this), d.unit, source_of(d.name, d.source)});
    for (const auto& [corridor, f] : corridor_speed_factor) {
      std::string name = factor_name(corridor);
      const std::string_view src = source_of(name, "set by the user");
      out.push_back({std::move(name), f, "factor", src});
    }
    for (const auto& [name, h] : border_time_h_at)
      out.push_back({name, h, "h", source_of(name, "set by the user")});
    return out;
  }

  /// The current value of parameter `name` (a corridor not listed: 1; a crossing not listed:
  /// border.time_h). Throws lookup_error for an unknown name. O(parameters).
  [[nodiscard]] double get(std::string_view name) const {
    if (const auto corridor = corridor_of_factor(name)) {
      const auto it = corridor_speed_factor.find(*corridor);
      return it == corridor_speed_factor.end() ? 1.0 : it->second;
    }
    if (place_of_border_time(name)) {
      const auto it = border_time_h_at.find(name);
      return it == border_time_h_at.end() ? border.time_h : it->second;
    }
    for (const auto& d : table()) {
      if (d.name == name) return d.get(*this);
    }
    throw_unknown(name);
  }

  /// The unit of parameter `name` ("km/h", "h", "USD/t", "factor", ...). Throws lookup_error.
  [[nodiscard]] static std::string_view unit_of(std::string_view name) {
    if (corridor_of_factor(name)) return "factor";
    if (place_of_border_time(name)) return "h";
    for (const auto& d : table()) {
      if (d.name == name) return d.unit;
    }
    throw_unknown(name);
  }

  /// Whether `name` is a time parameter: a speed, a stop time (border.PLACE.time_h included), or a
  /// corridor speed factor.
  [[nodiscard]] static bool is_time_parameter(std::string_view name) {
    const std::string_view u = unit_of(name);
    return u == "km/h" || u == "h" || u == "factor";
  }

  /// The physical range of a parameter, for calibration bounds and checks: freight commercial
  /// speeds per mode (assumptions: rail 5-120 km/h, road 10-90, sea 9-50 (5-27 kn), inland
  /// waterway 3-30), stop times 0-240 h, corridor factors 0.2-5, other figures 0-1e6.
  [[nodiscard]] static std::pair<double, double> physical_range(std::string_view name) {
    const std::string_view u = unit_of(name);
    if (u == "factor") return {0.2, 5};
    if (u == "h") return {0, 240};
    if (u == "t/yr") return {0, 1e12};
    if (u != "km/h") return {0, 1e6};
    if (name.starts_with("rail")) return {5, 120};
    if (name.starts_with("road")) return {10, 90};
    if (name.starts_with("sea")) return {9, 50};
    return {3, 30};
  }

  /// "corridor.NAME.speed_factor" for corridor NAME.
  [[nodiscard]] static std::string factor_name(std::string_view corridor) {
    return "corridor." + std::string(corridor) + ".speed_factor";
  }
  /// The corridor NAME of "corridor.NAME.speed_factor", if `name` has that form.
  [[nodiscard]] static std::optional<std::string> corridor_of_factor(std::string_view name) {
    return between(name, "corridor.", ".speed_factor");
  }

  /// "border.PLACE.time_h" for place id PLACE (every mode); with `only` rail or road,
  /// "border_rail.PLACE.time_h" or "border_road.PLACE.time_h".
  [[nodiscard]] static std::string border_time_name(std::string_view place,
                                                    std::optional<mode> only = std::nullopt) {
    const std::string_view head = !only                 ? "border."
                                  : *only == mode::rail ? "border_rail."
                                                        : "border_road.";
    return std::string(head) + std::string(place) + ".time_h";
  }
  /// The place id PLACE of "border.PLACE.time_h", "border_rail.PLACE.time_h" or
  /// "border_road.PLACE.time_h", if `name` has one of these forms.
  [[nodiscard]] static std::optional<std::string> place_of_border_time(std::string_view name) {
    for (const std::string_view head : {"border.", "border_rail.", "border_road."}) {
      if (auto place = between(name, head, ".time_h")) return place;
    }
    return std::nullopt;
  }
  /// The non-empty middle of `name` = head + MIDDLE + tail, if it has that form.
  [[nodiscard]] static std::optional<std::string> between(std::string_view name,
                                                          std::string_view head,
                                                          std::string_view tail) {
    if (name.size() <= head.size() + tail.size() || !name.starts_with(head) ||
        !name.ends_with(tail)) {
      return std::nullopt;
    }
    return std::string(name.substr(head.size(), name.size() - head.size() - tail.size()));
  }

  /// Sets one parameter by name ("rail.usd_per_tkm", "value_of_time", "border.time_h", ...).
  /// Throws lookup_error for an unknown name, input_error for a negative or non-finite value (and
  /// for a speed <= 0).
  void set(std::string_view name, double value) {
    if (const auto corridor = corridor_of_factor(name)) {
      if (!std::isfinite(value) || value <= 0) {
        throw input_error("cost parameter '" + std::string(name) + "': " + std::to_string(value) +
                          " must be > 0");
      }
      corridor_speed_factor[*corridor] = value;
      return;
    }
    if (place_of_border_time(name)) {
      if (!std::isfinite(value) || value < 0) {
        throw input_error("cost parameter '" + std::string(name) + "': " + std::to_string(value) +
                          " must be a finite number >= 0");
      }
      border_time_h_at[std::string(name)] = value;
      return;
    }
    for (const auto& d : table()) {
      if (d.name != name) continue;
      if (!std::isfinite(value) || value < 0 || (d.unit == "km/h" && value <= 0)) {
        throw input_error("cost parameter '" + std::string(name) + "': " + std::to_string(value) +
                          (d.unit == "km/h" ? " must be > 0" : " must be a finite number >= 0"));
      }
      *d.field(*this) = value;
      return;
    }
    throw_unknown(name);
  }

  [[nodiscard]] const mode_parameters& of(mode m) const noexcept {
    return modes[static_cast<std::size_t>(m)];
  }
  [[nodiscard]] const stop_parameters& of(transfer_kind t) const noexcept {
    return transfers[static_cast<std::size_t>(t)];
  }

 private:
  [[noreturn]] static void throw_unknown(std::string_view name) {
    std::string known;
    for (const auto& d : table()) known += (known.empty() ? "" : ", ") + std::string(d.name);
    throw lookup_error("unknown cost parameter '" + std::string(name) + "' (known: " + known +
                       ", corridor.NAME.speed_factor, border[_rail|_road].PLACE.time_h)");
  }

  struct descriptor {
    std::string_view name;
    double default_value;
    std::string_view unit;
    std::string_view source;
    double* (*field)(cost_profile&);
    [[nodiscard]] double get(const cost_profile& p) const {
      cost_profile copy = p;  // the accessors are written once, for the mutable case
      return *field(copy);
    }
  };

  // long function: one table of every cost parameter (name, default, unit, source), read at a
  // glance; split by group, the sources would scatter.
  static const std::vector<descriptor>& table() {
    using M = std::size_t;
    constexpr auto R = static_cast<M>(mode::rail), D = static_cast<M>(mode::road),
                   S = static_cast<M>(mode::sea), W = static_cast<M>(mode::inland_waterway);
    constexpr auto P = static_cast<M>(transfer_kind::port),
                   T = static_cast<M>(transfer_kind::terminal),
                   G = static_cast<M>(transfer_kind::gauge_break);
    static const std::vector<descriptor> t{
        {"rail.usd_per_tkm", 0.022, "USD/t-km",
         "facts.csv cost_cn_rail_2015: 0.1551 CNY/t-km at 7.1 CNY/USD",
         [](cost_profile& p) { return &p.modes[R].usd_per_tkm; }},
        {"road.usd_per_tkm", 0.075, "USD/t-km",
         "facts.csv cost_truck_usd_asia: 0.05-0.10 USD/t-km, midpoint (memory, low confidence)",
         [](cost_profile& p) { return &p.modes[D].usd_per_tkm; }},
        {"sea.usd_per_tkm", 0.006, "USD/t-km",
         "facts.csv cost_sea_usd_intraasia: 0.002-0.01 USD/t-km, midpoint (memory, low confidence)",
         [](cost_profile& p) { return &p.modes[S].usd_per_tkm; }},
        {"inland_waterway.usd_per_tkm", 0.015, "USD/t-km",
         "assumption: no figure in facts.csv; placed between sea and rail",
         [](cost_profile& p) { return &p.modes[W].usd_per_tkm; }},
        {"rail.co2_kg_per_tkm", 0.022, "kg CO2/t-km", "facts.csv co2_rail_ecta: 22 g/t-km (ECTA)",
         [](cost_profile& p) { return &p.modes[R].co2_kg_per_tkm; }},
        {"road.co2_kg_per_tkm", 0.062, "kg CO2/t-km", "facts.csv co2_road_ecta: 62 g/t-km (ECTA)",
         [](cost_profile& p) { return &p.modes[D].co2_kg_per_tkm; }},
        {"sea.co2_kg_per_tkm", 0.008, "kg CO2/t-km",
         "facts.csv co2_deepsea_ecta: 8 g/t-km (ECTA; short sea is 16 g: co2_shortsea_ecta)",
         [](cost_profile& p) { return &p.modes[S].co2_kg_per_tkm; }},
        {"inland_waterway.co2_kg_per_tkm", 0.031, "kg CO2/t-km",
         "facts.csv co2_iww_ecta: 31 g/t-km (ECTA)",
         [](cost_profile& p) { return &p.modes[W].co2_kg_per_tkm; }},
        {"rail.speed_kmh", 28.62, "km/h",
         "calibrated 2026-12-05 (geodata/calibrated-profile.toml) to 27 observations of "
         "geodata/observations.csv: clr_kunming_vientiane_lmexpress_2022, "
         "clr_vientiane_kunming_lmexpress_2025, clr_vientiane_south_kunming_durian_2024, "
         "clr_th_la_cn_kunming_bangkok_2023, nanning_hanoi_rail_2024, nanning_hanoi_rail_2023, "
         "xian_qinzhou_port_rail_2023, chongqing_qinzhou_port_first_2017, "
         "chongqing_singapore_railsea_2018, kunming_shanghai_rail_2023, "
         "asean_express_kelana_jaya_chongqing_2024, chongqing_padang_besar_rail_2023, "
         "clr_vientiane_kunming_durian_trace_2023, clr_vientiane_chongqing_durian_2023, "
         "th_durian_chongqing_road_rail_2023, chongqing_singapore_railsea_actual_2018, "
         "lm_express_thai_durian_kunming_2025, clr_kunming_vientiane_south_general_2022, "
         "clr_boten_vientiane_south_first_train_2021, clr_yuxi_vientiane_coldchain_2021, "
         "hanoi_chongqing_rail_2021, chongqing_guoyuan_qinzhou_rail_2019, "
         "qinzhou_chongqing_rail_20000th_2022, xian_almaty_changan_2016, "
         "urumqi_almaty_timetable_train_2024, xian_border_domestic_leg_2018, "
         "clr_guangzhou_vientiane_2023; was 30.2 km/h (facts.csv ilstc_rail_km: "
         "Chongqing-Beibu Gulf 1,450 km in ~2 days)",
         [](cost_profile& p) { return &p.modes[R].speed_kmh; }},
        {"rail_other_gauge.speed_kmh", 22.33, "km/h",
         "calibrated 2026-12-05 (geodata/calibrated-profile.toml) to 14 observations of "
         "geodata/observations.csv: clr_th_la_cn_kunming_bangkok_2023, "
         "vn_haiphong_kaiyuan_rail_2017, nanning_hanoi_rail_2024, nanning_hanoi_rail_2023, "
         "asean_express_kelana_jaya_chongqing_2024, chongqing_padang_besar_rail_2023, "
         "clr_th_kunming_thanaleng_bangkok_2023, asean_express_selangor_thanaleng_2024, "
         "th_durian_chongqing_road_rail_2023, vn_lychee_bacgiang_pingxiang_rail_2023, "
         "lm_express_thai_durian_kunming_2025, xian_almaty_changan_2016, "
         "urumqi_almaty_timetable_train_2024, vn_yenvien_songthan_express_2019; was 21 km/h "
         "(links.csv r_yv_05 note: Hai Phong-Yunnan metre gauge 610 km in 29 h excl. customs)",
         [](cost_profile& p) { return &p.rail_other_gauge_speed_kmh; }},
        {"road.speed_kmh", 50.0, "km/h",
         "assumption: no figure in facts.csv; long-haul truck average incl. rests",
         [](cost_profile& p) { return &p.modes[D].speed_kmh; }},
        {"sea.speed_kmh", 24.84, "km/h",
         "calibrated 2026-12-05 (geodata/calibrated-profile.toml) to 20 observations of "
         "geodata/observations.csv: chongqing_singapore_railsea_2018, qinzhou_muara_sea_2023, "
         "muara_qinzhou_sea_2023, chongqing_singapore_railsea_actual_2018, "
         "apl_cs8_shanghai_jakarta_2018, apl_cs8_shekou_jakarta_2018, "
         "mol_vh3_haiphong_hongkong_2007, chinadaily_qinzhou_singapore_2018, "
         "qinzhou_hongkong_liner_2009, msc_seagull_shanghai_caimep_2019, "
         "msc_seagull_shanghai_laemchabang_2019, msc_seagull_caimep_shanghai_2019, "
         "msc_seagull_laemchabang_shanghai_2019, "
         "jinjiang_thai_express_shanghai_laemchabang_2026, cosco_durian_thailand_nansha_2023, "
         "durian_express_laemchabang_nansha_2022, wanhai_emc_durian_laemchabang_nansha_2022, "
         "wanhai_rcep_xiamen_catlai_2023, sitc_xiamen_sihanoukville_2023, "
         "weitou_manila_direct_express_2024; was 27.8 km/h (15 kn: facts.csv computed_sea "
         "links)",
         [](cost_profile& p) { return &p.modes[S].speed_kmh; }},
        {"inland_waterway.speed_kmh", 12.0, "km/h",
         "assumption: no figure in facts.csv (Yangtze 2,400 km in >14 days = 7 km/h incl. "
         "locks: ilstc_yangtze_km)",
         [](cost_profile& p) { return &p.modes[W].speed_kmh; }},
        {"port.time_h", 10.21, "h",
         "calibrated 2026-12-05 (geodata/calibrated-profile.toml) to 2 observations of "
         "geodata/observations.csv: chongqing_singapore_railsea_2018, "
         "chongqing_singapore_railsea_actual_2018; was 16.8 h (facts.csv port_time_median: 0.7 "
         "days median container ship time in port)",
         [](cost_profile& p) { return &p.transfers[P].time_h; }},
        {"port.usd_per_t", 10.0, "USD/t",
         "assumption: no figure in facts.csv; ~USD 100-150 terminal handling per TEU of 10-15 t",
         [](cost_profile& p) { return &p.transfers[P].usd_per_t; }},
        {"port.co2_kg_per_t", 0.3, "kg CO2/t",
         "assumption: no figure in facts.csv; cranes and yard moves",
         [](cost_profile& p) { return &p.transfers[P].co2_kg_per_t; }},
        {"terminal.time_h", 6.0, "h", "assumption: no figure in facts.csv; road-rail transfer",
         [](cost_profile& p) { return &p.transfers[T].time_h; }},
        {"terminal.usd_per_t", 5.0, "USD/t", "assumption: no figure in facts.csv; road-rail lift",
         [](cost_profile& p) { return &p.transfers[T].usd_per_t; }},
        {"terminal.co2_kg_per_t", 0.3, "kg CO2/t", "assumption: no figure in facts.csv",
         [](cost_profile& p) { return &p.transfers[T].co2_kg_per_t; }},
        {"gauge_break.time_h", 1.5, "h",
         "facts.csv gauge_swap_train: Alashankou whole-train gauge-change reload 1.5 h (2024)",
         [](cost_profile& p) { return &p.transfers[G].time_h; }},
        {"gauge_break.usd_per_t", 5.0, "USD/t",
         "assumption: no figure in facts.csv; one container lift between wagons",
         [](cost_profile& p) { return &p.transfers[G].usd_per_t; }},
        {"gauge_break.co2_kg_per_t", 0.3, "kg CO2/t", "assumption: no figure in facts.csv",
         [](cost_profile& p) { return &p.transfers[G].co2_kg_per_t; }},
        {"border.time_h", 0.0, "h",
         "calibrated 2026-12-05 (geodata/calibrated-profile.toml) to 14 observations of "
         "geodata/observations.csv: clr_th_la_cn_kunming_bangkok_2023, "
         "vn_haiphong_kaiyuan_rail_2017, nanning_hanoi_rail_2024, nanning_hanoi_rail_2023, "
         "asean_express_kelana_jaya_chongqing_2024, chongqing_padang_besar_rail_2023, "
         "clr_th_kunming_thanaleng_bangkok_2023, asean_express_selangor_thanaleng_2024, "
         "th_durian_chongqing_road_rail_2023, vn_lychee_bacgiang_pingxiang_rail_2023, "
         "lm_express_thai_durian_kunming_2025, hanoi_chongqing_rail_2021, "
         "xian_almaty_changan_2016, urumqi_almaty_timetable_train_2024; was 5 h (facts.csv "
         "clr_customs: China-Laos railway clearance <= 5 h, 2024); the fit stops at the bound "
         "0: the observed through trains clear borders in parallel with their running time",
         [](cost_profile& p) { return &p.border.time_h; }},
        {"border_road.time_h", 5.0, "h",
         "assumption: the pre-calibration border.time_h (facts.csv clr_customs: 5 h); the bundled "
         "observations do not identify truck crossings (the road rows are excluded: "
         "geodata/observations-excluded.csv)",
         [](cost_profile& p) { return &p.border_road_time_h; }},
        {"border.usd_per_t", 2.0, "USD/t",
         "assumption: no figure in facts.csv; customs and inspection fees",
         [](cost_profile& p) { return &p.border.usd_per_t; }},
        {"border.co2_kg_per_t", 0.0, "kg CO2/t",
         "assumption: waiting emits nothing counted here (idling not modelled)",
         [](cost_profile& p) { return &p.border.co2_kg_per_t; }},
        {"capacity.rail_t_per_year", 20e6, "t/yr",
         "assumption: a single-track standard-gauge line; Nanning-Kunming (single track) was "
         "designed for 10 rising to 30 Mt/yr and carried 20 Mt in 2001 "
         "(http://en.people.cn/english/200103/07/print20010307_64277.html)",
         [](cost_profile& p) { return &p.capacity.rail_t_per_year; }},
        {"capacity.rail_other_gauge_t_per_year", 4e6, "t/yr",
         "assumption: a metre-gauge line, ~12 freight trains/day x 25 wagons x 35 t; SRT's whole "
         "network carries ~13 Mt/yr (https://laotiantimes.com/2021/11/09/"
         "thailand-to-increase-freight-train-services-)",
         [](cost_profile& p) { return &p.capacity.rail_other_gauge_t_per_year; }},
        {"capacity.road_t_per_year", 20e6, "t/yr",
         "assumption: a trunk road's truck traffic, ~3,000 trucks/day x 20 t (no figure found)",
         [](cost_profile& p) { return &p.capacity.road_t_per_year; }},
        {"capacity.border_t_per_year", 7e6, "t/yr",
         "assumption: a main land border crossing, ~1,000 trucks/day x 20 t; Lang Son's gates "
         "pass >1,000 vehicles/day (https://en.vietnamplus.vn/"
         "border-gates-in-lang-son-province-maintain-regular-ope...)",
         [](cost_profile& p) { return &p.capacity.border_t_per_year; }},
        {"capacity.port_t_per_year", 10e6, "t/yr",
         "assumption: a mid-size container port, ~1M TEU x 10 t (ports with a figure carry their "
         "own)",
         [](cost_profile& p) { return &p.capacity.port_t_per_year; }},
        {"capacity.terminal_t_per_year", 5e6, "t/yr",
         "assumption: a road-rail terminal (no figure found)",
         [](cost_profile& p) { return &p.capacity.terminal_t_per_year; }},
        {"capacity.gauge_break_t_per_year", 0.8e6, "t/yr",
         "facts.csv clr_vte_yard_cap: the Vientiane South gauge-change yard, 0.8 Mt/yr (1 "
         "standard- and 2 metre-gauge tracks)",
         [](cost_profile& p) { return &p.capacity.gauge_break_t_per_year; }},
        {"value_of_time", 0.5, "USD/t-h",
         "assumption: no figure in facts.csv; general containerised cargo (perishables: higher)",
         [](cost_profile& p) { return &p.value_of_time_usd_per_t_h; }},
        {"carbon_price", 0.0, "USD/t CO2", "policy choice: none by default",
         [](cost_profile& p) { return &p.carbon_price_usd_per_t_co2; }},
    };
    return t;
  }
};

}  // namespace corridor
