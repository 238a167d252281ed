#!/bin/bash
# The side-by-side runs recorded in docs/performance.md (about 10 minutes; road:1e7 needs ~4 GB).
# Usage: bench/run-comparison.sh [OUTPUT_DIR]
B=build/release/bench/corridor-bench
D=../shared/data
O=$(realpath -m "${1:-/tmp/bench_results}")
mkdir -p "$O"
cd "$(dirname "$0")/.." || exit 2
set -e
$B sssp $D/dimacs/rome99.gr --sources 200 > $O/sssp_rome99.json
$B sssp $D/tntp/Berlin-Center/berlin-center_net.tntp.xz --sources 100 > $O/sssp_berlin.json
$B sssp $D/tntp/Chicago-Sketch/ChicagoSketch_net.tntp --sources 200 > $O/sssp_chicago.json 2>&1
$B sssp road:1e4 --sources 100 > $O/sssp_road1e4.json
$B sssp road:1e5 --sources 20 > $O/sssp_road1e5.json
$B sssp road:1e6 --sources 5 > $O/sssp_road1e6.json
$B sssp lines:$D/marnet/marnet_plus_50km.gpkg --sources 200 > $O/sssp_marnet50.json
# OSM railways: many small components, so most one-to-all runs end early.
for c in tha mys; do
  $B sssp lines:$D/osm-railways/hotosm_${c}_railways_lines.geojson.xz --sources 2000 > $O/sssp_rail_$c.json
done
$B sssp lines:$D/osm-railways/hotosm_lao_railways_lines.geojson --sources 2000 > $O/sssp_rail_lao.json
# The same one-to-all runs timed with the engines taking turns on each source.
for g in $D/dimacs/rome99.gr $D/tntp/Berlin-Center/berlin-center_net.tntp.xz road:1e4 road:1e5; do
  $B sssp "$g" --sources 20 --interleave > "$O/sssp_interleaved_$(basename "${g#road:}").json"
done
$B p2p $D/dimacs/rome99.gr --queries 1000 > $O/p2p_rome99.json
$B p2p $D/tntp/Berlin-Center/berlin-center_net.tntp.xz --queries 500 > $O/p2p_berlin.json
$B p2p road:1e5 --queries 200 > $O/p2p_road1e5.json
$B p2p road:1e6 --queries 100 > $O/p2p_road1e6.json
$B skim road:333333 --zones 1000 > $O/skim_road333k.json
$B sssp road:1e7 --sources 2 > $O/sssp_road1e7.json
