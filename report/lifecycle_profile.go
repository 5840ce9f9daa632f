package report

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/survival"
)

// lifecycle fills the MRR bridge, the lifetimes and the cohorts of the
// report from the roles' columns. A figure whose columns are absent, or
// whose input the pure function refuses (a negative MRR, say), is not
// available, with the reason: the other figures of the report still stand.
func (p *profiler) lifecycle(rep *Report) error {
	churned := p.churnBools()
	p.bridge(rep, churned)
	tenure, err := p.tenureMonths()
	if err != nil {
		return err
	}
	p.lifetimes(rep, tenure, churned)
	if p.cfg.compact {
		return nil
	}
	signup, from, err := p.signups(tenure)
	if err != nil {
		return err
	}
	p.cohorts(rep, signup, churned, from)
	return nil
}

// churnBools is the churn flag per row (an unknown flag is false), nil
// without a churn column.
func (p *profiler) churnBools() []bool {
	if p.churned == nil {
		return nil
	}
	out := make([]bool, p.n)
	for i, v := range p.churned {
		out[i] = v == 1
	}
	return out
}

// money is a numeric column's values with the missing ones NaN.
func money(c *dataset.Column) []float64 {
	out := make([]float64, c.Len())
	for i := range out {
		out[i] = math.NaN()
		if !c.IsMissing(i) {
			out[i] = c.Num[i]
		}
	}
	return out
}

// unavailableErr notes a figure the function refused to compute, with its
// reason (the error names the column and row).
func (p *profiler) unavailableErr(feeds string, err error) {
	p.unavailable = append(p.unavailable, fmt.Sprintf("%s: %s", feeds, strings.TrimPrefix(err.Error(), "report: ")))
}

func (p *profiler) bridge(rep *Report, churned []bool) {
	const feeds = "MRR bridge"
	if p.mrrStart == nil || p.mrrEnd == nil {
		p.unavailable = append(p.unavailable, fmt.Sprintf("%s: needs MRR at start and end (mrr_start, mrr_end roles)", feeds))
		return
	}
	b, err := Bridge(p.labels, money(p.mrrStart), money(p.mrrEnd), churned)
	if err != nil {
		p.unavailableErr(feeds, err)
		return
	}
	rep.Bridge = b
	p.warnings = append(p.warnings, b.Warnings...)
}

// tenureMonths reads the tenure column in months (NaN where missing); nil
// when it is absent (noted in p.unavailable).
func (p *profiler) tenureMonths() ([]float64, error) {
	c, err := p.column(p.cfg.Tenure, dataset.Numeric, "lifetimes, customer lifetime value")
	if c == nil || err != nil {
		return nil, err
	}
	out := money(c)
	if p.cfg.TenureUnit == TenureDays {
		for i := range out {
			out[i] /= daysPerMonth
		}
	}
	return out, nil
}

func (p *profiler) lifetimes(rep *Report, tenure []float64, churned []bool) {
	const feeds = "lifetimes"
	if tenure == nil {
		return
	}
	if churned == nil {
		p.unavailable = append(p.unavailable, fmt.Sprintf("%s: needs the churn flag (churned role)", feeds))
		return
	}
	var arr []float64
	if p.hasARR {
		arr = p.clvARR()
	}
	lt, err := Lifetimes(p.labels, tenure, churned, arr, LifetimeConfig{KaplanMeier: survival.KaplanMeier{DiscountRate: p.cfg.DiscountRate}})
	if err != nil {
		p.unavailableErr(feeds, err)
		return
	}
	if arr == nil {
		p.unavailable = append(p.unavailable, "customer lifetime value: no ARR or MRR column")
	}
	if p.cfg.compact {
		for i := range lt {
			lt[i].Curve = nil
		}
	}
	rep.Lifetimes = lt
}

