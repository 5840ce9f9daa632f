package predict

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"
)

// AdditiveModel is a fitted GA2M (see Additive). It is immutable and safe
// for concurrent use.
type AdditiveModel struct {
	names     []string
	terms     []term
	pairs     []pair
	coef      []float64 // over the expanded design
	intercept float64
	width     int
	c         float64
	cvLogLoss float64
	// rejectedPairs counts the pairs tried and not kept by the
	// cross-validation (0 when kept or none tried).
	rejectedPairs int
	tol           float64 // the solver tolerance, for Refit
	linearC       float64 // the slopes' C (Additive.LinearC), for Refit
	// folds and linearFolds are the per-fold cross-validated log losses of
	// the chosen model and of the linear model on the same folds (nil for
	// a model read from a file).
	folds, linearFolds []float64
	// selected is the number of rows the selection fitted on; finish
	// refits on all rows when there were more.
	selected int
	// oof holds the selection sample's out-of-fold decision values under
	// the chosen structure and C, oofY their labels: what the cross-fitted
	// calibration needs, without fitting the folds again (nil for a model
	// read from a file or refitted).
	oof, oofY []float64
	// linearOOF holds the linear comparison's out-of-fold decision values
	// on the same rows, which calibrate a linear model kept instead.
	linearOOF []float64
}

// AdditiveInfo reports the choices cross-validation made.
type AdditiveInfo struct {
	// C is the chosen inverse penalty strength.
	C float64 `json:"c"`
	// CVLogLoss is the mean cross-validated log loss of the chosen model.
	CVLogLoss float64 `json:"cv_log_loss"`
	// Pairs lists the kept interactions as feature-name pairs.
	Pairs [][2]string `json:"pairs,omitempty"`
	// PairCuts holds, in the order of Pairs, the cuts of each pair's cells
	// on its first and second feature, in the units of the model's input
	// (after a feature pipeline's transforms): a value at or above a cut
	// is in the cell above it.
	PairCuts [][2][]float64 `json:"pair_cuts,omitempty"`
	// RejectedPairs counts the pairs tried and dropped because they did not
	// lower the cross-validated log loss.
	RejectedPairs int `json:"rejected_pairs,omitempty"`
	// Shaped lists the features given a shape (steps); the others are
	// lines.
	Shaped []string `json:"shaped,omitempty"`
	// ShapeBins is the most bins of any shape: about Bins, or FineBins
	// when cross-validation kept the finer steps (fewer where a feature
	// has fewer distinct quantiles).
	ShapeBins int `json:"shape_bins,omitempty"`
	// Columns is the width of the expanded design.
	Columns int `json:"columns"`
	// LinearCVLogLoss is the mean cross-validated log loss of the plain L2
	// logistic model (Additive.LinearC) on the same folds, and
	// GainStdErr the standard error of the per-fold gain (linear less
	// additive log loss); zero for a model read from a file.
	LinearCVLogLoss float64 `json:"linear_cv_log_loss,omitempty"`
	GainStdErr      float64 `json:"gain_std_err,omitempty"`
}

// Info returns the choices of the fit.
func (m *AdditiveModel) Info() AdditiveInfo {
	in := AdditiveInfo{C: m.c, CVLogLoss: m.cvLogLoss, RejectedPairs: m.rejectedPairs, Columns: m.width}
	in.LinearCVLogLoss, _, in.GainStdErr = m.gain()
	for _, p := range m.pairs {
		in.Pairs = append(in.Pairs, [2]string{m.names[p.J], m.names[p.K]})
		in.PairCuts = append(in.PairCuts, [2][]float64{slices.Clone(p.CutsJ), slices.Clone(p.CutsK)})
	}
	for j, t := range m.terms {
		if len(t.Edges) > 0 {
			in.Shaped = append(in.Shaped, m.names[j])
			in.ShapeBins = max(in.ShapeBins, len(t.Edges)+1)
		}
	}
	return in
}

// NumFeatures is the number of input columns.
func (m *AdditiveModel) NumFeatures() int { return len(m.terms) }

// FeatureNames returns the names of the input columns.
func (m *AdditiveModel) FeatureNames() []string { return append([]string(nil), m.names...) }

