package report

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// exactSum must equal the exact sum (math/big at 2,200 bits, enough for any
// sum of float64s of this size) rounded to nearest even.
func TestExactSumCorrectlyRounded(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	for trial := range 2000 {
		n := 1 + rng.IntN(60)
		var s exactSum
		exact := new(big.Float).SetPrec(2200)
		for range n {
			// Money-like values, with cancellation and wide magnitudes.
			x := math.Round(rng.NormFloat64()*math.Pow(10, float64(rng.IntN(12)))*100) / 100
			if rng.IntN(4) == 0 {
				x = rng.NormFloat64() * math.Pow(2, float64(rng.IntN(80)-40))
			}
			s.add(x)
			exact.Add(exact, new(big.Float).SetFloat64(x))
		}
		want, _ := exact.Float64()
		if got := s.value(); got != want {
			t.Fatalf("trial %d: %.17g, exact %.17g", trial, got, want)
		}
	}
	// A naive left-to-right sum loses the small terms here.
	var s exactSum
	for _, x := range []float64{1e16, 1, 1, 1, 1, -1e16} {
		s.add(x)
	}
	if s.value() != 4 {
		t.Fatalf("1e16 + 4 - 1e16 = %v, want 4", s.value())
	}
}
