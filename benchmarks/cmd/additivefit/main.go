// Command additivefit fits predict.Additive with its defaults on n rows of
// 30 standard normal features whose true log-odds has a threshold, a
// U-shape, an interaction and a line (the other 25 are noise), and prints
// the fit time and the model's structure. Run it under /usr/bin/time to
// read its peak memory:
//
//	go build -o /tmp/additivefit ./benchmarks/cmd/additivefit
//	/usr/bin/time -f '%M KB %e s' /tmp/additivefit -n 500000
package main

import (
	"flag"
	"fmt"
	"log"
	"math"
	"math/rand/v2"
	"time"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/predict"
)

func main() {
	n := flag.Int("n", 500000, "rows")
	flag.Parse()
	const d = 30
	rng := rand.New(rand.NewPCG(1, 2))
	X := mat.NewDense(*n, d, nil)
	y := make([]float64, *n)
	for i := range *n {
		r := X.RawRowView(i)
		for j := range r {
			r[j] = rng.NormFloat64()
		}
		z := -1.5 + 0.8*r[1]*r[1] + 0.5*r[4]
		if r[0] > 1 {
			z += 1.5
		}
		if r[2]*r[3] > 0 {
			z += 1.2
		}
		if rng.Float64() < 1/(1+math.Exp(-z)) {
			y[i] = 1
		}
	}
	start := time.Now()
	m, err := predict.Additive{}.Fit(X, y)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("n=%d: fit %.2f s, %+v\n", *n, time.Since(start).Seconds(), m.Info())
}
