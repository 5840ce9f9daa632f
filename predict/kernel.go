package predict

import (
	"math"

	"github.com/segmenta/segmenta/internal/parallel"
)

// problem is a validated training set in the layout the solvers want: a
// contiguous row-major matrix (possibly aliasing the caller's *mat.Dense,
// never written to), 0/1 labels and per-row weights.
type problem struct {
	x    []float64 // n*d, row-major
	n, d int
	y    []float64
	s    []float64 // sample weight times class weight; nil means all 1
	sumS float64
	// step > 1 makes the problem a view of every step-th row of x, y and s
	// (n counts the rows of the view); 0 means 1.
	step int
	// blocks, when not nil, describe the columns' structure (designBlock):
	// eval then works on the rows' codes (evalBlocks), decoded once, unless
	// a row does not follow it (codesBad).
	blocks   []designBlock
	codes    *blockCodes
	codesBad bool
	// lastHess is the data Hessian (eval's, before C and the penalty) the
	// last Newton fit on this problem ended with, sampled every
	// lastStride-th row: the first Hessian of the next fit on a path of C.
	lastHess   []float64
	lastStride int
}

// chunkRows is the fixed number of rows per work unit. Partial sums are kept
// per chunk and reduced in chunk order, so results do not depend on how many
// goroutines ran.
const chunkRows = 4096

// evalOut receives what one fused pass computes. Sums exclude C and the
// penalty.
type evalOut struct {
	loss      float64   // sum_i s_i * logloss_i
	grad      []float64 // d+1: sum_i s_i (p_i - y_i) (x_i, 1); nil to skip
	hess      []float64 // (d+1)^2 upper triangle of sum_i s_i p_i(1-p_i) x x^T; nil to skip
	minMargin float64   // min over weighted rows of (2y-1)*z: > 0 means separated
}

// sigmoid is the numerically stable logistic function.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// dot is an unrolled inner product of two equally long slices.
func dot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// axpy adds alpha*x to y.
func axpy(alpha float64, x, y []float64) {
	y = y[:len(x)]
	i := 0
	for ; i+4 <= len(x); i += 4 {
		y[i] += alpha * x[i]
		y[i+1] += alpha * x[i+1]
		y[i+2] += alpha * x[i+2]
		y[i+3] += alpha * x[i+3]
	}
	for ; i < len(x); i++ {
		y[i] += alpha * x[i]
	}
}

// scratch holds per-chunk partial sums reused across passes.
type scratch struct {
	loss, margin []float64
	grad, hess   []float64
}

func (s *scratch) ensure(nc, gd, hd int) {
	if cap(s.loss) < nc {
		s.loss = make([]float64, nc)
		s.margin = make([]float64, nc)
	}
	s.loss, s.margin = s.loss[:nc], s.margin[:nc]
	if cap(s.grad) < nc*gd {
		s.grad = make([]float64, nc*gd)
	}
	s.grad = s.grad[:nc*gd]
	if cap(s.hess) < nc*hd {
		s.hess = make([]float64, nc*hd)
	}
	s.hess = s.hess[:nc*hd]
}

// hessChunkRows picks a chunk size that bounds per-chunk Hessian storage; it
// depends on n and d only.
func hessChunkRows(n, d int) int {
	D := (d + 1) * (d + 1)
	rows := chunkRows
	const budget = 1 << 23 // floats of per-chunk Hessians at most
	if nc := (n + rows - 1) / rows; nc*D > budget {
		maxChunks := max(1, budget/D)
		rows = (n + maxChunks - 1) / maxChunks
	}
	return rows
}

// eval computes, in one pass over the data, the weighted log-loss at
// coefficients w (len d+1, intercept last), and optionally its gradient and
// the Hessian over the rows i with i%hstride == 0 (rescaled by the ratio of
// total to sampled weight, a sub-sampled Hessian: Byrd, Chin, Neveitt &
// Nocedal 2011).
func (p *problem) eval(w []float64, out *evalOut, hstride int, sc *scratch) {
	if p.blocks != nil {
		if bc := p.blockCodes(); bc != nil {
			p.evalBlocks(bc, w, out, hstride, sc)
			return
		}
	}
	d, D := p.d, p.d+1
	wantG, wantH := out.grad != nil, out.hess != nil
	rows, nc, hw := p.chunks(out, sc)
	wx, b := w[:d], w[d]
	parallel.For(p.n, rows, func(c, lo, hi int) {
		var g, h []float64
		if wantG {
			g = sc.grad[c*D : (c+1)*D]
		}
		var hb hessBlock
		if wantH {
			h = sc.hess[c*D*D : (c+1)*D*D]
			hb.h, hb.d = h, d
		}
		step := max(p.step, 1)
		k := chunkKernel{p: p, step: step, rs: step * d, wx: wx, b: b, g: g, margin: math.Inf(1), prod: 1}
		i := lo
		for ; i+4 <= hi; i += 4 {
			k.block4(i)
			if wantH {
				for r := 0; r < 4; r++ {
					if (i+r)%hstride == 0 {
						hv, si := k.hvAt(i+r, r)
						hb.sw += si
						hb.add(k.xs[r], hv)
					}
				}
			}
		}
		for ; i < hi; i++ {
			k.row(i)
			if wantH && i%hstride == 0 {
				hv, si := k.hvAt(i, 0)
				hb.sw += si
				hb.add(k.xs[0], hv)
			}
		}
		k.flushLog()
		if wantH {
			hb.flush()
			hw[c] = hb.sw
		}
		sc.loss[c], sc.margin[c] = k.loss, k.margin
		if wantG {
			g[d] = k.gb
		}
	})
	p.reduce(out, sc, nc, hw, hstride, nil)
}

