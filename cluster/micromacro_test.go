package cluster

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// mmSegments draws n points from `segs` well separated segments, each a
// mixture of `subs` nearby blobs, and returns them with each point's segment.
func mmSegments(n, d, segs, subs int, seed uint64) (*mat.Dense, []int) {
	rng := rand.New(rand.NewPCG(seed, 11))
	centre := make([]float64, segs*subs*d)
	for s := range segs {
		base := make([]float64, d)
		for j := range base {
			base[j] = rng.Float64()*100 - 50
		}
		for u := range subs {
			for j := range d {
				centre[(s*subs+u)*d+j] = base[j] + 4*rng.NormFloat64()
			}
		}
	}
	X := mat.NewDense(n, d, nil)
	truth := make([]int, n)
	for i := range n {
		b := rng.IntN(segs * subs)
		truth[i] = b / subs
		for j := range d {
			X.Set(i, j, centre[b*d+j]+1.5*rng.NormFloat64())
		}
	}
	return X, truth
}

func TestMicroMacroRecoversSegments(t *testing.T) {
	X, truth := mmSegments(4000, 6, 5, 4, 1)
	m, err := MicroMacro{Micro: 40, Macro: 5, Seed: 3}.Fit(X)
	require.NoError(t, err)
	ari, err := AdjustedRandIndex(truth, m.MacroLabels())
	require.NoError(t, err)
	assert.Greater(t, ari, 0.99)
	assert.Equal(t, 5, m.NumMacro())

	micro, macro := m.MicroLabels(), m.MacroLabels()
	toMacro := m.MicroToMacro()
	sizes := m.MicroSizes()
	count := make([]float64, len(sizes))
	for i, l := range micro {
		require.Equal(t, toMacro[l], macro[i])
		count[l]++
	}
	assert.Equal(t, count, sizes)

	// The macro tree is weighted Ward over the micro centroids.
	tree, err := Agglomerative{Weights: sizes}.Fit(m.MicroCentroids())
	require.NoError(t, err)
	assert.Equal(t, tree.Merges(), m.Dendrogram().Merges())
	assert.Equal(t, 4000.0, tree.Merges()[len(tree.Merges())-1].Size)

	pm, pM, err := m.Predict(X)
	require.NoError(t, err)
	same := 0
	for i := range pm {
		require.Equal(t, toMacro[pm[i]], pM[i])
		if pm[i] == micro[i] {
			same++
		}
	}
	assert.GreaterOrEqual(t, same, 3990) // k-means labels are nearest-centroid labels

	again, err := MicroMacro{Micro: 40, Macro: 5, Seed: 3}.Fit(X)
	require.NoError(t, err)
	assert.Equal(t, macro, again.MacroLabels())

	c := m.MacroCentroids()
	r, _ := c.Dims()
	assert.Equal(t, 5, r)
}

func TestMicroMacroSaveLoad(t *testing.T) {
	X, _ := mmSegments(600, 3, 3, 2, 2)
	m, err := MicroMacro{Micro: 12, Macro: 3, Seed: 1}.Fit(X)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	good := buf.String()
	back, err := LoadMicroMacro(strings.NewReader(good))
	require.NoError(t, err)
	a1, b1, err := m.Predict(X)
	require.NoError(t, err)
	a2, b2, err := back.Predict(X)
	require.NoError(t, err)
	assert.Equal(t, a1, a2)
	assert.Equal(t, b1, b2)
	assert.Nil(t, back.MacroLabels())
	assert.Equal(t, m.Dendrogram().Merges(), back.Dendrogram().Merges())
	for name, bad := range map[string]string{
		"version": strings.Replace(good, `"version":1,"macro"`, `"version":2,"macro"`, 1),
		"map":     strings.Replace(good, `"micro_to_macro":[`, `"micro_to_macro":[7,`, 1),
		"json":    good[:len(good)-10],
	} {
		_, err := LoadMicroMacro(strings.NewReader(bad))
		require.ErrorIs(t, err, ErrModelFormat, name)
	}
}

func TestMicroMacroBadInput(t *testing.T) {
	X, _ := mmSegments(50, 2, 2, 2, 3)
	_, err := MicroMacro{Micro: 5, Macro: 6}.Fit(X)
	require.ErrorIs(t, err, ErrInvalidK)
	_, err = MicroMacro{Micro: 60, Macro: 2}.Fit(X)
	require.ErrorIs(t, err, ErrInvalidK)
	_, err = MicroMacro{Micro: 1, Macro: 1}.Fit(X)
	require.ErrorIs(t, err, ErrInvalidK)
	X.Set(7, 1, math.NaN())
	_, err = MicroMacro{Micro: 5, Macro: 2}.Fit(X)
	require.ErrorIs(t, err, ErrNonFinite)
	m, err := MicroMacro{Micro: 5, Macro: 2}.Fit(mat.NewDense(10, 1, []float64{0, 1, 2, 3, 4, 50, 51, 52, 53, 54}))
	require.NoError(t, err)
	_, _, err = m.Predict(mat.NewDense(2, 3, nil))
	require.ErrorIs(t, err, ErrDimension)
}
