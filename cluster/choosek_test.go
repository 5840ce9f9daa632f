package cluster

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestChooseKFindsTheBlobs(t *testing.T) {
	X, _ := kmBlobs(800, 3, 4, 10, 0.7, 21)
	res, err := ChooseK{KMin: 2, KMax: 8, Seed: 1, NInit: 3}.Fit(X)
	require.NoError(t, err)
	require.Len(t, res.Scores, 7)
	for i := 1; i < len(res.Scores); i++ {
		assert.Less(t, res.Scores[i].Inertia, res.Scores[i-1].Inertia)
	}
	assert.Equal(t, 4, res.BestSilhouette)
	assert.Equal(t, 4, res.BestCalinskiHarabasz)
	assert.Equal(t, 4, res.BestDaviesBouldin)
	assert.Equal(t, 4, res.Elbow)

	_, err = ChooseK{KMin: 1, KMax: 3}.Fit(X)
	assert.ErrorIs(t, err, ErrInvalidK)
	_, err = ChooseK{KMin: 5, KMax: 3}.Fit(X)
	assert.ErrorIs(t, err, ErrInvalidK)
}

func TestElbow(t *testing.T) {
	k, err := Elbow([]int{1, 2, 3, 4, 5, 6}, []float64{100, 50, 20, 17, 15, 14})
	require.NoError(t, err)
	assert.Equal(t, 3, k)
	_, err = Elbow([]int{1, 2}, []float64{2, 1})
	assert.ErrorIs(t, err, ErrConfig)
	_, err = Elbow([]int{1, 2, 3}, []float64{2, 1})
	assert.ErrorIs(t, err, ErrDimension)
	_, err = Elbow([]int{3, 2, 1}, []float64{3, 2, 1})
	assert.ErrorIs(t, err, ErrConfig)
}

func TestStability(t *testing.T) {
	X, _ := kmBlobs(600, 3, 3, 10, 0.5, 22)
	s, err := Stability(X, 3, []uint64{1, 2, 3})
	require.NoError(t, err)
	assert.InDelta(t, 1, s, 1e-12, "separated blobs: every seed finds the same partition")
	// Structureless data split in many parts: partitions depend on the seed.
	U, _ := kmBlobs(600, 2, 1, 0, 1, 23)
	s, err = Stability(U, 12, []uint64{1, 2, 3, 4})
	require.NoError(t, err)
	assert.Less(t, s, 0.9)
	_, err = Stability(X, 3, []uint64{1})
	assert.ErrorIs(t, err, ErrConfig)
}

func TestMetricsBadInput(t *testing.T) {
	X := mat.NewDense(4, 1, []float64{0, 1, 5, 6})
	for name, f := range map[string]func(mat.Matrix, []int) (float64, error){
		"silhouette": Silhouette, "calinski-harabasz": CalinskiHarabasz, "davies-bouldin": DaviesBouldin,
	} {
		_, err := f(X, []int{0, 0, 1})
		assert.ErrorIs(t, err, ErrDimension, name)
		_, err = f(X, []int{0, 0, 0, 0})
		assert.ErrorIs(t, err, ErrLabels, name+": one cluster")
		_, err = f(X, []int{0, 1, 2, 3})
		assert.ErrorIs(t, err, ErrLabels, name+": as many clusters as rows")
		_, err = f(X, []int{0, -1, 1, 1})
		assert.ErrorIs(t, err, ErrLabels, name+": negative label")
		_, err = f(mat.NewDense(4, 1, []float64{0, 1, 2, math.NaN()}), []int{0, 0, 1, 1})
		assert.ErrorIs(t, err, ErrNonFinite, name)
	}
	s, err := Silhouette(X, []int{7, 7, 3, 3})
	require.NoError(t, err)
	// a = 1 for every point; b is the mean distance to the other pair.
	want := ((1 - 1/5.5) + (1 - 1/4.5) + (1 - 1/4.5) + (1 - 1/5.5)) / 4
	assert.InDelta(t, want, s, 1e-15)
	_, err = AdjustedRandIndex([]int{1}, []int{1, 2})
	assert.ErrorIs(t, err, ErrDimension)
	_, err = AdjustedRandIndex(nil, nil)
	assert.ErrorIs(t, err, ErrEmptyInput)
	_, err = SilhouetteSample(X, []int{0, 0, 1, 1}, 1, 0)
	assert.ErrorIs(t, err, ErrConfig)
}

// With stability measured, Best is the most silhouetted k among the
// stable ones: the blobs' k, every seed agreeing.
func TestChooseKStability(t *testing.T) {
	X, _ := kmBlobs(600, 3, 4, 10, 0.7, 21)
	res, err := ChooseK{KMin: 2, KMax: 7, Seed: 1, StabilitySeeds: 4}.Fit(X)
	require.NoError(t, err)
	assert.Equal(t, 4, res.Best)
	assert.Equal(t, DefaultMinStability, res.MinStability)
	assert.InDelta(t, 1, res.Scores[2].Stability, 1e-12, "k = 4")
	// The rule alone: an unstable k with a higher silhouette loses, and
	// with no stable k the most stable one wins.
	scores := []KScore{{K: 2, Silhouette: 0.5, Stability: 0.95}, {K: 3, Silhouette: 0.7, Stability: 0.5}, {K: 4, Silhouette: 0.6, Stability: 0.85}}
	assert.Equal(t, 4, bestStable(scores, 0.8))
	assert.Equal(t, 2, bestStable(scores, 0.99))
	// Without stability, Best is BestSilhouette.
	res, err = ChooseK{KMin: 2, KMax: 5, Seed: 1}.Fit(X)
	require.NoError(t, err)
	assert.Equal(t, res.BestSilhouette, res.Best)
	assert.Zero(t, res.Scores[0].Stability)
}
