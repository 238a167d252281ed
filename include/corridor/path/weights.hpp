// The weight concept: any callable `w(link_id) -> double`. A weight must be >= 0 (or NaN-free
// +infinity for "unusable"); searches skip links of infinite weight. A weight type with a
// `data()` member promises that data()[l] == w(link_id{l}) for every link l: searches prefetch
// from it and dijkstra_query reads the weights' range from it in one vectorised pass.
#pragma once

#include <concepts>
#include <span>

#include "corridor/ids.hpp"

namespace corridor {

template <class W>
concept weight_function = requires(const W& w, link_id l) {
  { w(l) } -> std::convertible_to<double>;
};

/// A weight read from a column indexed by link id (no copy; the span must outlive it).
class by_column {
 public:
  explicit by_column(std::span<const double> column) noexcept : c_(column) {}
  [[nodiscard]] double operator()(link_id l) const noexcept { return c_[l.value()]; }
  /// The column itself (searches prefetch from it and read the weights' range from it).
  [[nodiscard]] const double* data() const noexcept { return c_.data(); }

 private:
  std::span<const double> c_;
};

}  // namespace corridor
