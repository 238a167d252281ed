// Constrained routes (required modes, via places) against an oracle built from all-pairs
// distances (Floyd-Warshall) on random multimodal networks: for walks, the best route that uses
// mode A is min over links e of mode A of d(s, tail e) + w(e) + d(head e, t); with A and B, the
// same over ordered pairs of links; through X it is min over X's nodes v of d(s, v) + d(v, t).
#include <limits>
#include <random>
#include <string>

#include <doctest/doctest.h>

#include "corridor/path/constrained.hpp"
#include "graph_oracles.hpp"
#include "sample_networks.hpp"
#include "test_support.hpp"

using namespace corridor;

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();

built_network random_multimodal(std::mt19937_64& rng) {
  network_builder b;
  const int n = 3 + static_cast<int>(rng() % 9);
  std::uniform_real_distribution<double> lon(100, 104), lat(10, 20), km(5, 400);
  for (int i = 0; i < n; ++i) {
    b.add_place({.id = "p" + std::to_string(i),
                 .country = (rng() % 3 == 0 ? "LA" : "TH"),
                 .position = geo::lonlat{lon(rng), lat(rng)}});
  }
  const int m = static_cast<int>(rng() % static_cast<unsigned>(3 * n));
  const mode modes[] = {mode::rail, mode::road, mode::sea};
  for (int i = 0; i < m; ++i) {
    const int u = static_cast<int>(rng() % static_cast<unsigned>(n));
    const int v = (u + 1 + static_cast<int>(rng() % static_cast<unsigned>(n - 1))) % n;
    const mode md = modes[rng() % 3];
    b.add_link(
        {.id = "l" + std::to_string(i),
         .from = "p" + std::to_string(u),
         .to = "p" + std::to_string(v),
         .mode = md,
         .length_km = km(rng),
         .gauge_mm = static_cast<std::uint16_t>(md == mode::rail ? (rng() % 2 ? 1435 : 1000) : 0),
         .oneway = rng() % 4 == 0});
  }
  return std::move(b).build();
}

double from_place(const built_network& net, const std::vector<std::vector<double>>& d,
                  std::uint32_t a, node_id v) {
  double best = inf;
  for (const node_id u : net.nodes_of(a)) best = std::min(best, d[u.value()][v.value()]);
  return best;
}
double to_place(const built_network& net, const std::vector<std::vector<double>>& d, node_id u,
                std::uint32_t b) {
  double best = inf;
  for (const node_id v : net.nodes_of(b)) best = std::min(best, d[u.value()][v.value()]);
  return best;
}
bool same(double a, double b) {
  return (a == inf && b == inf) || (a < inf && b < inf && a == doctest::Approx(b).epsilon(1e-9));
}
}  // namespace

TEST_CASE("constrained routes match the all-pairs oracle on 400 random multimodal networks") {
  std::mt19937_64 rng(test::seed() + 7);
  const cost_profile profile = cost_profile::defaults();
  int feasible = 0, infeasible = 0;
  for (int round = 0; round < 400; ++round) {
    const built_network net = random_multimodal(rng);
    const link_costs c = compute_link_costs(net, profile);
    const criterion by = round % 2 ? criterion::cost : criterion::time;
    const std::vector<double> w = c.criterion_weights(by);
    const test::distance_rows d = test::floyd_warshall_rows(net.graph, w);
    const std::uint32_t places = net.place_count();
    const std::uint32_t s = static_cast<std::uint32_t>(rng() % places);
    const std::uint32_t t = static_cast<std::uint32_t>(rng() % places);
    const std::uint32_t x = static_cast<std::uint32_t>(rng() % places);
    const auto links_of = [&](mode md) {
      std::vector<std::uint32_t> out;
      for (std::uint32_t l = 0; l < net.graph.link_count(); ++l) {
        if (net.links.mode[l] == md) out.push_back(l);
      }
      return out;
    };
    const auto through = [&](std::uint32_t l) {  // best s -> [link l] -> t
      const link_id id{l};
      return from_place(net, d, s, net.graph.tail(id)) + w[l] +
             to_place(net, d, net.graph.head(id), t);
    };
    // 1. Must use rail.
    {
      double oracle = inf;
      for (const auto l : links_of(mode::rail)) oracle = std::min(oracle, through(l));
      route_constraints rc;
      rc.require_mode(mode::rail);
      const route r = find_constrained_route(net, c, by, {}, s, t, rc);
      const double got = r.status == route_status::ok ? r.totals.weight : inf;
      CHECK(same(got, oracle));
      (oracle < inf ? feasible : infeasible)++;
      if (r.status == route_status::ok) {
        bool uses_rail = false;
        for (const leg& g : r.legs) uses_rail = uses_rail || g.mode == mode::rail;
        CHECK(uses_rail);
      }
    }
    // 2. Must use rail and sea (in either order).
    {
      double oracle = inf;
      for (const auto a : links_of(mode::rail)) {
        for (const auto b : links_of(mode::sea)) {
          for (const auto& [e, f] : {std::pair{a, b}, std::pair{b, a}}) {
            const link_id ie{e}, jf{f};
            oracle =
                std::min(oracle, from_place(net, d, s, net.graph.tail(ie)) + w[e] +
                                     d[net.graph.head(ie).value()][net.graph.tail(jf).value()] +
                                     w[f] + to_place(net, d, net.graph.head(jf), t));
          }
        }
      }
      route_constraints rc;
      rc.require_mode(mode::rail);
      rc.require_mode(mode::sea);
      const route r = find_constrained_route(net, c, by, {}, s, t, rc);
      CHECK(same(r.status == route_status::ok ? r.totals.weight : inf, oracle));
    }
    // 3. Via x.
    {
      // Arrive at and leave x on the same node: changing layer there costs its transfer.
      double oracle = inf;
      for (const node_id v : net.nodes_of(x)) {
        oracle = std::min(oracle, from_place(net, d, s, v) + to_place(net, d, v, t));
      }
      route_constraints rc;
      rc.via.push_back(x);
      const route r = find_constrained_route(net, c, by, {}, s, t, rc);
      CHECK(same(r.status == route_status::ok ? r.totals.weight : inf, oracle));
    }
  }
  CHECK(feasible > 50);
  CHECK(infeasible > 20);
}

