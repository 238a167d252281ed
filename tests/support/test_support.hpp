// Shared helpers for corridor's tests: seeds, the shared data folder, small networks.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>

namespace corridor::test {

/// The seed of randomised tests: 20261122 unless CORRIDOR_SEED overrides it.
inline std::uint64_t seed() {
  if (const char* s = std::getenv("CORRIDOR_SEED")) return std::strtoull(s, nullptr, 10);
  return 20261122;
}

/// ../shared relative to the source tree (CI always has it; a fresh clone may not).
inline std::filesystem::path shared_dir() { return CORRIDOR_SHARED_DIR; }
inline std::filesystem::path source_dir() { return CORRIDOR_SOURCE_DIR; }

/// True when `relative` exists under the shared folder; tests that need it call
/// `if (!corridor::test::have_shared("data/x")) return;` after a MESSAGE naming the reason.
inline bool have_shared(const std::string& relative) {
  return std::filesystem::exists(shared_dir() / relative);
}

/// `text` with every `from` replaced by `to` (e.g. a temporary folder shown as DIR in messages).
inline std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size())) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

/// A fresh folder under the system temp folder, removed with everything in it on destruction.
class temp_dir {
 public:
  temp_dir() {
    std::random_device rd;
    std::mt19937_64 rng((std::uint64_t{rd()} << 32U) ^ rd());
    do {
      path_ = std::filesystem::temp_directory_path() / ("corridor_test_" + std::to_string(rng()));
    } while (!std::filesystem::create_directory(path_));
  }
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  /// Writes `text` to the file `name` in this folder and returns its path.
  [[nodiscard]] std::filesystem::path write(const std::string& name,
                                            const std::string& text) const {
    const std::filesystem::path p = path_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }
  [[nodiscard]] const std::filesystem::path& path() const noexcept { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace corridor::test

/// Skips the rest of a test case (with a message saying why) when shared data is absent.
#define CORRIDOR_REQUIRE_SHARED(relative)                                         \
  do {                                                                            \
    if (!corridor::test::have_shared(relative)) {                                 \
      MESSAGE("skipped: " << (corridor::test::shared_dir() / (relative)).string() \
                          << " is absent (../shared is not beside this clone)");  \
      return;                                                                     \
    }                                                                             \
  } while (false)
