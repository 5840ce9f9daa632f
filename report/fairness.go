package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/privacy"
)

// Thresholds of the fairness audit.
const (
	// FairnessOverRepresentation: a group whose share of a segment exceeds
	// this multiple of its overall share draws a warning that the column
	// (or what it stands for) drives the segment.
	FairnessOverRepresentation = 2.0
	// FairnessCramersV: an association between a protected column and the
	// segments above this Cramér's V draws a warning (0.3 is the usual
	// "medium" effect for tables with one degree of freedom per axis,
	// after Cohen).
	FairnessCramersV = 0.3
	// FourFifths is the four-fifths rule (US EEOC Uniform Guidelines,
	// 29 CFR 1607.4(D)): a selection rate of a group below 80% of the
	// highest group's rate indicates adverse impact.
	FourFifths = 0.8
	// FairnessMinGroup is the smallest group (accounts) that enters the
	// disparity ratio and the over-representation warnings: smaller groups
	// are listed but their rates are too noisy to judge.
	FairnessMinGroup = 30
	// FairnessTopBand is the share of accounts with the highest churn
	// probabilities that forms the top band (the accounts a retention
	// campaign would select).
	FairnessTopBand = 0.10
	// fairnessMaxGroups caps the groups of a categorical column; the rest
	// are pooled as "other".
	fairnessMaxGroups = 8
	// fairnessBins is the number of quantile bands of a numeric column.
	fairnessBins = 4
)

// Fairness is the audit of one protected column, or of a proxy for one:
// how its groups spread over the segments and how they are scored.
type Fairness struct {
	Column string `json:"column"`
	// Attribute is the protected attribute the column is or stands for
	// ("gender"), "" for a column marked by the user
	// (ProfileConfig.Protected) that the guard does not recognise.
	Attribute string `json:"attribute,omitempty"`
	Proxy     bool   `json:"proxy,omitempty"`
	// Marked is set for a column listed in ProfileConfig.Protected.
	Marked bool `json:"marked,omitempty"`
	// Segments are the segment names, the columns of Groups' SegmentShare.
	Segments []string        `json:"segments"`
	Groups   []FairnessGroup `json:"groups"`
	// CramersV measures the association of the groups with the segments
	// (0 none, 1 a group determines the segment).
	CramersV Metric `json:"cramers_v"`
	// TopBandRatio is the lowest top-band rate over the highest, among
	// groups of at least FairnessMinGroup accounts (unavailable without
	// churn probabilities or with fewer than two such groups).
	TopBandRatio Metric `json:"top_band_ratio"`
	// ChurnRatio is the same ratio of the mean churn probabilities.
	ChurnRatio Metric `json:"churn_ratio"`
	// Warnings say in words what breaks a threshold.
	Warnings []string `json:"warnings,omitempty"`
}

// FairnessGroup is one group of a protected column.
type FairnessGroup struct {
	Group string `json:"group"`
	Size  int    `json:"size"`
	// Share is Size over all accounts; SegmentShare[k] the share of
	// segment k's accounts in this group.
	Share        float64   `json:"share"`
	SegmentShare []float64 `json:"segment_share"`
	// MeanChurn is the mean churn probability of the group; TopBandRate
	// the share of the group in the top band (FairnessTopBand).
	MeanChurn   Metric `json:"mean_churn"`
	TopBandRate Metric `json:"top_band_rate"`
}

// fairness fills rep.Fairness: an audit of every column the guard finds
// protected (or a proxy) and of every column of cfg.Protected. guard is
// the table's privacy findings.
func (p *profiler) fairness(rep *Report, guard []privacy.Finding) error {
	var cols []Fairness
	seen := map[string]bool{}
	for _, f := range guard {
		if f.Kind.Protected() && !seen[f.Column] {
			seen[f.Column] = true
			cols = append(cols, Fairness{Column: f.Column, Attribute: string(f.Kind.Attribute()), Proxy: f.Kind.Proxy()})
		}
	}
	for _, c := range p.cfg.Protected {
		if seen[c] {
			for i := range cols {
				cols[i].Marked = cols[i].Marked || cols[i].Column == c
			}
			continue
		}
		seen[c] = true
		cols = append(cols, Fairness{Column: c, Marked: true})
	}
	for _, a := range cols {
		col, err := p.t.Column(a.Column)
		if err != nil {
			return inputErr("Protected", -1, err, "%s", a.Column)
		}
		p.audit(&a, col, rep)
		rep.Fairness = append(rep.Fairness, a)
	}
	return nil
}

