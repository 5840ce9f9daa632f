#!/usr/bin/python3
"""Checks an executed notebook: no error output anywhere, and every code cell
tagged "plot" shows an image (PNG or SVG). usage: check-notebook.py NB.ipynb"""
import json, sys

def main(path):
    nb = json.load(open(path))
    problems, plots = [], 0
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        outs = cell.get("outputs", [])
        for o in outs:
            if o.get("output_type") == "error":
                problems.append(f"cell {i}: error {o.get('ename')}: {o.get('evalue')}")
        if "plot" in cell.get("metadata", {}).get("tags", []):
            imgs = [o for o in outs if o.get("output_type") in ("display_data", "execute_result")
                    and ("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {}))]
            if not imgs:
                problems.append(f"cell {i}: tagged plot but shows no image")
            plots += 1
    if plots == 0:
        problems.append("no cell tagged plot")
    for p in problems:
        print(f"{path}: {p}")
    return 1 if problems else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
