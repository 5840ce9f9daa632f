package report

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/privacy"
)

// Profile describes the segments given by labels (one non-negative label per
// row of t): size and share of accounts and ARR, KPIs, the traits that set
// each segment apart, typical firmographics and a descriptive name. opts may
// be the zero value; see ProfileConfig for the columns read and what happens
// when they are absent.
//
// Missing values (dataset.Column.Missing) are skipped in every figure; a
// figure with no usable value is reported as not available, never as NaN.
func Profile(t *dataset.Table, labels []int, opts ProfileConfig) (*Report, error) {
	cfg, err := opts.withDefaults()
	if err != nil {
		return nil, err
	}
	if t == nil || t.Len() == 0 {
		return nil, inputErr("table", -1, ErrEmpty, "")
	}
	n := t.Len()
	if len(labels) != n {
		return nil, inputErr("labels", -1, ErrLength, "%d labels for %d rows", len(labels), n)
	}
	for i, l := range labels {
		if l < 0 {
			return nil, inputErr("labels", i, ErrNegativeLabel, "%d", l)
		}
	}
	if err := checkProbs("ChurnProb", cfg.ChurnProb, n); err != nil {
		return nil, err
	}
	if err := checkProbs("UpsellProb", cfg.UpsellProb, n); err != nil {
		return nil, err
	}

	if err := CheckRoles(t, cfg.Roles); err != nil {
		return nil, err
	}

	guard := privacy.Guard{}.Check(t)
	cfg.Exclude = slices.Clip(cfg.Exclude) // appended to: keep the caller's array
	for _, f := range guard {              // personas never describe people
		cfg.Exclude = append(cfg.Exclude, f.Column)
	}
	p := &profiler{cfg: cfg, t: t, labels: labels, n: n}
	if err := p.columns(); err != nil {
		return nil, err
	}
	p.groups()
	rep := &Report{Title: cfg.Title, Accounts: n}
	p.flagOutliers(rep)
	p.kpis(rep)
	if err := p.lifecycle(rep); err != nil {
		return nil, err
	}
	if err := p.traits(rep); err != nil {
		return nil, err
	}
	p.firmographics(rep)
	p.name(rep)
	if cfg.ChurnProb != nil {
		rep.RankBy = cfg.RankBy
		p.expectedLoss()
		p.bands(rep)
		p.segmentHealth(rep)
	}
	p.risky(rep)
	if err := p.playbook(rep); err != nil {
		return nil, err
	}
	if err := p.fairness(rep, guard); err != nil {
		return nil, err
	}
	rep.Unavailable, rep.Warnings = p.unavailable, p.warnings
	return rep, nil
}

// warn records an input problem the figures worked around.
func (p *profiler) warn(format string, args ...any) {
	p.warnings = append(p.warnings, fmt.Sprintf(format, args...))
}

func checkProbs(field string, p []float64, n int) error {
	if p == nil {
		return nil
	}
	if len(p) != n {
		return inputErr(field, -1, ErrLength, "%d values for %d rows", len(p), n)
	}
	for i, v := range p {
		if !(v >= 0 && v <= 1) {
			return inputErr(field, i, ErrValue, "probability %v not in [0, 1]", v)
		}
	}
	return nil
}

// profiler holds the state shared by the steps of Profile.
type profiler struct {
	cfg    ProfileConfig
	t      *dataset.Table
	labels []int
	n      int

	// seg[i] is the segment index (into segLabels) of row i.
	seg       []int
	segLabels []int
	segSize   []int

	mrrStart, mrrEnd, arrCol, csat, nps, employees, logins, adoption *dataset.Column
	industry, country, plan                                          *dataset.Column
	churned, upsold                                                  []int8 // -1 missing, 0, 1; nil when absent
	ids                                                              []string

	arr      []float64                     // per row, NaN when unknown
	hasARR   bool                          // an ARR or MRR column gives arr
	npsOK    []bool                        // per row: a valid 0..10 NPS answer
	traitN   []*numStats                   // numeric trait columns, with per-segment means
	traitCol map[string]bool               // the columns that may be traits
	kinds    map[string]features.ValueKind // what each column's values mean
	prefix   string                        // shared by every trait column's name
	order    map[string]int                // each column's position in the table

	flagged []bool    // per row: a money value is an outlier
	loss    []float64 // per row: expected loss (when ChurnProb is set)
	band    []string  // per row: health band (when ChurnProb is set)

	unavailable, warnings []string
}

