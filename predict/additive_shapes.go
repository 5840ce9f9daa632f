package predict

import "gonum.org/v1/gonum/stat/distuv"

// shapeCoarseBins is the coarse resolution of the shape test: few bins
// have power against a smooth curve, Bins against a step.
const shapeCoarseBins = 8

// shapedFeatures returns, for each feature, the bins of its shape: Bins
// (steps at Bins quantiles) where its departure from the linear model is
// significant, 0 (a line) elsewhere. For each feature and resolution (shapeCoarseBins
// and Bins quantile bins of its sorted values s) the statistic is
// sum over bins of G²/H, G and H the bin's sums of the linear model's
// residuals y - p and curvatures p(1-p) on the selection sample xs: Rao's
// score statistic (Rao 1948) for the bins' indicators, with the
// information of each indicator alone, asymptotically chi-squared with
// bins - 2 degrees of freedom (the intercept and the slope already
// fitted) when the feature acts linearly. Each test is at level
// TestLevel divided by the number of tests made (Bonferroni), so that among
// many features a line stays a line. A negative TestLevel shapes every
// feature; features with at most two values are lines whatever the test.
// A feature tested as a line keeps its linear part, so that a weak curve
// costs it only its bends.
func (c Additive) shapedFeatures(sorted [][]float64, xs, ys []float64, linear func([]float64) float64) []int {
	d := len(sorted)
	shaped := make([]int, d)
	if c.TestLevel <= 0 {
		for j := range shaped {
			shaped[j] = c.Bins
		}
		return shaped
	}
	res := []int{c.Bins}
	if c.Bins > shapeCoarseBins {
		res = []int{shapeCoarseBins, c.Bins}
	}
	// Features of two values are lines, untested.
	var tested []int
	for j, s := range sorted {
		if distinctAtLeast(s, 3) {
			tested = append(tested, j)
		}
	}
	tests := len(tested) * len(res)
	r, h := scoreResiduals(linear, xs, d, ys)
	for _, j := range tested {
		s := sorted[j]
		for _, bins := range res {
			edges := quantileEdges(s, bins)
			G, H := make([]float64, len(edges)+1), make([]float64, len(edges)+1)
			for i := range ys {
				b := binOf(edges, xs[i*d+j])
				G[b] += r[i]
				H[b] += h[i]
			}
			stat, used := 0.0, 0
			for b := range G {
				if H[b] > 1e-12 {
					stat += ratio(G[b], H[b])
					used++
				}
			}
			if exceedsChiSquared(stat, used-2, c.TestLevel, tests) {
				shaped[j] = c.Bins
				break
			}
		}
	}
	return shaped
}

// scoreResiduals returns the residuals y - p and curvatures p(1-p) of the
// model decide on the rows of the row-major x (d columns).
func scoreResiduals(decide func([]float64) float64, x []float64, d int, y []float64) (r, h []float64) {
	r, h = make([]float64, len(y)), make([]float64, len(y))
	for i := range y {
		p := sigmoid(decide(x[i*d : i*d+d]))
		r[i], h[i] = y[i]-p, p*(1-p)
	}
	return r, h
}

// exceedsChiSquared reports whether stat exceeds the chi-squared quantile
// with df degrees of freedom at level/tests (Bonferroni's correction for
// tests tests); false for df < 1.
func exceedsChiSquared(stat float64, df int, level float64, tests int) bool {
	if df < 1 {
		return false
	}
	return stat > distuv.ChiSquared{K: float64(df)}.Quantile(1-level/float64(max(tests, 1)))
}
