package predict

// MinContribution is the smallest contribution TopContributions and
// TopValues rank: below it a feature's push is rounding noise, not a
// reason.
const MinContribution = 1e-12

// TopContributions is Explain's ranking for scoring loops, restricted to one
// direction and without allocating: it writes to top the indexes of the (up
// to len(top)) features whose contributions c_j = coef_j (x_j - mean_j)
// raise the log-odds of the account x most above those of the average
// training account (lower them most when lower is set, ranking by -c_j),
// largest first, ties to the lower index, and returns how many it wrote.
// Contributions of 1e-12 or less (in the chosen direction) are not listed.
// Without training means the baseline is the zero vector. c is scratch of
// at least len(top) values; x must hold one value per feature.
func (m *LogisticModel) TopContributions(x []float64, lower bool, top []int, c []float64) int {
	if len(top) == 0 {
		return 0
	}
	r := ranking{top: top, c: c[:len(top)]}
	sign := 1.0
	if lower {
		sign = -1
	}
	// One comparison per feature, rarely passed once len(top) features are
	// kept: a contribution must beat thr, the smallest kept so far.
	thr := MinContribution
	x = x[:len(m.coef)]
	if m.means == nil {
		for j, w := range m.coef {
			if cj := sign * w * x[j]; cj > thr {
				thr = r.add(j, cj)
			}
		}
		return r.k
	}
	means := m.means[:len(m.coef)]
	for j, w := range m.coef {
		if cj := sign * w * (x[j] - means[j]); cj > thr {
			thr = r.add(j, cj)
		}
	}
	return r.k
}

// ranking keeps the k largest contributions seen, largest first.
type ranking struct {
	top []int
	c   []float64
	k   int
}

// add inserts feature j with contribution cj (which beats the smallest
// kept when the ranking is full) and returns the threshold a later
// contribution must beat.
func (r *ranking) add(j int, cj float64) float64 {
	kmax := len(r.top)
	p := min(r.k, kmax-1)
	if r.k < kmax {
		r.k++
	}
	// Equal contributions keep feature order: only a larger one moves up.
	for p > 0 && r.c[p-1] < cj {
		r.top[p], r.c[p] = r.top[p-1], r.c[p-1]
		p--
	}
	r.top[p], r.c[p] = j, cj
	if r.k == kmax {
		return r.c[kmax-1]
	}
	return MinContribution
}

// TopValues ranks values as TopContributions ranks contributions: it
// writes to top the indexes of the (up to len(top)) largest v_j (largest
// -v_j when lower is set) above MinContribution, largest first, ties to
// the lower index, and returns how many it wrote. c is scratch of at least
// len(top) values.
func TopValues(v []float64, lower bool, top []int, c []float64) int {
	if len(top) == 0 {
		return 0
	}
	r := ranking{top: top, c: c[:len(top)]}
	thr := MinContribution
	if lower {
		for j, x := range v {
			if -x > thr {
				thr = r.add(j, -x)
			}
		}
		return r.k
	}
	for j, x := range v {
		if x > thr {
			thr = r.add(j, x)
		}
	}
	return r.k
}
