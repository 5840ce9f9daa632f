package predict

// minContribution is the smallest contribution TopContributions ranks:
// below it a feature's push is rounding noise, not a reason.
const minContribution = 1e-12

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
	k, kmax := 0, len(top)
	if kmax == 0 {
		return 0
	}
	c = c[:kmax]
	x = x[:len(m.coef)]
	// One branch per feature, rarely taken once kmax features are found: a
	// contribution must beat thr, the smallest kept so far.
	thr := minContribution
	for j, w := range m.coef {
		v := x[j]
		if m.means != nil {
			v -= m.means[j]
		}
		cj := w * v
		if lower {
			cj = -cj
		}
		if cj <= thr {
			continue
		}
		p := min(k, kmax-1)
		if k < kmax {
			k++
		}
		for p > 0 && c[p-1] < cj {
			top[p], c[p] = top[p-1], c[p-1]
			p--
		}
		top[p], c[p] = j, cj
		if k == kmax {
			thr = c[k-1]
		}
	}
	return k
}
