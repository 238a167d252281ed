#!/usr/bin/env python3
"""Assignment time-to-gap curves: runs `corridor assign --format json` with each algorithm and
prints, as a Markdown table, the iterations and seconds at which the relative gap first reaches
each threshold (from the JSON history). Bench-only tooling; not part of the test suite.

  bench/time_to_gap.py build/release/src/corridor NET.tntp TRIPS.tntp [--algorithms fw,cfw,bfw,gp]
      [--gaps 1e-4,1e-6,1e-8] [--max-iterations 200] [-- more corridor assign options]
"""
import argparse
import json
import subprocess
import sys


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("corridor")
    ap.add_argument("net")
    ap.add_argument("trips")
    ap.add_argument("--algorithms", default="fw,cfw,bfw,gp")
    ap.add_argument("--gaps", default="1e-4,1e-6,1e-8")
    ap.add_argument("--max-iterations", default="200")
    a, extra = ap.parse_known_args()  # the rest goes to `corridor assign`
    extra = [x for x in extra if x != "--"]
    gaps = [float(g) for g in a.gaps.split(",")]
    print("| algorithm | " + " | ".join(f"gap {g:g}" for g in gaps) + " | last gap | objective |")
    print("|---" * (len(gaps) + 3) + "|")
    for algo in a.algorithms.split(","):
        cmd = [a.corridor, "assign", a.net, "--trips", a.trips, "--algorithm", algo, "--gap",
               str(min(gaps)), "--max-iterations", a.max_iterations, "--format", "json", *extra]
        run = subprocess.run(cmd, capture_output=True, text=True)
        if run.returncode not in (0, 1):
            sys.stderr.write(run.stderr)
            return run.returncode
        r = json.loads(run.stdout)
        cells = []
        for g in gaps:
            hit = next((i for i, h in enumerate(r["history"]) if h["relative_gap"] <= g), None)
            if hit is None:
                last = r["history"][-1]
                cells.append(f"not in {r['iterations']} it ({last['seconds']:.2f} s)")
            else:
                cells.append(f"{hit} it, {r['history'][hit]['seconds']:.2f} s")
        print(f"| {algo} | " + " | ".join(cells) +
              f" | {r['relative_gap']:.2e} | {r['objective']:.4f} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
