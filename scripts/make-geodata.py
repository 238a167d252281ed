#!/usr/bin/env python3
"""Generate the bundled network geodata: geodata/sample/ and geodata/china-asean/.

geodata/sample/{nodes,links}.geojson: the China-Laos railway and the Thai metre-gauge line to
Bangkok and Laem Chabang with their ports, plus the parallel Kunming-Bangkok road corridor, so mode
choice is meaningful (a fixed selection of links, SAMPLE_LINK_IDS).

geodata/china-asean/{nodes,links,corridors}.geojson: every node and link of the fact tables, except
the two aggregate links (r_cn_24, r_cn_25), which are written as corridors (corridors.geojson, with
the segment links that form them), plus the connector links needed so that every node is reachable
from Kunming in the network as of 2030.

Input: the fact tables nodes.csv, links.csv, facts.csv and sea_waypoints.csv (default
../shared/facts relative to the repo root; override with --facts DIR). Output is deterministic: one
feature per line, keys in a fixed order, coordinates rounded to 5 decimals. Standard library only.

    python3 scripts/make-geodata.py [--facts DIR] [--extra DIR] [--out DIR]
"""

import argparse
import csv
import heapq
import json
import math
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROG = "make-geodata"

# ---------------------------------------------------------------------------------------------
# Sample selection. Features are written in links.csv / nodes.csv row order, not in this order.
SAMPLE_LINK_IDS = [
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

# ---------------------------------------------------------------------------------------------
# Aggregate links: they repeat chains of segment links (facts README, "Aggregate links"). They are
# written to corridors.geojson, never as links. Value: the corridor name written into the
# `corridors` property of their member links (and the `name` of the corridor feature).
AGGREGATES = {
    "r_cn_24": "CR Express corridor Xi'an-Urumqi",
    "r_cn_25": "ILSTC rail corridor Chongqing-Qinzhou Port",
}

# ---------------------------------------------------------------------------------------------
# `line`: the LINE_OVERRIDES entry, else the part of the links.csv name before ':', else the whole
# name less a trailing parenthesis ("Muse-Mandalay railway (planned)" -> "Muse-Mandalay railway").
# Overrides group a line's segments under one name where the names differ.
LINE_OVERRIDES = {
    "r_clr_10": "China-Laos Railway",  # "CLR freight spur: ..." is the CLR's own freight spur
    "r_clr_11": "Vientiane South-Thanaleng transshipment link",
    "r_lt_01": "Laos-Thailand Railway",
    "r_lt_02": "Laos-Thailand Railway",
    "r_lt_03": "Thai-Lao standard-gauge Mekong bridge",
    "r_th_07": "SRT Eastern Line",  # "SRT branch: Si Racha Jn-Laem Chabang port"
    "r_th_08": "SRT Eastern Line",  # "SRT branch: Si Racha Jn-Map Ta Phut"
    "r_th_hsr1": "Thai-Chinese HSR",  # "Thai-Chinese HSR phase 1: ..."
    "r_th_hsr2": "Thai-Chinese HSR",
    "r_my_05": "KTM West Coast Line",  # Gemas-JB is the southern section of the West Coast Line
    "r_yv_01": "Yunnan-Vietnam Railway",  # the metre-gauge Kunming-Hekou-Lao Cai-Hanoi-Hai Phong
    "r_yv_07": "Yunnan-Vietnam Railway",  # r_yv_01 detailed through Kaiyuan
    "r_yv_08": "Yunnan-Vietnam Railway",
    "r_yv_04": "Yunnan-Vietnam Railway",
    "r_yv_05": "Yunnan-Vietnam Railway",
    "r_yv_06": "Yunnan-Vietnam Railway",
    "r_yv_02": "Yuxi-Mengzi-Hekou railway",  # standard gauge
    "r_yv_03": "Yuxi-Mengzi-Hekou railway",
    "r_gx_03": "Hunan-Guangxi railway",  # "Hunan-Guangxi railway (conventional, freight): ..."
    "r_gx_09": "Sichuan-Guizhou (Chuanqian) railway",
    "r_gx_10": "Guizhou-Guangxi (Qiangui) railway",
    "r_cn_10": "Lanzhou-Xinjiang (Lanxin) railway",
    "d_01": "Kunming-Bangkok Expressway",  # "Kunming-Bangkok Expressway (G213/G8511): ..."
    "d_02": "Mohan-Boten border road",
    "d_05": "Chiang Khong-Chiang Rai road",
    "d_08": "Vientiane-Vang Vieng Expressway",
    "d_09": "1st Thai-Lao Friendship Bridge",
    "d_10": "Thai Hwy 2 (Mittraphap)",
    "d_11": "Motorway 7",
    "d_32": "AH14 Muse-Lashio-Mandalay road",
    "d_33": "AH14 Muse-Lashio-Mandalay road",
    "d_43": "VSDZ access road",
    "d_44": "Boten SEZ access road",
    "d_50": "Vientiane South access road",
    "s_35": "Laem Chabang-Bangkok Port coastal feeder",
    "w_05": "Chao Phraya barge",
}

# ---------------------------------------------------------------------------------------------
# `freight`. Every rail link that looks high-speed or passenger (design speed >= 200 km/h, or
# "HSR" / "high-speed" / "passenger" / "shuttle" in its name, notes or capacity) must be decided
# here, one way or the other, with the phrase of the facts that decided it; the script fails on an
# undecided one. All other links carry freight.
PASSENGER_ONLY = {  # freight = false
    "r_gx_01": 'notes "passenger" (Nanning-Pingxiang HSR)',
    "r_gx_02": 'same line as r_gx_01 ("Nanning-Pingxiang HSR", notes "passenger"); the parallel '
               'r_gx_03 is the "conventional, freight" line, "freight route to Dong Dang"',
    "r_gx_08": 'notes "passenger-dedicated (no freight)"',
    "r_gx_14": 'notes "passenger"',
    "r_yn_01": 'name "Yunnan-Guangxi (Nankun) HSR" (facts README: Chinese high-speed lines are '
               'passenger-only); the parallel r_yn_02 is the "conventional railway (freight)"',
    "r_yn_03": 'notes "passenger" (Shanghai-Kunming HSR)',
    "r_cn_01": 'notes "passenger" (Shanghai-Kunming HSR)',
    "r_cn_02": 'notes "passenger" (Shanghai-Kunming HSR)',
    "r_cn_03": 'name "Chengdu-Chongqing HSR" (facts README: Chinese high-speed lines are '
               'passenger-only)',
    "r_cn_04": 'name "Xi\'an-Chengdu HSR" (facts README rule)',
    "r_cn_05": 'name "Zhengzhou-Xi\'an HSR" (facts README rule)',
    "r_cn_06": 'name "Beijing-Guangzhou HSR" (facts README rule)',
    "r_cn_07": 'name "Wuhan-Guangzhou HSR" (facts README rule)',
    "r_cn_11": 'notes "passenger" (Lanzhou-Xinjiang HSR); the parallel r_cn_10 is the conventional '
               'line',
    "r_id_01": 'notes "passenger" (Jakarta-Bandung HSR \'Whoosh\')',
    "r_my_09": 'notes "passenger only" (RTS Link)',
    "r_th_hsr1": 'judgement: "Thai-Chinese HSR", 250 km/h design; no freight use stated for the '
                 'line (the only freight item, r_th_hsr2 "Nong Khai cargo transfer centre (MG/SG)", '
                 'is a transfer to the metre gauge)',
    "r_th_hsr2": 'judgement: as r_th_hsr1; capacity "includes Nong Khai cargo transfer centre '
                 '(MG/SG)" is a gauge transfer at Nong Khai, not freight on the HSR',
}
CONVENTIONAL_CHINA = ("geodata/facts: a conventional Chinese main line carrying freight beside the "
                      "passenger HSR (geodata/sources/china-rail-lines.csv)")
CARRIES_FREIGHT = {  # reviewed, freight = true
    "r_add_08": CONVENTIONAL_CHINA,
    "r_add_09": CONVENTIONAL_CHINA,
    "r_add_10": CONVENTIONAL_CHINA,
    "r_add_11": CONVENTIONAL_CHINA,
    "r_add_12": CONVENTIONAL_CHINA,
    "r_add_13": CONVENTIONAL_CHINA,
    "r_add_14": CONVENTIONAL_CHINA,
    "r_add_15": CONVENTIONAL_CHINA,
    "r_add_16": CONVENTIONAL_CHINA,
    "r_add_19": CONVENTIONAL_CHINA,  # r_add_17 detailed through Maoming
    "r_add_24": 'geodata/facts: the conventional Beijing-Shanghai (Jinghu) line, mixed passenger/freight',
    "r_add_25": CONVENTIONAL_CHINA,  # r_add_18 detailed through Jinan
    "r_add_26": CONVENTIONAL_CHINA,
    "r_add_27": 'geodata/facts: the inland conventional Xiamen-Longyan-Meizhou-Guangzhou freight route',
    "r_add_20": CONVENTIONAL_CHINA,
    "r_add_21": 'geodata/facts: Maoming-Zhanjiang "客货运共线" (mixed passenger/freight, 2013)',
    "r_add_22": 'geodata/facts: Yongtaiwen + Wenfu "客货兼顾", freight trains from 2009',
    "r_add_23": 'geodata/facts: Fuzhou-Xiamen "客货运通道", freight trains from 31 Dec 2009',
    "r_gx_16": 'geodata/facts correction: Guangshen tracks 3 and 4 are a "160-km/h mixed passenger '
               'and freight line" (route map, c.2024); the Pingyan line to Yantian is freight',
    "r_add_01": 'geodata/facts: the conventional Shanghai-Kunming line (120 km/h), the freight route '
                'beside the passenger HSR r_yn_03',
    "r_add_02": 'geodata/facts: the conventional Chengyu line (1952, 120 km/h) beside the HSR r_cn_03',
    "r_clr_01": 'CLR Kunming-Yuxi section (200 km/h), part of the freight route (clr_length 1,035 '
                'km Kunming-Vientiane); no passenger-only statement',
    "r_lt_02": 'capacity "passenger focus" (a focus, not passenger-only; SRT metre gauge)',
    "r_lt_03": 'name "(HSR link)", but 160 km/h and it ends at the CLR freight station and '
               'transshipment yard vientiane_south; r_th_hsr2 plans a "Nong Khai cargo transfer '
               'centre (MG/SG)" at its other end',
    "r_my_08": '"KTM Shuttle Tebrau" is a passenger service name, but the facts say nothing of the '
               'track being passenger-only (metre-gauge West Coast Line into Woodlands)',
    "r_yv_01": 'notes "passenger service largely suspended; freight Kaiyuan/Hekou-Hai Phong"',
    "r_yv_07": 'notes: Kaiyuan/Hekou-Hai Phong metre-gauge freight trains (Xinhua 2018)',
    "r_yv_08": 'the shared table\'s r_yv_01 (freight Kaiyuan/Hekou-Hai Phong) detailed; this '
               'section\'s freight status is uncertain (notes)',
    "r_vn_sgr1": 'capacity "single track, mixed passenger/freight"',
    "r_vn_hsr": 'capacity "23 passenger + 5 freight stations"',
    "r_gx_04": 'capacity "ILSTC rail-sea >10,000 trains (2024)"; member of the ILSTC aggregate '
               'r_cn_25 (250 km/h design)',
    "r_gx_05": '200 km/h, no passenger statement in the facts (doubtful)',
    "r_gx_06": '200 km/h, no passenger statement in the facts (doubtful)',
    "r_gx_07": 'notes "passenger + freight"',
    "r_gx_12": 'notes "mixed passenger/freight"',
    "r_gx_17": '"Xiamen-Shenzhen railway", 250 km/h, no passenger statement in the facts (doubtful)',
    "r_yn_04": '"Kunming-Chuxiong-Dali railway", 200 km/h, no passenger statement (doubtful)',
    "r_cn_19": '"Shanghai-Hangzhou-Ningbo rail" (a rail connection, length an estimate), 300 km/h, '
               'no passenger statement (doubtful)',
    "r_cn_20": '"Shanghai-Wuhan (Hu-Han-Rong) rail" (a rail connection, length an estimate), 250 '
               'km/h, no passenger statement (doubtful)',
    "r_cn_21": '"Wuhan-Yichang-Chongqing rail" (a rail connection, length an estimate), 250 km/h, '
               'no passenger statement (doubtful)',
}

# ---------------------------------------------------------------------------------------------
# Named corridors (`corridors`, semicolon-separated, in this order; then the aggregate corridors of
# AGGREGATES for their members). Links not listed belong to none ("").
CLR = "China-Laos Railway"
THMG = "Thai metre-gauge network"
HSR = "Thai-Chinese HSR"
KTM = "KTM West Coast Line"
ECRL = "East Coast Rail Link"
ILSTC = "New International Land-Sea Trade Corridor"
YVR = "Yunnan-Vietnam Railway"
LCHP = "Lao Cai-Hanoi-Haiphong SGR"
NNHN = "Nanning-Hanoi (Pingxiang-Dong Dang)"
VNNS = "Vietnam North-South Railway"
CKR = "China-Cambodia Railway"
CMR = "China-Myanmar Railway (Muse-Mandalay-Kyaukphyu)"
JBHSR = "Jakarta-Bandung HSR"
SGSD = "Singapore-Shandong shipping corridor"
CER = "China-Europe Railway (Khorgos/Alashankou)"
R3A = "Kunming-Bangkok Expressway (R3A)"
LANCANG = "Lancang-Mekong river route"
SYSTEMS = [
    (CLR, [f"r_clr_{i:02d}" for i in range(1, 12)]),  # r_clr_11: the link between the gauges
    # SRT metre gauge, extended into Laos (r_lt_01/02) and to Poipet (r_th_10); r_clr_11 joins it
    (THMG, ["r_clr_11", "r_lt_01", "r_lt_02"] + [f"r_th_{i:02d}" for i in range(1, 13)]),
    (HSR, ["r_th_hsr1", "r_th_hsr2", "r_lt_03"]),
    # Padang Besar-Butterworth-Ipoh-KL-Gemas-JB, and across the Causeway to Woodlands
    (KTM, ["r_my_01", "r_my_02", "r_my_03", "r_my_04", "r_my_05", "r_my_08"]),
    (ECRL, [f"r_ecrl_{i:02d}" for i in range(1, 6)]),
    # Chongqing-Guiyang (Chuanqian, Yugui)-Liuzhou-Nanning-Qinzhou-Qinzhou Port rail, and the
    # Qinzhou sea legs to ASEAN ports (s_07 Qinzhou-Hong Kong is not an ASEAN leg: left out)
    (ILSTC, ["r_gx_09", "r_gx_12", "r_gx_10", "r_gx_11", "r_gx_04", "r_gx_04b",
             "s_01", "s_02", "s_03", "s_04", "s_05", "s_06", "s_08", "s_09", "s_10", "s_11"]),
    (YVR, ["r_yv_08", "r_yv_07", "r_yv_04", "r_yv_05", "r_yv_06"]),  # metre gauge only
    (LCHP, ["r_vn_sgr1", "r_vn_sgr2"]),
    (NNHN, ["r_gx_03", "r_vn_01", "r_vn_02"]),  # the conventional (freight) line via Pingxiang
    (VNNS, ["r_vn_03", "r_vn_04"]),  # metre-gauge Hanoi-Da Nang-Ho Chi Minh City (Thong Nhat)
    (CKR, []),  # not in the fact tables: Cambodia has only the Royal Railway (r_kh_01, r_kh_02)
    (CMR, ["r_yn_07", "r_mm_01", "r_mm_02"]),
    (JBHSR, ["r_id_01"]),
    (SGSD, ["s_28"]),
    # Lanzhou-Chongqing (CR Express westbound route), Longhai, Lanxin, Northern Xinjiang, the two
    # border lines and crossings, and the Kazakh 1520 mm lines to Almaty
    (CER, ["r_cn_08", "r_cn_09", "r_cn_10", "r_cn_12", "r_cn_13", "r_cn_14", "r_cn_15",
           "r_cn_16", "r_kz_01", "r_kz_02"]),
    (R3A, [f"d_{i:02d}" for i in range(1, 7)]  # Kunming-Mohan-Boten-Houayxay-Chiang Rai-Bangkok
     + ["d_rd_122", "d_rd_143", "d_rd_144"]),  # d_06 Chiang Rai-Bangkok, by Nakhon Sawan and Tak
    (LANCANG, ["w_lm_01"]),  # Jinghong (Guanlei) - Chiang Saen cargo boats (geodata/facts)
]

# Gauge written differently from links.csv `gauge_mm`: link id -> (gauge_mm, gauge_to_mm, why). The
# reason is appended to the link's notes. The schema has no dual gauge: "1435/1000" is a break.
GAUGE_OVERRIDES = {
    "r_vn_02": (1000, None,
                "corridor: gauge written as 1000 (mixed 1435/1000 line): the schema has no dual "
                "gauge, and as a 1435/1000 break it would add two more gauge breaks after the "
                "Pingxiang/Dong Dang break r_vn_01"),
}

# Per-node figures from facts.csv: node id -> {property: statement_id}.
NODE_FACTS = {
    # CLR cross-border customs clearance <= 5 h (reported for the Mohan rail port); applied to both
    # sides of the Mohan/Boten crossing (the cost model takes the larger of the two ends).
    "mohan": {"dwell_h": "clr_customs"},
    "boten": {"dwell_h": "clr_customs"},
    # Vientiane South 1435<->1000 mm transshipment yard: 800,000 t/yr.
    "vientiane_south": {"capacity_t_per_year": "clr_vte_yard_cap"},
    # Port capacities (geodata/facts/facts.csv; TEU at 10 t): the sea-land transfer of the port.
    "laem_chabang": {"capacity_t_per_year": "cap_laem_chabang_port"},
    "sg_port": {"capacity_t_per_year": "cap_sg_port"},
    "port_klang": {"capacity_t_per_year": "cap_port_klang"},
    "haiphong_port": {"capacity_t_per_year": "cap_haiphong_port"},
    "lach_huyen": {"capacity_t_per_year": "cap_lach_huyen"},
    "kuantan_port": {"capacity_t_per_year": "cap_kuantan_port"},
    "qinzhou_port": {"capacity_t_per_year": "cap_qinzhou_port"},
}
# Site-specific fixed time/cost/CO2 on links from facts.csv: link id -> {property: statement_id}.
# The gauge-change figures go on the gauge-break links: there the cost model takes a link's time_h
# as its transfer time, whereas a node's dwell_h would replace the border clearance time.
LINK_FACTS = {
    "r_cn_15": {"time_h": "gauge_swap_khorgos",  # 47 min train-to-train transfer at Khorgos
                "capacity_t_per_year": "cap_khorgos_rail"},
    "r_cn_16": {"time_h": "gauge_swap_train",  # 1.5 h whole-train reload at Alashankou
                "capacity_t_per_year": "cap_alashankou_rail"},
    # Crossing and line capacities (geodata/facts/facts.csv): design figures where published, else
    # running rates (trains or trucks a day x load), which are lower bounds of a capacity.
    "r_clr_05": {"capacity_t_per_year": "cap_mohan_boten_rail"},
    "d_36": {"capacity_t_per_year": "cap_muse_road"},
    "d_rd_26": {"capacity_t_per_year": "cap_lang_son_road"},
    "d_add_01": {"capacity_t_per_year": "cap_poipet_road"},
    "r_yn_02": {"capacity_t_per_year": "cap_nanning_kunming_rail"},
    "r_th_07": {"capacity_t_per_year": "cap_laem_chabang_rail"},
}

# Connectivity: the year of the network every node must be reachable in, from ORIGIN.
YEAR = 2030
ORIGIN = "kunming"
CONNECTOR_FACTOR = 1.3
CONNECTOR_SOURCE = ("corridor: connector added so the node is reachable (no link in links.csv); "
                    "straight line x 1.3")

NODE_KINDS = {"city", "seaport", "river_port", "dry_port", "rail_hub", "border_crossing",
              "industrial_park", "sez"}
MODES = {"rail", "road", "sea", "inland_waterway"}
STATUSES = {"operational", "under_construction", "planned", "suspended"}


def die(msg):
    sys.exit(f"{PROG}: error: {msg}")


def warn(msg):
    print(f"{PROG}: warning: {msg}", file=sys.stderr)


def read_csv(path):
    if not os.path.isfile(path):
        die(f"missing input file {path}")
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(line for line in fh if not line.startswith("#")))


