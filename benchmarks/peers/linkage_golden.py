#!/usr/bin/python3
"""Golden linkage matrices for cluster/agglomerative_test.go, from scipy.

Writes cluster/testdata/linkage_<set>.json: for every linkage method scipy's
Z (rows a, b, height, size), fcluster cuts (maxclust and distance), the
dendrogram leaf order and the cophenetic correlation. Small sets carry their
points; the wholesale set is read by the Go test from
../shared/data/wholesale_customers.csv (6 spending columns, log1p, then
standardised with ddof=0), exactly as done here.

usage: /usr/bin/python3 benchmarks/peers/linkage_golden.py [OUTDIR]
"""
import json
import os
import sys

import numpy as np
import scipy
from scipy.cluster.hierarchy import cophenet, fcluster, leaves_list, linkage
from scipy.spatial.distance import pdist

METHODS = ["single", "complete", "average", "weighted", "ward", "centroid", "median"]
HERE = os.path.dirname(os.path.abspath(__file__))


def small_sets():
    rng = np.random.RandomState(11)
    sets = {}
    sets["gauss"] = rng.normal(size=(40, 3))
    # Duplicate points: zero distances and many equal ones.
    base = rng.randint(0, 4, size=(8, 2)).astype(float)
    sets["dups"] = base[rng.randint(0, 8, size=30)]
    # Integer grids: plenty of equal distances at every level.
    g = np.arange(6, dtype=float)
    sets["grid2"] = np.array([[a, b] for a in g for b in g])
    g3 = np.arange(3, dtype=float)
    sets["grid3"] = np.array([[a, b, c] for a in g3 for b in g3 for c in g3])
    sets["line"] = np.array([[v] for v in [0, 1, 1, 2, 4, 4, 4, 7, 8, 10, 10, 13, 16, 17, 17, 20]], dtype=float)
    sets["equal"] = np.ones((6, 2))
    sets["two"] = np.array([[0.0, 0.0], [3.0, 4.0]])
    return sets


def wholesale():
    import pandas as pd
    path = os.path.join(HERE, "..", "..", "..", "shared", "data", "wholesale_customers.csv")
    df = pd.read_csv(path)
    cols = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicatessen"]
    X = np.log1p(df[cols].to_numpy(dtype=float))
    return (X - X.mean(axis=0)) / X.std(axis=0, ddof=0)


def golden(X, with_points):
    n = X.shape[0]
    out = {"n": n, "d": X.shape[1], "scipy": scipy.__version__, "methods": {}}
    if with_points:
        out["points"] = X.tolist()
    for m in METHODS:
        Z = linkage(X, m)
        # k = 1 and k >= n - 1 are left out: there scipy 1.10's maxclust
        # reads past the end of its array of heights.
        ks = [k for k in (2, 3, 4, 5, 8, 12) if k <= n - 2]
        maxclust = {str(k): fcluster(Z, k, "maxclust").tolist() for k in ks}
        h = np.unique(Z[:, 2])
        # Cut between distinct heights so the test does not hinge on ulps.
        ts = sorted({float((h[i] + h[i + 1]) / 2) for i in np.linspace(0, len(h) - 2, 4).astype(int)}) if len(h) > 1 else []
        dist = [{"t": t, "labels": fcluster(Z, t, "distance").tolist()} for t in ts]
        c = float(cophenet(Z, pdist(X))[0]) if np.ptp(Z[:, 2]) > 0 and np.ptp(pdist(X)) > 0 else None
        out["methods"][m] = {"Z": Z.tolist(), "maxclust": maxclust, "distance": dist,
                             "leaves": leaves_list(Z).tolist(), "cophenet": c}
    return out


def weighted_ward():
    """Ward on points with integer weights w equals scipy's Ward on the data
    set where point i appears w[i] times, once the duplicates have merged
    at height 0: the last len(points)-1 rows are the weighted merges."""
    rng = np.random.RandomState(5)
    P = rng.normal(size=(25, 4)) * 3
    w = rng.randint(1, 9, size=25)
    Z = linkage(np.repeat(P, w, axis=0), "ward")
    tail = Z[-(len(P) - 1):]
    return {"points": P.tolist(), "weights": w.tolist(), "heights": tail[:, 2].tolist(),
            "sizes": tail[:, 3].tolist()}


def main():
    outdir = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "..", "cluster", "testdata")
    os.makedirs(outdir, exist_ok=True)
    for name, X in small_sets().items():
        with open(os.path.join(outdir, f"linkage_{name}.json"), "w") as f:
            json.dump(golden(X, True), f)
    with open(os.path.join(outdir, "linkage_weights.json"), "w") as f:
        json.dump(weighted_ward(), f)
    with open(os.path.join(outdir, "linkage_wholesale.json"), "w") as f:
        json.dump(golden(wholesale(), False), f)


if __name__ == "__main__":
    main()
