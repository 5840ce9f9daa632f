package sqlgen

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/segmenta/segmenta/features"
)

// ranks writes the rank of each micro centroid for the row's features, as
// cluster ranks them (MicroMacroModel.Predict): rank_j = ||c_j||² - 2·x·c_j with
// x·c_j summed in coordinate order, the lowest rank winning and ties going
// to the lower j (argmin). A one-hot block adds the centroid's coordinate of the
// row's level alone (the block's other terms are exact zeros), looked up
// by the level's code, which keeps the sum exact and the query short.
func (g *gen) ranks(steps []*stepSQL) []string {
	c := g.p.Segments.MicroCentroids()
	norms := g.p.Segments.MicroNorms()
	k, _ := c.Dims()
	rows := make([]string, k)
	for j := 0; j < k; j++ {
		row := c.RawRowView(j)
		var terms []string
		for _, s := range steps {
			st := s.st
			p := st.Offset
			if s.v != "" {
				terms = append(terms, "f"+strconv.Itoa(p)+" * "+g.d.num(row[p]))
				p++
			} else if st.OneHot {
				n := len(st.Levels) + 1
				if st.Source != features.StepCategorical {
					n = len(st.Buckets) + 1
				}
				// Element 1 is the zero term of a missing level (code -1).
				vs := []string{g.d.num(0)}
				for q := p; q < p+n; q++ {
					vs = append(vs, g.d.num(row[q]))
				}
				terms = append(terms, "("+g.d.array(vs)+")["+s.k+" + 2]")
				p += n
			}
			if st.Indicator {
				terms = append(terms, "f"+strconv.Itoa(p)+" * "+g.d.num(row[p]))
			}
		}
		dot := g.d.num(0)
		if len(terms) > 0 {
			dot = strings.Join(terms, " + ")
		}
		rows[j] = g.d.num(norms[j]) + " - " + g.d.num(2) + " * (" + dot + ")"
	}
	return rows
}

// argmin writes the lowest j whose column e<j> equals the column emin_.
func argmin(k int) string {
	var b strings.Builder
	b.WriteString("CASE")
	for j := 0; j < k; j++ {
		fmt.Fprintf(&b, " WHEN e%d = emin_ THEN %d", j, j)
	}
	b.WriteString(" END")
	return b.String()
}
