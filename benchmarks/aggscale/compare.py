#!/usr/bin/python3
"""Checks that two of aggscale (-in or -snapshot), peer_pandas.py and
the DuckDB command compute the same figures (37 columns, to 1e-9
relative; the first file's columns may carry snapshot's "usage_" prefix
and event types their "event_type_" prefix):

    go run ./benchmarks/cmd/aggscale -write /tmp/ev.csv -accounts 1000 -events 100000
    go run ./benchmarks/cmd/aggscale -in /tmp/ev.csv -o /tmp/go.csv
    /usr/bin/python3 benchmarks/aggscale/peer_pandas.py /tmp/ev.csv /tmp/pd.csv
    /usr/bin/python3 benchmarks/aggscale/compare.py /tmp/go.csv /tmp/pd.csv
"""
import sys

import numpy as np
import pandas as pd



def load(path):
    t = pd.read_csv(path, index_col=0).sort_index()
    t.columns = [c.removeprefix("usage_").removeprefix("event_type_") for c in t.columns]
    return t


go = load(sys.argv[1])
pdf = load(sys.argv[2])
assert list(go.index) == list(pdf.index), "accounts differ"
pairs = {c: c for c in ["recency_days", "tenure_days", "frequency", "monetary", "active_days",
                        "amount_mean", "amount_max", "trend_frequency", "trend_monetary"]}
for w in (7, 30, 90, 365):
    for c in ("frequency", "monetary", "active_days"):
        pairs[f"{c}_{w}d"] = f"{c}_{w}d"
for lv in ["login", "view", "search", "export", "share", "invite", "api_call", "admin"]:
    pairs[lv] = lv
    pairs[lv + "_share"] = lv + "_share"
bad = 0
for g, p in pairs.items():
    d = np.max(np.abs(go[g].values - pdf[p].values) / np.maximum(1, np.abs(pdf[p].values)))
    if d > 1e-9:
        print("differs:", g, d)
        bad += 1
print(f"{sys.argv[1]} vs {sys.argv[2]}: {len(go)} accounts, {len(pairs)} columns compared, {bad} differ")
sys.exit(1 if bad else 0)
