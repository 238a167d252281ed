// Demand CSV files: columns found by header in any order, quoted fields, comments and a BOM;
// every error names the file, the line and the field.
#include <filesystem>
#include <string>
#include <vector>

#include <doctest/doctest.h>

#include "corridor/gis/read.hpp"
#include "test_support.hpp"

using namespace corridor;
namespace fs = std::filesystem;

TEST_CASE("demand: columns by header, quotes, comments and a BOM") {
  const test::temp_dir dir;
  const fs::path p = dir.write("od.csv",
                               "\xEF\xBB\xBF# a comment\n"
                               "commodity,tonnes,destination,origin\n"
                               "durian, 1200.5 ,kunming,chanthaburi_durian\n"
                               "\n"
                               "sugar,0,\"Port of Singapore, PSA\",\"Bangkok \"\"BKK\"\"\"\r\n");
  const std::vector<gis::od_row> rows = gis::read_od_csv(p);
  REQUIRE(rows.size() == 2);
  CHECK(rows[0].origin == "chanthaburi_durian");
  CHECK(rows[0].destination == "kunming");
  CHECK(rows[0].tonnes == 1200.5);
  CHECK(rows[0].line == 3);
  CHECK(rows[1].origin == "Bangkok \"BKK\"");
  CHECK(rows[1].destination == "Port of Singapore, PSA");
  CHECK(rows[1].tonnes == 0);
  CHECK(rows[1].line == 5);
}

TEST_CASE("demand: errors name the file, the line and the field") {
  const test::temp_dir dir;
  struct bad {
    const char* text;
    const char* message;  // after "<path>"
  };
  const bad cases[] = {
      {"origin,destination\na,b\n",
       ":1: no 'tonnes' column in the header (expected origin,destination,tonnes)"},
      {"origin,destination,tonnes\na,b,-1\n", ":2: field 'tonnes': '-1' is not a number >= 0"},
      {"origin,destination,tonnes\na,b,12t\n", ":2: field 'tonnes': '12t' is not a number >= 0"},
      {"origin,destination,tonnes\na,b\n", ":2: field 'tonnes': missing (the line has 2 fields)"},
      {"origin,destination,tonnes\n,b,1\n", ":2: field 'origin': empty"},
      {"origin,destination,tonnes\n\"a,b,1\n", ":2: unclosed quote in '\"a,b,1'"},
      {"# nothing\n", ": empty (expected a header origin,destination,tonnes)"},
  };
  for (const bad& c : cases) {
    CAPTURE(c.text);
    const fs::path p = dir.write("od.csv", c.text);
    CHECK_THROWS_WITH_AS(static_cast<void>(gis::read_od_csv(p)),
                         (p.string() + c.message).c_str(), input_error);
  }
  CHECK_THROWS_AS(static_cast<void>(gis::read_od_csv(dir.path() / "missing.csv")), lookup_error);
}
