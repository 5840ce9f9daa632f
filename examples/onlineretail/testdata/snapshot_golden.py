#!/usr/bin/python3
"""Independent per-customer snapshot figures of the online-retail sample,
computed with pandas, for the Go test of examples/onlineretail/retail.yaml
(snapshot_test.go).

    /usr/bin/python3 examples/onlineretail/testdata/snapshot_golden.py

writes examples/onlineretail/testdata/snapshot_golden.csv in long form
(customer, cutoff, feature, value): the number of customers at each
cutoff (customer "*"), and every figure of every 8th customer (by ID). Definitions (as in retail.yaml and the
snapshot package docs):
  - lines equal in every column the spec reads are kept once; lines
    without CustomerID are dropped; CustomerID 17850.0 is "17850";
  - customers at a cutoff: those with a line strictly before it; features
    use those lines only; an invoice's date is that of its latest line;
  - windows hold lines (invoices) with cutoff - w days <= date < cutoff;
  - trend = (a - b) / (|a| + |b|) (0 when both are 0), a over the last 90
    days, b over the 90 before;
  - Country pivot over the levels of retail.yaml: counts and shares of
    each customer's lines, "other" for the rest;
  - churn = 1 when no line of positive quantity in [cutoff, cutoff + 90 days).
"""
import os

import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
CUTOFFS = ["2011-06-01", "2011-09-01"]
DAY = pd.Timedelta(days=1)
# The pivot levels of retail.yaml.
COUNTRIES = ["United Kingdom", "Germany", "France"]

df = pd.read_csv(os.path.join(HERE, "online_retail_sample.csv.gz"),
                 dtype={"InvoiceNo": str, "StockCode": str, "CustomerID": str, "Country": str})
df["InvoiceDate"] = pd.to_datetime(df["InvoiceDate"], format="%Y-%m-%d %H:%M:%S")
used = ["InvoiceNo", "StockCode", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"]
df = df.drop_duplicates(subset=used, keep="first")
df = df[df["CustomerID"].notna()].copy()
df["CustomerID"] = df["CustomerID"].str.replace(r"\.0$", "", regex=True)
df["amount"] = df["Quantity"] * df["UnitPrice"]
df["row"] = range(len(df))


def trend(a, b):
    d = abs(a) + abs(b)
    return 0.0 if d == 0 else (a - b) / d


out = []
for c in CUTOFFS:
    cut = pd.Timestamp(c)
    past = df[df["InvoiceDate"] < cut]
    future = df[(df["InvoiceDate"] >= cut) & (df["InvoiceDate"] < cut + 90 * DAY)]
    buyers = set(future.loc[future["Quantity"] > 0, "CustomerID"])
    top = COUNTRIES
    groups = sorted(past.groupby("CustomerID"), key=lambda kv: kv[0])
    # The population size, then every 8th customer's figures.
    out.append(("*", c, "customers", repr(float(len(groups)))))
    for cust, g in groups[::8]:
        age = (cut - g["InvoiceDate"]) / DAY
        inv_age = (cut - g.groupby("InvoiceNo")["InvoiceDate"].max()) / DAY
        days = g["InvoiceDate"].dt.normalize()
        in90 = age <= 90
        last = g.sort_values(["InvoiceDate", "row"], kind="mergesort").iloc[-1]
        f = {
            "recency_days": age.min(),
            "tenure_days": age.max(),
            "frequency": g["InvoiceNo"].nunique(),
            "monetary": g["amount"].sum(),
            "active_days": days.nunique(),
            "frequency_90d": int((inv_age <= 90).sum()),
            "monetary_90d": g.loc[in90, "amount"].sum(),
            "active_days_90d": days[in90].nunique(),
            "trend_frequency": trend(int((inv_age <= 90).sum()), int(((inv_age > 90) & (inv_age <= 180)).sum())),
            "trend_monetary": trend(g.loc[in90, "amount"].sum(), g.loc[(age > 90) & (age <= 180), "amount"].sum()),
            "StockCode_distinct": g["StockCode"].nunique(),
            "Quantity_sum": g["Quantity"].sum(),
            "Quantity_sum_30d": g.loc[age <= 30, "Quantity"].sum(),
            "Quantity_mean": g["Quantity"].mean(),
            "Quantity_max": g["Quantity"].max(),
            "Country_last": last["Country"],
            "churn": 0 if cust in buyers else 1,
        }
        n = len(g)
        kept = 0
        for lv in top:
            k = int((g["Country"] == lv).sum())
            kept += k
            f["Country_" + lv] = k
            f["Country_" + lv + "_share"] = k / n
        f["Country_other"] = n - kept
        f["Country_other_share"] = (n - kept) / n
        for name, v in f.items():
            feature = name if name == "churn" else "transactions_" + name
            out.append((cust, c, feature, v if isinstance(v, str) else repr(float(v))))

res = pd.DataFrame(out, columns=["customer", "cutoff", "feature", "value"])
res.to_csv(os.path.join(HERE, "snapshot_golden.csv"), index=False)
print(f"{res['customer'].nunique()} customers, {len(res)} figures")
