package predict

// MinContribution is the smallest contribution TopValues ranks: below it
// a feature's push is rounding noise, not a reason.
const MinContribution = 1e-12

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

// TopValues is Explain's ranking for scoring loops, restricted to one
// direction and without allocating, over any values (the contributions
// of Decision.ContributionsInto, or their sums per input column): it
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
