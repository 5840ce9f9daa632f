package main

import (
	"io"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/cluster"
)

// kmWorkload fits k-means (k = 32, k-means++, MaxIter 300, Tol 1e-4) on
// DIR/<file>.csv with nInit restarts; only the fit is timed.
func kmWorkload(file string, nInit int) workload {
	return func(dir string) (float64, map[string]any, error) {
		X, err := readMatrixCSV(filepath.Join(dir, file+".csv"))
		if err != nil {
			return 0, nil, err
		}
		km := cluster.KMeans{K: 32, Seed: 0, NInit: nInit, MaxIter: 300, Tol: 1e-4}
		if a := os.Getenv("KMEANS_ALGORITHM"); a != "" {
			km.Algorithm = a
		}
		runtime.GC() // collect the CSV parsing garbage before the clock starts
		t := time.Now()
		m, err := km.Fit(X)
		secs := time.Since(t).Seconds()
		if err != nil {
			return 0, nil, err
		}
		return secs, map[string]any{"inertia": m.Inertia(), "iters": m.NIter(), "algorithm": m.Algorithm(),
			"digest": digest(m.Save, m.Labels())}, nil
	}
}

// blobSource streams n rows of seeded Gaussian blobs (32 centres drawn in
// [-10, 10]^16, std 6: the shape of km100k) in batches, generated on the fly.
type blobSource struct {
	rng     *rand.Rand
	centres [][]float64
	left    int
	batch   int
}

func newBlobSource(n, batch int, seed uint64) *blobSource {
	rng := rand.New(rand.NewPCG(seed, 1))
	c := make([][]float64, 32)
	for j := range c {
		c[j] = make([]float64, 16)
		for p := range c[j] {
			c[j][p] = -10 + 20*rng.Float64()
		}
	}
	return &blobSource{rng: rng, centres: c, left: n, batch: batch}
}

// Next implements cluster.BatchSource.
func (s *blobSource) Next() (*mat.Dense, error) {
	if s.left == 0 {
		return nil, io.EOF
	}
	m := min(s.batch, s.left)
	s.left -= m
	data := make([]float64, m*16)
	for i := 0; i < m; i++ {
		c := s.centres[s.rng.IntN(len(s.centres))]
		for p := 0; p < 16; p++ {
			data[i*16+p] = c[p] + 6*s.rng.NormFloat64()
		}
	}
	return mat.NewDense(m, 16, data), nil
}

// mb10m streams 10,000,000 generated rows through MiniBatchKMeans.FitStream
// (k = 32); the timing includes generating the rows.
func mb10m(string) (float64, map[string]any, error) {
	src := newBlobSource(10_000_000, 4096, 42)
	mb := cluster.MiniBatchKMeans{K: 32, Seed: 0, BatchSize: 4096, MaxNoImprovement: -1} // read all 10M rows
	t := time.Now()
	m, err := mb.FitStream(src)
	secs := time.Since(t).Seconds()
	if err != nil {
		return 0, nil, err
	}
	// Quality on a fresh 100,000-row sample of the same distribution.
	test, _ := newBlobSource(100_000, 100_000, 43).Next()
	lab, err := m.Predict(test)
	if err != nil {
		return 0, nil, err
	}
	var in float64
	cen := m.Centroids()
	for i, l := range lab {
		for p := 0; p < 16; p++ {
			e := test.At(i, p) - cen.At(l, p)
			in += e * e
		}
	}
	return secs, map[string]any{"rows": 10_000_000, "steps": m.NIter(), "sample_inertia_per_row": in / 100_000, "finite": !math.IsNaN(in),
		"digest": digest(m.Save, lab)}, nil
}
