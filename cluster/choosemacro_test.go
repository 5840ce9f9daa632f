package cluster

import (
	"bytes"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// AutoMacro finds the number of well separated segments, each a mixture of
// blobs, and the scan says why: that k is fully stable and its silhouette
// a peak.
func TestMicroMacroAutoFindsSegments(t *testing.T) {
	X, truth := mmSegments(1500, 4, 5, 3, 31)
	m, err := MicroMacro{Micro: 40, Macro: AutoMacro, Seed: 3}.Fit(X)
	require.NoError(t, err)
	c := m.Choice()
	require.NotNil(t, c)
	assert.Equal(t, 5, c.Best)
	assert.Equal(t, 5, m.NumMacro())
	require.Len(t, c.Scores, DefaultMaxMacro-DefaultMinMacro+1)
	assert.InDelta(t, 1, c.Scores[5-DefaultMinMacro].Stability, 1e-12)
	assert.Equal(t, DefaultMinStability, c.MinStability)
	ari, err := AdjustedRandIndex(truth, m.MacroLabels())
	require.NoError(t, err)
	assert.Greater(t, ari, 0.99)
	// The model is the cut of a plain fit with the same seed at that k.
	plain, err := MicroMacro{Micro: 40, Macro: 5, Seed: 3}.Fit(X)
	require.NoError(t, err)
	assert.Equal(t, plain.MacroLabels(), m.MacroLabels())
	// Deterministic.
	again, err := MicroMacro{Micro: 40, Macro: AutoMacro, Seed: 3}.Fit(X)
	require.NoError(t, err)
	assert.Equal(t, c, again.Choice())

	// The rule alone: the finest stable peak, never the last k scanned.
	scores := []KScore{{K: 2, Silhouette: 0.24, Stability: 0.94}, {K: 3, Silhouette: 0.17, Stability: 0.82},
		{K: 4, Silhouette: 0.13, Stability: 0.78}, {K: 5, Silhouette: 0.14, Stability: 0.85},
		{K: 6, Silhouette: 0.148, Stability: 0.84}, {K: 7, Silhouette: 0.127, Stability: 0.73}, {K: 8, Silhouette: 0.13, Stability: 0.9}}
	assert.Equal(t, 6, finestPeak(scores, 0.8))
	scores[4].Stability = 0.7
	assert.Equal(t, 2, finestPeak(scores, 0.8), "6 unstable: the root split")
	assert.Equal(t, 0, finestPeak(scores, 0.99))

	_, err = MicroMacro{Micro: 40, Macro: AutoMacro, MinMacro: 6, MaxMacro: 5}.Fit(X)
	assert.ErrorIs(t, err, ErrConfig)
	_, err = MicroMacro{Micro: 40, Macro: AutoMacro, StabilitySeeds: 1}.Fit(X)
	assert.ErrorIs(t, err, ErrConfig)
	_, err = MicroMacro{Micro: 40, Macro: -2}.Fit(X)
	assert.ErrorIs(t, err, ErrInvalidK)
}

// Segmenting on some columns equals segmenting those columns alone, and the
// model, which takes every column, assigns each row as the subset model
// does, bit for bit, before and after a save and load.
func TestMicroMacroColumns(t *testing.T) {
	S, _ := mmSegments(600, 3, 3, 2, 32)
	rng := rand.New(rand.NewPCG(5, 6))
	X := mat.NewDense(600, 5, nil) // columns 1 and 3 are noise
	cols := []int{0, 2, 4}
	for i := 0; i < 600; i++ {
		X.Set(i, 1, 100*rng.NormFloat64())
		X.Set(i, 3, 100*rng.NormFloat64())
		for p, c := range cols {
			X.Set(i, c, S.At(i, p))
		}
	}
	sub, err := MicroMacro{Micro: 30, Macro: 3, Seed: 2}.Fit(S)
	require.NoError(t, err)
	m, err := MicroMacro{Micro: 30, Macro: 3, Seed: 2, Columns: cols}.Fit(X)
	require.NoError(t, err)
	assert.Equal(t, cols, m.Columns())
	assert.Equal(t, sub.MacroLabels(), m.MacroLabels())
	micro, macro, err := m.Predict(X)
	require.NoError(t, err)
	wantMicro, wantMacro, err := sub.Predict(S)
	require.NoError(t, err)
	assert.Equal(t, wantMicro, micro)
	assert.Equal(t, wantMacro, macro)
	c := m.MicroCentroids()
	for j := 0; j < 30; j++ {
		assert.Zero(t, c.At(j, 1))
		assert.Zero(t, c.At(j, 3))
	}
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	saved := buf.String()
	l, err := LoadMicroMacro(&buf)
	require.NoError(t, err)
	assert.Equal(t, cols, l.Columns())
	_, lmacro, err := l.Predict(X)
	require.NoError(t, err)
	assert.Equal(t, macro, lmacro)

	// A centroid edited outside the columns is refused (the checksum of
	// the k-means part is recomputed by hand elsewhere; here the subset is
	// edited instead, which the centroids then contradict).
	bad := bytes.Replace([]byte(saved), []byte(`"columns":[0,2,4]`), []byte(`"columns":[0,2]`), 1)
	require.NotEqual(t, saved, string(bad))
	_, err = LoadMicroMacro(bytes.NewReader(bad))
	assert.ErrorIs(t, err, ErrCorrupt)

	for _, cs := range [][]int{{}, {2, 1}, {0, 5}, {-1}} {
		_, err = MicroMacro{Micro: 30, Macro: 3, Columns: cs}.Fit(X)
		assert.Error(t, err, "%v", cs)
	}
	// Without Columns, a model has none (and older files load so).
	plain, err := MicroMacro{Micro: 30, Macro: 3, Seed: 2}.Fit(X)
	require.NoError(t, err)
	assert.Nil(t, plain.Columns())
}
