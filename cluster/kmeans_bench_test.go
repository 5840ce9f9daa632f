package cluster

import (
	"fmt"
	"sync"
	"testing"

	"gonum.org/v1/gonum/mat"
)

var (
	kmBenchOnce sync.Once
	kmBenchX    *mat.Dense
)

// kmBench100k is shaped like the km100k peer workload: 100,000 x 16, 32
// blobs with centres in [-10, 10]^16 and standard deviation 6.
func kmBench100k() *mat.Dense {
	kmBenchOnce.Do(func() { kmBenchX, _ = kmBlobs(100_000, 16, 32, 10, 6, 42) })
	return kmBenchX
}

// BenchmarkKMeans100k compares the three algorithms on the km100k shape:
//
//	go test -run '^$' -bench KMeans100k ./cluster
//
// The thresholds of AlgorithmAuto come from CPU seconds of Hamerly vs Elkan
// measured on blobs of several shapes (2-core VM, commit 566567a):
// 100,000 x 16, k = 32: 0.35 vs 0.7; 50,000 x 64, k = 32: 0.28 vs 0.52;
// 50,000 x 128, k = 64: 1.46 vs 1.54; 20,000 x 128, k = 256: 2.0 vs 1.7;
// 20,000 x 256, k = 128: 1.9 vs 1.0.
func BenchmarkKMeans100k(b *testing.B) {
	X := kmBench100k()
	for _, algo := range []string{AlgorithmLloyd, AlgorithmHamerly, AlgorithmElkan} {
		b.Run(algo, func(b *testing.B) {
			var it int
			for i := 0; i < b.N; i++ {
				m, err := KMeans{K: 32, Seed: uint64(i), Algorithm: algo}.Fit(X)
				if err != nil {
					b.Fatal(err)
				}
				it += m.NIter()
			}
			b.ReportMetric(float64(it)/float64(b.N), "iters/op")
		})
	}
}

func BenchmarkKMeansPlusPlus100k(b *testing.B) {
	dt, err := kmPrepare(kmBench100k(), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := kmPlusPlus(nil, dt, 32, 5, kmRand(uint64(i), 0)); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkKMeansPredict100k(b *testing.B) {
	X := kmBench100k()
	m, err := KMeans{K: 32, Seed: 1, MaxIter: 5}.Fit(X)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := m.Predict(X); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkMiniBatch100k(b *testing.B) {
	X := kmBench100k()
	for i := 0; i < b.N; i++ {
		if _, err := (MiniBatchKMeans{K: 32, Seed: uint64(i), BatchSize: 4096, MaxIter: 10}).Fit(X); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSilhouette5k(b *testing.B) {
	X := kmBench100k().Slice(0, 5000, 0, 16)
	m, err := KMeans{K: 32, Seed: 1}.Fit(X)
	if err != nil {
		b.Fatal(err)
	}
	lab := m.Labels()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := Silhouette(X, lab); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKMeansTighten times Hamerly with and without the tightening of
// a failed upper bound (kmTightenK), from the same start, on one thread:
//
//	go test -run '^$' -bench KMeansTighten -cpu 1 ./cluster
func BenchmarkKMeansTighten(b *testing.B) {
	X, _ := kmBlobs(50_000, 16, 32, 10, 6, 42)
	defer func(v int) { kmTightenK = v }(kmTightenK)
	for _, k := range []int{8, 32, 64, 100, 200} {
		init, err := KMeans{K: k}.Seeds(X)
		if err != nil {
			b.Fatal(err)
		}
		for _, tighten := range []bool{false, true} {
			b.Run(fmt.Sprintf("k=%d/tighten=%v", k, tighten), func(b *testing.B) {
				kmTightenK = 1 << 30
				if tighten {
					kmTightenK = 0
				}
				for i := 0; i < b.N; i++ {
					if _, err := (KMeans{K: k, Init: init, MaxIter: 100, Algorithm: AlgorithmHamerly}).Fit(X); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
