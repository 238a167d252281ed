// .xz decompression with liblzma, streamed in 64 KiB pieces.
#include "xz.hpp"

#include <array>
#include <fstream>
#include <memory>

#include <lzma.h>

#include "corridor/error.hpp"

namespace corridor::gis::detail {

void for_each_xz_chunk(const std::filesystem::path& path,
                       const std::function<void(std::string_view)>& on_chunk) {
  const std::string name = path.string();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    throw lookup_error("cannot open " + name + " (it is a folder)");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) throw lookup_error("cannot open " + name);
  lzma_stream z = LZMA_STREAM_INIT;
  if (lzma_stream_decoder(&z, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
    throw error(name + ": cannot start the .xz decoder");
  }
  const std::unique_ptr<lzma_stream, void (*)(lzma_stream*)> end(&z, lzma_end);
  constexpr std::size_t buffer_size = std::size_t{64} << 10U;
  const auto input = std::make_unique<std::array<char, buffer_size>>();
  const auto output = std::make_unique<std::array<char, buffer_size>>();
  lzma_action action = LZMA_RUN;
  for (;;) {
    if (z.avail_in == 0 && action == LZMA_RUN) {
      in.read(input->data(), buffer_size);
      if (in.bad()) throw input_error(name + ": read error");
      z.next_in = reinterpret_cast<const std::uint8_t*>(input->data());
      z.avail_in = static_cast<std::size_t>(in.gcount());
      if (in.eof()) action = LZMA_FINISH;
    }
    z.next_out = reinterpret_cast<std::uint8_t*>(output->data());
    z.avail_out = buffer_size;
    const lzma_ret r = lzma_code(&z, action);
    const std::size_t produced = buffer_size - z.avail_out;
    if (produced > 0) on_chunk(std::string_view(output->data(), produced));
    if (r == LZMA_STREAM_END) return;
    if (r != LZMA_OK) {
      throw input_error(name + ": " +
                        (r == LZMA_FORMAT_ERROR ? std::string("not an .xz file")
                         : r == LZMA_DATA_ERROR ? std::string("corrupt .xz data")
                         : r == LZMA_BUF_ERROR  ? std::string("truncated .xz data")
                         : r == LZMA_MEM_ERROR  ? std::string("out of memory decompressing")
                                                : "cannot decompress (liblzma error " +
                                                     std::to_string(static_cast<int>(r)) + ")"));
    }
  }
}

std::string read_xz(const std::filesystem::path& path, std::size_t max_bytes) {
  std::string out;
  for_each_xz_chunk(path, [&](std::string_view chunk) {
    if (out.size() + chunk.size() > max_bytes) {
      throw input_error(path.string() + ": decompresses to more than " +
                        std::to_string(max_bytes >> 20U) + " MiB");
    }
    out.append(chunk);
  });
  return out;
}

}  // namespace corridor::gis::detail
