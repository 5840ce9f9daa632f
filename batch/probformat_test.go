package batch

import (
	"math"
	"math/rand/v2"
	"strconv"
	"testing"
)

// appendProb must write exactly what strconv's shortest formatting writes.
func TestAppendProbShortest(t *testing.T) {
	check := func(p float64) {
		t.Helper()
		got := string(appendProb(nil, p))
		if want := strconv.FormatFloat(p, 'g', -1, 64); got != want {
			t.Fatalf("appendProb(%b = %v) = %q, want %q", math.Float64bits(p), p, got, want)
		}
	}
	// Edges: the fast path's ends, powers of two and ten and their
	// neighbours (uneven rounding intervals), short decimals.
	for _, p := range []float64{0, 1, 1e-3, 0.01, 0.1, 0.5, 0.25, 0.125, 1.0 / 3, 2.0 / 3,
		0.2, 0.3, 0.7, 0.001953125, 0.0009765625, 0.999, 0.9999999999999999, 1e-4, 5e-324, -0.5,
		math.Inf(1), math.SmallestNonzeroFloat64} {
		check(p)
		check(math.Nextafter(p, 0))
		check(math.Nextafter(p, 2))
	}
	for e := -10; e < 0; e++ {
		p := math.Ldexp(1, e)
		check(p)
		check(math.Nextafter(p, 0))
		check(math.Nextafter(p, 1))
	}
	for k := 1; k <= 1000; k++ {
		check(float64(k) / 1000)
		check(float64(k) / 1024)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	n := 2_000_000
	if testing.Short() {
		n = 200_000
	}
	for i := 0; i < n; i++ {
		switch i % 3 {
		case 0: // uniform in value
			check(rng.Float64())
		case 1: // uniform in bit patterns over [1e-3, 1)
			check(math.Float64frombits(math.Float64bits(1e-3) + rng.Uint64N(math.Float64bits(1)-math.Float64bits(1e-3))))
		default: // short decimals, a few ulps off
			p := float64(rng.IntN(1_000_000)) / 1e6
			for j := rng.IntN(3); j > 0; j-- {
				p = math.Nextafter(p, 1)
			}
			check(p)
		}
	}
	if got := appendProb([]byte("x"), math.NaN()); string(got) != "x" {
		t.Fatalf("NaN: %q", got)
	}
}

// benchmarkProbs formats uniform probabilities with format.
func benchmarkProbs(b *testing.B, format func([]byte, float64) []byte) {
	rng := rand.New(rand.NewPCG(3, 4))
	ps := make([]float64, 1024)
	for i := range ps {
		ps[i] = rng.Float64()
	}
	buf := make([]byte, 0, 32)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf = format(buf[:0], ps[i&1023])
	}
}

func BenchmarkAppendProb(b *testing.B) { benchmarkProbs(b, appendProb) }

func BenchmarkAppendProbStrconv(b *testing.B) {
	benchmarkProbs(b, func(buf []byte, p float64) []byte { return strconv.AppendFloat(buf, p, 'g', -1, 64) })
}
