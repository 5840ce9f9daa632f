"""Golden figures for the report/figure package (report/figure/testdata/*.json).

dendrogram_golden.json: SciPy Ward linkage of 30 random points and, for
several truncations, scipy.cluster.hierarchy.dendrogram's leaf labels (ivl)
and U shapes (icoord, dcoord) with their colours (color_list, default
color_threshold), which report's dendrogram layout must match.

pca_golden.json: scikit-learn PCA(n_components=2) projection and explained
variance ratio of a correlated 60 x 5 matrix, with each component's sign
fixed the way figure.PCAPlot (report/figure) fixes it (largest |loading| positive).

Run: /usr/bin/python3 benchmarks/peers/report_golden.py report/figure/testdata
"""
import json
import os
import sys

import numpy as np
from scipy.cluster.hierarchy import dendrogram, linkage
from sklearn.decomposition import PCA

out = sys.argv[1] if len(sys.argv) > 1 else "report/figure/testdata"
os.makedirs(out, exist_ok=True)
rng = np.random.default_rng(11)

X = np.vstack([rng.normal(c, 1.0, size=(10, 3)) for c in (0.0, 4.0, 9.0)])
Z = linkage(X, method="ward")
cases = []
for p in (5, 12, 30):
    d = dendrogram(Z, truncate_mode="lastp", p=p, no_plot=True)
    cases.append({"p": p, "ivl": d["ivl"], "icoord": d["icoord"], "dcoord": d["dcoord"], "colors": d["color_list"]})
labels = ["acct%d" % i for i in range(len(X))]
d = dendrogram(Z, truncate_mode="lastp", p=30, labels=labels, no_plot=True)
cases.append({"p": 30, "labels": labels, "ivl": d["ivl"], "icoord": d["icoord"], "dcoord": d["dcoord"], "colors": d["color_list"]})
with open(os.path.join(out, "dendrogram_golden.json"), "w") as f:
    json.dump({"Z": Z.tolist(), "cases": cases}, f)

A = rng.normal(size=(60, 5)) @ rng.normal(size=(5, 5)) + rng.normal(size=5) * 3
pca = PCA(n_components=2, svd_solver="full").fit(A)
proj = pca.transform(A)
for c in range(2):
    comp = pca.components_[c]
    if comp[np.argmax(np.abs(comp))] < 0:
        proj[:, c] = -proj[:, c]
with open(os.path.join(out, "pca_golden.json"), "w") as f:
    json.dump({"X": A.tolist(), "proj": proj.tolist(), "ratio": pca.explained_variance_ratio_.tolist()}, f)
print("wrote", out)
