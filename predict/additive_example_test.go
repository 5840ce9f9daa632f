package predict_test

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/segmenta/segmenta/predict"
	"gonum.org/v1/gonum/mat"
)

// An additive model learns a U-shaped risk that a linear model cannot,
// and explains a score column by column.
func ExampleAdditive() {
	rng := rand.New(rand.NewPCG(1, 1))
	n := 2000
	X := mat.NewDense(n, 2, nil)
	y := make([]float64, n)
	for i := range n {
		tenure, noise := rng.NormFloat64(), rng.NormFloat64()
		X.Set(i, 0, tenure)
		X.Set(i, 1, noise)
		if rng.Float64() < 1/(1+math.Exp(-(-1.5+1.5*tenure*tenure))) {
			y[i] = 1
		}
	}
	m, err := predict.Additive{Seed: 1, FeatureNames: []string{"tenure", "noise"}}.Fit(X, y)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("U-shape:", m.Shape(0, -2) > m.Shape(0, 0) && m.Shape(0, 2) > m.Shape(0, 0))
	c, _ := m.Contributions([]float64{2.5, 0})
	fmt.Println("tenure explains most of the score:", math.Abs(c[0]) > 5*math.Abs(c[1]))
	// Output:
	// U-shape: true
	// tenure explains most of the score: true
}