TEST_CASE("constrained routes: rail + road on the miniature network, and corridors used") {
  const built_network net = test::mini_kunming_bangkok();
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  route_constraints rc;
  rc.require_mode(mode::rail);
  rc.require_mode(mode::road);
  link_filter f;  // only rail and road exist anyway
  const route r = find_constrained_route(net, c, criterion::time, f, net.find_place("K"),
                                         net.find_place("P"), rc);
  REQUIRE(r.status == route_status::ok);
  bool rail = false, road = false;
  for (const leg& g : r.legs) {
    rail = rail || g.mode == mode::rail;
    road = road || g.mode == mode::road;
  }
  CHECK(rail);
  CHECK(road);
  CHECK(corridors_used(net, r).empty());  // the miniature has no named corridors
}

namespace {
/// Whether a walk (its links, in order) satisfies "rail main haul, road only as access": road
/// links only before the first and after the last non-road, non-transfer link, at most
/// `max_links` of them at each end, together at most `max_km` long at each end, none crossing a
/// border; rail used at least once.
bool satisfies_access_rule(const built_network& net, const std::vector<std::uint32_t>& walk,
                           std::uint32_t max_links, double max_km, bool per_end_total = true) {
  int first_main = -1, last_main = -1;
  for (int i = 0; i < static_cast<int>(walk.size()); ++i) {
    const mode md = net.links.mode[walk[static_cast<std::size_t>(i)]];
    if (md != mode::road && md != mode::transfer) {
      if (first_main < 0) first_main = i;
      last_main = i;
    }
  }
  if (first_main < 0) return false;  // rail is required
  std::uint32_t before = 0, after = 0;
  double before_km = 0, after_km = 0;
  for (int i = 0; i < static_cast<int>(walk.size()); ++i) {
    const std::uint32_t l = walk[static_cast<std::size_t>(i)];
    if (net.links.mode[l] != mode::road) continue;
    if (i > first_main && i < last_main) return false;   // road in the middle
    if (net.links.crosses_border[l] != 0) return false;  // access stays in one country
    (i < first_main ? before : after)++;
    (i < first_main ? before_km : after_km) += net.links.length_km[l];
  }
  if (!per_end_total) {  // the rule before 2026-12-05: each access link at most max_km
    for (const std::uint32_t l : walk) {
      if (net.links.mode[l] == mode::road && net.links.length_km[l] > max_km) return false;
    }
    return before <= max_links && after <= max_links;
  }
  return before <= max_links && after <= max_links && before_km <= max_km && after_km <= max_km;
}

/// Brute force: the cheapest walk of at most `depth` links from place s to place t that satisfies
/// the rule (exponential; tiny graphs only).
double brute_force_access(const built_network& net, const std::vector<double>& w, std::uint32_t s,
                          std::uint32_t t, std::uint32_t max_links, double max_km,
                          std::size_t depth, bool per_end_total = true) {
  double best = inf;
  std::vector<std::uint32_t> walk;
  const auto dfs = [&](const auto& self, node_id v, double cost) -> void {
    if (cost >= best) return;
    if (net.place_of(v) == t &&
        satisfies_access_rule(net, walk, max_links, max_km, per_end_total)) {
      best = cost;
    }
    if (walk.size() == depth) return;
    for (const link_id l : net.graph.out_links(v)) {
      if (!(w[l.value()] < inf)) continue;
      walk.push_back(l.value());
      self(self, net.graph.head(l), cost + w[l.value()]);
      walk.pop_back();
    }
  };
  for (const node_id v : net.nodes_of(s)) dfs(dfs, v, 0.0);
  return best;
}
}  // namespace

