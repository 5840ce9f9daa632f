package main

import (
	"math/rand/v2"
	"path/filepath"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/cluster"
)

// hcWorkload fits Agglomerative with the given linkage on DIR/<file>.csv;
// only the fit is timed. ward20k.csv comes from ../shared/peers/peers.py,
// ward100k.csv from benchmarks/peers/ward100k.py.
func hcWorkload(file, linkage string) workload {
	return func(dir string) (float64, map[string]any, error) {
		X, err := readMatrixCSV(filepath.Join(dir, file+".csv"))
		if err != nil {
			return 0, nil, err
		}
		t := time.Now()
		tree, err := cluster.Agglomerative{Linkage: linkage}.Fit(X)
		secs := time.Since(t).Seconds()
		if err != nil {
			return 0, nil, err
		}
		m := tree.Merges()
		return secs, map[string]any{"top": m[len(m)-1].Height, "n": tree.N(), "linkage": tree.Method(),
			"digest": digest(tree.Save)}, nil
	}
}

// micromacro1m segments 1,000,000 synthetic accounts (16 features, 8 known
// segments of unequal shares, each a mixture of 6 sub-blobs, generated here
// from a fixed seed) with MicroMacro{Micro: 200, Macro: 8}; only the fit is
// timed (with MiniBatchKMeans for the micro step in micromacro1m.minibatch).
// Quality: adjusted Rand index of the macro labels against the known segments.
func micromacro1m(miniBatch bool) workload {
	return func(string) (float64, map[string]any, error) {
		return hcMicroMacro(1_000_000, miniBatch)
	}
}

func hcMicroMacro(n int, miniBatch bool) (float64, map[string]any, error) {
	X, truth := hcSegments(n, 16, 7)
	t := time.Now()
	m, err := cluster.MicroMacro{Micro: 200, Macro: 8, Seed: 1, MiniBatch: miniBatch}.Fit(X)
	secs := time.Since(t).Seconds()
	if err != nil {
		return 0, nil, err
	}
	ari, err := cluster.AdjustedRandIndex(truth, m.MacroLabels())
	if err != nil {
		return 0, nil, err
	}
	merges := m.Dendrogram().Merges()
	return secs, map[string]any{"ari": ari, "macro": m.NumMacro(), "micro": len(m.MicroSizes()), "top": merges[len(merges)-1].Height,
		"digest": digest(m.Save, m.MicroLabels(), m.MacroLabels())}, nil
}

// hcSegments draws n accounts from 8 segments with shares 25/20/15/12/10/8/6/4%;
// segment centres are uniform in [-10, 10]^d, each segment is a mixture of 6
// sub-blobs (offsets with standard deviation 3.5 per feature) and accounts
// scatter around their sub-blob with standard deviation 3.5, so segments
// overlap a little.
func hcSegments(n, d int, seed uint64) (*mat.Dense, []int) {
	shares := []float64{0.25, 0.20, 0.15, 0.12, 0.10, 0.08, 0.06, 0.04}
	const subs = 6
	rng := rand.New(rand.NewPCG(seed, 0x6d6d))
	centre := make([]float64, len(shares)*subs*d)
	for s := range shares {
		base := make([]float64, d)
		for j := range base {
			base[j] = rng.Float64()*20 - 10
		}
		for u := range subs {
			for j := range d {
				centre[(s*subs+u)*d+j] = base[j] + 3.5*rng.NormFloat64()
			}
		}
	}
	data := make([]float64, n*d)
	truth := make([]int, n)
	for i := range n {
		u, s := rng.Float64(), 0
		for s < len(shares)-1 && u >= shares[s] {
			u -= shares[s]
			s++
		}
		b := s*subs + rng.IntN(subs)
		truth[i] = s
		for j := range d {
			data[i*d+j] = centre[b*d+j] + 3.5*rng.NormFloat64()
		}
	}
	return mat.NewDense(n, d, data), truth
}
