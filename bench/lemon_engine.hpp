// LEMON's StaticDigraph + Dijkstra behind a plain interface: LEMON 1.3 (Debian liblemon-dev) uses
// std::allocator::construct, removed in C++20, in the maps StaticDigraph builds, so
// lemon_engine.cpp is compiled as C++17 and includes no corridor header.
#pragma once

#include <cstdint>
#include <memory>

namespace corridor_bench {

class lemon_engine {
 public:
  /// Arcs must be sorted by tail (CSR order): arc id i is input arc i.
  lemon_engine(std::uint32_t nodes, const std::uint32_t* tails, const std::uint32_t* heads,
               const double* weights, std::uint32_t arcs);
  ~lemon_engine();
  lemon_engine(const lemon_engine&) = delete;
  lemon_engine& operator=(const lemon_engine&) = delete;

  void run(std::uint32_t s);                             ///< one-to-all
  bool run(std::uint32_t s, std::uint32_t t);            ///< stops at t; true when reached
  [[nodiscard]] double distance(std::uint32_t v) const;  ///< +inf when not reached
  [[nodiscard]] double build_ms() const noexcept { return build_ms_; }

 private:
  struct impl;
  std::unique_ptr<impl> p_;
  double build_ms_ = 0;
};

}  // namespace corridor_bench
