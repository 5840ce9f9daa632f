package segmenta

import (
	"context"
	"fmt"

	"github.com/segmenta/segmenta/predict"
	"gonum.org/v1/gonum/mat"
)

// Cross-fitted calibration settings. Below minCalibRows rows or
// minCalibEvents of either class the map is not fitted at all: a sigmoid
// fitted on a few dozen rows can be steep, flat or reversed by chance.
const (
	calibFolds     = 5
	minCalibRows   = 200
	minCalibEvents = 20
)

// identityCal maps a decision value z to sigmoid(z): the model's own
// probability, used when no calibration can be trusted.
var identityCal = platt{A: -1, B: 0}

// decider fits a model on rows and returns its decision function.
type decider func(ctx context.Context, X *mat.Dense, y []float64) (func(x []float64) float64, error)

// crossFitPlatt fits a Platt map on out-of-fold decision values: each of
// calibFolds stratified folds of the rows is scored by a model fitted on
// the other folds, so every calibration score comes from a model that did
// not see the row (scikit-learn's CalibratedClassifierCV with
// ensemble=False does the same). The map is checked to be increasing (A <
// 0): a map that would reverse the ranking, or too few rows or events, gives
// identityCal and a note saying why.
func crossFitPlatt(ctx context.Context, X *mat.Dense, y []float64, seed uint64, fit decider) (platt, string, error) {
	n := len(y)
	pos := 0
	for _, v := range y {
		if v == 1 {
			pos++
		}
	}
	if n < minCalibRows || pos < minCalibEvents || n-pos < minCalibEvents {
		return identityCal, fmt.Sprintf("not calibrated: %d rows with %d events, need %d rows and %d of each class; probabilities are the model's own", n, pos, minCalibRows, minCalibEvents), nil
	}
	folds, err := predict.StratifiedKFold(y, calibFolds, seed)
	if err != nil {
		return identityCal, "", err
	}
	oof := make([]float64, n)
	for _, test := range folds {
		if err := ctx.Err(); err != nil {
			return identityCal, "", err
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
		Xtr, ytr := subRows(X, y, train)
		decide, err := fit(ctx, Xtr, ytr)
		if err != nil {
			return identityCal, "", err
		}
		for _, i := range test {
			oof[i] = decide(X.RawRowView(i))
		}
	}
	// Lin, Lin & Weng's absolute gradient tolerance.
	cal, err := predict.PlattScaling{Tol: 1e-5}.Fit(oof, y, nil)
	if err != nil {
		return identityCal, "", err
	}
	if !(cal.A < 0) {
		return identityCal, fmt.Sprintf("not calibrated: the out-of-fold sigmoid was not increasing (A = %.3g) and would reverse the ranking; probabilities are the model's own", cal.A), nil
	}
	return *cal, fmt.Sprintf("cross-fitted Platt on %d out-of-fold scores (%d folds)", n, calibFolds), nil
}

// subRows returns the rows idx of X and y.
func subRows(X *mat.Dense, y []float64, idx []int) (*mat.Dense, []float64) {
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
