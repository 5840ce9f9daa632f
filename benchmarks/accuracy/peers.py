#!/usr/bin/python3
"""scikit-learn peers of benchmarks/cmd/accuracy.

usage: peers.py TRAIN.csv TEST.csv LABEL OUT.json

Reads the split files the Go harness wrote (first column: the account ID),
fits LogisticRegressionCV (median imputation + standard scaling, one-hot
categoricals) and HistGradientBoostingClassifier (defaults, native
categorical support, NaN handled natively) on TRAIN, and writes their
test-row probabilities and fit times (seconds) to OUT.json. The metrics and
bootstrap intervals are computed by the Go side, identically for every model.
Columns that are labels or measured after the snapshot (the names Segmenta
never uses as features) are dropped on both sides.
"""
import json
import sys
import time

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegressionCV
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler

OUTCOMES = {"churn", "upsell", "churned", "upsold", "mrr_end"}


def load(path, label, cols=None):
    df = pd.read_csv(path, keep_default_na=True)
    y = df[label].astype(float).to_numpy()
    X = df.drop(columns=[df.columns[0]] + [c for c in df.columns if c == label or c in OUTCOMES])
    if cols is not None:
        X = X[cols]
    return X, y


def main():
    train, test, label, out = sys.argv[1:5]
    Xtr, ytr = load(train, label)
    Xte, yte = load(test, label, list(Xtr.columns))
    cat = [c for c in Xtr.columns if Xtr[c].dtype == object]
    num = [c for c in Xtr.columns if c not in cat]
    for X in (Xtr, Xte):
        for c in cat:
            X[c] = X[c].astype(str).where(X[c].notna(), None)
    res = []

    lr = make_pipeline(
        ColumnTransformer([
            ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), num),
            ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), cat),
        ]),
        LogisticRegressionCV(Cs=10, cv=5, scoring="neg_log_loss", max_iter=5000),
    )
    t0 = time.perf_counter()
    lr.fit(Xtr, ytr)
    fit = time.perf_counter() - t0
    res.append({"model": "scikit-learn LogisticRegressionCV (one-hot + scaling)", "fit_s": fit,
                "proba": lr.predict_proba(Xte)[:, 1].tolist()})

    enc = ColumnTransformer([
        ("cat", OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=np.nan,
                               encoded_missing_value=np.nan), cat),
        ("num", "passthrough", num),
    ])
    mask = [True] * len(cat) + [False] * len(num)
    hgb = make_pipeline(enc, HistGradientBoostingClassifier(categorical_features=mask, random_state=0))
    t0 = time.perf_counter()
    hgb.fit(Xtr, ytr)
    fit = time.perf_counter() - t0
    res.append({"model": "scikit-learn HistGradientBoostingClassifier", "fit_s": fit,
                "proba": hgb.predict_proba(Xte)[:, 1].tolist()})
    with open(out, "w") as f:
        json.dump(res, f)


if __name__ == "__main__":
    main()