// column resolves a configured column: nil when disabled or absent (noted in
// p.unavailable with the figures it feeds), an error when of another kind.
func (p *profiler) column(name string, kind dataset.Kind, feeds string) (*dataset.Column, error) {
	if name == "-" {
		p.unavailable = append(p.unavailable, fmt.Sprintf("%s: column disabled", feeds))
		return nil, nil
	}
	c, err := p.t.Column(name)
	if errors.Is(err, dataset.ErrColumnNotFound) {
		p.unavailable = append(p.unavailable, fmt.Sprintf("%s: column %q absent", feeds, name))
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	if c.Kind != kind {
		if allMissing(c) {
			// No value, so no kind to speak of: type inference calls an
			// empty column categorical, which is not the user's mistake.
			p.unavailable = append(p.unavailable, fmt.Sprintf("%s: column %q has no value", feeds, name))
			return nil, nil
		}
		return nil, inputErr(name, -1, ErrKind, "is %v, want %v", c.Kind, kind)
	}
	return c, nil
}

// allMissing reports whether every value of c is missing.
func allMissing(c *dataset.Column) bool {
	for i := range c.Len() {
		if !c.IsMissing(i) {
			return false
		}
	}
	return true
}

func (p *profiler) columns() error {
	var err error
	num := func(dst **dataset.Column, name, feeds string) {
		if err == nil {
			*dst, err = p.column(name, dataset.Numeric, feeds)
		}
	}
	cat := func(dst **dataset.Column, name, feeds string) {
		if err == nil {
			*dst, err = p.column(name, dataset.Categorical, feeds)
		}
	}
	arrFeeds := "ARR, NRR, GRR, revenue at risk"
	if p.cfg.ARR != "" {
		num(&p.arrCol, p.cfg.ARR, "ARR, revenue at risk")
		arrFeeds = "NRR, GRR"
	}
	num(&p.mrrStart, p.cfg.MRRStart, arrFeeds)
	num(&p.mrrEnd, p.cfg.MRREnd, "NRR, GRR")
	num(&p.csat, p.cfg.CSAT, "mean CSAT")
	num(&p.nps, p.cfg.NPS, "NPS, mean NPS answer")
	num(&p.employees, p.cfg.Employees, "size band, median employees")
	num(&p.logins, p.cfg.Logins, "usage level from logins")
	num(&p.adoption, p.cfg.Adoption, "usage level from feature adoption")
	cat(&p.industry, p.cfg.Industry, "top industry")
	cat(&p.country, p.cfg.Country, "top country")
	cat(&p.plan, p.cfg.Plan, "plan mix")
	if err != nil {
		return err
	}
	if p.churned, err = p.flag(p.cfg.Churned, "churn rate"); err != nil {
		return err
	}
	if p.upsold, err = p.flag(p.cfg.Upsold, "upsell rate"); err != nil {
		return err
	}
	if p.cfg.ChurnProb == nil {
		p.unavailable = append(p.unavailable, "mean churn probability, revenue at risk: no ChurnProb given")
	}
	if p.cfg.UpsellProb == nil {
		p.unavailable = append(p.unavailable, "mean upsell probability: no UpsellProb given")
	}
	p.arr = make([]float64, p.n)
	p.hasARR = p.arrCol != nil || p.mrrStart != nil
	for i := range p.arr {
		p.arr[i] = math.NaN()
		switch {
		case p.arrCol != nil:
			if !p.arrCol.IsMissing(i) {
				p.arr[i] = p.arrCol.Num[i]
			}
		case p.mrrStart != nil && !p.mrrStart.IsMissing(i):
			p.arr[i] = 12 * p.mrrStart.Num[i]
		}
	}
	if err := p.accountIDs(); err != nil {
		return err
	}
	p.checkNPS()
	return nil
}

// checkNPS marks the valid NPS answers (whole numbers 0..10) and counts the
// others in a warning: they are left out, never used as answers.
func (p *profiler) checkNPS() {
	if p.nps == nil {
		return
	}
	p.npsOK = make([]bool, p.n)
	var bad []int
	for i, v := range p.nps.Num {
		if p.nps.IsMissing(i) {
			continue
		}
		if v >= 0 && v <= 10 && v == math.Trunc(v) {
			p.npsOK[i] = true
		} else {
			bad = append(bad, i)
		}
	}
	if len(bad) > 0 {
		// Values, not account IDs: warnings are printed and logged as they
		// are, never pseudonymised.
		ex := make([]string, 0, 3)
		for _, i := range bad[:min(3, len(bad))] {
			ex = append(ex, strconv.FormatFloat(p.nps.Num[i], 'g', -1, 64))
		}
		p.warn("NPS: %d answers in %q are not whole numbers 0..10 and were left out (for example %s)", len(bad), p.nps.Name, strings.Join(ex, ", "))
	}
}

// accountIDs takes the IDs shown in the report from the ID role's column
// when it is not the table's ID column.
func (p *profiler) accountIDs() error {
	if p.cfg.ID == "" || p.cfg.ID == p.t.IDName {
		return nil
	}
	c, err := p.t.Column(p.cfg.ID)
	if err != nil {
		return &RoleError{Role: RoleID, Column: p.cfg.ID, Hint: dataset.ClosestName(p.cfg.ID, p.t.Names())}
	}
	p.ids = make([]string, p.n)
	for i := range p.ids {
		switch {
		case c.IsMissing(i):
		case c.Kind == dataset.Numeric:
			p.ids[i] = strconv.FormatFloat(c.Num[i], 'f', -1, 64)
		default:
			p.ids[i] = c.Str[i]
		}
	}
	return nil
}

// flag reads a boolean outcome column: numeric (non-zero is true) or
// categorical (dataset.ParseFlag; a blank is unknown).
func (p *profiler) flag(name, feeds string) ([]int8, error) {
	if name == "-" {
		p.unavailable = append(p.unavailable, fmt.Sprintf("%s: column disabled", feeds))
		return nil, nil
	}
	c, err := p.t.Column(name)
	if errors.Is(err, dataset.ErrColumnNotFound) {
		p.unavailable = append(p.unavailable, fmt.Sprintf("%s: column %q absent", feeds, name))
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	out := make([]int8, p.n)
	for i := range out {
		if c.IsMissing(i) {
			out[i] = -1
			continue
		}
		switch c.Kind {
		case dataset.Numeric:
			if c.Num[i] != 0 {
				out[i] = 1
			}
		case dataset.Categorical:
			switch v, ok := dataset.ParseFlag(c.Str[i]); {
			case ok && v:
				out[i] = 1
			case ok:
			case strings.TrimSpace(c.Str[i]) == "":
				out[i] = -1
			default:
				return nil, inputErr(name, i, ErrValue, "%q is not a boolean", c.Str[i])
			}
		default:
			return nil, inputErr(name, -1, ErrKind, "is %v, want numeric or categorical", c.Kind)
		}
	}
	return out, nil
}

// groups maps labels to segment indexes, segments ordered by label.
func (p *profiler) groups() {
	idx := map[int]int{}
	for _, l := range p.labels {
		if _, ok := idx[l]; !ok {
			idx[l] = 0
			p.segLabels = append(p.segLabels, l)
		}
	}
	sort.Ints(p.segLabels)
	for j, l := range p.segLabels {
		idx[l] = j
	}
	p.seg = make([]int, p.n)
	p.segSize = make([]int, len(p.segLabels))
	for i, l := range p.labels {
		p.seg[i] = idx[l]
		p.segSize[idx[l]]++
	}
}

// kpiAcc accumulates the sums behind KPIs, in row order (deterministic).
type kpiAcc struct {
	mrrS, mrrE, mrrMin float64
	nMRR               int
	arr                float64
	nARR               int
	churn, nChurn      int
	ups, nUps          int
	csat               float64
	nCSAT              int
	nps                float64   // sum of the valid answers
	nNPS, prom, detr   int       // valid answers, promoters (9-10), detractors (0-6)
	scores             ScoreSums // probabilities and revenue at risk
}

func (p *profiler) add(a *kpiAcc, i int) {
	if p.mrrStart != nil && p.mrrEnd != nil && !p.mrrStart.IsMissing(i) && !p.mrrEnd.IsMissing(i) {
		s, e := p.mrrStart.Num[i], p.mrrEnd.Num[i]
		a.mrrS += s
		a.mrrE += e
		a.mrrMin += math.Min(s, e)
		a.nMRR++
	}
	if !math.IsNaN(p.arr[i]) {
		a.arr += p.arr[i]
		a.nARR++
	}
	if p.churned != nil && p.churned[i] >= 0 {
		a.churn += int(p.churned[i])
		a.nChurn++
	}
	if p.upsold != nil && p.upsold[i] >= 0 {
		a.ups += int(p.upsold[i])
		a.nUps++
	}
	if p.csat != nil && !p.csat.IsMissing(i) {
		a.csat += p.csat.Num[i]
		a.nCSAT++
	}
	if p.npsOK != nil && p.npsOK[i] {
		v := p.nps.Num[i]
		a.nps += v
		a.nNPS++
		switch {
		case v >= 9:
			a.prom++
		case v <= 6:
			a.detr++
		}
	}
	churn, ups := math.NaN(), math.NaN()
	if p.cfg.ChurnProb != nil {
		churn = p.cfg.ChurnProb[i]
	}
	if p.cfg.UpsellProb != nil {
		ups = p.cfg.UpsellProb[i]
	}
	a.scores.Add(churn, ups, p.arr[i], "")
}

func (a *kpiAcc) kpis() KPIs {
	k := KPIs{
		NRR:        ratio(a.mrrE, a.mrrS, a.nMRR),
		GRR:        ratio(a.mrrMin, a.mrrS, a.nMRR),
		ChurnRate:  ratio(float64(a.churn), float64(a.nChurn), a.nChurn),
		UpsellRate: ratio(float64(a.ups), float64(a.nUps), a.nUps),
		MeanCSAT:   ratio(a.csat, float64(a.nCSAT), a.nCSAT),
		// Net promoter score: % promoters - % detractors (Reichheld 2003).
		NPS:           ratio(100*float64(a.prom-a.detr), float64(a.nNPS), a.nNPS),
		MeanNPSAnswer: ratio(a.nps, float64(a.nNPS), a.nNPS),
	}
	a.scores.fill(&k)
	return k
}

func (p *profiler) kpis(rep *Report) {
	var all, clean kpiAcc
	segs := make([]kpiAcc, len(p.segLabels))
	for i := 0; i < p.n; i++ {
		p.add(&all, i)
		p.add(&segs[p.seg[i]], i)
		if !p.flagged[i] {
			p.add(&clean, i)
		}
	}
	rep.Overall = all.kpis()
	rep.ARR = metric(all.arr, all.nARR)
	if len(rep.Outliers) > 0 {
		rep.WithoutOutliers = &OutlierFreeKPIs{Accounts: int(clean.scores.Accounts), ARR: metric(clean.arr, clean.nARR), KPIs: clean.kpis()}
		p.outlierWarning(rep)
	}
	rep.Segments = make([]Segment, len(p.segLabels))
	for j, l := range p.segLabels {
		s := &rep.Segments[j]
		s.Label = l
		s.Size = p.segSize[j]
		s.Share = float64(s.Size) / float64(p.n)
		s.KPIs = segs[j].kpis()
		s.ARR = metric(segs[j].arr, segs[j].nARR)
		s.ARRShare = ratio(segs[j].arr, all.arr, segs[j].nARR)
	}
}
