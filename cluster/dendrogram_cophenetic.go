package cluster

import (
	"fmt"
	"math"

	"github.com/segmenta/segmenta/internal/kernel"
	"github.com/segmenta/segmenta/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// hcMoments accumulates count, means, second moments and the co-moment of
// (Euclidean distance, cophenetic distance) pairs; blocks combine with the
// pairwise update of Chan, Golub and LeVeque (1979).
type hcMoments struct {
	n, md, mc, m2d, m2c, cdc float64
}

func (a *hcMoments) add(b hcMoments) {
	if b.n == 0 {
		return
	}
	if a.n == 0 {
		*a = b
		return
	}
	n := a.n + b.n
	dd, dc := b.md-a.md, b.mc-a.mc
	f := a.n * b.n / n
	a.md += dd * b.n / n
	a.mc += dc * b.n / n
	a.m2d += b.m2d + dd*dd*f
	a.m2c += b.m2c + dc*dc*f
	a.cdc += b.cdc + dd*dc*f
	a.n = n
}

// Cophenetic returns the cophenetic correlation coefficient: Pearson's
// correlation, over all pairs of points, between their Euclidean distance in
// X and the height at which the tree joins them (scipy's cophenet(Z,
// pdist(X))[0]). Pairs are streamed from the tree, so memory stays O(n d)
// and time is O(n^2 d); no n x n matrix is formed. It is NaN when either
// set of distances is constant (for example all points equal).
func (t *Dendrogram) Cophenetic(X mat.Matrix) (float64, error) {
	data, n, d, err := hcDense(X)
	if err != nil {
		return 0, err
	}
	if n != t.n {
		return 0, fmt.Errorf("%w: Cophenetic got %d rows, the tree has %d points", ErrDimension, n, t.n)
	}
	// Points in leaf order: every subtree is a contiguous run.
	order := t.LeafOrder()
	pts := make([]float64, n*d)
	for p, i := range order {
		copy(pts[p*d:p*d+d], data[i*d:i*d+d])
	}
	count := make([]int, len(t.merges))
	leaves := func(c int) int {
		if c < n {
			return 1
		}
		return count[c-n]
	}
	for i, m := range t.merges {
		count[i] = leaves(m.A) + leaves(m.B)
	}
	start := make([]int, len(t.merges))
	var total hcMoments
	for i := len(t.merges) - 1; i >= 0; i-- { // parents before children
		m := t.merges[i]
		la := leaves(m.A)
		if m.A >= n {
			start[m.A-n] = start[i]
		}
		if m.B >= n {
			start[m.B-n] = start[i] + la
		}
		total.add(hcBlockMoments(pts, d, start[i], la, start[i]+la, leaves(m.B), m.Height))
	}
	return total.cdc / math.Sqrt(total.m2d*total.m2c), nil
}

// hcBlockMoments sums the distances between points [a, a+na) and [b, b+nb)
// of pts, all at cophenetic distance h. Rows of the first run are split in
// fixed chunks and reduced in chunk order, so the result does not depend on
// the number of workers.
func hcBlockMoments(pts []float64, d, a, na, b, nb int, h float64) hcMoments {
	const rows = 64
	nc := (na + rows - 1) / rows
	parts := make([]hcMoments, nc)
	work := func(c, lo, hi int) {
		// Shifted sums about h are accurate when h is near the mean.
		var s1, s2 float64
		for i := a + lo; i < a+hi; i++ {
			pi := pts[i*d : i*d+d]
			for j := b; j < b+nb; j++ {
				v := kernel.Euclid(pi, pts[j*d:j*d+d]) - h
				s1 += v
				s2 += v * v
			}
		}
		m := float64((hi - lo) * nb)
		parts[c] = hcMoments{n: m, md: h + s1/m, mc: h, m2d: max(0, s2-s1*s1/m)}
	}
	if na*nb < 1<<15 {
		for c := 0; c < nc; c++ {
			work(c, c*rows, min(na, (c+1)*rows))
		}
	} else {
		parallel.For(na, rows, work)
	}
	var out hcMoments
	for _, p := range parts {
		out.add(p)
	}
	return out
}
