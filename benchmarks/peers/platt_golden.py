"""Golden figures for segmenta's Platt calibration (predict/calibrate.go).

Writes predict/testdata/platt_golden.json: scores z, labels y
and the (a, b) that scikit-learn's sigmoid calibration (the one behind
CalibratedClassifierCV(method="sigmoid"), Platt 1999 with his regularised
targets) fits, p = 1 / (1 + exp(a*z + b)).

    /usr/bin/python3 benchmarks/peers/platt_golden.py
"""
import json
import math
import os

import numpy as np
import sklearn
from sklearn.calibration import _sigmoid_calibration

cases = []
for name, n, slope, shift in [("steep", 3000, 1.5, -0.7), ("flat", 800, 0.3, 0.2), ("rare", 5000, 2.0, -3.0)]:
    i = np.arange(n)
    z = 3 * np.sin(i * 0.37)
    u = (i * 0.6180339887498949) % 1.0  # a deterministic uniform sequence
    y = (u < 1 / (1 + np.exp(-(slope * z + shift)))).astype(float)
    a, b = _sigmoid_calibration(z, y)
    cases.append({"name": name, "z": z.tolist(), "y": y.tolist(), "a": float(a), "b": float(b)})

out = os.path.join(os.path.dirname(__file__), "..", "..", "predict", "testdata", "platt_golden.json")
with open(out, "w") as f:
    json.dump({"sklearn": sklearn.__version__, "cases": cases}, f)
print("wrote", out, [(c["name"], round(c["a"], 6), round(c["b"], 6)) for c in cases])
