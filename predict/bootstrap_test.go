package predict

import (
	"errors"
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBootstrapInterval(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	n := 400
	y, p := make([]float64, n), make([]float64, n)
	for i := range y {
		if rng.Float64() < 0.3 {
			y[i] = 1
		}
		p[i] = 0.5*y[i] + 0.7*rng.Float64() // informative but noisy
		p[i] = min(p[i], 0.999)
	}
	auc, err := ROCAUC(y, p, nil)
	require.NoError(t, err)
	lo, hi, err := BootstrapInterval(y, p, ROCAUC, 0, 0, 7)
	require.NoError(t, err)
	assert.Less(t, lo, auc)
	assert.Greater(t, hi, auc)
	assert.Less(t, hi-lo, 0.15, "400 rows pin AUC within a few points")
	lo2, hi2, err := BootstrapInterval(y, p, ROCAUC, 0, 0, 7)
	require.NoError(t, err)
	assert.Equal(t, [2]float64{lo, hi}, [2]float64{lo2, hi2}, "same seed, same interval")

	// Fewer rows, a wider interval.
	lo3, hi3, err := BootstrapInterval(y[:60], p[:60], ROCAUC, 0, 0, 7)
	require.NoError(t, err)
	assert.Greater(t, hi3-lo3, hi-lo)

	_, _, err = BootstrapInterval(y, p, ROCAUC, 1.5, 0, 7)
	assert.ErrorIs(t, err, ErrConfig)
}

// The resample by weights gives the interval of the resampled rows
// themselves: exactly for the ranking metrics (integer weights), to
// rounding for the mean ones. Ties and a rare class are included.
func TestBootstrapWeightsEqualResampledRows(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 300
	y, p := make([]float64, n), make([]float64, n)
	for i := range y {
		if rng.Float64() < 0.08 {
			y[i] = 1
		}
		p[i] = float64(rng.IntN(40)+int(20*y[i])) / 60 // many ties
	}
	for _, tc := range []struct {
		name   string
		metric Metric
		tol    float64
	}{{"ROCAUC", ROCAUC, 0}, {"AveragePrecision", AveragePrecision, 0}, {"LogLoss", LogLoss, 1e-14}} {
		lo, hi, err := BootstrapInterval(y, p, tc.metric, 0.9, 200, 11)
		require.NoError(t, err)
		wlo, whi := resampledRowsInterval(t, y, p, tc.metric, 0.9, 200, 11)
		assert.InDelta(t, wlo, lo, tc.tol, tc.name)
		assert.InDelta(t, whi, hi, tc.tol, tc.name)
	}
}

// resampledRowsInterval is the bootstrap written the direct way: each
// resample, drawn from its own stream, copied out and scored without
// weights, one after the other.
func resampledRowsInterval(t *testing.T, y, p []float64, metric Metric, level float64, rounds int, seed uint64) (float64, float64) {
	n := len(y)
	ys, ps := make([]float64, n), make([]float64, n)
	var vals []float64
	for tries := 0; len(vals) < rounds && tries < 2*rounds; tries++ {
		rng := rand.New(rand.NewPCG(seed, 0xb007+uint64(tries)))
		for i := range ys {
			j := rng.IntN(n)
			ys[i], ps[i] = y[j], p[j]
		}
		v, err := metric(ys, ps, nil)
		if errors.Is(err, ErrSingleClass) {
			continue
		}
		require.NoError(t, err)
		vals = append(vals, v)
	}
	slices.Sort(vals)
	a := (1 - level) / 2
	return quantileSorted(vals, a), quantileSorted(vals, 1-a)
}

func TestAveragePrecisionLeadingZeroWeights(t *testing.T) {
	ap, err := AveragePrecision([]float64{0, 1, 0, 1}, []float64{0.9, 0.8, 0.3, 0.2}, []float64{0, 1, 1, 1})
	require.NoError(t, err)
	want, err := AveragePrecision([]float64{1, 0, 1}, []float64{0.8, 0.3, 0.2}, nil)
	require.NoError(t, err)
	assert.Equal(t, want, ap)
}

// A metric that ignores its weights would score every weighted resample as
// the whole sample: refused, not a zero-width interval.
func TestBootstrapRefusesAMetricIgnoringWeights(t *testing.T) {
	y := []float64{0, 1, 0, 1, 1, 0, 0, 1}
	p := []float64{0.95, 0.9, 0.3, 0.6, 0.8, 0.4, 0.2, 0.7} // the top row a negative: dropping it changes every metric
	unweighted := func(y, p, _ []float64) (float64, error) { return ROCAUC(y, p, nil) }
	_, _, err := BootstrapInterval(y, p, unweighted, 0, 50, 1)
	require.ErrorIs(t, err, ErrConfig)
	assert.Contains(t, err.Error(), "honour")
	for _, m := range []Metric{ROCAUC, AveragePrecision, LogLoss, Brier} {
		_, _, err := BootstrapInterval(y, p, m, 0, 50, 1)
		assert.NoError(t, err)
	}
}

// Resamples are drawn in parallel from their own streams: the interval is
// the same under any GOMAXPROCS, and when single-class resamples must be
// redrawn (2 events in 40 rows) it is still that of the direct bootstrap.
func TestBootstrapParallelRedraws(t *testing.T) {
	y, p := make([]float64, 40), make([]float64, 40)
	for i := range y {
		p[i] = float64(i) / 40
	}
	y[10], y[35] = 1, 1
	lo, hi, err := BootstrapInterval(y, p, ROCAUC, 0.9, 300, 5)
	require.NoError(t, err)
	wlo, whi := resampledRowsInterval(t, y, p, ROCAUC, 0.9, 300, 5)
	assert.Equal(t, [2]float64{wlo, whi}, [2]float64{lo, hi})
	prev := runtime.GOMAXPROCS(1)
	lo1, hi1, err := BootstrapInterval(y, p, ROCAUC, 0.9, 300, 5)
	runtime.GOMAXPROCS(prev)
	require.NoError(t, err)
	assert.Equal(t, [2]float64{lo, hi}, [2]float64{lo1, hi1})
}
