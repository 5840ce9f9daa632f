package predict

import (
	"fmt"

	"gonum.org/v1/gonum/floats"
)

// designBlock describes a run of design columns whose values follow a known
// pattern, so that the Hessian can be accumulated from a few atoms per row
// instead of the whole outer product: a step block's row has at most two
// non-zero atoms, its free value (atom 0) and its bin k >= 1 (atom k, step
// column k being the sum of atoms k..width-1); a one-hot block's row has
// one, its hot column. The additive model's
// design is made of such blocks only: per feature a linear column and
// thermometer steps, per pair a one-hot lookup table.
type designBlock struct {
	off, width int
	// steps: column off is a free value and columns off+1..off+width-1 are
	// thermometer steps (1 up to the row's bin, 0 after it). Otherwise the
	// block is one-hot: exactly one column is non-zero.
	steps bool
}

// checkBlocks reports blocks that do not tile the d columns in order.
func checkBlocks(blocks []designBlock, d int) error {
	next := 0
	for q, b := range blocks {
		if b.off != next || b.width < 1 {
			return fmt.Errorf("predict: design block %d at column %d (width %d), want column %d: %w", q, b.off, b.width, next, ErrDimension)
		}
		next += b.width
	}
	if blocks != nil && next != d {
		return fmt.Errorf("predict: design blocks cover %d of %d columns: %w", next, d, ErrDimension)
	}
	return nil
}

// blockCodes is a problem's design in the coordinates of its blocks: per
// block each row's code (its bin for a step block, its hot column for a
// one-hot block) and, for a step block, the free value in column 0.
type blockCodes struct {
	code [][]uint8
	lin  [][]float64 // nil for a one-hot block
}

// blockCodes returns p's rows decoded by its blocks, decoded once and kept;
// nil when a row does not follow its blocks' pattern (eval then works on
// the dense rows).
func (p *problem) blockCodes() *blockCodes {
	if p.codes != nil || p.codesBad {
		return p.codes
	}
	bc := &blockCodes{code: make([][]uint8, len(p.blocks)), lin: make([][]float64, len(p.blocks))}
	for q, b := range p.blocks {
		if b.width > 256 {
			p.codesBad = true
			return nil
		}
		bc.code[q] = make([]uint8, p.n)
		if b.steps {
			bc.lin[q] = make([]float64, p.n)
		}
	}
	rs := max(p.step, 1) * p.d
	for i := range p.n {
		x := p.x[i*rs : i*rs+p.d]
		for q, b := range p.blocks {
			z := x[b.off : b.off+b.width]
			c, ok := blockCode(z, b.steps)
			if !ok {
				p.codesBad = true
				return nil
			}
			bc.code[q][i] = uint8(c)
			if b.steps {
				bc.lin[q][i] = z[0]
			}
		}
	}
	p.codes = bc
	return bc
}

// blockCode is the code of one block's values z, false when they do not
// follow the block's pattern.
func blockCode(z []float64, steps bool) (int, bool) {
	if steps {
		k := 1
		for k < len(z) && z[k] == 1 {
			k++
		}
		for _, v := range z[k:] {
			if v != 0 {
				return 0, false
			}
		}
		return k - 1, true
	}
	hot := -1
	for c, v := range z {
		switch {
		case v == 0:
		case v == 1 && hot < 0:
			hot = c
		default:
			return 0, false
		}
	}
	return hot, hot >= 0
}

// atom is the atom of code c of block b: for a step block, bin c >= 1 (bin
// 0 has none: all its steps are 0), for a one-hot block its column c.
func (b designBlock) atom(c int) int {
	if b.steps && c == 0 {
		return -1
	}
	return b.off + c
}

// hasCodes reports whether b has atoms besides its value: not a lone
// linear column.
func (b designBlock) hasCodes() bool { return !b.steps || b.width > 1 }