// chunks sizes an eval pass: rows per chunk, the number of chunks, sc's
// per-chunk sums cleared, and hw for each chunk's sampled Hessian weight
// (nil without a Hessian).
func (p *problem) chunks(out *evalOut, sc *scratch) (rows, nc int, hw []float64) {
	D := p.d + 1
	rows = chunkRows
	if out.hess != nil {
		rows = hessChunkRows(p.n, p.d)
	}
	nc = parallel.Chunks(p.n, rows)
	gd, hd := 0, 0
	if out.grad != nil {
		gd = D
	}
	if out.hess != nil {
		hd = D * D
		hw = make([]float64, nc)
	}
	sc.ensure(nc, gd, hd)
	clear(sc.grad)
	clear(sc.hess)
	return rows, nc, hw
}

// reduce sums the per-chunk partial results of eval into out, in chunk
// order; bc, when set, means the Hessians are Gram matrices of atoms.
func (p *problem) reduce(out *evalOut, sc *scratch, nc int, hw []float64, hstride int, bc *blockCodes) {
	D := p.d + 1
	wantG, wantH := out.grad != nil, out.hess != nil
	out.loss, out.minMargin = 0, math.Inf(1)
	for c := 0; c < nc; c++ {
		out.loss += sc.loss[c]
		out.minMargin = math.Min(out.minMargin, sc.margin[c])
	}
	if wantG {
		clear(out.grad)
		for c := 0; c < nc; c++ {
			axpy(1, sc.grad[c*D:(c+1)*D], out.grad)
		}
	}
	if wantH {
		clear(out.hess)
		tot := 0.0
		for c := 0; c < nc; c++ {
			axpy(1, sc.hess[c*D*D:(c+1)*D*D], out.hess)
			tot += hw[c]
		}
		if bc != nil {
			gramToDesign(out.hess, D, p.blocks)
		}
		if hstride > 1 && tot > 0 {
			scale := p.sumS / tot
			for i := range out.hess {
				out.hess[i] *= scale
			}
		}
		// mirror the upper triangle
		for j := 0; j < D; j++ {
			for k := j + 1; k < D; k++ {
				out.hess[k*D+j] = out.hess[j*D+k]
			}
		}
	}
}

// decision computes z_i = x_i·w + b for every row of a row-major matrix in
// parallel.
func decision(x []float64, n, d int, w []float64, b float64, z []float64) {
	parallel.For(n, 16384, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			z[i] = b + dot(x[i*d:i*d+d], w)
		}
	})
}

// chunkKernel accumulates one chunk's loss, margin and gradient. Rows are
// processed four at a time so coefficient and gradient entries are loaded
// once per four rows.
type chunkKernel struct {
	p      *problem
	step   int // row step of the view
	rs     int // row step in floats
	wx     []float64
	b      float64
	g      []float64 // nil: no gradient
	loss   float64
	margin float64
	gb     float64
	prod   float64 // running product of (1+exp(-|z|)) for unweighted rows
	nprod  int
	xs     [4][]float64 // the last rows processed
	pr     [4]float64   // their probabilities
}

// flushLog folds the running product into the loss: one logarithm per 256
// rows instead of one log1p per row (each factor is in (1, 2], so the
// product cannot overflow).
func (k *chunkKernel) flushLog() {
	if k.nprod > 0 {
		k.loss += math.Log(k.prod)
		k.prod, k.nprod = 1, 0
	}
}

// term handles the scalar part of one row: z -> loss, p, residual.
func (k *chunkKernel) term(i, slot int, z float64) (r float64) {
	yi := k.p.y[i*k.step]
	var e, pr, base float64
	if z >= 0 {
		e = math.Exp(-z)
		pr = 1 / (1 + e)
		base = z
	} else {
		e = math.Exp(z)
		pr = e / (1 + e)
	}
	si := 1.0
	if k.p.s != nil {
		si = k.p.s[i*k.step]
		k.loss += si * (base + math.Log1p(e) - yi*z)
	} else {
		k.loss += base - yi*z
		k.prod *= 1 + e
		if k.nprod++; k.nprod == 256 {
			k.flushLog()
		}
	}
	if m := (2*yi - 1) * z; m < k.margin {
		k.margin = m
	}
	k.pr[slot] = pr
	return si * (pr - yi)
}

