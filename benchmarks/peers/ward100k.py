#!/usr/bin/python3
"""Times fastcluster.linkage_vector (Ward on centroids, O(n d) memory) on the
ward100k workload: 100,000 x 16 blobs, make_blobs(100000, 16, centers=32,
cluster_std=6.0, random_state=7), written as DIR/ward100k.csv in the format of
../shared/peers/peers.py (header x0..x15, %.17g) for the Go bench command.

usage: /usr/bin/python3 benchmarks/peers/ward100k.py DIR
prints one JSON line: {"ward100k.fastcluster_vector": {seconds, top, peak_rss_mb}}
(peak_rss_mb is the process's peak, data generation included)."""
import json
import os
import resource
import sys
import time

import numpy as np


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/segmenta-peers"
    os.makedirs(out, exist_ok=True)
    from sklearn.datasets import make_blobs
    X, _ = make_blobs(n_samples=100_000, n_features=16, centers=32, cluster_std=6.0, random_state=7)
    path = os.path.join(out, "ward100k.csv")
    if not os.path.exists(path):
        tmp = path + ".tmp"
        np.savetxt(tmp, X, delimiter=",", header=",".join(f"x{i}" for i in range(X.shape[1])),
                   comments="", fmt="%.17g")
        os.replace(tmp, path)
    import fastcluster
    t = time.perf_counter()
    Z = fastcluster.linkage_vector(X, "ward")
    s = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"ward100k.fastcluster_vector": {"seconds": s, "top": float(Z[-1, 2]), "peak_rss_mb": peak}}))


if __name__ == "__main__":
    main()
