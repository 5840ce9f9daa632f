package snapshot

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// CutoffColumn is the column of a stacked table holding each row's cutoff.
const CutoffColumn = "cutoff"

// MaxCutoffs bounds the cutoffs of one ParseCutoffs list: each is a whole
// snapshot of the export, and a range of daily steps over centuries
// ("2000-01-01..9999-12-31/1d", some 3 million dates) is a typo, not a job.
const MaxCutoffs = 10000

// ParseCutoffs reads a cutoff list: one date ("2024-06-01"), dates
// separated by commas, or a range FROM..TO/STEP whose step is a number of
// days (d), weeks (w), months (mo) or years (y): "2023-07-01..2024-06-01/1mo"
// gives the first of each month from July 2023 to June 2024. Months add
// calendar months to FROM (so from the 31st they normalise as time.AddDate
// does: avoid days past the 28th). The result is sorted and free of
// duplicates. More than MaxCutoffs cutoffs, in either form, is an error.
func ParseCutoffs(s string) ([]time.Time, error) {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("snapshot: %w: %q: %s", ErrCutoff, s, fmt.Sprintf(format, args...))
	}
	var out []time.Time
	if from, rest, ok := strings.Cut(s, ".."); ok {
		to, step, ok := strings.Cut(rest, "/")
		if !ok {
			return nil, bad("a range needs a step: FROM..TO/STEP")
		}
		a, err := parseDay(from)
		if err != nil {
			return nil, err
		}
		b, err := parseDay(to)
		if err != nil {
			return nil, err
		}
		unit := strings.TrimLeft(step, "0123456789")
		n, err := strconv.Atoi(strings.TrimSuffix(step, unit))
		if err != nil || n <= 0 {
			return nil, bad("step %q is not a positive count", step)
		}
		var days, months int
		switch unit {
		case "d":
			days = n
		case "w":
			days = 7 * n
		case "mo":
			months = n
		case "y":
			months = 12 * n
		default:
			return nil, bad("step unit %q is not d, w, mo or y", unit)
		}
		if b.Before(a) {
			return nil, bad("range ends before it starts")
		}
		for k := 0; ; k++ {
			c := a.AddDate(0, k*months, k*days)
			if c.After(b) {
				break
			}
			if len(out) >= MaxCutoffs {
				return nil, bad("more than %d cutoffs", MaxCutoffs)
			}
			out = append(out, c)
		}
	} else {
		fields := strings.Split(s, ",")
		if len(fields) > MaxCutoffs {
			return nil, bad("more than %d cutoffs", MaxCutoffs)
		}
		for _, f := range fields {
			c, err := parseDay(strings.TrimSpace(f))
			if err != nil {
				return nil, err
			}
			out = append(out, c)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	uniq := out[:0]
	for i, c := range out {
		if i == 0 || !c.Equal(out[i-1]) {
			uniq = append(uniq, c)
		}
	}
	return uniq, nil
}

// Stack builds a snapshot at each cutoff and stacks them into one table
// keyed by account and cutoff: the account ID column, then CutoffColumn,
// then the snapshot's columns; rows by cutoff, then account. Pivot levels
// chosen from the data (no Levels in the spec) are chosen once, at the
// latest cutoff, and used at every cutoff, so that every snapshot has the
// same columns; the reports give them. Reports come in cutoff order.
func (d *Data) Stack(cutoffs []time.Time) (*dataset.Table, []*Report, error) {
	if len(cutoffs) == 0 {
		return nil, nil, fmt.Errorf("snapshot: %w: no cutoff", ErrCutoff)
	}
	cs := append([]time.Time(nil), cutoffs...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].Before(cs[j]) })
	_, last, err := d.snapshot(cs[len(cs)-1], nil)
	if err != nil {
		return nil, nil, err
	}
	var parts []*dataset.Table
	var reps []*Report
	var ids []string
	var times []time.Time
	for _, c := range cs {
		t, rep, err := d.snapshot(c, last.PivotLevels)
		if err != nil {
			return nil, nil, err
		}
		parts = append(parts, t)
		reps = append(reps, rep)
		ids = append(ids, t.IDs...)
		for range t.IDs {
			times = append(times, c)
		}
	}
	names := parts[0].Names()
	for k, p := range parts[1:] {
		if got := p.Names(); strings.Join(got, "\x00") != strings.Join(names, "\x00") {
			return nil, nil, fmt.Errorf("snapshot: the snapshot at %s has other columns than at %s", cs[k+1].Format(time.DateOnly), cs[0].Format(time.DateOnly))
		}
	}
	body, err := concat(parts, names)
	if err != nil {
		return nil, nil, err
	}
	out := dataset.NewTable(parts[0].IDName, ids)
	if err := out.AddDate(CutoffColumn, times, nil); err != nil {
		return nil, nil, err
	}
	for _, c := range body.Columns() {
		if err := out.AddColumn(c); err != nil {
			return nil, nil, err
		}
	}
	return out, reps, nil
}

