package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/segmenta/segmenta/exactsum"
	"github.com/segmenta/segmenta/survival"
)

// LifetimeConfig configures Lifetimes. The zero value means the defaults.
type LifetimeConfig struct {
	// KaplanMeier sets the confidence level and type of the curves, the
	// horizon (in months) of the mean and remaining lifetimes and of the
	// lifetime value, and the yearly discount rate of the value. Tenure is
	// in months: UnitsPerYear should stay 12 (its default). A zero Horizon
	// means the last tenure of all accounts, common to every segment so
	// their means compare (R's rmean = "common").
	KaplanMeier survival.KaplanMeier
}

// SegmentLifetime is the Kaplan-Meier analysis of the tenure of one group
// of accounts.
type SegmentLifetime struct {
	// Segment is the label, or AllSegments.
	Segment int `json:"segment"`
	// Accounts with a tenure; Churned of them; Skipped without a tenure.
	Accounts int `json:"accounts"`
	Churned  int `json:"churned"`
	Skipped  int `json:"skipped"`
	// Median is the median lifetime in months and MedianLower and
	// MedianUpper its confidence interval; not available when the curve
	// (or band) does not fall to 0.5.
	Median      Metric `json:"median_months"`
	MedianLower Metric `json:"median_lower"`
	MedianUpper Metric `json:"median_upper"`
	// Horizon is the horizon in months of the means and values below.
	Horizon float64 `json:"horizon_months"`
	// MeanLifetime is the expected lifetime of a new account up to the
	// horizon (restricted mean), MeanLifetimeSE its standard error.
	MeanLifetime   Metric `json:"mean_lifetime_months"`
	MeanLifetimeSE Metric `json:"mean_lifetime_se"`
	// RemainingLifetime averages, over the active accounts, the expected
	// remaining lifetime in months given their tenure (N of them).
	RemainingLifetime Metric `json:"remaining_lifetime_months"`
	// CLV sums the lifetime value of the active accounts with an ARR (N of
	// them): ARR x expected remaining lifetime in years, discounted at
	// KaplanMeier.DiscountRate; MeanCLV is its mean.
	CLV     Metric `json:"clv"`
	MeanCLV Metric `json:"mean_clv"`
	// Curve is the survival curve, one point per distinct tenure (absent
	// in a model's profile, see ProfileSegments).
	Curve []CurvePoint `json:"curve,omitempty"`
}

// CurvePoint is the survival curve at one tenure.
type CurvePoint struct {
	Months   float64 `json:"months"`
	AtRisk   int     `json:"at_risk"`
	Churned  int     `json:"churned"`
	Censored int     `json:"censored"`
	Survival float64 `json:"survival"`
	// Lower and Upper bound the confidence interval; not available where
	// it is undefined (survival 0, or 1 with log-log).
	Lower Metric `json:"lower"`
	Upper Metric `json:"upper"`
}

// Lifetimes estimates how long accounts stay, overall (first, Segment
// AllSegments) and per segment label (labels may be nil): a Kaplan-Meier
// curve (package survival) of tenure in months, where an account that
// churned has the event at its tenure and an active one is censored there.
// arr (annual recurring revenue, may be nil) gives the lifetime value of
// the active accounts. A NaN tenure is missing (counted in Skipped; a
// segment whose tenures are all missing has a row with Accounts 0 and no
// figures); a negative tenure or ARR is an error naming the row.
func Lifetimes(labels []int, tenure []float64, churned []bool, arr []float64, cfg LifetimeConfig) ([]SegmentLifetime, error) {
	if err := checkLifetimes(labels, tenure, churned, arr); err != nil {
		return nil, err
	}
	var rows, grp []int
	var dur, ev []float64
	for i, t := range tenure {
		if math.IsNaN(t) {
			continue
		}
		rows, dur, ev = append(rows, i), append(dur, t), append(ev, b2f(churned[i]))
		if labels != nil {
			grp = append(grp, labels[i])
		}
	}
	if len(rows) == 0 {
		return nil, inputErr("tenure", -1, ErrEmpty, "every tenure is missing")
	}
	km := cfg.KaplanMeier
	if km.Horizon == 0 {
		km.Horizon = slices.Max(dur) // common to all segments
	}
	all, err := km.Fit(dur, ev)
	if err != nil {
		return nil, fmt.Errorf("report: lifetimes: %w", err)
	}
	units := cmp.Or(km.UnitsPerYear, survival.DefaultUnitsPerYear)
	out := []SegmentLifetime{lifetime(AllSegments, all, rows, dur, ev, arr, len(tenure)-len(rows), units)}
	if labels == nil {
		return out, nil
	}
	groups, err := km.FitGroups(grp, dur, ev)
	if err != nil {
		return nil, fmt.Errorf("report: lifetimes: %w", err)
	}
	curves := map[int]*survival.Curve{}
	for _, g := range groups {
		curves[g.Label] = g.Curve
	}
	for _, label := range distinct(labels) {
		c := curves[label]
		if c == nil { // every tenure of the segment is missing
			out = append(out, SegmentLifetime{Segment: label, Skipped: countMissing(labels, tenure, label)})
			continue
		}
		var gr []int
		var gd, ge []float64
		for k, r := range rows {
			if grp[k] == label {
				gr, gd, ge = append(gr, r), append(gd, dur[k]), append(ge, ev[k])
			}
		}
		out = append(out, lifetime(label, c, gr, gd, ge, arr, countMissing(labels, tenure, label), units))
	}
	return out, nil
}

