// Compressed text input: .xz files read the same as their plain text, lines split across
// decompression chunks included, and bad .xz data named as such.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>
#include <lzma.h>

#include "corridor/gis/read.hpp"
#include "test_support.hpp"

using namespace corridor;
namespace fs = std::filesystem;

namespace {

/// `text` compressed as .xz (preset 6, CRC64), as the xz tool writes it.
std::string compress(const std::string& text) {
  std::string out(lzma_stream_buffer_bound(text.size()), '\0');
  std::size_t written = 0;
  REQUIRE(lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr,
                                  reinterpret_cast<const std::uint8_t*>(text.data()), text.size(),
                                  reinterpret_cast<std::uint8_t*>(out.data()), &written,
                                  out.size()) == LZMA_OK);
  out.resize(written);
  return out;
}

/// A DIMACS shortest-path graph: a ring of n nodes, with comments long enough that the text is
/// several times the 64 KiB decompression chunk, so lines straddle chunk boundaries.
std::string ring(std::uint32_t n) {
  std::string s = "c a ring\np sp " + std::to_string(n) + " " + std::to_string(n) + "\n";
  for (std::uint32_t i = 1; i <= n; ++i) {
    s += "c " + std::string(37 + i % 23, 'x') + "\n";
    s +=
        "a " + std::to_string(i) + " " + std::to_string(i % n + 1) + " " + std::to_string(i) + "\n";
  }
  return s;
}

}  // namespace

TEST_CASE("xz: a compressed DIMACS graph reads exactly like its plain text") {
  const test::temp_dir dir;
  const std::string text = ring(5000);
  REQUIRE(text.size() > 4 * 65536);
  const fs::path plain = dir.write("ring.gr", text);
  const fs::path packed = dir.write("ring.gr.xz", compress(text));
  const gis::loaded_network a = gis::read_dimacs(plain);
  const gis::loaded_network b = gis::read_network(packed);  // dispatch sees .gr under .xz
  CHECK(b.format == gis::format::dimacs);
  REQUIRE(b.net.graph.link_count() == 5000);
  CHECK(a.net.links.weight == b.net.links.weight);
  for (std::uint32_t l = 0; l < 5000; ++l) {
    CHECK(a.net.graph.tail(link_id{l}) == b.net.graph.tail(link_id{l}));
    CHECK(a.net.graph.head(link_id{l}) == b.net.graph.head(link_id{l}));
  }
  // A last line without a newline still counts.
  const fs::path no_newline = dir.write("tiny.gr.xz", compress("p sp 2 1\na 1 2 7"));
  CHECK(gis::read_dimacs(no_newline).net.links.weight == std::vector<double>{7});
}

TEST_CASE("xz: truncated, corrupt and non-xz data are errors naming the file") {
  const test::temp_dir dir;
  const std::string packed = compress(ring(200));
  const fs::path truncated = dir.write("cut.gr.xz", packed.substr(0, packed.size() / 2));
  CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_dimacs(truncated)),
                       (truncated.string() + ": truncated .xz data").c_str(), input_error);
  std::string flipped = packed;
  flipped[flipped.size() / 2] = static_cast<char>(flipped[flipped.size() / 2] ^ 0x55);
  const fs::path corrupt = dir.write("bad.gr.xz", flipped);
  CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_dimacs(corrupt)),
                       (corrupt.string() + ": corrupt .xz data").c_str(), input_error);
  const fs::path plain = dir.write("plain_trips.tntp.xz", "<NUMBER OF ZONES> 1\n");
  CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_tntp_trips(plain)),
                       (plain.string() + ": not an .xz file").c_str(), input_error);
}

TEST_CASE("xz: the compressed Chicago-Sketch trips read directly") {
  CORRIDOR_REQUIRE_SHARED("data/tntp/Chicago-Sketch/ChicagoSketch_trips.tntp.xz");
  const auto trips = gis::read_tntp_trips(test::shared_dir() /
                                          "data/tntp/Chicago-Sketch/ChicagoSketch_trips.tntp.xz");
  double total = 0;
  for (const auto& t : trips) total += t.volume;
  CHECK(total == doctest::Approx(1260907.4400));  // the file's <TOTAL OD FLOW>
}
