#!/usr/bin/env python3
"""Fails when a function in src/ or include/ is longer than the limit (120 lines, from the line its
signature starts on to its closing brace), unless a comment starting `// long function:` within
the three lines above the signature says why.

A function is a brace block that follows a parameter list `(...)` (with optional qualifiers:
const, noexcept, override, a trailing return type, an initializer list) at namespace or class
scope; blocks inside a function (lambdas, loops) count towards it. Comments, string and character
literals are blanked before braces are matched.

Usage: check_function_length.py ROOT [--limit N]       exit 1 and a list when any is too long
       check_function_length.py --self-test             checks the parser on small examples
"""
import re
import sys
from pathlib import Path

CONTROL = re.compile(r"\b(if|for|while|switch|catch|do|else|try)\s*(\(|$)")
LONG_OK = "// long function:"


def blank(text):
    """Comments and literals replaced by spaces, newlines kept (so line numbers hold)."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif c == 'R' and text.startswith('R"', i):
            m = re.match(r'R"([^(]*)\(', text[i:])
            if not m:
                out.append(c)
                i += 1
                continue
            end = ")" + m.group(1) + '"'
            j = text.find(end, i + m.end())
            j = n if j < 0 else j + len(end)
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif c in "\"'":
            if c == "'" and i > 0 and text[i - 1].isalnum():  # digit separator 1'000
                out.append(" ")
                i += 1
                continue
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            j = min(j + 1, n)
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def is_function_header(header):
    """Whether the text before a '{' (since the previous ';', '{' or '}') opens a function."""
    h = " ".join(header.split())
    if not h or ")" not in h:
        return False
    if CONTROL.search(h.split("(")[0].split()[-1] + "(") if h.split("(")[0].split() else False:
        return False
    first = h.split("(")[0].split()
    if first and first[-1] in ("if", "for", "while", "switch", "catch"):
        return False
    if re.search(r"\]\s*(\(|mutable|\{|$)", h) and "operator[]" not in h:  # a lambda
        return False
    if re.match(r"^(namespace|class|struct|union|enum|extern)\b", h):
        return False
    if "=" in h.split("(")[0] and "operator" not in h:  # x = f(...) { or an initializer
        return False
    # After the last ')': qualifiers, a trailing return type or a constructor's initializer list.
    tail = h[h.rfind(")") + 1:]
    return re.fullmatch(r"[\w\s:&*<>,\->\[\]]*", tail) is not None or ":" in h


def functions(text):
    """(first line, last line, name) of each function at namespace or class scope."""
    t = blank(text)
    stack = []  # 'f' for a function body, 'b' for any other block
    header_start = 0
    found = []
    line_of = lambda pos: t.count("\n", 0, pos) + 1
    for pos, c in enumerate(t):
        if c == "{":
            inside = any(k == "f" for k, _, _ in stack)
            header = t[header_start:pos]
            before = t[:pos].rstrip()[-1:]
            if not inside and (before.isalnum() or before in "_>") and re.search(r"\)\s*:", header):
                stack.append(("i", 0, ""))  # a member's braced initializer: m_{v}
                continue
            if not inside and is_function_header(header):
                start = header_start + len(header) - len(header.lstrip())
                # Skip template<...> and attribute lines: the signature starts where its text does.
                stack.append(("f", start, header))
            else:
                stack.append(("b", 0, ""))
            header_start = pos + 1
        elif c == "}":
            if stack:
                kind, start, header = stack.pop()
                if kind == "i":
                    continue
                if kind == "f":
                    name = re.findall(r"([~\w:]+|operator\S+)\s*\(", header)
                    found.append((line_of(start), line_of(pos), name[0] if name else "?"))
            header_start = pos + 1
        elif c == ";":
            header_start = pos + 1
        elif c in "#" and (pos == 0 or t[pos - 1] == "\n"):
            j = t.find("\n", pos)  # preprocessor line: not part of a header
            header_start = j + 1 if j >= 0 else pos + 1
    return found


def too_long(path, limit):
    text = path.read_text(encoding="utf-8")
    lines = text.split("\n")
    out = []
    for first, last, name in functions(text):
        length = last - first + 1
        if length <= limit:
            continue
        above = lines[max(0, first - 4):first - 1]
        if any(LONG_OK in l for l in above):
            continue
        out.append((length, f"{path}:{first}: {name}: {length} lines"))
    return out


def self_test():
    sample = """namespace a {
int f(int x) {
  auto g = [&](int y) {
    return y;
  };
  if (x) {
    return 1;
  }
  return g(x);
}
struct s {
  int m() const noexcept { return 1; }
};
const char* t = "{ not a brace";
s::s(int v) : v_(v), w_{v} {
}
}
"""
    got = [(a, b, n) for a, b, n in functions(sample)]
    expect = [(2, 10, "f"), (12, 12, "m"), (15, 16, "s::s")]
    if got != expect:
        print("self-test failed:", got, "!=", expect)
        return 1
    # A planted 130-line function is found; the same with a reason above it is not.
    import tempfile
    body = "int g() {\n" + "  ++x;\n" * 128 + "}\n"
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "src"
        src.mkdir()
        (src / "a.cpp").write_text(body)
        (src / "b.cpp").write_text("// long function: a table\n" + body)
        found = too_long(src / "a.cpp", 120) + too_long(src / "b.cpp", 120)
        if len(found) != 1 or "a.cpp:1: g: 130 lines" not in found[0][1]:
            print("self-test failed: planted long function:", found)
            return 1
    print("self-test passed")
    return 0


def main(argv):
    if "--self-test" in argv:
        return self_test()
    root = Path(argv[1])
    limit = int(argv[argv.index("--limit") + 1]) if "--limit" in argv else 120
    bad = []
    for sub in ("src", "include"):
        for p in sorted((root / sub).rglob("*")):
            if p.suffix in (".cpp", ".hpp", ".h", ".cc"):
                bad += too_long(p, limit)
    for _, msg in sorted(bad, reverse=True):
        print(msg)
    if bad:
        print(f"{len(bad)} function(s) over {limit} lines; split them or say why above the "
              f"signature with '{LONG_OK} <reason>'")
        return 1
    print(f"no function over {limit} lines")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
