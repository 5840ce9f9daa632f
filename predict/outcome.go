package predict

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/segmenta/segmenta/internal/errs"
	"gonum.org/v1/gonum/mat"
)

// ErrLabelColumn: a label column is unusable for an outcome model (one
// class only among the rows fitted or evaluated). It is the sentinel
// dataset.ErrLabel and segmenta.ErrLabel name; ErrLabel, by contrast, is a
// single label that is not 0 or 1.
var ErrLabelColumn = errs.ErrLabelColumn

// Outcome is one calibrated binary model of a whole-model fit (churn or
// upsell): a logistic regression, the Platt map of its decision values and
// its figures on held-out rows.
type Outcome struct {
	Label       string
	Logistic    *LogisticModel
	Calibration PlattModel
	Metrics     OutcomeMetrics

	coef  []float64 // cached from Logistic
	means []float64 // the training means of the features, zeros when unknown
}

// newOutcome caches the logistic model's coefficients and means.
func newOutcome(label string, lr *LogisticModel, cal PlattModel, m OutcomeMetrics) *Outcome {
	o := &Outcome{Label: label, Logistic: lr, Calibration: cal, Metrics: m, coef: lr.Coef(), means: lr.FeatureMeans()}
	if o.means == nil {
		o.means = make([]float64, len(o.coef))
	}
	return o
}

// Coef returns the logistic model's coefficients (not a copy: do not
// modify).
func (o *Outcome) Coef() []float64 { return o.coef }

// Means returns the training means of the features, zeros when the model
// does not record them (not a copy: do not modify).
func (o *Outcome) Means() []float64 { return o.means }

// OutcomeRows is a split of the rows of a matrix for OutcomeFit.Fit: the
// model is fitted on Train and Calibration, calibrated on out-of-fold
// scores of those rows and evaluated on Test and OutOfTime. A row may be
// in at most one part (Check).
type OutcomeRows struct {
	Train, Calibration, Test, OutOfTime []int
}

// Check refuses, with an error wrapping ErrConfig, a row outside 0..n-1 or
// in two parts.
func (r OutcomeRows) Check(n int) error {
	seen := make([]bool, n)
	for _, part := range [][]int{r.Train, r.Calibration, r.Test, r.OutOfTime} {
		for _, i := range part {
			if i < 0 || i >= n || seen[i] {
				return fmt.Errorf("predict: %w: row %d is out of range or in two parts", ErrConfig, i)
			}
			seen[i] = true
		}
	}
	return nil
}

// OutcomeFit fits an Outcome: Logistic configures the regression, Seed the
// calibration folds. The zero value fits with Logistic's defaults and seed 0.
type OutcomeFit struct {
	Logistic Logistic
	Seed     uint64
}

// Fit fits, calibrates and evaluates one binary model on the rows of X
// with labels y (NaN for a missing label: that row is left out). The
// regression is fitted on the train and calibration rows together; its
// Platt map is cross-fitted on those rows (CrossFitPlatt: never on a few
// dozen rows, never a map that reverses the ranking); the test rows give
// Metrics and the out-of-time rows, when any, Metrics.OutOfTime
// (EvaluateOutcome). A model that stops at MaxIter is kept. Labels of one
// class among the rows fitted or evaluated fail with an error wrapping
// ErrLabelColumn.
func (f OutcomeFit) Fit(ctx context.Context, label string, X *mat.Dense, y []float64, rows OutcomeRows) (*Outcome, error) {
	train, calib, test := labelled(rows.Train, y), labelled(rows.Calibration, y), labelled(rows.Test, y)
	fitIdx := append(append([]int(nil), train...), calib...)
	slices.Sort(fitIdx)
	fit := func(ctx context.Context, X *mat.Dense, y []float64) (*LogisticModel, error) {
		lr, err := f.Logistic.FitContext(ctx, X, y)
		if err != nil && !errors.Is(err, ErrNotConverged) {
			return nil, fmt.Errorf("%s model: %w", label, labelErr(err))
		}
		return lr, nil
	}
	Xtr, ytr := SelectRows(X, y, fitIdx)
	lr, err := fit(ctx, Xtr, ytr)
	if err != nil {
		return nil, err
	}
	cal, note, err := CrossFitPlatt(ctx, Xtr, ytr, f.Seed, func(ctx context.Context, X *mat.Dense, y []float64) (func([]float64) float64, error) {
		m, err := fit(ctx, X, y)
		if err != nil {
			return nil, err
		}
		return m.DecisionRow, nil
	})
	if err != nil {
		return nil, fmt.Errorf("%s calibration: %w", label, labelErr(err))
	}
	o := newOutcome(label, lr, cal, OutcomeMetrics{})
	Xte, yte := SelectRows(X, y, test)
	if o.Metrics, err = EvaluateOutcome(label, yte, o.Probs(Xte)); err != nil {
		return nil, fmt.Errorf("%s evaluation: %w", label, err)
	}
	o.Metrics.Calibration = note
	if len(rows.OutOfTime) > 0 {
		Xo, yo := SelectRows(X, y, labelled(rows.OutOfTime, y))
		oot, err := EvaluateOutcome(label, yo, o.Probs(Xo))
		if err != nil {
			return nil, fmt.Errorf("%s out-of-time evaluation: %w", label, err)
		}
		o.Metrics.OutOfTime = &oot
	}
	return o, nil
}

// Probs returns the calibrated probabilities of every row of X.
func (o *Outcome) Probs(X *mat.Dense) []float64 {
	n, _ := X.Dims()
	p := make([]float64, n)
	for i := range p {
		p[i] = o.Calibration.Prob(o.Logistic.DecisionRow(X.RawRowView(i)))
	}
	return p
}

// labelErr marks a single-class error as a label-column problem.
func labelErr(err error) error {
	if errors.Is(err, ErrSingleClass) {
		return fmt.Errorf("%w: %w", ErrLabelColumn, err)
	}
	return err
}

// labelled returns the rows of idx whose label is not missing (NaN).
func labelled(idx []int, y []float64) []int {
	out := make([]int, 0, len(idx))
	for _, i := range idx {
		if !math.IsNaN(y[i]) {
			out = append(out, i)
		}
	}
	return out
}
