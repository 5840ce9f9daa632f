package features

import (
	"fmt"
	"strconv"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// Overlap policies of IntervalState.
const (
	// OverlapSum adds up the intervals active at once (several products).
	OverlapSum = "sum"
	// OverlapLatest keeps only the active interval that started last (a
	// renewal recorded before the old term was closed).
	OverlapLatest = "latest"
)

// IntervalState turns a table of intervals (subscriptions, contracts: one
// row per term, with a start, an optional end, MRR, seats and plan) into
// one row per account describing its state at Cutoff, without look-ahead:
// rows starting at or after the cutoff are ignored, and an interval is
// active at instant t when start < t and (end is missing or end > t), the
// same "strictly before" convention as Aggregation.
//
// Output columns (each name prefixed with Prefix):
//
//	active              number of intervals active at the cutoff (1 or 0
//	                    with OverlapLatest)
//	mrr, seats          their total MRR and seats (0 when none is active;
//	                    only when MRR, Seats are set)
//	plan                plan of the active interval that started last
//	                    (missing when none; only with Plan)
//	tenure_days         cutoff minus the earliest start (missing when the
//	                    account has no interval started before the cutoff)
//	days_to_renewal     the nearest Renewal date of the active intervals
//	                    minus the cutoff (missing when none; only with
//	                    Renewal)
//	mrr_change_<W>d     mrr now minus mrr W days before (only with MRR)
//	overlapping         1 when more than one interval is active at the
//	                    cutoff, else 0
//	no_rows             1 when the account has no interval started before
//	                    the cutoff, else 0
//
// End is compared with the cutoff only (has the interval ended yet?), so a
// cancellation recorded after the cutoff cannot leak into a feature; the
// renewal date used by days_to_renewal must be one known at signing (a
// contract's term end), hence its own column.
type IntervalState struct {
	// ID is the account column, Start and End the interval's bounds (date
	// columns; End may be empty or its values missing: open intervals).
	ID, Start, End string
	// MRR, Seats (numeric), Plan (categorical) and Renewal (date) are
	// optional.
	MRR, Seats, Plan, Renewal string
	// Cutoff is the "as of" instant. Required.
	Cutoff time.Time
	// ChangeDays is the look-back of mrr_change; zero means 90.
	ChangeDays int
	// Accounts are the output rows, in order (required): accounts without
	// an interval get the documented empty values and rows of other
	// accounts are counted as orphans.
	Accounts []string
	// Overlap is OverlapSum (the default when empty) or OverlapLatest.
	Overlap string
	Prefix  string
}

// IntervalReport counts what IntervalState.ApplyReport did with the rows.
type IntervalReport struct {
	Rows           int // rows of the table
	Used           int // rows started before the cutoff, of a known account
	Future         int // rows starting at or after the cutoff (ignored)
	MissingID      int // rows without an account (skipped)
	MissingStart   int // rows without a start (skipped)
	EndBeforeStart int // rows whose end precedes their start (skipped)
	Orphans        int // rows of accounts not in Accounts (skipped)
	// Overlapping counts the accounts with more than one interval active
	// at the cutoff.
	Overlapping int
}

type intervalCols struct {
	id, start, end, mrr, seats, plan, renewal *dataset.Column
}

func (s IntervalState) resolve(t *dataset.Table) (*intervalCols, error) {
	var c intervalCols
	var err error
	if c.id, err = t.Column(s.ID); err != nil {
		return nil, err
	}
	if c.id.Kind == dataset.Date {
		return nil, kindErr(s.ID, c.id.Kind, dataset.Categorical)
	}
	if c.start, err = t.DateColumn(s.Start); err != nil {
		return nil, err
	}
	opt := func(name string, get func(string) (*dataset.Column, error), dst **dataset.Column) {
		if err == nil && name != "" {
			*dst, err = get(name)
		}
	}
	opt(s.End, t.DateColumn, &c.end)
	opt(s.MRR, t.Numeric, &c.mrr)
	opt(s.Seats, t.Numeric, &c.seats)
	opt(s.Plan, t.Categorical, &c.plan)
	opt(s.Renewal, t.DateColumn, &c.renewal)
	return &c, err
}

// Apply computes the state at the cutoff; see IntervalState.
func (s IntervalState) Apply(t *dataset.Table) (*dataset.Table, error) {
	out, _, err := s.ApplyReport(t)
	return out, err
}

// ApplyReport computes like Apply and also reports counts.
func (s IntervalState) ApplyReport(t *dataset.Table) (*dataset.Table, *IntervalReport, error) {
	wrap := func(err error) error { return fmt.Errorf("features: interval state: %w", err) }
	if s.ID == "" || s.Start == "" || s.Cutoff.IsZero() || s.Accounts == nil {
		return nil, nil, wrap(fmt.Errorf("%w: ID, Start, Cutoff and Accounts are required", ErrAggregation))
	}
	if s.Overlap != "" && s.Overlap != OverlapSum && s.Overlap != OverlapLatest {
		return nil, nil, wrap(fmt.Errorf("%w: unknown overlap policy %q", ErrAggregation, s.Overlap))
	}
	change := s.ChangeDays
	if change == 0 {
		change = 90
	}
	if change < 0 {
		return nil, nil, wrap(fmt.Errorf("%w: ChangeDays %d < 0", ErrAggregation, change))
	}
	if t == nil {
		return nil, nil, wrap(dataset.ErrEmpty)
	}
	c, err := s.resolve(t)
	if err != nil {
		return nil, nil, wrap(err)
	}
	row := make(map[string]int, len(s.Accounts))
	for r, id := range s.Accounts {
		if _, dup := row[id]; dup {
			return nil, nil, wrap(fmt.Errorf("%w: %q in Accounts", dataset.ErrDuplicateID, id))
		}
		row[id] = r
	}
	rep := &IntervalReport{Rows: t.Len()}
	rows := make([][]int, len(s.Accounts)) // per account, its used rows in input order
	for i := 0; i < t.Len(); i++ {
		switch {
		case c.id.IsMissing(i):
			rep.MissingID++
			continue
		case c.start.IsMissing(i):
			rep.MissingStart++
			continue
		case !c.start.Time[i].Before(s.Cutoff):
			rep.Future++
			continue
		case c.end != nil && !c.end.IsMissing(i) && c.end.Time[i].Before(c.start.Time[i]):
			rep.EndBeforeStart++
			continue
		}
		r, ok := row[cellText(c.id, i)]
		if !ok {
			rep.Orphans++
			continue
		}
		rep.Used++
		rows[r] = append(rows[r], i)
	}
	return s.output(c, rows, change, rep)
}

// state is an account's intervals active at one instant.
type state struct {
	active      int
	mrr, seats  float64
	latest      int // row of the active interval that started last, or -1
	renewal     time.Time
	hasRenewal  bool
	overlapping bool
}

func (s IntervalState) stateAt(c *intervalCols, rows []int, at time.Time) state {
	st := state{latest: -1}
	var act []int
	for _, i := range rows {
		if !c.start.Time[i].Before(at) || (c.end != nil && !c.end.IsMissing(i) && !c.end.Time[i].After(at)) {
			continue
		}
		act = append(act, i)
		if st.latest < 0 || !c.start.Time[i].Before(c.start.Time[st.latest]) {
			st.latest = i
		}
	}
	st.overlapping = len(act) > 1
	if s.Overlap == OverlapLatest && st.latest >= 0 {
		act = []int{st.latest}
	}
	st.active = len(act)
	for _, i := range act {
		if c.mrr != nil && !c.mrr.IsMissing(i) {
			st.mrr += c.mrr.Num[i]
		}
		if c.seats != nil && !c.seats.IsMissing(i) {
			st.seats += c.seats.Num[i]
		}
		if c.renewal != nil && !c.renewal.IsMissing(i) && (!st.hasRenewal || c.renewal.Time[i].Before(st.renewal)) {
			st.renewal, st.hasRenewal = c.renewal.Time[i], true
		}
	}
	return st
}

func (s IntervalState) output(c *intervalCols, rows [][]int, change int, rep *IntervalReport) (*dataset.Table, *IntervalReport, error) {
	n := len(s.Accounts)
	day := 24 * time.Hour
	past := s.Cutoff.Add(-time.Duration(change) * day)
	active, mrr, seats, tenure, renew, dmrr := make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n), make([]float64, n)
	overl, none := make([]float64, n), make([]float64, n)
	tenureMiss, renewMiss := make([]bool, n), make([]bool, n)
	plan, planMiss := make([]string, n), make([]bool, n)
	for r, rs := range rows {
		st := s.stateAt(c, rs, s.Cutoff)
		active[r], mrr[r], seats[r] = float64(st.active), st.mrr, st.seats
		dmrr[r] = st.mrr - s.stateAt(c, rs, past).mrr
		if st.overlapping {
			overl[r] = 1
			rep.Overlapping++
		}
		planMiss[r] = st.latest < 0 || c.plan == nil || c.plan.IsMissing(st.latest)
		if !planMiss[r] {
			plan[r] = c.plan.Str[st.latest]
		}
		renewMiss[r] = !st.hasRenewal
		if st.hasRenewal {
			renew[r] = st.renewal.Sub(s.Cutoff).Hours() / 24
		}
		if len(rs) == 0 {
			none[r], tenureMiss[r] = 1, true
			continue
		}
		first := c.start.Time[rs[0]]
		for _, i := range rs[1:] {
			if c.start.Time[i].Before(first) {
				first = c.start.Time[i]
			}
		}
		tenure[r] = s.Cutoff.Sub(first).Hours() / 24
	}
	out := dataset.NewTable(s.ID, append([]string(nil), s.Accounts...))
	var err error
	add := func(on bool, name string, v []float64, miss []bool) {
		if on && err == nil {
			err = out.AddNumeric(s.Prefix+name, v, miss)
		}
	}
	add(true, "active", active, nil)
	add(c.mrr != nil, "mrr", mrr, nil)
	add(c.seats != nil, "seats", seats, nil)
	if c.plan != nil && err == nil {
		err = out.AddCategorical(s.Prefix+"plan", plan, planMiss)
	}
	add(true, "tenure_days", tenure, tenureMiss)
	add(c.renewal != nil, "days_to_renewal", renew, renewMiss)
	add(c.mrr != nil, "mrr_change_"+strconv.Itoa(change)+"d", dmrr, nil)
	add(true, "overlapping", overl, nil)
	add(true, "no_rows", none, nil)
	if err != nil {
		return nil, rep, fmt.Errorf("features: interval state: %w", err)
	}
	return out, rep, nil
}

// ActiveAt returns, for each account of s.Accounts, the number of its
// intervals active at instant at and their total MRR (0 without MRR),
// using every row whatever its start: for labels, which look past the
// cutoff on purpose. Overlap applies as in Apply.
func (s IntervalState) ActiveAt(t *dataset.Table, at time.Time) (active, mrr []float64, err error) {
	probe := s
	probe.Cutoff = at
	out, _, err := probe.ApplyReport(t)
	if err != nil {
		return nil, nil, err
	}
	a, _ := out.Numeric(s.Prefix + "active")
	mrr = make([]float64, len(a.Num))
	if m, err := out.Numeric(s.Prefix + "mrr"); err == nil {
		copy(mrr, m.Num)
	}
	return a.Num, mrr, nil
}
