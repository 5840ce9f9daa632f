"""Golden figures for features/testdata/wholesale_sklearn.csv.

Run: /usr/bin/python3 benchmarks/peers/features_golden.py ../shared/data/wholesale_customers.csv features/testdata/wholesale_sklearn.csv

Transforms the UCI wholesale customers data (Cardoso 2014, CC BY 4.0) with
scikit-learn the way features.Spec does:
  A. spending columns: median imputation (Milk made missing on rows i % 7 == 0),
     log1p, StandardScaler; plus the missing indicator of Milk;
  B. the same six raw columns through RobustScaler;
  C. Region one-hot (categories 1, 2, 3).
"""
import sys

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer, MissingIndicator
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer, OneHotEncoder, RobustScaler, StandardScaler

src, dst = sys.argv[1], sys.argv[2]
df = pd.read_csv(src)
cols = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicatessen"]
a = df[cols].astype(float).copy()
a.loc[a.index % 7 == 0, "Milk"] = np.nan

partA = make_pipeline(SimpleImputer(strategy="median"), FunctionTransformer(np.log1p), StandardScaler()).fit_transform(a)
indA = MissingIndicator(features="all").fit_transform(a[["Milk"]]).astype(float)
partB = RobustScaler().fit_transform(df[cols].astype(float))
partC = OneHotEncoder(sparse_output=False).fit_transform(df[["Region"]].astype(str))

out = np.hstack([partA, indA, partB, partC])
names = [f"A_{c}" for c in cols] + ["A_Milk_missing"] + [f"B_{c}" for c in cols] + ["C_Region=1", "C_Region=2", "C_Region=3"]
pd.DataFrame(out, columns=names).to_csv(dst, index=False, float_format="%.17g")