def number(text, what):
    """A CSV number as int when it has no fractional part written, else float."""
    t = text.strip().replace(",", "")
    try:
        return int(t) if re.fullmatch(r"[+-]?\d+", t) else float(t)
    except ValueError:
        die(f"{what}: not a number: {text!r}")


def coord(text, what):
    return round(float(number(str(text), what)), 5)


def great_circle_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (a[1], a[0], b[1], b[0]))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def one_word_confidence(text):
    """Map a confidence/basis word from the tables onto sourced|memory|estimate|mixed."""
    t = text.strip().lower()
    for word in ("sourced", "memory", "estimate", "mixed"):
        if t.startswith(word):
            return word
    if t.startswith("unverified"):
        return "memory"
    die(f"unknown confidence word {text!r}")


def line_of(link):
    if link["id"] in LINE_OVERRIDES:
        return LINE_OVERRIDES[link["id"]]
    name = link["name"]
    if ":" in name:
        return name.split(":", 1)[0].strip()
    return re.sub(r"\s*\([^()]*\)$", "", name).strip()


def gauges(link):
    if link["id"] in GAUGE_OVERRIDES:
        return GAUGE_OVERRIDES[link["id"]][:2]
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


def open_in(link, year):
    """Open in `year`: operational (any year or none), or under construction / planned with an
    expected year <= `year` ("2028+" counts as 2028). Suspended links are not open."""
    st, y = link["status"], open_year(link)
    if st == "operational":
        return True
    if st in ("under_construction", "planned"):
        return y is not None and y <= year
    return False


