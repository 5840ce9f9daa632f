package dataset

import (
	"fmt"
	"time"
)

// tableBuilder accumulates rows column by column.
type tableBuilder struct {
	ids  []string
	cols []colData
	n    int
}

type colData struct {
	num  []float64
	str  []string
	tm   []time.Time
	miss []bool // nil until the first missing value
}

func (cr *CSVReader) newBuilder(capacity int) *tableBuilder {
	// A huge batch size or a wrong estimate must not allocate up front more
	// than the input can fill; appends grow beyond this.
	capacity = min(capacity, 1<<22)
	b := &tableBuilder{cols: make([]colData, len(cr.cols))}
	if cr.idIdx >= 0 {
		b.ids = make([]string, 0, capacity)
	}
	for j, c := range cr.cols {
		switch c.kind {
		case Numeric:
			b.cols[j].num = make([]float64, 0, capacity)
		case Categorical:
			b.cols[j].str = make([]string, 0, capacity)
		default:
			b.cols[j].tm = make([]time.Time, 0, capacity)
		}
	}
	return b
}

// setMissing marks row n of d missing, allocating the mask on first use.
func (d *colData) setMissing(n int) {
	if d.miss == nil {
		d.miss = make([]bool, n, max(2*n, 16))
	}
	d.miss = append(d.miss, true)
}

// truncate drops a partly added row.
func (b *tableBuilder) truncate() {
	n := b.n
	for j := range b.cols {
		d := &b.cols[j]
		if len(d.num) > n {
			d.num = d.num[:n]
		}
		if len(d.str) > n {
			d.str = d.str[:n]
		}
		if len(d.tm) > n {
			d.tm = d.tm[:n]
		}
		if len(d.miss) > n {
			d.miss = d.miss[:n]
		}
	}
}

// clip copies a slice whose capacity (from a size estimate) much exceeds its
// length, to return the excess memory.
func clip[T any](s []T) []T {
	if cap(s)-len(s) <= len(s)/8+1024 {
		return s
	}
	return append([]T(nil), s...)
}

func (b *tableBuilder) table(cr *CSVReader) *Table {
	t := NewTable(cr.idName, nil)
	if cr.idIdx >= 0 {
		t.IDs = b.ids
		if t.IDs == nil {
			t.IDs = []string{}
		}
	}
	for j, c := range cr.cols {
		d := &b.cols[j]
		d.num, d.str, d.tm = clip(d.num), clip(d.str), clip(d.tm)
		col := &Column{Name: c.name, Kind: c.kind, Num: d.num, Str: d.str, Time: d.tm, Missing: d.miss}
		t.index[c.name] = len(t.cols)
		t.cols = append(t.cols, col)
	}
	return t
}

// addRow converts one record and appends it to b, or leaves b unchanged and
// returns a *RowError.
func (cr *CSVReader) addRow(b *tableBuilder, fields [][]byte, quoted []bool, line int) error {
	if len(fields) != len(cr.header) {
		return &RowError{Line: line, Err: fmt.Errorf("%w: %d fields, header has %d", ErrRagged, len(fields), len(cr.header))}
	}
	var id string
	if cr.idIdx >= 0 {
		raw := trimSpace(fields[cr.idIdx])
		if cr.miss.is(raw) || len(raw) == 0 {
			return &RowError{Line: line, Column: cr.idName, Value: string(fields[cr.idIdx]), Err: ErrEmptyID}
		}
		id = string(raw[:idLen(raw)])
		if cr.seen != nil {
			if prev, dup := cr.seen[id]; dup {
				return &RowError{Line: line, Column: cr.idName, Value: id, Err: fmt.Errorf("%w: also on line %d", ErrDuplicateID, prev)}
			}
		}
	}
	n := b.n
	for j := range cr.cols {
		c := &cr.cols[j]
		d := &b.cols[j]
		f := fields[c.field]
		switch c.kind {
		case Numeric:
			t := trimSpace(f)
			if cr.miss.is(t) {
				d.num = append(d.num, 0)
				d.setMissing(n)
				continue
			}
			v, ok := parseFloat(t)
			if !ok || !isFinite(v) {
				b.truncate()
				err := fmt.Errorf("%w: not a number", ErrParse)
				if ok {
					err = ErrNonFinite
				}
				return &RowError{Line: line, Column: c.name, Value: string(f), Err: err}
			}
			d.num = append(d.num, v)
			if d.miss != nil {
				d.miss = append(d.miss, false)
			}
		case Categorical:
			if !(quoted != nil && quoted[c.field] && len(f) > 0) && cr.miss.is(trimSpace(f)) {
				d.str = append(d.str, "")
				d.setMissing(n)
				continue
			}
			d.str = append(d.str, c.str(f))
			if d.miss != nil {
				d.miss = append(d.miss, false)
			}
		default:
			t := trimSpace(f)
			if cr.miss.is(t) {
				d.tm = append(d.tm, time.Time{})
				d.setMissing(n)
				continue
			}
			v, ok := c.dates.parse(t)
			if !ok {
				b.truncate()
				return &RowError{Line: line, Column: c.name, Value: string(f), Err: fmt.Errorf("%w: not a date in any accepted layout", ErrParse)}
			}
			d.tm = append(d.tm, v)
			if d.miss != nil {
				d.miss = append(d.miss, false)
			}
		}
	}
	if cr.idIdx >= 0 {
		b.ids = append(b.ids, id)
		if cr.seen != nil {
			cr.seen[id] = line
		}
	}
	b.n++
	return nil
}

// Interning stops for a column whose values are mostly distinct.
const (
	internProbe = 1 << 14
	internMax   = 1 << 16
)

// str returns b as a string, sharing one copy per distinct value while the
// column looks low-cardinality.
func (c *colSpec) str(b []byte) string {
	if c.intern == nil {
		return string(b)
	}
	c.looked++
	if s, ok := c.intern[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(c.intern) >= internMax || (c.looked >= internProbe && len(c.intern) > internProbe/2) {
		c.intern = nil
		return s
	}
	c.intern[s] = s
	return s
}
