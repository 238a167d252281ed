// Internal to corridor_gis (and the report maps): reading .xz-compressed files with liblzma.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

namespace corridor::gis::detail {

/// Decompresses the .xz file `path` (possibly several concatenated streams) and calls
/// on_chunk with consecutive pieces of its content (of no particular size). Throws input_error
/// naming the file for data that is not .xz, corrupt or truncated; lookup_error when it cannot
/// be opened. O(size), with constant memory (64 KiB buffers plus the decoder's dictionary).
void for_each_xz_chunk(const std::filesystem::path& path,
                       const std::function<void(std::string_view)>& on_chunk);

/// The whole decompressed content of `path` (see for_each_xz_chunk). Throws input_error when it
/// would exceed `max_bytes`.
[[nodiscard]] std::string read_xz(const std::filesystem::path& path,
                                  std::size_t max_bytes = std::size_t{2} << 30U);

}  // namespace corridor::gis::detail