// hvAt is the Hessian weight s_i p_i (1 - p_i) of row i, whose
// probability the last block stored in slot r.
func (k *chunkKernel) hvAt(i, r int) (hv, si float64) {
	si = 1.0
	if k.p.s != nil {
		si = k.p.s[i*k.step]
	}
	pr := k.pr[r]
	return si * pr * (1 - pr), si
}

// block4 processes rows i..i+3.
func (k *chunkKernel) block4(i int) {
	d, rs := k.p.d, k.rs
	x := k.p.x
	w := k.wx
	x0 := x[i*rs : i*rs+d]
	x1 := x[(i+1)*rs : (i+1)*rs+d]
	x2 := x[(i+2)*rs : (i+2)*rs+d]
	x3 := x[(i+3)*rs : (i+3)*rs+d]
	x1, x2, x3, w = x1[:len(x0)], x2[:len(x0)], x3[:len(x0)], w[:len(x0)]
	// two accumulators per row halve the floating-point add latency chain
	var z0, z1, z2, z3, u0, u1, u2, u3 float64
	j := 0
	for ; j+2 <= len(w); j += 2 {
		wa, wb := w[j], w[j+1]
		z0 += x0[j] * wa
		u0 += x0[j+1] * wb
		z1 += x1[j] * wa
		u1 += x1[j+1] * wb
		z2 += x2[j] * wa
		u2 += x2[j+1] * wb
		z3 += x3[j] * wa
		u3 += x3[j+1] * wb
	}
	if j < len(w) {
		wa := w[j]
		z0 += x0[j] * wa
		z1 += x1[j] * wa
		z2 += x2[j] * wa
		z3 += x3[j] * wa
	}
	z0, z1, z2, z3 = z0+u0+k.b, z1+u1+k.b, z2+u2+k.b, z3+u3+k.b
	r0, r1, r2, r3 := k.term(i, 0, z0), k.term(i+1, 1, z1), k.term(i+2, 2, z2), k.term(i+3, 3, z3)
	if g := k.g; g != nil {
		g = g[:len(x0)]
		for j := range g {
			g[j] += r0*x0[j] + r1*x1[j] + r2*x2[j] + r3*x3[j]
		}
		k.gb += (r0 + r1) + (r2 + r3)
	}
	k.xs = [4][]float64{x0, x1, x2, x3}
}

// row processes a single row i.
func (k *chunkKernel) row(i int) {
	d, rs := k.p.d, k.rs
	xi := k.p.x[i*rs : i*rs+d]
	z := k.b + dot(xi, k.wx)
	r := k.term(i, 0, z)
	if k.g != nil {
		axpy(r, xi, k.g)
		k.gb += r
	}
	k.xs[0] = xi
}

// hessBlock accumulates the upper triangle of sum h_i (x_i,1)(x_i,1)ᵀ four
// rows at a time.
type hessBlock struct {
	h  []float64
	d  int
	n  int
	xs [4][]float64
	hv [4]float64
	sw float64
}

func (hb *hessBlock) add(x []float64, h float64) {
	hb.xs[hb.n], hb.hv[hb.n] = x, h
	if hb.n++; hb.n == 4 {
		hb.flush4()
	}
}

func (hb *hessBlock) flush4() {
	d, D := hb.d, hb.d+1
	x0, x1, x2, x3 := hb.xs[0], hb.xs[1][:d], hb.xs[2][:d], hb.xs[3][:d]
	h0, h1, h2, h3 := hb.hv[0], hb.hv[1], hb.hv[2], hb.hv[3]
	for j := 0; j < d; j++ {
		a0, a1, a2, a3 := h0*x0[j], h1*x1[j], h2*x2[j], h3*x3[j]
		row := hb.h[j*D+j : j*D+d]
		y0, y1, y2, y3 := x0[j:d], x1[j:d], x2[j:d], x3[j:d]
		y1, y2, y3 = y1[:len(y0)], y2[:len(y0)], y3[:len(y0)]
		row = row[:len(y0)]
		for k := range row {
			row[k] += a0*y0[k] + a1*y1[k] + a2*y2[k] + a3*y3[k]
		}
		hb.h[j*D+d] += (a0 + a1) + (a2 + a3)
	}
	hb.h[d*D+d] += (h0 + h1) + (h2 + h3)
	hb.n = 0
}

// flush handles fewer than four pending rows.
func (hb *hessBlock) flush() {
	d, D := hb.d, hb.d+1
	for r := 0; r < hb.n; r++ {
		x, hv := hb.xs[r], hb.hv[r]
		for j, xj := range x {
			hx := hv * xj
			axpy(hx, x[j:], hb.h[j*D+j:j*D+d])
			hb.h[j*D+d] += hx
		}
		hb.h[d*D+d] += hv
	}
	hb.n = 0
}
