// A progress line on standard error for long runs, drawn only when standard error is a terminal
// (never in logs, pipes or tests), at most ten times a second, and erased when done.
#pragma once

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <string>

namespace corridor::cli {

class progress {
 public:
  /// `what` is shown before the count; `total` 0 means unknown.
  progress(std::string what, std::size_t total)
      : what_(std::move(what)), total_(total), on_(isatty(STDERR_FILENO) != 0) {}
  progress(const progress&) = delete;
  progress& operator=(const progress&) = delete;
  ~progress() {
    if (on_ && drawn_) std::fprintf(stderr, "\r\033[K");
  }

  /// Reports `done` units (and an optional note, e.g. a relative gap).
  void update(std::size_t done, const std::string& note = {}) {
    if (!on_) return;
    const auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100) && done != total_) return;
    last_ = now;
    drawn_ = true;
    if (total_ > 0) {
      constexpr int width = 30;
      const int filled =
          static_cast<int>(width * static_cast<double>(done) / static_cast<double>(total_));
      std::fprintf(stderr, "\r\033[K%s [%s%s] %zu/%zu %s", what_.c_str(),
                   std::string(static_cast<std::size_t>(filled), '#').c_str(),
                   std::string(static_cast<std::size_t>(width - filled), '.').c_str(), done, total_,
                   note.c_str());
    } else {
      std::fprintf(stderr, "\r\033[K%s %zu %s", what_.c_str(), done, note.c_str());
    }
    std::fflush(stderr);
  }

 private:
  std::string what_;
  std::size_t total_;
  bool on_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace corridor::cli
