package cluster

import (
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"
)

// kmBlobs returns n rows of k Gaussian blobs in d dimensions (centres drawn
// in [-span, span]^d, standard deviation std) and the true blob of each row.
func kmBlobs(n, d, k int, span, std float64, seed uint64) (*mat.Dense, []int) {
	rng := rand.New(rand.NewPCG(seed, 99))
	c := make([]float64, k*d)
	for p := range c {
		c[p] = span * (2*rng.Float64() - 1)
	}
	x := make([]float64, n*d)
	truth := make([]int, n)
	for i := 0; i < n; i++ {
		j := i % k
		truth[i] = j
		for p := 0; p < d; p++ {
			x[i*d+p] = c[j*d+p] + std*rng.NormFloat64()
		}
	}
	return mat.NewDense(n, d, x), truth
}
