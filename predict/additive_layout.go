package predict

// AdditiveTerm is the shape of one feature of an AdditiveModel as plain
// arithmetic, for code that evaluates the model elsewhere (SQL, say):
// its value at x is Weights[0]·(x − Center)/Scale, then plus Weights[1+k]
// for each k, in order, with Edges[k] ≤ x. Mean is its value for a
// typical training account (its contribution is the value less Mean).
type AdditiveTerm struct {
	Center, Scale float64
	Edges         []float64
	Weights       []float64
	Mean          float64
}

// AdditivePair is one interaction of features J and K: its value at
// (xj, xk) is Cells[bj·(len(CutsK)+1) + bk], where bj is the number of
// CutsJ at or below xj and bk that of CutsK at or below xk. Mean is its
// value for a typical training account; half of value less Mean goes to
// each of J's and K's contributions.
type AdditivePair struct {
	J, K         int
	CutsJ, CutsK []float64
	Cells        []float64
	Mean         float64
}

// Layout returns the model as arithmetic: the intercept, a term per
// feature and the pairs. DecisionRow(x) is the intercept, plus each
// term's value in feature order, plus each pair's value in order (copies:
// the model is not changed through them).
func (m *AdditiveModel) Layout() (intercept float64, terms []AdditiveTerm, pairs []AdditivePair) {
	clone := func(v []float64) []float64 { return append([]float64(nil), v...) }
	terms = make([]AdditiveTerm, len(m.terms))
	for j, t := range m.terms {
		terms[j] = AdditiveTerm{Center: t.Center, Scale: t.Scale, Edges: clone(t.Edges),
			Weights: clone(m.coef[t.Offset : t.Offset+t.width()]), Mean: t.Mean}
	}
	pairs = make([]AdditivePair, len(m.pairs))
	for q, p := range m.pairs {
		pairs[q] = AdditivePair{J: p.J, K: p.K, CutsJ: clone(p.CutsJ), CutsK: clone(p.CutsK),
			Cells: clone(m.coef[p.Offset : p.Offset+p.width()]), Mean: p.Mean}
	}
	return m.intercept, terms, pairs
}
