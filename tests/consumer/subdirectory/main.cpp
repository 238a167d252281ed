// Uses corridor through add_subdirectory: a 3-link chain, distance 3.
#include <cstdio>
#include <utility>

#include <corridor/corridor.hpp>

int main() {
  corridor::network_builder b({.generate_transfers = false, .geographic = false});
  for (const char* id : {"a", "b", "c", "d"}) b.add_place({.id = id});
  b.add_link({.id = "1", .from = "a", .to = "b", .oneway = true, .weight = 1});
  b.add_link({.id = "2", .from = "b", .to = "c", .oneway = true, .weight = 1});
  b.add_link({.id = "3", .from = "c", .to = "d", .oneway = true, .weight = 1});
  b.add_link({.id = "4", .from = "a", .to = "d", .oneway = true, .weight = 5});
  const corridor::built_network net = std::move(b).build();
  const auto p = corridor::shortest_path(net.graph, corridor::by_column(net.links.weight),
                                         corridor::node_id{0}, corridor::node_id{3});
  if (!p) return 1;
  std::printf("distance %g\n", p->weight);
  return p->weight == 3 ? 0 : 1;
}
