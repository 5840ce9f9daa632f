package predict

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/segmenta/segmenta/internal/errs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// outcomeData draws n rows of d features whose first feature raises the
// odds of label 1; every tenth label is missing (NaN).
func outcomeData(n, d int, seed uint64) (*mat.Dense, []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	X := mat.NewDense(n, d, nil)
	y := make([]float64, n)
	for i := range n {
		for j := range d {
			X.Set(i, j, rng.NormFloat64())
		}
		if rng.Float64() < 1/(1+math.Exp(1.5-2*X.At(i, 0))) {
			y[i] = 1
		}
		if i%10 == 9 {
			y[i] = math.NaN()
		}
	}
	return X, y
}

func outcomeSplit(n int) OutcomeRows {
	var r OutcomeRows
	for i := range n {
		switch i % 10 {
		case 0:
			r.Test = append(r.Test, i)
		case 1:
			r.Calibration = append(r.Calibration, i)
		default:
			r.Train = append(r.Train, i)
		}
	}
	return r
}

// An Outcome learns the signal, skips unlabelled rows, is deterministic,
// and scores bit for bit the same after its model-file round trip.
func TestOutcomeFit(t *testing.T) {
	X, y := outcomeData(3000, 3, 7)
	f := OutcomeFit{Logistic: Logistic{C: 1}, Seed: 2}
	o, err := f.Fit(context.Background(), "churned", X, y, outcomeSplit(3000))
	require.NoError(t, err)
	assert.Greater(t, o.Metrics.ROCAUC, 0.7)
	assert.Equal(t, 300, o.Metrics.Rows, "test rows: the tenth rows, none unlabelled")
	assert.Less(t, o.Calibration.A, 0.0, "an increasing map")
	assert.Contains(t, o.Metrics.Calibration, "cross-fitted")
	again, err := f.Fit(context.Background(), "churned", X, y, outcomeSplit(3000))
	require.NoError(t, err)
	assert.Equal(t, o.Probs(X), again.Probs(X))

	file, err := o.File()
	require.NoError(t, err)
	back, err := file.Outcome("churn")
	require.NoError(t, err)
	assert.Equal(t, o.Probs(X), back.Probs(X))
	assert.Equal(t, o.Metrics, back.Metrics)

	file.Calibration.Method = "isotonic"
	_, err = file.Outcome("churn")
	var ce *errs.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "churn.calibration.method", ce.Column)
	assert.ErrorIs(t, err, ErrCorrupt)
}

// Labels of one class are a label-column problem, not a crash.
func TestOutcomeSingleClass(t *testing.T) {
	X, y := outcomeData(500, 2, 3)
	for i := range y {
		y[i] = 0
	}
	_, err := OutcomeFit{}.Fit(context.Background(), "upsold", X, y, outcomeSplit(500))
	assert.True(t, errors.Is(err, ErrLabelColumn) && errors.Is(err, ErrSingleClass), "got %v", err)
	_, err = EvaluateOutcome("upsold", []float64{0, 0, 0}, []float64{0.1, 0.2, 0.3})
	assert.ErrorIs(t, err, ErrLabelColumn)
}

// An Outcome with no model or two is refused as corrupt, naming the
// label, never a panic; a nil one passes.
func TestOutcomeCheckFeaturesNeedsOneModel(t *testing.T) {
	lr, err := NewLogisticModel([]float64{1, 2, 3}, 0, nil, nil)
	require.NoError(t, err)
	for _, o := range []*Outcome{{Label: "churn"}, {Label: "churn", Logistic: lr, Additive: &AdditiveModel{}}} {
		err := o.CheckFeatures(3)
		require.ErrorIs(t, err, ErrCorrupt)
		require.Contains(t, err.Error(), "exactly one")
		require.Nil(t, o.Decision())
		require.Nil(t, o.Means())
	}
	require.NoError(t, (&Outcome{Label: "churn", Logistic: lr}).CheckFeatures(3))
	require.Error(t, (&Outcome{Label: "churn", Logistic: lr}).CheckFeatures(4))
	require.NoError(t, (*Outcome)(nil).CheckFeatures(3))
}
