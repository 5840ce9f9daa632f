package segmenta

// nearest assigns feature rows to their nearest micro-segment centroid.
// Feature rows are sparse: one-hot, bucket and missing-indicator features
// are 0 for most accounts (one level set per categorical column), so the
// squared distance |x|² - 2x·c + |c|² is computed, for all k centroids at
// once, as |c|² plus one axpy of a row of the transposed centroid matrix
// (pre-scaled by -2) per non-zero feature of x; |x|² is the same for every
// centroid and dropped. That costs nnz(x)·k multiply-adds instead of d·k,
// and the inner loop runs over contiguous memory. The nearest centroid is
// the first of the smallest values (ties to the lower index, as
// cluster.KMeansModel.Predict). Rounding differs from a dense computation,
// so an account exactly between two centroids (to about 1e-15 relative) may
// go either way.
type nearest struct {
	k, d int
	ct   []float64 // d x k: -2 * centroid coordinates, transposed
	cn   []float64 // |c|² per centroid
}

// newNearest builds the index from k centroids of dimension d, row-major.
func newNearest(c []float64, k, d int) *nearest {
	nn := &nearest{k: k, d: d, ct: make([]float64, d*k), cn: make([]float64, k)}
	for i := 0; i < k; i++ {
		row := c[i*d : (i+1)*d]
		s := 0.0
		for j, v := range row {
			nn.ct[j*k+i] = -2 * v
			s += v * v
		}
		nn.cn[i] = s
	}
	return nn
}

// assign returns the index of the nearest centroid of x; acc is scratch of
// length k.
func (nn *nearest) assign(x, acc []float64) int {
	k := nn.k
	acc = acc[:k]
	copy(acc, nn.cn)
	for j, v := range x {
		if v == 0 {
			continue
		}
		row := nn.ct[j*k : j*k+k]
		if v == 1 { // one-hot features: no multiplication
			for c, w := range row {
				acc[c] += w
			}
			continue
		}
		c := 0
		for ; c+4 <= k; c += 4 {
			acc[c] += v * row[c]
			acc[c+1] += v * row[c+1]
			acc[c+2] += v * row[c+2]
			acc[c+3] += v * row[c+3]
		}
		for ; c < k; c++ {
			acc[c] += v * row[c]
		}
	}
	best := 0
	for c := 1; c < k; c++ {
		if acc[c] < acc[best] {
			best = c
		}
	}
	return best
}
