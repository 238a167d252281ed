#!/usr/bin/env python3
"""Generate the bundled sample network geodata/sample/{nodes,links}.geojson.

The sample is the China-Laos railway and the Thai metre-gauge line to Bangkok and Laem Chabang
with their ports, plus the parallel Kunming-Bangkok road corridor, so mode choice is meaningful.

Input: the fact tables nodes.csv and links.csv (default ../shared/facts relative to the repo
root; override with --facts DIR). Output is deterministic: one feature per line, keys in a fixed
order, coordinates rounded to 5 decimals. Standard library only.

    python3 scripts/make-sample-geodata.py [--facts DIR] [--out DIR]
"""

import argparse
import csv
import json
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# ---------------------------------------------------------------------------------------------
# Selection. Features are written in links.csv / nodes.csv row order, not in this order.
LINK_IDS = [
    # China-Laos Railway Kunming-Vientiane, freight spur, gauge-break link to Thanaleng
    "r_clr_01", "r_clr_02", "r_clr_03", "r_clr_04", "r_clr_05", "r_clr_06",
    "r_clr_07", "r_clr_08", "r_clr_09", "r_clr_10", "r_clr_11",
    # Laos-Thailand metre gauge; planned standard-gauge Mekong bridge
    "r_lt_01", "r_lt_02", "r_lt_03",
    # SRT Northeastern Line Nong Khai-Bangkok; Eastern Line Bangkok-Si Racha Jn-Laem Chabang
    "r_th_01", "r_th_02", "r_th_03", "r_th_04", "r_th_05", "r_th_06", "r_th_07",
    # Thai-Chinese HSR (phase 1 under construction, phase 2 planned)
    "r_th_hsr1", "r_th_hsr2",
    # Kunming-Bangkok road corridor and local roads
    "d_01", "d_02", "d_03", "d_04", "d_05", "d_06", "d_07", "d_08", "d_09", "d_10", "d_11",
    "d_50", "d_44", "d_43",
    # Laem Chabang <-> Bangkok Port by sea and by barge
    "s_35", "w_05",
]
EXTRA_NODE_IDS = []  # nodes wanted even without a link (none: every node is a link endpoint)

# `line`: the part of the links.csv name before ':'; these overrides give the line where the name
# has no ':' or where the prefix is not the line a leg should be grouped under.
LINE_OVERRIDES = {
    "r_clr_10": "China-Laos Railway",  # "CLR freight spur: ..." is the CLR's own freight spur
    "r_clr_11": "Vientiane South-Thanaleng transshipment link",
    "r_lt_01": "Laos-Thailand Railway",
    "r_lt_02": "Laos-Thailand Railway",
    "r_lt_03": "Thai-Lao standard-gauge Mekong bridge",
    "r_th_07": "SRT Eastern Line",  # "SRT branch: Si Racha Jn-Laem Chabang port"
    "r_th_hsr1": "Thai-Chinese HSR",  # "Thai-Chinese HSR phase 1: ..."
    "r_th_hsr2": "Thai-Chinese HSR",
    "d_01": "Kunming-Bangkok Expressway",  # "Kunming-Bangkok Expressway (G213/G8511): ..."
    "d_02": "Mohan-Boten border road",
    "d_05": "Chiang Khong-Chiang Rai road",
    "d_08": "Vientiane-Vang Vieng Expressway",
    "d_09": "1st Thai-Lao Friendship Bridge",
    "d_10": "Thai Hwy 2 (Mittraphap)",
    "d_11": "Motorway 7",
    "d_43": "VSDZ access road",
    "d_44": "Boten SEZ access road",
    "d_50": "Vientiane South access road",
    "s_35": "Laem Chabang-Bangkok Port coastal feeder",
    "w_05": "Chao Phraya barge",
}

# `corridors`: named corridors (semicolon-separated); links not listed belong to none ("").
CLR = "China-Laos Railway"
THMG = "Thai metre-gauge network"
R3A = "Kunming-Bangkok Expressway (R3A)"
HSR = "Thai-Chinese HSR"
CORRIDORS = {
    **{f"r_clr_{i:02d}": [CLR] for i in range(1, 11)},
    "r_clr_11": [CLR, THMG],  # the link between the two gauges belongs to both networks
    "r_lt_01": [THMG], "r_lt_02": [THMG],  # SRT metre gauge extended into Laos
    **{f"r_th_{i:02d}": [THMG] for i in range(1, 8)},
    "r_th_hsr1": [HSR], "r_th_hsr2": [HSR], "r_lt_03": [HSR],
    **{f"d_{i:02d}": [R3A] for i in range(1, 7)},  # Kunming-Mohan-Boten-Houayxay-Chiang Rai-Bangkok
}

