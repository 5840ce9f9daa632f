// Package dense turns a gonum matrix into the row-major slice the fitting
// code of cluster and predict works on, and checks that every value is
// finite, reporting the first bad cell in row order.
package dense

import (
	"fmt"
	"math"

	"github.com/segmenta/segmenta/internal/errs"
	"github.com/segmenta/segmenta/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// RowMajor returns the n x d entries of X row after row. When alias is
// true and X's storage is already one contiguous row-major block (a
// *mat.Dense that is not a column view), the result is that storage itself,
// which the caller must only read; otherwise it is a copy.
func RowMajor(X mat.Matrix, alias bool) []float64 {
	n, d := X.Dims()
	rm, raw := X.(mat.RawMatrixer)
	if raw && alias && rm.RawMatrix().Stride == d {
		return rm.RawMatrix().Data[:n*d]
	}
	x := make([]float64, n*d)
	if raw {
		r := rm.RawMatrix()
		for i := 0; i < n; i++ {
			copy(x[i*d:i*d+d], r.Data[i*r.Stride:i*r.Stride+d])
		}
		return x
	}
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			x[i*d+j] = X.At(i, j)
		}
	}
	return x
}

// checkRows is the number of rows per chunk of the parallel check; the
// answer (the first bad cell in row order) does not depend on it.
const checkRows = 4096

// CheckFinite returns nil when every value of x (rows of d values) is
// finite, else a *errs.ColumnError locating the first NaN or ±Inf in row
// order (Column the column index), wrapping errs.ErrNonFinite.
func CheckFinite(x []float64, d int) error {
	if d == 0 {
		return nil
	}
	n := len(x) / d
	bad := make([]int, parallel.Chunks(n, checkRows))
	parallel.For(n, checkRows, func(c, lo, hi int) {
		bad[c] = -1
		if AllFinite(x[lo*d : hi*d]) {
			return
		}
		for k, v := range x[lo*d : hi*d] {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				bad[c] = lo*d + k
				return
			}
		}
	})
	for _, k := range bad {
		if k >= 0 {
			return errs.Cell(k/d, k%d, fmt.Errorf("value %v: %w", x[k], errs.ErrNonFinite))
		}
	}
	return nil
}

// AllFinite reports whether every value of x is finite, without a branch
// per value: v - v is 0 for a finite v and NaN otherwise, and a NaN
// poisons the sum.
func AllFinite(x []float64) bool {
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(x); i += 4 {
		s0 += x[i] - x[i]
		s1 += x[i+1] - x[i+1]
		s2 += x[i+2] - x[i+2]
		s3 += x[i+3] - x[i+3]
	}
	for ; i < len(x); i++ {
		s0 += x[i] - x[i]
	}
	return s0+s1+s2+s3 == 0
}
