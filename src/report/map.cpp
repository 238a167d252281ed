// Maps with cairo: country outlines (any OGR polygon source, or a .xz-compressed one decompressed
// in memory), the network by mode and status, routes in distinct colours, a legend and a title,
// to SVG or PNG.
#include "corridor/report/map.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <limits>
#include <memory>
#include <numbers>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <cairo-svg.h>
#include <cairo.h>

#include "corridor/error.hpp"
#include "corridor/gis/outlines.hpp"
#include "corridor/gis/write.hpp"
#include "corridor/text.hpp"

namespace corridor::report {
namespace {

namespace fs = std::filesystem;

// ---- Colours and styles ------------------------------------------------------------------------

struct colour {
  double r = 0, g = 0, b = 0;
};

constexpr colour hex(std::uint32_t v) {
  return {static_cast<double>((v >> 16U) & 0xFFU) / 255.0,
          static_cast<double>((v >> 8U) & 0xFFU) / 255.0, static_cast<double>(v & 0xFFU) / 255.0};
}

/// `c` mixed with white: t = 0 keeps it, t = 1 gives white.
constexpr colour lighter(colour c, double t) {
  return {c.r + (1 - c.r) * t, c.g + (1 - c.g) * t, c.b + (1 - c.b) * t};
}

constexpr colour sea_colour = hex(0xDCE9F5);
constexpr colour land_colour = hex(0xF4F1EA);
constexpr colour border_colour = hex(0xA8A8A8);
constexpr colour text_colour = hex(0x222222);
constexpr colour note_colour = hex(0x808080);
constexpr colour place_colour = hex(0x555555);
constexpr colour seaport_colour = hex(0x2A6FB0);

constexpr std::array<colour, 10> route_palette{
    hex(0xE6194B), hex(0x3CB44B), hex(0x4363D8), hex(0xF58231), hex(0x911EB4),
    hex(0x42D4F4), hex(0xF032E6), hex(0xBFEF45), hex(0x469990), hex(0x9A6324)};
constexpr double route_alpha = 0.85;
constexpr double passenger_lightening = 0.55;

/// Line style of a mode at the reference width of 1600 px.
struct mode_style {
  colour c;
  double width = 1;
};

mode_style style_of(mode m) {
  switch (m) {
    case mode::rail:
      return {hex(0x8B1A1A), 1.6};
    case mode::road:
      return {hex(0x777777), 1.0};
    case mode::sea:
      return {hex(0x2A6FB0), 0.8};
    case mode::inland_waterway:
      return {hex(0x1F8A8A), 1.0};
    case mode::transfer:
      break;
  }
  return {hex(0x999999), 0.8};
}

// ---- Resource owners ---------------------------------------------------------------------------

struct cairo_closer {
  void operator()(cairo_t* c) const noexcept { cairo_destroy(c); }
};
struct surface_closer {
  void operator()(cairo_surface_t* s) const noexcept { cairo_surface_destroy(s); }
};
using cairo_ptr = std::unique_ptr<cairo_t, cairo_closer>;
using surface_ptr = std::unique_ptr<cairo_surface_t, surface_closer>;

// ---- Projection --------------------------------------------------------------------------------

struct xy {
  double x = 0, y = 0;
};

/// Equirectangular projection of the network's extent onto the canvas, x scaled by cos(mid
/// latitude), centred.
struct view {
  int width = 0, height = 0;
  double lon_min = 0, lat_max = 0;
  double kx = 1;     // cos(mid latitude)
  double scale = 1;  // px per degree of latitude
  double ox = 0, oy = 0;
  double s = 1;  // line widths and markers relative to a 1600 px wide map
  double t = 1;  // text, the same but never below 0.75 (readable on small maps)

