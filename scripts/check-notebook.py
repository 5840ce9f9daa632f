#!/usr/bin/python3
"""Checks a notebook of examples/notebooks, executed or not:

- no code cell defines a function (the `func` keyword outside comments and
  strings: declarations, methods and function literals alike); helpers
  belong in the notebook package (github.com/segmenta/segmenta/notebook);
- no code cell imports a package by a relative file path ("../.."):
  notebooks import Segmenta by its module path;
and, once executed:
- no error output anywhere, and no error shown as a value (an nb.Error
  renders with the class segmenta-nb-error);
- every code cell tagged "plot" shows an image (PNG or SVG), and at least
  one cell is tagged so.

usage: check-notebook.py [--source] NB.ipynb   (--source: the first two only)
"""
import json, re, sys

# Go comments, then string and rune literals (raw, interpreted, rune), in
# one pass so that a "//" inside a string is not taken for a comment.
GO_TOKENS = re.compile(r'//[^\n]*|/\*.*?\*/|`[^`]*`|"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'', re.S)
IMPORT_BLOCK = re.compile(r'\bimport\s*\((.*?)\)', re.S)
IMPORT_ONE = re.compile(r'\bimport\s+(?:[\w.]+\s+)?("[^"]*")')


def code_only(src):
    """src with comments removed and literals emptied (keeping their quotes)."""
    def blank(m):
        t = m.group(0)
        if t.startswith("//") or t.startswith("/*"):
            return " "
        return t[0] + t[-1]
    return GO_TOKENS.sub(blank, src)


def imports(src):
    src = re.sub(r'//[^\n]*', '', src)
    paths = []
    for block in IMPORT_BLOCK.findall(src):
        paths += re.findall(r'"([^"]*)"', block)
    paths += [p.strip('"') for p in IMPORT_ONE.findall(src)]
    return paths


def main(path, source_only=False):
    nb = json.load(open(path))
    problems, plots = [], 0
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        src = "".join(cell["source"])
        code = code_only(src)
        for m in re.finditer(r'\bfunc\b', code):
            line = code[:m.start()].count("\n")
            problems.append(f"cell {i}: defines a function (line {line + 1}: {src.splitlines()[line].strip()!r}); "
                            "move it to the notebook package (github.com/segmenta/segmenta/notebook)")
        for p in imports(src):
            if p.startswith(".") or p.startswith("/"):
                problems.append(f"cell {i}: imports {p!r} by file path; import it by module path (github.com/segmenta/segmenta/...)")
        if source_only:
            continue
        outs = cell.get("outputs", [])
        for o in outs:
            if o.get("output_type") == "error":
                problems.append(f"cell {i}: error {o.get('ename')}: {o.get('evalue')}")
            html = o.get("data", {}).get("text/html", "")
            if "segmenta-nb-error" in "".join(html):
                problems.append(f"cell {i}: shows an error: {''.join(html)[:300]}")
        if "plot" in cell.get("metadata", {}).get("tags", []):
            imgs = [o for o in outs if o.get("output_type") in ("display_data", "execute_result")
                    and ("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {}))]
            if not imgs:
                problems.append(f"cell {i}: tagged plot but shows no image")
            plots += 1
    if plots == 0 and not source_only:
        problems.append("no cell tagged plot")
    for p in problems:
        print(f"{path}: {p}")
    return 1 if problems else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    source_only = "--source" in args
    args = [a for a in args if a != "--source"]
    if len(args) != 1:
        sys.exit(__doc__)
    sys.exit(main(args[0], source_only))
