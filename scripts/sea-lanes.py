#!/usr/bin/env python3
"""Direct sea lanes where the bundled sea network makes ships sail a detour.

The shared sea links (../shared/facts/links.csv, length_basis computed_sea) join a few hubs, so a
ship from Laem Chabang to Nansha is routed through Singapore (4,270 km instead of ~2,700). Ships
sail port to port on open water: this script measures every pair of seaports over the same
hand-placed waypoint graph the shared links were computed on (sea_waypoints.csv: port -> its
approach waypoint -> shortest waypoint path -> the other port's approach waypoint -> port,
great-circle legs), and adds a direct lane greedily, worst detour first, until no pair of ports
sails more than --max-detour (1.15) x its direct waypoint distance through the sea links.

Each port's approach waypoint is the first (or last) waypoint of its existing sea links' notes.
Ports with no such link are left out (and listed on stderr).

Before that, the waypoint edges of the shared graph that cut across land (found with
scripts/detour-report.py against the Natural Earth outlines) are split by waypoints placed on water
(SPLITS below): the corrected waypoints go to geodata/facts/sea_waypoints.csv (an overlay that
make-geodata.py reads), and every shared sea link whose waypoint chain used a split edge gets a
correction row (same id) with the longer chain and its length (old length + the added km).

Usage: scripts/sea-lanes.py [--facts ../shared/facts] [--extra geodata/facts] [--max-detour 1.15]
Writes the lanes as rows of geodata/facts/links.csv (replacing earlier s_lane_* rows and earlier
reroute corrections) and geodata/facts/sea_waypoints.csv.
"""
import argparse
import csv
import heapq
import math
import os
import re
import sys

KM_PER_NM = 1.852
LANE_PREFIX = "s_lane_"
REROUTED = "rerouted round land by scripts/sea-lanes.py"

# Waypoint edges of ../shared/facts/sea_waypoints.csv that cross land (km of land on the straight
# edge, Natural Earth 1:50m at 0.05 degrees), split by the waypoints listed, in order from the first
# end. New waypoints (lon/lat chosen on open water, each new edge checked to cross no land):
NEW_WAYPOINTS = {  # id: (lat, lon, why)
    "VN_C1": (15.0, 109.6, "off Quang Ngai, east of Ly Son island"),
    "VN_C2": (12.9, 109.75, "off Cape Varella (Mui Dien)"),
    "GD_E1": (22.9, 116.6, "off Shanwei/Jieyang, south of Shantou"),
    "GD_E2": (23.6, 117.9, "off Dongshan island, south of Xiamen's approach"),
    "BANGKA_N": (-1.3, 106.3, "north-east of Bangka island"),
    "BANGKA_E": (-2.4, 107.05, "Gaspar Strait, between Bangka and Belitung"),
    "MIN_E": (7.5, 126.9, "off eastern Mindanao"),
    "MIN_SE": (5.9, 126.3, "off Cape San Agustin"),
    "MIN_S": (5.2, 125.3, "south of Mindanao's tip (Sarangani)"),
    "LUZON_W": (16.2, 119.5, "off Cape Bolinao, west of Lingayen Gulf"),
    "ZAMB_W": (14.6, 119.9, "off the Zambales coast, west of Bataan"),
}
# Edges the shared graph lacks (open water between their ends): without them Xiamen -> Manila
# sailed by Hong Kong, 1,670 km against 1,137 km great circle.
NEW_EDGES = [("XM_APP", "LUZON_W"), ("LUZON_W", "ZAMB_W"), ("ZAMB_W", "MNL_APP")]
SPLITS = {
    ("GT_ENT", "SCS_3"): ["VN_C1", "VN_C2"],  # 472 km across central Vietnam
    ("YT_APP", "XM_APP"): ["GD_E1", "GD_E2"],  # 337 km of the Guangdong coast
    ("HK_APP", "XM_APP"): ["GD_E1", "GD_E2"],  # 186 km
    ("JV_1", "JV_2"): ["BANGKA_N", "BANGKA_E"],  # 174 km across Bangka
    ("DVO_APP", "BASILAN"): ["DAV_GULF", "MIN_SE", "MIN_S"],  # 172 km across Mindanao
    ("PAC_E", "DAV_GULF"): ["MIN_E", "MIN_SE"],  # 163 km across eastern Mindanao
}


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(row for row in f if not row.startswith("#")))


