// Private: worker threads for the core's parallel loops (skims, criticality).
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <vector>

namespace corridor::detail {

/// `threads`, or one per core when 0, but no more than `jobs` and at least 1.
[[nodiscard]] inline unsigned worker_count(unsigned threads, std::size_t jobs) noexcept {
  const unsigned n = threads != 0 ? threads : std::max(1U, std::thread::hardware_concurrency());
  return static_cast<unsigned>(std::min<std::size_t>(n, std::max<std::size_t>(1, jobs)));
}

/// Runs work(k) for k = 0 .. workers - 1 at once: k = 0 on the calling thread, the others on
/// threads of their own. Returns when every call has returned. Each call typically takes jobs
/// from a shared atomic counter and keeps its own search buffers.
template <class F>
void run_workers(unsigned workers, F&& work) {
  std::vector<std::thread> pool;
  pool.reserve(workers > 1 ? workers - 1 : 0);
  for (unsigned k = 1; k < workers; ++k) pool.emplace_back([&work, k] { work(k); });
  work(0U);
  for (std::thread& t : pool) t.join();
}

}  // namespace corridor::detail
