#!/bin/bash
# Aggregation at scale: peak memory against events (Go, streaming and
# whole-table) and time against pandas on the same files, one run each.
#   bash benchmarks/aggscale/run.sh [DIR]   (DIR holds the logs; default /tmp)
set -euo pipefail
dir=${1:-/tmp}
go build -o "$dir/aggscale" ./benchmarks/cmd/aggscale
for n in 2000000 20000000; do
  f="$dir/aggscale_events_$n.csv"
  [ -f "$f" ] || "$dir/aggscale" -write "$f" -accounts 200000 -events $n
  "$dir/aggscale" -in "$f"
  "$dir/aggscale" -in "$f" -whole
  /usr/bin/python3 benchmarks/aggscale/peer_pandas.py "$f"
done