# Per-node figures from facts.csv: node id -> {property: (value, statement_id)}.
NODE_FACTS = {
    # CLR cross-border customs clearance <= 5 h (reported for the Mohan rail port); applied to both
    # sides of the Mohan/Boten crossing.
    "mohan": {"dwell_h": "clr_customs"},
    "boten": {"dwell_h": "clr_customs"},
    # Vientiane South 1435<->1000 mm transshipment yard: 800,000 t/yr.
    "vientiane_south": {"capacity_t_per_year": "clr_vte_yard_cap"},
}
# Site-specific fixed time/cost/CO2 on links from facts.csv: link id -> {property: statement_id}.
# None: the gauge_swap_* figures are for Alashankou/Khorgos, not for Vientiane South.
LINK_FACTS = {}

NODE_KINDS = {"city", "seaport", "river_port", "dry_port", "rail_hub", "border_crossing",
              "industrial_park", "sez"}
MODES = {"rail", "road", "sea", "inland_waterway"}
STATUSES = {"operational", "under_construction", "planned", "suspended"}
NODE_CONFIDENCE = {"sourced", "memory", "estimate", "mixed"}


def die(msg):
    sys.exit(f"make-sample-geodata: error: {msg}")


def read_csv(path):
    if not os.path.isfile(path):
        die(f"missing input file {path}")
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def number(text, what):
    """A CSV number as int when it has no fractional part written, else float."""
    t = text.strip().replace(",", "")
    try:
        return int(t) if re.fullmatch(r"[+-]?\d+", t) else float(t)
    except ValueError:
        die(f"{what}: not a number: {text!r}")


def coord(text, what):
    return round(float(number(text, what)), 5)


def one_word_confidence(text):
    """Map a confidence/basis word from the tables onto sourced|memory|estimate|mixed."""
    t = text.strip().lower()
    if t.startswith("sourced"):
        return "sourced"
    if t.startswith("memory") or t.startswith("unverified"):
        return "memory"
    if t.startswith("estimate"):
        return "estimate"
    if t.startswith("mixed"):
        return "mixed"
    die(f"unknown confidence word {text!r}")


def line_of(link):
    if link["id"] in LINE_OVERRIDES:
        return LINE_OVERRIDES[link["id"]]
    name = link["name"]
    if ":" not in name:
        die(f"link {link['id']}: name {name!r} has no ':' and no LINE_OVERRIDES entry")
    return name.split(":", 1)[0].strip()


def gauges(link):
    g = link["gauge_mm"].strip()
    if link["mode"] != "rail":
        if g:
            die(f"link {link['id']}: non-rail link with gauge {g!r}")
        return None, None
    if not g:
        die(f"link {link['id']}: rail link without gauge")
    parts = g.split("/")
    if len(parts) == 1:
        return int(parts[0]), None
    if len(parts) == 2:
        return int(parts[0]), int(parts[1])  # gauge break: FROM side first, TO side second
    die(f"link {link['id']}: bad gauge {g!r}")


def open_year(link):
    y = link["status_year"].strip()
    if not y:
        return None
    m = re.fullmatch(r"(\d{4})\+?", y)
    if not m:
        die(f"link {link['id']}: bad status_year {y!r}")
    return int(m.group(1))


def link_capacity(link):
    """Only a plain tonnes-per-year figure counts; forecasts and train counts do not."""
    cap = link["capacity"]
    m = re.search(r"([\d][\d,]*(?:\.\d+)?)\s*t/yr", cap)
    if not m or re.search(r"predict|forecast|>|<", cap):
        return None
    return number(m.group(1), f"link {link['id']} capacity")


def fact_source(fact):
    return f"facts.csv {fact['statement_id']}: {fact['source']}"


