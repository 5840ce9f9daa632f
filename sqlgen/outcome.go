package sqlgen

import (
	"strconv"
	"strings"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/predict"
)

// feat is the column of feature j.
func feat(j int) string { return "f" + strconv.Itoa(j) }

// logOdds writes the outcome model's decision value as predict computes
// it, for a logistic (linearLogOdds) or an additive model (additiveLogOdds).
func (g *gen) logOdds(o *batch.Outcome) string {
	if o.Additive != nil {
		return g.additiveLogOdds(o)
	}
	return g.linearLogOdds(o)
}

// linearLogOdds writes intercept + ((s0 + s1) + (s2 + s3)), where s_r sums
// coef_j·x_j over j ≡ r (mod 4) in order and the features after the last
// multiple of four go to s0.
func (g *gen) linearLogOdds(o *batch.Outcome) string {
	coef := o.Logistic.Coef()
	d := len(coef)
	var s [4][]string
	n4 := d / 4 * 4
	for j := 0; j < d; j++ {
		r := j % 4
		if j >= n4 {
			r = 0
		}
		s[r] = append(s[r], feat(j)+" * "+g.d.num(coef[j]))
	}
	sum := func(terms []string) string {
		if len(terms) == 0 {
			return g.d.num(0)
		}
		return "(" + strings.Join(terms, " + ") + ")"
	}
	return g.d.num(o.Logistic.Intercept()) + " + ((" + sum(s[0]) + " + " + sum(s[1]) + ") + (" + sum(s[2]) + " + " + sum(s[3]) + "))"
}

// additiveLogOdds writes the intercept, plus each feature's term, plus each
// pair's cell, added in that order (predict.AdditiveModel.Layout).
func (g *gen) additiveLogOdds(o *batch.Outcome) string {
	icpt, terms, pairs := o.Additive.Layout()
	var b strings.Builder
	b.WriteString(strings.Repeat("(", len(terms)+len(pairs)) + g.d.num(icpt))
	for j, t := range terms {
		b.WriteString(" + " + g.termValue(t, j) + ")")
	}
	for _, p := range pairs {
		b.WriteString(" + " + g.pairValue(p) + ")")
	}
	return b.String()
}

// termValue writes the value of the additive model's term j:
// w0·(x − centre)/scale, then plus w_k for each edge at or below x, in
// order (adding 0 for the others changes no sum).
func (g *gen) termValue(t predict.AdditiveTerm, j int) string {
	f := feat(j)
	v := strings.Repeat("(", len(t.Edges)) + g.d.num(t.Weights[0]) + " * (" + f + " - " + g.d.num(t.Center) + ") / " + g.d.num(t.Scale)
	for k, e := range t.Edges {
		v += " + CASE WHEN " + f + " >= " + g.d.num(e) + " THEN " + g.d.num(t.Weights[1+k]) + " ELSE " + g.d.num(0) + " END)"
	}
	return "(" + v + ")"
}

// pairValue writes the cell of the additive model's pair q: the bin of
// each feature is the number of its cuts at or below the value.
func (g *gen) pairValue(p predict.AdditivePair) string {
	bins := func(f string, cuts []float64, cell func(b int) string) string {
		var s strings.Builder
		s.WriteString("CASE")
		for b, c := range cuts {
			s.WriteString(" WHEN " + f + " < " + g.d.num(c) + " THEN " + cell(b))
		}
		s.WriteString(" ELSE " + cell(len(cuts)) + " END")
		return s.String()
	}
	nk := len(p.CutsK) + 1
	return "(" + bins(feat(p.J), p.CutsJ, func(bj int) string {
		return "(" + bins(feat(p.K), p.CutsK, func(bk int) string { return g.d.num(p.Cells[bj*nk+bk]) }) + ")"
	}) + ")"
}

