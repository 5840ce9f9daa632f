package predict

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// linearData draws rows whose true log-odds is linear in 6 features.
func linearData(n int, seed uint64) (*mat.Dense, []float64) {
	rng := rand.New(rand.NewPCG(seed, 7))
	w := []float64{0.8, -0.5, 0.3, 0, 0.6, -0.2}
	X := mat.NewDense(n, len(w), nil)
	y := make([]float64, n)
	for i := range n {
		z := -0.4
		for j, wj := range w {
			v := rng.NormFloat64()
			X.Set(i, j, v)
			z += wj * v
		}
		if rng.Float64() < 1/(1+math.Exp(-z)) {
			y[i] = 1
		}
	}
	return X, y
}

// The choice follows the truth: shapes and an interaction earn the
// additive model; a linear truth keeps the linear one.
func TestModelChoiceFollowsTheTruth(t *testing.T) {
	X, y := shapedData(4000, 3)
	ch, err := ModelChoice{Seed: 1}.FitContext(context.Background(), X, y)
	require.NoError(t, err)
	require.NotNil(t, ch.Additive, ch.Choice)
	assert.Nil(t, ch.Linear)
	assert.Less(t, ch.Calibration.A, 0.0, ch.CalibrationNote)
	assert.Contains(t, ch.CalibrationNote, "cross-fitted")
	t.Log(ch.Choice)

	X, y = linearData(4000, 4)
	ch, err = ModelChoice{Seed: 1}.FitContext(context.Background(), X, y)
	require.NoError(t, err)
	require.NotNil(t, ch.Linear, ch.Choice)
	assert.Nil(t, ch.Additive)
	assert.Contains(t, ch.Choice, "kept the linear model")
	t.Log(ch.Choice)

	ch, err = ModelChoice{Seed: 1, LinearOnly: true}.FitContext(context.Background(), X, y)
	require.NoError(t, err)
	assert.NotNil(t, ch.Linear)
	assert.Equal(t, math.Float64bits(ch.Linear.DecisionRow(X.RawRowView(0))), math.Float64bits(ch.Model.DecisionRow(X.RawRowView(0))))
}

// Refit on the rows the model was selected and fitted on gives the same
// model, bit for bit; on other rows it keeps the structure.
func TestAdditiveRefit(t *testing.T) {
	X, y := shapedData(2000, 6)
	m, err := Additive{Seed: 2}.Fit(X, y)
	require.NoError(t, err)
	r, err := m.Refit(context.Background(), X, y)
	require.NoError(t, err)
	for i := range 50 {
		require.Equal(t, math.Float64bits(m.DecisionRow(X.RawRowView(i))), math.Float64bits(r.DecisionRow(X.RawRowView(i))), "row %d", i)
	}
	X2, y2 := shapedData(1500, 7)
	r2, err := m.Refit(context.Background(), X2, y2)
	require.NoError(t, err)
	assert.Equal(t, m.Info().Pairs, r2.Info().Pairs)
	assert.Equal(t, m.Info().Columns, r2.Info().Columns)
	_, err = m.Refit(context.Background(), X2.Slice(0, 10, 0, 3), y2[:10])
	assert.ErrorIs(t, err, ErrDimension)
}

// Contributions of both model kinds add up to the decision value.
func TestDecisionContributionsAddUp(t *testing.T) {
	X, y := shapedData(2000, 8)
	am, err := Additive{Seed: 2}.Fit(X, y)
	require.NoError(t, err)
	lm, err := Logistic{}.Fit(X, y)
	require.NoError(t, err)
	for _, m := range []Decision{am, lm} {
		c := make([]float64, m.NumFeatures())
		for i := range 200 {
			x := X.RawRowView(i)
			s := m.ContributionsInto(c, x)
			for _, v := range c {
				s += v
			}
			require.InDelta(t, m.DecisionRow(x), s, 1e-9, "row %d", i)
		}
	}
}

