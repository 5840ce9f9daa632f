package cluster_test

import (
	"fmt"
	"io"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/cluster"
)

func ExampleKMeans() {
	// Two obvious groups of accounts in two features.
	X := mat.NewDense(6, 2, []float64{
		1, 1, 1.5, 2, 1, 1.5,
		8, 8, 8.5, 9, 9, 8,
	})
	m, err := cluster.KMeans{K: 2, Seed: 1}.Fit(X)
	if err != nil {
		fmt.Println(err)
		return
	}
	lab := m.Labels()
	fmt.Println("first three together:", lab[0] == lab[1] && lab[1] == lab[2])
	fmt.Println("groups apart:", lab[0] != lab[3])
	fmt.Printf("inertia: %.4f\n", m.Inertia())
	next, _ := m.Predict(mat.NewDense(1, 2, []float64{7.5, 8.5}))
	fmt.Println("new account joins the second group:", next[0] == lab[3])
	// Output:
	// first three together: true
	// groups apart: true
	// inertia: 1.8333
	// new account joins the second group: true
}

// Refitting next month's accounts from last month's centres keeps segment
// j segment j: the start is given, so no relabelling is needed.
func ExampleKMeans_Init() {
	may := mat.NewDense(6, 2, []float64{
		1, 1, 1.5, 2, 1, 1.5,
		8, 8, 8.5, 9, 9, 8,
	})
	june := mat.NewDense(6, 2, []float64{
		8.2, 8.1, 1.2, 1.1, 9.1, 8.4,
		1.4, 1.8, 8.6, 8.8, 0.9, 1.6,
	})
	m, err := cluster.KMeans{K: 2, Seed: 1}.Fit(may)
	if err != nil {
		fmt.Println(err)
		return
	}
	next, err := cluster.KMeans{K: 2, Init: m.Centroids()}.Fit(june)
	if err != nil {
		fmt.Println(err)
		return
	}
	old, _ := m.Predict(june)
	fmt.Println("same segment numbers:", fmt.Sprint(old) == fmt.Sprint(next.Labels()))
	fmt.Println("iterations:", next.NIter())
	// Output:
	// same segment numbers: true
	// iterations: 2
}

func ExampleAdjustedRandIndex() {
	a := []int{0, 0, 1, 1, 2, 2}
	b := []int{5, 5, 7, 7, 9, 9} // the same partition, other names
	ari, _ := cluster.AdjustedRandIndex(a, b)
	fmt.Println(ari)
	// Output: 1
}

func ExampleChooseK() {
	X := mat.NewDense(9, 1, []float64{0, 0.2, 0.4, 10, 10.2, 10.4, 20, 20.2, 20.4})
	res, err := cluster.ChooseK{KMin: 2, KMax: 5, Seed: 1}.Fit(X)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("best silhouette at k =", res.BestSilhouette)
	fmt.Println("elbow at k =", res.Elbow)
	// Output:
	// best silhouette at k = 3
	// elbow at k = 3
}

// rowSource serves a matrix in batches, as a CSV or database reader would.
type rowSource struct {
	X     *mat.Dense
	batch int
	next  int
}

func (s *rowSource) Next() (*mat.Dense, error) {
	n, d := s.X.Dims()
	if s.next >= n {
		return nil, io.EOF
	}
	hi := min(n, s.next+s.batch)
	b := mat.DenseCopyOf(s.X.Slice(s.next, hi, 0, d))
	s.next = hi
	return b, nil
}

func ExampleMiniBatchKMeans_FitStream() {
	// 2,000 rows alternating between two far-apart groups, read 100 at a time.
	X := mat.NewDense(2000, 2, nil)
	for i := 0; i < 2000; i++ {
		g := float64(10 * (i % 2))
		X.Set(i, 0, g+float64(i%7)/10)
		X.Set(i, 1, g-float64(i%5)/10)
	}
	m, err := cluster.MiniBatchKMeans{K: 2, Seed: 1, BatchSize: 100, MaxNoImprovement: -1}.FitStream(&rowSource{X: X, batch: 100})
	if err != nil {
		fmt.Println(err)
		return
	}
	lab, _ := m.Predict(mat.NewDense(2, 2, []float64{0, 0, 10, 10}))
	fmt.Println("steps:", m.NIter())
	fmt.Println("groups apart:", lab[0] != lab[1])
	// Output:
	// steps: 20
	// groups apart: true
}