  [[nodiscard]] xy project(geo::lonlat p) const noexcept {
    return {ox + (p.lon - lon_min) * kx * scale, oy + (lat_max - p.lat) * scale};
  }
  [[nodiscard]] geo::lonlat unproject(xy p) const noexcept {
    return {lon_min + (p.x - ox) / (kx * scale), lat_max - (p.y - oy) / scale};
  }
};

view make_view(const built_network& net, int width_px) {
  double lo_lon = std::numeric_limits<double>::infinity(), hi_lon = -lo_lon;
  double lo_lat = lo_lon, hi_lat = -lo_lon;
  for (std::uint32_t p = 0; p < net.places.size(); ++p) {
    if (!net.places.has_position(p)) continue;
    const geo::lonlat q = net.places.position[p];
    lo_lon = std::min(lo_lon, q.lon);
    hi_lon = std::max(hi_lon, q.lon);
    lo_lat = std::min(lo_lat, q.lat);
    hi_lat = std::max(hi_lat, q.lat);
  }
  if (!std::isfinite(lo_lon)) {
    throw input_error("map: the network has no place with coordinates, nothing to draw");
  }
  // A single place (or a line of places) still gets an area around it.
  constexpr double min_span = 0.5;
  const auto widen = [](double& lo, double& hi) {
    if (hi - lo < min_span) {
      const double mid = (lo + hi) / 2;
      lo = mid - min_span / 2;
      hi = mid + min_span / 2;
    }
  };
  widen(lo_lon, hi_lon);
  widen(lo_lat, hi_lat);
  constexpr double margin = 0.04;
  const double mlon = (hi_lon - lo_lon) * margin, mlat = (hi_lat - lo_lat) * margin;
  lo_lon -= mlon;
  hi_lon += mlon;
  lo_lat = std::max(-90.0, lo_lat - mlat);
  hi_lat = std::min(90.0, hi_lat + mlat);

  view v;
  v.width = width_px;
  v.lon_min = lo_lon;
  v.lat_max = hi_lat;
  v.kx = std::max(0.05, std::cos((lo_lat + hi_lat) / 2 * std::numbers::pi / 180));
  const double wx = (hi_lon - lo_lon) * v.kx, wy = hi_lat - lo_lat;
  v.height = static_cast<int>(
      std::clamp(std::lround(static_cast<double>(width_px) * wy / wx), 400L, 3000L));
  v.scale = std::min(static_cast<double>(v.width) / wx, static_cast<double>(v.height) / wy);
  v.ox = (static_cast<double>(v.width) - wx * v.scale) / 2;
  v.oy = (static_cast<double>(v.height) - wy * v.scale) / 2;
  v.s = static_cast<double>(width_px) / 1600.0;
  v.t = std::max(v.s, 0.75);
  return v;
}

// ---- Country outlines --------------------------------------------------------------------------

using ring = std::vector<xy>;
using polygon = std::vector<ring>;  // outer ring first, then holes

struct outlines {
  std::vector<polygon> polygons;
  std::string note;  // why there are none, when there are none
};

/// A polygon projected, with vertices closer than `min_px` to the previous one dropped (outlines
/// at 1:50m are far finer than the map); empty when its outer ring is smaller than a pixel.
polygon project_polygon(const gis::lonlat_polygon& in, const view& v) {
  constexpr double min_px = 0.6;
  polygon pg;
  for (const auto& r : in) {
    ring pts;
    for (const geo::lonlat& p : r) {
      const xy q = v.project(p);
      if (!std::isfinite(q.x) || !std::isfinite(q.y)) continue;
      if (!pts.empty() && std::hypot(q.x - pts.back().x, q.y - pts.back().y) < min_px) continue;
      pts.push_back(q);
    }
    if (pts.size() >= 3) {
      pg.push_back(std::move(pts));
    } else if (pg.empty()) {
      return {};  // the outer ring is smaller than a pixel
    }
  }
  return pg;
}

/// The polygons of `path` that meet the map's extent, projected.
void read_polygons(const fs::path& path, const view& v, std::vector<polygon>& out) {
  const geo::lonlat nw = v.unproject({0, 0});
  const geo::lonlat se = v.unproject({static_cast<double>(v.width), static_cast<double>(v.height)});
  const gis::lonlat_box box{nw.lon, se.lat, se.lon, nw.lat};
  for (const gis::lonlat_polygon& p : gis::read_polygons(path, box)) {
    polygon pg = project_polygon(p, v);
    if (!pg.empty()) out.push_back(std::move(pg));
  }
}

/// Country outlines from `path`, or none and the reason.
outlines load_outlines(const fs::path& path, const view& v) {
  outlines o;
  if (path.empty()) {
    o.note = "no country outlines (none given)";
    return o;
  }
  std::error_code ec;
  if (!fs::exists(path, ec)) {
    o.note = "no country outlines (" + path.filename().string() + " not found)";
    return o;
  }
  try {
    read_polygons(path, v, o.polygons);
    if (o.polygons.empty()) {
      o.note = "no country outlines (" + path.filename().string() + " has no polygon here)";
    }
  } catch (const std::exception& e) {
    o.polygons.clear();
    std::string_view why = e.what();
    if (why.starts_with(path.string() + ": ")) why.remove_prefix(path.string().size() + 2);
    o.note = "no country outlines (" + path.filename().string() + ": " + std::string(why) + ")";
  }
  return o;
}

// ---- Drawing -----------------------------------------------------------------------------------

void set_colour(cairo_t* cr, colour c, double alpha = 1) {
  cairo_set_source_rgba(cr, c.r, c.g, c.b, alpha);
}

/// Points of a link in travel direction: the record's polyline, else straight between places.
std::vector<geo::lonlat> link_points(const built_network& net, std::uint32_t l) {
  const std::uint32_t r = net.links.record[l];
  std::vector<geo::lonlat> pts;
  if (r != no_index) {
    const auto g = net.records.geometry_of(r);
    pts.assign(g.begin(), g.end());
    if (net.links.reversed[l] != 0) std::reverse(pts.begin(), pts.end());
  }
  if (pts.size() < 2) {
    const link_id id{l};
    pts = {net.places.position[net.place_of(net.graph.tail(id))],
           net.places.position[net.place_of(net.graph.head(id))]};
  }
  return pts;
}

/// Appends a polyline to the current path; invalid points break it.
void add_polyline(cairo_t* cr, const view& v, const std::vector<geo::lonlat>& pts,
                  bool continue_path) {
  bool pen_down = continue_path;
  for (const geo::lonlat& q : pts) {
    if (!geo::valid(q)) {
      pen_down = false;
      continue;
    }
    const xy p = v.project(q);
    if (pen_down) {
      cairo_line_to(cr, p.x, p.y);
    } else {
      cairo_move_to(cr, p.x, p.y);
      pen_down = true;
    }
  }
}

void draw_outlines(cairo_t* cr, const view& v, const outlines& o) {
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_EVEN_ODD);
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width(cr, 0.7 * v.s);
  for (const polygon& pg : o.polygons) {
    cairo_new_path(cr);
    for (const ring& r : pg) {
      cairo_move_to(cr, r.front().x, r.front().y);
      for (std::size_t i = 1; i < r.size(); ++i) cairo_line_to(cr, r[i].x, r[i].y);
      cairo_close_path(cr);
    }
    set_colour(cr, land_colour);
    cairo_fill_preserve(cr);
    set_colour(cr, border_colour);
    cairo_stroke(cr);
  }
  cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING);
}

