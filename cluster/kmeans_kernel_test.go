package cluster

import (
	"math/rand/v2"
	"testing"

	"github.com/segmenta/segmenta/internal/kernel"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestKMeansPureGoKernel runs the portable kernel (what non-amd64 machines
// and CPUs without AVX2/FMA use) and checks it against the assembly one.
// The kernels themselves are tested in internal/kernel.
func TestKMeansPureGoKernel(t *testing.T) {
	X, truth := kmBlobs(3000, 7, 6, 10, 1, 31)
	fast, err := KMeans{K: 6, Seed: 2}.Fit(X)
	require.NoError(t, err)
	saved, savedK := kmFMA, kernel.HasFMA
	kmFMA, kernel.HasFMA = false, false
	defer func() { kmFMA, kernel.HasFMA = saved, savedK }()
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

// TestKMeansKernelRows4 checks the four-row kernel against the one-row one,
// bit for bit, for centre counts that exercise both block sizes and every
// dimension up to 70, including exact ties (duplicated centres).
func TestKMeansKernelRows4(t *testing.T) {
	if !kmFMA {
		t.Skip("no AVX2/FMA")
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, k := range []int{1, 2, 3, 4, 5, 11, 12, 13, 24, 25, 37, 200} {
		for _, d := range []int{1, 2, 3, 7, 16, 61, 70} {
			c := make([]float64, k*d)
			for i := range c {
				c[i] = rng.NormFloat64()
			}
			if k > 3 {
				copy(c[(k-1)*d:], c[d:2*d]) // a tie: centres 1 and k-1
			}
			ct := newKMCentresT(k, d)
			ct.set(c)
			n := 4*5 + 3
			x := make([]float64, n*d)
			for i := range x {
				x[i] = rng.NormFloat64()
			}
			// Zeros, as one-hot columns give: some coordinates zero in all
			// four rows of a block, some in a few.
			for i := range x {
				if rng.IntN(3) == 0 {
					x[i] = 0
				}
			}
			for i := 0; i < n; i++ {
				x[i*d] = 0
			}
			if k >= 2 {
				copy(x[2*d:3*d], c[d:2*d]) // a point on a centre
			}
			got := make([]int, n)
			kmNearestRows(x, d, ct, got, newKMRowsBuf(ct))
			buf := make([]float64, ct.kp)
			dots := make([]float64, 4*ct.kp)
			co := make([]int, d)
			for p := range co {
				co[p] = p * ct.kp * 8
			}
			for i := 0; i+4 <= n; i += 4 {
				kernel.Dots4(x[i*d:(i+4)*d], d, co, ct.ct, ct.kp, dots)
				for r := 0; r < 4; r++ {
					kmDots(x[(i+r)*d:(i+r+1)*d], ct, buf)
					require.Equal(t, buf, dots[r*ct.kp:(r+1)*ct.kp], "k=%d d=%d row %d", k, d, i+r)
				}
			}
			for i := 0; i < n; i++ {
				want, _, _ := kmNearest2(x[i*d:(i+1)*d], kmNorm(x[i*d:(i+1)*d]), ct, buf)
				require.Equal(t, want, got[i], "k=%d d=%d row %d", k, d, i)
			}
			if k > 3 {
				assert.Equal(t, 1, got[2], "k=%d d=%d: the tie goes to the lower index", k, d)
			}
		}
	}
}
