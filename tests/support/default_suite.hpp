// Forced into every doctest source of the test binaries (-include, see tests/CMakeLists.txt): its
// test cases are in the suite "quick", which ctest sees as a label, unless a test case is
// decorated `* doctest::test_suite("slow")` (over a second in a debug build). `ctest -L quick`
// runs the quick set in seconds; CI runs everything.
#pragma once

#include <doctest/doctest.h>

DOCTEST_TEST_SUITE_BEGIN("quick");
