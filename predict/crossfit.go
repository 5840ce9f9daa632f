package predict

import (
	"context"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// Cross-fitted calibration settings. Below CrossFitMinRows rows or
// CrossFitMinEvents of either class the map is not fitted at all: a sigmoid
// fitted on a few dozen rows can be steep, flat or reversed by chance.
const (
	CrossFitFolds     = 5
	CrossFitMinRows   = 200
	CrossFitMinEvents = 20
)

// IdentityPlatt maps a decision value z to sigmoid(z): the model's own
// probability, used when no calibration can be trusted.
var IdentityPlatt = PlattModel{A: -1, B: 0}

// Decider fits a model on rows and returns its decision function.
type Decider func(ctx context.Context, X *mat.Dense, y []float64) (func(x []float64) float64, error)

// CrossFitPlatt fits a Platt map on out-of-fold decision values: each of
// CrossFitFolds stratified folds of the rows is scored by a model fitted on
// the other folds, so every calibration score comes from a model that did
// not see the row (scikit-learn's CalibratedClassifierCV with
// ensemble=False does the same). The map is checked to be increasing (A <
// 0): a map that would reverse the ranking, or too few rows or events, gives
// IdentityPlatt and a note saying why.
func CrossFitPlatt(ctx context.Context, X *mat.Dense, y []float64, seed uint64, fit Decider) (PlattModel, string, error) {
	n := len(y)
	if note, ok := enoughToCalibrate(y); !ok {
		return IdentityPlatt, note, nil
	}
	folds, err := StratifiedKFold(y, CrossFitFolds, seed)
	if err != nil {
		return IdentityPlatt, "", err
	}
	oof := make([]float64, n)
	for _, test := range folds {
		if err := ctx.Err(); err != nil {
			return IdentityPlatt, "", err
		}
		inTest := make([]bool, n)
		for _, i := range test {
			inTest[i] = true
		}
		var train []int
		for i := range n {
			if !inTest[i] {
				train = append(train, i)
			}
		}
		Xtr, ytr := SelectRows(X, y, train)
		decide, err := fit(ctx, Xtr, ytr)
		if err != nil {
			return IdentityPlatt, "", err
		}
		for _, i := range test {
			oof[i] = decide(X.RawRowView(i))
		}
	}
	return plattOutOfFold(oof, y, CrossFitFolds)
}

// enoughToCalibrate reports whether y has CrossFitMinRows rows and
// CrossFitMinEvents of each class, and if not, the note saying so.
func enoughToCalibrate(y []float64) (string, bool) {
	n, pos := len(y), 0
	for _, v := range y {
		if v == 1 {
			pos++
		}
	}
	if n < CrossFitMinRows || pos < CrossFitMinEvents || n-pos < CrossFitMinEvents {
		return fmt.Sprintf("not calibrated: %d rows with %d events, need %d rows and %d of each class; probabilities are the model's own", n, pos, CrossFitMinRows, CrossFitMinEvents), false
	}
	return "", true
}

// plattOutOfFold fits the Platt map of out-of-fold decision values oof
// (from folds folds) with labels y, refusing a map that is not increasing
// or data too small to fit one (IdentityPlatt and a note saying why).
func plattOutOfFold(oof, y []float64, folds int) (PlattModel, string, error) {
	if note, ok := enoughToCalibrate(y); !ok {
		return IdentityPlatt, note, nil
	}
	// Lin, Lin & Weng's absolute gradient tolerance.
	cal, err := PlattScaling{Tol: 1e-5}.Fit(oof, y, nil)
	if err != nil {
		return IdentityPlatt, "", err
	}
	if !(cal.A < 0) {
		return IdentityPlatt, fmt.Sprintf("not calibrated: the out-of-fold sigmoid was not increasing (A = %.3g) and would reverse the ranking; probabilities are the model's own", cal.A), nil
	}
	return *cal, fmt.Sprintf("cross-fitted Platt on %d out-of-fold scores (%d folds)", len(y), folds), nil
}

// SelectRows returns the rows idx of X and y (a 1-row zero matrix and nil
// for no rows, since a gonum matrix cannot be empty).
func SelectRows(X *mat.Dense, y []float64, idx []int) (*mat.Dense, []float64) {
	_, d := X.Dims()
	sub := mat.NewDense(max(len(idx), 1), d, nil)
	if len(idx) == 0 {
		return sub, nil
	}
	ys := make([]float64, len(idx))
	for k, i := range idx {
		sub.SetRow(k, X.RawRowView(i))
		ys[k] = y[i]
	}
	return sub, ys
}