// decisionRow is the log-odds of one row of d values.
func (m *AdditiveModel) decisionRow(x []float64) float64 {
	z := m.intercept
	for j := range m.terms {
		t := &m.terms[j]
		z += t.value(x[j], m.coef[t.Offset:])
	}
	for _, p := range m.pairs {
		z += m.coef[p.Offset+p.cell(x[p.J], x[p.K])]
	}
	return z
}

// DecisionRow returns the log-odds of one row (len(x) must equal
// NumFeatures).
func (m *AdditiveModel) DecisionRow(x []float64) float64 { return m.decisionRow(x) }

// DecisionFunction returns the log-odds of each row of X.
func (m *AdditiveModel) DecisionFunction(X mat.Matrix) ([]float64, error) {
	if m == nil || m.coef == nil {
		return nil, errNotFitted
	}
	n, d := X.Dims()
	if d != len(m.terms) {
		return nil, fmt.Errorf("predict: X has %d columns, model %d: %w", d, len(m.terms), ErrDimension)
	}
	x, err := rowMajor(X)
	if err != nil {
		return nil, err
	}
	z := make([]float64, n)
	for i := range z {
		z[i] = m.decisionRow(x[i*d : i*d+d])
	}
	return z, nil
}

// PredictProba returns P(y=1) for each row of X.
func (m *AdditiveModel) PredictProba(X mat.Matrix) ([]float64, error) {
	z, err := m.DecisionFunction(X)
	for i, v := range z {
		z[i] = sigmoid(v)
	}
	return z, err
}

// Baseline is the log-odds of a typical account: the intercept plus the
// training mean of every term. DecisionRow(x) = Baseline() + the sum of
// Contributions(x).
func (m *AdditiveModel) Baseline() float64 {
	b := m.intercept
	for _, t := range m.terms {
		b += t.Mean
	}
	for _, p := range m.pairs {
		b += p.Mean
	}
	return b
}

// Contributions returns, per input column, its part of the log-odds of x
// relative to a typical account: its shape's value less the shape's
// training mean, plus half of each of its interactions (less their means;
// the other half goes to the partner column). They add up to
// DecisionRow(x) - Baseline().
func (m *AdditiveModel) Contributions(x []float64) ([]float64, error) {
	if len(x) != len(m.terms) {
		return nil, fmt.Errorf("predict: row of %d values, model %d: %w", len(x), len(m.terms), ErrDimension)
	}
	c := make([]float64, len(x))
	m.ContributionsInto(c, x)
	return c, nil
}

// Shape returns the main effect f_j(v) of column j at value v, relative to
// its training mean: the curve to draw for column j.
func (m *AdditiveModel) Shape(j int, v float64) float64 {
	t := &m.terms[j]
	return t.value(v, m.coef[t.Offset:]) - t.Mean
}

// ShapeKnots returns the values where column j's shape steps (its quantile
// edges), nil for a linear shape: plot the shape between and at them.
func (m *AdditiveModel) ShapeKnots(j int) []float64 {
	return append([]float64(nil), m.terms[j].Edges...)
}

// FeatureMeans returns the training mean of each input column (the
// centre of its linear part).
func (m *AdditiveModel) FeatureMeans() []float64 {
	out := make([]float64, len(m.terms))
	for j, t := range m.terms {
		out[j] = t.Center
	}
	return out
}

// ShapeCurve returns points of column j's shape (Shape) to draw it: a
// grid of points values over its training range, centre +- 2.5 standard
// deviations widened to the outer knots, plus the values just below and
// at each knot, so that every step shows. xs is increasing.
func (m *AdditiveModel) ShapeCurve(j, points int) (xs, ys []float64) {
	t := &m.terms[j]
	lo, hi := t.Center-2.5*t.Scale, t.Center+2.5*t.Scale
	if len(t.Edges) > 0 {
		w := (t.Edges[len(t.Edges)-1] - t.Edges[0]) / float64(len(t.Edges))
		lo, hi = math.Min(lo, t.Edges[0]-w), math.Max(hi, t.Edges[len(t.Edges)-1]+w)
	}
	points = max(points, 2)
	for i := range points {
		xs = append(xs, lo+(hi-lo)*float64(i)/float64(points-1))
	}
	for _, e := range t.Edges {
		xs = append(xs, math.Nextafter(e, math.Inf(-1)), e)
	}
	slices.Sort(xs)
	xs = slices.Compact(xs)
	for _, x := range xs {
		ys = append(ys, m.Shape(j, x))
	}
	return xs, ys
}
