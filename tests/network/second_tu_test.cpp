// A second translation unit including everything: catches ODR breaks (non-inline definitions in
// headers) at link time.
#include <doctest/doctest.h>

#include "corridor/corridor.hpp"

TEST_CASE("umbrella header in a second translation unit") {
  CHECK(std::string(corridor::version_string) == "0.1.0");
  CHECK(corridor::to_string(corridor::mode::inland_waterway) == "inland_waterway");
  CHECK(corridor::parse_mode("sea") == corridor::mode::sea);
  CHECK_FALSE(corridor::parse_mode("air").has_value());
}
