// Strong 32-bit identifiers for nodes and links.
//
// `node_id` and `link_id` are distinct types: passing a link where a node is expected does not
// compile. The default-constructed value is the sentinel `invalid` (= UINT32_MAX).
#pragma once

#include <cstdint>
#include <functional>
#include <limits>

namespace corridor {

template <class Tag>
class strong_id {
 public:
  using value_type = std::uint32_t;
  static constexpr value_type invalid_value = std::numeric_limits<value_type>::max();

  constexpr strong_id() noexcept = default;
  constexpr explicit strong_id(value_type v) noexcept : v_(v) {}

  [[nodiscard]] constexpr value_type value() const noexcept { return v_; }
  [[nodiscard]] constexpr bool valid() const noexcept { return v_ != invalid_value; }
  [[nodiscard]] static constexpr strong_id invalid() noexcept { return strong_id{}; }

  friend constexpr auto operator<=>(strong_id, strong_id) noexcept = default;

 private:
  value_type v_ = invalid_value;
};

using node_id = strong_id<struct node_id_tag>;
using link_id = strong_id<struct link_id_tag>;

}  // namespace corridor

template <class Tag>
struct std::hash<corridor::strong_id<Tag>> {
  std::size_t operator()(corridor::strong_id<Tag> id) const noexcept {
    return std::hash<std::uint32_t>{}(id.value());
  }
};
