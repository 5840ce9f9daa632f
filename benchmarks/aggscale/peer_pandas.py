#!/usr/bin/python3
"""pandas peer of benchmarks/cmd/aggscale: reads the same event log and
computes the same per-account figures as of 2024-07-01 (events strictly
before it): count, amount sum/mean/max, recency and tenure, distinct UTC
days, count, amount sum and distinct days in 7/30/90/365-day windows,
trends of count and amount over 90-day periods, counts and shares per
event type. Prints one JSON object (time, CPU time, peak RSS).

    /usr/bin/python3 benchmarks/aggscale/peer_pandas.py /tmp/events.csv [OUT.csv]

With OUT.csv, the per-account table is written there too, to compare with
aggscale -o.
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

t0, c0 = time.time(), time.process_time()
path = sys.argv[1]
cut = pd.Timestamp("2024-07-01", tz="UTC")
df = pd.read_csv(path, dtype={"account_id": str, "event_type": "category", "amount": float})
df["timestamp"] = pd.to_datetime(df["timestamp"], format="%Y-%m-%dT%H:%M:%SZ", utc=True)
events = len(df)
df = df[df["timestamp"] < cut]
age = (cut - df["timestamp"]).dt.total_seconds() / 86400
df = df.assign(age=age, day=df["timestamp"].dt.floor("D"))
g = df.groupby("account_id", sort=True)
out = pd.DataFrame({
    "recency_days": g["age"].min(),
    "tenure_days": g["age"].max(),
    "frequency": g.size(),
    "monetary": g["amount"].sum(),
    "active_days": g["day"].nunique(),
    "amount_mean": g["amount"].mean(),
    "amount_max": g["amount"].max(),
})
for w in (7, 30, 90, 365):
    win = df[df["age"] <= w].groupby("account_id")
    out[f"frequency_{w}d"] = win.size()
    out[f"monetary_{w}d"] = win["amount"].sum()
    out[f"active_days_{w}d"] = win["day"].nunique()
a = df[df["age"] <= 90].groupby("account_id")["amount"].agg(["size", "sum"])
b = df[(df["age"] > 90) & (df["age"] <= 180)].groupby("account_id")["amount"].agg(["size", "sum"])
a, b = a.reindex(out.index, fill_value=0), b.reindex(out.index, fill_value=0)
for col, name in (("size", "trend_frequency"), ("sum", "trend_monetary")):
    d = a[col].abs() + b[col].abs()
    out[name] = np.where(d == 0, 0.0, (a[col] - b[col]) / d.where(d != 0, 1))
piv = pd.crosstab(df["account_id"], df["event_type"])
out = out.join(piv).join(piv.div(piv.sum(axis=1), axis=0).add_suffix("_share"))
out = out.fillna(0)
if len(sys.argv) > 2:
    out.to_csv(sys.argv[2])
print(json.dumps({"peer": "pandas " + pd.__version__, "file": path, "events": events, "accounts": len(out),
                  "columns": out.shape[1], "seconds": time.time() - t0, "cpu_seconds": time.process_time() - c0,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
