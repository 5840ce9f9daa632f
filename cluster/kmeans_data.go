package cluster

import (
	"context"
	"fmt"
	"math"

	"github.com/segmenta/segmenta/internal/dense"
	"github.com/segmenta/segmenta/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// kmChunk is the fixed number of rows per unit of parallel work (see
// internal/parallel). Results are reduced chunk by chunk in index order, so
// they do not depend on GOMAXPROCS.
const kmChunk = 2048

// kmData is the training matrix as one contiguous row-major slice, with the
// squared row norms and the optional sample weights.
type kmData struct {
	n, d int
	x    []float64 // n*d, row-major; may alias the caller's *mat.Dense (read only)
	xx   []float64 // squared norms of the rows
	w    []float64 // nil: every weight is 1
}

func (dt *kmData) row(i int) []float64 { return dt.x[i*dt.d : (i+1)*dt.d] }

func (dt *kmData) weight(i int) float64 {
	if dt.w == nil {
		return 1
	}
	return dt.w[i]
}

// kmDense returns X as a row-major slice (aliasing a compact *mat.Dense, else
// a copy), checking every value is finite.
func kmDense(X mat.Matrix) (x []float64, n, d int, err error) {
	if X == nil {
		return nil, 0, 0, fmt.Errorf("%w: nil matrix", ErrEmptyInput)
	}
	n, d = X.Dims()
	if n == 0 || d == 0 {
		return nil, n, d, fmt.Errorf("%w: %d rows, %d columns", ErrEmptyInput, n, d)
	}
	x = dense.RowMajor(X, true)
	if err := dense.CheckFinite(x, d); err != nil {
		return nil, n, d, err
	}
	return x, n, d, nil
}

// kmCheckWeights validates sample weights for n rows.
func kmCheckWeights(w []float64, n int) error {
	if w == nil {
		return nil
	}
	if len(w) != n {
		return fmt.Errorf("%w: %d weights for %d rows", ErrWeights, len(w), n)
	}
	var s float64
	for i, v := range w {
		if math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			return fmt.Errorf("%w: weight %v at row %d", ErrWeights, v, i)
		}
		s += v
	}
	if s == 0 {
		return fmt.Errorf("%w: all weights are zero", ErrWeights)
	}
	return nil
}

// kmPrepare builds the kmData (norms computed in parallel).
func kmPrepare(X mat.Matrix, w []float64) (*kmData, error) {
	x, n, d, err := kmDense(X)
	if err != nil {
		return nil, err
	}
	if err := kmCheckWeights(w, n); err != nil {
		return nil, err
	}
	dt := &kmData{n: n, d: d, x: x, w: w, xx: make([]float64, n)}
	parallel.For(n, kmChunk, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			r := dt.row(i)
			dt.xx[i] = kmNorm(r)
		}
	})
	return dt, nil
}

// meanVariance is the mean over columns of the (unweighted, population)
// column variances, the scale scikit-learn applies to tol.
func (dt *kmData) meanVariance() float64 {
	n, d := dt.n, dt.d
	nc := parallel.Chunks(n, kmChunk)
	part := make([]float64, nc*d)
	parallel.For(n, kmChunk, func(ch, lo, hi int) {
		p := part[ch*d : (ch+1)*d]
		for i := lo; i < hi; i++ {
			for j, v := range dt.row(i) {
				p[j] += v
			}
		}
	})
	mean := make([]float64, d)
	for ch := 0; ch < nc; ch++ {
		for j := range mean {
			mean[j] += part[ch*d+j]
		}
	}
	for j := range mean {
		mean[j] /= float64(n)
	}
	clear(part)
	parallel.For(n, kmChunk, func(ch, lo, hi int) {
		p := part[ch*d : (ch+1)*d]
		for i := lo; i < hi; i++ {
			for j, v := range dt.row(i) {
				e := v - mean[j]
				p[j] += e * e
			}
		}
	})
	var s float64
	for j := 0; j < d; j++ {
		var v float64
		for ch := 0; ch < nc; ch++ {
			v += part[ch*d+j]
		}
		s += v / float64(n)
	}
	return s / float64(d)
}

// kmCtxErr reports a cancelled context.
func kmCtxErr(ctx context.Context) error {
	if ctx == nil {
		return nil
	}
	return ctx.Err()
}
