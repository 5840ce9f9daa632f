#!/usr/bin/python3
"""Golden figures for package predict, computed with scikit-learn 1.2.
Writes predict/testdata/logistic_wholesale.json, logistic_synth.json and
metrics_golden.json.  usage: /usr/bin/python3 benchmarks/peers/logistic_golden.py
Coefficients: lbfgs (L2, none) and saga (L1, elastic net) at tol 1e-10 with a
large max_iter; each case records its optimality (largest entry of the
minimum-norm subgradient of sklearn's objective divided by C*sum(weights)) so
the goldens are known to be converged."""
import json, os, sys, warnings
import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import (roc_auc_score, average_precision_score, log_loss,
                             brier_score_loss, roc_curve)
from sklearn.isotonic import IsotonicRegression
from sklearn.calibration import calibration_curve, _sigmoid_calibration

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "predict", "testdata")
DATA = os.path.join(ROOT, "..", "shared", "data", "wholesale_customers.csv")

def weights(y, sw, cw):
    s = np.ones(len(y)) if sw is None else np.asarray(sw, float)
    if cw == "balanced":
        n = len(y); c = np.bincount(y.astype(int), minlength=2)
        s = s * np.where(y == 1, n / (2 * c[1]), n / (2 * c[0]))
    return s

def optimality(X, y, coef, b, C, penalty, l1_ratio, s, fit_intercept=True):
    z = X @ coef + b
    p = 1 / (1 + np.exp(-z))
    g = C * (X.T @ (s * (p - y)))
    gb = C * np.sum(s * (p - y)) if fit_intercept else 0.0
    l1, l2 = {"l2": (0, 1), "l1": (1, 0), "elasticnet": (l1_ratio, 1 - l1_ratio), "none": (0, 0)}[penalty]
    g = g + l2 * coef
    sub = np.where(coef > 0, g + l1, np.where(coef < 0, g - l1, np.maximum(0, np.abs(g) - l1)))
    return float(max(np.max(np.abs(sub)), abs(gb)) / (C * s.sum()))

def fit_case(X, y, penalty="l2", C=1.0, l1_ratio=None, sw=None, cw=None, intercept=True, tol=1e-10):
    # lbfgs stops on its relative-objective test (ftol = 64 eps) with an
    # optimality near 1e-6 whatever tol is, and newton-cg's line search fails
    # before tol 1e-10: saga reaches it for every penalty. The lbfgs
    # coefficients are recorded beside (lbfgs_max_abs_diff).
    solver = "saga"
    kw = dict(penalty=penalty, C=C, solver=solver, tol=tol, max_iter=1_000_000, fit_intercept=intercept, class_weight=cw)
    if penalty == "elasticnet":
        kw["l1_ratio"] = l1_ratio
    if penalty == "none":
        kw.pop("C"); kw["penalty"] = None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        m = LogisticRegression(**kw).fit(X, y, sample_weight=sw)
    s = weights(y, sw, cw)
    b = float(m.intercept_[0]) if intercept else 0.0
    c = dict(penalty=penalty, C=C, l1_ratio=l1_ratio or 0.0, class_weight=cw or "",
             fit_intercept=intercept, solver=solver, n_iter=int(m.n_iter_[0]),
             coef=m.coef_[0].tolist(), intercept=b,
             optimality=optimality(X, y, m.coef_[0], b, C if penalty != "none" else 1.0, penalty, l1_ratio or 0.0, s, intercept))
    if sw is not None:
        c["sample_weights"] = list(map(float, sw))
    if penalty in ("l2", "none"):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            lb = LogisticRegression(**dict(kw, solver="lbfgs")).fit(X, y, sample_weight=sw)
        c["lbfgs_max_abs_diff"] = float(np.max(np.abs(np.append(lb.coef_[0] - m.coef_[0], lb.intercept_[0] - b if intercept else 0))))
    p = m.predict_proba(X)[:, 1]
    c["proba_first5"] = p[:5].tolist()
    return c

def wholesale():
    M = np.loadtxt(DATA, delimiter=",", skiprows=1)
    y = (M[:, 0] == 2).astype(float)
    spend = np.log1p(M[:, 2:])
    spend = (spend - spend.mean(0)) / spend.std(0)
    region = np.column_stack([(M[:, 1] == 2), (M[:, 1] == 3)]).astype(float)
    X = np.column_stack([spend, region])
    names = ["Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicatessen", "Region_2", "Region_3"]
    rng = np.random.default_rng(5)
    sw = rng.integers(0, 4, len(y)).astype(float)  # some zero weights: those rows are ignored
    cases = [fit_case(X, y), fit_case(X, y, C=0.05), fit_case(X, y, penalty="l1", C=0.1),
             fit_case(X, y, penalty="l1", C=1.0), fit_case(X, y, penalty="elasticnet", C=0.5, l1_ratio=0.5),
             fit_case(X, y, cw="balanced"), fit_case(X, y, sw=sw), fit_case(X, y, penalty="none"),
             fit_case(X, y, intercept=False, C=0.3)]
    return dict(source="wholesale_customers.csv: y = Channel==2; X = standardised log1p spending (ddof 0), Region 2 and 3 dummies",
                feature_names=names, x_first_row=X[0].tolist(), x_mean=X.mean(0).tolist(), cases=cases)