void draw_network(cairo_t* cr, const view& v, const built_network& net, const link_columns& L,
                  std::optional<int> year) {
  // One link per record: its forward link (every record has one; fall back to any).
  std::vector<std::uint32_t> link_of(net.records.size(), no_index);
  for (std::uint32_t l = 0; l < net.links.record.size(); ++l) {
    const std::uint32_t r = net.links.record[l];
    if (r == no_index) continue;
    if (link_of[r] == no_index ||
        (net.links.reversed[l] == 0 && net.links.reversed[link_of[r]] != 0)) {
      link_of[r] = l;
    }
  }
  const double dash[] = {6 * v.s, 4 * v.s};
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  // Water underneath, rail on top.
  for (const mode m : {mode::sea, mode::inland_waterway, mode::road, mode::rail}) {
    const mode_style st = style_of(m);
    cairo_set_line_width(cr, st.width * v.s);
    for (const std::uint32_t l : link_of) {
      if (l == no_index || net.links.mode[l] != m) continue;
      const bool open = open_in(L.status[l], L.open_year[l], year);
      cairo_set_dash(cr, open ? nullptr : dash, open ? 0 : 2, 0);
      cairo_set_line_cap(cr, open ? CAIRO_LINE_CAP_ROUND : CAIRO_LINE_CAP_BUTT);
      set_colour(cr, L.freight[l] == 0 ? lighter(st.c, passenger_lightening) : st.c);
      cairo_new_path(cr);
      add_polyline(cr, v, link_points(net, l), false);
      cairo_stroke(cr);
    }
  }
  cairo_set_dash(cr, nullptr, 0, 0);
}

