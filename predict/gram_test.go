package predict

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"testing"
)

// additiveDesign builds the design of an additive model with shapes on d
// random columns (some two-valued, some with ties) and two pairs.
func additiveDesign(n, d, bins int, seed uint64) (*AdditiveModel, []float64, []float64, int) {
	rng := rand.New(rand.NewPCG(seed, 7))
	x := make([]float64, n*d)
	for i := range n {
		for j := range d {
			switch j % 3 {
			case 0:
				x[i*d+j] = rng.NormFloat64()
			case 1:
				x[i*d+j] = float64(rng.IntN(2)) // two values: linear only
			default:
				x[i*d+j] = float64(rng.IntN(5)) // ties
			}
		}
	}
	m := &AdditiveModel{}
	width := 0
	cols := columns(x, n, d)
	for j := range d {
		t := newTerm(cols[j], bins)
		t.Offset = width
		width += t.width()
		m.terms = append(m.terms, t)
	}
	for _, jk := range [][2]int{{0, 2}, {2, 3}} {
		p := pair{J: jk[0], K: jk[1], CutsJ: []float64{-0.5, 0.5}, CutsK: []float64{1.5, 2.5, 3.5}, Offset: width}
		width += p.width()
		m.pairs = append(m.pairs, p)
	}
	y := make([]float64, n)
	for i := range y {
		if rng.Float64() < 0.3 {
			y[i] = 1
		}
	}
	return m, x, y, width
}

// TestStructuredHessian: loss, gradient and Hessian computed from the block
// codes of the additive design equal the dense ones, with and without
// weights and Hessian sub-sampling.
func TestStructuredHessian(t *testing.T) {
	for _, tc := range []struct {
		n, d, bins, stride int
		weighted           bool
	}{{1000, 6, 8, 1, false}, {9000, 7, 16, 3, true}, {50, 4, 32, 1, true}} {
		m, x, y, width := additiveDesign(tc.n, tc.d, tc.bins, uint64(tc.n))
		z := m.design(x, tc.n, width).RawMatrix().Data
		dense := &problem{x: z, n: tc.n, d: width, y: y, sumS: float64(tc.n)}
		if tc.weighted {
			rng := rand.New(rand.NewPCG(3, 3))
			dense.s = make([]float64, tc.n)
			dense.sumS = 0
			for i := range dense.s {
				dense.s[i] = rng.Float64() * 2
				dense.sumS += dense.s[i]
			}
		}
		if err := checkBlocks(m.blocks(), width); err != nil {
			t.Fatal(err)
		}
		structured := *dense
		structured.blocks = m.blocks()
		D := width + 1
		w := make([]float64, D)
		rng := rand.New(rand.NewPCG(9, 9))
		for j := range w {
			w[j] = 0.3 * rng.NormFloat64()
		}
		a := evalOut{grad: make([]float64, D), hess: make([]float64, D*D)}
		b := evalOut{grad: make([]float64, D), hess: make([]float64, D*D)}
		var sa, sb scratch
		dense.eval(w, &a, tc.stride, &sa)
		structured.eval(w, &b, tc.stride, &sb)
		if structured.codes == nil {
			t.Fatalf("%+v: the design was not decoded into block codes", tc)
		}
		if math.Abs(a.loss-b.loss) > 1e-12*a.loss || a.minMargin != b.minMargin && math.Abs(a.minMargin-b.minMargin) > 1e-12 {
			t.Errorf("%+v: loss %v vs %v, margin %v vs %v", tc, a.loss, b.loss, a.minMargin, b.minMargin)
		}
		gs := 0.0
		for _, v := range a.grad {
			gs = math.Max(gs, math.Abs(v))
		}
		for j := range a.grad {
			if math.Abs(a.grad[j]-b.grad[j]) > 1e-12*gs {
				t.Fatalf("%+v: grad[%d] %v vs %v", tc, j, a.grad[j], b.grad[j])
			}
		}
		scale := 0.0
		for _, v := range a.hess {
			scale = math.Max(scale, math.Abs(v))
		}
		for i := range a.hess {
			if math.Abs(a.hess[i]-b.hess[i]) > 1e-12*scale {
				t.Fatalf("%+v: hess[%d][%d] dense %v, structured %v", tc, i/D, i%D, a.hess[i], b.hess[i])
			}
		}
	}
}