// contributions writes each feature's part of the decision value relative
// to a typical training account, as predict.Decision.ContributionsInto
// computes it: coef_j·(x_j − mean_j) for a logistic model; for an additive
// one, the term's value less its mean, plus half of each of the feature's
// pairs' cell less the pair's mean, in pair order.
func (g *gen) contributions(o *batch.Outcome) []string {
	if o.Additive == nil {
		coef, means := o.Logistic.Coef(), o.Means()
		c := make([]string, len(coef))
		for j, w := range coef {
			c[j] = g.d.num(w) + " * (" + feat(j) + " - " + g.d.num(means[j]) + ")"
		}
		return c
	}
	_, terms, pairs := o.Additive.Layout()
	c := make([]string, len(terms))
	for j, t := range terms {
		c[j] = "(" + g.termValue(t, j) + " - " + g.d.num(t.Mean) + ")"
	}
	for _, p := range pairs {
		half := "((" + g.pairValue(p) + " - " + g.d.num(p.Mean) + ") / " + g.d.num(2) + ")"
		c[p.J] = "(" + c[p.J] + " + " + half + ")"
		c[p.K] = "(" + c[p.K] + " + " + half + ")"
	}
	return c
}

// prob writes the calibrated probability of the log-odds column z:
// Platt's sigmoid(-(A·z + B)) with predict's stable sigmoid. An
// exponential below e^-700 is written as 0, where it changes no result
// by more than 1e-300 (PostgreSQL raises an underflow error instead).
func (g *gen) prob(o *batch.Outcome, z string) string {
	t := "(-(" + g.d.num(o.Calibration.A) + " * " + z + " + " + g.d.num(o.Calibration.B) + "))"
	lim := g.d.num(700)
	return "CASE WHEN " + t + " >= 0 THEN " + g.d.num(1) + " / (" + g.d.num(1) + " + CASE WHEN " + t + " > " + lim + " THEN " + g.d.num(0) + " ELSE exp(-" + t + ") END)" +
		" WHEN " + t + " < -" + lim + " THEN " + g.d.num(0) +
		" ELSE exp(" + t + ") / (" + g.d.num(1) + " + exp(" + t + ")) END"
}

// reasons writes an outcome's reasons as batch gives them: the (up to
// batch.MaxReasons) input columns whose summed feature contributions
// raise the log-odds most (lower them most when Platt's A > 0), above
// batch.MinContribution, largest first, ties to the earlier column, each
// read as batch.ReasonColumn.Text reads it, joined by "; ".
func (g *gen) reasons(o *batch.Outcome) string {
	cols, featCol := batch.ReasonColumns(g.p.Pipeline.Features())
	contrib := g.contributions(o)
	sums := make([]string, len(cols))
	for j, c := range contrib {
		k := featCol[j]
		if sums[k] == "" {
			sums[k] = c
		} else {
			sums[k] = "(" + sums[k] + " + " + c + ")"
		}
	}
	sign := g.d.num(1)
	if o.Calibration.A > 0 {
		sign = g.d.num(-1)
	}
	means := o.Means()
	rows := make([]string, len(cols))
	for k := range cols {
		rows[k] = "(" + strconv.Itoa(k) + ", " + sign + " * " + sums[k] + ", " + g.reasonText(&cols[k], means) + ")"
	}
	return "COALESCE((SELECT string_agg(t, '; ' ORDER BY c DESC, j) FROM (SELECT j, c, t FROM (VALUES " +
		strings.Join(rows, ",\n      ") + ") AS u(j, c, t) WHERE c > " + g.d.num(batch.MinContribution) + " ORDER BY c DESC, j LIMIT " +
		strconv.Itoa(batch.MaxReasons) + ") AS top), '')"
}

// reasonText writes batch.ReasonColumn.Text of column c.
func (g *gen) reasonText(c *batch.ReasonColumn, means []float64) string {
	var s strings.Builder
	s.WriteString("CASE")
	if c.Missing >= 0 {
		s.WriteString(" WHEN " + feat(c.Missing) + " > " + g.d.num(means[c.Missing]) + " THEN " + str(c.MissingText))
	}
	for k, j := range c.Levels {
		s.WriteString(" WHEN " + feat(j) + " > " + g.d.num(means[j]) + " THEN " + str(c.LevelTexts[k]))
	}
	if c.Numeric >= 0 {
		s.WriteString(" WHEN " + feat(c.Numeric) + " >= " + g.d.num(means[c.Numeric]) + " THEN " + str(c.Up) + " ELSE " + str(c.Down) + " END")
	} else {
		s.WriteString(" ELSE " + str(c.Fallback) + " END")
	}
	return s.String()
}