def gc_km(a, b):
    """Great-circle km between (lat, lon) pairs (6371 km sphere, as make-geodata.py)."""
    la1, lo1, la2, lo2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def waypoint_paths(wps, start):
    """Dijkstra over the waypoint graph from `start`: (km, previous) per waypoint."""
    dist, prev, heap = {start: 0.0}, {start: None}, [(0.0, start)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue
        for v in wps[u]["neighbours"].split():
            nd = d + gc_km(wps[u]["pos"], wps[v]["pos"])
            if nd < dist.get(v, math.inf):
                dist[v], prev[v] = nd, u
                heapq.heappush(heap, (nd, v))
    return dist, prev


def apply_splits(wps):
    """Adds NEW_WAYPOINTS and rewires each split edge A-B into A-M1-..-B. Returns the rows that
    differ from the shared table (changed neighbours or new), for the overlay file."""
    for wid, (lat, lon, _) in NEW_WAYPOINTS.items():
        wps[wid] = {"waypoint_id": wid, "lat": str(lat), "lon": str(lon), "neighbours": "",
                    "pos": (lat, lon)}
    nb = {w: set(v["neighbours"].split()) for w, v in wps.items()}
    before = {w: set(v) for w, v in nb.items()}
    for a, b in NEW_EDGES:
        nb[a].add(b)
        nb[b].add(a)
    for (a, b), mids in SPLITS.items():
        nb[a].discard(b)
        nb[b].discard(a)
        chain = [a, *mids, b]
        for x, y in zip(chain, chain[1:]):
            nb[x].add(y)
            nb[y].add(x)
    changed = []
    for w in wps:
        if nb[w] != before[w] or w in NEW_WAYPOINTS:
            wps[w]["neighbours"] = " ".join(sorted(nb[w]))
            changed.append(w)
    return [{k: wps[w][k] for k in ("waypoint_id", "lat", "lon", "neighbours")}
            for w in sorted(changed)]


def split_chain(ids):
    """The waypoint chain with every split edge replaced by its detour, and whether it changed."""
    out = [ids[0]]
    for x, y in zip(ids, ids[1:]):
        if (x, y) in SPLITS:
            out += SPLITS[x, y]
        elif (y, x) in SPLITS:
            out += SPLITS[y, x][::-1]
        out.append(y)
    return out, out != ids


def chain_km(wps, ids):
    return sum(gc_km(wps[x]["pos"], wps[y]["pos"]) for x, y in zip(ids, ids[1:]))


CHAIN_RE = r"waypoints:\s*([A-Za-z0-9_]+(?:\s*>\s*[A-Za-z0-9_]+)*)"


def rerouted(shared_links, wps):
    """Correction rows for the shared sea links whose chains used a split edge."""
    rows = []
    for l in shared_links:
        m = re.search(CHAIN_RE, l["notes"]) if l["mode"] == "sea" else None
        if not m:
            continue
        ids = [w.strip() for w in m.group(1).split(">")]
        new_ids, changed = split_chain(ids)
        if not changed:
            continue
        added = chain_km(wps, new_ids) - chain_km(wps, ids)
        r = dict(l)
        r["length_km"] = f"{float(l['length_km']) + added:.0f}"
        r["notes"] = (l["notes"][:m.start(1)] + ">".join(new_ids) + l["notes"][m.end(1):] +
                      f"; {REROUTED} (a shared waypoint edge crossed land): "
                      f"{l['length_km']} -> {r['length_km']} km")
        rows.append(r)
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("--facts", default=os.path.join(here, "..", "..", "shared", "facts"))
    ap.add_argument("--extra", default=os.path.join(here, "..", "geodata", "facts"))
    ap.add_argument("--max-detour", type=float, default=1.15)
    a = ap.parse_args()

    wps = {w["waypoint_id"]: w for w in read_csv(os.path.join(a.facts, "sea_waypoints.csv"))}
    for w in wps.values():
        w["pos"] = (float(w["lat"]), float(w["lon"]))
    overlay = apply_splits(wps)
    nodes = {n["id"]: n for n in read_csv(os.path.join(a.facts, "nodes.csv"))}
    extra_links_path = os.path.join(a.extra, "links.csv")
    extra_links = read_csv(extra_links_path)
    for n in read_csv(os.path.join(a.extra, "nodes.csv")):
        nodes[n["id"]] = n
    pos = {k: (float(n["lat"]), float(n["lon"])) for k, n in nodes.items()}

    # The operational sea links (shared, minus superseded, plus ours but not earlier lanes), the
    # shared ones rerouted round land where a split edge moved them.
    shared_links = read_csv(os.path.join(a.facts, "links.csv"))
    reroutes = rerouted(shared_links, wps)
    links = {l["id"]: l for l in shared_links}
    for l in reroutes:
        links[l["id"]] = l
    for l in extra_links:
        if l["id"].startswith(LANE_PREFIX) or REROUTED in l["notes"]:
            continue
        if l.get("status") == "superseded":
            links.pop(l["id"], None)
        else:
            links[l["id"]] = l
    sea = [l for l in links.values() if l["mode"] == "sea" and l["status"] == "operational"]

    approach = {}
    for l in sea:
        m = re.search(CHAIN_RE, l["notes"])
        if not m:
            continue
        ids = [w.strip() for w in m.group(1).split(">")]
        approach.setdefault(l["from_node_id"], ids[0])
        approach.setdefault(l["to_node_id"], ids[-1])
    ports = sorted(p for p in approach if nodes[p]["kind"] == "seaport")
    left_out = sorted(n for n, v in nodes.items() if v["kind"] == "seaport" and n not in approach)
    if left_out:
        print("ports without a waypoint-computed sea link (left out): " + ", ".join(left_out),
              file=sys.stderr)

    # Direct waypoint distance and path for every pair.
    direct, path = {}, {}
    for p in ports:
        dist, prev = waypoint_paths(wps, approach[p])
        for q in ports:
            if q == p:
                continue
            w = approach[q]
            km = gc_km(pos[p], wps[approach[p]]["pos"]) + dist[w] + gc_km(wps[w]["pos"], pos[q])
            seq, x = [], w
            while x is not None:
                seq.append(x)
                x = prev[x]
            direct[p, q], path[p, q] = km, seq[::-1]

    # Network sea distances (Floyd-Warshall over ports and any other sea endpoints).
    places = sorted({l["from_node_id"] for l in sea} | {l["to_node_id"] for l in sea})
    ix = {p: i for i, p in enumerate(places)}
    n = len(places)
    d = [[0.0 if i == j else math.inf for j in range(n)] for i in range(n)]

    def relax_all():
        for k in range(n):
            dk = d[k]
            for i in range(n):
                dik = d[i][k]
                if dik == math.inf:
                    continue
                di = d[i]
                for j in range(n):
                    if dik + dk[j] < di[j]:
                        di[j] = dik + dk[j]

    for l in sea:
        i, j, km = ix[l["from_node_id"]], ix[l["to_node_id"]], float(l["length_km"])
        d[i][j] = d[j][i] = min(d[i][j], km)
    relax_all()

    lanes = []
    while True:
        worst, pair = a.max_detour, None
        for (p, q), km in direct.items():
            if p < q and d[ix[p]][ix[q]] / km > worst:
                worst, pair = d[ix[p]][ix[q]] / km, (p, q)
        if pair is None:
            break
        p, q = pair
        km = direct[p, q]
        lanes.append((p, q, km, path[p, q], worst))
        i, j = ix[p], ix[q]
        d[i][j] = d[j][i] = km
        for x in range(n):  # one new edge: O(n^2) update
            for y in range(n):
                via = min(d[x][i] + km + d[j][y], d[x][j] + km + d[i][y])
                if via < d[x][y]:
                    d[x][y] = via

    header = list(extra_links[0].keys()) if extra_links else []
    kept = [l for l in extra_links
            if not l["id"].startswith(LANE_PREFIX) and REROUTED not in l["notes"]]
    rows = []
    for p, q, km, wp, ratio in sorted(lanes):
        nm = km / KM_PER_NM
        rows.append({
            "id": f"{LANE_PREFIX}{p}_{q}",
            "from_node_id": p, "to_node_id": q, "mode": "sea",
            "name": f"{nodes[p]['name'].split(' (')[0]}-{nodes[q]['name'].split(' (')[0]} direct",
            "length_km": f"{km:.0f}", "length_basis": "computed_sea",
            "gauge_mm": "", "electrified": "", "design_speed_kmh": "",
            "status": "operational", "status_year": "", "capacity": "", "confidence": "medium",
            "source": "computed: scripts/sea-lanes.py, shortest path over the hand-placed sea "
                      "waypoints of ../shared/facts/sea_waypoints.csv (as the shared sea links; "
                      "edges across land split: geodata/facts/sea_waypoints.csv)",
            "notes": f"{nm:.0f} nm; ~{km / 27.78 / 24:.1f} days steaming at 15 kn (excl. port "
                     f"time); direct lane: the sea links sailed {ratio:.2f}x this distance; "
                     f"waypoints: {'>'.join(wp)}",
            "great_circle_km": f"{gc_km(pos[p], pos[q]):.1f}",
        })
    with open(extra_links_path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=header, lineterminator="\n")
        w.writeheader()
        w.writerows(kept + reroutes + rows)
    wp_path = os.path.join(a.extra, "sea_waypoints.csv")
    with open(wp_path, "w", newline="", encoding="utf-8") as f:
        f.write("# Written by scripts/sea-lanes.py: waypoints added or rewired so that no waypoint edge "
                "crosses land\n# (NEW_WAYPOINTS and SPLITS there); rows override "
                "../shared/facts/sea_waypoints.csv by id.\n")
        w = csv.DictWriter(f, fieldnames=["waypoint_id", "lat", "lon", "neighbours"],
                           lineterminator="\n")
        w.writeheader()
        w.writerows(overlay)
    print(f"{len(reroutes)} shared sea links rerouted round land; {len(overlay)} waypoints in "
          f"{wp_path}")
    print(f"{len(rows)} direct sea lanes written to {extra_links_path} "
          f"({len(ports)} ports; no pair now sails more than {a.max_detour}x its direct distance)")


if __name__ == "__main__":
    main()