// gram adds to the upper triangle of the D x D g (intercept last) the
// Gram matrix of the atoms of the rows t (indices into bc) with Hessian
// weights h, in three parts whose inner loops touch little memory:
//
//   - code x code: per block pair, a table of summed weights by the two
//     codes (pairCodes), one addition per row and pair;
//   - value x code: per block, the rows' vectors of weighted values of
//     every step block added to the row of a table picked by the block's
//     code (a contiguous axpy per row and block);
//   - value x value and the intercept: a dense Gram matrix of the values
//     (hessBlock).
func (bc *blockCodes) gram(blocks []designBlock, t []int32, h, g []float64, D int, tab []float64) {
	icol := D - 1
	var vals []int // the step blocks
	for q, b := range blocks {
		if b.steps {
			vals = append(vals, q)
		}
	}
	S := len(vals)
	// code x code, and each code with the intercept
	for q, bq := range blocks {
		cnt := tab[:bq.width]
		clear(cnt)
		cq := bc.code[q]
		for k, i := range t {
			cnt[cq[i]] += h[k]
		}
		for c, v := range cnt {
			if a := bq.atom(c); a >= 0 {
				g[a*D+a] += v
				g[a*D+icol] += v
			}
		}
		if !bq.hasCodes() {
			continue
		}
		for r := q + 1; r < len(blocks); r++ {
			if blocks[r].hasCodes() {
				bc.pairCodes(blocks, q, r, t, h, g, D, tab)
			}
		}
	}
	if S == 0 {
		s := 0.0
		for _, v := range h[:len(t)] {
			s += v
		}
		g[icol*D+icol] += s
		return
	}
	// value x code: acc[r][c*S+s] = sum of h v_s over the rows of code c in r
	acc := make([][]float64, len(blocks))
	for r, b := range blocks {
		acc[r] = make([]float64, b.width*S)
	}
	const tile = 256
	hv := make([]float64, tile*S)
	v := make([]float64, tile*S)
	vv := hessBlock{h: make([]float64, (S+1)*(S+1)), d: S}
	for k0 := 0; k0 < len(t); k0 += tile {
		rows := t[k0:min(k0+tile, len(t))]
		for k, i := range rows {
			vr, hr := v[k*S:(k+1)*S], hv[k*S:(k+1)*S]
			for s, q := range vals {
				vr[s] = bc.lin[q][i]
				hr[s] = h[k0+k] * vr[s]
			}
			vv.add(vr, h[k0+k])
		}
		for r, b := range blocks {
			if !b.hasCodes() {
				continue
			}
			cr, ar := bc.code[r], acc[r]
			for k, i := range rows {
				c := int(cr[i])
				floats.Add(ar[c*S:(c+1)*S], hv[k*S:(k+1)*S])
			}
		}
	}
	vv.flush()
	for r, b := range blocks {
		for c := range b.width {
			a := b.atom(c)
			if a < 0 {
				continue
			}
			for s, q := range vals {
				x, off := acc[r][c*S+s], blocks[q].off
				if off < a {
					g[off*D+a] += x
				} else {
					g[a*D+off] += x
				}
			}
		}
	}
	// value x value, values and intercept
	E := S + 1
	for s, q := range vals {
		row := g[blocks[q].off*D:]
		for u := s; u < S; u++ {
			row[blocks[vals[u]].off] += vv.h[s*E+u]
		}
		row[icol] += vv.h[s*E+S]
	}
	g[icol*D+icol] += vv.h[S*E+S]
}

// pairCodes adds the code x code block of blocks q < r to g (see gram).
func (bc *blockCodes) pairCodes(blocks []designBlock, q, r int, t []int32, h, g []float64, D int, tab []float64) {
	bq, br := blocks[q], blocks[r]
	wq, wr := bq.width, br.width
	T := tab[:wq*wr]
	clear(T)
	cq, cr := bc.code[q], bc.code[r]
	for k, i := range t {
		T[int(cq[i])*wr+int(cr[i])] += h[k]
	}
	for a := range wq {
		ia := bq.atom(a)
		if ia < 0 {
			continue
		}
		row := g[ia*D:]
		for b := range wr {
			if ib := br.atom(b); ib >= 0 {
				row[ib] += T[a*wr+b]
			}
		}
	}
}

// gramToDesign turns the Gram matrix of the atoms (upper triangle of the
// D x D g, intercept last) into the Gram matrix of the design columns, in
// place, upper triangle. A step column is a suffix sum of its block's
// atoms, so the change of basis is a suffix sum along each axis: additions
// of like terms, no cancellation.
func gramToDesign(g []float64, D int, blocks []designBlock) {
	for j := 0; j < D; j++ {
		for k := j + 1; k < D; k++ {
			g[k*D+j] = g[j*D+k]
		}
	}
	for _, b := range blocks {
		if !b.steps || b.width < 3 {
			continue
		}
		last := b.off + b.width - 1
		for r := 0; r < D; r++ { // columns: g[r][c] += g[r][c+1]
			row := g[r*D:]
			for c := last - 1; c > b.off; c-- {
				row[c] += row[c+1]
			}
		}
		for c := last - 1; c > b.off; c-- { // rows: g[c][.] += g[c+1][.]
			axpy(1, g[(c+1)*D:(c+2)*D], g[c*D:(c+1)*D])
		}
	}
}
