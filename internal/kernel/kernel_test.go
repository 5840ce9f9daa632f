package kernel

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// TestSqDist16Kernel: the vector kernel (where the CPU has one) gives sums
// bit-identical to the portable code.
func TestSqDist16Kernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, m := range []int{1, 2, 7, 300} {
		x := make([]float64, 16)
		c := make([]float64, 16*m)
		for i := range x {
			x[i] = rng.NormFloat64() * 1e3
		}
		for i := range c {
			c[i] = rng.NormFloat64()*1e3 + float64(i%5)
		}
		got, want := make([]float64, m), make([]float64, m)
		SqDist16(x, c, got)
		sqDist16Go(x, c, want)
		require.Equal(t, want, got, "m=%d (AVX %v)", m, HasAVX)
	}
}

func TestSqDistsKernel(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for _, d := range []int{4, 8, 12, 20, 32} {
		for _, m := range []int{1, 5, 64} {
			x := make([]float64, d)
			c := make([]float64, d*m)
			for i := range x {
				x[i] = rng.NormFloat64() * 10
			}
			for i := range c {
				c[i] = rng.NormFloat64() * 10
			}
			got, want := make([]float64, m), make([]float64, m)
			SqDists(x, c, got)
			sqDistsGo(x, c, want)
			require.Equal(t, want, got, "d=%d m=%d (AVX %v)", d, m, HasAVX)
		}
	}
}

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
	if !HasFMA {
		t.Skip("no AVX2/FMA")
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := 0; trial < 2000; trial++ {
		kp := 4 * (1 + rng.IntN(20))
		e, cc := make([]float64, kp), make([]float64, kp)
		for j := range e {
			// Few distinct values, so that ties across lanes are common.
			e[j] = float64(rng.IntN(4))
			cc[j] = 2 * float64(rng.IntN(4))
			switch rng.IntN(40) {
			case 0:
				cc[j] = math.Inf(1)
			case 1:
				e[j], cc[j] = 0, math.Copysign(0, -1)
			}
		}
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

// TestDots: the FMA kernels equal a Go chain of math.FMA in coordinate
// order bit for bit, and Dots4 with every coordinate listed equals Dots.
func TestDots(t *testing.T) {
	if !HasFMA {
		t.Skip("no AVX2/FMA")
	}
	rng := rand.New(rand.NewPCG(9, 10))
	for _, kp := range []int{4, 8, 12, 32, 36, 100} {
		for _, d := range []int{1, 3, 16, 61} {
			ct := make([]float64, d*kp)
			for i := range ct {
				ct[i] = rng.NormFloat64()
			}
			x := make([]float64, 4*d)
			for i := range x {
				x[i] = rng.NormFloat64() * 100
			}
			want := make([]float64, 4*kp)
			for r := range 4 {
				for j := range kp {
					s := 0.0
					for p := range d {
						s = math.FMA(x[r*d+p], ct[p*kp+j], s)
					}
					want[r*kp+j] = s
				}
			}
			got := make([]float64, kp)
			for r := range 4 {
				Dots(x[r*d:(r+1)*d], ct, kp, got)
				require.Equal(t, want[r*kp:(r+1)*kp], got, "Dots kp=%d d=%d row %d", kp, d, r)
			}
			co := make([]int, d)
			for p := range co {
				co[p] = p * kp * 8
			}
			got4 := make([]float64, 4*kp)
			Dots4(x, d, co, ct, kp, got4)
			require.Equal(t, want, got4, "Dots4 kp=%d d=%d", kp, d)
			if kp == 8 {
				got8 := make([]float64, 32)
				Dots4x8(x, d, ct, got8)
				require.Equal(t, want, got8, "Dots4x8 d=%d", d)
			}
		}
	}
}
