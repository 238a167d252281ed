#!/usr/bin/env python3
"""Detour index of the bundled network: for every pair of bundled cities, ports, parks and dry
ports within 1,500 km (and over 50 km apart), the shortest operational freight route by rail and
by road, and its detour index (route km / great-circle km). Writes geodata/detours.csv with the
pairs whose index exceeds 1.6 or that have no route, and prints a summary. Python 3, standard
library only: python3 scripts/detour-report.py [NETWORK_DIR] [OUT.csv]"""
import collections
import csv
import heapq
import json
import math
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
base = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "geodata", "china-asean")
out_csv = sys.argv[2] if len(sys.argv) > 2 else os.path.join(REPO, "geodata", "detours.csv")
nodes = {f["properties"]["id"]: f for f in json.load(open(os.path.join(base, "nodes.geojson")))["features"]}
links = [f["properties"] for f in json.load(open(os.path.join(base, "links.geojson")))["features"]]
KINDS = {"city", "seaport", "industrial_park", "sez", "dry_port", "river_port"}


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
                rows.append([mode, a, b, round(gc), "", ""])
            elif d[b] / gc > 1.6:
                counts["over 1.6"] += 1
                rows.append([mode, a, b, round(gc), round(d[b]), round(d[b] / gc, 2)])
    summary[mode] = counts
with open(out_csv, "w", newline="") as fh:
    w = csv.writer(fh, lineterminator="\n")
    w.writerow(["mode", "from", "to", "great_circle_km", "route_km", "detour_index"])
    w.writerows(sorted(rows, key=lambda r: (r[0], -(r[5] or 99), r[1], r[2])))
for mode, c in summary.items():
    print(f"{mode}: {c['pairs']} pairs within 1,500 km; {c['over 1.6']} over 1.6; "
          f"{c['no route']} without a route")
