package snapshot

import (
	"encoding/binary"
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

// accountCol is the column Load adds to every table: the account of each
// row, resolved through the relations.
const accountCol = "@account"

// TableReport counts what Load did with a table's rows. Dropped rows are
// the rows dated after the data end, the rows without an account, the
// orphans and the duplicates (with policy "drop" or "drop-anywhere").
type TableReport struct {
	Table string
	// Rows is the number of rows read; Kept those left after dropping.
	Rows, Kept int
	// Duplicates counts rows equal to an earlier row in every column read
	// (for a dated table, an earlier row of the same account and time; see
	// TableSpec.Duplicates).
	Duplicates int
	// Unordered counts rows of a dated table dated before an earlier row
	// of their account: they were compared with no earlier row, so a
	// duplicate among them is kept, not counted. Zero for a file in time
	// order within each account, and with policy "drop-anywhere".
	Unordered int
	// AfterEnd counts rows dated (time, or interval start) after the
	// data end.
	AfterEnd int
	// MissingAccount counts rows without an account (or bridge key).
	MissingAccount int
	// Orphans counts rows whose account (or bridge key) is unknown: not
	// in the accounts table, or not a key of the bridge table.
	Orphans int
}

// Data is a loaded export: every table read, its dates parsed, its rows
// related to accounts. Snapshot computes one cutoff from it; it is not
// modified by Snapshot, so several cutoffs reuse one load.
type Data struct {
	spec    *Spec
	tables  map[string]*table
	dataEnd time.Time
	// accounts lists the accounts table's keys in input order (nil with
	// Accounts.From); accRow maps a key to its row.
	accounts []string
	accRow   map[string]int
	// accIndex is accRow as the relations look it up (made on first use).
	accIndex *idTable
	// levels are the frozen pivot levels, "table.column" -> levels.
	levels  map[string][]string
	reports []TableReport
}

type table struct {
	spec *TableSpec
	t    *dataset.Table // nil when streamed
	// aggs are the aggregations of a streamed table, by cutoff (Unix
	// nanoseconds), and latest its latest date.
	aggs   map[int64]*features.Aggregator
	latest time.Time
	// keyAcc maps the table's keys to accounts (tables with a Key).
	keyAcc map[string]string
}

// need is a column the spec reads from a table, with the field naming it.
type need struct {
	column, field string
	line          int
	kind          dataset.Kind
	kinded, date  bool
}

// Load reads every table of the spec from CSV files (paths relative to
// spec.Dir).
func Load(spec *Spec) (*Data, error) {
	return LoadSources(spec, spec.source)
}

// LoadSources reads every table through the Source open returns for it.
// Spec errors (a column missing from a table) are *SpecError; data errors
// (a bad date, a duplicate key) *DataError.
func LoadSources(spec *Spec, open func(*TableSpec) Source) (*Data, error) {
	return loadSources(spec, open, nil)
}

// loadSources loads the tables; with cutoffs, the event tables that only
// give features stream (see LoadCutoffs).
func loadSources(spec *Spec, open func(*TableSpec) Source, cutoffs []time.Time) (*Data, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	d := &Data{spec: spec, tables: map[string]*table{}}
	if spec.DataEnd != "" {
		d.dataEnd, _ = parseDay(spec.DataEnd)
	}
	// Tables reached through a bridge load before the tables using it.
	var load func(t *TableSpec) error
	load = func(t *TableSpec) error {
		if _, done := d.tables[t.Name]; done {
			return nil
		}
		if t.Via != nil {
			if err := load(spec.table(t.Via.Table)); err != nil {
				return err
			}
		}
		if spec.Accounts.Table != "" && !spec.isAccounts(t) {
			if err := load(spec.table(spec.Accounts.Table)); err != nil {
				return err
			}
		}
		src := open(t)
		if bs, ok := src.(BatchSource); ok && cutoffs != nil && spec.streams(t) {
			return d.streamTable(t, bs, cutoffs)
		}
		return d.loadTable(t, src)
	}
	for i := range spec.Tables {
		if err := load(&spec.Tables[i]); err != nil {
			return nil, err
		}
	}
	sort.Slice(d.reports, func(a, b int) bool { return d.tableIndex(d.reports[a].Table) < d.tableIndex(d.reports[b].Table) })
	if d.dataEnd.IsZero() {
		d.dataEnd = d.latest()
	}
	return d, nil
}

func (d *Data) tableIndex(name string) int {
	for i := range d.spec.Tables {
		if d.spec.Tables[i].Name == name {
			return i
		}
	}
	return -1
}

// needs lists the columns the spec reads from t.
func (s *Spec) needs(t *TableSpec) []need {
	var ns []need
	add := func(col, field string, line int, kind dataset.Kind, kinded, date bool) {
		if col != "" {
			ns = append(ns, need{column: col, field: field, line: line, kind: kind, kinded: kinded, date: date})
		}
	}
	cat, num := dataset.Categorical, dataset.Numeric
	add(t.Key, "key", t.pos.at("key"), cat, true, false)
	add(t.Account, "account", t.pos.at("account"), cat, true, false)
	if t.Via != nil {
		add(t.Via.Column, "via.column", t.Via.pos.at("column"), cat, true, false)
	}
	add(t.Time, "time", t.pos.at("time"), cat, true, true)
	if e := t.Events; e != nil {
		add(e.Amount, "events.amount", e.pos.at("amount"), num, true, false)
		add(e.Quantity, "events.quantity", e.pos.at("quantity"), num, true, false)
		add(e.Price, "events.price", e.pos.at("price"), num, true, false)
		add(e.Invoice, "events.invoice", e.pos.at("invoice"), cat, true, false)
		for _, st := range e.Stats {
			numeric := false
			for _, op := range st.Ops {
				numeric = numeric || op == "sum" || op == "mean" || op == "min" || op == "max"
			}
			add(st.Column, "events.stats.column", st.pos.at("column"), num, numeric, false)
		}
		for _, p := range e.Pivots {
			add(p.Column, "events.pivots.column", p.pos.at("column"), cat, true, false)
		}
	}
	if iv := t.Interval; iv != nil {
		add(iv.Start, "interval.start", iv.pos.at("start"), cat, true, true)
		add(iv.End, "interval.end", iv.pos.at("end"), cat, true, true)
		add(iv.Renewal, "interval.renewal", iv.pos.at("renewal"), cat, true, true)
		add(iv.MRR, "interval.mrr", iv.pos.at("mrr"), num, true, false)
		add(iv.Seats, "interval.seats", iv.pos.at("seats"), num, true, false)
		add(iv.Plan, "interval.plan", iv.pos.at("plan"), cat, true, false)
	}
	if s.isAccounts(t) {
		for _, a := range s.Accounts.Attributes {
			add(a, "accounts.attributes", s.Accounts.pos.at("attributes"), cat, false, false)
		}
	}
	if l := s.Labels; l != nil {
		for _, r := range []*EventRef{churnRef(l, true), churnRef(l, false), upsellRef(l)} {
			if r != nil && r.Table == t.Name && r.Where != nil {
				// equals compares text, above numbers.
				kind := num
				if r.Where.Equals != nil {
					kind = cat
				}
				add(r.Where.Column, "labels.where.column", r.Where.pos.at("column"), kind, true, false)
			}
		}
	}
	return ns
}

func churnRef(l *LabelSpec, event bool) *EventRef {
	if l.Churn == nil {
		return nil
	}
	if event {
		return l.Churn.Event
	}
	return l.Churn.Inactivity
}

func upsellRef(l *LabelSpec) *EventRef {
	if l.Upsell == nil {
		return nil
	}
	return l.Upsell.Event
}

// columns checks the header of a table's source against the columns the
// spec reads from it and returns those columns, their fixed kinds and the
// date columns among them.
func (d *Data) columns(ts *TableSpec, src Source) (cols []string, kinds map[string]dataset.Kind, dates []string, err error) {
	header, err := src.Header()
	if err != nil {
		return nil, nil, nil, fmt.Errorf("snapshot: table %q: %w", ts.Name, err)
	}
	inHeader := map[string]bool{}
	for _, h := range header {
		inHeader[h] = true
	}
	kinds = map[string]dataset.Kind{}
	for _, n := range d.spec.needs(ts) {
		if !inHeader[n.column] {
			return nil, nil, nil, &SpecError{Table: ts.Name, Column: n.column, Field: n.field, Line: n.line, Err: dataset.ErrColumnNotFound}
		}
		if _, dup := kinds[n.column]; !dup && !contains(cols, n.column) {
			cols = append(cols, n.column)
		}
		if k, ok := ts.Kinds[n.column]; ok && !n.kinded {
			kinds[n.column], _ = dataset.ParseKind(k)
		}
		if n.kinded {
			kinds[n.column] = n.kind
		}
		if n.date && !contains(dates, n.column) {
			dates = append(dates, n.column)
		}
	}
	return cols, kinds, dates, nil
}

func (d *Data) loadTable(ts *TableSpec, src Source) error {
	cols, kinds, dates, err := d.columns(ts, src)
	if err != nil {
		return err
	}
	raw, lines, err := src.Read(cols, kinds)
	if err != nil {
		return fmt.Errorf("snapshot: table %q: %w", ts.Name, err)
	}
	t, err := d.parseDates(ts, raw, lines, dates)
	if err != nil {
		return err
	}
	rep := TableReport{Table: ts.Name}
	rel := d.relation(ts)
	k, err := d.keep(ts, t, lines, rel, newDedup(ts), &rep)
	if err != nil {
		return err
	}
	if t, err = k.withIDs(rel); err != nil {
		return err
	}
	tb := &table{spec: ts, t: t}
	if ts.Key != "" {
		if tb.keyAcc, err = keyIndex(ts, t, lines, k.rows); err != nil {
			return err
		}
	}
	if d.spec.isAccounts(ts) {
		k, _ := t.Categorical(ts.Key)
		d.accounts = k.Str
		d.accRow = map[string]int{}
		for i, id := range k.Str {
			d.accRow[id] = i
		}
	}
	d.tables[ts.Name] = tb
	d.reports = append(d.reports, rep)
	return nil
}

// keep drops and counts the rows of t (a table or a batch of it) as Load
// does: rows after the data end, rows without a known account (numbered
// by rel), then duplicates (found by dups, which remembers earlier
// batches). It returns the kept rows with their account numbers.
func (d *Data) keep(ts *TableSpec, t *dataset.Table, lines []int, rel *relation, dups *dedup, rep *TableReport) (kept, error) {
	rep.Rows += t.Len()
	rows := rel.scratch(&rel.rows, t.Len())
	for i := range rows {
		rows[i] = i
	}
	rows = d.dropAfterEnd(ts, t, rows, rep)
	acc, rows, err := d.relate(ts, rel, t, lines, rows, rep)
	if err != nil {
		return kept{}, err
	}
	if rows, err = dups.keep(t, lines, rows, acc, rep); err != nil {
		return kept{}, err
	}
	k := kept{rows: rows, acc: make([]int, len(rows))}
	for j, i := range rows {
		k.acc[j] = acc[i]
	}
	k.t = t
	if len(rows) < t.Len() {
		k.t = t.Subset(rows)
	} // else every row is kept (the usual case): no copy
	rep.Kept += k.t.Len()
	return k, nil
}

// kept are the rows keep keeps: the table of them, their rows in the
// table given to keep (valid until the next keep with the same relation),
// and their account numbers.
type kept struct {
	t    *dataset.Table
	rows []int
	acc  []int
}

// withIDs adds the accounts' IDs to the kept table as accountCol, which
// the snapshot of a loaded table reads (a streamed table's aggregation
// takes the numbers instead).
func (k kept) withIDs(rel *relation) (*dataset.Table, error) {
	ids := make([]string, len(k.acc))
	for j, a := range k.acc {
		ids[j] = rel.names[a]
	}
	if err := k.t.AddCategorical(accountCol, ids, nil); err != nil {
		return nil, err
	}
	return k.t, nil
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// parseDates replaces the text date columns of raw by parsed ones and
// normalises the key columns (as dataset does for IDs: "17850.0" is
// "17850").
func (d *Data) parseDates(ts *TableSpec, raw *dataset.Table, lines []int, dates []string) (*dataset.Table, error) {
	dr, err := newDateReader(ts.Dates)
	if err != nil {
		return nil, &SpecError{Table: ts.Name, Field: "dates.zone", Line: ts.Dates.pos.at("zone"), Err: err}
	}
	ids := map[string]bool{ts.Key: true, ts.Account: true}
	if ts.Via != nil {
		ids[ts.Via.Column] = true
	}
	out := dataset.NewTable("", nil)
	for _, c := range raw.Columns() {
		switch {
		case contains(dates, c.Name):
			n := c.Len()
			tc := &dataset.Column{Name: c.Name, Kind: dataset.Date, Time: make([]time.Time, n), Missing: make([]bool, n)}
			for i := 0; i < n; i++ {
				if c.IsMissing(i) {
					tc.Missing[i] = true
					continue
				}
				if tc.Time[i], err = dr.parse(c.Str[i]); err != nil {
					return nil, &DataError{Table: ts.Name, Line: lines[i], Column: c.Name, Value: c.Str[i], Err: err}
				}
			}
			c = tc
		case ids[c.Name] && c.Kind == dataset.Categorical:
			for i, s := range c.Str {
				c.Str[i] = dataset.NormalizeID(s)
			}
		}
		if err := out.AddColumn(c); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// appendCell appends cell i of c to b as the duplicate check hashes it:
// a missing mark, then the value (numbers and times as 8 bytes, text
// ended by a zero byte).
func appendCell(b []byte, c *dataset.Column, i int) []byte {
	if c.IsMissing(i) {
		return append(b, 0)
	}
	b = append(b, 1)
	switch c.Kind {
	case dataset.Numeric:
		return binary.LittleEndian.AppendUint64(b, math.Float64bits(c.Num[i]))
	case dataset.Categorical:
		b = append(b, c.Str[i]...)
		return append(b, 0)
	default:
		return binary.LittleEndian.AppendUint64(b, uint64(c.Time[i].UnixNano()))
	}
}

func equalRows(t *dataset.Table, i, j int) bool {
	for _, c := range t.Columns() {
		mi, mj := c.IsMissing(i), c.IsMissing(j)
		if mi != mj {
			return false
		}
		if mi {
			continue
		}
		switch c.Kind {
		case dataset.Numeric:
			if c.Num[i] != c.Num[j] {
				return false
			}
		case dataset.Categorical:
			if c.Str[i] != c.Str[j] {
				return false
			}
		default:
			if !c.Time[i].Equal(c.Time[j]) {
				return false
			}
		}
	}
	return true
}

// dated returns the column dating a table's rows: the event time, or the
// interval start; nil for undated tables.
func dated(ts *TableSpec, t *dataset.Table) *dataset.Column {
	name := ts.Time
	if ts.Interval != nil {
		name = ts.Interval.Start
	}
	if name == "" {
		return nil
	}
	c, _ := t.DateColumn(name)
	return c
}

func (d *Data) dropAfterEnd(ts *TableSpec, t *dataset.Table, keep []int, rep *TableReport) []int {
	c := dated(ts, t)
	if c == nil || d.dataEnd.IsZero() {
		return keep
	}
	out := keep[:0]
	for _, i := range keep {
		if !c.IsMissing(i) && c.Time[i].After(d.dataEnd) {
			rep.AfterEnd++
			continue
		}
		out = append(out, i)
	}
	return out
}

// keyIndex maps the keys of a table to its rows' accounts; a repeated key
// is an error.
func keyIndex(ts *TableSpec, t *dataset.Table, lines, keep []int) (map[string]string, error) {
	k, _ := t.Categorical(ts.Key)
	a, _ := t.Categorical(accountCol)
	m := make(map[string]string, t.Len())
	line := map[string]int{}
	for i, key := range k.Str {
		if k.IsMissing(i) {
			continue
		}
		if _, dup := m[key]; dup {
			return nil, &DataError{Table: ts.Name, Line: lines[keep[i]], Column: ts.Key, Value: key,
				Err: fmt.Errorf("%w: first on line %d", dataset.ErrDuplicateID, line[key])}
		}
		m[key], line[key] = a.Str[i], lines[keep[i]]
	}
	return m, nil
}

// latest is the latest event time or interval start of any table.
func (d *Data) latest() time.Time {
	var end time.Time
	for _, tb := range d.tables {
		if tb.t == nil {
			if tb.latest.After(end) {
				end = tb.latest
			}
			continue
		}
		if c := dated(tb.spec, tb.t); c != nil {
			for i, tm := range c.Time {
				if !c.IsMissing(i) && tm.After(end) {
					end = tm
				}
			}
		}
	}
	return end
}

// DataEnd is the data spec's data_end, or the latest date of the data.
func (d *Data) DataEnd() time.Time { return d.dataEnd }

// Reports returns the load counts of each table, in spec order.
func (d *Data) Reports() []TableReport { return append([]TableReport(nil), d.reports...) }

// Spec returns the spec the data was loaded with.
func (d *Data) Spec() *Spec { return d.spec }
