#!/usr/bin/python3
"""Golden figures for the cluster package's k-means and metrics tests, from
scikit-learn (run with /usr/bin/python3, scikit-learn 1.2):

    /usr/bin/python3 benchmarks/peers/kmeans_golden.py ../shared/data/wholesale_customers.csv \
        > cluster/testdata/kmeans_wholesale_golden.json

Wholesale customers (UCI #292, CC BY 4.0): the six spending columns, log1p,
then standardised with the population standard deviation (StandardScaler).
For k = 2..10: KMeans(n_init=10, random_state=0) inertia and labels, and the
silhouette, Calinski-Harabasz and Davies-Bouldin scores of those labels.
From given starts (k rows drawn with a seeded generator): KMeans(init=those
rows, n_init=1, algorithm="lloyd") labels, centres, inertia and iterations.
Also adjusted Rand index cases on seeded random labelings."""
import json, sys
import numpy as np
import pandas as pd
import sklearn
from sklearn.cluster import KMeans
from sklearn.metrics import (adjusted_rand_score, calinski_harabasz_score,
                             davies_bouldin_score, silhouette_score)

COLS = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicatessen"]

def main():
    df = pd.read_csv(sys.argv[1])
    X = np.log1p(df[COLS].to_numpy(dtype=np.float64))
    X = (X - X.mean(axis=0)) / X.std(axis=0)  # ddof=0, as StandardScaler
    out = {"sklearn": sklearn.__version__, "columns": COLS, "X": X.tolist(), "k": []}
    for k in range(2, 11):
        km = KMeans(n_clusters=k, n_init=10, random_state=0).fit(X)
        lab = km.labels_
        out["k"].append(dict(k=k, inertia=float(km.inertia_), labels=lab.tolist(),
                             silhouette=float(silhouette_score(X, lab)),
                             calinski_harabasz=float(calinski_harabasz_score(X, lab)),
                             davies_bouldin=float(davies_bouldin_score(X, lab))))
    rng = np.random.default_rng(5)
    out["init"] = []
    for k in (3, 6, 10):
        init = X[rng.choice(len(X), k, replace=False)]
        km = KMeans(n_clusters=k, init=init, n_init=1, algorithm="lloyd", tol=1e-4, max_iter=300).fit(X)
        out["init"].append(dict(k=k, init=init.tolist(), labels=km.labels_.tolist(), centres=km.cluster_centers_.tolist(),
                                inertia=float(km.inertia_), iters=int(km.n_iter_)))
    rng = np.random.default_rng(3)
    ari = []
    for n, ka, kb in [(50, 3, 4), (200, 5, 5), (1000, 10, 7), (7, 2, 3)]:
        a = rng.integers(0, ka, n); b = rng.integers(0, kb, n)
        ari.append(dict(a=a.tolist(), b=b.tolist(), ari=float(adjusted_rand_score(a, b))))
        # a noisy copy of a (labels renamed), which should score high
        c = (a + 1) * 10
        flip = rng.random(n) < 0.1
        c[flip] = rng.integers(0, ka, flip.sum())
        ari.append(dict(a=a.tolist(), b=c.tolist(), ari=float(adjusted_rand_score(a, c))))
    ari.append(dict(a=[0, 0, 0, 0], b=[0, 1, 2, 3], ari=float(adjusted_rand_score([0, 0, 0, 0], [0, 1, 2, 3]))))
    ari.append(dict(a=[-1, 5, 5, 2], b=[1, 0, 0, 7], ari=float(adjusted_rand_score([-1, 5, 5, 2], [1, 0, 0, 7]))))
    out["ari"] = ari
    json.dump(out, sys.stdout)
    print()

if __name__ == "__main__":
    main()
