package snapshot

import (
	"fmt"
	"sort"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

// Report counts what Snapshot did at one cutoff. Every account of the
// accounts table is counted once: Rows + Excluded + NotYet == Accounts.
type Report struct {
	Cutoff time.Time
	// Accounts is the number of accounts: the rows of the accounts table,
	// or, with Accounts.From, the accounts with a row before the cutoff.
	Accounts int
	// NotYet counts accounts created at or after the cutoff (accounts
	// table with a time column).
	NotYet int
	// Excluded counts the accounts not active at the cutoff (with labels:
	// no active subscription, or no activity), left out.
	Excluded int
	// Rows is the number of accounts in the snapshot.
	Rows int
	// Censored is true when the label horizon reaches past the data end:
	// the labels are then missing.
	Censored bool
	// Churned and Upsold count the positive labels.
	Churned, Upsold int
	// Overlapping counts the accounts with overlapping intervals at the
	// cutoff, over all interval tables.
	Overlapping int
	// Tables are the load counts (orphans, duplicates, rows after the
	// data end...), the same at every cutoff.
	Tables []TableReport
	// PivotLevels are the pivot levels used, by "table.column".
	PivotLevels map[string][]string
}

// Totals sums the load counts of every table.
func (r *Report) Totals() TableReport {
	var t TableReport
	for _, x := range r.Tables {
		t.Rows += x.Rows
		t.Kept += x.Kept
		t.Duplicates += x.Duplicates
		t.AfterEnd += x.AfterEnd
		t.MissingAccount += x.MissingAccount
		t.Orphans += x.Orphans
	}
	return t
}

// Snapshot computes one row per account as of cutoff: the features of
// every table from rows strictly before the cutoff, the accounts table's
// attributes, and the labels (from the horizon after the cutoff). Rows
// are sorted by account ID. Column names are "<table>_<feature>" (see
// features.Aggregation and features.IntervalState for the features and
// the values of accounts without rows), the attributes' own names, and
// "churn" and "upsell" (0/1, missing when censored).
func (d *Data) Snapshot(cutoff time.Time) (*dataset.Table, *Report, error) {
	return d.snapshot(cutoff, nil)
}

func (d *Data) snapshot(cutoff time.Time, levels map[string][]string) (*dataset.Table, *Report, error) {
	if cutoff.IsZero() || cutoff.After(d.dataEnd) {
		return nil, nil, fmt.Errorf("snapshot: %w: %s is after the data end %s", ErrCutoff, cutoff.Format(time.RFC3339), d.dataEnd.Format(time.RFC3339))
	}
	rep := &Report{Cutoff: cutoff, Tables: d.Reports(), PivotLevels: map[string][]string{}}
	ids, err := d.population(cutoff, rep)
	if err != nil {
		return nil, nil, err
	}
	out := dataset.NewTable(d.idName(), ids)
	for i := range d.spec.Tables {
		ts := &d.spec.Tables[i]
		var part *dataset.Table
		switch {
		case ts.Events != nil:
			part, err = d.events(ts, cutoff, ids, levels, rep)
		case ts.Interval != nil:
			var ir *features.IntervalReport
			part, ir, err = d.intervals(ts, cutoff, ids).ApplyReport(d.tables[ts.Name].t)
			if ir != nil {
				rep.Overlapping += ir.Overlapping
			}
		}
		if err != nil {
			return nil, nil, fmt.Errorf("snapshot: table %q: %w", ts.Name, err)
		}
		if part != nil {
			for _, c := range part.Columns() {
				if err := out.AddColumn(c); err != nil {
					return nil, nil, fmt.Errorf("snapshot: table %q: %w", ts.Name, err)
				}
			}
		}
	}
	if err := d.attributes(out, ids); err != nil {
		return nil, nil, err
	}
	if err := d.labels(cutoff, out, rep); err != nil {
		return nil, nil, err
	}
	if rep.Rows+rep.Excluded+rep.NotYet != rep.Accounts {
		return nil, nil, fmt.Errorf("snapshot: accounts do not add up: %d rows + %d excluded + %d not yet created != %d", rep.Rows, rep.Excluded, rep.NotYet, rep.Accounts)
	}
	return out, rep, nil
}

// idName is the name of the snapshot's account column.
func (d *Data) idName() string {
	if d.spec.Accounts.Table != "" {
		return d.spec.table(d.spec.Accounts.Table).Key
	}
	if name := d.spec.table(d.spec.Accounts.From).Account; name != "" {
		return name
	}
	return "account_id" // accounts reached through a bridge
}

// population returns the accounts of the snapshot, sorted, and counts.
func (d *Data) population(cutoff time.Time, rep *Report) ([]string, error) {
	var known []string
	if d.spec.Accounts.Table != "" {
		ts := d.spec.table(d.spec.Accounts.Table)
		tb := d.tables[ts.Name]
		rep.Accounts = len(d.accounts)
		created := dated(ts, tb.t)
		for i, id := range d.accounts {
			if created != nil && !created.IsMissing(i) && !created.Time[i].Before(cutoff) {
				rep.NotYet++
				continue
			}
			known = append(known, id)
		}
	} else {
		tb := d.tables[d.spec.Accounts.From]
		tm, _ := tb.t.DateColumn(tb.spec.Time)
		acc, _ := tb.t.Categorical(accountCol)
		seen := map[string]bool{}
		for i, a := range acc.Str {
			if !tm.IsMissing(i) && tm.Time[i].Before(cutoff) && !seen[a] {
				seen[a] = true
				known = append(known, a)
			}
		}
		rep.Accounts = len(known)
	}
	sort.Strings(known)
	active, err := d.active(cutoff, known)
	if err != nil {
		return nil, err
	}
	ids := known[:0:0]
	for k, id := range known {
		if active == nil || active[k] {
			ids = append(ids, id)
		} else {
			rep.Excluded++
		}
	}
	rep.Rows = len(ids)
	return ids, nil
}

// active says which accounts are active at the cutoff (nil: all): those
// with an active interval in the labels' subscription table, else those
// with a row of the churn-by-inactivity table (within ActiveDays).
func (d *Data) active(cutoff time.Time, ids []string) ([]bool, error) {
	l := d.spec.Labels
	if l == nil {
		return nil, nil
	}
	if sub, up := d.spec.labelIntervals(); sub != "" || up != "" {
		if sub == "" {
			sub = up
		}
		act, _, err := d.intervals(d.spec.table(sub), cutoff, ids).ActiveAt(d.tables[sub].t, cutoff)
		if err != nil {
			return nil, fmt.Errorf("snapshot: table %q: %w", sub, err)
		}
		out := make([]bool, len(ids))
		for k, a := range act {
			out[k] = a > 0
		}
		return out, nil
	}
	if l.Churn == nil || l.Churn.Inactivity == nil {
		return nil, nil
	}
	from := time.Time{}
	if l.ActiveDays > 0 {
		from = cutoff.AddDate(0, 0, -l.ActiveDays)
	}
	hit := d.rowsIn(l.Churn.Inactivity, from, cutoff, false)
	out := make([]bool, len(ids))
	for k, id := range ids {
		out[k] = hit[id]
	}
	return out, nil
}

func (d *Data) events(ts *TableSpec, cutoff time.Time, ids []string, levels map[string][]string, rep *Report) (*dataset.Table, error) {
	tb := d.tables[ts.Name]
	if tb.t == nil {
		return d.streamed(tb, cutoff, ids, levels, rep)
	}
	out, ar, err := d.aggregation(ts, cutoff, ids, levels).ApplyReport(tb.t)
	if err != nil {
		return nil, err
	}
	for col, lv := range ar.PivotLevels {
		rep.PivotLevels[ts.Name+"."+col] = lv
	}
	return out, nil
}

// aggregation is the features.Aggregation of an events table at cutoff
// for the accounts ids, with the spec's pivot levels, else levels'.
func (d *Data) aggregation(ts *TableSpec, cutoff time.Time, ids []string, levels map[string][]string) features.Aggregation {
	e := ts.Events
	agg := features.Aggregation{ID: accountCol, Time: ts.Time, Amount: e.Amount, Quantity: e.Quantity, Price: e.Price,
		Invoice: e.Invoice, Cutoff: cutoff, Windows: e.Windows, TrendDays: e.TrendDays, Accounts: ids, Prefix: ts.Name + "_"}
	for _, st := range e.Stats {
		agg.Stats = append(agg.Stats, features.ColumnStat{Column: st.Column, Ops: st.Ops})
	}
	for _, p := range e.Pivots {
		lv := p.Levels
		if lv == nil {
			lv = levels[ts.Name+"."+p.Column]
		}
		agg.Pivots = append(agg.Pivots, features.Pivot{Column: p.Column, Levels: lv, Top: p.Top})
	}
	return agg
}

func (d *Data) intervals(ts *TableSpec, cutoff time.Time, ids []string) features.IntervalState {
	iv := ts.Interval
	return features.IntervalState{ID: accountCol, Start: iv.Start, End: iv.End, MRR: iv.MRR, Seats: iv.Seats, Plan: iv.Plan,
		Renewal: iv.Renewal, Cutoff: cutoff, ChangeDays: iv.ChangeDays, Accounts: ids, Overlap: iv.Overlap, Prefix: ts.Name + "_"}
}

// attributes copies the accounts table's attribute columns for ids.
func (d *Data) attributes(out *dataset.Table, ids []string) error {
	if len(d.spec.Accounts.Attributes) == 0 {
		return nil
	}
	rows := make([]int, len(ids))
	for k, id := range ids {
		rows[k] = d.accRow[id]
	}
	sub, err := d.tables[d.spec.Accounts.Table].t.Select(d.spec.Accounts.Attributes...)
	if err != nil {
		return err
	}
	for _, c := range sub.Subset(rows).Columns() {
		if err := out.AddColumn(c); err != nil {
			return fmt.Errorf("snapshot: attribute %q: %w", c.Name, err)
		}
	}
	return nil
}
