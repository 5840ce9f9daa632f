package predict

import (
	"math/rand/v2"
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
