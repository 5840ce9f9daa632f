package predict

import (
	"fmt"
	"math"
	"math/rand/v2"
	"testing"

	"gonum.org/v1/gonum/mat"
)

// logitData draws n x d standard normal features and labels from a known
// logistic model with coefficients ~ N(0, 0.25) and intercept -1 (the shape
// of the lr500k workload).
func logitData(n, d int, seed uint64) (*mat.Dense, []float64, []float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	x := make([]float64, n*d)
	for i := range x {
		x[i] = rng.NormFloat64()
	}
	w := make([]float64, d+1)
	for j := 0; j < d; j++ {
		w[j] = 0.5 * rng.NormFloat64()
	}
	w[d] = -1
	y := make([]float64, n)
	for i := range y {
		z := w[d] + dot(x[i*d:i*d+d], w[:d])
		if rng.Float64() < 1/(1+math.Exp(-z)) {
			y[i] = 1
		}
	}
	return mat.NewDense(n, d, x), y, w
}

func benchProblem(b *testing.B) (*problem, []float64) {
	X, y, w := logitData(500000, 30, 3)
	raw := X.RawMatrix()
	return &problem{x: raw.Data, n: 500000, d: 30, y: y, sumS: 500000}, w
}

func BenchmarkEvalGrad500k(b *testing.B) {
	p, w := benchProblem(b)
	out := evalOut{grad: make([]float64, 31)}
	var sc scratch
	b.ResetTimer()
	for range b.N {
		p.eval(w, &out, 1, &sc)
	}
}

func BenchmarkEvalGradHess500k(b *testing.B) {
	p, w := benchProblem(b)
	out := evalOut{grad: make([]float64, 31), hess: make([]float64, 31*31)}
	var sc scratch
	b.ResetTimer()
	for range b.N {
		p.eval(w, &out, hessStride(p.n, p.d, 0), &sc)
	}
}

func BenchmarkFit500k(b *testing.B) {
	X, y, _ := logitData(500000, 30, 3)
	b.ResetTimer()
	for range b.N {
		if _, err := (Logistic{}).Fit(X, y); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPredictProba500k measures batch scoring (rows/s are reported).
func BenchmarkPredictProba500k(b *testing.B) {
	X, y, _ := logitData(500000, 30, 3)
	m, err := Logistic{}.Fit(X, y)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for range b.N {
		if _, err := m.PredictProba(X); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)*500000/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkBootstrapROCAUC: the AUC interval of a 100,000-row evaluation,
// as the fit summary computes it (100 of its 1000 rounds).
func BenchmarkBootstrapROCAUC(b *testing.B) {
	rng := rand.New(rand.NewPCG(5, 6))
	n := 100000
	y, p := make([]float64, n), make([]float64, n)
	for i := range y {
		if rng.Float64() < 0.2 {
			y[i] = 1
		}
		p[i] = 0.3*y[i] + 0.7*rng.Float64()
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, _, err := BootstrapInterval(y, p, ROCAUC, 0.95, 100, 1); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAdditiveFit20k: the GA2M's selection and fit on 20,000 rows of
// shapedData widened to 30 columns with noise, the size its
// cross-validation samples by default.
func BenchmarkAdditiveFit20k(b *testing.B) {
	const n, d = 20000, 30
	X7, y := shapedData(n, 4)
	rng := rand.New(rand.NewPCG(4, 4))
	X := mat.NewDense(n, d, nil)
	for i := range n {
		for j := range d {
			v := rng.NormFloat64()
			if j < 7 {
				v = X7.At(i, j)
			}
			X.Set(i, j, v)
		}
	}
	for _, bins := range []int{8, 16} {
		b.Run(fmt.Sprintf("bins=%d", bins), func(b *testing.B) {
			for b.Loop() {
				if _, err := (Additive{Bins: bins}).Fit(X, y); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBlockGram: one chunk of the additive Hessian (30 shapes, two
// pairs, 4096 rows) from block codes.
func BenchmarkBlockGram(b *testing.B) {
	m, x, y, width := additiveDesign(13000, 30, 8, 5)
	z := m.design(x, 13000, width).RawMatrix().Data
	p := &problem{x: z, n: 13000, d: width, y: y, sumS: 13000, blocks: m.blocks()}
	bc := p.blockCodes()
	D := width + 1
	g := make([]float64, D*D)
	t := make([]int32, 4096)
	h := make([]float64, 4096)
	for i := range t {
		t[i] = int32(i)
		h[i] = 0.2
	}
	tab := make([]float64, 10000)
	for b.Loop() {
		bc.gram(p.blocks, t, h, g, D, tab)
	}
	b.ReportMetric(float64(len(p.blocks)*(len(p.blocks)-1)/2*4096)/(b.Elapsed().Seconds()/float64(b.N))/1e9, "Gpairrows/s")
}
