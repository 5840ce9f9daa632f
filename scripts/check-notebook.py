#!/usr/bin/python3
"""Checks an executed notebook: no error output anywhere, and every code cell
tagged "plot" shows an image (PNG or SVG). usage: check-notebook.py NB.ipynb

GoNB reports a cell whose program failed (a panic, a non-zero exit) only by
writing the error of the program's wait, such as "exit status 2", to the
cell's stderr; the cell itself does not fail. In a notebook run by the GoNB
kernel such a line is an error too."""
import json, re, sys

GONB_FAILED = re.compile(r"^(exit status \d+|signal: .+)$", re.M)

def main(path):
    nb = json.load(open(path))
    problems, plots = [], 0
    gonb = nb.get("metadata", {}).get("kernelspec", {}).get("name") == "gonb"
    for i, cell in enumerate(nb["cells"]):
        if cell["cell_type"] != "code":
            continue
        outs = cell.get("outputs", [])
        for o in outs:
            if o.get("output_type") == "error":
                problems.append(f"cell {i}: error {o.get('ename')}: {o.get('evalue')}")
            if gonb and o.get("output_type") == "stream" and o.get("name") == "stderr":
                text = "".join(o.get("text", ""))
                if GONB_FAILED.search(text):
                    problems.append(f"cell {i}: the cell's program failed:\n{text[-3000:]}")
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
