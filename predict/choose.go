package predict

import (
	"context"
	"errors"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// ModelChoice fits the outcome model of a whole-model fit and calibrates
// it. It fits the L2 logistic model (C) and, unless LinearOnly, the GA2M
// (Additive), and keeps the additive model only where cross-validation on
// the rows says it helps (AdditiveModel.BeatsLinear: better by more than
// one standard error). The probabilities are then calibrated by a Platt
// map on out-of-fold scores: those the comparison's cross-validation left
// for the model kept (the folds of a stratified sample of at most
// Additive.SelectionRows rows), which costs no further fit and is plenty
// for a two-parameter map; a linear model fitted alone (LinearOnly, or the
// additive model could not be fitted) is refitted on each fold of all rows
// instead (CrossFitPlatt). Either map is refused, with a note, when it
// would reverse the ranking or the rows are too few (CrossFitMinRows,
// CrossFitMinEvents).
//
// The zero value gives the documented defaults.
type ModelChoice struct {
	// C is the linear model's inverse penalty strength; 0 means 1.
	C float64
	// LinearOnly skips the additive model.
	LinearOnly bool
	// AdditiveOnly keeps the additive model whatever the comparison says
	// (Choice still gives its figures); it cannot be set with LinearOnly.
	AdditiveOnly bool
	// Additive configures the additive model; its Seed, FeatureNames and
	// LinearC are set from this ModelChoice.
	Additive Additive
	// Seed shuffles the folds.
	Seed uint64
	// FeatureNames names the columns of X; nil means x0, x1, ...
	FeatureNames []string
}

// Chosen is a fitted, calibrated outcome model.
type Chosen struct {
	// Linear or Additive is the model kept (the other is nil); Model is
	// the same model as a Decision.
	Linear   *LogisticModel
	Additive *AdditiveModel
	Model    Decision
	// Choice says which model was kept and why, in figures.
	Choice string
	// Calibration maps the model's log-odds to a probability;
	// CalibrationNote says how it was fitted (or why not).
	Calibration     PlattModel
	CalibrationNote string
}

// Prob returns the calibrated probability of one row.
func (c *Chosen) Prob(x []float64) float64 { return c.Calibration.Prob(c.Model.DecisionRow(x)) }

// FitContext fits and calibrates the model on X and 0/1 labels y. Errors:
// those of Logistic (ErrSingleClass for one class; a model that does not
// reach MaxIter is kept); the additive model's errors never fail the fit:
// the linear model is kept and Choice says why.
func (c ModelChoice) FitContext(ctx context.Context, X *mat.Dense, y []float64) (*Chosen, error) {
	if c.C == 0 {
		c.C = 1
	}
	linear := Logistic{C: c.C, FeatureNames: c.FeatureNames}
	fitLinear := func(ctx context.Context, X *mat.Dense, y []float64) (*LogisticModel, error) {
		lr, err := linear.FitContext(ctx, X, y)
		if err != nil && !errors.Is(err, ErrNotConverged) {
			return nil, err
		}
		return lr, nil
	}
	if c.LinearOnly && c.AdditiveOnly {
		return nil, fmt.Errorf("predict: ModelChoice: LinearOnly and AdditiveOnly both set: %w", ErrConfig)
	}
	ch := &Chosen{Choice: "linear (LinearOnly)"}
	var sel *AdditiveModel // the selection, whose out-of-fold scores calibrate
	if !c.LinearOnly {
		a := c.Additive
		a.Seed, a.FeatureNames, a.LinearC = c.Seed, c.FeatureNames, c.C
		// The refit on every row comes after the choice: a large table
		// whose additive model loses does not pay for its design.
		am, x, err := a.selectModel(ctx, X, y)
		var ok bool
		if err == nil {
			sel = am
			ok, ch.Choice = am.BeatsLinear()
			if c.AdditiveOnly {
				ok, ch.Choice = true, ch.Choice+" (AdditiveOnly: kept the additive model)"
			}
			if ok {
				err = am.finish(ctx, x, y)
			}
		}
		switch {
		case ctx.Err() != nil:
			return nil, ctx.Err()
		case err != nil && c.AdditiveOnly:
			return nil, fmt.Errorf("predict: the additive model (AdditiveOnly): %w", err)
		case err != nil:
			ch.Choice = fmt.Sprintf("kept the linear model: the additive model could not be fitted (%v)", err)
		case ok:
			ch.Additive, ch.Model = am, am
		}
	}
	if ch.Additive != nil {
		return ch, ch.calibrateAdditive()
	}
	lr, err := fitLinear(ctx, X, y)
	if err != nil {
		return nil, err
	}
	ch.Linear, ch.Model = lr, lr
	if sel != nil {
		ch.Calibration, ch.CalibrationNote, err = plattOutOfFold(sel.linearOOF, sel.oofY, len(sel.linearFolds))
		return ch, err
	}
	ch.Calibration, ch.CalibrationNote, err = CrossFitPlatt(ctx, X, y, c.Seed, func(ctx context.Context, X *mat.Dense, y []float64) (func([]float64) float64, error) {
		m, err := fitLinear(ctx, X, y)
		if err != nil {
			return nil, err
		}
		return m.DecisionRow, nil
	})
	return ch, err
}

// calibrateAdditive fits the Platt map of the additive model on the
// out-of-fold decision values its selection left (the folds of the
// selection sample, at most Additive.SelectionRows rows, under the chosen
// structure and C), so calibration fits no model of its own.
func (ch *Chosen) calibrateAdditive() error {
	a := ch.Additive
	if a.oof == nil {
		return fmt.Errorf("predict: additive calibration: the model holds no out-of-fold scores: %w", errNotFitted)
	}
	var err error
	ch.Calibration, ch.CalibrationNote, err = plattOutOfFold(a.oof, a.oofY, len(a.folds))
	return err
}