// Split is a training split of a stacked table (row indexes, ascending).
// Accounts are split first, so an account is never on both sides:
// Train holds the training accounts' rows before the latest cutoff, Test
// the evaluation accounts' rows before it, and OutOfTime the evaluation
// accounts' rows at the latest cutoff (an out-of-time evaluation beside
// the usual one). Rows without a label are left out and counted.
type Split struct {
	Train, Test, OutOfTime []int
	Latest                 time.Time
	Unlabelled             int
}

// SplitStack splits a table made by Stack on the label column (churn or
// upsell; the account split is stratified on it, see
// dataset.GroupSplitIndex) with testFraction of the accounts held out.
func SplitStack(t *dataset.Table, label string, testFraction float64, seed uint64) (*Split, error) {
	cut, err := t.DateColumn(CutoffColumn)
	if err != nil {
		return nil, fmt.Errorf("snapshot: split: %w", err)
	}
	y, err := t.Numeric(label)
	if err != nil {
		return nil, fmt.Errorf("snapshot: split: %w", err)
	}
	sp := &Split{}
	var rows []int
	var groups, labels []string
	for i := 0; i < t.Len(); i++ {
		if y.IsMissing(i) {
			sp.Unlabelled++
			continue
		}
		rows = append(rows, i)
		groups = append(groups, t.IDs[i])
		labels = append(labels, strconv.FormatFloat(y.Num[i], 'g', -1, 64))
		if cut.Time[i].After(sp.Latest) {
			sp.Latest = cut.Time[i]
		}
	}
	train, test, err := dataset.GroupSplitIndex(groups, labels, testFraction, seed)
	if err != nil {
		return nil, fmt.Errorf("snapshot: split: %w", err)
	}
	for _, k := range train {
		if i := rows[k]; cut.Time[i].Before(sp.Latest) {
			sp.Train = append(sp.Train, i)
		}
	}
	for _, k := range test {
		if i := rows[k]; cut.Time[i].Before(sp.Latest) {
			sp.Test = append(sp.Test, i)
		} else {
			sp.OutOfTime = append(sp.OutOfTime, i)
		}
	}
	return sp, nil
}

// FreezeLevels returns a copy of the spec whose pivots without Levels get
// the levels chosen from the data (Report.PivotLevels, by "table.column"),
// so that snapshots built later from the copy (at scoring time, say) have
// the same columns as the ones levels were chosen on. A model file records
// the frozen spec.
func (s *Spec) FreezeLevels(levels map[string][]string) *Spec {
	c := *s
	c.Tables = append([]TableSpec(nil), s.Tables...)
	for i := range c.Tables {
		t := &c.Tables[i]
		if t.Events == nil || len(t.Events.Pivots) == 0 {
			continue
		}
		ev := *t.Events
		ev.Pivots = append([]PivotSpec(nil), ev.Pivots...)
		for k := range ev.Pivots {
			p := &ev.Pivots[k]
			if lv, ok := levels[t.Name+"."+p.Column]; ok && p.Levels == nil {
				p.Levels = append([]string{}, lv...)
			}
		}
		t.Events = &ev
	}
	return &c
}
