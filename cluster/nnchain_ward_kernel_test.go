package cluster

import (
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
		hcSqDist16(x, c, got)
		hcSqDist16Go(x, c, want)
		require.Equal(t, want, got, "m=%d (AVX %v)", m, hcAVX)
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
			hcSqDists(x, c, got)
			hcSqDistsGo(x, c, want)
			require.Equal(t, want, got, "d=%d m=%d (AVX %v)", d, m, hcAVX)
		}
	}
}

// TestEuclidBlocks: the blocked (vector) distances equal hcEuclid bit for
// bit, so the condensed matrix does not depend on the kernel.
func TestEuclidBlocks(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	for _, d := range []int{1, 3, 16} {
		n := 13
		data := make([]float64, n*d)
		for i := range data {
			data[i] = rng.NormFloat64() * 100
		}
		tr := hcTranspose4(data, n, d)
		x := data[5*d : 6*d]
		out := make([]float64, 12)
		hcEuclidBlocks(x, tr, out)
		for j := range 12 {
			require.Equal(t, hcEuclid(x, data[j*d:j*d+d]), out[j], "d=%d j=%d", d, j)
		}
	}
}
