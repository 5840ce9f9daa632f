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
