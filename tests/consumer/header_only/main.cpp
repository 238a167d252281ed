// Compiled with nothing but corridor's include directory, Boost and Eigen: the core is
// header-only. Builds the README's miniature network and checks two routes.
#include <cstdio>
#include <utility>

#include <corridor/corridor.hpp>

int main() {
  using namespace corridor;
  network_builder b;
  b.add_place({.id = "kunming", .country = "CN", .position = geo::lonlat{102.72, 25.04}});
  b.add_place({.id = "vientiane", .country = "LA", .position = geo::lonlat{102.63, 17.98}});
  b.add_link({.id = "clr",
              .from = "kunming",
              .to = "vientiane",
              .mode = mode::rail,
              .length_km = 1035,
              .gauge_mm = 1435});
  b.add_link(
      {.id = "road", .from = "kunming", .to = "vientiane", .mode = mode::road, .length_km = 1300});
  const built_network net = std::move(b).build();
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  int ok = 0;
  const route fast = find_route(net, c, criterion::time, {}, 0, 1);
  const route cheap = find_route(net, c, criterion::cost, {}, 0, 1);
  ok += fast.status == route_status::ok && fast.totals.border_crossings == 1;
  ok += cheap.status == route_status::ok && cheap.legs.back().mode == mode::rail;
  std::printf("%d ok\n", ok);
  return ok == 2 ? 0 : 1;
}