// TestBlockCodeRefusesOtherPatterns: a row that is not a thermometer or
// one-hot is refused, so the Hessian falls back to the dense sum.
func TestBlockCodeRefusesOtherPatterns(t *testing.T) {
	for _, tc := range []struct {
		z     []float64
		steps bool
		code  int
		ok    bool
	}{
		{[]float64{0.5, 1, 1, 0}, true, 2, true},
		{[]float64{-2, 0, 0, 0}, true, 0, true},
		{[]float64{3, 1, 1, 1}, true, 3, true},
		{[]float64{0.5, 1, 0, 1}, true, 0, false},
		{[]float64{0.5, 2, 0, 0}, true, 0, false},
		{[]float64{0, 0, 1, 0}, false, 2, true},
		{[]float64{0, 0, 0, 0}, false, 0, false},
		{[]float64{1, 0, 1, 0}, false, 0, false},
		{[]float64{0, 0.5, 0, 0}, false, 0, false},
	} {
		c, ok := blockCode(tc.z, tc.steps)
		if ok != tc.ok || (ok && c != tc.code) {
			t.Errorf("blockCode(%v, steps %v) = %d, %v; want %d, %v", tc.z, tc.steps, c, ok, tc.code, tc.ok)
		}
	}
	p := &problem{x: []float64{0.5, 1, 0, 1}, n: 1, d: 4, y: []float64{1}, sumS: 1, blocks: []designBlock{{off: 0, width: 4, steps: true}}}
	out := evalOut{grad: make([]float64, 5), hess: make([]float64, 25)}
	var sc scratch
	p.eval(make([]float64, 5), &out, 1, &sc)
	if p.codes != nil || !p.codesBad || out.hess[1*5+3] != 0.25 {
		t.Errorf("codes %v, bad %v, hess[1][3] %v: want the dense Hessian (0.25)", p.codes, p.codesBad, out.hess[1*5+3])
	}
}

// TestCheckBlocks: blocks must tile the columns in order.
func TestCheckBlocks(t *testing.T) {
	for _, bs := range [][]designBlock{
		{{off: 0, width: 2}, {off: 3, width: 1}},
		{{off: 0, width: 2}, {off: 2, width: 1}},
		{{off: 0, width: 0}, {off: 0, width: 4}},
	} {
		if err := checkBlocks(bs, 4); err == nil {
			t.Errorf("%v on 4 columns: no error", bs)
		}
	}
	if err := checkBlocks([]designBlock{{off: 0, width: 3, steps: true}, {off: 3, width: 1}}, 4); err != nil {
		t.Error(err)
	}
}

// TestFitRowsMatchesDesign: fitting an additive structure from the raw
// rows' codes (no design built) reaches the coefficients of the plain
// logistic fit on the expanded design, also on enough rows for the
// warm start on a sub-sample (a view of the codes).
func TestFitRowsMatchesDesign(t *testing.T) {
	for _, tc := range []struct{ n, d int }{{3000, 6}, {210000, 4}} {
		m, x, y, width := additiveDesign(tc.n, tc.d, 8, uint64(tc.d))
		m.width, m.c = width, 0.5
		cfg := m.logistic(1e-9, 0.5)
		cfg.blocks = nil // the dense path
		dense, err := cfg.Fit(m.design(x, tc.n, width), y)
		if err != nil {
			t.Fatal(err)
		}
		rows, err := m.fitRows(context.Background(), x, y, 1e-9)
		if err != nil {
			t.Fatal(err)
		}
		a, b := append(dense.Coef(), dense.Intercept()), append(rows.Coef(), rows.Intercept())
		for j := range a {
			if math.Abs(a[j]-b[j]) > 1e-6*(1+math.Abs(a[j])) {
				t.Fatalf("n=%d: coefficient %d: design %v, rows %v", tc.n, j, a[j], b[j])
			}
		}
	}
}

// TestFitRowsRefusesBadLabels: labels are checked on every row.
func TestFitRowsRefusesBadLabels(t *testing.T) {
	m, x, y, width := additiveDesign(500, 4, 8, 1)
	m.width, m.c = width, 1
	y[17] = 2
	_, err := m.fitRows(context.Background(), x, y, 1e-6)
	if !errors.Is(err, ErrLabel) {
		t.Fatalf("label 2: %v, want ErrLabel", err)
	}
	clear(y)
	if _, err := m.fitRows(context.Background(), x, y, 1e-6); !errors.Is(err, ErrSingleClass) {
		t.Fatalf("one class: %v, want ErrSingleClass", err)
	}
}

// TestPathHessianReuse: a fit warm-started along a path of C (whose first
// Newton step reuses the previous fit's Hessian) reaches the cold fit's
// solution.
func TestPathHessianReuse(t *testing.T) {
	X, y, _ := logitData(5000, 12, 7)
	base := Logistic{Tol: 1e-10}
	p, names, means, err := base.prepare(X, y, true)
	if err != nil {
		t.Fatal(err)
	}
	var w0 []float64
	for _, c := range []float64{0.01, 0.1, 1, 10} {
		cfg := base
		cfg.C = c
		warm, err := cfg.fitPrepared(context.Background(), p, names, means, w0)
		if err != nil {
			t.Fatal(err)
		}
		if w0 != nil && p.lastHess == nil {
			t.Fatal("no Hessian kept for the path")
		}
		w0 = append(warm.Coef(), warm.Intercept())
		cold, err := cfg.Fit(X, y)
		if err != nil {
			t.Fatal(err)
		}
		for j, v := range cold.Coef() {
			if math.Abs(v-warm.Coef()[j]) > 1e-7*(1+math.Abs(v)) {
				t.Fatalf("C=%g: coefficient %d: cold %v, warm %v", c, j, v, warm.Coef()[j])
			}
		}
	}
}
