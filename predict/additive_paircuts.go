package predict

import "slices"

// pairCutBins is the number of quantile bins whose edges are the candidate
// cuts of a pair (see pairCuts): a cut lands within 1/64 of the rows of a
// threshold, and the search, which takes the best of the candidates, has
// few enough of them not to chase noise on a few thousand rows.
const pairCutBins = 64

// pairCuts places the cuts of a pair's cells where the interaction is, as
// FAST searches them (Lou, Caruana, Gehrke & Hooker, KDD 2013, section
// 4.1): on the residuals r and curvatures h of the main-effects model,
// with cumulative sums over fine bins, first the best cut on each feature
// taken together, then one cut at a time on either feature, each where the
// cells gain most (sum G^2/H over the cells less that of their margins, as
// in cellGain), up to per cuts per feature. A further cut is made only
// when its gain is significant at level, Bonferroni-corrected for the
// candidates (see exceedsChiSquared; level <= 0 tests nothing). candJ and
// candK are the candidate cuts (quantileEdges of each column), vj and vk
// the columns. It returns nil when no cut gains.
//
// Why not quantiles: a quartile grid puts a threshold inside a cell, which
// then averages both sides of it; two cuts in the right places hold an
// AND of two thresholds exactly, in four cells a reader can check.
func pairCuts(vj, vk, candJ, candK, r, h []float64, per int, level float64) (cutsJ, cutsK []float64) {
	g := newFineGrid(vj, vk, candJ, candK, r, h)
	// Boundaries as fine-bin indexes, with the sentinels 0 and F.
	bj, bk := []int{0, g.fj}, []int{0, g.fk}
	best, ba, bb := 0.0, 0, 0
	for a := 1; a < g.fj; a++ {
		for b := 1; b < g.fk; b++ {
			if v := g.gain([]int{0, a, g.fj}, []int{0, b, g.fk}); v > best {
				best, ba, bb = v, a, b
			}
		}
	}
	if ba == 0 {
		return nil, nil
	}
	bj, bk = insertSorted(bj, ba), insertSorted(bk, bb)
	for {
		nj, nk, next := bj, bk, best
		for _, c := range furtherCuts(bj, g.fj, per) {
			if v := g.gain(c, bk); v > next {
				nj, nk, next = c, bk, v
			}
		}
		for _, c := range furtherCuts(bk, g.fk, per) {
			if v := g.gain(bj, c); v > next {
				nj, nk, next = bj, c, v
			}
		}
		// A cut on one feature adds an interaction coefficient per cut on
		// the other (its new cells less its new margin).
		df := len(bk) - 2
		if len(nk) > len(bk) {
			df = len(bj) - 2
		}
		if next == best || level > 0 && !exceedsChiSquared(next-best, df, level, g.fj+g.fk-2) {
			return edgesAt(candJ, bj), edgesAt(candK, bk)
		}
		bj, bk, best = nj, nk, next
	}
}

// furtherCuts returns the boundaries b (sorted fine-bin indexes from 0 to
// f) with one more inner boundary, each way not yet in b; none when b
// already holds per inner boundaries.
func furtherCuts(b []int, f, per int) [][]int {
	if len(b)-2 >= per {
		return nil
	}
	var out [][]int
	for a := 1; a < f; a++ {
		if !slices.Contains(b, a) {
			out = append(out, insertSorted(b, a))
		}
	}
	return out
}

// fineGrid holds the cumulative sums of r and h over a pair's fine cells:
// G[a*(fk+1)+b] is the sum over the rows in fine bins below a (feature j)
// and below b (feature k).
type fineGrid struct {
	fj, fk int
	G, H   []float64
}

func newFineGrid(vj, vk, candJ, candK, r, h []float64) *fineGrid {
	g := &fineGrid{fj: len(candJ) + 1, fk: len(candK) + 1}
	w := g.fk + 1
	g.G, g.H = make([]float64, (g.fj+1)*w), make([]float64, (g.fj+1)*w)
	for i := range r {
		c := (binOf(candJ, vj[i])+1)*w + binOf(candK, vk[i]) + 1
		g.G[c] += r[i]
		g.H[c] += h[i]
	}
	for a := 1; a <= g.fj; a++ {
		for b := 1; b <= g.fk; b++ {
			c := a*w + b
			g.G[c] += g.G[c-w] + g.G[c-1] - g.G[c-w-1]
			g.H[c] += g.H[c-w] + g.H[c-1] - g.H[c-w-1]
		}
	}
	return g
}

// rect is the ratio G^2/H of the fine bins [a0, a1) x [b0, b1).
func (g *fineGrid) rect(a0, a1, b0, b1 int) float64 {
	w := g.fk + 1
	G := g.G[a1*w+b1] - g.G[a0*w+b1] - g.G[a1*w+b0] + g.G[a0*w+b0]
	H := g.H[a1*w+b1] - g.H[a0*w+b1] - g.H[a1*w+b0] + g.H[a0*w+b0]
	return ratio(G, H)
}

// gain is cellGain of the cells between the boundaries bj and bk (sorted
// fine-bin indexes from 0 to fj, resp. fk).
func (g *fineGrid) gain(bj, bk []int) float64 {
	v := 0.0
	for p := 1; p < len(bj); p++ {
		for q := 1; q < len(bk); q++ {
			v += g.rect(bj[p-1], bj[p], bk[q-1], bk[q])
		}
		v -= g.rect(bj[p-1], bj[p], 0, g.fk)
	}
	for q := 1; q < len(bk); q++ {
		v -= g.rect(0, g.fj, bk[q-1], bk[q])
	}
	return v
}

// insertSorted returns a copy of the sorted s with v in its place.
func insertSorted(s []int, v int) []int {
	i, _ := slices.BinarySearch(s, v)
	return slices.Insert(slices.Clone(s), i, v)
}

// edgesAt returns the candidate edges at the inner boundaries b (fine-bin
// index a is the bin above edge a-1).
func edgesAt(cand []float64, b []int) []float64 {
	out := make([]float64, 0, len(b)-2)
	for _, a := range b[1 : len(b)-1] {
		out = append(out, cand[a-1])
	}
	return out
}
