package predict

import (
	"context"
	"errors"
	"fmt"
	"math"
	"strings"

	"gonum.org/v1/gonum/mat"
)

// BeatsLinear reports whether the cross-validation prefers the additive
// model to the plain L2 logistic model fitted on the same folds (the
// model's structure costs many more parameters, so it has to earn them):
// the mean per-fold gain in log loss (linear less additive) must exceed
// one standard error of that mean. This is the one-standard-error rule
// (Breiman, Friedman, Olshen & Stone, "Classification and Regression
// Trees", 1984, section 3.4.3; Hastie, Tibshirani & Friedman, "The
// Elements of Statistical Learning", 2nd ed., section 7.10): the simpler
// model is kept unless the richer one is better by more than the noise of
// the comparison. The reason says so in figures. A model read from a file
// has no folds and gives false.
func (m *AdditiveModel) BeatsLinear() (ok bool, reason string) {
	lin, g, se := m.gain()
	if m.linearFolds == nil {
		return false, "no cross-validation figures (a model read from a file)"
	}
	ok = g > se
	verdict := "kept the linear model"
	if ok {
		verdict = "chose the additive model"
	}
	in := m.Info()
	shapes := fmt.Sprintf("shapes on %d of %d features", len(in.Shaped), len(m.terms))
	if in.ShapeBins > 0 {
		shapes += fmt.Sprintf(" at up to %d bins", in.ShapeBins)
	}
	return ok, fmt.Sprintf("%d-fold cross-validated log loss %.4f additive (GA2M, %s, %s, C %.3g) vs %.4f linear: gain %.4f, standard error %.4f; %s",
		len(m.folds), m.cvLogLoss, shapes, pairsText(in), m.c, lin, g, se, verdict)
}

// pairsText names the pairs of in, as in "1 pair: seats x discount_pct".
// Their cuts are left to AdditiveInfo.PairCuts: they are in the units the
// model reads, which a pipeline's transforms make unlike the input's.
func pairsText(in AdditiveInfo) string {
	if len(in.Pairs) == 0 {
		return "no pairs"
	}
	names := make([]string, len(in.Pairs))
	for q, p := range in.Pairs {
		names[q] = p[0] + " x " + p[1]
	}
	plural := ""
	if len(in.Pairs) > 1 {
		plural = "s"
	}
	return fmt.Sprintf("%d pair%s: %s", len(in.Pairs), plural, strings.Join(names, ", "))
}

// gain returns the linear model's mean cross-validated log loss, the mean
// per-fold gain of the additive model over it and that mean's standard
// error (zeros without figures).
func (m *AdditiveModel) gain() (linear, mean, se float64) {
	k := len(m.linearFolds)
	if k == 0 || len(m.folds) != k {
		return 0, 0, 0
	}
	for f := range k {
		linear += m.linearFolds[f] / float64(k)
	}
	mean, se = pairedGain(m.linearFolds, m.folds)
	return linear, mean, se
}

// pairedGain is the mean per-fold gain (loss of base less loss of alt, on
// the same folds) and the standard error of that mean (0 with one fold).
func pairedGain(base, alt []float64) (mean, se float64) {
	k := len(base)
	for f := range k {
		mean += (base[f] - alt[f]) / float64(k)
	}
	if k > 1 {
		for f := range k {
			d := base[f] - alt[f] - mean
			se += d * d
		}
		se = math.Sqrt(se / float64(k-1) / float64(k))
	}
	return mean, se
}

// Refit returns a model of m's structure (the shapes' bins, the pairs and
// their cells, C) with coefficients refitted on X and y and centred on X,
// without repeating the selection: a model of the same form fitted on
// other rows (another period, a bootstrap sample, one's own folds).
func (m *AdditiveModel) Refit(ctx context.Context, X mat.Matrix, y []float64) (*AdditiveModel, error) {
	if m == nil || m.coef == nil {
		return nil, errNotFitted
	}
	n, d := X.Dims()
	if d != len(m.terms) || len(y) != n {
		return nil, fmt.Errorf("predict: additive refit: X is %d x %d, %d labels, model has %d features: %w", n, d, len(y), len(m.terms), ErrDimension)
	}
	x, err := rowMajor(X)
	if err != nil {
		return nil, err
	}
	r := &AdditiveModel{names: m.names, terms: append([]term(nil), m.terms...), pairs: append([]pair(nil), m.pairs...),
		width: m.width, c: m.c, cvLogLoss: m.cvLogLoss, rejectedPairs: m.rejectedPairs, tol: m.tol, linearC: m.linearC}
	tol := m.tol
	if tol == 0 {
		tol = 1e-5
	}
	lr, err := r.fitRows(ctx, x, y, tol)
	if err != nil && !errors.Is(err, ErrNotConverged) {
		return nil, fmt.Errorf("predict: additive refit: %w", err)
	}
	r.coef, r.intercept = lr.Coef(), lr.Intercept()
	r.centre(x, n)
	return r, nil
}