// audit fills a from the column's groups.
func (p *profiler) audit(a *Fairness, col *dataset.Column, rep *Report) {
	group, names := fairnessGroups(col)
	k := len(p.segLabels)
	for _, s := range rep.Segments {
		a.Segments = append(a.Segments, s.Name)
	}
	count := make([][]int, len(names)) // [group][segment]
	for g := range count {
		count[g] = make([]int, k)
	}
	for i := 0; i < p.n; i++ {
		count[group[i]][p.seg[i]]++
	}
	top := p.topBand()
	for g, name := range names {
		fg := FairnessGroup{Group: name, SegmentShare: make([]float64, k)}
		for s := range k {
			fg.Size += count[g][s]
			if p.segSize[s] > 0 {
				fg.SegmentShare[s] = float64(count[g][s]) / float64(p.segSize[s])
			}
		}
		fg.Share = float64(fg.Size) / float64(p.n)
		if prob := p.cfg.ChurnProb; prob != nil {
			sum, inTop := 0.0, 0
			for i := 0; i < p.n; i++ {
				if group[i] == g {
					sum += prob[i]
					if top[i] {
						inTop++
					}
				}
			}
			fg.MeanChurn = ratio(sum, float64(fg.Size), fg.Size)
			fg.TopBandRate = ratio(float64(inTop), float64(fg.Size), fg.Size)
		}
		a.Groups = append(a.Groups, fg)
	}
	a.CramersV = cramersV(count, p.n)
	a.TopBandRatio = disparity(a.Groups, func(g FairnessGroup) Metric { return g.TopBandRate })
	a.ChurnRatio = disparity(a.Groups, func(g FairnessGroup) Metric { return g.MeanChurn })
	a.Warnings = fairnessWarnings(a, count)
}

// topBand marks the rows whose churn probability is among the
// FairnessTopBand highest (ties at the threshold included); nil without
// churn probabilities.
func (p *profiler) topBand() []bool {
	prob := p.cfg.ChurnProb
	if prob == nil {
		return nil
	}
	sorted := slices.Clone(prob)
	slices.Sort(sorted)
	cut := sorted[max(0, p.n-int(math.Ceil(FairnessTopBand*float64(p.n))))]
	top := make([]bool, p.n)
	for i, v := range prob {
		top[i] = v >= cut
	}
	return top
}

