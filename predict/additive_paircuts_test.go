package predict

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// The cumulative sums give cellGain's figure for any cuts: the same cells
// binned row by row.
func TestFineGridGainIsCellGain(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	n := 5000
	vj, vk, r, h := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		vj[i], vk[i] = rng.NormFloat64(), math.Round(10*rng.Float64())
		p := 1 / (1 + math.Exp(-vj[i]*vk[i]/10))
		y := b2f(rng.Float64() < p)
		r[i], h[i] = y-0.5, 0.25
	}
	candJ, candK := quantileEdges(sorted(vj), 16), quantileEdges(sorted(vk), 16)
	g := newFineGrid(vj, vk, candJ, candK, r, h)
	for _, c := range []struct{ bj, bk []int }{
		{[]int{0, 3, g.fj}, []int{0, 5, g.fk}},
		{[]int{0, 1, 7, 12, g.fj}, []int{0, 2, g.fk}},
		{[]int{0, g.fj}, []int{0, 1, 4, 9, g.fk}},
	} {
		cj, ck := edgesAt(candJ, c.bj), edgesAt(candK, c.bk)
		bj, bk := make([]uint8, n), make([]uint8, n)
		for i := range n {
			bj[i], bk[i] = uint8(binOf(cj, vj[i])), uint8(binOf(ck, vk[i]))
		}
		want := cellGain(bj, bk, len(cj)+1, len(ck)+1, r, h)
		got := g.gain(c.bj, c.bk)
		if want == 0 { // cellGain clamps at 0
			got = max(got, 0)
		}
		assert.InDelta(t, want, got, 1e-9*max(1, want), "cuts %v %v", cj, ck)
	}
}

func sorted(v []float64) []float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s
}

// An AND of two thresholds away from the quartiles: the pair is cut at the
// thresholds, once per feature, where quartile cells would straddle them.
func TestAdditivePairCutsAtThresholds(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	n := 20000
	X := mat.NewDense(n, 3, nil)
	y := make([]float64, n)
	for i := range n {
		a, b := rng.NormFloat64(), rng.NormFloat64()
		X.Set(i, 0, a)
		X.Set(i, 1, b)
		X.Set(i, 2, rng.NormFloat64())
		z := -1 + 0.3*a + 0.3*b + 1.2*b2f(a > 0.5 && b > -0.9)
		y[i] = b2f(rng.Float64() < 1/(1+math.Exp(-z)))
	}
	am, err := Additive{Seed: 1}.Fit(X, y)
	require.NoError(t, err)
	in := am.Info()
	require.Equal(t, [][2]string{{"x0", "x1"}}, in.Pairs)
	cuts := in.PairCuts[0]
	require.Len(t, cuts[0], 1, "cuts %v", cuts[0])
	require.Len(t, cuts[1], 1, "cuts %v", cuts[1])
	assert.InDelta(t, 0.5, cuts[0][0], 0.1)
	assert.InDelta(t, -0.9, cuts[1][0], 0.1)
	p := am.pairs[0]
	// The cell above both thresholds holds the interaction.
	w := am.coef[p.Offset : p.Offset+4]
	assert.Greater(t, w[3]-w[2]-w[1]+w[0], 0.8)
}

// Without tests the search makes every cut it is allowed; with them, noise
// gets no cut beyond the first pair of cuts.
func TestPairCutsStopsAtNoise(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 8))
	n := 20000
	vj, vk, r, h := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	for i := range n {
		vj[i], vk[i] = rng.NormFloat64(), rng.NormFloat64()
		r[i], h[i] = b2f(rng.Float64() < 0.3)-0.3, 0.21
	}
	candJ, candK := quantileEdges(sorted(vj), pairCutBins), quantileEdges(sorted(vk), pairCutBins)
	cj, ck := pairCuts(vj, vk, candJ, candK, r, h, 3, 0.05)
	assert.LessOrEqual(t, len(cj), 1)
	assert.LessOrEqual(t, len(ck), 1)
	cj, ck = pairCuts(vj, vk, candJ, candK, r, h, 3, -1)
	assert.Len(t, cj, 3)
	assert.Len(t, ck, 3)
	assert.True(t, slices.IsSorted(cj) && slices.IsSorted(ck))
}

func TestPairsText(t *testing.T) {
	assert.Equal(t, "no pairs", pairsText(AdditiveInfo{}))
	in := AdditiveInfo{Pairs: [][2]string{{"seats", "discount_pct"}}}
	assert.Equal(t, "1 pair: seats x discount_pct", pairsText(in))
	in.Pairs = append(in.Pairs, [2]string{"mrr", "z"})
	assert.Equal(t, "2 pairs: seats x discount_pct, mrr x z", pairsText(in))
}
