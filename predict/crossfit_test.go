package predict

import (
	"context"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// TestCalibrationNeverReversesRanking draws many small, weak data sets (a
// few hundred rows, a signal as faint as noise) and checks that the
// cross-fitted calibration is always an increasing map: the calibrated
// probabilities rank the accounts exactly as the decision values do.
func TestCalibrationNeverReversesRanking(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 40 {
		n := 60 + rng.IntN(400)
		d := 1 + rng.IntN(4)
		signal := rng.Float64() * 0.3 // often nothing to learn
		X := mat.NewDense(n, d, nil)
		y := make([]float64, n)
		rate := 0.05 + 0.4*rng.Float64()
		for i := range n {
			for j := range d {
				X.Set(i, j, rng.NormFloat64())
			}
			if rng.Float64() < rate+signal*X.At(i, 0) {
				y[i] = 1
			}
		}
		if pos := sumOf(y); pos < 2 || pos > float64(n-2) {
			continue
		}
		fit := func(ctx context.Context, X *mat.Dense, y []float64) (func([]float64) float64, error) {
			m, err := Logistic{}.FitContext(ctx, X, y)
			if err != nil {
				return nil, err
			}
			return m.DecisionRow, nil
		}
		cal, note, err := CrossFitPlatt(context.Background(), X, y, uint64(trial), fit)
		if err != nil {
			// Folds need a few rows of each class; a refusal is an error, not a reversal.
			assert.ErrorIs(t, err, ErrSingleClass)
			continue
		}
		assert.NotEmpty(t, note)
		require.Less(t, cal.A, 0.0, "trial %d: the map must increase (%s)", trial, note)
		if n < CrossFitMinRows {
			assert.Equal(t, IdentityPlatt, cal, "never fitted on a few dozen rows")
		}
		for z := -5.0; z < 5; z += 0.5 {
			assert.Less(t, cal.Prob(z), cal.Prob(z+0.5)+1e-300)
		}
	}
}

func sumOf(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}
