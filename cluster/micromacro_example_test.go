package cluster_test

import (
	"fmt"
	"math/rand/v2"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/cluster"
)

// Three groups of accounts, each spread over a few nearby blobs: 30
// micro-segments from k-means merge, by size-weighted Ward, into 3 macro
// segments that recover the groups.
func ExampleMicroMacro() {
	rng := rand.New(rand.NewPCG(1, 2))
	groups := [][2]float64{{0, 0}, {40, 0}, {0, 40}}
	X := mat.NewDense(3000, 2, nil)
	truth := make([]int, 3000)
	for i := range 3000 {
		g := i % 3
		truth[i] = g
		sub := float64(rng.IntN(3)) * 5 // three blobs per group
		X.Set(i, 0, groups[g][0]+sub+rng.NormFloat64())
		X.Set(i, 1, groups[g][1]+rng.NormFloat64())
	}
	m, err := cluster.MicroMacro{Micro: 30, Macro: 3, Seed: 7}.Fit(X)
	if err != nil {
		fmt.Println(err)
		return
	}
	ari, _ := cluster.AdjustedRandIndex(truth, m.MacroLabels())
	fmt.Printf("%d macro-segments, ARI %.2f\n", m.NumMacro(), ari)
	_, macro, _ := m.Predict(mat.NewDense(2, 2, []float64{41, 1, 1, 39}))
	fmt.Println(macro[0] != macro[1])
	// Output:
	// 3 macro-segments, ARI 1.00
	// true
}

// The number of macro segments chosen (Macro AutoMacro) for three groups
// of overlapping blobs; the scan says why. A third column of noise is left
// out by Columns (the model still takes all three columns). Blobs apart
// from each other would be chosen instead: the rule prefers the finest
// level of structure that is stable.
func ExampleMicroMacro_autoMacro() {
	rng := rand.New(rand.NewPCG(1, 2))
	groups := [][2]float64{{0, 0}, {40, 0}, {0, 40}}
	X := mat.NewDense(3000, 3, nil)
	for i := range 3000 {
		g := i % 3
		X.Set(i, 0, groups[g][0]+float64(rng.IntN(3))*2+rng.NormFloat64())
		X.Set(i, 1, groups[g][1]+rng.NormFloat64())
		X.Set(i, 2, 100*rng.NormFloat64())
	}
	m, err := cluster.MicroMacro{Micro: 30, Macro: cluster.AutoMacro, Seed: 7, Columns: []int{0, 1}}.Fit(X)
	if err != nil {
		fmt.Println(err)
		return
	}
	c := m.Choice()
	fmt.Printf("%d macro-segments: %s\n", m.NumMacro(), c.Why)
	fmt.Println("segmented on columns", m.Columns())
	// Output:
	// 3 macro-segments: the largest k at least 0.80 stable whose silhouette is a peak
	// segmented on columns [0 1]
}
