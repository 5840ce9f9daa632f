#!/usr/bin/python3
"""Checks notebook/testdata/errors.ipynb after a run with errors allowed:
nb.Check and a wrong GroupBy column fail their cells with the error's
message alone (no Go stack, no panic wrapper), and the kernel survives with
its variables. usage: check-kernel-errors.py EXECUTED.ipynb"""
import json, sys

nb = json.load(open(sys.argv[1]))
code = [c for c in nb["cells"] if c["cell_type"] == "code"]
problems = []

def error_of(cell):
    errs = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
    return errs[0] if errs else None

def text_of(cell):
    return "".join("".join(o.get("text", "")) + "".join(o.get("data", {}).get("text/plain", ""))
                   for o in cell.get("outputs", []))

head = code[1]
if not any("text/html" in o.get("data", {}) and "segmenta-nb-table" in "".join(o["data"]["text/html"])
           for o in head.get("outputs", [])):
    problems.append("nb.Head shows no HTML table")
for cell, want in ((code[2], "dataset: open no-such-file.csv: no such file or directory"),
                   (code[3], 'column not found')):
    e = error_of(cell)
    if e is None:
        problems.append(f"no error in the cell {''.join(cell['source'])!r}")
        continue
    shown = e.get("evalue", "") + "\n" + "\n".join(e.get("traceback", []))
    if want not in e.get("evalue", ""):
        problems.append(f"error {e.get('evalue')!r} lacks {want!r}")
    for noise in ("goroutine", "panic", ".go:", "runtime error", "*nb.Error", "&{"):
        if noise in shown:
            problems.append(f"error output holds {noise!r}: {shown!r}")
    if "not reached" in text_of(cell):
        problems.append("the cell went on after nb.Check")
after = text_of(code[4])
if "still here: 2 rows" not in after:
    problems.append(f"the kernel lost its state after the errors: {after!r}")
for p in problems:
    print(f"{sys.argv[1]}: {p}")
if not problems:
    print(f"ok   kernel errors: {error_of(code[2])['evalue']!r} shown alone; the kernel kept its variables")
sys.exit(1 if problems else 0)
