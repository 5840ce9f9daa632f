package predict

import (
	"math"
	"sort"
)

// term is the shape of one input feature: a standardised linear part plus
// steps 1[x >= Edges[k]] at quantiles. Under the L2 penalty a step
// coefficient is the jump between neighbouring bins, so the ridge penalty
// on the steps is the first-difference smoothness penalty on the bin
// values (Eilers & Marx's P-splines of degree 0); the linear part lets a
// strongly penalised shape fall back to a straight line, not to a flat one.
type term struct {
	Center float64   `json:"center"`
	Scale  float64   `json:"scale"`
	Edges  []float64 `json:"edges,omitempty"` // nil: linear only (a 0/1 feature)
	// Mean is the training mean of the term's contribution, so that the
	// contributions of an account are relative to a typical account.
	Mean float64 `json:"mean"`
	// Offset is the term's first column in the expanded design.
	Offset int `json:"offset"`
}

// width is the number of design columns of t.
func (t *term) width() int { return 1 + len(t.Edges) }

// code is x's standardised value and its bin: the number of edges at or
// below it, so that step k is 1 exactly for k < bin.
func (t *term) code(x float64) (value float64, bin int) {
	return (x - t.Center) / t.Scale, binOf(t.Edges, x)
}

// expand writes the design columns of value x into z: the value, then the
// thermometer of its bin.
func (t *term) expand(x float64, z []float64) {
	v, b := t.code(x)
	z[0] = v
	for k := range t.Edges {
		z[1+k] = 0
		if k < b {
			z[1+k] = 1
		}
	}
}

// value is the term's contribution for x under the coefficients w of its
// columns (without Mean).
func (t *term) value(x float64, w []float64) float64 {
	// w[0]·(x − Center)/Scale in this order, as the SQL generated from
	// Layout evaluates it: scores agree bit for bit.
	v := w[0] * (x - t.Center) / t.Scale
	for k := range binOf(t.Edges, x) {
		v += w[1+k]
	}
	return v
}

// pair is an interaction of features J and K: one indicator per cell of
// their coarse bins (cut at CutsJ and CutsK).
type pair struct {
	J     int       `json:"j"`
	K     int       `json:"k"`
	CutsJ []float64 `json:"cuts_j"`
	CutsK []float64 `json:"cuts_k"`
	// Mean and Offset as in term.
	Mean   float64 `json:"mean"`
	Offset int     `json:"offset"`
}

func (p *pair) width() int { return (len(p.CutsJ) + 1) * (len(p.CutsK) + 1) }

// cell is the design column, within the pair, of the values xj, xk.
func (p *pair) cell(xj, xk float64) int {
	return binOf(p.CutsJ, xj)*(len(p.CutsK)+1) + binOf(p.CutsK, xk)
}

// binOf is the number of cuts at or below x.
func binOf(cuts []float64, x float64) int {
	return sort.Search(len(cuts), func(i int) bool { return cuts[i] > x })
}

// quantileEdges returns the edges of the bins at the quantiles k/bins,
// k = 1..bins-1, of the sorted values s: for each distinct value e there
// above the minimum (an edge at the minimum would be a constant column),
// the midpoint between e and the value of s just below it. The steps
// 1[x >= edge] are then those of 1[x >= e] on every training value, but
// no training value lies on an edge, so a value recomputed elsewhere (in
// SQL, say) that differs from Go's in the last bit steps the same way.
func quantileEdges(s []float64, bins int) []float64 {
	var edges []float64
	for k := 1; k < bins; k++ {
		i := int(math.Floor(float64(k) * float64(len(s)) / float64(bins)))
		e := s[i]
		if !(e > s[0]) {
			continue
		}
		below := s[sort.SearchFloat64s(s[:i], e)-1]
		mid := below + (e-below)/2
		if !(mid > below && mid <= e) {
			mid = e // adjacent floats: no value between them
		}
		if len(edges) == 0 || mid > edges[len(edges)-1] {
			edges = append(edges, mid)
		}
	}
	return edges
}
