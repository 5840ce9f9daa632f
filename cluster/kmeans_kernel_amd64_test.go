package cluster

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKMeansPureGoKernel runs the portable kernel (what non-amd64 machines
// and CPUs without AVX2/FMA use) and checks it against the assembly one.
func TestKMeansPureGoKernel(t *testing.T) {
	X, truth := kmBlobs(3000, 7, 6, 10, 1, 31)
	fast, err := KMeans{K: 6, Seed: 2}.Fit(X)
	require.NoError(t, err)
	saved := kmFMA
	kmFMA = false
	defer func() { kmFMA = saved }()
	for _, algo := range []string{AlgorithmLloyd, AlgorithmHamerly, AlgorithmElkan} {
		m, err := KMeans{K: 6, Seed: 2, Algorithm: algo}.Fit(X)
		require.NoError(t, err)
		ari, err := AdjustedRandIndex(truth, m.Labels())
		require.NoError(t, err)
		assert.GreaterOrEqual(t, ari, 0.9, algo)
		assert.Equal(t, fast.Labels(), m.Labels(), algo)
		assert.InEpsilon(t, fast.Inertia(), m.Inertia(), 1e-12, algo)
	}
	// Duplicates are still exactly at distance zero.
	_, err = KMeans{K: 3}.Fit(kmDup())
	assert.ErrorIs(t, err, ErrTooFewDistinct)
}