// The choice is made before the additive model's refit on every row:
// whether it is kept or not, the choice and the kept model are those of
// Additive.Fit on the same sample.
func TestModelChoiceRefitsOnlyAKeptAdditiveModel(t *testing.T) {
	for _, tc := range []struct {
		name string
		data func(int, uint64) (*mat.Dense, []float64)
		kept bool
	}{{"shaped truth", shapedData, true}, {"linear truth", linearData, false}} {
		X, y := tc.data(3000, 5)
		add := Additive{SelectionRows: 1000, Seed: 3, LinearC: 1}
		ch, err := ModelChoice{Seed: 3, Additive: add}.FitContext(context.Background(), X, y)
		require.NoError(t, err, tc.name)
		am, err := add.Fit(X, y)
		require.NoError(t, err, tc.name)
		ok, why := am.BeatsLinear()
		require.Equal(t, tc.kept, ok, why)
		assert.Equal(t, why, ch.Choice, tc.name)
		if !ok {
			assert.Nil(t, ch.Additive, tc.name)
			continue
		}
		require.NotNil(t, ch.Additive, tc.name)
		for i := range 20 {
			assert.Equal(t, math.Float64bits(am.DecisionRow(X.RawRowView(i))), math.Float64bits(ch.Additive.DecisionRow(X.RawRowView(i))), "%s row %d", tc.name, i)
		}
	}
}

// The additive model's calibration scores are out of fold: row i's score
// is that of the chosen structure and C fitted without i's fold (checked
// against Refit on the other folds), and the map fitted on them is the
// one ModelChoice keeps.
func TestAdditiveCalibrationIsOutOfFold(t *testing.T) {
	X, y := shapedData(3000, 9)
	add := Additive{Seed: 4}
	am, err := add.Fit(X, y)
	require.NoError(t, err)
	require.Len(t, am.oof, len(y))
	folds, err := StratifiedKFold(y, 3, 4)
	require.NoError(t, err)
	for f, test := range folds {
		in := make([]bool, len(y))
		for _, i := range test {
			in[i] = true
		}
		var train []int
		for i := range y {
			if !in[i] {
				train = append(train, i)
			}
		}
		Xtr, ytr := SelectRows(X, y, train)
		r, err := am.Refit(context.Background(), Xtr, ytr)
		require.NoError(t, err)
		for _, i := range test[:50] {
			// Warm-started path against a cold fit: equal within the
			// solver tolerance.
			require.InDelta(t, r.DecisionRow(X.RawRowView(i)), am.oof[i], 2e-3, "fold %d row %d", f, i)
		}
	}
	ch, err := ModelChoice{Seed: 4}.FitContext(context.Background(), X, y)
	require.NoError(t, err)
	require.NotNil(t, ch.Additive, ch.Choice)
	want, note, err := plattOutOfFold(am.oof, y, 3)
	require.NoError(t, err)
	assert.Equal(t, want, ch.Calibration)
	assert.Equal(t, note, ch.CalibrationNote)
	assert.Contains(t, note, "3 folds")
}

// AdditiveOnly keeps the additive model where the comparison prefers the
// linear one, saying both; with LinearOnly it is refused.
func TestModelChoiceAdditiveOnly(t *testing.T) {
	X, y := linearData(3000, 4)
	ch, err := ModelChoice{Seed: 1, AdditiveOnly: true}.FitContext(context.Background(), X, y)
	require.NoError(t, err)
	require.NotNil(t, ch.Additive, ch.Choice)
	assert.Nil(t, ch.Linear)
	assert.Contains(t, ch.Choice, "kept the linear model (AdditiveOnly: kept the additive model)")
	assert.Contains(t, ch.CalibrationNote, "cross-fitted")
	_, err = ModelChoice{LinearOnly: true, AdditiveOnly: true}.FitContext(context.Background(), X, y)
	assert.ErrorIs(t, err, ErrConfig)
}

// A linear model kept by the comparison is calibrated on the out-of-fold
// scores of the comparison's own linear cross-validation; fitted alone
// (LinearOnly) it is cross-fitted on every row.
func TestLinearCalibrationReusesTheComparison(t *testing.T) {
	X, y := linearData(3000, 4)
	ch, err := ModelChoice{Seed: 1}.FitContext(context.Background(), X, y)
	require.NoError(t, err)
	require.NotNil(t, ch.Linear, ch.Choice)
	sel, _, err := Additive{Seed: 1, LinearC: 1}.selectModel(context.Background(), X, y)
	require.NoError(t, err)
	require.Len(t, sel.linearOOF, len(y))
	want, note, err := plattOutOfFold(sel.linearOOF, sel.oofY, 3)
	require.NoError(t, err)
	assert.Equal(t, want, ch.Calibration)
	assert.Equal(t, note, ch.CalibrationNote)

	alone, err := ModelChoice{Seed: 1, LinearOnly: true}.FitContext(context.Background(), X, y)
	require.NoError(t, err)
	assert.Contains(t, alone.CalibrationNote, fmt.Sprintf("(%d folds)", CrossFitFolds))
}