def synth():
    rng = np.random.default_rng(42)
    sets = []
    # 1: 300 x 8, three irrelevant features, correlated pair
    X = rng.standard_normal((300, 8)); X[:, 1] = 0.8 * X[:, 0] + 0.6 * X[:, 1]
    w = np.array([1.5, -1.0, 0.7, 0, 0, 0.3, 0, -2.0])
    y = (rng.random(300) < 1 / (1 + np.exp(-(X @ w + 0.4)))).astype(float)
    cases = [fit_case(X, y), fit_case(X, y, penalty="l1", C=0.05), fit_case(X, y, penalty="l1", C=0.5),
             fit_case(X, y, penalty="elasticnet", C=0.2, l1_ratio=0.3), fit_case(X, y, penalty="elasticnet", C=2, l1_ratio=0.8),
             fit_case(X, y, cw="balanced", penalty="l1", C=0.3)]
    sets.append(dict(name="synth300x8", X=X.tolist(), y=y.tolist(), cases=cases))
    # 2: more features than rows (L2 only is well-posed)
    X = rng.standard_normal((40, 60)) * rng.uniform(0.5, 2, 60)
    y = (X[:, 0] - X[:, 1] + rng.standard_normal(40) > 0).astype(float)
    sets.append(dict(name="wide40x60", X=X.tolist(), y=y.tolist(), cases=[fit_case(X, y), fit_case(X, y, C=10.0, tol=1e-13), fit_case(X, y, penalty="elasticnet", C=1.0, l1_ratio=0.5)]))
    # 3: imbalanced (8% positives), unscaled columns
    X = rng.standard_normal((500, 4)) * np.array([1, 10, 0.1, 3]) + np.array([0, 5, 1, -2])
    y = (rng.random(500) < 1 / (1 + np.exp(-(-3 + 0.8 * X[:, 0] + 0.1 * X[:, 1])))).astype(float)
    sets.append(dict(name="imbalanced500x4", X=X.tolist(), y=y.tolist(), cases=[fit_case(X, y), fit_case(X, y, cw="balanced"), fit_case(X, y, penalty="l1", C=0.02)]))
    return dict(sets=sets)

def metrics():
    rng = np.random.default_rng(7)
    out = []
    for name, n, ties in (("random200", 200, False), ("ties150", 150, True)):
        y = (rng.random(n) < 0.35).astype(float)
        p = np.clip(0.25 * y + rng.random(n) * 0.75, 0.001, 0.999)
        if ties:
            p = np.round(p, 1); p = np.clip(p, 0.05, 0.95)
        w = rng.uniform(0.2, 3, n)
        fpr, tpr, thr = roc_curve(y, p, drop_intermediate=False)
        frac, mean = calibration_curve(y, p, n_bins=10)
        iso = IsotonicRegression(out_of_bounds="clip").fit(p, y, sample_weight=w)
        grid = np.linspace(-0.1, 1.1, 25)
        a, b = _sigmoid_calibration(np.log(p / (1 - p)), y)
        out.append(dict(name=name, y=y.tolist(), p=p.tolist(), w=w.tolist(),
                        roc_auc=roc_auc_score(y, p), roc_auc_w=roc_auc_score(y, p, sample_weight=w),
                        ap=average_precision_score(y, p), ap_w=average_precision_score(y, p, sample_weight=w),
                        log_loss=log_loss(y, p), log_loss_w=log_loss(y, p, sample_weight=w),
                        brier=brier_score_loss(y, p), brier_w=brier_score_loss(y, p, sample_weight=w),
                        roc_fpr=fpr.tolist(), roc_tpr=tpr.tolist(),
                        cal_frac=frac.tolist(), cal_mean=mean.tolist(),
                        iso_grid=grid.tolist(), iso_pred=iso.predict(grid).tolist(), iso_train=iso.predict(p).tolist(),
                        platt_a=float(a), platt_b=float(b)))
    return dict(cases=out)

def main():
    os.makedirs(OUT, exist_ok=True)
    for name, f in (("logistic_wholesale.json", wholesale), ("logistic_synth.json", synth), ("metrics_golden.json", metrics)):
        obj = f()
        obj["generator"] = "benchmarks/peers/logistic_golden.py (scikit-learn 1.2)"
        with open(os.path.join(OUT, name), "w") as fh:
            json.dump(obj, fh, separators=(",", ":"))
        for c in obj.get("cases", []) + [c for s in obj.get("sets", []) for c in s["cases"]]:
            if "optimality" in c:
                print(name, c["penalty"], c["C"], c["solver"], "iters", c["n_iter"], "opt %.2e" % c["optimality"], "lbfgs diff %.1e" % c.get("lbfgs_max_abs_diff", 0), file=sys.stderr)

if __name__ == "__main__":
    main()
