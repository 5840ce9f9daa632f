#!/usr/bin/python3
"""A peer worker for benchmarks/peers/harness.py: reads one JSON request a
line on stdin, runs one peer fit on the file it names and answers one JSON
line (wall and CPU seconds of the fit alone, and its quality figures).

It lives as long as the harness so that importing scikit-learn is paid once,
not per run. The harness starts one worker per thread mode; the one-thread
worker gets OMP_NUM_THREADS=1 and OPENBLAS_NUM_THREADS=1 in its environment,
and faiss is told the same (faiss.omp_set_num_threads)."""
import json
import os
import sys
import time

import numpy as np
import pandas as pd

_cache = {}


def load(path, labelled):
    key = (path, labelled)
    if key not in _cache:
        _cache.clear()  # one file at a time: the harness goes workload by workload
        M = pd.read_csv(path, dtype=np.float64).to_numpy()
        _cache[key] = (np.ascontiguousarray(M[:, :-1]), M[:, -1].astype(np.int64)) if labelled else (np.ascontiguousarray(M), None)
    return _cache[key]


def timed(f):
    c, t = time.process_time(), time.perf_counter()
    r = f()
    return r, time.perf_counter() - t, time.process_time() - c


def inertia(X, C):
    """The k-means objective of centres C on X in float64, whatever precision
    the peer computed in: each row at its nearest centre."""
    from sklearn.metrics import pairwise_distances_argmin
    lab = pairwise_distances_argmin(X, C)
    return float(((X - C[lab]) ** 2).sum())


def kmeans(req):
    """Lloyd iterations from the start in req["init"] (the same file every
    contender of the repetition is given)."""
    X, _ = load(req["file"], False)
    k, maxiter = req["k"], req["maxiter"]
    C0 = np.loadtxt(req["init"], delimiter=",", skiprows=1, ndmin=2)
    if req["peer"] == "sklearn-lloyd":
        from sklearn.cluster import KMeans
        km, wall, cpu = timed(lambda: KMeans(n_clusters=k, init=C0, n_init=1, max_iter=maxiter, tol=1e-4,
                                             algorithm="lloyd").fit(X))
        return wall, cpu, dict(inertia=float(km.inertia_), iters=int(km.n_iter_))
    if req["peer"] == "faiss":
        import faiss
        if req["threads"] == 1:
            faiss.omp_set_num_threads(1)
        X32 = np.ascontiguousarray(X, dtype=np.float32)
        # No subsampling (max_points_per_centroid), exactly niter iterations
        # (faiss has no convergence test).
        km = faiss.Kmeans(X.shape[1], k, niter=maxiter, nredo=1, max_points_per_centroid=10**9, verbose=False)
        init32 = np.ascontiguousarray(C0, dtype=np.float32)
        _, wall, cpu = timed(lambda: km.train(X32, init_centroids=init32))
        return wall, cpu, dict(inertia=inertia(X, km.centroids.astype(np.float64)), iters=maxiter)
    raise ValueError(req["peer"])


def kmseeds(req):
    """Greedy k-means++ alone (scikit-learn's kmeans_plusplus, its default
    2 + ln k candidates per centre); quality is the inertia of the seeds."""
    from sklearn.cluster import kmeans_plusplus
    X, _ = load(req["file"], False)
    (C, _), wall, cpu = timed(lambda: kmeans_plusplus(X, req["k"], random_state=req["seed"]))
    return wall, cpu, dict(inertia=inertia(X, C))


def linkage(req):
    import fastcluster
    X, _ = load(req["file"], False)
    if req["task"] == "ward":
        Z, wall, cpu = timed(lambda: fastcluster.linkage_vector(X, "ward"))
    else:
        Z, wall, cpu = timed(lambda: fastcluster.linkage(X, req["task"]))
    np.savetxt(req["merges"], Z, delimiter=",", fmt=["%d", "%d", "%.17g", "%g"])
    return wall, cpu, dict(top=float(Z[-1, 2]), n=int(X.shape[0]))


def logistic(req):
    from sklearn.linear_model import LogisticRegression
    X, y = load(req["file"], True)
    solver = req["peer"].removeprefix("sklearn-")
    m, wall, cpu = timed(lambda: LogisticRegression(C=1.0, solver=solver, tol=req["tol"], max_iter=1000).fit(X, y))
    w, b = m.coef_[0], m.intercept_[0]
    z = X @ w + b
    obj = np.sum(np.logaddexp(0, z) - y * z) + 0.5 * np.dot(w, w)
    r = 1 / (1 + np.exp(-z)) - y
    grad = max(np.max(np.abs(X.T @ r + w)), abs(r.sum()))  # of sum(loss) + ||w||^2/2 (C = 1)
    return wall, cpu, dict(objective=float(obj), iters=int(m.n_iter_[0]), abs_grad=float(grad))


def versions():
    import scipy, sklearn, fastcluster, threadpoolctl
    v = dict(python=sys.version.split()[0], numpy=np.__version__, scipy=scipy.__version__, sklearn=sklearn.__version__,
             pandas=pd.__version__, fastcluster=fastcluster.__version__)
    try:
        import faiss
        v["faiss"] = faiss.__version__
    except ImportError as e:
        v["faiss"] = "missing: " + str(e)
    from sklearn.cluster import KMeans  # noqa: F401 (loads the BLAS the peers use)
    v["blas"] = ", ".join(f"{i.get('internal_api')} {i.get('version')} ({i.get('num_threads')} threads)"
                          for i in threadpoolctl.threadpool_info())
    return v


def main():
    for line in sys.stdin:
        req = json.loads(line)
        try:
            if req["task"] == "versions":
                out = dict(versions=versions())
            else:
                f = {"kmeans": kmeans, "kmseeds": kmseeds, "ward": linkage, "average": linkage, "logistic": logistic}[req["task"]]
                wall, cpu, q = f(req)
                out = dict(seconds=wall, cpu_seconds=cpu, quality=q)
        except Exception as e:  # the harness records it and fails the row
            out = dict(error=f"{type(e).__name__}: {e}")
        print(json.dumps(out), flush=True)


if __name__ == "__main__":
    main()
