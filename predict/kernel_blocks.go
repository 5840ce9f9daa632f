package predict

import (
	"math"

	"github.com/segmenta/segmenta/internal/parallel"
)

// evalBlocks is eval on the rows' block codes: a row's decision is its
// intercept plus, per block, the value's slope term and the cumulated
// weight of its bin (or its cell's weight), and its gradient and Hessian
// are sums over its few atoms, so a pass costs O(blocks) per row (and
// O(blocks²) per Hessian row) whatever the number of bins. Results equal
// eval's on the dense rows up to rounding.
func (p *problem) evalBlocks(bc *blockCodes, w []float64, out *evalOut, hstride int, sc *scratch) {
	d, D := p.d, p.d+1
	wantG, wantH := out.grad != nil, out.hess != nil
	rows, nc, hw := p.chunks(out, sc)
	// cum[off+c]: the weight a row of code c gets from its block's atoms.
	cum := make([]float64, d)
	for _, b := range p.blocks {
		if !b.steps {
			copy(cum[b.off:b.off+b.width], w[b.off:b.off+b.width])
			continue
		}
		for c := 1; c < b.width; c++ {
			cum[b.off+c] = cum[b.off+c-1] + w[b.off+c]
		}
	}
	tabLen := 0
	if wantH {
		for q, a := range p.blocks {
			tabLen = max(tabLen, a.width)
			for _, b := range p.blocks[q+1:] {
				tabLen = max(tabLen, a.width*b.width)
			}
		}
	}
	parallel.For(p.n, rows, func(c, lo, hi int) {
		k := chunkKernel{p: p, step: max(p.step, 1), b: w[d], margin: math.Inf(1), prod: 1}
		z := make([]float64, hi-lo)
		for i := range z {
			z[i] = w[d]
		}
		for q, b := range p.blocks {
			code, cb := bc.code[q][lo:hi], cum[b.off:b.off+b.width]
			for i, cq := range code {
				z[i] += cb[cq]
			}
			if lin := bc.lin[q]; lin != nil {
				axpy(w[b.off], lin[lo:hi], z)
			}
		}
		r := z // the residuals overwrite the decisions
		var sampled []int32
		var hs []float64
		if wantH {
			m := (hi-lo)/hstride + 1
			sampled, hs = make([]int32, 0, m), make([]float64, 0, m)
		}
		sw := 0.0
		for i := lo; i < hi; i++ {
			r[i-lo] = k.term(i, 0, z[i-lo])
			if wantH && i%hstride == 0 {
				hv, si := k.hvAt(i, 0)
				sw += si
				sampled, hs = append(sampled, int32(i)), append(hs, hv)
			}
		}
		k.flushLog()
		sc.loss[c], sc.margin[c] = k.loss, k.margin
		if wantG {
			g := sc.grad[c*D : (c+1)*D]
			bc.grad(p.blocks, lo, r, g)
		}
		if wantH {
			bc.gram(p.blocks, sampled, hs, sc.hess[c*D*D:(c+1)*D*D], D, make([]float64, tabLen))
			hw[c] = sw
		}
	})
	p.reduce(out, sc, nc, hw, hstride, bc)
}

// grad adds to g (len D, intercept last) the design gradient of the rows
// lo, lo+1, ... with residuals r: per block the residuals summed by code
// and, for a step block, weighted by the value; a step column's entry is
// the suffix sum of its block's code sums.
func (bc *blockCodes) grad(blocks []designBlock, lo int, r, g []float64) {
	D := len(g)
	wmax := 0
	for _, b := range blocks {
		wmax = max(wmax, b.width)
	}
	buf := make([]float64, wmax)
	for q, b := range blocks {
		gb := g[b.off : b.off+b.width]
		sums := buf[:b.width]
		clear(sums)
		for i, c := range bc.code[q][lo : lo+len(r)] {
			sums[c] += r[i]
		}
		if !b.steps {
			axpy(1, sums, gb)
			continue
		}
		s := 0.0
		for c := b.width - 1; c >= 1; c-- {
			s += sums[c]
			gb[c] += s
		}
		gb[0] += dot(bc.lin[q][lo:lo+len(r)], r)
	}
	s := 0.0
	for _, v := range r {
		s += v
	}
	g[D-1] += s
}
