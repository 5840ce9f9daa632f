package predict

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mat"
)

// LogisticModel is a fitted logistic regression. It is immutable and safe
// for concurrent use.
type LogisticModel struct {
	coef      []float64
	intercept float64
	names     []string
	means     []float64 // training column means (rows of positive weight)
	info      FitInfo
}

// NewLogisticModel builds a model from known coefficients (for example ones
// exported from another tool). means may be nil (Explain then needs a
// baseline); names may be nil (x0, x1, ...).
func NewLogisticModel(coef []float64, intercept float64, names []string, means []float64) (*LogisticModel, error) {
	m := &LogisticModel{coef: append([]float64(nil), coef...), intercept: intercept,
		names: append([]string(nil), names...), means: append([]float64(nil), means...)}
	if names == nil {
		m.names = make([]string, len(coef))
		for j := range m.names {
			m.names[j] = fmt.Sprintf("x%d", j)
		}
	}
	if means == nil {
		m.means = nil
	}
	if err := m.check(); err != nil {
		return nil, err
	}
	return m, nil
}

func (m *LogisticModel) check() error {
	d := len(m.coef)
	if len(m.names) != d {
		return fmt.Errorf("predict: %d feature names for %d coefficients: %w", len(m.names), d, ErrDimension)
	}
	if m.means != nil && len(m.means) != d {
		return fmt.Errorf("predict: %d feature means for %d coefficients: %w", len(m.means), d, ErrDimension)
	}
	for j, v := range m.coef {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("predict: coefficient %d (%s) = %v: %w", j, m.names[j], v, ErrNonFinite)
		}
	}
	for j, v := range m.means {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("predict: feature mean %d (%s) = %v: %w", j, m.names[j], v, ErrNonFinite)
		}
	}
	if math.IsNaN(m.intercept) || math.IsInf(m.intercept, 0) {
		return fmt.Errorf("predict: intercept = %v: %w", m.intercept, ErrNonFinite)
	}
	return nil
}

// Coef returns a copy of the coefficients, one per feature.
func (m *LogisticModel) Coef() []float64 { return append([]float64(nil), m.coef...) }

// Intercept returns the intercept (0 when fitted with NoIntercept).
func (m *LogisticModel) Intercept() float64 { return m.intercept }

// FeatureNames returns a copy of the feature names.
func (m *LogisticModel) FeatureNames() []string { return append([]string(nil), m.names...) }

// FeatureMeans returns a copy of the training column means (nil if unknown).
func (m *LogisticModel) FeatureMeans() []float64 {
	if m.means == nil {
		return nil
	}
	return append([]float64(nil), m.means...)
}

// Info reports how the fit went (solver, iterations, convergence).
func (m *LogisticModel) Info() FitInfo { return m.info }

// OddsRatios returns exp(coef): the factor by which the odds multiply when a
// feature grows by one unit (in the model's feature space).
func (m *LogisticModel) OddsRatios() []float64 {
	o := make([]float64, len(m.coef))
	for j, v := range m.coef {
		o[j] = math.Exp(v)
	}
	return o
}

// DecisionFunction returns the log-odds x·w + b of every row of X.
func (m *LogisticModel) DecisionFunction(X mat.Matrix) ([]float64, error) {
	n, d := X.Dims()
	if d != len(m.coef) {
		return nil, fmt.Errorf("predict: X has %d columns, model has %d features: %w", d, len(m.coef), ErrDimension)
	}
	x, err := rowMajor(X)
	if err != nil {
		return nil, err
	}
	z := make([]float64, n)
	decision(x, n, d, m.coef, m.intercept, z)
	return z, nil
}

// DecisionRow returns the log-odds x·w + b of one row, as DecisionFunction
// computes it, for scoring loops that hold rows as slices. x must have one
// value per feature; it panics otherwise, as gonum's mat does on a shape
// mismatch.
func (m *LogisticModel) DecisionRow(x []float64) float64 {
	if len(x) != len(m.coef) {
		panic(fmt.Sprintf("predict: row has %d values, model has %d features", len(x), len(m.coef)))
	}
	return m.intercept + dot(x, m.coef)
}

// PredictProba returns P(y = 1) for every row of X.
func (m *LogisticModel) PredictProba(X mat.Matrix) ([]float64, error) {
	z, err := m.DecisionFunction(X)
	if err != nil {
		return nil, err
	}
	for i, v := range z {
		z[i] = sigmoid(v)
	}
	return z, nil
}

// Predict returns 1 where P(y = 1) >= threshold and 0 elsewhere.
func (m *LogisticModel) Predict(X mat.Matrix, threshold float64) ([]float64, error) {
	p, err := m.PredictProba(X)
	if err != nil {
		return nil, err
	}
	for i, v := range p {
		if v >= threshold {
			p[i] = 1
		} else {
			p[i] = 0
		}
	}
	return p, nil
}

// Objective returns sum_i log(1+exp(z_i)) - y_i z_i + 0.5||w||^2 on (X, y):
// the L2 objective at C = 1 without weights, as benchmarks/peers reports it.
// For other C and penalties use PenalisedObjective.
func (m *LogisticModel) Objective(X mat.Matrix, y []float64) (float64, error) {
	return m.PenalisedObjective(Logistic{}, X, y)
}

// PenalisedObjective evaluates cfg's objective (C, penalty, weights) at the
// model's coefficients on (X, y).
func (m *LogisticModel) PenalisedObjective(cfg Logistic, X mat.Matrix, y []float64) (float64, error) {
	pen, C, _, _, err := cfg.resolve()
	if err != nil {
		return 0, err
	}
	cfg.FeatureNames = nil
	p, _, _, err := cfg.prepare(X, y, false)
	if err != nil {
		return 0, err
	}
	if p.d != len(m.coef) {
		return 0, fmt.Errorf("predict: X has %d columns, model has %d features: %w", p.d, len(m.coef), ErrDimension)
	}
	w := append(append([]float64(nil), m.coef...), m.intercept)
	var out evalOut
	var sc scratch
	p.eval(w, &out, 1, &sc)
	st := solverState{p: p, pen: pen, C: C}
	return st.objective(w, out.loss), nil
}
