package cluster

import (
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// mmCheckColumns checks a column subset of d columns: strictly increasing
// indexes in [0, d), at least one.
func mmCheckColumns(cols []int, d int) error {
	if cols == nil {
		return nil
	}
	if len(cols) == 0 {
		return fmt.Errorf("%w: an empty column subset (nil clusters on every column)", ErrConfig)
	}
	for i, c := range cols {
		if c < 0 || c >= d || (i > 0 && c <= cols[i-1]) {
			return fmt.Errorf("%w: column subset %v: want increasing indexes in [0, %d)", ErrDimension, cols, d)
		}
	}
	return nil
}

// mmSelect returns the columns cols of X (X itself when cols is nil).
func mmSelect(X mat.Matrix, cols []int) mat.Matrix {
	if cols == nil {
		return X
	}
	n, _ := X.Dims()
	out := mat.NewDense(n, len(cols), nil)
	for i := 0; i < n; i++ {
		r := out.RawRowView(i)
		for p, c := range cols {
			r[p] = X.At(i, c)
		}
	}
	return out
}

// mmEmbed returns km, fitted on the columns cols of d-column data, as a
// model of all d columns whose centroids are 0 outside cols. Its nearest
// centroid of a full row is the nearest centroid of the row's cols alone,
// bit for bit: the rank ||c||² - 2·x·c sums in coordinate order, and a zero
// coordinate adds an exact zero to both sums (also in a fused
// multiply-add). So Predict, the batch scorer and generated SQL need no
// notion of the subset.
func mmEmbed(km *KMeansModel, cols []int, d int) *KMeansModel {
	k, sd := km.k, km.d
	c := make([]float64, k*d)
	for j := 0; j < k; j++ {
		for p, col := range cols {
			c[j*d+col] = km.c[j*sd+p]
		}
	}
	e := newKMeansModel(c, k, d)
	e.labels, e.inertia, e.nIter, e.algorithm = km.labels, km.inertia, km.nIter, km.algorithm
	return e
}

// mmCheckEmbedded checks that the centroids of a loaded model are 0 outside
// its column subset.
func mmCheckEmbedded(km *KMeansModel, cols []int) error {
	if cols == nil {
		return nil
	}
	if err := mmCheckColumns(cols, km.d); err != nil {
		return fmt.Errorf("%w: micromacro: %w", ErrCorrupt, err)
	}
	in := make([]bool, km.d)
	for _, c := range cols {
		in[c] = true
	}
	for j := 0; j < km.k; j++ {
		for p := 0; p < km.d; p++ {
			if !in[p] && km.c[j*km.d+p] != 0 {
				return fmt.Errorf("%w: micromacro: centroid %d has %v in column %d, outside its columns", ErrCorrupt, j, km.c[j*km.d+p], p)
			}
		}
	}
	return nil
}

// Columns returns the columns of X the model was fitted on, in increasing
// order (MicroMacro.Columns); nil means every column.
func (m *MicroMacroModel) Columns() []int { return mmClone(m.columns) }