TEST_CASE(
    "access modes (first and last mile, within one country) match a brute-force walk "
    "enumeration" *
    doctest::test_suite("slow")) {
  std::mt19937_64 rng(test::seed() + 11);
  const cost_profile profile = cost_profile::defaults();
  int feasible = 0, total_rule_binds = 0;
  for (int round = 0; round < 400; ++round) {
    network_builder b;
    const int n = 3 + static_cast<int>(rng() % 3);
    std::uniform_real_distribution<double> lon(100, 102), lat(10, 12), km(20, 500);
    for (int i = 0; i < n; ++i) {
      b.add_place({.id = "p" + std::to_string(i),
                   .country = (rng() % 3 == 0 ? "LA" : "TH"),
                   .position = geo::lonlat{lon(rng), lat(rng)}});
    }
    const int m = 2 + static_cast<int>(rng() % 8);
    for (int i = 0; i < m; ++i) {
      const int u = static_cast<int>(rng() % static_cast<unsigned>(n));
      const int v = (u + 1 + static_cast<int>(rng() % static_cast<unsigned>(n - 1))) % n;
      const bool rail = rng() % 3 == 0;  // mostly road: access walks of two links
      b.add_link({.id = "l" + std::to_string(i),
                  .from = "p" + std::to_string(u),
                  .to = "p" + std::to_string(v),
                  .mode = rail ? mode::rail : mode::road,
                  .length_km = km(rng),
                  .gauge_mm = static_cast<std::uint16_t>(rail ? 1435 : 0)});
    }
    const built_network net = std::move(b).build();
    const link_costs c = compute_link_costs(net, profile);
    const std::vector<double> w = c.criterion_weights(criterion::time);
    route_constraints rc;
    rc.require_mode(mode::rail);
    rc.access_mode(mode::road);
    rc.max_access_links = 1 + static_cast<std::uint32_t>(rng() % 2);
    rc.max_access_km = 400;
    const std::uint32_t s = static_cast<std::uint32_t>(rng() % static_cast<unsigned>(n));
    const std::uint32_t t = static_cast<std::uint32_t>(rng() % static_cast<unsigned>(n));
    const double oracle =
        brute_force_access(net, w, s, t, rc.max_access_links, rc.max_access_km, 9);
    const route r = find_constrained_route(net, c, criterion::time, {}, s, t, rc);
    CAPTURE(round);
    CHECK(same(r.status == route_status::ok ? r.totals.weight : inf, oracle));
    if (oracle < inf) ++feasible;
    // Cases where the per-end total (not only each link's length) decides the answer.
    if (!same(oracle,
              brute_force_access(net, w, s, t, rc.max_access_links, rc.max_access_km, 9, false))) {
      ++total_rule_binds;
    }
  }
  CHECK(feasible > 80);
  MESSAGE("feasible ", feasible, ", cases decided by the per-end total ", total_rule_binds);
}