def link_capacity(link):
    """Only a plain tonnes-per-year figure counts; forecasts and train counts do not."""
    cap = link["capacity"]
    m = re.search(r"([\d][\d,]*(?:\.\d+)?)\s*t/yr", cap)
    if not m or re.search(r"predict|forecast|>|<", cap):
        return None
    return number(m.group(1), f"link {link['id']} capacity")


def looks_passenger(link):
    """A rail link that must be decided in PASSENGER_ONLY or CARRIES_FREIGHT."""
    if link["mode"] != "rail":
        return False
    text = " ".join((link["name"], link["notes"], link["capacity"])).lower()
    speed = link["design_speed_kmh"].strip()
    return (bool(re.search(r"\bhsr\b|high-speed|passenger|shuttle", text))
            or (speed != "" and float(speed) >= 200))


def fact_value(fact, prop):
    """A facts.csv value in the unit of the property (time in hours)."""
    sid, unit = fact["statement_id"], fact["unit"].strip()
    v = number(fact["value"], f"facts {sid}")
    if prop in ("dwell_h", "time_h"):
        if unit == "min":
            return round(v / 60, 2)
        if re.fullmatch(r"h(\s*\(.*\))?", unit):
            return v
        die(f"facts {sid}: unit {unit!r} is not a time for {prop}")
    if prop == "capacity_t_per_year" and unit != "t/yr":
        die(f"facts {sid}: unit {unit!r} is not t/yr")
    return v


