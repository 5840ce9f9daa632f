#!/usr/bin/python3
"""Golden figures for cluster.Assign: scipy.optimize.linear_sum_assignment
on seeded random matrices (square, wide, tall; continuous costs, so the
optimum is unique, and integer costs with ties, where only the optimal
total is compared). Regenerate with
    /usr/bin/python3 cluster/testdata/assign_golden.py > cluster/testdata/assign_golden.json
"""
import json

import numpy as np
import scipy
from scipy.optimize import linear_sum_assignment

rng = np.random.default_rng(17)
cases = []
for shape in [(1, 1), (3, 3), (5, 5), (8, 8), (20, 20), (50, 50), (4, 7), (7, 4), (12, 30), (30, 12)]:
    for kind in ["uniform", "integer"]:
        for maximize in [False, True]:
            if kind == "uniform":
                a = rng.uniform(-10, 10, size=shape)
            else:
                a = rng.integers(0, 5, size=shape).astype(float)
            r, c = linear_sum_assignment(a, maximize=maximize)
            cases.append({
                "kind": kind, "maximize": maximize,
                "rows": shape[0], "cols": shape[1],
                "cost": [float(x) for x in a.ravel()],
                "row_ind": [int(x) for x in r], "col_ind": [int(x) for x in c],
                "total": float(a[r, c].sum()),
            })
print(json.dumps({"scipy": scipy.__version__, "cases": cases}))
