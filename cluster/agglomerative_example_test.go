package cluster_test

import (
	"fmt"
	"os"
	"strings"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/cluster"
)

// Ward linkage of six points on a line, cut into two and three clusters;
// the same figures as scipy's linkage, fcluster(Z, k, "maxclust") - 1 and
// leaves_list.
func ExampleAgglomerative() {
	X := mat.NewDense(6, 1, []float64{0, 1, 2, 10, 11, 30})
	tree, err := cluster.Agglomerative{Linkage: "ward"}.Fit(X)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, m := range tree.Merges() {
		fmt.Printf("%d+%d at %.3f (%g points)\n", m.A, m.B, m.Height, m.Size)
	}
	two, _ := tree.CutK(2)
	three, _ := tree.CutK(3)
	fmt.Println(two, three, tree.LeafOrder())
	// Output:
	// 0+1 at 1.000 (2 points)
	// 3+4 at 1.000 (2 points)
	// 2+6 at 1.732 (3 points)
	// 7+8 at 14.717 (5 points)
	// 5+9 at 32.533 (6 points)
	// [0 0 0 0 0 1] [1 1 1 0 0 2] [5 3 4 2 0 1]
}

// Average linkage with the distance matrix in float32 (half the memory):
// the same merges as in float64, heights to about seven digits.
func ExampleAgglomerative_float32() {
	X := mat.NewDense(5, 2, []float64{0, 0, 0, 1.1, 3, 0, 3, 1.3, 10, 10})
	for _, f32 := range []bool{false, true} {
		tree, err := cluster.Agglomerative{Linkage: "average", Float32: f32}.Fit(X)
		if err != nil {
			fmt.Println(err)
			return
		}
		var line []string
		for _, m := range tree.Merges() {
			line = append(line, fmt.Sprintf("%d+%d at %.6f", m.A, m.B, m.Height))
		}
		fmt.Println(strings.Join(line, ", "))
	}
	// Output:
	// 0+1 at 1.100000, 2+3 at 1.300000, 5+6 at 3.117881, 4+7 at 12.725523
	// 0+1 at 1.100000, 2+3 at 1.300000, 5+6 at 3.117881, 4+7 at 12.725523
}

// The linkage matrix goes to Python as CSV:
// scipy.cluster.hierarchy.dendrogram(np.loadtxt(path, delimiter=",", skiprows=1)).
func ExampleDendrogram_WriteLinkageCSV() {
	X := mat.NewDense(4, 2, []float64{0, 0, 0, 1, 4, 0, 4, 2})
	tree, _ := cluster.Agglomerative{Linkage: "average"}.Fit(X)
	tree.WriteLinkageCSV(os.Stdout)
	// Output:
	// a,b,height,size
	// 0,1,1,2
	// 2,3,2,2
	// 4,5,4.1795868015587256,4
}
