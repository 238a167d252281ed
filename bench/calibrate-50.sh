#!/usr/bin/env bash
# Times `corridor calibrate` on 50 observations of the bundled network (the 26 of
# geodata/observations.csv, the 18 truck times of geodata/sources/road-observations.csv and the
# first routable rows of geodata/observations-excluded.csv), leave-one-out included.
# Usage: bench/calibrate-50.sh [CORRIDOR] (default build/release/src/corridor).
set -euo pipefail
cd "$(dirname "$0")/.."
corridor=${1:-build/release/src/corridor}
obs=$(mktemp --suffix=.csv)
trap 'rm -f "$obs"' EXIT
{
  grep -v '^#' geodata/observations.csv
  grep -v '^#' geodata/sources/road-observations.csv | tail -n +2
  grep -v '^#' geodata/observations-excluded.csv | tail -n +2 | cut -d, -f1-9 | grep -v '"' | head -6
} > "$obs"
echo "observations: $(($(wc -l < "$obs") - 1))"
/usr/bin/time -f "calibrate: %e s wall, %M KB peak" \
  "$corridor" calibrate geodata/china-asean --observations "$obs" --skip-unroutable 2>&1 >/dev/null |
  grep -v '^geodata\|^corridor: left out\|^/tmp'
