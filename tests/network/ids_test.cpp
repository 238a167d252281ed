#include <type_traits>
#include <unordered_set>

#include <doctest/doctest.h>

#include "corridor/ids.hpp"

using corridor::link_id;
using corridor::node_id;

// Wrong mixes must not compile.
static_assert(!std::is_convertible_v<node_id, link_id>);
static_assert(!std::is_convertible_v<link_id, node_id>);
static_assert(!std::is_constructible_v<link_id, node_id>);
static_assert(!std::is_convertible_v<std::uint32_t, node_id>);  // explicit only
static_assert(sizeof(node_id) == 4 && sizeof(link_id) == 4);
static_assert(std::is_trivially_copyable_v<node_id>);

TEST_CASE("ids: sentinel, comparison and hashing") {
  CHECK_FALSE(node_id{}.valid());
  CHECK(node_id{}.value() == 0xFFFFFFFFu);
  CHECK(node_id{}.value() == node_id::invalid().value());
  CHECK(node_id{3} < node_id{4});
  CHECK(link_id{7} == link_id{7});
  std::unordered_set<node_id> s{node_id{1}, node_id{2}, node_id{1}};
  CHECK(s.size() == 2);
}
