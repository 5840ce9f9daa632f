package predict

import (
	"math"
	"runtime"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// naiveEval is the textbook per-row computation the fused kernel must match.
func naiveEval(p *problem, w []float64) (loss float64, g, h []float64) {
	d, D := p.d, p.d+1
	g = make([]float64, D)
	h = make([]float64, D*D)
	for i := 0; i < p.n; i++ {
		x := append(append([]float64(nil), p.x[i*d:i*d+d]...), 1)
		z := 0.0
		for j := range x {
			z += x[j] * w[j]
		}
		s := 1.0
		if p.s != nil {
			s = p.s[i]
		}
		pr := 1 / (1 + math.Exp(-z))
		loss += s * (math.Log1p(math.Exp(z)) - p.y[i]*z)
		for j := range x {
			g[j] += s * (pr - p.y[i]) * x[j]
			for k := range x {
				h[j*D+k] += s * pr * (1 - pr) * x[j] * x[k]
			}
		}
	}
	return
}

func TestEvalMatchesNaive(t *testing.T) {
	X, y, w := logitData(1003, 7, 11)
	raw := X.RawMatrix()
	for _, weighted := range []bool{false, true} {
		p := &problem{x: raw.Data, n: 1003, d: 7, y: y, sumS: 1003}
		if weighted {
			p.s = make([]float64, p.n)
			p.sumS = 0
			for i := range p.s {
				p.s[i] = 0.5 + float64(i%3)
				p.sumS += p.s[i]
			}
		}
		loss, g, h := naiveEval(p, w)
		out := evalOut{grad: make([]float64, 8), hess: make([]float64, 64)}
		var sc scratch
		p.eval(w, &out, 1, &sc)
		assert.InDelta(t, loss, out.loss, 1e-9*loss)
		for j := range g {
			assert.InDelta(t, g[j], out.grad[j], 1e-9, "grad %d", j)
		}
		for j := range h {
			assert.InDelta(t, h[j], out.hess[j], 1e-9, "hess %d", j)
		}
		// sub-sampled Hessian is rescaled to the full weight
		p.eval(w, &out, 3, &sc)
		assert.InDelta(t, h[63], out.hess[63], 0.1*h[63])
	}
}

func TestEvalDeterministicAcrossProcs(t *testing.T) {
	X, y, w := logitData(30000, 9, 5)
	p := &problem{x: X.RawMatrix().Data, n: 30000, d: 9, y: y, sumS: 30000}
	run := func(procs int) evalOut {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		out := evalOut{grad: make([]float64, 10), hess: make([]float64, 100)}
		var sc scratch
		p.eval(w, &out, 1, &sc)
		return out
	}
	a, b := run(1), run(4)
	require.Equal(t, a.loss, b.loss)
	require.Equal(t, a.grad, b.grad)
	require.Equal(t, a.hess, b.hess)
}
