// Uses an installed corridor: read the sample, route Kunming -> Bangkok by rail.
#include <cstdio>

#include <corridor/corridor.hpp>
#include <corridor/gis/read.hpp>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  const corridor::gis::loaded_network n = corridor::gis::read_network(argv[1]);
  const auto costs = corridor::compute_link_costs(n.net, corridor::cost_profile::defaults());
  corridor::link_filter f;
  f.exclude_mode(corridor::mode::road);
  const auto r = corridor::find_route(n.net, costs, corridor::criterion::time, f,
                                      n.net.find_place("kunming"), n.net.find_place("bangkok"));
  if (r.status != corridor::route_status::ok) return 1;
  std::printf("kunming -> bangkok: %.1f h, %u borders, %u gauge break\n", r.totals.time_h,
              r.totals.border_crossings, r.totals.gauge_breaks);
  return 0;
}