void seaport_marker(cairo_t* cr, xy p, double s) {
  const double a = 5.5 * s;
  cairo_rectangle(cr, p.x - a / 2, p.y - a / 2, a, a);
  set_colour(cr, seaport_colour);
  cairo_fill_preserve(cr);
  cairo_set_line_width(cr, 0.7 * s);
  set_colour(cr, hex(0xFFFFFF));
  cairo_stroke(cr);
}

void place_marker(cairo_t* cr, xy p, double s) {
  cairo_new_path(cr);
  cairo_arc(cr, p.x, p.y, 1.7 * s, 0, 2 * std::numbers::pi);
  set_colour(cr, place_colour);
  cairo_fill(cr);
}

void stop_marker(cairo_t* cr, xy p, double s, colour c) {
  cairo_new_path(cr);
  cairo_arc(cr, p.x, p.y, 3.6 * s, 0, 2 * std::numbers::pi);
  set_colour(cr, hex(0xFFFFFF));
  cairo_fill_preserve(cr);
  cairo_set_line_width(cr, 1.8 * s);
  set_colour(cr, c);
  cairo_stroke(cr);
}

void draw_places(cairo_t* cr, const view& v, const built_network& net) {
  for (std::uint32_t p = 0; p < net.places.size(); ++p) {
    if (!net.places.has_position(p)) continue;
    const xy q = v.project(net.places.position[p]);
    if (net.places.kind[p] == node_kind::seaport) {
      seaport_marker(cr, q, v.s);
    } else {
      place_marker(cr, q, v.s);
    }
  }
}

void draw_routes(cairo_t* cr, const view& v, const built_network& net,
                 const std::vector<map_route>& routes) {
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
  cairo_set_line_width(cr, 3.5 * v.s);
  for (std::size_t i = 0; i < routes.size(); ++i) {
    const route* r = routes[i].r;
    if (r == nullptr || r->status != route_status::ok) continue;
    // One path per route: overlapping legs of one route do not darken each other.
    cairo_new_path(cr);
    for (const leg& g : r->legs) {
      if (g.stop != stop_kind::none) continue;
      bool first = true;
      for (const link_id id : g.links) {
        add_polyline(cr, v, link_points(net, id.value()), !first);
        first = false;
      }
    }
    set_colour(cr, route_palette[i % route_palette.size()], route_alpha);
    cairo_stroke(cr);
  }
  for (std::size_t i = 0; i < routes.size(); ++i) {
    const route* r = routes[i].r;
    if (r == nullptr || r->status != route_status::ok) continue;
    for (const leg& g : r->legs) {
      if (g.stop == stop_kind::none || g.from_place == no_index) continue;
      if (!net.places.has_position(g.from_place)) continue;
      stop_marker(cr, v.project(net.places.position[g.from_place]), v.s,
                  route_palette[i % route_palette.size()]);
    }
  }
}

// ---- Text --------------------------------------------------------------------------------------

void set_font(cairo_t* cr, double size, bool bold) {
  cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                         bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL);
  cairo_set_font_size(cr, size);
}