// distinct returns the labels in increasing order, once each.
func distinct(labels []int) []int {
	out := slices.Clone(labels)
	slices.Sort(out)
	return slices.Compact(out)
}

func checkLifetimes(labels []int, tenure []float64, churned []bool, arr []float64) error {
	n := len(tenure)
	switch {
	case n == 0:
		return inputErr("tenure", -1, ErrEmpty, "")
	case len(churned) != n:
		return inputErr("churned", -1, ErrLength, "%d values for %d accounts", len(churned), n)
	case arr != nil && len(arr) != n:
		return inputErr("arr", -1, ErrLength, "%d values for %d accounts", len(arr), n)
	}
	if err := checkSegments(labels, n); err != nil {
		return err
	}
	for i, t := range tenure {
		if t < 0 || math.IsInf(t, 0) {
			return inputErr("tenure", i, ErrValue, "%v: want months >= 0 (NaN for missing)", t)
		}
	}
	return checkMoney("arr", arr)
}

func countMissing(labels []int, tenure []float64, label int) int {
	n := 0
	for i, t := range tenure {
		if labels[i] == label && math.IsNaN(t) {
			n++
		}
	}
	return n
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// survivalCache holds, per tenure, the remaining lifetime and the
// discounted remaining time of curve c: accounts share few distinct
// tenures, and each takes a walk along the curve.
type survivalCache struct {
	c     *survival.Curve
	units float64
	m     map[float64][2]float64
}

// of returns c.Remaining(t) and c.LifetimeValue(units, t), which is
// the discounted remaining time exactly (units/units = 1).
func (s *survivalCache) of(t float64) (remaining, discounted float64) {
	v, ok := s.m[t]
	if !ok {
		v = [2]float64{s.c.Remaining(t), s.c.LifetimeValue(s.units, t)}
		s.m[t] = v
	}
	return v[0], v[1]
}

// lifetime summarises curve c of the accounts rows (tenure dur, event ev).
func lifetime(seg int, c *survival.Curve, rows []int, dur, ev, arr []float64, skipped int, units float64) SegmentLifetime {
	l := SegmentLifetime{Segment: seg, Accounts: c.N, Churned: c.Events, Skipped: skipped, Horizon: c.Horizon()}
	m := c.Median()
	l.Median, l.MedianLower, l.MedianUpper = metric(m.Median, c.N), metric(m.Lower, c.N), metric(m.Upper, c.N)
	mean, se := c.RestrictedMean()
	l.MeanLifetime, l.MeanLifetimeSE = metric(mean, c.N), metric(se, c.N)
	var rem, clv exactsum.Acc
	nRem, nCLV := 0, 0
	at := survivalCache{c: c, units: units, m: map[float64][2]float64{}}
	for k, i := range rows {
		if ev[k] == 1 {
			continue
		}
		r, perYear := at.of(dur[k])
		if !math.IsNaN(r) {
			rem.Add(r)
			nRem++
		}
		if arr == nil || math.IsNaN(arr[i]) {
			continue
		}
		// c.LifetimeValue(arr, t) is arr / units * the discounted
		// remaining time, computed in that order: the same bits.
		if v := arr[i] / units * perYear; !math.IsNaN(v) {
			clv.Add(v)
			nCLV++
		}
	}
	l.RemainingLifetime = metric(rem.Mean(int64(nRem)), nRem)
	l.CLV, l.MeanCLV = metric(clv.Sum(), nCLV), metric(clv.Mean(int64(nCLV)), nCLV)
	for _, s := range c.Steps {
		l.Curve = append(l.Curve, CurvePoint{Months: s.Time, AtRisk: s.AtRisk, Churned: s.Events, Censored: s.Censored,
			Survival: s.Surv, Lower: metric(s.Lower, s.AtRisk), Upper: metric(s.Upper, s.AtRisk)})
	}
	return l
}
