package cluster

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestMatchPermutation(t *testing.T) {
	// The same partition under permuted labels, with 5% of rows moved.
	rng := rand.New(rand.NewPCG(3, 4))
	perm := []int{2, 0, 3, 1}
	var prev, cur []int
	for range 2000 {
		p := rng.IntN(4)
		c := perm[p]
		if rng.Float64() < 0.05 {
			c = rng.IntN(4)
		}
		prev, cur = append(prev, p), append(cur, c)
	}
	tab, err := Contingency(cur, prev, nil, 4, 4)
	require.NoError(t, err)
	lm, err := LabelMatcher{}.Match(tab)
	require.NoError(t, err)
	for p, c := range perm {
		require.Equal(t, p, lm.ID[c], "new label %d", c)
	}
	require.Equal(t, 4, lm.NumMatched())
	require.Equal(t, 4, lm.NumIDs)
	kept := 0
	for i := range cur {
		if lm.ID[cur[i]] == prev[i] {
			kept++
		}
	}
	require.InDelta(t, float64(kept)/2000, lm.Kept, 1e-12)
	require.Greater(t, lm.Kept, 0.95)
}

func TestMatchFreshIDs(t *testing.T) {
	// New label 2 splits off previous 0 and 1 without being half of either.
	tab := mat.NewDense(3, 3, []float64{
		80, 0, 30,
		0, 90, 0,
		20, 10, 5,
	})
	lm, err := LabelMatcher{}.Match(tab)
	require.NoError(t, err)
	require.Equal(t, []int{0, 1, 3}, lm.ID)
	require.Equal(t, []bool{true, true, false}, lm.Matched)
	require.Equal(t, 4, lm.NumIDs)
	require.InDelta(t, 170.0/235, lm.Kept, 1e-12)
	// MinShare < 0: every assigned pair matches.
	lm, err = LabelMatcher{MinShare: -1}.Match(tab)
	require.NoError(t, err)
	require.Equal(t, []int{0, 1, 2}, lm.ID)
	// More new segments than previous ones.
	tab = mat.NewDense(3, 2, []float64{0, 50, 40, 0, 10, 10})
	lm, err = LabelMatcher{}.Match(tab)
	require.NoError(t, err)
	require.Equal(t, []int{1, 0, 2}, lm.ID)
	_, err = LabelMatcher{MinShare: 2}.Match(tab)
	require.ErrorIs(t, err, ErrConfig)
}

func TestMatchCentroids(t *testing.T) {
	prev := mat.NewDense(3, 2, []float64{0, 0, 10, 0, 0, 10})
	cur := mat.NewDense(3, 2, []float64{0.5, 9.5, 9, 1, 30, 30})
	lm, err := LabelMatcher{}.MatchCentroids(cur, prev)
	require.NoError(t, err)
	require.Equal(t, []int{2, 1, 3}, lm.ID) // (30, 30) is far from everything
	require.True(t, math.IsNaN(lm.Kept))
	_, err = LabelMatcher{}.MatchCentroids(cur, mat.NewDense(1, 3, nil))
	require.ErrorIs(t, err, ErrDimension)
}

func TestContingencyErrors(t *testing.T) {
	_, err := Contingency([]int{0}, []int{0, 1}, nil, 2, 2)
	require.ErrorIs(t, err, ErrDimension)
	_, err = Contingency([]int{0, 2}, []int{0, 1}, nil, 2, 2)
	require.ErrorIs(t, err, ErrLabels)
	_, err = Contingency([]int{0, 1}, []int{0, 1}, []float64{1, -1}, 2, 2)
	require.ErrorIs(t, err, ErrWeights)
	tab, err := Contingency([]int{0, 1, 1}, []int{1, 1, 0}, []float64{2, 3, 4}, 2, 2)
	require.NoError(t, err)
	require.Equal(t, []float64{0, 2, 4, 3}, tab.RawMatrix().Data)
}

func TestMicroMacroRelabel(t *testing.T) {
	X := mat.NewDense(60, 2, nil)
	rng := rand.New(rand.NewPCG(5, 6))
	for i := range 60 {
		X.Set(i, 0, float64(i%3)*10+rng.NormFloat64())
		X.Set(i, 1, rng.NormFloat64())
	}
	m, err := MicroMacro{Micro: 9, Macro: 3, Seed: 1}.Fit(X)
	require.NoError(t, err)
	ids := []int{4, 0, 2}
	r, err := m.Relabel(ids, 5)
	require.NoError(t, err)
	require.Equal(t, 5, r.NumMacro())
	_, before, err := m.Predict(X)
	require.NoError(t, err)
	_, after, err := r.Predict(X)
	require.NoError(t, err)
	for i := range before {
		require.Equal(t, ids[before[i]], after[i])
	}
	for i, l := range m.MacroLabels() {
		require.Equal(t, ids[l], r.MacroLabels()[i])
	}
	require.Equal(t, 3, m.NumMacro(), "the original is unchanged")
	_, err = m.Relabel([]int{0, 0, 1}, 3)
	require.ErrorIs(t, err, ErrLabels)
	_, err = m.Relabel([]int{0, 1}, 3)
	require.ErrorIs(t, err, ErrLabels)
}
