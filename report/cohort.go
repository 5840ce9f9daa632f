package report

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/segmenta/segmenta/exactsum"
)

// CohortInput holds one entry per account in parallel slices. Signup is
// required; every other slice may be nil.
type CohortInput struct {
	// Labels are the segment labels (nil: cohorts of all accounts only).
	Labels []int
	// Signup is the signup date; the zero time means unknown (the account
	// is counted in CohortTable.UnknownSignup and left out).
	Signup []time.Time
	// Churned flags the accounts that churned by the end snapshot.
	Churned []bool
	// MRRStart and MRREnd are the MRR at the start and end snapshots (NaN:
	// missing), for revenue retention and, without Churned, churn
	// (MRREnd == 0).
	MRRStart, MRREnd []float64
	// ChurnDate is when the account churned; the zero time means it has
	// not (or the date is unknown, see Cohorts). With it, AsOf is required.
	ChurnDate []time.Time
	// AsOf is the end of observation of the dated churns.
	AsOf time.Time
}

// CohortConfig configures Cohorts. The zero value means the defaults.
type CohortConfig struct {
	// Months is the number of months after signup the dated retention
	// curve covers (Cohort.Curve has Months+1 points). Zero means 12;
	// negative is an error.
	Months int
}

// DefaultCohortMonths is the curve length of the zero CohortConfig.
const DefaultCohortMonths = 12

// Cohort is the retention of the accounts of one segment that signed up in
// one calendar month.
type Cohort struct {
	// Segment is the label, or AllSegments.
	Segment int `json:"segment"`
	// Month is the signup month, "2006-01" (UTC).
	Month string `json:"month"`
	// Accounts in the cohort, Retained those that had not churned at the
	// end (see Cohorts for what churned means).
	Accounts int `json:"accounts"`
	Retained int `json:"retained"`
	// LogoRetention is Retained/Accounts.
	LogoRetention Metric `json:"logo_retention"`
	// MRRStart and MRREnd sum the MRR of the cohort's accounts with both
	// known (a churned account's end counts 0); RevenueRetention is
	// MRREnd/MRRStart.
	MRRStart         float64 `json:"mrr_start"`
	MRREnd           float64 `json:"mrr_end"`
	RevenueRetention Metric  `json:"revenue_retention"`
	// Curve[m], with dated churns only, is the share of the cohort still a
	// customer m months after signup (calendar months, the day clamped to
	// the month's end), among the accounts whose signup + m
	// months is on or before AsOf (N of them); not available when none is.
	Curve []Metric `json:"curve,omitempty"`
}

// CohortTable is the result of Cohorts.
type CohortTable struct {
	// Cohorts are ordered by segment (AllSegments first), then month.
	Cohorts []Cohort `json:"cohorts"`
	// Dated is true when the churn dates gave the retention curves.
	Dated bool `json:"dated"`
	// UnknownSignup counts accounts without a signup date (left out);
	// UndatedChurn those flagged churned without a churn date (counted as
	// churned, left out of the curves).
	UnknownSignup int `json:"unknown_signup"`
	// SignupFrom says where Profile took the signup months from: a date
	// column, or the tenure counted back from the snapshot date ("" when
	// Cohorts is called directly).
	SignupFrom   string   `json:"signup_from,omitempty"`
	UndatedChurn int      `json:"undated_churn"`
	Warnings     []string `json:"warnings,omitempty"`
}

// Cohorts groups the accounts by segment and signup month (UTC) and gives
// each cohort's logo and revenue retention.
//
// What retained means depends on what is known. With only two snapshots,
// an account is retained when it is not flagged churned and its MRR at the
// end is not 0 (as in Bridge): retention over the snapshot period. With
// ChurnDate, an account is retained when it has no churn date on or before
// AsOf, and Curve gives the classic cohort triangle: the share still a
// customer 1, 2, ... months after signup, each month over the accounts
// observed that long. The dates then decide (MRR at the end 0 alone is not
// a churn); an account flagged churned without a churn date counts as
// churned and is left out of the curve (CohortTable.UndatedChurn, with a
// warning).
func Cohorts(in CohortInput, cfg CohortConfig) (*CohortTable, error) {
	months, err := checkCohorts(in, cfg)
	if err != nil {
		return nil, err
	}
	dated := in.ChurnDate != nil
	out := &CohortTable{Dated: dated}
	accs := map[cohortKey]*cohortAcc{}
	for i, t := range in.Signup {
		if t.IsZero() {
			out.UnknownSignup++
			continue
		}
		churned, undated := in.churned(i)
		if undated {
			out.UndatedChurn++
		}
		month := t.UTC().Format("2006-01")
		keys := []cohortKey{{AllSegments, month}}
		if in.Labels != nil {
			keys = append(keys, cohortKey{in.Labels[i], month})
		}
		for _, k := range keys {
			a := accs[k]
			if a == nil {
				a = &cohortAcc{alive: make([]int, months+1), seen: make([]int, months+1)}
				accs[k] = a
			}
			a.add(in, i, churned, dated && !undated)
		}
	}
	keys := make([]cohortKey, 0, len(accs))
	for k := range accs {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b cohortKey) int {
		return cmp.Or(cmp.Compare(a.seg, b.seg), cmp.Compare(a.month, b.month))
	})
	for _, k := range keys {
		out.Cohorts = append(out.Cohorts, accs[k].cohort(k, dated))
	}
	if out.UnknownSignup > 0 {
		out.Warnings = append(out.Warnings, fmt.Sprintf("cohorts: %d accounts without a signup date left out", out.UnknownSignup))
	}
	if out.UndatedChurn > 0 {
		out.Warnings = append(out.Warnings, fmt.Sprintf("cohorts: %d churned accounts without a churn date counted as churned, left out of the retention curves", out.UndatedChurn))
	}
	return out, nil
}

