package exactsum

import (
	"math/rand/v2"
	"testing"
)

func benchValues() []float64 {
	rng := rand.New(rand.NewPCG(1, 1))
	xs := make([]float64, 1<<16)
	for i := range xs {
		xs[i] = rng.Float64()
	}
	return xs
}

// BenchmarkAdd: one probability added to an exact sum.
func BenchmarkAdd(b *testing.B) {
	xs := benchValues()
	var a Acc
	for i := 0; b.Loop(); i++ {
		a.Add(xs[i&(len(xs)-1)])
	}
	sink = a.Sum()
}

// BenchmarkNaive: the same with a plain float64 sum, for scale.
func BenchmarkNaive(b *testing.B) {
	xs := benchValues()
	var s float64
	for i := 0; b.Loop(); i++ {
		s += xs[i&(len(xs)-1)]
	}
	sink = s
}

func BenchmarkMerge(b *testing.B) {
	var a, o Acc
	o.AddAll(benchValues())
	for b.Loop() {
		a.Merge(&o)
	}
}

func BenchmarkSum(b *testing.B) {
	var a Acc
	a.AddAll(benchValues())
	for b.Loop() {
		sink = a.Sum()
	}
}

func BenchmarkMean(b *testing.B) {
	var a Acc
	a.AddAll(benchValues())
	for b.Loop() {
		sink = a.Mean(1 << 16)
	}
}

var sink float64