// clvARR is the ARR of each row for the lifetime value: a negative ARR
// (refunds larger than sales) has no lifetime value and is left out, with
// a warning, rather than failing the lifetimes.
func (p *profiler) clvARR() []float64 {
	out := make([]float64, p.n)
	neg := 0
	for i, v := range p.arr {
		out[i] = v
		if v < 0 {
			out[i] = math.NaN()
			neg++
		}
	}
	if neg > 0 {
		p.warn("lifetime value: %d accounts with a negative ARR left out", neg)
	}
	return out
}

// signups reads the signup dates (the zero time where unknown), or derives
// them from the tenure and AsOf when the table has no signup date; nil
// when neither is possible (noted in p.unavailable).
func (p *profiler) signups(tenure []float64) ([]time.Time, string, error) {
	name := p.cfg.SignupDate
	c, err := p.t.Column(name)
	switch {
	case name == "-":
		p.unavailable = append(p.unavailable, "cohorts: signup date column disabled")
		return nil, "", nil
	case err == nil:
		d, err := signupDates(c)
		return d, fmt.Sprintf("column %q", name), err
	case !errors.Is(err, dataset.ErrColumnNotFound):
		return nil, "", err
	case tenure != nil && !p.cfg.AsOf.IsZero():
		from := fmt.Sprintf("%q counted back from %s", p.cfg.Tenure, p.cfg.AsOf.Format(time.DateOnly))
		return derivedSignups(tenure, p.cfg.AsOf), from, nil
	case tenure != nil:
		p.unavailable = append(p.unavailable, fmt.Sprintf("cohorts: column %q absent; give the snapshot date (AsOf, -as-of) to derive signup months from the tenure", name))
	default:
		p.unavailable = append(p.unavailable, fmt.Sprintf("cohorts: column %q absent and no tenure to derive signup months from", name))
	}
	return nil, "", nil
}

// signupDates reads a date column, or a text one (2006-01-02 or RFC 3339);
// a text value that is neither is an error naming its row.
func signupDates(c *dataset.Column) ([]time.Time, error) {
	out := make([]time.Time, c.Len())
	for i := range out {
		if c.IsMissing(i) {
			continue
		}
		switch c.Kind {
		case dataset.Date:
			out[i] = c.Time[i]
		case dataset.Categorical:
			s := strings.TrimSpace(c.Str[i])
			if s == "" {
				continue
			}
			t, err := time.Parse(time.DateOnly, s)
			if err != nil {
				if t, err = time.Parse(time.RFC3339, s); err != nil {
					return nil, inputErr(c.Name, i, ErrValue, "%q is not a date (want 2006-01-02 or RFC 3339)", s)
				}
			}
			out[i] = t
		default:
			return nil, inputErr(c.Name, -1, ErrKind, "is %v, want a date", c.Kind)
		}
	}
	return out, nil
}

// derivedSignups is asOf minus each tenure: whole months back by the
// calendar (addMonths), a fraction of a month at 365.25/12 days.
func derivedSignups(tenure []float64, asOf time.Time) []time.Time {
	out := make([]time.Time, len(tenure))
	for i, m := range tenure {
		if math.IsNaN(m) || m < 0 {
			continue // unknown: left out of the cohorts and counted
		}
		whole := math.Floor(m)
		day := (m - whole) * daysPerMonth * 24 * float64(time.Hour)
		out[i] = addMonths(asOf, -int(whole)).Add(-time.Duration(day))
	}
	return out
}

func (p *profiler) cohorts(rep *Report, signup []time.Time, churned []bool, from string) {
	if signup == nil {
		return
	}
	in := CohortInput{Labels: p.labels, Signup: signup, Churned: churned}
	if p.mrrStart != nil && p.mrrEnd != nil {
		in.MRRStart, in.MRREnd = money(p.mrrStart), money(p.mrrEnd)
	} else if p.mrrEnd != nil {
		in.MRREnd = money(p.mrrEnd)
	}
	tab, err := Cohorts(in, CohortConfig{})
	if err != nil {
		p.unavailableErr("cohorts", err)
		return
	}
	tab.SignupFrom = from
	rep.Cohorts = tab
	p.warnings = append(p.warnings, tab.Warnings...)
}
