"""Golden PSI figures for package drift (testdata/psi_golden.json).

Reads the wholesale customers (UCI #292, ../shared/data) the way
drift's wholesale test helper does (Region as a categorical code, Milk
missing in every 11th row, a score detergent_share = Detergents_Paper /
(Detergents_Paper + Grocery)) and the reference the Go code recorded from
the horeca channel (testdata/psi_reference.json). Independently of the Go
code it
  1. recomputes the edges of each numeric column and of the score (the
     distinct inverse-CDF deciles of the horeca rows: the sorted value of
     rank ceil(k n / 10), k = 1..9) and the training shares of every bin,
     and fails when they differ from the recorded ones;
  2. bins the retail channel with the recorded edges and levels (x falls in
     the first bin whose upper edge e has x <= e, numpy.searchsorted
     side="left"; a missing value in the missing bin; a level not recorded
     in "other") and computes PSI = sum (a - e) ln(a / e), both shares
     floored at 1e-4.

Run from the repository root:
    /usr/bin/python3 drift/testdata/psi_golden.py ../shared/data/wholesale_customers.csv drift/testdata
"""
import json
import os
import sys

import numpy as np
import pandas as pd

EPS = 1e-4
data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/wholesale_customers.csv"
out = sys.argv[2] if len(sys.argv) > 2 else "drift/testdata"

df = pd.read_csv(data)
df["Region"] = df["Region"].astype(str)
df.loc[df.index % 11 == 0, "Milk"] = np.nan
df["detergent_share"] = df["Detergents_Paper"] / (df["Detergents_Paper"] + df["Grocery"])
horeca = df[df["Channel"] == 1]
retail = df[df["Channel"] == 2]

with open(os.path.join(out, "psi_reference.json")) as f:
    ref = json.load(f)
assert ref["rows"] == len(horeca), (ref["rows"], len(horeca))


def deciles(x):
    x = np.sort(x)
    n = len(x)
    edges = []
    for k in range(1, 10):
        e = x[-(-k * n // 10) - 1]
        if not edges or e > edges[-1]:
            edges.append(float(e))
    return edges


def bin_shares(col, values):
    """Share of each bin of the recorded column col among values."""
    n = len(values)
    if col["type"] == "categorical":
        levels = col.get("levels", [])
        miss = values.isna()
        counts = [int((values[~miss] == l).sum()) for l in levels]
        counts.append(int((~miss).sum()) - sum(counts))
        counts.append(int(miss.sum()))
    else:
        edges = np.array(col.get("edges", []), dtype=float)
        v = values.to_numpy(dtype=float)
        miss = np.isnan(v)
        idx = np.searchsorted(edges, v[~miss], side="left")
        counts = np.bincount(idx, minlength=len(edges) + 1).tolist()
        if col["kind"] == "feature":
            counts.append(int(miss.sum()))
        else:
            assert not miss.any()
    assert sum(counts) == n
    return [c / n for c in counts]


def psi(e, a):
    e = np.maximum(np.array(e), EPS)
    a = np.maximum(np.array(a), EPS)
    return float(np.sum((a - e) * np.log(a / e)))


golden = {}
for col in ref["columns"]:
    name = col["name"]
    if col["type"] != "categorical":
        got = deciles(horeca[name].dropna().to_numpy(dtype=float))
        assert got == col.get("edges", []), (name, got, col.get("edges"))
    expected = bin_shares(col, horeca[name])
    assert np.allclose(expected, col["shares"], rtol=0, atol=1e-15), (name, expected, col["shares"])
    actual = bin_shares(col, retail[name])
    golden[name] = {"psi": psi(col["shares"], actual), "actual": actual}

with open(os.path.join(out, "psi_golden.json"), "w") as f:
    json.dump(golden, f, indent=1)
print("wrote", os.path.join(out, "psi_golden.json"))
for k, v in golden.items():
    print("%-18s %.6f" % (k, v["psi"]))
