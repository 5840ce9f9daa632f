package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/segmenta/segmenta/benchmarks/internal/procstat"
	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/predict"
	"gonum.org/v1/gonum/mat"
)

// The workloads of the interleaved harness (benchmarks/peers/harness.py):
// one fit on any file and shape it names, so that every shape the harness
// generates runs through the same code. The merge list of a linkage goes to
// -merges, for the harness to compare with the peer's whole list.
var (
	flagFile    = flag.String("file", "", "kmeans, ward, average, logistic: the CSV file (header; logistic: last column y)")
	flagK       = flag.Int("k", 32, "kmeans: number of clusters")
	flagNInit   = flag.Int("ninit", 1, "kmeans: number of k-means++ initialisations")
	flagMaxIter = flag.Int("maxiter", 300, "kmeans: iteration cap")
	flagSeed    = flag.Uint64("seed", 0, "kmeans, kmseeds: KMeans.Seed")
	flagInit    = flag.String("init", "", "kmeans: start from these K centres (CSV with a header) instead of k-means++")
	flagTol     = flag.Float64("tol", 1e-6, "logistic: Logistic.Tol (a test on the gradient over C*sum(weights))")
	flagMerges  = flag.String("merges", "", "ward, average: write the merge list (scipy's Z layout, CSV) here")
	flagFloat32 = flag.Bool("float32", false, "ward, average: Agglomerative.Float32 (the distance matrix in float32)")
)

// timedFit runs fit after a collection (so the parsing garbage is not
// charged to it) and returns its wall and CPU seconds.
func timedFit(fit func() error) (wall, cpu float64, err error) {
	runtime.GC()
	c0, t0 := procstat.CPUSeconds(), time.Now()
	err = fit()
	return time.Since(t0).Seconds(), procstat.CPUSeconds() - c0, err
}

func kmeansShape(string) (float64, map[string]any, error) {
	X, err := readMatrixCSV(*flagFile)
	if err != nil {
		return 0, nil, err
	}
	km := cluster.KMeans{K: *flagK, Seed: *flagSeed, NInit: *flagNInit, MaxIter: *flagMaxIter, Tol: 1e-4}
	if *flagInit != "" {
		if km.Init, err = readMatrixCSV(*flagInit); err != nil {
			return 0, nil, err
		}
	}
	var m *cluster.KMeansModel
	wall, cpu, err := timedFit(func() (err error) { m, err = km.Fit(X); return err })
	if err != nil {
		return 0, nil, err
	}
	return wall, map[string]any{"cpu_seconds": cpu, "inertia": m.Inertia(), "iters": m.NIter(), "algorithm": m.Algorithm()}, nil
}

// kmSeedsShape times greedy k-means++ alone (KMeans.Seeds), against
// scikit-learn's kmeans_plusplus; quality is the inertia of the seeds.
func kmSeedsShape(string) (float64, map[string]any, error) {
	X, err := readMatrixCSV(*flagFile)
	if err != nil {
		return 0, nil, err
	}
	km := cluster.KMeans{K: *flagK, Seed: *flagSeed}
	var c *mat.Dense
	wall, cpu, err := timedFit(func() (err error) { c, err = km.Seeds(X); return err })
	if err != nil {
		return 0, nil, err
	}
	return wall, map[string]any{"cpu_seconds": cpu, "inertia": inertiaAt(X, c)}, nil
}

// inertiaAt is the k-means objective of the centres c on X, by brute force.
func inertiaAt(X, c *mat.Dense) float64 {
	n, _ := X.Dims()
	k, _ := c.Dims()
	var sum float64
	for i := 0; i < n; i++ {
		best := math.Inf(1)
		for j := 0; j < k; j++ {
			var s float64
			for l, v := range X.RawRowView(i) {
				e := v - c.At(j, l)
				s += e * e
			}
			best = min(best, s)
		}
		sum += best
	}
	return sum
}

func linkageShape(method string) workload {
	return func(string) (float64, map[string]any, error) {
		X, err := readMatrixCSV(*flagFile)
		if err != nil {
			return 0, nil, err
		}
		var tree *cluster.Dendrogram
		wall, cpu, err := timedFit(func() (err error) {
			tree, err = cluster.Agglomerative{Linkage: method, Float32: *flagFloat32}.Fit(X)
			return err
		})
		if err != nil {
			return 0, nil, err
		}
		m := tree.Merges()
		if *flagMerges != "" {
			if err := writeMerges(*flagMerges, m); err != nil {
				return 0, nil, err
			}
		}
		return wall, map[string]any{"cpu_seconds": cpu, "top": m[len(m)-1].Height, "n": tree.N()}, nil
	}
}

func writeMerges(path string, m []cluster.Merge) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	for _, r := range m {
		fmt.Fprintf(f, "%d,%d,%.17g,%g\n", r.A, r.B, r.Height, r.Size)
	}
	return f.Close()
}

func logisticShape(string) (float64, map[string]any, error) {
	X, y, err := readXY(*flagFile)
	if err != nil {
		return 0, nil, err
	}
	var m *predict.LogisticModel
	wall, cpu, err := timedFit(func() (err error) { m, err = predict.Logistic{C: 1, Tol: *flagTol}.Fit(X, y); return err })
	if err != nil {
		return 0, nil, err
	}
	obj, err := m.Objective(X, y)
	if err != nil {
		return 0, nil, err
	}
	info := m.Info()
	return wall, map[string]any{"cpu_seconds": cpu, "objective": obj, "iters": info.Iterations, "solver": info.Solver,
		"optimality": info.GradNorm, "file": filepath.Base(*flagFile)}, nil
}
