// The immutable network topology: forward and reverse compressed sparse rows (CSR).
//
// Links are numbered in CSR order (sorted by tail, stable), so a node's outgoing links are the
// contiguous ids [first_out[u], first_out[u+1]). A link's tail is not stored per link: a sampled
// index (the tail of every 16th link) narrows the search in first_out to a few nodes. The reverse
// CSR lists, for each node, the ids of its incoming links. Attributes live outside, in columns
// indexed by the same ids (see columns.hpp). A network is move-only; copy it explicitly with
// clone().
#pragma once

#include <algorithm>
#include <atomic>
#include <cassert>
#include <cstdint>
#include <iterator>
#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "corridor/error.hpp"
#include "corridor/ids.hpp"

namespace corridor {

/// A contiguous range of link ids [first, last), iterated as link_id values.
class link_range {
 public:
  class iterator {
   public:
    using iterator_category = std::random_access_iterator_tag;
    using value_type = link_id;
    using difference_type = std::ptrdiff_t;
    constexpr iterator() noexcept = default;
    constexpr explicit iterator(std::uint32_t v) noexcept : v_(v) {}
    constexpr link_id operator*() const noexcept { return link_id{v_}; }
    constexpr iterator& operator++() noexcept {
      ++v_;
      return *this;
    }
    constexpr iterator operator++(int) noexcept { return iterator{v_++}; }
    friend constexpr bool operator==(iterator, iterator) noexcept = default;
    friend constexpr difference_type operator-(iterator a, iterator b) noexcept {
      return static_cast<difference_type>(a.v_) - static_cast<difference_type>(b.v_);
    }

   private:
    std::uint32_t v_ = 0;
  };
  constexpr link_range(std::uint32_t first, std::uint32_t last) noexcept : f_(first), l_(last) {}
  [[nodiscard]] constexpr iterator begin() const noexcept { return iterator{f_}; }
  [[nodiscard]] constexpr iterator end() const noexcept { return iterator{l_}; }
  [[nodiscard]] constexpr std::uint32_t size() const noexcept { return l_ - f_; }
  [[nodiscard]] constexpr bool empty() const noexcept { return f_ == l_; }

 private:
  std::uint32_t f_, l_;
};

class network {
 public:
  /// An empty network (no nodes, no links).
  network() = default;
  network(network&&) noexcept = default;
  network& operator=(network&&) noexcept = default;
  network(const network&) = delete;
  network& operator=(const network&) = delete;
  ~network() = default;

  /// Builds the CSR from arcs given in any order. `permutation` receives, for each link id of the
  /// result, the index of the arc in the input (`tails[permutation[l]]` is the tail of link l):
  /// apply it to every per-arc column (see apply_permutation). Stable: arcs with the same tail keep
  /// their input order. O(n + m).
  /// Throws input_error when an endpoint is >= node_count or the sizes differ or there are more
  /// than 2^32 - 2 nodes or arcs.
  static network from_arcs(std::uint32_t node_count, std::span<const node_id> tails,
                           std::span<const node_id> heads,
                           std::vector<std::uint32_t>& permutation) {
    if (tails.size() != heads.size()) throw input_error("network: tails and heads differ in size");
    if (tails.size() >= node_id::invalid_value || node_count >= node_id::invalid_value) {
      throw input_error("network: too many nodes or links for 32-bit ids");
    }
    const auto m = static_cast<std::uint32_t>(tails.size());
    network g;
    g.first_out_.assign(std::size_t{node_count} + 1, 0);
    for (std::uint32_t i = 0; i < m; ++i) {
      if (tails[i].value() >= node_count || heads[i].value() >= node_count) {
        throw input_error("network: arc " + std::to_string(i) + " has an endpoint out of range");
      }
      ++g.first_out_[tails[i].value() + 1];
    }
    for (std::uint32_t u = 0; u < node_count; ++u) g.first_out_[u + 1] += g.first_out_[u];
    permutation.assign(m, 0);
    g.head_.resize(m);
    std::vector<std::uint32_t> next(g.first_out_.begin(), g.first_out_.end() - 1);
    for (std::uint32_t i = 0; i < m; ++i) {
      const std::uint32_t l = next[tails[i].value()]++;
      permutation[l] = i;
      g.head_[l] = heads[i];
    }
    g.tail_sample_.resize((std::size_t{m} + tail_sample_step - 1) / tail_sample_step);
    std::uint32_t u = 0;
    for (std::size_t b = 0; b < g.tail_sample_.size(); ++b) {
      const auto l = static_cast<std::uint32_t>(b * tail_sample_step);
      while (g.first_out_[u + 1] <= l) ++u;
      g.tail_sample_[b] = u;
    }
    return g;
  }

  /// An explicit deep copy. O(n + m).
  [[nodiscard]] network clone() const {
    network g;
    g.first_out_ = first_out_;
    g.tail_sample_ = tail_sample_;
    g.head_ = head_;
    return g;
  }

