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

// blockCodes is a problem's design in the coordinates of its blocks, for
// the rows a Hessian samples (every stride-th row): per block the row's
// code (its bin for a step block, its hot column for a one-hot block) and,
// for a step block, the free value in column 0.
type blockCodes struct {
	stride int
	code   [][]uint8
	lin    [][]float64 // nil for a one-hot block
}

// codesFor returns the codes of p's rows i with i%stride == 0, decoded once
// and kept; nil when a row does not follow its blocks' pattern (the
// Hessian is then accumulated densely).
func (p *problem) codesFor(stride int) *blockCodes {
	if p.codes != nil && p.codes.stride == stride {
		return p.codes
	}
	if p.codesBad {
		return nil
	}
	rows := (p.n + stride - 1) / stride
	bc := &blockCodes{stride: stride, code: make([][]uint8, len(p.blocks)), lin: make([][]float64, len(p.blocks))}
	for q, b := range p.blocks {
		if b.width > 256 || (b.steps && b.width > 255) {
			p.codesBad = true
			return nil
		}
		bc.code[q] = make([]uint8, rows)
		if b.steps {
			bc.lin[q] = make([]float64, rows)
		}
	}
	rs := max(p.step, 1) * p.d
	for t := range rows {
		x := p.x[t*stride*rs : t*stride*rs+p.d]
		for q, b := range p.blocks {
			z := x[b.off : b.off+b.width]
			c, ok := blockCode(z, b.steps)
			if !ok {
				p.codesBad = true
				return nil
			}
			bc.code[q][t] = uint8(c)
			if b.steps {
				bc.lin[q][t] = z[0]
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
func (bc *blockCodes) pairGram(blocks []designBlock, q, r int, t []int32, h, g []float64, D int, tab []float64) {
	bq, br := blocks[q], blocks[r]
	wq, wr := bq.width, br.width
	T, Lq, Lr := tab[:wq*wr], tab[wq*wr:wq*wr+wr], tab[wq*wr+wr:wq*wr+wr+wq]
	clear(T)
	clear(Lq)
	clear(Lr)
	cq, cr, lq, lr := bc.code[q], bc.code[r], bc.lin[q], bc.lin[r]
	s := 0.0
	switch {
	case lq != nil && lr != nil:
		for k, i := range t {
			hi, a, b := h[k], int(cq[i]), int(cr[i])
			T[a*wr+b] += hi
			u := hi * lq[i]
			Lq[b] += u
			Lr[a] += hi * lr[i]
			s += u * lr[i]
		}
	case lq != nil:
		for k, i := range t {
			hi, a, b := h[k], int(cq[i]), int(cr[i])
			T[a*wr+b] += hi
			Lq[b] += hi * lq[i]
		}
	case lr != nil:
		for k, i := range t {
			hi, a, b := h[k], int(cq[i]), int(cr[i])
			T[a*wr+b] += hi
			Lr[a] += hi * lr[i]
		}
	default:
		for k, i := range t {
			T[int(cq[i])*wr+int(cr[i])] += h[k]
		}
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
		if lr != nil {
			row[br.off] += Lr[a]
		}
	}
	if lq != nil {
		row := g[bq.off*D:]
		for b := range wr {
			if ib := br.atom(b); ib >= 0 {
				row[ib] += Lq[b]
			}
		}
		if lr != nil {
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
