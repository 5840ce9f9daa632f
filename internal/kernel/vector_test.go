package kernel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"github.com/stretchr/testify/require"
)

// Every vector kernel against its portable form, bit for bit, at every
// width from 1 to 70 (so every tail length after blocks of 4, 8 and 12),
// with zeros, signed zeros, exact ties and infinities where the callers
// produce them. With the purego tag, or on a CPU without the features, both
// sides are the portable code and the tests check only that it runs.

// portable runs f with the vector kernels switched off.
func portable(f func()) {
	fma, avx := HasFMA, HasAVX
	HasFMA, HasAVX = false, false
	defer func() { HasFMA, HasAVX = fma, avx }()
	f()
}

// testValues fills v with normal values scaled by s, about a tenth of them
// ±0 and a few repeated, as one-hot columns and duplicated rows give.
func testValues(rng *rand.Rand, v []float64, s float64) {
	for i := range v {
		switch rng.IntN(20) {
		case 0:
			v[i] = 0
		case 1:
			v[i] = math.Copysign(0, -1)
		case 2:
			if i > 0 {
				v[i] = v[i-1]
				continue
			}
			fallthrough
		default:
			v[i] = rng.NormFloat64() * s
		}
	}
}

// requireBits fails unless got and want hold the same bits; what names
// the call.
func requireBits(t *testing.T, want, got []float64, what ...any) {
	t.Helper()
	for i := range want {
		if math.Float64bits(want[i]) != math.Float64bits(got[i]) {
			t.Fatalf("%s: [%d] = %v (%#x), portable %v (%#x)", fmt.Sprint(what...), i,
				got[i], math.Float64bits(got[i]), want[i], math.Float64bits(want[i]))
		}
	}
}

func TestSqDistsVectorEqualsPortable(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for d := 1; d <= 70; d++ {
		for _, m := range []int{1, 2, 3, 4, 5, 6, 7, 64} { // every remainder after blocks of 4 rows and of 2
			x := make([]float64, d)
			c := make([]float64, d*m)
			testValues(rng, x, 1e3)
			testValues(rng, c, 1e3)
			copy(c[:d], x) // a distance of exactly zero
			got, want := make([]float64, m), make([]float64, m)
			SqDists(x, c, got)
			portable(func() { SqDists(x, c, want) })
			requireBits(t, want, got, "SqDists d=", d)
			for p := range m {
				require.Equal(t, math.Float64bits(SqDist(x, c[p*d:p*d+d])), math.Float64bits(got[p]), "SqDist d=%d p=%d", d, p)
			}
		}
	}
}

func TestEuclidBlocksVectorEqualsPortable(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 7))
	for d := 1; d <= 70; d++ {
		for _, nb := range []int{1, 3, 4, 5, 7, 8, 9} { // blocks of four blocks and the rest
			n := 4*nb + 1
			data := make([]float64, n*d)
			testValues(rng, data, 100)
			x := data[(n-1)*d:]
			copy(data[2*d:3*d], x) // a distance of exactly zero
			tr := Transpose4(data, n, d)
			got, want := make([]float64, 4*nb), make([]float64, 4*nb)
			EuclidBlocks(x, tr, got)
			portable(func() { EuclidBlocks(x, tr, want) })
			requireBits(t, want, got, "EuclidBlocks d=", d, " blocks=", nb)
			for p := range got {
				require.Equal(t, math.Float64bits(Euclid(x, data[p*d:p*d+d])), math.Float64bits(got[p]), "Euclid d=%d p=%d", d, p)
			}
		}
	}
}

// The k-means kernels, the seeding kernel Dots4x8 included.
func TestDotsVectorEqualsPortable(t *testing.T) {
	rng := rand.New(rand.NewPCG(9, 10))
	for _, kp := range []int{4, 8, 12, 16, 32, 36, 44, 200} {
		for d := 1; d <= 70; d++ {
			ct := make([]float64, d*kp)
			testValues(rng, ct, 1)
			x := make([]float64, 4*d)
			testValues(rng, x, 100)
			got, want := make([]float64, kp), make([]float64, kp)
			for r := range 4 {
				Dots(x[r*d:(r+1)*d], ct, kp, got)
				portable(func() { Dots(x[r*d:(r+1)*d], ct, kp, want) })
				requireBits(t, want, got, "Dots kp=", kp, " d=", d)
			}
			// Dots4 over every coordinate and over a subset.
			co := make([]int, 0, d)
			for p := range d {
				co = append(co, p*kp*8)
			}
			for _, sub := range []bool{false, true} {
				cs, xs := co, x
				if sub {
					cs = nil
					xs = make([]float64, 4*d)
					for p := range d {
						if p%3 != 1 {
							for r := range 4 {
								xs[r*d+len(cs)] = x[r*d+p]
							}
							cs = append(cs, co[p])
						}
					}
				}
				got4, want4 := make([]float64, 4*kp), make([]float64, 4*kp)
				Dots4(xs, d, cs, ct, kp, got4)
				portable(func() { Dots4(xs, d, cs, ct, kp, want4) })
				requireBits(t, want4, got4, "Dots4 kp=", kp, " d=", d)
			}
			if kp == 8 {
				got8, want8 := make([]float64, 32), make([]float64, 32)
				Dots4x8(x, d, ct, got8)
				portable(func() { Dots4x8(x, d, ct, want8) })
				requireBits(t, want8, got8, "Dots4x8 d=", d)
				// ... and the seeding kernel sums as Dots does.
				for r := range 4 {
					Dots(x[r*d:(r+1)*d], ct, 8, got)
					requireBits(t, got[:8], got8[r*8:r*8+8], "Dots4x8 vs Dots d=", d)
				}
			}
		}
	}
}

// RankArgmin and RankArgmin2, with ties, ±0 and +Inf (see rankInputs).
func TestRankArgminVectorEqualsPortable(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 12))
	for trial := range 3000 {
		e, cc := rankInputs(rng, 4*(1+rng.IntN(50)))
		kp := len(e)
		e1, e2 := append([]float64(nil), e...), append([]float64(nil), e...)
		a1 := RankArgmin(e1, cc, kp)
		var a2 int
		portable(func() { a2 = RankArgmin(e2, cc, kp) })
		require.Equal(t, a2, a1, "RankArgmin trial %d", trial)
		requireBits(t, e2, e1, "RankArgmin ranks kp=", kp)
		b1, r1, s1 := RankArgmin2(e, cc, kp)
		var b2 int
		var r2, s2 float64
		portable(func() { b2, r2, s2 = RankArgmin2(e, cc, kp) })
		require.Equal(t, b2, b1, "RankArgmin2 trial %d", trial)
		requireBits(t, []float64{r2, s2}, []float64{r1, s1}, "RankArgmin2 kp=", kp)
	}
}
