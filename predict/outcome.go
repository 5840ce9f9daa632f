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
// upsell): a logistic regression or a GA2M, whichever the fit chose
// (ModelChoice), the Platt map of its decision values and its figures on
// held-out rows.
type Outcome struct {
	Label string
	// Logistic or Additive is the model: exactly one is set.
	Logistic    *LogisticModel
	Additive    *AdditiveModel
	Calibration PlattModel
	Metrics     OutcomeMetrics
}

// Decision returns the model of o that is set, as a Decision; nil for a
// nil o and when neither or both are set.
func (o *Outcome) Decision() Decision {
	switch {
	case o == nil:
	case o.Additive != nil && o.Logistic == nil:
		return o.Additive
	case o.Logistic != nil && o.Additive == nil:
		return o.Logistic
	}
	return nil
}

// Linear returns the logistic model, nil for a nil o or an additive one.
func (o *Outcome) Linear() *LogisticModel {
	if o == nil {
		return nil
	}
	return o.Logistic
}

// HeldOut returns a copy of the metrics on held-out accounts, nil for a
// nil o.
func (o *Outcome) HeldOut() *OutcomeMetrics {
	if o == nil {
		return nil
	}
	mt := o.Metrics
	return &mt
}

// Means returns (a copy of) the training means of the features, zeros when
// the model does not record them; nil when Decision is nil.
func (o *Outcome) Means() []float64 {
	d := o.Decision()
	if d == nil {
		return nil
	}
	var m []float64
	if o.Logistic != nil {
		m = o.Logistic.FeatureMeans()
	} else {
		m = o.Additive.FeatureMeans()
	}
	if m == nil {
		m = make([]float64, d.NumFeatures())
	}
	return m
}

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

// OutcomeFit fits an Outcome with ModelChoice: Logistic's C and
// FeatureNames configure it, LinearOnly keeps it linear, Additive
// configures the GA2M, Seed the folds. The zero value fits with the
// defaults and seed 0.
type OutcomeFit struct {
	Logistic   Logistic
	LinearOnly bool
	// AdditiveOnly keeps the additive model (ModelChoice.AdditiveOnly).
	AdditiveOnly bool
	Additive     Additive
	Seed         uint64
}

// Fit fits, calibrates and evaluates one binary model on the rows of X
// with labels y (NaN for a missing label: that row is left out). The model
// (linear or additive: ModelChoice, Metrics.Model says which and why) is
// fitted on the train and calibration rows together; its Platt map is
// cross-fitted on those rows (CrossFitPlatt: never on a few dozen rows,
// never a map that reverses the ranking); the test rows give Metrics and
// the out-of-time rows, when any, Metrics.OutOfTime (EvaluateOutcome). A
// linear model that stops at MaxIter is kept. Labels of one class among
// the rows fitted or evaluated fail with an error wrapping ErrLabelColumn.
func (f OutcomeFit) Fit(ctx context.Context, label string, X *mat.Dense, y []float64, rows OutcomeRows) (*Outcome, error) {
	train, calib, test := labelled(rows.Train, y), labelled(rows.Calibration, y), labelled(rows.Test, y)
	fitIdx := append(append([]int(nil), train...), calib...)
	slices.Sort(fitIdx)
	Xtr, ytr := SelectRows(X, y, fitIdx)
	mc := ModelChoice{C: f.Logistic.C, LinearOnly: f.LinearOnly, AdditiveOnly: f.AdditiveOnly, Additive: f.Additive, Seed: f.Seed, FeatureNames: f.Logistic.FeatureNames}
	ch, err := mc.FitContext(ctx, Xtr, ytr)
	if err != nil {
		return nil, fmt.Errorf("%s model: %w", label, labelErr(err))
	}
	o := &Outcome{Label: label, Logistic: ch.Linear, Additive: ch.Additive, Calibration: ch.Calibration}
	Xte, yte := SelectRows(X, y, test)
	if o.Metrics, err = EvaluateOutcome(label, yte, o.Probs(Xte)); err != nil {
		return nil, fmt.Errorf("%s evaluation: %w", label, err)
	}
	o.Metrics.Calibration, o.Metrics.Model = ch.CalibrationNote, ch.Choice
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

// Probs returns the calibrated probabilities of every row of X; nil for a
// nil o.
func (o *Outcome) Probs(X *mat.Dense) []float64 {
	if o == nil {
		return nil
	}
	dec := o.Decision()
	n, _ := X.Dims()
	p := make([]float64, n)
	for i := range p {
		p[i] = o.Calibration.Prob(dec.DecisionRow(X.RawRowView(i)))
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
