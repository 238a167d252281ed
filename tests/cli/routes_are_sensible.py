#!/usr/bin/env python3
"""Walks every route the demo's comparisons print (compare on today.toml, 2030.toml and the
what-if scenarios, as scripts/demo runs them) and fails on a route that passes a place twice
(a loop, or a second call at one port). Usage: routes_are_sensible.py CORRIDOR SCENARIO_DIR"""
import json
import subprocess
import sys

corridor, scenarios = sys.argv[1], sys.argv[2]
runs = [["today.toml", "2030.toml"], ["ecrl.toml"], ["thai-china-hsr-phase1.toml"],
        ["laocai-hanoi-haiphong-sgr.toml"], ["muse-mandalay-kyaukphyu.toml"],
        ["china-cambodia-railway.toml"], ["carbon-price-100.toml"],
        # The token walk: Laem Chabang -> Map Ta Phut -> Laem Chabang only to "use sea".
        ["today.toml", "--from", "chanthaburi_durian", "--to", "chongqing", "--options",
         "road+sea,rail+sea,rail+road,sea+rail+road"]]
bad, routes = [], 0
for files in runs:
    args = [f"{scenarios}/{f}" if f.endswith(".toml") else f for f in files]
    out = subprocess.run([corridor, "compare", *args,
                          "--format", "json"], capture_output=True, text=True, check=True).stdout
    data = json.loads(out)
    for question in data if isinstance(data, list) else [data]:
        for option in question["options"]:
            route = option["route"]
            if route["status"] != "ok":
                continue
            routes += 1
            places = [route["legs"][0]["from"]]
            for leg in route["legs"]:
                if leg["to"] != places[-1]:
                    places.append(leg["to"])
            repeated = sorted({p for p in places if places.count(p) > 1})
            if repeated:
                bad.append(f"{question['from']['id']} -> {question['to']['id']} "
                           f"({option['option']}): passes {', '.join(repeated)} twice: "
                           + " > ".join(places))
print(f"{routes} routes walked, {len(bad)} with a repeated place")
for b in bad:
    print("  " + b)
sys.exit(1 if bad or routes == 0 else 0)