/// Text with its baseline starting at (x, y), on a white halo so it reads over lines.
void halo_text(cairo_t* cr, double x, double y, const std::string& text, colour c, double s) {
  cairo_new_path(cr);
  cairo_move_to(cr, x, y);
  cairo_text_path(cr, text.c_str());
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  cairo_set_line_width(cr, 3 * s);
  set_colour(cr, hex(0xFFFFFF), 0.85);
  cairo_stroke_preserve(cr);
  set_colour(cr, c);
  cairo_fill(cr);
}

std::string short_name(const built_network& net, std::uint32_t p) {
  const std::string& name = net.places.name[p];
  if (name.empty()) return net.places.id[p];
  const auto cut = name.find(" (");
  return cut == std::string::npos || cut == 0 ? name : name.substr(0, cut);
}

struct box {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  [[nodiscard]] bool overlaps(const box& o) const noexcept {
    return x0 < o.x1 && o.x0 < x1 && y0 < o.y1 && o.y0 < y1;
  }
};

/// Labels the ends of the routes (bold, always) and of their travel legs (where room is left).
void draw_labels(cairo_t* cr, const view& v, const built_network& net,
                 const std::vector<map_route>& routes) {
  std::vector<std::uint32_t> major, minor;
  for (const map_route& mr : routes) {
    if (mr.r == nullptr) continue;
    major.push_back(mr.r->from_place);
    major.push_back(mr.r->to_place);
    if (mr.r->status != route_status::ok) continue;
    for (const leg& g : mr.r->legs) {
      if (g.stop != stop_kind::none) continue;
      minor.push_back(g.from_place);
      minor.push_back(g.to_place);
    }
  }
  const auto dedupe = [](std::vector<std::uint32_t>& xs) {
    std::vector<std::uint32_t> out;
    for (const std::uint32_t x : xs) {
      if (std::find(out.begin(), out.end(), x) == out.end()) out.push_back(x);
    }
    xs = std::move(out);
  };
  dedupe(major);
  dedupe(minor);
  std::erase_if(minor, [&](std::uint32_t p) {
    return std::find(major.begin(), major.end(), p) != major.end();
  });

  std::vector<box> taken;
  const auto place_label = [&](std::uint32_t p, bool is_major) {
    if (p == no_index || p >= net.places.size() || !net.places.has_position(p)) return;
    const double size = (is_major ? 13.0 : 10.5) * v.t;
    set_font(cr, size, is_major);
    const std::string text = short_name(net, p);
    cairo_text_extents_t te;
    cairo_text_extents(cr, text.c_str(), &te);
    const xy q = v.project(net.places.position[p]);
    const double gap = 5 * v.t, w = te.x_advance, h = size;
    // Right, left, above, below the place.
    const std::array<xy, 4> at{xy{q.x + gap, q.y + h * 0.35}, xy{q.x - gap - w, q.y + h * 0.35},
                               xy{q.x - w / 2, q.y - gap}, xy{q.x - w / 2, q.y + gap + h * 0.8}};
    for (std::size_t i = 0; i < at.size(); ++i) {
      const box b{at[i].x - 2, at[i].y - h * 0.8 - 2, at[i].x + w + 2, at[i].y + h * 0.25 + 2};
      const bool inside = b.x0 >= 0 && b.x1 <= v.width && b.y0 >= 0 && b.y1 <= v.height;
      const bool free =
          std::none_of(taken.begin(), taken.end(), [&](const box& o) { return o.overlaps(b); });
      if ((inside && free) || (is_major && i + 1 == at.size())) {
        const xy a = (inside && free) ? at[i] : at[0];
        taken.push_back({a.x - 2, a.y - h * 0.8 - 2, a.x + w + 2, a.y + h * 0.25 + 2});
        halo_text(cr, a.x, a.y, text, text_colour, v.t);
        return;
      }
    }
  };
  for (const std::uint32_t p : major) {
    if (p == no_index || p >= net.places.size() || !net.places.has_position(p)) continue;
    const xy q = v.project(net.places.position[p]);
    cairo_new_path(cr);
    cairo_arc(cr, q.x, q.y, 3.8 * v.s, 0, 2 * std::numbers::pi);
    set_colour(cr, text_colour);
    cairo_fill_preserve(cr);
    cairo_set_line_width(cr, 1.2 * v.s);
    set_colour(cr, hex(0xFFFFFF));
    cairo_stroke(cr);
  }
  for (const std::uint32_t p : major) place_label(p, true);
  for (const std::uint32_t p : minor) place_label(p, false);
}

