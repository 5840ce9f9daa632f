package snapshot

import (
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

// Building snapshots elsewhere than in one process (the beam module):
// a table is read in parts (TablePlan, ParseRows), each row's account is
// resolved by a join on the relation columns the plan names, the data end
// and the pivot levels are computed over all rows (PivotCounts,
// TopPivotLevels), and the rows of each group of accounts are loaded and
// aggregated by this package's own code (LoadGroup, SnapshotLevels,
// StackLevels), as LoadCutoffs and Snapshot do on the whole export.

// TablePlan says how one table of a spec reads, so that its parts, read
// apart, give the rows a whole read gives.
type TablePlan struct {
	// Table is the table's name, Index its position in Spec.Tables.
	Table string
	Index int
	// Columns are the columns read, in order, and Kinds the kind of each:
	// the spec's, else the one the CSV reader infers from the file's
	// first rows (fixed here, as a part would infer its own). Date columns
	// (Dates) read as text; ParseRows parses them.
	Columns []string
	Kinds   map[string]dataset.Kind
	Dates   []string
	// Dated is the column dating each row (the event time, or the
	// interval start; "" for undated tables): rows dated after the data
	// end are dropped, and the latest date is the data end.
	Dated string
	// Relation is the column holding each row's account, or its bridge
	// key; Parent is the table whose keys it holds (a bridge, or the
	// accounts table, whose keys are the known accounts), "" when
	// Relation is the account itself. Key is the table's own key ("" for
	// none), unique among its kept rows.
	Relation, Parent, Key string
	// IsAccounts says the table is the accounts table: a row without a
	// key is an error, not a row without an account.
	IsAccounts bool
}

// errFirstBatch stops a read after the first batch.
var errFirstBatch = errors.New("snapshot: first batch read")

// PlanTable checks the header of table name's source against the columns
// the spec reads from it (a missing one is a *SpecError) and returns its
// TablePlan; the kinds not fixed by the spec are those src infers from its
// first rows, as Load infers them.
func (s *Spec) PlanTable(name string, src BatchSource) (*TablePlan, error) {
	ts := s.table(name)
	if ts == nil {
		return nil, &SpecError{Table: name, Err: fmt.Errorf("%w: unknown table", ErrSpec)}
	}
	d := &Data{spec: s}
	cols, kinds, dates, err := d.columns(ts, src)
	if err != nil {
		return nil, err
	}
	p := &TablePlan{Table: ts.Name, Index: s.tableIndexOf(ts.Name), Columns: cols, Kinds: map[string]dataset.Kind{}, Dates: dates,
		Key: ts.Key, IsAccounts: s.isAccounts(ts)}
	for _, c := range cols {
		p.Kinds[c] = dataset.Categorical // every value missing, or no row
	}
	err = src.EachBatch(cols, kinds, func(t *dataset.Table, _ []int) error {
		for _, c := range t.Columns() {
			p.Kinds[c.Name] = c.Kind
		}
		return errFirstBatch
	})
	if err != nil && !errors.Is(err, errFirstBatch) {
		return nil, fmt.Errorf("snapshot: table %q: %w", ts.Name, err)
	}
	switch {
	case ts.Interval != nil:
		p.Dated = ts.Interval.Start
	default:
		p.Dated = ts.Time
	}
	switch {
	case p.IsAccounts:
		p.Relation = ts.Key
	case ts.Via != nil:
		p.Relation, p.Parent = ts.Via.Column, ts.Via.Table
	default:
		p.Relation, p.Parent = ts.Account, s.Accounts.Table
	}
	return p, nil
}

func (s *Spec) tableIndexOf(name string) int {
	for i := range s.Tables {
		if s.Tables[i].Name == name {
			return i
		}
	}
	return -1
}

// LoadOrder returns the names of the tables in the order Load loads them:
// a bridge before the tables reached through it, the accounts table
// before the others.
func (s *Spec) LoadOrder() []string {
	var out []string
	done := map[string]bool{}
	var load func(t *TableSpec)
	load = func(t *TableSpec) {
		if done[t.Name] {
			return
		}
		done[t.Name] = true
		if t.Via != nil {
			load(s.table(t.Via.Table))
		}
		if s.Accounts.Table != "" && !s.isAccounts(t) {
			load(s.table(s.Accounts.Table))
		}
		out = append(out, t.Name)
	}
	for i := range s.Tables {
		load(&s.Tables[i])
	}
	return out
}

// FixedDataEnd is the spec's data_end, or the zero time when the data end
// is the latest date of the data.
func (s *Spec) FixedDataEnd() time.Time {
	if s.DataEnd == "" {
		return time.Time{}
	}
	t, _ := parseDay(s.DataEnd)
	return t
}

// ParseRows parses the date columns of rows read with plan p (raw, each
// row's input line in lines) with the table's layouts and zone, and
// normalises its key columns in raw itself ("17850.0" is "17850"), as
// Load does; a bad date is a *DataError naming the table, line and
// column. raw keeps its date columns as text.
func (s *Spec) ParseRows(p *TablePlan, raw *dataset.Table, lines []int) (*dataset.Table, error) {
	ts := s.table(p.Table)
	d := &Data{spec: s}
	return d.parseDates(ts, raw, lines, p.Dates)
}

// GroupRows are the rows of one table that belong to a group of accounts,
// read with the table's TablePlan (date columns as text), in input order,
// with each row's input line.
type GroupRows struct {
	Rows  *dataset.Table
	Lines []int
}

// LoadGroup loads the rows of a group of accounts as LoadCutoffs loads a
// whole export for cutoffs: tables holds, for every table of the spec, the
// rows whose account (resolved through the relations, over the whole
// export) is in the group; rows dated after the data end and rows without
// a known account are left out by the caller, which counts them. dataEnd
// is the data end of the whole export (FixedDataEnd, or the latest date
// of every row kept). The group must hold every row of each of its
// accounts, bridge rows included, so that relations, duplicates and
// aggregations see what they see on the whole export.
func LoadGroup(spec *Spec, tables map[string]GroupRows, cutoffs []time.Time, dataEnd time.Time) (*Data, error) {
	if len(cutoffs) == 0 {
		return nil, fmt.Errorf("snapshot: %w: no cutoff", ErrCutoff)
	}
	for i := range spec.Tables {
		if _, ok := tables[spec.Tables[i].Name]; !ok {
			return nil, fmt.Errorf("snapshot: group: no rows given for table %q", spec.Tables[i].Name)
		}
	}
	d, err := loadSources(spec, func(t *TableSpec) Source { return groupSource(tables[t.Name]) }, cutoffs)
	if err != nil {
		return nil, err
	}
	d.dataEnd = dataEnd
	return d, nil
}

// groupSource serves GroupRows as a BatchSource: one batch, even empty
// (so that column kinds are those of the plan).
type groupSource GroupRows

func (g groupSource) Header() ([]string, error) { return g.Rows.Names(), nil }

func (g groupSource) Read(columns []string, kinds map[string]dataset.Kind) (*dataset.Table, []int, error) {
	return readAll(g, columns, kinds)
}

func (g groupSource) EachBatch(columns []string, _ map[string]dataset.Kind, fn func(t *dataset.Table, lines []int) error) error {
	t, err := g.Rows.Select(columns...)
	if err != nil {
		return err
	}
	return fn(t, g.Lines)
}

// PivotCounts returns, by "table.column" of each pivot without Levels,
// the events of each level that Snapshot at cutoff (or Stack, at its
// latest cutoff) chooses its top levels from: summed over disjoint groups
// of accounts, TopPivotLevels on the sums gives the levels Snapshot picks
// on the whole export.
func (d *Data) PivotCounts(cutoff time.Time) (map[string]map[string]int, error) {
	out := map[string]map[string]int{}
	var ids []string
	for i := range d.spec.Tables {
		ts := &d.spec.Tables[i]
		if ts.Events == nil || !hasTopPivot(ts) {
			continue
		}
		tb := d.tables[ts.Name]
		var g *features.Aggregator
		if tb.t == nil {
			var ok bool
			if g, ok = tb.aggs[cutoff.UnixNano()]; !ok {
				return nil, fmt.Errorf("snapshot: %w: %s is not one of the cutoffs the data was loaded for", ErrCutoff, cutoff.Format(time.RFC3339))
			}
		} else {
			if ids == nil {
				var err error
				if ids, err = d.population(cutoff, &Report{}); err != nil {
					return nil, err
				}
			}
			var err error
			if g, err = d.aggregation(ts, cutoff, ids, nil).NewAggregator(); err != nil {
				return nil, fmt.Errorf("snapshot: table %q: %w", ts.Name, err)
			}
			if err := g.Add(tb.t); err != nil {
				return nil, fmt.Errorf("snapshot: table %q: %w", ts.Name, err)
			}
		}
		counts := g.PivotCounts()
		for k, p := range ts.Events.Pivots {
			if p.Levels == nil {
				out[ts.Name+"."+p.Column] = counts[k]
			}
		}
	}
	return out, nil
}

func hasTopPivot(ts *TableSpec) bool {
	for _, p := range ts.Events.Pivots {
		if p.Levels == nil {
			return true
		}
	}
	return false
}

// HasTopPivots says whether a pivot of the spec chooses its levels from
// the data (no Levels), so that a distributed build needs PivotCounts.
func (s *Spec) HasTopPivots() bool {
	for i := range s.Tables {
		if s.Tables[i].Events != nil && hasTopPivot(&s.Tables[i]) {
			return true
		}
	}
	return false
}

// TopPivotLevels chooses the levels of each pivot without Levels from
// counts summed over all groups (PivotCounts), as the aggregation chooses
// its Top levels; a pivot without counts gets no level. The levels are
// never nil, so that SnapshotLevels uses them as given.
func (s *Spec) TopPivotLevels(counts map[string]map[string]int) map[string][]string {
	out := map[string][]string{}
	for i := range s.Tables {
		ts := &s.Tables[i]
		if ts.Events == nil {
			continue
		}
		for _, p := range ts.Events.Pivots {
			if p.Levels == nil {
				out[ts.Name+"."+p.Column] = features.TopLevels(counts[ts.Name+"."+p.Column], p.Top)
			}
		}
	}
	return out
}

// SnapshotLevels is Snapshot with the pivots without Levels kept to the
// given levels ("table.column", from TopPivotLevels): a group's snapshot,
// its rows those of the group's accounts.
func (d *Data) SnapshotLevels(cutoff time.Time, levels map[string][]string) (*dataset.Table, *Report, error) {
	return d.snapshot(cutoff, levels)
}

// StackLevels is Stack with the pivots without Levels kept to the given
// levels (TopPivotLevels of the counts at the latest cutoff).
func (d *Data) StackLevels(cutoffs []time.Time, levels map[string][]string) (*dataset.Table, []*Report, error) {
	if len(cutoffs) == 0 {
		return nil, nil, fmt.Errorf("snapshot: %w: no cutoff", ErrCutoff)
	}
	cs := append([]time.Time(nil), cutoffs...)
	sort.Slice(cs, func(i, j int) bool { return cs[i].Before(cs[j]) })
	return d.stack(cs, levels)
}
