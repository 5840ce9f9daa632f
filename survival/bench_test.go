package survival

import (
	"math"
	"math/rand/v2"
	"testing"
)

// BenchmarkFit fits a curve of a million accounts (tenures in whole
// months, a third churned).
func BenchmarkFit(b *testing.B) {
	rng := rand.New(rand.NewPCG(7, 8))
	n := 1_000_000
	dur, ev := make([]float64, n), make([]float64, n)
	for i := range n {
		dur[i] = math.Ceil(rng.ExpFloat64() * 24)
		if rng.IntN(3) == 0 {
			ev[i] = 1
		}
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := (KaplanMeier{}).Fit(dur, ev); err != nil {
			b.Fatal(err)
		}
	}
}
