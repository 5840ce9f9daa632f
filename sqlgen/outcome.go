package sqlgen

import (
	"strconv"
	"strings"

	"github.com/segmenta/segmenta/batch"
)

// logOdds writes the logistic model's decision value as predict computes
// it: intercept + ((s0 + s1) + (s2 + s3)), where s_r sums coef_j·x_j over
// j ≡ r (mod 4) in order and the features after the last multiple of four
// go to s0.
func (g *gen) logOdds(o *batch.Outcome) string {
	coef := o.Logistic.Coef()
	d := len(coef)
	var s [4][]string
	n4 := d / 4 * 4
	for j := 0; j < d; j++ {
		r := j % 4
		if j >= n4 {
			r = 0
		}
		s[r] = append(s[r], "f"+strconv.Itoa(j)+" * "+g.d.num(coef[j]))
	}
	sum := func(terms []string) string {
		if len(terms) == 0 {
			return g.d.num(0)
		}
		return "(" + strings.Join(terms, " + ") + ")"
	}
	return g.d.num(o.Logistic.Intercept()) + " + ((" + sum(s[0]) + " + " + sum(s[1]) + ") + (" + sum(s[2]) + " + " + sum(s[3]) + "))"
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

// reasons writes the churn reasons as batch gives them: the (up to
// batch.MaxReasons) features whose contributions c_j = coef_j·(x_j -
// mean_j) raise the risk most (lower it most when Platt's A > 0), above
// 1e-12, largest first, ties to the lower j, each read as its "high" text
// when x_j >= mean_j and its "low" text otherwise, joined by "; ".
func (g *gen) reasons(o *batch.Outcome) string {
	coef := o.Logistic.Coef()
	means := o.Logistic.FeatureMeans()
	if means == nil {
		means = make([]float64, len(coef))
	}
	sign := 1.0
	if o.Calibration.A > 0 {
		sign = -1
	}
	texts := batch.ReasonTexts(g.p.Pipeline.Features())
	rows := make([]string, len(coef))
	for j, w := range coef {
		f, m := "f"+strconv.Itoa(j), g.d.num(means[j])
		rows[j] = "(" + strconv.Itoa(j) + ", " + g.d.num(sign*w) + " * (" + f + " - " + m + "), CASE WHEN " + f + " >= " + m +
			" THEN " + str(texts[j].Up) + " ELSE " + str(texts[j].Down) + " END)"
	}
	return "COALESCE((SELECT string_agg(t, '; ' ORDER BY c DESC, j) FROM (SELECT j, c, t FROM (VALUES " +
		strings.Join(rows, ",\n      ") + ") AS u(j, c, t) WHERE c > " + g.d.num(1e-12) + " ORDER BY c DESC, j LIMIT " +
		strconv.Itoa(batch.MaxReasons) + ") AS top), '')"
}