TEST_CASE("access: two links at one end fit the access length together, not each") {
  // Hand-checked. O -(road 250)- M -(road 250)- R -(rail 100)- D, and O -(road 120)- S
  // -(rail 600)- D. Rail with road access of at most 300 km at each end: the old rule (each link
  // at most 300 km) trucked 500 km to R (250 + 250 road + 100 rail = 600 km); the access length
  // together is 500 > 300, so the route goes by S (120 road + 600 rail = 720 km).
  network_builder b;
  const auto place = [&](const char* id, double lon) {
    b.add_place({.id = id, .name = id, .country = "TH", .position = geo::lonlat{lon, 13}});
  };
  place("O", 100);
  place("M", 102.2);
  place("R", 104.4);
  place("D", 105.3);
  place("S", 101);
  const auto link = [&](const char* id, const char* f, const char* t, mode md, double km) {
    b.add_link({.id = id,
                .from = f,
                .to = t,
                .mode = md,
                .length_km = km,
                .gauge_mm = static_cast<std::uint16_t>(md == mode::rail ? 1435 : 0)});
  };
  link("om", "O", "M", mode::road, 250);
  link("mr", "M", "R", mode::road, 250);
  link("rd", "R", "D", mode::rail, 100);
  link("os", "O", "S", mode::road, 120);
  link("sd", "S", "D", mode::rail, 600);
  const built_network net = std::move(b).build();
  const link_costs c = compute_link_costs(net, cost_profile::defaults());
  route_constraints rc;
  rc.require_mode(mode::rail);
  rc.access_mode(mode::road);
  rc.max_access_km = 300;
  const route r = find_constrained_route(net, c, criterion::distance, {}, net.find_place("O"),
                                         net.find_place("D"), rc);
  REQUIRE(r.status == route_status::ok);
  CHECK(r.totals.distance_km == doctest::Approx(720));
  rc.max_access_km = 500;  // now the two links fit
  const route r2 = find_constrained_route(net, c, criterion::distance, {}, net.find_place("O"),
                                          net.find_place("D"), rc);
  REQUIRE(r2.status == route_status::ok);
  CHECK(r2.totals.distance_km == doctest::Approx(600));
  // The same at the destination end: D -(rail)- R -(road)- M -(road)- O, reversed.
  const route back = find_constrained_route(net, c, criterion::distance, {}, net.find_place("D"),
                                            net.find_place("O"), rc);
  REQUIRE(back.status == route_status::ok);
  CHECK(back.totals.distance_km == doctest::Approx(600));
  rc.max_access_km = 300;
  const route back2 = find_constrained_route(net, c, criterion::distance, {}, net.find_place("D"),
                                             net.find_place("O"), rc);
  REQUIRE(back2.status == route_status::ok);
  CHECK(back2.totals.distance_km == doctest::Approx(720));
}

TEST_CASE("constrained: a loop made only to use a required mode is cut, or reported") {
  // A -(road 100)- P -(road 10)- Q, P and Q seaports joined by sea (5 km), P -(road 200)- B.
  // road+sea from A to B: the best constrained route is A > P > Q > P (sea back) > B, a loop
  // through P; with the loop cut there is none (sea only between P and Q): no sensible route.
  network_builder b;
  const auto place = [&](const char* id, node_kind k, double lon) {
    b.add_place(
        {.id = id, .name = id, .kind = k, .country = "TH", .position = geo::lonlat{lon, 13}});
  };
  place("A", node_kind::city, 100);
  place("P", node_kind::seaport, 101);
  place("Q", node_kind::seaport, 101.05);
  place("B", node_kind::city, 103);
  const auto link = [&](const char* id, const char* f, const char* t, mode m, double km) {
    b.add_link({.id = id, .from = f, .to = t, .mode = m, .line = id, .length_km = km});
  };
  link("ap", "A", "P", mode::road, 100);
  link("pq", "P", "Q", mode::road, 10);
  link("pq_sea", "P", "Q", mode::sea, 5);
  link("pb", "P", "B", mode::road, 200);
  const built_network net = std::move(b).build();
  const link_costs costs = compute_link_costs(net, cost_profile::defaults());
  link_filter f;
  f.exclude_mode(mode::rail);
  f.exclude_mode(mode::inland_waterway);
  route_constraints c;
  c.require_mode(mode::road);
  c.require_mode(mode::sea);
  const route raw = find_constrained_route(net, costs, criterion::distance, f, net.find_place("A"),
                                           net.find_place("B"), c);
  REQUIRE(raw.status == route_status::ok);
  const std::vector<link_id> loop = first_loop(net, raw);
  REQUIRE_FALSE(loop.empty());
  CHECK(net.places.id[net.place_of(net.graph.tail(loop.front()))] == "P");
  std::string why;
  const route r = find_sensible_route(net, net.links, costs, criterion::distance, f,
                                      net.find_place("A"), net.find_place("B"), c, why);
  CHECK(r.status == route_status::no_path);
  CHECK(why == "no sensible route: it passes P twice");
  // Without the sea requirement the same search is plain and sensible.
  route_constraints road_only;
  road_only.require_mode(mode::road);
  const route plain = find_sensible_route(net, net.links, costs, criterion::distance, f,
                                          net.find_place("A"), net.find_place("B"), road_only, why);
  CHECK(plain.status == route_status::ok);
  CHECK(plain.totals.distance_km == doctest::Approx(300));
  CHECK(why.empty());
}
