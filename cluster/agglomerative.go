package cluster

import (
	"context"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/segmenta/segmenta/internal/dense"
	"github.com/segmenta/segmenta/internal/kernel"
	"github.com/segmenta/segmenta/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// Errors specific to Agglomerative and Dendrogram; the shared ones
// (ErrNonFinite, ErrDimension, ErrInvalidK, ErrWeights, ErrModelFormat) are
// declared with the k-means family. All are wrapped with the row, column or
// field concerned; test with errors.Is.
var (
	// ErrUnknownLinkage: Agglomerative.Linkage names no supported method.
	ErrUnknownLinkage = errors.New("cluster: unknown linkage method")
	// ErrTooFewPoints: hierarchical clustering needs at least two points.
	ErrTooFewPoints = errors.New("cluster: too few points")
)

// Agglomerative configures hierarchical agglomerative clustering of the rows
// of a matrix under Euclidean distance. The zero value is Ward linkage.
//
// The results equal scipy.cluster.hierarchy.linkage(X, method): the same
// merges in the same order, the same heights (to rounding) and the same
// linkage-matrix layout. Up to 2048 points this includes scipy's choices
// among equal distances (checked on duplicate points and integer grids).
// Above, the faster algorithms below give the same tree whenever no two
// candidate merges tie exactly; among exact ties they may pair clusters
// differently from scipy (at the same heights).
//
// Algorithms (Müllner 2011, "Modern hierarchical, agglomerative clustering
// algorithms", arXiv:1109.2378):
//
//   - ward: nearest-neighbour chain on centroids and sizes, O(n d) memory,
//     no distance matrix; O(n^2 d) time, the searches split over cores
//     (vectorised on amd64 for any number of columns). Up to 2048 points
//     the chain runs instead on the condensed distances (at most 16 MB) with the
//     Lance-Williams update, as scipy does: the heights are the same to
//     rounding either way, but this way they round alike too, so merges
//     at equal heights (points on a grid, duplicates) pair up exactly as in
//     scipy.
//   - complete, average, weighted: nearest-neighbour chain with the
//     Lance-Williams update on the condensed distance matrix: n(n-1)/2
//     float64 (20,000 points: 1.6 GB), O(n^2) time after the distances.
//     Above 2048 points, the generic algorithm on the same matrix (see
//     centroid) replaces the chain: same tree, faster on large matrices.
//   - single: minimum spanning tree (Prim) with distances computed on the
//     fly, O(n d) memory, O(n^2 d) time.
//   - centroid, median: the generic algorithm on the condensed matrix;
//     their trees can have inversions (a merge lower than an earlier one).
type Agglomerative struct {
	// Linkage is one of "ward" (default when empty), "complete",
	// "average", "single", "weighted", "centroid" or "median".
	Linkage string
	// Weights, when set, are the initial cluster sizes (one positive
	// finite value per row): each row then stands for a cluster of that
	// many points with the row as its centroid, as when merging k-means
	// centroids with Ward's criterion. The Size column of the linkage
	// matrix holds the summed weights. Nil means every row weighs 1.
	Weights []float64
	// Float32 stores the condensed distance matrix of the linkages that
	// use one (complete, average, weighted, centroid, median, and Ward up
	// to 2,048 rows) in float32: n(n-1)/2 × 4 bytes instead of 8, so twice
	// the rows fit in the same memory. Distances and updates are still
	// computed in float64; each stored value is rounded to float32 once,
	// so heights agree with the default to about 1e-7 relative, and merges
	// whose heights differ by less than that may come in another order.
	// Single linkage and Ward above 2,048 rows hold no matrix and ignore it.
	Float32 bool
	// Progress, when set, is called from the fitting goroutine with the
	// number of merges done so far and the total (n-1), about a hundred
	// times per fit.
	Progress func(done, total int)
}

// Fit clusters the rows of X and returns the dendrogram.
func (a Agglomerative) Fit(X mat.Matrix) (*Dendrogram, error) {
	return a.FitContext(context.Background(), X)
}

// FitContext is Fit with cancellation: it returns ctx.Err() soon after ctx
// is done.
func (a Agglomerative) FitContext(ctx context.Context, X mat.Matrix) (*Dendrogram, error) {
	method, err := hcParseMethod(a.Linkage)
	if err != nil {
		return nil, fmt.Errorf("Agglomerative.Linkage: %w", err)
	}
	data, n, d, err := hcDense(X)
	if err != nil {
		return nil, err
	}
	if n < 2 {
		return nil, fmt.Errorf("%w: %d rows, need at least 2", ErrTooFewPoints, n)
	}
	for k, v := range data {
		if math.Abs(v) > hcMaxAbs {
			return nil, fmt.Errorf("%w: |value| %g > %g at row %d, column %d: squared distances would overflow; rescale the input",
				ErrNonFinite, v, hcMaxAbs, k/d, k%d)
		}
	}
	size := make([]float64, n)
	for i := range size {
		size[i] = 1
	}
	var weights []float64 // the caller's, copied
	if a.Weights != nil {
		if len(a.Weights) != n {
			return nil, fmt.Errorf("%w: Agglomerative.Weights has %d values for %d rows", ErrWeights, len(a.Weights), n)
		}
		for i, w := range a.Weights {
			if !(w > 0) || math.IsInf(w, 0) {
				return nil, fmt.Errorf("%w: Agglomerative.Weights[%d] = %v, want finite and > 0", ErrWeights, i, w)
			}
		}
		copy(size, a.Weights)
		weights = append(weights, a.Weights...)
	}
	progress := hcProgress(a.Progress, n-1)

	var merges []Merge
	var done bool
	switch {
	case method == hcWard && n > hcWardCondensedMax:
		merges, err = hcWardNNChain(ctx, data, n, d, size, progress)
	case method == hcSingle:
		merges, err = hcPrimSingle(ctx, data, n, d, progress)
	case a.Float32:
		merges, done, err = hcMatrix[float32](ctx, data, n, d, method, size, progress)
	default:
		merges, done, err = hcMatrix[float64](ctx, data, n, d, method, size, progress)
	}
	if done && err == nil {
		if err := hcCheckOverflow(merges); err != nil {
			return nil, err
		}
		return &Dendrogram{method: method.String(), n: n, merges: merges, weights: weights}, nil
	}
	if err != nil {
		return nil, err
	}
	if err := hcCheckOverflow(merges); err != nil {
		return nil, err
	}
	return hcFinish(method, merges, n, weights), nil
}

// hcMatrix runs the linkages that work on the condensed distance matrix,
// stored in precision F. done means the merges are final (scipy's ids, in
// the order found: centroid and median linkage, whose trees can have
// inversions); otherwise they go through hcFinish.
func hcMatrix[F hcFloat](ctx context.Context, data []float64, n, d int, method hcMethod, size []float64, progress func(int)) (merges []Merge, done bool, err error) {
	D := hcPdist[F](data, n, d, method, size)
	switch {
	case !method.reducible():
		merges, err = hcGeneric(ctx, D, n, method, size, true, progress)
		return merges, true, err
	case n <= hcChainMax || method == hcWard:
		merges, err = hcNNChain(ctx, D, n, method, size, progress)
	default:
		merges, err = hcGeneric(ctx, D, n, method, size, false, progress)
	}
	return merges, false, err
}

// hcWardCondensedMax is the largest n for which Ward linkage runs on the
// condensed distance matrix (8 n^2/2 bytes: 16 MB) rather than on centroids.
const hcWardCondensedMax = 2048

// hcChainMax is the largest n for which complete, average and weighted
// linkage use the nearest-neighbour chain, like scipy, so that merges at
// equal heights pair up as scipy pairs them. Above it the matrix outgrows
// the caches and the generic algorithm, whose searches read contiguous
// rows, is faster (avg20k: about 2.5x); both give the same tree when no two
// distances tie.
const hcChainMax = 2048

// hcMaxAbs bounds input values so that squared distances, times cluster
// sizes, stay far from float64 overflow.
const hcMaxAbs = 1e100

// hcCheckOverflow rejects trees whose heights overflowed float64 (inputs
// near 1e154 and beyond square to +Inf).
func hcCheckOverflow(merges []Merge) error {
	for _, m := range merges {
		if math.IsInf(m.Height, 0) || math.IsNaN(m.Height) {
			return fmt.Errorf("%w: a merge height overflowed float64; rescale the input", ErrNonFinite)
		}
	}
	return nil
}

// hcProgress throttles the user's callback to about a hundred calls.
func hcProgress(f func(done, total int), total int) func(int) {
	if f == nil {
		return nil
	}
	step := max(1, (total+99)/100)
	return func(done int) {
		if done%step == 0 || done == total {
			f(done, total)
		}
	}
}

// hcDense copies X into a row-major slice, rejecting NaN and Inf.
func hcDense(X mat.Matrix) ([]float64, int, int, error) {
	n, d := X.Dims()
	if n == 0 || d == 0 {
		return nil, n, d, fmt.Errorf("%w: %d x %d matrix", ErrTooFewPoints, n, d)
	}
	data := dense.RowMajor(X, false) // a copy: the Ward search overwrites it
	if err := dense.CheckFinite(data, d); err != nil {
		return nil, n, d, err
	}
	return data, n, d, nil
}

// hcPdist fills the condensed vector of Euclidean distances between rows
// (scipy's pdist layout), in parallel over fixed blocks of rows. With
// weights and Ward's method the initial distances are the weighted Ward
// distances; other methods use the plain Euclidean distance.
func hcPdist[F hcFloat](data []float64, n, d int, m hcMethod, size []float64) []F {
	D := make([]F, n*(n-1)/2)
	hcHugePages(D)
	t := kernel.Transpose4(data, n, d)
	d64, direct := any(D).([]float64)
	bufs := sync.Pool{New: func() any { b := make([]float64, n); return &b }}
	parallel.For(n, 16, func(_, lo, hi int) {
		var buf []float64
		if !direct {
			p := bufs.Get().(*[]float64)
			defer bufs.Put(p)
			buf = *p
		}
		for i := lo; i < hi; i++ {
			// Row i holds d(i, j) for j > i, from position base+i+1.
			base := n*i - i*(i+1)/2 - i - 1
			dst := D[base+i+1 : base+n]
			var row []float64
			if direct {
				row = d64[base+i+1 : base+n]
			} else {
				row = buf[:len(dst)]
			}
			hcPdistRow(data, t, n, d, i, row)
			if m == hcWard {
				for j := i + 1; j < n; j++ {
					if size[i] != 1 || size[j] != 1 {
						row[j-i-1] *= math.Sqrt(2 * size[i] * size[j] / (size[i] + size[j]))
					}
				}
			}
			if !direct {
				for k, v := range row {
					dst[k] = F(v)
				}
			}
		}
	})
	return D
}

// hcPdistRow sets row[j-i-1] to the Euclidean distance between rows i and
// j of data, for every j > i; t is data transposed by blocks of four rows.
func hcPdistRow(data, t []float64, n, d, i int, row []float64) {
	xi := data[i*d : i*d+d]
	off := i + 1
	j := off
	for ; j%4 != 0 && j < n; j++ {
		row[j-off] = kernel.Euclid(xi, data[j*d:j*d+d])
	}
	if nb := (n - j) / 4; nb > 0 { // whole blocks of 4 rows
		kernel.EuclidBlocks(xi, t[j*d:], row[j-off:j-off+4*nb])
		j += 4 * nb
	}
	for ; j < n; j++ {
		row[j-off] = kernel.Euclid(xi, data[j*d:j*d+d])
	}
}
