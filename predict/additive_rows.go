package predict

import (
	"context"

	"github.com/segmenta/segmenta/internal/parallel"
)

// fitRows fits the coefficients of m's structure, with C = m.c, on the raw
// rows x (row-major, one column per term) and 0/1 labels y, from the rows'
// block codes: the expanded design, n x width floats and the largest
// allocation of a fit on many rows, is never built.
func (m *AdditiveModel) fitRows(ctx context.Context, x, y []float64, tol float64) (*LogisticModel, error) {
	count, err := countLabels(y)
	if err != nil {
		return nil, err
	}
	if err := bothClasses(count); err != nil {
		return nil, err
	}
	n := len(y)
	p := &problem{n: n, d: m.width, y: y, sumS: float64(n), blocks: m.blocks(), codes: m.rowCodes(x, n)}
	return m.logistic(tol, m.c).fitPrepared(ctx, p, nil, nil, nil)
}

// rowCodes computes the block codes of the raw rows x directly: the codes
// the design's rows would decode to (blockCodes), value for value.
func (m *AdditiveModel) rowCodes(x []float64, n int) *blockCodes {
	d := len(m.terms)
	bc := &blockCodes{code: make([][]uint8, d+len(m.pairs)), lin: make([][]float64, d+len(m.pairs))}
	for j := range m.terms {
		bc.code[j], bc.lin[j] = make([]uint8, n), make([]float64, n)
	}
	for q := range m.pairs {
		bc.code[d+q] = make([]uint8, n)
	}
	parallel.For(n, chunkRows, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			row := x[i*d : i*d+d]
			for j := range m.terms {
				v, b := m.terms[j].code(row[j])
				bc.lin[j][i], bc.code[j][i] = v, uint8(b)
			}
			for q := range m.pairs {
				p := &m.pairs[q]
				bc.code[d+q][i] = uint8(p.cell(row[p.J], row[p.K]))
			}
		}
	})
	return bc
}