// fairnessGroups returns each row's group and the group names: the levels
// of a categorical column (the largest fairnessMaxGroups - 1, the rest
// pooled as "other" when there are more), the quantile bands of a numeric
// or date column, and "(missing)" for missing values.
func fairnessGroups(col *dataset.Column) ([]int, []string) {
	n := col.Len()
	keys := make([]string, n)
	switch col.Kind {
	case dataset.Categorical:
		copy(keys, col.Str)
	case dataset.Numeric:
		bandKeys(keys, col, func(i int) float64 { return col.Num[i] }, func(v float64) string { return strconv.FormatFloat(v, 'g', 4, 64) })
	default:
		bandKeys(keys, col, func(i int) float64 { return float64(col.Time[i].Unix()) }, func(v float64) string {
			return time.Unix(int64(v), 0).UTC().Format("2006-01-02")
		})
	}
	for i := range keys {
		if col.IsMissing(i) {
			keys[i] = "(missing)"
		}
	}
	size := map[string]int{}
	for _, k := range keys {
		size[k]++
	}
	names := make([]string, 0, len(size))
	for k := range size {
		names = append(names, k)
	}
	// Largest first, then by name: a total order, so the audit is stable.
	slices.SortFunc(names, func(a, b string) int {
		if c := cmp.Compare(size[b], size[a]); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	if col.Kind != dataset.Categorical {
		slices.Sort(names) // bands in value order ("(missing)" sorts first)
	} else if len(names) > fairnessMaxGroups {
		names = append(names[:fairnessMaxGroups-1], "other")
	}
	index := make(map[string]int, len(names))
	for g, k := range names {
		index[k] = g
	}
	group := make([]int, n)
	for i, k := range keys {
		g, ok := index[k]
		if !ok {
			g = index["other"]
		}
		group[i] = g
	}
	return group, names
}

// bandKeys sets keys[i] to the quantile band of row i: "Qj: lo to hi",
// with fairnessBins bands of (about) equal size.
func bandKeys(keys []string, col *dataset.Column, value func(int) float64, format func(float64) string) {
	var vals []float64
	for i := range keys {
		if !col.IsMissing(i) {
			vals = append(vals, value(i))
		}
	}
	if len(vals) == 0 {
		return
	}
	slices.Sort(vals)
	cuts := make([]float64, fairnessBins-1)
	for j := range cuts {
		cuts[j] = vals[(j+1)*len(vals)/fairnessBins]
	}
	cuts = slices.Compact(cuts)
	label := func(b int) string {
		lo, hi := vals[0], vals[len(vals)-1]
		if b > 0 {
			lo = cuts[b-1]
		}
		if b < len(cuts) {
			return fmt.Sprintf("Q%d: %s to under %s", b+1, format(lo), format(cuts[b]))
		}
		return fmt.Sprintf("Q%d: %s to %s", b+1, format(lo), format(hi))
	}
	for i := range keys {
		if col.IsMissing(i) {
			continue
		}
		v := value(i)
		b, _ := slices.BinarySearch(cuts, v)
		if b < len(cuts) && cuts[b] == v {
			b++
		}
		keys[i] = label(b)
	}
}

// cramersV returns Cramér's V of a contingency table:
// sqrt(chi² / (n (min(rows, columns) - 1))), over the non-empty rows and
// columns.
func cramersV(count [][]int, n int) Metric {
	rowSum := make([]int, len(count))
	var colSum []int
	for g, row := range count {
		if colSum == nil {
			colSum = make([]int, len(row))
		}
		for s, c := range row {
			rowSum[g] += c
			colSum[s] += c
		}
	}
	nonEmpty := func(v []int) int {
		k := 0
		for _, x := range v {
			if x > 0 {
				k++
			}
		}
		return k
	}
	df := min(nonEmpty(rowSum), nonEmpty(colSum)) - 1
	if df < 1 || n == 0 {
		return metric(0, n)
	}
	chi2 := 0.0
	for g, row := range count {
		for s, c := range row {
			if e := float64(rowSum[g]) * float64(colSum[s]) / float64(n); e > 0 {
				d := float64(c) - e
				chi2 += d * d / e
			}
		}
	}
	return metric(math.Sqrt(chi2/(float64(n)*float64(df))), n)
}

// disparity returns the lowest rate over the highest among the groups of
// at least FairnessMinGroup accounts with a valid rate.
func disparity(groups []FairnessGroup, rate func(FairnessGroup) Metric) Metric {
	lo, hi, k := math.Inf(1), math.Inf(-1), 0
	for _, g := range groups {
		if r := rate(g); r.Valid && g.Size >= FairnessMinGroup {
			lo, hi, k = min(lo, r.Value), max(hi, r.Value), k+1
		}
	}
	if k < 2 {
		return Metric{N: k}
	}
	if hi == 0 {
		return metric(1, k) // no group selected: no disparity
	}
	return metric(lo/hi, k)
}

// fairnessWarnings says which thresholds the audit breaks.
func fairnessWarnings(a *Fairness, count [][]int) []string {
	var w []string
	what := a.Column
	if a.Attribute != "" && a.Proxy {
		what = fmt.Sprintf("%s (a proxy for %s)", a.Column, a.Attribute)
	}
	for gi, g := range a.Groups {
		if g.Size < FairnessMinGroup || g.Share == 0 {
			continue
		}
		for s, share := range g.SegmentShare {
			if share > FairnessOverRepresentation*g.Share && count[gi][s] >= FairnessMinGroup/3 {
				w = append(w, fmt.Sprintf("%s drives segment %q: %q makes up %s of it against %s overall (%.1fx)",
					what, a.Segments[s], g.Group, pct1(share), pct1(g.Share), share/g.Share))
			}
		}
	}
	if v := a.CramersV; v.Valid && v.Value > FairnessCramersV {
		w = append(w, fmt.Sprintf("the segments are associated with %s: Cramér's V %.2f > %.2f", what, v.Value, FairnessCramersV))
	}
	if r := a.TopBandRatio; r.Valid && r.Value < FourFifths {
		w = append(w, fmt.Sprintf("the top churn band selects the groups of %s unequally: lowest over highest rate %.2f < %.2f (four-fifths rule)", what, r.Value, FourFifths))
	}
	return w
}

// title is the audit's heading: the column and what it stands for.
func (a *Fairness) title() string {
	switch {
	case a.Attribute != "" && a.Proxy:
		return fmt.Sprintf("%s (a proxy for %s)", a.Column, a.Attribute)
	case a.Attribute != "":
		return fmt.Sprintf("%s (%s)", a.Column, a.Attribute)
	}
	return a.Column + " (marked protected)"
}

// table returns the audit's table: one row per group with its size, its
// overall share, its share of each segment, its mean churn probability
// and its top-band rate.
func (a *Fairness) table() ([]string, [][]string) {
	head := append([]string{"Group", "Accounts", "Overall"}, a.Segments...)
	head = append(head, "Mean churn", "Top-band rate")
	rows := make([][]string, len(a.Groups))
	for i, g := range a.Groups {
		r := []string{g.Group, strconv.Itoa(g.Size), pct1(g.Share)}
		for _, s := range g.SegmentShare {
			r = append(r, pct1(s))
		}
		rows[i] = append(r, g.MeanChurn.Percent(), g.TopBandRate.Percent())
	}
	return head, rows
}

// summary is the audit's figures in one sentence.
func (a *Fairness) summary() string {
	return fmt.Sprintf("Cramér's V with the segments %s (warning above %.2f); top-band rate ratio %s, mean churn ratio %s (lowest over highest group of at least %d accounts; four-fifths rule: below %.2f is flagged).",
		a.CramersV, FairnessCramersV, a.TopBandRatio, a.ChurnRatio, FairnessMinGroup, FourFifths)
}

// fairnessIntro explains the audit in the rendered reports.
var fairnessIntro = fmt.Sprintf("Protected attributes and their proxies must not drive a B2B segmentation (Art. 9 GDPR, §1 AGG). "+
	"For each such column: the share of each group in each segment against its overall share, "+
	"and its mean churn probability and rate in the top churn band (the %.0f%% highest probabilities).", 100*FairnessTopBand)
