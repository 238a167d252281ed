#!/usr/bin/env bash
# Times `corridor calibrate` on the 50 observations of geodata/observations.csv on the bundled
# network, with the --fit list of docs/model.md (10 parameters), leave-one-out included.
# Usage: bench/calibrate-50.sh [CORRIDOR] (default build/release/src/corridor).
set -euo pipefail
cd "$(dirname "$0")/.."
corridor=${1:-build/release/src/corridor}
obs=geodata/observations.csv
echo "observations: $(($(grep -vc '^#' "$obs") - 1))"
fit="rail.speed_kmh,sea.speed_kmh,port.time_h,border.time_h,corridor.China-Laos Railway.speed_factor"
fit+=",corridor.New International Land-Sea Trade Corridor.speed_factor"
fit+=",corridor.Thai metre-gauge network.speed_factor,border_rail.padang_besar.time_h"
fit+=",rail_other_gauge.speed_kmh,corridor.Vietnam North-South Railway.speed_factor"
/usr/bin/time -f "calibrate: %e s wall, %M KB peak" \
  "$corridor" calibrate geodata/china-asean --observations "$obs" --fit "$fit" 2>&1 >/dev/null |
  grep -v '^geodata\|^corridor: left out'