def fact_source(fact):
    return f"facts.csv {fact['statement_id']}: {fact['source']}"


def feature_line(props, geometry):
    feat = {"type": "Feature", "properties": props, "geometry": geometry}
    return json.dumps(feat, ensure_ascii=False, separators=(", ", ": "), allow_nan=False)


def write_collection(path, lines):
    text = '{"type": "FeatureCollection", "features": [\n' + ",\n".join(lines) + "\n]}\n"
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)


class Tables:
    """The fact tables, read and checked once."""

    def __init__(self, facts_dir, extra_dir=None):
        self.nodes = read_csv(os.path.join(facts_dir, "nodes.csv"))
        self.links = read_csv(os.path.join(facts_dir, "links.csv"))
        facts = read_csv(os.path.join(facts_dir, "facts.csv"))
        self.superseded = {}  # link id -> why (geodata/facts rows with status "superseded")
        # The project's own sourced additions (geodata/facts/*.csv, same columns): a row whose id
        # the shared table has replaces it (a correction, printed), any other row is appended.
        for name, rows in (("nodes.csv", self.nodes), ("links.csv", self.links),
                           ("facts.csv", facts)):
            path = os.path.join(extra_dir, name) if extra_dir else None
            if not (path and os.path.isfile(path)):
                continue
            at = {next(iter(r.values())): i for i, r in enumerate(rows)}
            for r in read_csv(path):
                key = next(iter(r.values()))
                if key.startswith("#"):
                    continue
                if name == "links.csv" and r["status"] == "superseded":
                    # Not a replacement: the shared link stays in the sample, but the full
                    # network routes over the chain of links that details it.
                    self.superseded[key] = r["notes"]
                elif key in at:
                    print(f"correction from geodata/facts/{name}: {key}")
                    rows[at[key]] = r
                else:
                    rows.append(r)
        self.facts = {f["statement_id"]: f for f in facts}
        if len(self.facts) != len(facts):
            die("duplicate statement ids in facts.csv")
        wps = read_csv(os.path.join(facts_dir, "sea_waypoints.csv"))
        self.waypoints = {w["waypoint_id"]: w for w in wps}
        if len(self.waypoints) != len(wps):
            die("duplicate ids in sea_waypoints.csv")
        # The project's waypoint overlay (scripts/sea-lanes.py: edges across land split): a row
        # replaces the shared waypoint of its id, or adds one.
        overlay = os.path.join(extra_dir, "sea_waypoints.csv") if extra_dir else None
        if overlay and os.path.isfile(overlay):
            for w in read_csv(overlay):
                self.waypoints[w["waypoint_id"]] = w
            wps = list(self.waypoints.values())
        self.node_by_id = {n["id"]: n for n in self.nodes}
        self.link_by_id = {l["id"]: l for l in self.links}
        if len(self.node_by_id) != len(self.nodes) or len(self.link_by_id) != len(self.links):
            die("duplicate ids in nodes.csv or links.csv")
        if len(self.waypoints) != len(wps):
            die("duplicate ids in sea_waypoints.csv")
        for n in self.nodes:
            if n["kind"] not in NODE_KINDS:
                die(f"node {n['id']}: unknown kind {n['kind']!r}")
            if not re.fullmatch(r"[A-Z]{2}", n["country"]):
                die(f"node {n['id']}: bad country {n['country']!r}")
        for l in self.links:
            if l["mode"] not in MODES:
                die(f"link {l['id']}: unknown mode {l['mode']!r}")
            if l["status"] not in STATUSES:
                die(f"link {l['id']}: unknown status {l['status']!r}")
            for end in (l["from_node_id"], l["to_node_id"]):
                if end not in self.node_by_id:
                    die(f"link {l['id']}: endpoint {end!r} not in nodes.csv")
        # Every decision table names existing links, and every look-alike link is decided.
        tables = [("SAMPLE_LINK_IDS", SAMPLE_LINK_IDS), ("AGGREGATES", AGGREGATES),
                  ("LINE_OVERRIDES", LINE_OVERRIDES), ("PASSENGER_ONLY", PASSENGER_ONLY),
                  ("CARRIES_FREIGHT", CARRIES_FREIGHT), ("LINK_FACTS", LINK_FACTS),
                  ("GAUGE_OVERRIDES", GAUGE_OVERRIDES)]
        tables += [(f"SYSTEMS[{name}]", ids) for name, ids in SYSTEMS]
        for what, ids in tables:
            missing = [i for i in ids if i not in self.link_by_id]
            if missing:
                die(f"{what} names links not in links.csv: {missing}")
        for nid in NODE_FACTS:
            if nid not in self.node_by_id:
                die(f"NODE_FACTS names node {nid!r}, which is not in nodes.csv")
        both = sorted(set(PASSENGER_ONLY) & set(CARRIES_FREIGHT))
        if both:
            die(f"links both passenger-only and freight: {both}")
        for l in self.links:
            if l["id"] in PASSENGER_ONLY or l["id"] in CARRIES_FREIGHT:
                if l["mode"] != "rail":
                    die(f"link {l['id']}: freight decision on a non-rail link")
            elif looks_passenger(l) and l["id"] not in AGGREGATES:
                die(f"link {l['id']} ({l['name']!r}) looks high-speed or passenger: decide it in "
                    f"PASSENGER_ONLY or CARRIES_FREIGHT")
        for lid in AGGREGATES:
            if "AGGREGATE" not in self.link_by_id[lid]["notes"]:
                die(f"link {lid}: listed in AGGREGATES but its notes do not say AGGREGATE")
        for l in self.links:
            if "AGGREGATE" in l["notes"] and l["id"] not in AGGREGATES:
                die(f"link {l['id']}: notes say AGGREGATE but it is not in AGGREGATES")

    def lonlat(self, node_id):
        n = self.node_by_id[node_id]
        return [coord(n["lon"], f"{node_id} lon"), coord(n["lat"], f"{node_id} lat")]

    def fact(self, sid, what):
        if sid not in self.facts:
            die(f"{what}: facts.csv has no statement {sid!r}")
        return self.facts[sid]


