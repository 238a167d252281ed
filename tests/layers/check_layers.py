#!/usr/bin/env python3
"""The dependency rule, as a test: each layer includes only itself and the layers below it.

  core      include/corridor/** (header-only; not gis/, analysis/, report/)
  gis       include/corridor/gis, src/gis            (GDAL I/O)
  analysis  include/corridor/analysis, src/analysis  (what a question needs)
  report    include/corridor/report, src/report      (tables, JSON, maps)
  cli       src/cli                                  (front end)
  python    python/                                  (front end)

A file may include a header of its own layer or of a layer below it, never above, and never
another layer's private headers (under src/LAYER/). Prints every violation
as FILE:LINE: message and exits 1 when there is any.
Usage: check_layers.py [SOURCE_DIR] | --self-test (the rule catches planted violations)
"""
import pathlib
import re
import sys

RANK = {"core": 0, "gis": 1, "analysis": 2, "report": 3, "cli": 4, "python": 4}
PUBLISHED_SRC = set()  # layers whose src/ folder is a public include directory (none)
INCLUDE = re.compile(r'^\s*#\s*include\s*([<"])([^>"]+)[>"]')


def layer_of(root, path):
    rel = path.relative_to(root).parts
    if rel[0] == "include":
        sub = rel[2] if len(rel) > 3 else ""
        return sub if sub in ("gis", "analysis", "report") else "core"
    if rel[0] == "src" and rel[1] in RANK:
        return rel[1]
    if rel[0] == "python":
        return "python"
    return None


def target_of(root, source, name):
    """The file an include names (None: a system or third-party header)."""
    if name.startswith("corridor/"):
        p = root / "include" / name
        return p if p.exists() else None
    local = source.parent / name
    if local.exists():
        return local
    for layer in RANK:
        p = root / "src" / layer / name
        if p.exists():
            return p
    return None


def self_test():
    """A tree with three planted violations and one allowed include: all three must be found."""
    import subprocess
    import tempfile
    with tempfile.TemporaryDirectory() as d:
        t = pathlib.Path(d)
        files = {
            "include/corridor/core.hpp": '#include "corridor/gis/read.hpp"\n',  # core -> gis
            "include/corridor/gis/read.hpp": '#include "corridor/core.hpp"\n',  # allowed
            "src/gis/private.hpp": "\n",
            "src/report/map.cpp": '#include "private.hpp"\n',  # gis-private
            "src/analysis/a.cpp": '#include "map.hpp"\n',  # analysis -> report
            "src/report/map.hpp": "\n",
        }
        for name, text in files.items():
            (t / name).parent.mkdir(parents=True, exist_ok=True)
            (t / name).write_text(text)
        r = subprocess.run([sys.executable, __file__, d], capture_output=True, text=True)
        want = ["include/corridor/core.hpp:1: core includes corridor/gis/read.hpp of gis",
                "src/report/map.cpp:1: report includes private.hpp, private to gis",
                "src/analysis/a.cpp:1: analysis includes map.hpp of report"]
        missing = [w for w in want if w not in r.stdout]
        ok = r.returncode == 1 and not missing and "3 violations" in r.stdout
        print(r.stdout + ("self-test passed" if ok else f"self-test FAILED: missing {missing}"))
        return 0 if ok else 1


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--self-test":
        return self_test()
    root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ".").resolve()
    files = [p for d in ("include", "src", "python") if (root / d).exists()
             for p in (root / d).rglob("*") if p.suffix in (".hpp", ".cpp", ".h", ".cc")]
    problems = []
    for f in sorted(files):
        mine = layer_of(root, f)
        if mine is None:
            continue
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            m = INCLUDE.match(line)
            if not m:
                continue
            target = target_of(root, f, m.group(2))
            if target is None:
                continue
            theirs = layer_of(root, target)
            if theirs is None:
                continue
            where = f"{f.relative_to(root)}:{n}"
            if RANK[theirs] > RANK[mine] or (RANK[theirs] == RANK[mine] and theirs != mine):
                problems.append(f"{where}: {mine} includes {m.group(2)} of {theirs} (a layer "
                                f"above or beside it)")
            elif (theirs != mine and target.relative_to(root).parts[0] == "src"
                  and theirs not in PUBLISHED_SRC):
                problems.append(f"{where}: {mine} includes {m.group(2)}, private to {theirs}")
    for p in problems:
        print(p)
    print(f"{len(files)} files checked, {len(problems)} violations")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
