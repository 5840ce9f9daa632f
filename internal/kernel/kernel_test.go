package kernel

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestEuclidBlocks: the blocked (vector) distances equal Euclid bit for
// bit, so the condensed matrix does not depend on the
func TestEuclidBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, d := range []int{1, 3, 16} {
		n := 13
		data := make([]float64, n*d)
		for i := range data {
			data[i] = rng.NormFloat64() * 100
		}
		tr := Transpose4(data, n, d)
		x := data[5*d : 6*d]
		out := make([]float64, 12)
		EuclidBlocks(x, tr, out)
		for j := range 12 {
			require.Equal(t, Euclid(x, data[j*d:j*d+d]), out[j], "d=%d j=%d", d, j)
		}
	}
}

// The fused rank-and-argmin must pick the lowest index of the minimum, as the
// scan for the first equal value it replaces, including ties of ±0 and +Inf.
func TestRankArgmin(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 2000; trial++ {
		e, cc := rankInputs(rng, 4*(1+rng.IntN(20)))
		kp := len(e)
		want := make([]float64, kp)
		for j := range want {
			want[j] = cc[j] - 2*e[j]
		}
		wj := 0
		for j, v := range want {
			if v < want[wj] {
				wj = j
			}
		}
		got := RankArgmin(e, cc, kp)
		if got != wj {
			t.Fatalf("trial %d kp %d: argmin %d, want %d (%v)", trial, kp, got, wj, want)
		}
		for j := range want {
			if math.Float64bits(e[j]) != math.Float64bits(want[j]) {
				t.Fatalf("trial %d: e[%d] = %v, want %v", trial, j, e[j], want[j])
			}
		}
	}
}

// RankArgmin2 gives what a scan of the ranks gives: the first smallest, its
// value and the smallest of the others, ties included, and leaves e alone.
func TestRankArgmin2(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for trial := 0; trial < 2000; trial++ {
		e, cc := rankInputs(rng, 4*(1+rng.IntN(20)))
		kp := len(e)
		before := append([]float64(nil), e...)
		best, r1, r2 := RankArgmin2(e, cc, kp)
		require.Equal(t, before, e, "e unchanged")
		wj, w1, w2 := 0, math.Inf(1), math.Inf(1)
		for j := range kp {
			if r := cc[j] - 2*e[j]; r < w1 {
				wj, w1 = j, r
			}
		}
		for j := range kp {
			if r := cc[j] - 2*e[j]; j != wj && r < w2 {
				w2 = r
			}
		}
		if best != wj || r1 != w1 || r2 != w2 {
			t.Fatalf("trial %d kp %d: (%d, %v, %v), want (%d, %v, %v)", trial, kp, best, r1, r2, wj, w1, w2)
		}
	}
}

// rankInputs returns kp ranks e and norms cc with few distinct values, so
// that ties across lanes are common, and ±0 and +Inf (padding) among them.
func rankInputs(rng *rand.Rand, kp int) (e, cc []float64) {
	e, cc = make([]float64, kp), make([]float64, kp)
	for j := range e {
		e[j] = float64(rng.IntN(4))
		cc[j] = 2 * float64(rng.IntN(4))
		switch rng.IntN(40) {
		case 0:
			cc[j] = math.Inf(1)
		case 1:
			e[j], cc[j] = 0, math.Copysign(0, -1)
		}
	}
	return e, cc
}
