#include <thread>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/corridor.hpp"  // with second_tu_test.cpp: two TUs with every header (ODR)
#include "corridor/network/network.hpp"

using namespace corridor;

TEST_CASE("network: CSR from arcs in any order, with the permutation") {
  // arcs (input order): 0:2->0  1:0->1  2:1->2  3:0->2  4:2->1
  const std::vector<node_id> tails{node_id{2}, node_id{0}, node_id{1}, node_id{0}, node_id{2}};
  const std::vector<node_id> heads{node_id{0}, node_id{1}, node_id{2}, node_id{2}, node_id{1}};
  std::vector<std::uint32_t> perm;
  const network g = network::from_arcs(3, tails, heads, perm);
  REQUIRE(g.node_count() == 3);
  REQUIRE(g.link_count() == 5);
  // Stable sort by tail: node 0 gets arcs 1, 3; node 1 arc 2; node 2 arcs 0, 4.
  CHECK(perm == std::vector<std::uint32_t>{1, 3, 2, 0, 4});
  for (std::uint32_t l = 0; l < 5; ++l) {
    CHECK(g.tail(link_id{l}) == tails[perm[l]]);
    CHECK(g.head(link_id{l}) == heads[perm[l]]);
  }
  CHECK(g.out_degree(node_id{0}) == 2);
  CHECK(g.out_degree(node_id{1}) == 1);
  CHECK(g.in_degree(node_id{2}) == 2);
  CHECK(g.in_degree(node_id{1}) == 2);
  for (std::uint32_t v = 0; v < 3; ++v) {
    for (const link_id l : g.in_links(node_id{v})) CHECK(g.head(l) == node_id{v});
    for (const link_id l : g.out_links(node_id{v})) CHECK(g.tail(l) == node_id{v});
  }
  // A column in input order follows its links.
  const std::vector<double> w_in{20, 1, 12, 2, 21};
  const std::vector<double> w = apply_permutation<double>(perm, w_in);
  for (std::uint32_t l = 0; l < 5; ++l) {
    const double expect = 10.0 * g.tail(link_id{l}).value() + g.head(link_id{l}).value();
    CHECK(w[l] == expect);
  }
}

TEST_CASE("network: move-only, explicit clone, empty network") {
  static_assert(!std::is_copy_constructible_v<network>);
  static_assert(std::is_nothrow_move_constructible_v<network>);
  const network empty;
  CHECK(empty.node_count() == 0);
  CHECK(empty.link_count() == 0);
  std::vector<std::uint32_t> perm;
  const std::vector<node_id> t{node_id{0}}, h{node_id{1}};
  const network g = network::from_arcs(2, t, h, perm);
  const network c = g.clone();
  CHECK(c.link_count() == 1);
  CHECK(c.head(link_id{0}) == node_id{1});
}

TEST_CASE("network: tail() agrees with the input arcs, with runs of nodes without links") {
  // Oracle: the tail each arc was given. Degrees from 0 to 150 (long runs of nodes without
  // links, and nodes with more links than a sample step), in random input order.
  std::uint64_t state = 20261122;
  const auto next = [&](std::uint32_t bound) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<std::uint32_t>((state >> 33) % bound);
  };
  for (const std::uint32_t n : {1u, 2u, 65u, 1000u}) {
    std::vector<node_id> tails, heads;
    for (std::uint32_t v = 0; v < n; ++v) {
      const std::uint32_t kind = next(10);
      const std::uint32_t degree = kind < 4 ? 0 : kind < 9 ? next(5) : next(151);
      for (std::uint32_t k = 0; k < degree; ++k) {
        tails.push_back(node_id{v});
        heads.push_back(node_id{next(n)});
      }
    }
    for (std::size_t i = tails.size(); i > 1; --i) {  // shuffle the input order
      const std::size_t j = next(static_cast<std::uint32_t>(i));
      std::swap(tails[i - 1], tails[j]);
      std::swap(heads[i - 1], heads[j]);
    }
    std::vector<std::uint32_t> perm;
    const network g = network::from_arcs(n, tails, heads, perm);
    for (std::uint32_t l = 0; l < g.link_count(); ++l) {
      REQUIRE(g.tail(link_id{l}) == tails[perm[l]]);
    }
    for (std::uint32_t v = 0; v < n; ++v) {
      for (const link_id l : g.out_links(node_id{v})) REQUIRE(g.tail(l) == node_id{v});
    }
  }
}

TEST_CASE("network: endpoints out of range are rejected") {
  std::vector<std::uint32_t> perm;
  const std::vector<node_id> t{node_id{0}}, h{node_id{5}};
  CHECK_THROWS_AS(network::from_arcs(2, t, h, perm), corridor::input_error);
}

TEST_CASE("network: the reverse CSR is built on first use, once, also from several threads") {
  // A ring 0 -> 1 -> ... -> 99 -> 0 plus chords v -> v + 7.
  std::vector<node_id> tails, heads;
  for (std::uint32_t v = 0; v < 100; ++v) {
    tails.push_back(node_id{v});
    heads.push_back(node_id{(v + 1) % 100});
    tails.push_back(node_id{v});
    heads.push_back(node_id{(v + 7) % 100});
  }
  std::vector<std::uint32_t> perm;
  const network g = network::from_arcs(100, tails, heads, perm);
  const std::size_t before = g.memory_bytes();
  CHECK(before == 101 * 4 + 200 * 4 + 13 * 4);  // first_out, heads, the tails of links 0, 16, ...
  std::vector<std::thread> pool;
  std::vector<std::uint32_t> degree_sum(4, 0);
  for (std::size_t t = 0; t < 4; ++t) {
    pool.emplace_back([&, t] {
      for (std::uint32_t v = 0; v < 100; ++v) degree_sum[t] += g.in_degree(node_id{v});
    });
  }
  for (std::thread& t : pool) t.join();
  for (const std::uint32_t s : degree_sum) CHECK(s == 200);
  CHECK(g.memory_bytes() == before + 101 * 4 + 200 * 8);  // first_in, in_link, in_tail
  for (std::uint32_t v = 0; v < 100; ++v) {
    const auto in = g.in_links(node_id{v});
    const auto from = g.in_tails(node_id{v});
    REQUIRE(in.size() == 2);
    REQUIRE(from.size() == 2);
    for (std::size_t k = 0; k < 2; ++k) {
      CHECK(g.head(in[k]) == node_id{v});
      CHECK(g.tail(in[k]) == from[k]);
    }
  }
  // A clone builds its own.
  const network c = g.clone();
  CHECK(c.memory_bytes() == before);
  CHECK(c.in_degree(node_id{7}) == 2);
}