// ---- Legend, title, note -----------------------------------------------------------------------

void draw_legend(cairo_t* cr, const view& v, const std::vector<map_route>& routes,
                 std::optional<int> year) {
  enum class sample : std::uint8_t { route, line, seaport, stop };
  struct entry {
    sample kind = sample::line;
    std::string text;
    colour c;
    double width = 1;
    bool dashed = false;
  };
  std::vector<entry> entries;
  for (std::size_t i = 0; i < routes.size(); ++i) {
    const bool no_path = routes[i].r == nullptr || routes[i].r->status != route_status::ok;
    entries.push_back({sample::route, routes[i].label + (no_path ? " - no path" : ""),
                       route_palette[i % route_palette.size()], 3.5, false});
  }
  const mode_style rail = style_of(mode::rail);
  for (const mode m : {mode::rail, mode::road, mode::sea, mode::inland_waterway}) {
    const mode_style st = style_of(m);
    entries.push_back({sample::line,
                       m == mode::inland_waterway ? "inland waterway" : std::string(to_string(m)),
                       st.c, st.width, false});
  }
  entries.push_back({sample::line,
                     year ? "not open in " + std::to_string(*year) + " (planned/under construction)"
                          : "not open (planned, building or closed)",
                     rail.c, rail.width, true});
  entries.push_back(
      {sample::line, "passenger-only", lighter(rail.c, passenger_lightening), rail.width, false});
  entries.push_back({sample::seaport, "seaport", seaport_colour, 1, false});
  if (!routes.empty()) {
    entries.push_back(
        {sample::stop, "stop (transfer, gauge break, border)", route_palette[0], 1, false});
  }

  const double font = 12 * v.t, line_h = 18 * v.t, pad = 10 * v.t, swatch = 30 * v.t;
  set_font(cr, font, false);
  double text_w = 0;
  for (const entry& e : entries) {
    cairo_text_extents_t te;
    cairo_text_extents(cr, e.text.c_str(), &te);
    text_w = std::max(text_w, te.x_advance);
  }
  const double gap_after_routes = routes.empty() ? 0 : 6 * v.t;
  const double w = pad * 2 + swatch + 8 * v.t + text_w;
  const double h = pad * 2 + line_h * static_cast<double>(entries.size()) + gap_after_routes;
  const double x = 12 * v.t, y = static_cast<double>(v.height) - 12 * v.t - h;
  cairo_new_path(cr);
  cairo_rectangle(cr, x, y, w, h);
  set_colour(cr, hex(0xFFFFFF), 0.9);
  cairo_fill_preserve(cr);
  cairo_set_line_width(cr, 1 * v.t);
  set_colour(cr, hex(0x999999));
  cairo_stroke(cr);

  const double dash[] = {6 * v.t, 4 * v.t};
  double cy = y + pad + line_h / 2;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const entry& e = entries[i];
    if (i == routes.size() && !routes.empty()) cy += gap_after_routes;
    const double sx = x + pad;
    const xy mid{sx + swatch / 2, cy};
    switch (e.kind) {
      case sample::route:
      case sample::line:
        cairo_new_path(cr);
        cairo_move_to(cr, sx, cy);
        cairo_line_to(cr, sx + swatch, cy);
        cairo_set_line_width(cr, std::max(e.width, 2.0) * v.t);
        cairo_set_line_cap(cr, e.dashed ? CAIRO_LINE_CAP_BUTT : CAIRO_LINE_CAP_ROUND);
        cairo_set_dash(cr, e.dashed ? dash : nullptr, e.dashed ? 2 : 0, 0);
        set_colour(cr, e.c, e.kind == sample::route ? route_alpha : 1);
        cairo_stroke(cr);
        cairo_set_dash(cr, nullptr, 0, 0);
        break;
      case sample::seaport:
        seaport_marker(cr, mid, v.t);
        break;
      case sample::stop:
        stop_marker(cr, mid, v.t, e.c);
        break;
    }
    set_font(cr, font, false);
    cairo_new_path(cr);
    cairo_move_to(cr, sx + swatch + 8 * v.t, cy + font * 0.35);
    set_colour(cr, text_colour);
    cairo_show_text(cr, e.text.c_str());
    cy += line_h;
  }
}