def corridors_of(extra):
    """link id -> list of corridor names: SYSTEMS in order, then `extra` (id -> names)."""
    out = {}
    for name, ids in SYSTEMS:
        for i in ids:
            out.setdefault(i, []).append(name)
    for i, names in extra.items():
        for name in names:
            if name not in out.setdefault(i, []):
                out[i].append(name)
    return out


def sea_waypoints(t, link):
    """The waypoint ids listed in a link's notes ("waypoints: A>B>C"), checked."""
    m = re.search(r"waypoints:\s*([A-Za-z0-9_]+(?:\s*>\s*[A-Za-z0-9_]+)*)", link["notes"])
    if not m:
        return []
    ids = [w.strip() for w in m.group(1).split(">")]
    unknown = [w for w in ids if w not in t.waypoints]
    if unknown:
        die(f"link {link['id']}: unknown sea waypoint(s) {unknown} (not in sea_waypoints.csv)")
    for a, b in zip(ids, ids[1:]):
        if b not in t.waypoints[a]["neighbours"].split():
            warn(f"link {link['id']}: waypoints {a} and {b} are not neighbours in "
                 "sea_waypoints.csv")
    return ids


def link_geometry(t, link):
    pts = [t.lonlat(link["from_node_id"])]
    if link["mode"] in ("sea", "inland_waterway"):
        for w in sea_waypoints(t, link):
            wp = t.waypoints[w]
            pts.append([coord(wp["lon"], f"waypoint {w} lon"), coord(wp["lat"], f"waypoint {w} lat")])
    elif "waypoints:" in link["notes"]:
        die(f"link {link['id']}: waypoints on a {link['mode']} link")
    pts.append(t.lonlat(link["to_node_id"]))
    return {"type": "LineString", "coordinates": pts}


