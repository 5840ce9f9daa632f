package cluster_test

import (
	"fmt"

	"github.com/segmenta/segmenta/cluster"
	"gonum.org/v1/gonum/mat"
)

// A refit numbered its segments differently: match them to the previous
// fit's through the accounts they share.
func ExampleLabelMatcher_Match() {
	previous := []int{0, 0, 0, 1, 1, 2, 2, 2}
	refit := []int{1, 1, 1, 2, 2, 0, 0, 2}
	table, _ := cluster.Contingency(refit, previous, nil, 3, 3)
	lm, _ := cluster.LabelMatcher{}.Match(table)
	fmt.Println("refit label -> ID:", lm.ID)
	fmt.Printf("accounts that kept their segment: %.3f\n", lm.Kept)
	// Output:
	// refit label -> ID: [2 0 1]
	// accounts that kept their segment: 0.875
}

func ExampleAssign() {
	cost := mat.NewDense(3, 3, []float64{
		4, 1, 3,
		2, 0, 5,
		3, 2, 2,
	})
	rows, cols, _ := cluster.Assign(cost, false)
	fmt.Println(rows, cols)
	// Output:
	// [0 1 2] [1 0 2]
}