void draw_map(cairo_t* cr, const view& v, const outlines& o, const built_network& net,
              const std::vector<map_route>& routes, const map_options& options) {
  cairo_rectangle(cr, 0, 0, v.width, v.height);
  set_colour(cr, sea_colour);
  cairo_fill(cr);
  draw_outlines(cr, v, o);
  draw_network(cr, v, net, options.links ? *options.links : net.links, options.year);
  draw_places(cr, v, net);
  draw_routes(cr, v, net, routes);
  draw_labels(cr, v, net, routes);
  draw_legend(cr, v, routes, options.year);
  if (!options.title.empty()) {
    set_font(cr, 20 * v.t, true);
    halo_text(cr, 14 * v.t, 32 * v.t, options.title, text_colour, v.t);
  }
  if (!o.note.empty()) {
    const double size = 10 * v.t;
    set_font(cr, size, false);
    cairo_text_extents_t te;
    cairo_text_extents(cr, o.note.c_str(), &te);
    cairo_new_path(cr);
    cairo_move_to(cr, static_cast<double>(v.width) - te.x_advance - 10 * v.t,
                  static_cast<double>(v.height) - 10 * v.t);
    set_colour(cr, note_colour);
    cairo_show_text(cr, o.note.c_str());
  }
}

void check(cairo_status_t st, const fs::path& target, const char* what) {
  if (st != CAIRO_STATUS_SUCCESS) {
    throw error(target.string() + ": cannot " + what +
                " the map (cairo: " + cairo_status_to_string(st) + ")");
  }
}

}  // namespace

void render_map(const fs::path& target, const built_network& net,
                const std::vector<map_route>& routes, const map_options& options) {
  const std::string ext = to_lower(target.extension().string());
  if (ext != ".svg" && ext != ".png") {
    throw input_error(target.string() + ": unsupported map format '" + ext +
                      "' (use .svg or .png)");
  }
  if (options.width_px < 200 || options.width_px > 10000) {
    throw input_error(target.string() + ": map width " + std::to_string(options.width_px) +
                      " px is outside 200..10000");
  }
  const view v = make_view(net, options.width_px);
  const outlines o = load_outlines(options.countries, v);
  const auto draw_on = [&](cairo_surface_t* surface) {
    check(cairo_surface_status(surface), target, "create");
    const cairo_ptr cr(cairo_create(surface));
    draw_map(cr.get(), v, o, net, routes, options);
    check(cairo_status(cr.get()), target, "draw");
  };
  gis::write_atomically(target, [&](const fs::path& tmp) {
    if (ext == ".svg") {
      const surface_ptr surface(cairo_svg_surface_create(tmp.c_str(), v.width, v.height));
      check(cairo_surface_status(surface.get()), target, "create");
      cairo_svg_surface_set_document_unit(surface.get(), CAIRO_SVG_UNIT_PX);
      draw_on(surface.get());
      cairo_surface_finish(surface.get());  // writes the file
      check(cairo_surface_status(surface.get()), target, "write");
    } else {
      const surface_ptr surface(cairo_image_surface_create(CAIRO_FORMAT_RGB24, v.width, v.height));
      draw_on(surface.get());
      check(cairo_surface_write_to_png(surface.get(), tmp.c_str()), target, "write");
    }
  });
}

}  // namespace corridor::report
