package cluster

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/segmenta/segmenta/internal/kernel"
	"gonum.org/v1/gonum/mat"
)

// maxRefineIter bounds the Lloyd iterations of refineCut; they stop as
// soon as no micro-segment changes macro-segment, which takes a handful.
const maxRefineIter = 100

// refineCut improves a cut of the micro-segment centroids (rows of cx,
// weighted by their sizes w) into macro segments with weighted Lloyd
// iterations started from it: each micro-segment joins the macro-segment
// whose weighted centroid is nearest (ties to the lower label), until
// nothing moves. This is the hybrid of Ward's method and k-means that uses
// the hierarchical partition to start k-means (Milligan, "An examination of
// the effect of six types of error perturbation on fifteen clustering
// algorithms", Psychometrika 45, 1980; Chen, Ching and Lin, "An
// improved algorithm for clustering gene expression data", Bioinformatics
// 2005): Ward's merges commit early to a boundary that depends on the
// micro-segments a seed drew, whereas a k-means fixed point puts the
// boundary half way between macro centroids, which barely move between
// seeds, so refits keep their accounts in the same segment. The weighted
// k-means objective never increases. An iteration that would empty a
// macro-segment is not taken.
func refineCut(cx *mat.Dense, w []float64, cut []int, macro int) []int {
	n, d := cx.Dims()
	lab := append([]int(nil), cut...)
	next := make([]int, n)
	cent := make([]float64, macro*d)
	wsum := make([]float64, macro)
	count := make([]int, macro)
	for range maxRefineIter {
		clear(cent)
		clear(wsum)
		for i, g := range lab {
			row := cx.RawRowView(i)
			for k, v := range row {
				cent[g*d+k] += w[i] * v
			}
			wsum[g] += w[i]
		}
		for g := range macro {
			if wsum[g] > 0 {
				for k := range d {
					cent[g*d+k] /= wsum[g]
				}
			}
		}
		clear(count)
		moved := false
		for i := range n {
			row := cx.RawRowView(i)
			best, bd := lab[i], math.Inf(1)
			for g := range macro {
				if wsum[g] == 0 {
					continue
				}
				if v := kernel.SqDist(row, cent[g*d:(g+1)*d]); v < bd {
					best, bd = g, v
				}
			}
			next[i] = best
			count[best]++
			moved = moved || best != lab[i]
		}
		if !moved || hasZero(count, wsum) {
			break
		}
		lab, next = next, lab
	}
	return lab
}

// hasZero reports whether a macro-segment that had weight lost every
// micro-segment.
func hasZero(count []int, wsum []float64) bool {
	for g, c := range count {
		if c == 0 && wsum[g] > 0 {
			return true
		}
	}
	return false
}

// regroup fits the micro-segments again within the macro-segments of m:
// every row joins its nearest macro centroid, and each macro-segment gets
// its share of the micro micro-segments (at least one) from k-means over
// its own rows. Assigned through micro-segments that straddle a boundary
// (most do in many dimensions: a micro-segment's centroid and its rows'
// nearest macro centroids disagree for about 6% of the rows of the
// synthetic accounts), a row's macro-segment depends on where a seed put
// the micro centroids; micro-segments inside one macro-segment each bring
// the macro boundary of the stable macro centroids to Predict. The Ward
// tree is rebuilt over the new micro centroids (its cut is no longer the
// macro-segments, which come from the refined cut).
func (mm MicroMacro) regroup(ctx context.Context, X mat.Matrix, m *MicroMacroModel, micro int) (*MicroMacroModel, error) {
	n, d := X.Dims()
	mc := m.MacroCentroids()
	group, err := newKMeansModel(mc.RawMatrix().Data, m.macro, d).Predict(X)
	if err != nil {
		return nil, fmt.Errorf("micromacro: %w", err)
	}
	rows := make([][]int, m.macro)
	for i, g := range group {
		rows[g] = append(rows[g], i)
	}
	ks := shareOut(micro, rows, n)
	var cent []float64
	var toMacro []int
	for g, r := range rows {
		if len(r) == 0 {
			continue
		}
		sub := mat.NewDense(len(r), d, nil)
		for k, i := range r {
			for j := range d {
				sub.Set(k, j, X.At(i, j))
			}
		}
		km, err := KMeans{K: ks[g], Seed: mm.Seed ^ splitSeed(g), MaxIter: mm.MaxIter, Tol: mm.Tol}.FitContext(ctx, sub)
		if errors.Is(err, ErrTooFewDistinct) {
			km, err = KMeans{K: 1, Seed: mm.Seed}.FitContext(ctx, sub)
		}
		if err != nil {
			return nil, fmt.Errorf("micromacro: regroup: %w", err)
		}
		cent = append(cent, km.Centroids().RawMatrix().Data...)
		for range km.K() {
			toMacro = append(toMacro, g)
		}
	}
	km := newKMeansModel(cent, len(toMacro), d)
	labels, err := km.Predict(X)
	if err != nil {
		return nil, fmt.Errorf("micromacro: %w", err)
	}
	km.labels = labels
	sizes := make([]float64, km.k)
	for _, l := range labels {
		sizes[l]++
	}
	leaves, w := nonEmpty(sizes)
	cx := mat.NewDense(len(leaves), d, nil)
	for i, j := range leaves {
		cx.SetRow(i, km.c[j*d:(j+1)*d])
	}
	tree, err := Agglomerative{Weights: w}.FitContext(ctx, cx)
	if err != nil {
		return nil, fmt.Errorf("micromacro: regroup: %w", err)
	}
	return &MicroMacroModel{micro: km, tree: tree, leaves: leaves, toMacro: toMacro, sizes: sizes, macro: m.macro}, nil
}

// shareOut divides micro micro-segments among the groups of rows in
// proportion to their sizes by largest remainders (Hamilton's method; ties
// to the lower group), at least one per non-empty group and at most its
// rows.
func shareOut(micro int, rows [][]int, n int) []int {
	ks := make([]int, len(rows))
	rem := make([]float64, len(rows))
	left := micro
	for g, r := range rows {
		q := float64(micro) * float64(len(r)) / float64(n)
		ks[g] = int(q)
		rem[g] = q - float64(ks[g])
		left -= ks[g]
	}
	for ; left > 0; left-- {
		best := -1
		for g, r := range rows {
			if ks[g] < len(r) && (best < 0 || rem[g] > rem[best]) {
				best = g
			}
		}
		if best < 0 {
			break
		}
		ks[best]++
		rem[best] = -1
	}
	for g, r := range rows {
		ks[g] = min(len(r), max(ks[g], min(1, len(r))))
	}
	return ks
}

// splitSeed gives macro-segment g's k-means a seed of its own.
func splitSeed(g int) uint64 { return 0x9e3779b97f4a7c15 * uint64(g+1) }
