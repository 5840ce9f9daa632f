package drift

import (
	"math"
	"math/rand/v2"
	"testing"
)

// intervalBin, branch-free up to 16 edges and a binary search beyond,
// counts the edges below x, for values between, on and beyond the edges.
func TestIntervalBin(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for n := range 40 {
		edges := make([]float64, n)
		x := -10.0
		for i := range edges {
			x += 0.5 + rng.Float64()
			edges[i] = math.Round(x)
			if i > 0 && edges[i] <= edges[i-1] {
				edges[i] = edges[i-1] + 1
			}
		}
		for _, v := range []float64{-100, math.Inf(-1), math.Inf(1), 0, 3, 7.5, 40, 1e9} {
			want := 0
			for _, e := range edges {
				if v > e {
					want++
				}
			}
			if got := intervalBin(edges, v); got != want {
				t.Fatalf("%d edges %v, x %v: bin %d, want %d", n, edges, v, got, want)
			}
		}
		for _, e := range edges {
			if got, want := intervalBin(edges, e), intervalBin(edges, math.Nextafter(e, math.Inf(-1))); got != want {
				t.Fatalf("an edge falls in the bin it closes: %v gives %d, just below %d", e, got, want)
			}
		}
	}
}
