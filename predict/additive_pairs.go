package predict

import "sort"

// pairGain ranks candidate interactions as FAST does (Lou, Caruana, Gehrke
// & Hooker, KDD 2013, section 4): with the residuals r = y - p and
// curvatures h = p(1-p) of the main-effects model, a pair's score is the
// gain of one Newton step of a lookup table on its cells, sum G^2/H, less
// the gains of its two one-dimensional margins, so that only what the cells
// add beyond the main effects counts.
type pairGain struct {
	j, k int
	gain float64
}

// rankPairs scores every pair of features whose coarse bins (bins[j][i] is
// the bin of row i in feature j, nb[j] the number of bins) have at least
// two bins each, and returns them by decreasing gain (ties by index).
func rankPairs(bins [][]uint8, nb []int, r, h []float64) []pairGain {
	d := len(bins)
	var out []pairGain
	for j := 0; j < d; j++ {
		if nb[j] < 2 {
			continue
		}
		for k := j + 1; k < d; k++ {
			if nb[k] < 2 {
				continue
			}
			out = append(out, pairGain{j, k, cellGain(bins[j], bins[k], nb[j], nb[k], r, h)})
		}
	}
	sort.SliceStable(out, func(a, b int) bool { return out[a].gain > out[b].gain })
	return out
}

// cellGain is the interaction gain of one pair (see pairGain).
func cellGain(bj, bk []uint8, mj, mk int, r, h []float64) float64 {
	G := make([]float64, mj*mk)
	H := make([]float64, mj*mk)
	for i := range r {
		c := int(bj[i])*mk + int(bk[i])
		G[c] += r[i]
		H[c] += h[i]
	}
	gj, hj := make([]float64, mj), make([]float64, mj)
	gk, hk := make([]float64, mk), make([]float64, mk)
	cells := 0.0
	for a := 0; a < mj; a++ {
		for b := 0; b < mk; b++ {
			c := a*mk + b
			cells += ratio(G[c], H[c])
			gj[a] += G[c]
			hj[a] += H[c]
			gk[b] += G[c]
			hk[b] += H[c]
		}
	}
	margins := 0.0
	for a := range gj {
		margins += ratio(gj[a], hj[a])
	}
	for b := range gk {
		margins += ratio(gk[b], hk[b])
	}
	return max(cells-margins, 0)
}

// ratio is g^2/h, 0 for an empty cell.
func ratio(g, h float64) float64 {
	if h <= 1e-12 {
		return 0
	}
	return g * g / h
}

// significant reports whether a pair's gain is more than the noise of the
// many pairs ranked: its gain is a Rao score statistic for the cells'
// coefficients beyond the margins (the gradient G and curvature H of the
// log-likelihood in each cell, the margins' share taken out), which is
// asymptotically chi-squared with (mj-1)(mk-1) degrees of freedom when
// the pair adds nothing (Rao 1948). Among tests pairs the largest such
// statistic grows with tests, so the level is Bonferroni-corrected:
// level/tests.
func significant(g pairGain, nb []int, level float64, tests int) bool {
	return exceedsChiSquared(g.gain, (nb[g.j]-1)*(nb[g.k]-1), level, tests)
}