  [[nodiscard]] std::uint32_t node_count() const noexcept {
    return first_out_.empty() ? 0 : static_cast<std::uint32_t>(first_out_.size() - 1);
  }
  [[nodiscard]] std::uint32_t link_count() const noexcept {
    return static_cast<std::uint32_t>(head_.size());
  }
  /// Start node of a link. Precondition: l < link_count(). From the tail of the last sampled
  /// link (every 16th), a few steps along first_out, then a binary search up to the next sample's
  /// tail: O(1) on road and rail graphs (16 links start at about 5 nodes), O(log n) at worst (many
  /// nodes without links). Where the tail is known (the node being scanned), use it instead.
  [[nodiscard]] node_id tail(link_id l) const noexcept {
    assert(l.value() < link_count());
    const std::size_t b = l.value() / tail_sample_step;
    const auto* first = first_out_.data();
    // The tail is the last node u with first_out[u] <= l (nodes without links share their
    // first_out with the next node); first_out[u] <= l holds from the sample on.
    std::uint32_t u = tail_sample_[b];
    for (int step = 0; step < 4; ++step, ++u) {
      if (first[u + 1] > l.value()) return node_id{u};
    }
    const std::uint32_t hi =
        b + 1 < tail_sample_.size() ? tail_sample_[b + 1] : node_count() - 1;  // tail <= hi
    return node_id{static_cast<std::uint32_t>(
        std::upper_bound(first + u + 1, first + hi + 1, l.value()) - first - 1)};
  }
  /// End node of a link. Precondition: l < link_count(). O(1).
  [[nodiscard]] node_id head(link_id l) const noexcept {
    assert(l.value() < link_count());
    return head_[l.value()];
  }
  /// Outgoing links of u, as a contiguous id range. Precondition: u < node_count(). O(1).
  [[nodiscard]] link_range out_links(node_id u) const noexcept {
    assert(u.value() < node_count());
    return {first_out_[u.value()], first_out_[u.value() + 1]};
  }
  /// Incoming links of v (their ids, ascending). Precondition: v < node_count(). O(1), after the
  /// reverse CSR is built on the first call (O(n + m), thread-safe; only backward searches need
  /// it, so a network does not carry it until then).
  [[nodiscard]] std::span<const link_id> in_links(node_id v) const {
    assert(v.value() < node_count());
    const reverse_csr& r = reverse();
    return std::span<const link_id>(r.in_link).subspan(
        r.first_in[v.value()], r.first_in[v.value() + 1] - r.first_in[v.value()]);
  }
  /// The tails of in_links(v), in the same order (a backward search needs them per link, and
  /// tail() is a search). Precondition: v < node_count(). O(1) after the reverse CSR is built.
  [[nodiscard]] std::span<const node_id> in_tails(node_id v) const {
    assert(v.value() < node_count());
    const reverse_csr& r = reverse();
    return std::span<const node_id>(r.in_tail).subspan(
        r.first_in[v.value()], r.first_in[v.value() + 1] - r.first_in[v.value()]);
  }
  [[nodiscard]] std::uint32_t out_degree(node_id u) const noexcept { return out_links(u).size(); }
  [[nodiscard]] std::uint32_t in_degree(node_id v) const {
    return static_cast<std::uint32_t>(in_links(v).size());
  }

  /// Bytes held: the forward CSR, 4 per node and 4 per link (32-bit ids) plus 4 per 16 links for
  /// the tail index, plus 4 per node and 8 per link once the reverse CSR has been built (see
  /// in_links). O(1).
  [[nodiscard]] std::size_t memory_bytes() const noexcept {
    std::size_t bytes = (first_out_.size() + tail_sample_.size()) * sizeof(std::uint32_t) +
                        head_.size() * sizeof(node_id);
    if (reverse_ && reverse_->ready) {
      bytes += reverse_->first_in.size() * sizeof(std::uint32_t) +
               reverse_->in_link.size() * sizeof(link_id) +
               reverse_->in_tail.size() * sizeof(node_id);
    }
    return bytes;
  }

  /// Raw CSR arrays, for adapters (Boost.Graph, Eigen) and serialisation.
  [[nodiscard]] std::span<const std::uint32_t> first_out() const noexcept { return first_out_; }
  [[nodiscard]] std::span<const node_id> heads() const noexcept { return head_; }

 private:
  /// The reverse CSR, built once on first use (std::call_once; kept on the heap so that the
  /// network stays movable).
  struct reverse_csr {
    std::once_flag once;
    std::atomic<bool> ready{false};  ///< for memory_bytes, which must not build it
    std::vector<std::uint32_t> first_in;
    std::vector<link_id> in_link;
    std::vector<node_id> in_tail;
  };
  const reverse_csr& reverse() const {
    std::call_once(reverse_->once, [this] {
      reverse_csr& r = *reverse_;
      const std::uint32_t n = node_count(), m = link_count();
      r.first_in.assign(std::size_t{n} + 1, 0);
      for (std::uint32_t l = 0; l < m; ++l) ++r.first_in[head_[l].value() + 1];
      for (std::uint32_t v = 0; v < n; ++v) r.first_in[v + 1] += r.first_in[v];
      r.in_link.resize(m);
      r.in_tail.resize(m);
      std::vector<std::uint32_t> next(r.first_in.begin(), r.first_in.end() - 1);
      for (std::uint32_t u = 0; u < n; ++u) {
        for (std::uint32_t l = first_out_[u]; l < first_out_[u + 1]; ++l) {
          const std::uint32_t k = next[head_[l].value()]++;
          r.in_link[k] = link_id{l};
          r.in_tail[k] = node_id{u};
        }
      }
      r.ready = true;
    });
    return *reverse_;
  }

  static constexpr std::size_t tail_sample_step = 16;

  std::vector<std::uint32_t> first_out_;
  std::vector<std::uint32_t> tail_sample_;  ///< tail of links 0, 16, 32, ...
  std::vector<node_id> head_;
  std::unique_ptr<reverse_csr> reverse_ = std::make_unique<reverse_csr>();
};

/// Reorders a column given in input (arc) order into link order:
/// result[l] = input[permutation[l]]. O(m).
template <class T>
[[nodiscard]] std::vector<T> apply_permutation(std::span<const std::uint32_t> permutation,
                                               std::span<const T> input) {
  std::vector<T> out;
  out.reserve(permutation.size());
  for (const std::uint32_t i : permutation) out.push_back(input[i]);
  return out;
}

}  // namespace corridor
