#!/usr/bin/env bash
# Segmenta against its peers (scikit-learn lloyd, lbfgs and newton-cholesky,
# faiss, fastcluster; liblinear and golearn apart, as a different problem),
# interleaved and repeated, in one run on this machine; writes
# benchmarks/RESULTS.md and exits non-zero if a workload loses its quality
# check (see benchmarks/peers/harness.py).
#
#   bash benchmarks/peers/run.sh                  # R=5 repetitions, every workload
#   R=2 ONLY="km ward" bash benchmarks/peers/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
PY=/usr/bin/python3

# Peers come from Debian (no pip here); see ../shared/notes/peers.md.
if ! $PY -c 'import sklearn, scipy, fastcluster, pandas, faiss, threadpoolctl' 2>/dev/null; then
	apt-get update -qq
	apt-get install -y -qq --no-install-recommends python3-sklearn python3-scipy python3-pandas python3-fastcluster \
		python3-faiss libopenblas0-pthread
fi
exec $PY benchmarks/peers/harness.py
