package report

import (
	"fmt"
	"math"

	"github.com/segmenta/segmenta/dataset"
)

// Outlier rule constants (see flagOutliers).
const (
	outlierZ       = 3.5    // modified z-score from which a value is flagged (Iglewicz & Hoaglin 1993)
	madToSD        = 0.6745 // the normal's MAD / sd: makes the modified z comparable to a z-score
	minSegmentVals = 10     // fewer positive values in a segment: too few to call one of them odd
	maxPeriodJump  = 10.0   // MRR start and end of a staying account differ by more: one is suspect
)

// Outlier is a money value flagged as a likely recording error.
type Outlier struct {
	ID     string  `json:"id"`
	Column string  `json:"column"`
	Value  float64 `json:"value"`
	// Typical is the median of the column in the account's segment.
	Typical float64 `json:"typical"`
	// Z is the modified z-score of log(Value) in the segment (0 when
	// undefined, as for a negative value).
	Z float64 `json:"z"`
	// Rule says why the value was flagged.
	Rule string `json:"rule"`
}

// String gives "A0001 mrr_start 475,580 (typical 4,712; modified z +5.1)".
func (o Outlier) String() string {
	return fmt.Sprintf("%s %s %s (typical %s; %s)", o.ID, o.Column, fmtNum(o.Value), fmtNum(o.Typical), o.Rule)
}

// logCentre is the robust centre and spread of a column's log values.
type logCentre struct{ med, mad float64 }

// flagOutliers flags the money columns (MRR start and end, ARR) by two
// rules, and fills rep.Outliers and p.flagged:
//
//  1. robust z: within the account's segment, the modified z-score
//     0.6745 * (log x - median) / MAD of the log values exceeds 3.5 in
//     absolute value (Iglewicz & Hoaglin 1993, "How to Detect and Handle
//     Outliers"); on the log scale because money is roughly log-normal, and
//     within segments because an enterprise account is not an outlier
//     among SMBs. A segment with fewer than 10 positive values has too few
//     to call one of them odd: none is flagged by this rule. A negative
//     amount is always flagged.
//  2. period jump: an account with both MRRs positive whose MRR at the end
//     differs from the start by more than a factor of 10 (no plan change
//     does that in one period): the one of the two further from its
//     segment's centre is flagged.
//
// Zero (a churned account's MRR at the end) is never flagged.
func (p *profiler) flagOutliers(rep *Report) {
	cols := []*dataset.Column{p.mrrStart, p.mrrEnd, p.arrCol}
	p.flagged = make([]bool, p.n)
	var zs, typical [3][]float64
	for k, c := range cols {
		if c != nil {
			zs[k], typical[k] = p.robustZ(c)
		}
	}
	type hit struct {
		row, col int
		rule     string
	}
	var hits []hit
	for i := range p.n {
		for k, c := range cols {
			switch {
			case c == nil || c.IsMissing(i):
			case c.Num[i] < 0:
				hits = append(hits, hit{i, k, "negative amount"})
			case math.Abs(zs[k][i]) > outlierZ:
				hits = append(hits, hit{i, k, fmt.Sprintf("modified z %s in its segment", signed(zs[k][i]))})
			}
		}
		if cols[0] != nil && cols[1] != nil && !cols[0].IsMissing(i) && !cols[1].IsMissing(i) {
			s, e := cols[0].Num[i], cols[1].Num[i]
			if s > 0 && e > 0 && math.Max(s/e, e/s) > maxPeriodJump && !(math.Abs(zs[0][i]) > outlierZ || math.Abs(zs[1][i]) > outlierZ) {
				k := 0
				if math.Abs(zs[1][i]) > math.Abs(zs[0][i]) {
					k = 1
				}
				hits = append(hits, hit{i, k, fmt.Sprintf("MRR changes %sx between start and end of the period", fmtNum(math.Max(s/e, e/s)))})
			}
		}
	}
	finite := func(v float64) float64 { // JSON has no NaN: 0 when undefined
		if math.IsNaN(v) {
			return 0
		}
		return v
	}
	for _, h := range hits {
		c := cols[h.col]
		p.flagged[h.row] = true
		rep.Outliers = append(rep.Outliers, Outlier{ID: p.id(h.row), Column: c.Name, Value: c.Num[h.row],
			Typical: finite(typical[h.col][p.seg[h.row]]), Z: finite(zs[h.col][h.row]), Rule: h.rule})
	}
}

// robustZ returns the modified z-score of log(x) of every row of c within
// its segment (NaN for missing or non-positive values), and the segment
// medians in c's units.
func (p *profiler) robustZ(c *dataset.Column) (z, typical []float64) {
	k := len(p.segLabels)
	logs := make([][]float64, k)
	for i, v := range c.Num {
		if !c.IsMissing(i) && v > 0 {
			logs[p.seg[i]] = append(logs[p.seg[i]], math.Log(v))
		}
	}
	cs := make([]logCentre, k)
	typ := make([]float64, k)
	for j := range cs {
		cs[j] = centre(logs[j])
		typ[j] = math.Exp(cs[j].med)
		if len(logs[j]) < minSegmentVals {
			cs[j].mad = 0 // no z: too few values
		}
	}
	z = make([]float64, p.n)
	for i, v := range c.Num {
		z[i] = math.NaN()
		if c.IsMissing(i) || !(v > 0) {
			continue
		}
		if lc := cs[p.seg[i]]; lc.mad > 0 {
			z[i] = madToSD * (math.Log(v) - lc.med) / lc.mad
		}
	}
	return z, typ
}

// centre returns the median and the median absolute deviation of v (NaN
// median when v is empty). v is reordered.
func centre(v []float64) logCentre {
	if len(v) == 0 {
		return logCentre{med: math.NaN()}
	}
	med := median(v)
	dev := make([]float64, len(v))
	for i, x := range v {
		dev[i] = math.Abs(x - med)
	}
	return logCentre{med: med, mad: median(dev)}
}

// outlierWarning says how much of the ARR and of the revenue at risk the
// flagged accounts hold: a few mis-recorded values can dominate both.
func (p *profiler) outlierWarning(rep *Report) {
	w := rep.WithoutOutliers
	flagged := rep.Accounts - w.Accounts
	msg := fmt.Sprintf("%s of %s look like recording errors (see Outliers)", plural(len(rep.Outliers), "money value"), plural(flagged, "account"))
	if a, c := rep.ARR, w.ARR; a.Valid && c.Valid && a.Value > 0 && c.Value < a.Value {
		msg += fmt.Sprintf("; they hold %s of the ARR", pct1(1-c.Value/a.Value))
		if r, c := rep.Overall.RevenueAtRisk, w.KPIs.RevenueAtRisk; r.Valid && c.Valid && r.Value > 0 && c.Value < r.Value {
			msg += fmt.Sprintf(" and %s of the revenue at risk", pct1(1-c.Value/r.Value))
		}
	}
	p.warn("%s", msg)
}

// plural gives "1 account", "3 accounts".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