def node_props(t, n):
    vals = {"dwell_h": None, "handling_usd_per_t": None, "capacity_t_per_year": None}
    sources = [n["source"]]
    conf = {one_word_confidence(n["coord_basis"])}
    if n["extra"].strip() or n["extra_confidence"].strip():
        conf.add(one_word_confidence(n["extra_confidence"]))
    for prop, sid in NODE_FACTS.get(n["id"], {}).items():
        f = t.fact(sid, f"node {n['id']}")
        vals[prop] = fact_value(f, prop)
        sources.append(fact_source(f))
        conf.add(one_word_confidence(f["confidence"]))
    return {
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


def link_country(t, a_id, b_id):
    a, b = t.node_by_id[a_id]["country"], t.node_by_id[b_id]["country"]
    return a if a == b else f"{a}-{b}"


def link_props(t, l, corridors):
    g_from, g_to = gauges(l)
    speed = l["design_speed_kmh"].strip()
    extra = {"time_h": None, "cost_usd_per_t": None, "co2_kg_per_t": None,
             "capacity_t_per_year": link_capacity(l)}
    source = l["source"]
    for prop, sid in LINK_FACTS.get(l["id"], {}).items():
        f = t.fact(sid, f"link {l['id']}")
        extra[prop] = fact_value(f, prop)
        source += "; " + fact_source(f)
    return {
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
        "freight": l["id"] not in PASSENGER_ONLY,
        # links.csv `electrified`: y / n, blank = unknown (rail only).
        "electrified": ({"y": True, "n": False}.get(l["electrified"].strip().lower())
                        if l["mode"] == "rail" else None),
        "status": l["status"],
        "open_year": open_year(l),
        "capacity_t_per_year": extra["capacity_t_per_year"],
        "country": link_country(t, l["from_node_id"], l["to_node_id"]),
        "corridors": ";".join(corridors.get(l["id"], [])),
        "oneway": False,
        "time_h": extra["time_h"],
        "cost_usd_per_t": extra["cost_usd_per_t"],
        "co2_kg_per_t": extra["co2_kg_per_t"],
        "source": source,
        "confidence": l["confidence"],
        "notes": "; ".join(x for x in (l["notes"], GAUGE_OVERRIDES.get(l["id"], ("", "", ""))[2])
                           if x),
    }


def connector_props(t, a, b, length):
    return {
        "id": f"x_{a}_{b}",
        "from": a,
        "to": b,
        "mode": "road",
        "line": "connector",
        "name": f"Connector {t.node_by_id[a]['name']} - {t.node_by_id[b]['name']}",
        "length_km": length,
        "length_basis": "estimate",
        "gauge_mm": None,
        "gauge_to_mm": None,
        "speed_kmh": None,
        "freight": True,
        "status": "operational",
        "open_year": None,
        "capacity_t_per_year": None,
        "country": link_country(t, a, b),
        "corridors": "",
        "oneway": False,
        "time_h": None,
        "cost_usd_per_t": None,
        "co2_kg_per_t": None,
        "source": CONNECTOR_SOURCE,
        "confidence": "low",
        "notes": f"no link open by {YEAR} reaches {a} in links.csv; straight line to the nearest "
                 f"reachable node of the same country x {CONNECTOR_FACTOR}",
    }


# ---------------------------------------------------------------------------------------------
# Aggregates: the chain of segment links between the aggregate's ends.

def aggregate_members(t, agg):
    """Shortest chain of non-aggregate, operational, freight rail links of the aggregate's single
    gauge between its ends, preferring conventional lines: minimise the km on lines of design speed
    > 160 km/h first, then the total km."""
    gauge, g_to = gauges(agg)
    if g_to is not None:
        die(f"aggregate {agg['id']}: gauge break")
    adj = {}
    for l in t.links:
        if (l["mode"] != "rail" or l["id"] in AGGREGATES or l["id"] in PASSENGER_ONLY
                or l["status"] != "operational" or gauges(l) != (gauge, None)):
            continue
        km = float(number(l["length_km"], l["id"]))
        speed = l["design_speed_kmh"].strip()
        fast = km if speed and float(speed) > 160 else 0.0
        for a, b in ((l["from_node_id"], l["to_node_id"]), (l["to_node_id"], l["from_node_id"])):
            adj.setdefault(a, []).append((b, (fast, km), l["id"]))
    src, dst = agg["from_node_id"], agg["to_node_id"]
    best = {src: (0.0, 0.0)}
    prev = {}
    heap = [((0.0, 0.0), src)]
    while heap:
        w, u = heapq.heappop(heap)
        if w > best.get(u, (math.inf, math.inf)):
            continue
        if u == dst:
            break
        for v, (f, k), lid in sorted(adj.get(u, [])):
            nw = (w[0] + f, w[1] + k)
            if nw < best.get(v, (math.inf, math.inf)):
                best[v] = nw
                prev[v] = (u, lid)
                heapq.heappush(heap, (nw, v))
    if dst not in prev:
        die(f"aggregate {agg['id']}: no chain of segment links from {src} to {dst}")
    chain, nodes, v = [], [dst], dst
    while v != src:
        u, lid = prev[v]
        chain.append(lid)
        nodes.append(u)
        v = u
    return chain[::-1], nodes[::-1]


# ---------------------------------------------------------------------------------------------
# Connectivity as of YEAR.

def reach(adj, start, usable=lambda lid: True):
    seen, stack = {start}, [start]
    while stack:
        u = stack.pop()
        for v, lid in adj.get(u, []):
            if v not in seen and usable(lid):
                seen.add(v)
                stack.append(v)
    return seen


def connect(t, links):
    """Connector links (a, b, km) so that every node is reachable from ORIGIN in the network of
    YEAR: one per unreachable component, to the nearest reachable node of the same country."""
    adj = {}

    def add(a, b, lid):
        adj.setdefault(a, []).append((b, lid))
        adj.setdefault(b, []).append((a, lid))

    for l in links:
        if open_in(l, YEAR):
            add(l["from_node_id"], l["to_node_id"], l["id"])
    connectors = []
    while True:
        seen = reach(adj, ORIGIN)
        lost = [n["id"] for n in t.nodes if n["id"] not in seen]
        if not lost:
            return connectors, adj
        comp = reach(adj, lost[0])  # the component of the first unreachable node (row order)
        best = None
        for u in (n["id"] for n in t.nodes if n["id"] in comp):
            cu = t.node_by_id[u]["country"]
            for v in (n["id"] for n in t.nodes if n["id"] in seen):
                if t.node_by_id[v]["country"] != cu:
                    continue
                d = great_circle_km(t.lonlat(u), t.lonlat(v))
                if best is None or d < best[0]:
                    best = (d, u, v)
        if best is None:
            die(f"node {lost[0]} cannot be reached and no reachable node shares its country")
        d, u, v = best
        km = round(d * CONNECTOR_FACTOR, 1)
        connectors.append((u, v, km))
        add(u, v, f"x_{u}_{v}")


# ---------------------------------------------------------------------------------------------

def write_sample(t, out):
    chosen = set(SAMPLE_LINK_IDS)
    if len(chosen) != len(SAMPLE_LINK_IDS):
        die("duplicate ids in SAMPLE_LINK_IDS")
    if chosen & set(AGGREGATES):
        die("the sample names an aggregate link")
    sel_links = [l for l in t.links if l["id"] in chosen]
    wanted = set()
    for l in sel_links:
        wanted.update((l["from_node_id"], l["to_node_id"]))
    sel_nodes = [n for n in t.nodes if n["id"] in wanted]
    corridors = corridors_of({})
    node_lines = [feature_line(node_props(t, n), {"type": "Point", "coordinates": t.lonlat(n["id"])})
                  for n in sel_nodes]
    link_lines = [feature_line(link_props(t, l, corridors), link_geometry(t, l)) for l in sel_links]
    os.makedirs(out, exist_ok=True)
    write_collection(os.path.join(out, "nodes.geojson"), node_lines)
    write_collection(os.path.join(out, "links.geojson"), link_lines)
    print(f"wrote {len(node_lines)} nodes and {len(link_lines)} links to {out}")


def write_full(t, out):
    for lid, why in t.superseded.items():
        print(f"superseded in the full network: {lid}: {why}")
    links = [l for l in t.links if l["id"] not in AGGREGATES and l["id"] not in t.superseded]

    # -- aggregates -> corridors, and their corridor names onto the member links
    agg_members, corridor_lines = {}, []
    for aid, cname in AGGREGATES.items():
        agg = t.link_by_id[aid]
        chain, chain_nodes = aggregate_members(t, agg)
        km = sum(float(t.link_by_id[i]["length_km"]) for i in chain)
        listed = re.findall(r"r_[a-z]+_\d+[a-z]?", agg["notes"])
        agree = "as listed in its notes" if listed == chain else f"NOT as listed in its notes {listed}"
        print(f"aggregate {aid} {agg['from_node_id']}-{agg['to_node_id']} "
              f"({agg['length_km']} km): members {' + '.join(chain)} = {km:.1f} km ({agree})")
        if listed != chain:
            warn(f"aggregate {aid}: chain found differs from the notes")
        for i in chain:
            agg_members.setdefault(i, []).append(cname)
        props = {
            "id": aid,
            "name": cname,
            "from": agg["from_node_id"],
            "to": agg["to_node_id"],
            "length_km": number(agg["length_km"], f"link {aid} length_km"),
            "length_basis": agg["length_basis"],
            "members": ";".join(chain),
            "source": agg["source"],
            "confidence": agg["confidence"],
            "notes": agg["notes"],
        }
        geom = {"type": "LineString", "coordinates": [t.lonlat(n) for n in chain_nodes]}
        corridor_lines.append(feature_line(props, geom))
    corridors = corridors_of(agg_members)

    # -- connectivity as of YEAR
    connectors, adj = connect(t, links)
    for a, b, km in connectors:
        print(f"connector x_{a}_{b}: {a} -> {b}, {km} km (road, estimate)")
    seen_all = reach(adj, ORIGIN)
    seen_freight = reach(adj, ORIGIN, lambda lid: lid not in PASSENGER_ONLY)
    only_pax = [n["id"] for n in t.nodes if n["id"] in seen_all and n["id"] not in seen_freight]
    print(f"reachable from {ORIGIN} as of {YEAR}: {len(seen_all)} of {len(t.nodes)} nodes; "
          f"only via passenger-only lines: {', '.join(only_pax) or 'none'}")

    node_lines = [feature_line(node_props(t, n), {"type": "Point", "coordinates": t.lonlat(n["id"])})
                  for n in t.nodes]
    link_lines = [feature_line(link_props(t, l, corridors), link_geometry(t, l)) for l in links]
    for a, b, km in connectors:
        geom = {"type": "LineString", "coordinates": [t.lonlat(a), t.lonlat(b)]}
        link_lines.append(feature_line(connector_props(t, a, b, km), geom))
    os.makedirs(out, exist_ok=True)
    write_collection(os.path.join(out, "nodes.geojson"), node_lines)
    write_collection(os.path.join(out, "links.geojson"), link_lines)
    write_collection(os.path.join(out, "corridors.geojson"), corridor_lines)
    print(f"wrote {len(node_lines)} nodes, {len(link_lines)} links ({len(connectors)} connectors) "
          f"and {len(corridor_lines)} corridors to {out}")

    # -- report: named corridors, passenger-only lines, doubtful values
    for name, _ in SYSTEMS:
        ids = [l["id"] for l in links if name in corridors.get(l["id"], [])]
        print(f"corridor {name}: {', '.join(ids) if ids else 'NONE (not in the fact tables)'}")
    print(f"passenger-only (freight=false): {', '.join(l['id'] for l in links if l['id'] in PASSENGER_ONLY)}")
    for l in links:
        gc = great_circle_km(t.lonlat(l["from_node_id"]), t.lonlat(l["to_node_id"]))
        if float(l["length_km"]) < gc:
            print(f"check: {l['id']} length {l['length_km']} km < great circle {gc:.1f} km "
                  f"between {l['from_node_id']} and {l['to_node_id']}")
    pairs = {}  # same ends and same mode (sea and inland waterway count as one: water)
    for l in links:
        water = l["mode"] in ("sea", "inland_waterway")
        key = (tuple(sorted((l["from_node_id"], l["to_node_id"]))), "water" if water else l["mode"])
        pairs.setdefault(key, []).append(l["id"])
    for ((a, b), m), ids in pairs.items():
        if len(ids) > 1:
            print(f"parallel {m}: {a}-{b}: {', '.join(ids)}")


def check_no_duplicate_keys():
    """The per-node/per-link fact dicts are literals: a repeated key silently drops an entry."""
    import ast
    with open(os.path.abspath(__file__), encoding="utf-8") as fh:
        tree = ast.parse(fh.read())
    for node in ast.walk(tree):
        if isinstance(node, ast.Dict):
            keys = [k.value for k in node.keys if isinstance(k, ast.Constant)]
            dup = sorted({k for k in keys if keys.count(k) > 1})
            if dup:
                die(f"make-geodata.py line {node.lineno}: repeated keys {dup} in a dict literal")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", default=os.path.join(REPO, "..", "shared", "facts"),
                    help="directory with nodes.csv, links.csv, facts.csv, sea_waypoints.csv "
                         "(default: ../shared/facts)")
    ap.add_argument("--out", default=os.path.join(REPO, "geodata"),
                    help="output directory; writes OUT/sample and OUT/china-asean "
                         "(default: geodata)")
    ap.add_argument("--extra", default=os.path.join(REPO, "geodata", "facts"),
                    help="directory with the project's own nodes.csv, links.csv, facts.csv "
                         "(same columns), appended to the shared tables (default: geodata/facts)")
    args = ap.parse_args()
    check_no_duplicate_keys()
    t = Tables(args.facts, args.extra)
    write_sample(t, os.path.join(args.out, "sample"))
    write_full(t, os.path.join(args.out, "china-asean"))


if __name__ == "__main__":
    main()
