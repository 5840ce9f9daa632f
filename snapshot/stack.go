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
	return d.stack(cs, last.PivotLevels)
}

// stack stacks the snapshots at the sorted cutoffs cs, with the given
// pivot levels ("table.column").
func (d *Data) stack(cs []time.Time, levels map[string][]string) (*dataset.Table, []*Report, error) {
	var parts []*dataset.Table
	var reps []*Report
	var ids []string
	var times []time.Time
	for _, c := range cs {
		t, rep, err := d.snapshot(c, levels)
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
// Accounts are split first, so an account is never on both sides: the
// training accounts give Train (their rows before the latest cutoff); the
// evaluation accounts are split again, by account, into calibration
// accounts (Calibration: their rows before the latest cutoff) and test
// accounts (Test: their rows before it; OutOfTime: their rows at the
// latest cutoff, an out-of-time evaluation beside the usual one). Rows
// without a label, the training and calibration accounts' rows at the
// latest cutoff are in no part; Unlabelled counts the first.
type Split struct {
	Train, Calibration, Test, OutOfTime []int
	Latest                              time.Time
	Unlabelled                          int
}

// SplitStack splits a table made by Stack on the label column (churn or
// upsell; both account splits are stratified on it, see
// dataset.GroupSplitIndex): testFraction of the accounts are evaluation
// accounts, half of them calibrate and half test.
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
	train, eval, err := dataset.GroupSplitIndex(groups, labels, testFraction, seed)
	if err != nil {
		return nil, fmt.Errorf("snapshot: split: %w", err)
	}
	for _, k := range train {
		if i := rows[k]; cut.Time[i].Before(sp.Latest) {
			sp.Train = append(sp.Train, i)
		}
	}
	evalRows := make([]int, len(eval))
	evalGroups := make([]string, len(eval))
	evalLabels := make([]string, len(eval))
	for j, k := range eval {
		evalRows[j], evalGroups[j], evalLabels[j] = rows[k], groups[k], labels[k]
	}
	calib, test, err := dataset.GroupSplitIndex(evalGroups, evalLabels, 0.5, seed^0xca11b)
	if err != nil {
		return nil, fmt.Errorf("snapshot: split: evaluation accounts: %w", err)
	}
	for _, j := range calib {
		if i := evalRows[j]; cut.Time[i].Before(sp.Latest) {
			sp.Calibration = append(sp.Calibration, i)
		}
	}
	for _, j := range test {
		if i := evalRows[j]; cut.Time[i].Before(sp.Latest) {
			sp.Test = append(sp.Test, i)
		} else {
			sp.OutOfTime = append(sp.OutOfTime, i)
		}
	}
	return sp, nil
}

// Apply keeps the rows of t that are in a part of the split and returns
// them with the split renumbered to the kept rows (in t's order), so that
// a table without the unlabelled rows can go to a fit.
func (sp *Split) Apply(t *dataset.Table) (*dataset.Table, *Split) {
	parts := [][]int{sp.Train, sp.Calibration, sp.Test, sp.OutOfTime}
	in := make([]bool, t.Len())
	for _, p := range parts {
		for _, i := range p {
			in[i] = true
		}
	}
	var keep []int
	at := make([]int, t.Len())
	for i, ok := range in {
		if ok {
			at[i] = len(keep)
			keep = append(keep, i)
		}
	}
	renum := func(p []int) []int {
		out := make([]int, len(p))
		for k, i := range p {
			out[k] = at[i]
		}
		return out
	}
	out := &Split{Train: renum(sp.Train), Calibration: renum(sp.Calibration), Test: renum(sp.Test),
		OutOfTime: renum(sp.OutOfTime), Latest: sp.Latest, Unlabelled: sp.Unlabelled}
	return t.Subset(keep), out
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
