#!/usr/bin/python3
"""Checks that aggscale and peer_pandas.py compute the same figures:

    go run ./benchmarks/cmd/aggscale -write /tmp/ev.csv -accounts 1000 -events 100000
    go run ./benchmarks/cmd/aggscale -in /tmp/ev.csv -o /tmp/go.csv
    /usr/bin/python3 benchmarks/aggscale/peer_pandas.py /tmp/ev.csv /tmp/pd.csv
    /usr/bin/python3 benchmarks/aggscale/compare.py /tmp/go.csv /tmp/pd.csv
"""
import sys

import numpy as np
import pandas as pd

go = pd.read_csv(sys.argv[1], index_col=0)
pdf = pd.read_csv(sys.argv[2], index_col=0)
assert list(go.index) == list(pdf.index), "accounts differ"
pairs = {c: c for c in ["recency_days", "tenure_days", "frequency", "monetary", "active_days",
                        "amount_mean", "amount_max", "trend_frequency", "trend_monetary"]}
for w in (7, 30, 90, 365):
    for c in ("frequency", "monetary", "active_days"):
        pairs[f"{c}_{w}d"] = f"{c}_{w}d"
for lv in ["login", "view", "search", "export", "share", "invite", "api_call", "admin"]:
    pairs["event_type_" + lv] = lv
    pairs["event_type_" + lv + "_share"] = lv + "_share"
bad = 0
for g, p in pairs.items():
    d = np.max(np.abs(go[g].values - pdf[p].values) / np.maximum(1, np.abs(pdf[p].values)))
    if d > 1e-9:
        print("differs:", g, d)
        bad += 1
print(f"{len(go)} accounts, {len(pairs)} columns compared, {bad} differ")
sys.exit(1 if bad else 0)