type cohortKey struct {
	seg   int
	month string
}

// churned says whether account i churned and whether it did without a
// date when dates are given: then a churn date on or before AsOf, or a
// churn flag without a date; else the flag or MRR at the end 0, as in
// Bridge.
func (in CohortInput) churned(i int) (churned, undated bool) {
	flag := in.Churned != nil && in.Churned[i]
	if in.ChurnDate == nil {
		return flag || in.MRREnd != nil && in.MRREnd[i] == 0, false
	}
	if d := in.ChurnDate[i]; !d.IsZero() {
		return !d.After(in.AsOf), false
	}
	return flag, flag
}

func checkCohorts(in CohortInput, cfg CohortConfig) (int, error) {
	n := len(in.Signup)
	if n == 0 {
		return 0, inputErr("signup", -1, ErrEmpty, "")
	}
	if cfg.Months < 0 {
		return 0, fmt.Errorf("report: CohortConfig.Months = %d: %w: want >= 0", cfg.Months, ErrValue)
	}
	months := cmp.Or(cfg.Months, DefaultCohortMonths)
	if err := checkSegments(in.Labels, n); err != nil {
		return 0, err
	}
	for _, c := range []struct {
		name string
		n    int
	}{{"churned", len(in.Churned)}, {"mrr_start", len(in.MRRStart)}, {"mrr_end", len(in.MRREnd)}, {"churn_date", len(in.ChurnDate)}} {
		if c.n != 0 && c.n != n {
			return 0, inputErr(c.name, -1, ErrLength, "%d values for %d accounts", c.n, n)
		}
	}
	if in.Churned == nil && in.MRREnd == nil && in.ChurnDate == nil {
		return 0, inputErr("churned", -1, ErrEmpty, "no churn flag, MRR at the end or churn date: retention is undefined")
	}
	if err := checkMoney("mrr_start", in.MRRStart); err != nil {
		return 0, err
	}
	if err := checkMoney("mrr_end", in.MRREnd); err != nil {
		return 0, err
	}
	if in.ChurnDate != nil && in.AsOf.IsZero() {
		return 0, inputErr("as_of", -1, ErrValue, "dated churns need the end of observation")
	}
	for i, d := range in.ChurnDate {
		if !d.IsZero() && !in.Signup[i].IsZero() && d.Before(in.Signup[i]) {
			return 0, inputErr("churn_date", i, ErrValue, "churn %s before signup %s", d.Format(time.DateOnly), in.Signup[i].Format(time.DateOnly))
		}
	}
	return months, nil
}

// cohortAcc accumulates one cohort; alive[m] and seen[m] count the dated
// accounts observed m months after signup and those still customers then.
type cohortAcc struct {
	accounts, retained, withMRR int
	start, end                  exactsum.Acc
	alive, seen                 []int
}

func (a *cohortAcc) add(in CohortInput, i int, churned, curve bool) {
	a.accounts++
	if !churned {
		a.retained++
	}
	if in.MRRStart != nil && in.MRREnd != nil {
		s, e := in.MRRStart[i], in.MRREnd[i]
		if churned {
			e = 0
		}
		if !math.IsNaN(s) && !math.IsNaN(e) {
			a.withMRR++
			a.start.Add(s)
			a.end.Add(e)
		}
	}
	if !curve {
		return
	}
	signup, churn := in.Signup[i], in.ChurnDate[i]
	for m := range a.seen {
		at := addMonths(signup, m)
		if at.After(in.AsOf) {
			break
		}
		a.seen[m]++
		if churn.IsZero() || churn.After(at) {
			a.alive[m]++
		}
	}
}

func (a *cohortAcc) cohort(k cohortKey, dated bool) Cohort {
	c := Cohort{Segment: k.seg, Month: k.month, Accounts: a.accounts, Retained: a.retained,
		LogoRetention: ratio(float64(a.retained), float64(a.accounts), a.accounts),
		MRRStart:      a.start.Sum(), MRREnd: a.end.Sum()}
	c.RevenueRetention = ratio(c.MRREnd, c.MRRStart, a.withMRR)
	if dated {
		c.Curve = make([]Metric, len(a.seen))
		for m := range a.seen {
			c.Curve[m] = ratio(float64(a.alive[m]), float64(a.seen[m]), a.seen[m])
		}
	}
	return c
}

// addMonths is t plus m calendar months, the day clamped to the last of
// the month (January 31 plus one month is February 28 or 29), as
// spreadsheets and pandas' DateOffset count.
func addMonths(t time.Time, m int) time.Time {
	y, mon, d := t.Date()
	first := time.Date(y, mon+time.Month(m), 1, 0, 0, 0, 0, t.Location())
	last := first.AddDate(0, 1, -1).Day()
	return time.Date(first.Year(), first.Month(), min(d, last), t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), t.Location())
}
