#!/usr/bin/env python3
"""Detour index of the bundled network: for every pair of bundled cities, ports, parks and dry
ports within 1,500 km (and over 50 km apart), the shortest operational freight route by rail and
by road, and its detour index (route km / great-circle km). Writes geodata/detours.csv with the
pairs whose index exceeds 1.6 or that have no route, each with its reason: "sea in between" when
at least 15% of the straight line is over water (the Natural Earth outlines of ../shared, if
present: scripts/landmask.py), else the first row of geodata/detour-reasons.csv for the mode and
either end, else "not explained yet". Prints a summary and the count of each reason. Also prints the
sea links whose drawn line crosses more than 20 km of land. Python 3, standard library only:
python3 scripts/detour-report.py [NETWORK_DIR] [OUT.csv]"""
import collections
import csv
import signal
import heapq
import json
import math
import os
import sys

signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # `| head` ends the report quietly
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
base = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "geodata", "china-asean")
out_csv = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "geodata", "detours.csv")
nodes = {f["properties"]["id"]: f for f in json.load(open(os.path.join(base, "nodes.geojson")))["features"]}
links = [f["properties"] for f in json.load(open(os.path.join(base, "links.geojson")))["features"]]
KINDS = {"city", "seaport", "industrial_park", "sez", "dry_port", "river_port"}
OUTLINES = os.path.join(REPO, "..", "shared", "data", "natural-earth",
                        "ne_50m_admin_0_countries.geojson.xz")
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from landmask import LandMask  # noqa: E402

mask = LandMask.load(OUTLINES) if os.path.isfile(OUTLINES) else None
if mask is None:
    print(f"note: {OUTLINES} not found: no 'sea in between' reasons, no sea-lane land check")
REASONS = [r for r in csv.DictReader(
    l for l in open(os.path.join(REPO, "geodata", "detour-reasons.csv"), encoding="utf-8")
    if not l.startswith("#"))]


def reason(mode, a, b):
    pa, pb = nodes[a]["geometry"]["coordinates"], nodes[b]["geometry"]["coordinates"]
    if mask is not None:
        water = mask.water_fraction(pa, pb)
        if water >= 0.15:
            return f"sea in between ({round(100 * water)}% of the straight line over water)"
    for r in REASONS:
        if r["mode"] == mode and r["place"] in (a, b):
            return f"{r['kind']}: {r['reason']}"
    return "not explained yet"


def great_circle(a, b):
    (lo1, la1), (lo2, la2) = nodes[a]["geometry"]["coordinates"], nodes[b]["geometry"]["coordinates"]
    p = math.pi / 180
    h = (math.sin((la2 - la1) * p / 2) ** 2
         + math.cos(la1 * p) * math.cos(la2 * p) * math.sin((lo2 - lo1) * p / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def graph(mode):
    g = collections.defaultdict(list)
    for l in links:
        if l["mode"] != mode or l["status"] != "operational" or l.get("freight") is False:
            continue
        g[l["from"]].append((l["to"], l["length_km"]))
        if not l.get("oneway"):
            g[l["to"]].append((l["from"], l["length_km"]))
    return g


def dijkstra(g, s):
    d, pq = {s: 0}, [(0, s)]
    while pq:
        x, u = heapq.heappop(pq)
        if x > d[u]:
            continue
        for v, w in g[u]:
            if x + w < d.get(v, math.inf):
                d[v] = x + w
                heapq.heappush(pq, (x + w, v))
    return d


places = sorted(i for i in nodes if nodes[i]["properties"]["kind"] in KINDS)
rows, summary = [], {}
for mode in ("rail", "road"):
    g = graph(mode)
    counts = collections.Counter()
    for a in places:
        d = dijkstra(g, a)
        for b in places:
            if a >= b:
                continue
            gc = great_circle(a, b)
            if gc > 1500 or gc < 50:
                continue
            counts["pairs"] += 1
            if b not in d:
                counts["no route"] += 1
                why = ("both have links of this mode, in separate networks"
                       if g[a] and g[b] else "no link of this mode at one end")
                counts["no route: " + why] += 1
                rows.append([mode, a, b, round(gc), "", "", why])
            elif d[b] / gc > 1.6:
                counts["over 1.6"] += 1
                rows.append([mode, a, b, round(gc), round(d[b]), round(d[b] / gc, 2),
                             reason(mode, a, b)])
    summary[mode] = counts
with open(out_csv, "w", newline="") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["mode", "from", "to", "great_circle_km", "route_km", "detour_index", "reason"])
    w.writerows(sorted(rows, key=lambda r: (r[0], -(r[5] or 99), r[1], r[2])))
for mode, c in summary.items():
    print(f"{mode}: {c['pairs']} pairs within 1,500 km; {c['over 1.6']} over 1.6; "
          f"{c['no route']} without a route ({c['no route: no link of this mode at one end']} "
          "with no link of the mode at one end, "
          f"{c['no route: both have links of this mode, in separate networks']} in separate "
          "networks)")
for mode in summary:
    kinds = collections.Counter(
        r[6].split(" (")[0] if r[6].startswith("sea") else r[6].split(":")[0]
        for r in rows if r[0] == mode and r[5] != "")
    print(f"  {mode} over 1.6 by reason: " + ", ".join(f"{k} {n}" for k, n in kinds.most_common()))
if mask is not None:
    over_land = []
    for f in json.load(open(os.path.join(base, "links.geojson")))["features"]:
        if f["properties"]["mode"] == "sea":
            km = mask.longest_land_run_km(f["geometry"]["coordinates"])
            if km > 20:
                over_land.append((round(km), f["properties"]["id"]))
    print(f"sea links drawn across more than 20 km of land: {len(over_land)}: " +
          ", ".join(f"{i} ({km} km)" for km, i in sorted(over_land, reverse=True)))
