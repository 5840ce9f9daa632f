package predict

// Decision is a fitted binary model as scoring and explaining read it: the
// log-odds of a row of features and each feature's part of it.
// *LogisticModel and *AdditiveModel implement it; both are safe for
// concurrent use.
type Decision interface {
	// NumFeatures is the number of values a row holds.
	NumFeatures() int
	// DecisionRow is the log-odds of one row.
	DecisionRow(x []float64) float64
	// ContributionsInto writes to c (len NumFeatures) each feature's part
	// of DecisionRow(x) relative to a typical training account and returns
	// the log-odds of that typical account: the baseline plus the
	// contributions is DecisionRow(x), up to rounding.
	ContributionsInto(c, x []float64) (baseline float64)
}

// NumFeatures is the number of coefficients.
func (m *LogisticModel) NumFeatures() int { return len(m.coef) }

// ContributionsInto writes coef_j (x_j - mean_j) to c[j] and returns
// intercept + coef·means, the log-odds at the training means (zero means
// when the model has none): see Decision.
func (m *LogisticModel) ContributionsInto(c, x []float64) float64 {
	b := m.intercept
	for j, w := range m.coef {
		mu := 0.0
		if m.means != nil {
			mu = m.means[j]
		}
		b += w * mu
		c[j] = w * (x[j] - mu)
	}
	return b
}

// ContributionsInto is Contributions without allocating: it writes to c
// (len NumFeatures) and returns Baseline (see Decision).
func (m *AdditiveModel) ContributionsInto(c, x []float64) float64 {
	for j := range m.terms {
		t := &m.terms[j]
		c[j] = t.value(x[j], m.coef[t.Offset:]) - t.Mean
	}
	for _, p := range m.pairs {
		v := (m.coef[p.Offset+p.cell(x[p.J], x[p.K])] - p.Mean) / 2
		c[p.J] += v
		c[p.K] += v
	}
	return m.Baseline()
}