def feature_line(props, geometry):
    feat = {"type": "Feature", "properties": props, "geometry": geometry}
    return json.dumps(feat, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


def write_collection(path, lines):
    text = '{"type": "FeatureCollection", "features": [\n' + ",\n".join(lines) + "\n]}\n"
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", default=os.path.join(REPO, "..", "shared", "facts"),
                    help="directory with nodes.csv, links.csv, facts.csv (default: ../shared/facts)")
    ap.add_argument("--out", default=os.path.join(REPO, "geodata", "sample"),
                    help="output directory (default: geodata/sample)")
    args = ap.parse_args()

    nodes = read_csv(os.path.join(args.facts, "nodes.csv"))
    links = read_csv(os.path.join(args.facts, "links.csv"))
    facts = {f["statement_id"]: f for f in read_csv(os.path.join(args.facts, "facts.csv"))}
    node_by_id = {n["id"]: n for n in nodes}
    link_by_id = {l["id"]: l for l in links}
    if len(node_by_id) != len(nodes) or len(link_by_id) != len(links):
        die("duplicate ids in nodes.csv or links.csv")
    if len(set(LINK_IDS)) != len(LINK_IDS):
        die("duplicate ids in LINK_IDS")

    missing = [i for i in LINK_IDS if i not in link_by_id]
    if missing:
        die(f"links not in links.csv: {missing}")
    chosen = set(LINK_IDS)
    sel_links = [l for l in links if l["id"] in chosen]

    wanted = set(EXTRA_NODE_IDS)
    for l in sel_links:
        wanted.update((l["from_node_id"], l["to_node_id"]))
    missing = sorted(i for i in wanted if i not in node_by_id)
    if missing:
        die(f"link endpoints / nodes not in nodes.csv: {missing}")
    sel_nodes = [n for n in nodes if n["id"] in wanted]
    node_ids = {n["id"] for n in sel_nodes}
    for l in sel_links:  # the check the reader relies on, stated once more on the final node set
        for end in (l["from_node_id"], l["to_node_id"]):
            if end not in node_ids:
                die(f"link {l['id']}: endpoint {end!r} not in the node set")
    for nid in NODE_FACTS:
        if nid not in node_ids:
            die(f"NODE_FACTS names node {nid!r}, which is not in the sample")
    for lid in LINK_FACTS:
        if lid not in chosen:
            die(f"LINK_FACTS names link {lid!r}, which is not in the sample")

    # ---- nodes
    node_lines = []
    for n in sel_nodes:
        if n["kind"] not in NODE_KINDS:
            die(f"node {n['id']}: unknown kind {n['kind']!r}")
        if not re.fullmatch(r"[A-Z]{2}", n["country"]):
            die(f"node {n['id']}: bad country {n['country']!r}")
        vals = {"dwell_h": None, "handling_usd_per_t": None, "capacity_t_per_year": None}
        sources = [n["source"]]
        conf = {one_word_confidence(n["coord_basis"])}
        if n["extra"].strip() or n["extra_confidence"].strip():
            conf.add(one_word_confidence(n["extra_confidence"]))
        for prop, sid in NODE_FACTS.get(n["id"], {}).items():
            if sid not in facts:
                die(f"node {n['id']}: facts.csv has no statement {sid!r}")
            f = facts[sid]
            vals[prop] = number(f["value"], f"facts {sid}")
            sources.append(fact_source(f))
            conf.add(one_word_confidence(f["confidence"]))
        props = {
            "id": n["id"],
            "name": n["name"],
            "kind": n["kind"],
            "country": n["country"],
            "dwell_h": vals["dwell_h"],
            "handling_usd_per_t": vals["handling_usd_per_t"],
            "capacity_t_per_year": vals["capacity_t_per_year"],
            "source": "; ".join(sources),
            "confidence": conf.pop() if len(conf) == 1 else "mixed",
        }
        geom = {"type": "Point",
                "coordinates": [coord(n["lon"], f"{n['id']} lon"), coord(n["lat"], f"{n['id']} lat")]}
        node_lines.append(feature_line(props, geom))

    # ---- links
    link_lines = []
    for l in sel_links:
        if l["mode"] not in MODES:
            die(f"link {l['id']}: unknown mode {l['mode']!r}")
        if l["status"] not in STATUSES:
            die(f"link {l['id']}: unknown status {l['status']!r}")
        a, b = node_by_id[l["from_node_id"]], node_by_id[l["to_node_id"]]
        g_from, g_to = gauges(l)
        country = a["country"] if a["country"] == b["country"] else f"{a['country']}-{b['country']}"
        speed = l["design_speed_kmh"].strip()
        extra = {"time_h": None, "cost_usd_per_t": None, "co2_kg_per_t": None}
        source = l["source"]
        for prop, sid in LINK_FACTS.get(l["id"], {}).items():
            if sid not in facts:
                die(f"link {l['id']}: facts.csv has no statement {sid!r}")
            f = facts[sid]
            extra[prop] = number(f["value"], f"facts {sid}")
            source += "; " + fact_source(f)
        props = {
            "id": l["id"],
            "from": l["from_node_id"],
            "to": l["to_node_id"],
            "mode": l["mode"],
            "line": line_of(l),
            "name": l["name"],
            "length_km": number(l["length_km"], f"link {l['id']} length_km"),
            "length_basis": l["length_basis"],
            "gauge_mm": g_from,
            "gauge_to_mm": g_to,
            "speed_kmh": number(speed, f"link {l['id']} speed") if speed else None,
            "status": l["status"],
            "open_year": open_year(l),
            "capacity_t_per_year": link_capacity(l),
            "country": country,
            "corridors": ";".join(CORRIDORS.get(l["id"], [])),
            "oneway": False,
            "time_h": extra["time_h"],
            "cost_usd_per_t": extra["cost_usd_per_t"],
            "co2_kg_per_t": extra["co2_kg_per_t"],
            "source": source,
            "confidence": l["confidence"],
            "notes": l["notes"],
        }
        geom = {"type": "LineString",
                "coordinates": [[coord(a["lon"], "lon"), coord(a["lat"], "lat")],
                                [coord(b["lon"], "lon"), coord(b["lat"], "lat")]]}
        link_lines.append(feature_line(props, geom))

    os.makedirs(args.out, exist_ok=True)
    write_collection(os.path.join(args.out, "nodes.geojson"), node_lines)
    write_collection(os.path.join(args.out, "links.geojson"), link_lines)
    print(f"wrote {len(node_lines)} nodes and {len(link_lines)} links to {args.out}")


if __name__ == "__main__":
    main()
