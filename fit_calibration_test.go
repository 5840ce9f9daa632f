package segmenta

import (
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/predict"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestFitWeakSmallDataKeepsRanking fits the whole model on a small data set
// with a faint signal: the held-out AUC of the calibrated probabilities is
// that of the raw decision values, so calibration cannot turn it below 0.5
// where the model is above.
func TestFitWeakSmallDataKeepsRanking(t *testing.T) {
	tab := smallAccounts(t)
	m, err := Fit(tab, Config{Segments: 3, Seed: 9})
	require.NoError(t, err)
	X, err := m.Pipeline().Transform(tab)
	require.NoError(t, err)
	n, _ := X.Dims()
	z := make([]float64, n)
	p := m.churn.Probs(X)
	for i := range z {
		z[i] = m.churn.Decision().DecisionRow(X.RawRowView(i))
	}
	y, err := dataset.BinaryLabels(tab, "churned")
	require.NoError(t, err)
	aucZ, err := predict.ROCAUC(y, sigmoidAll(z), nil)
	require.NoError(t, err)
	aucP, err := predict.ROCAUC(y, p, nil)
	require.NoError(t, err)
	assert.InDelta(t, aucZ, aucP, 1e-12)
	ev := m.Metrics().Churn
	assert.LessOrEqual(t, ev.ROCAUCLow, ev.ROCAUC)
	assert.GreaterOrEqual(t, ev.ROCAUCHigh, ev.ROCAUC)
	assert.NotEmpty(t, ev.Warning, "60 test rows hold fewer than 50 events")
}

func sum(v []float64) float64 {
	s := 0.0
	for _, x := range v {
		s += x
	}
	return s
}

func sigmoidAll(z []float64) []float64 {
	p := make([]float64, len(z))
	for i, v := range z {
		p[i] = predict.IdentityPlatt.Prob(v)
	}
	return p
}
