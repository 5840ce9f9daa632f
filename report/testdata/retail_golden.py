#!/usr/bin/python3
"""Reference cohorts and MRR bridge of the UCI Online Retail data for report's tests.

Regenerate (Debian python3 with numpy and pandas), from the repository root:

    /usr/bin/python3 report/testdata/retail_golden.py /work/shared/data/online_retail.csv.gz

Data: UCI Machine Learning Repository #352 "Online Retail" (Chen, Sain and Guo
2012, CC BY 4.0; see /work/shared/data/README.md). Rows without CustomerID and
cancellations (InvoiceNo starting with C) are left out. Per customer:

    first, last     first and last purchase day
    churned         1 when the last purchase is more than 90 days before the last
                    invoice day of the data (2011-12-09)
    uk              1 when the customer's first row is in the United Kingdom (the segment)
    mrr_start       mean monthly spend (Quantity x UnitPrice, floored at 0) in 2011-03..05
    mrr_end         the same in 2011-09..11

It writes retail_customers.csv (those columns) and retail_golden.json: per
(segment, signup month) cohort the accounts, retained (not churned), logo
retention, revenue retention (sum mrr_end / sum mrr_start, a churned account's
end counted 0) and the retention curve 0..12 months after signup with the churn
date = the last purchase day and the end of observation = 2011-12-09 (share of
the accounts with signup + m months <= end, months added with pandas'
DateOffset, whose churn date is after signup + m months); and the MRR bridge
per segment and overall (start, expansion, contraction, churn, end, new, counts).
It checks first, last, churned and uk against survival/testdata/retail_tenure.csv,
which R's golden.R derives independently.
"""
import json
import os
import sys

import numpy as np
import pandas as pd

here = os.path.dirname(os.path.abspath(__file__))
path = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/data/online_retail.csv.gz"
tx = pd.read_csv(path, dtype=str)
tx = tx[tx["CustomerID"].notna() & ~tx["InvoiceNo"].str.startswith("C")].copy()
tx["customer"] = tx["CustomerID"].astype(float).astype(int)
tx["day"] = pd.to_datetime(tx["InvoiceDate"].str[:10])
tx["amount"] = tx["Quantity"].astype(float) * tx["UnitPrice"].astype(float)
tx["month"] = tx["InvoiceDate"].str[:7]
tx = tx.sort_values(["customer", "day", "InvoiceNo"], kind="mergesort")
end = tx["day"].max()

g = tx.groupby("customer")
cust = pd.DataFrame({"first": g["day"].min(), "last": g["day"].max(), "country": g["Country"].first()})
cust["churned"] = ((end - cust["last"]).dt.days > 90).astype(int)
cust["uk"] = (cust["country"] == "United Kingdom").astype(int)


def window(months):
    spend = tx[tx["month"].isin(months)].groupby(["customer", "month"])["amount"].sum().clip(lower=0)
    return spend.groupby("customer").sum().reindex(cust.index, fill_value=0.0) / len(months)


cust["mrr_start"] = window(["2011-03", "2011-04", "2011-05"])
cust["mrr_end"] = window(["2011-09", "2011-10", "2011-11"])
cust = cust.reset_index()

r = pd.read_csv(os.path.join(here, "..", "..", "survival", "testdata", "retail_tenure.csv"))
assert list(r["customer"]) == list(cust["customer"]), "customers differ from R's"
assert list(r["first"]) == list(cust["first"].dt.strftime("%Y-%m-%d")), "first purchase differs from R's"
assert list(r["last"]) == list(cust["last"].dt.strftime("%Y-%m-%d")), "last purchase differs from R's"
assert list(r["churned"]) == list(cust["churned"]) and list(r["uk"]) == list(cust["uk"])

out = cust[["customer", "first", "last", "churned", "uk", "mrr_start", "mrr_end"]].copy()
out["first"] = out["first"].dt.strftime("%Y-%m-%d")
out["last"] = out["last"].dt.strftime("%Y-%m-%d")
out["mrr_start"] = out["mrr_start"].map(lambda v: "%.17g" % v)
out["mrr_end"] = out["mrr_end"].map(lambda v: "%.17g" % v)
out.to_csv(os.path.join(here, "retail_customers.csv"), index=False)
# Read back what was written, so the reference uses the same numbers as Go.
cust = pd.read_csv(os.path.join(here, "retail_customers.csv"), parse_dates=["first", "last"])


def cohorts(df, seg):
    rows = []
    for month, c in df.groupby(df["first"].dt.strftime("%Y-%m")):
        churned = c["churned"] == 1
        end_mrr = np.where(churned, 0.0, c["mrr_end"])
        start = float(c["mrr_start"].sum())
        curve = []
        for m in range(13):
            at = c["first"] + pd.DateOffset(months=m)
            seen = at <= end
            alive = seen & (~churned | (c["last"] > at))
            curve.append([int(alive.sum()), int(seen.sum())])
        rows.append({"segment": seg, "month": month, "accounts": len(c), "retained": int((~churned).sum()),
                     "start": start, "end": float(end_mrr.sum()), "curve": curve})
    return rows


def bridge(df, seg):
    s, e = df["mrr_start"], df["mrr_end"]
    cohort = s > 0
    churn = cohort & (e == 0)
    up = cohort & (e > s)
    down = cohort & (e < s) & (e > 0)
    new = (s == 0) & (e > 0)
    return {"segment": seg, "accounts": int(cohort.sum()), "expanded": int(up.sum()),
            "contracted": int(down.sum()), "churned": int(churn.sum()),
            "start": float(s[cohort].sum()), "expansion": float((e - s)[up].sum()),
            "contraction": float((s - e)[down].sum()), "churn": float(s[churn].sum()),
            "end": float(e[cohort & ~churn].sum()), "new": float(e[new].sum()), "new_accounts": int(new.sum())}


golden = {"end": end.strftime("%Y-%m-%d"), "cohorts": cohorts(cust, -1), "bridge": [bridge(cust, -1)]}
for seg in (0, 1):
    part = cust[cust["uk"] == seg]
    golden["cohorts"] += cohorts(part, seg)
    golden["bridge"].append(bridge(part, seg))
with open(os.path.join(here, "retail_golden.json"), "w") as f:
    json.dump(golden, f, indent=1)
    f.write("\n")
print("customers", len(cust), "cohorts", len(golden["cohorts"]), "end", golden["end"])
