package cluster

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// hcBlobs returns n seeded points in d dimensions around k centres drawn
// uniformly in [-10, 10]^d with standard deviation std (the shape of the
// ward20k workload), and the centre of each point.
func hcBlobs(n, d, k int, std float64, seed uint64) (*mat.Dense, []int) {
	rng := rand.New(rand.NewPCG(seed, 0x5e9))
	centres := make([]float64, k*d)
	for i := range centres {
		centres[i] = rng.Float64()*20 - 10
	}
	X := mat.NewDense(n, d, nil)
	truth := make([]int, n)
	for i := range n {
		c := rng.IntN(k)
		truth[i] = c
		for j := range d {
			X.Set(i, j, centres[c*d+j]+std*rng.NormFloat64())
		}
	}
	return X, truth
}

func benchmarkLinkage(b *testing.B, method string, n int) {
	X, _ := hcBlobs(n, 16, 32, 6, 7)
	b.ResetTimer()
	for range b.N {
		if _, err := (Agglomerative{Linkage: method}).Fit(X); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWard5k(b *testing.B)    { benchmarkLinkage(b, "ward", 5000) }
func BenchmarkWard20k(b *testing.B)   { benchmarkLinkage(b, "ward", 20000) }
func BenchmarkAverage5k(b *testing.B) { benchmarkLinkage(b, "average", 5000) }
func BenchmarkSingle5k(b *testing.B)  { benchmarkLinkage(b, "single", 5000) }

func BenchmarkAverage20k(b *testing.B) { benchmarkLinkage(b, "average", 20000) }

// BenchmarkWardWidth: Ward on 10,000 points at the widths of the peers
// harness, so that no width is fast only because it is the benchmark's.
func BenchmarkWardWidth(b *testing.B) {
	for _, d := range []int{8, 15, 16, 17, 32, 61} {
		b.Run(fmt.Sprintf("d=%d", d), func(b *testing.B) {
			X, _ := hcBlobs(10000, d, 32, 6, 7)
			b.ResetTimer()
			for range b.N {
				if _, err := (Agglomerative{Linkage: "ward"}).Fit(X); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
