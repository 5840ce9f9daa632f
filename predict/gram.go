package predict

import "fmt"

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
	code  [][]uint8
	lin   [][]float64 // nil for a one-hot block
	zeros []float64   // n zeros, the values of a one-hot block
}

// blockCodes returns p's rows decoded by its blocks, decoded once and kept;
// nil when a row does not follow its blocks' pattern (eval then works on
// the dense rows).
func (p *problem) blockCodes() *blockCodes {
	if p.codes != nil || p.codesBad {
		return p.codes
	}
	bc := &blockCodes{code: make([][]uint8, len(p.blocks)), lin: make([][]float64, len(p.blocks)), zeros: make([]float64, p.n)}
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

// gram adds to the upper triangle of the D x D g (intercept last) the
// Gram matrix of the atoms of the sampled rows t (indices into bc) with
// Hessian weights h: block pair by block pair, each accumulated in a small
// table (tab, reused) that stays in cache, then added to g once.
func (bc *blockCodes) gram(blocks []designBlock, t []int32, h, g []float64, D int, tab []float64) {
	icol := D - 1
	for q, bq := range blocks {
		cq, lq := bc.code[q], bc.lin[q]
		// the diagonal block and the intercept
		cnt, lsum := tab[:bq.width], tab[bq.width:2*bq.width]
		clear(cnt)
		clear(lsum)
		sq := 0.0
		for k, i := range t {
			hi := h[k]
			c := cq[i]
			cnt[c] += hi
			if lq != nil {
				hv := hi * lq[i]
				lsum[c] += hv
				sq += hv * lq[i]
			}
		}
		for c, v := range cnt {
			if a := bq.atom(c); a >= 0 {
				g[a*D+a] += v
				g[a*D+icol] += v
				if lq != nil {
					g[bq.off*D+a] += lsum[c]
				}
			}
		}
		if lq != nil {
			g[bq.off*D+bq.off] += sq
			s := 0.0
			for _, v := range lsum {
				s += v
			}
			g[bq.off*D+icol] += s
		}
		for r := q + 1; r < len(blocks); r++ {
			bc.pairGram(blocks, q, r, t, h, g, D, tab)
		}
	}
	s := 0.0
	for _, v := range h[:len(t)] {
		s += v
	}
	g[icol*D+icol] += s
}

// pairGram adds the off-diagonal block of blocks q < r to g (see gram).
// Rows go four at a time into four copies of the tables: consecutive rows
// often share a cell (always, for a two-valued feature), and one copy
// would chain every addition on the previous one through memory.
func (bc *blockCodes) pairGram(blocks []designBlock, q, r int, t []int32, h, g []float64, D int, tab []float64) {
	bq, br := blocks[q], blocks[r]
	wq, wr := bq.width, br.width
	sz := wq*wr + wr + wq
	tab = tab[:4*sz]
	clear(tab)
	T0, T1, T2, T3 := tab[:sz], tab[sz:2*sz], tab[2*sz:3*sz], tab[3*sz:]
	cq, cr, lq, lr := bc.code[q], bc.code[r], bc.lin[q], bc.lin[r]
	if lq == nil {
		lq = bc.zeros
	}
	if lr == nil {
		lr = bc.zeros
	}
	lo, lw := wq*wr, wq*wr+wr // offsets of Lq and Lr in a copy
	var s0, s1, s2, s3 float64
	k := 0
	for ; k+4 <= len(t); k += 4 {
		i0, i1, i2, i3 := t[k], t[k+1], t[k+2], t[k+3]
		h0, h1, h2, h3 := h[k], h[k+1], h[k+2], h[k+3]
		a0, a1, a2, a3 := int(cq[i0]), int(cq[i1]), int(cq[i2]), int(cq[i3])
		b0, b1, b2, b3 := int(cr[i0]), int(cr[i1]), int(cr[i2]), int(cr[i3])
		T0[a0*wr+b0] += h0
		T1[a1*wr+b1] += h1
		T2[a2*wr+b2] += h2
		T3[a3*wr+b3] += h3
		u0, u1, u2, u3 := h0*lq[i0], h1*lq[i1], h2*lq[i2], h3*lq[i3]
		T0[lo+b0] += u0
		T1[lo+b1] += u1
		T2[lo+b2] += u2
		T3[lo+b3] += u3
		T0[lw+a0] += h0 * lr[i0]
		T1[lw+a1] += h1 * lr[i1]
		T2[lw+a2] += h2 * lr[i2]
		T3[lw+a3] += h3 * lr[i3]
		s0 += u0 * lr[i0]
		s1 += u1 * lr[i1]
		s2 += u2 * lr[i2]
		s3 += u3 * lr[i3]
	}
	for ; k < len(t); k++ {
		i, hk := t[k], h[k]
		a, b := int(cq[i]), int(cr[i])
		T0[a*wr+b] += hk
		u := hk * lq[i]
		T0[lo+b] += u
		T0[lw+a] += hk * lr[i]
		s0 += u * lr[i]
	}
	for x := range T0 {
		T0[x] += (T1[x] + T2[x]) + T3[x]
	}
	s := (s0 + s1) + (s2 + s3)
	T, Lq, Lr := T0[:lo], T0[lo:lw], T0[lw:]
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
		if bc.lin[r] != nil {
			row[br.off] += Lr[a]
		}
	}
	if bc.lin[q] != nil {
		row := g[bq.off*D:]
		for b := range wr {
			if ib := br.atom(b); ib >= 0 {
				row[ib] += Lq[b]
			}
		}
		if bc.lin[r] != nil {
			row[br.off] += s
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
