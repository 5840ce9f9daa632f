package predict

import "fmt"

// designBlock describes a run of design columns whose values follow a known
// pattern, so that the Hessian can be accumulated from a few atoms per row
// instead of the whole outer product: a step block's row has at most two
// non-zero atoms, its free value (atom 0) and its bin k >= 1 (atom k, step
// column k being the sum of atoms k..width-1); a one-hot block's row has
// one, its hot column. The additive model's design is made of such blocks
// only: per feature a linear column and thermometer steps, per pair a
// one-hot lookup table.
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

// every returns the codes of rows 0, k, 2k, ...: those of a view of every
// k-th row.
func (bc *blockCodes) every(k int) *blockCodes {
	out := &blockCodes{code: make([][]uint8, len(bc.code)), lin: make([][]float64, len(bc.lin))}
	for q, c := range bc.code {
		n := (len(c) + k - 1) / k
		out.code[q] = make([]uint8, n)
		for i := range n {
			out.code[q][i] = c[i*k]
		}
		if l := bc.lin[q]; l != nil {
			out.lin[q] = make([]float64, n)
			for i := range n {
				out.lin[q][i] = l[i*k]
			}
		}
	}
	return out
}
