package dataset

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"time"
)

// tableBuilder accumulates rows column by column. Every slice has length
// size and rows [0, n) are filled: values are stored by index rather than
// appended, so the hot loop writes no slice headers (no GC write barriers
// while a collection runs), and a failed row is dropped by not counting it.
type tableBuilder struct {
	ids  []string
	cols []colData
	n    int
	size int
	// When IDs are not checked for duplicates (streaming), the IDs of a
	// batch are gathered in idBytes (row i ending at idEnd[i]) and become
	// substrings of one string in table: one allocation per batch instead
	// of one per row. An ID kept alone keeps its batch's IDs alive.
	idBytes []byte
	idEnd   []int
}

type colData struct {
	num  []float64
	str  []string
	tm   []time.Time
	miss []bool // nil until the first missing value
}

func (cr *CSVReader) newBuilder(capacity int) *tableBuilder {
	// A huge batch size or a wrong estimate must not allocate up front more
	// than the input can fill; grow takes over beyond this.
	capacity = max(min(capacity, 1<<22), 16)
	b := &tableBuilder{cols: make([]colData, len(cr.cols))}
	b.resize(cr, capacity)
	return b
}

// resize reallocates every slice to size rows, keeping the filled ones.
func (b *tableBuilder) resize(cr *CSVReader, size int) {
	if cr.hasIDs() {
		b.ids = resized(b.ids, b.n, size)
		if cr.seen == nil {
			b.idEnd = resized(b.idEnd, b.n, size)
			if b.idBytes == nil {
				b.idBytes, cr.idSpare = cr.idSpare, nil
			}
		}
	}
	for j, c := range cr.cols {
		d := &b.cols[j]
		switch c.kind {
		case Numeric:
			d.num = resized(d.num, b.n, size)
		case Categorical:
			d.str = resized(d.str, b.n, size)
		default:
			d.tm = resized(d.tm, b.n, size)
		}
		if d.miss != nil {
			d.miss = resized(d.miss, b.n, size)
		}
	}
	b.size = size
}

func resized[T any](s []T, n, size int) []T {
	out := make([]T, size)
	copy(out, s[:n])
	return out
}

// setMissing marks row n of d missing, allocating the mask on first use.
func (d *colData) setMissing(n, size int) {
	if d.miss == nil {
		d.miss = make([]bool, size)
	}
	d.miss[n] = true
}

// clip returns s[:n], copied when the slice is much longer (from a size
// estimate or batch size), to return the excess memory.
func clip[T any](s []T, n int) []T {
	if s == nil {
		return nil
	}
	if len(s)-n <= n/8+1024 {
		return s[:n:n]
	}
	return append([]T(nil), s[:n]...)
}

func (b *tableBuilder) table(cr *CSVReader) *Table {
	t := NewTable(cr.idName, nil)
	if cr.hasIDs() {
		if b.idEnd != nil {
			all := string(b.idBytes)
			cr.idSpare = b.idBytes[:0] // copied: the next batch may reuse it
			start := 0
			for i, end := range b.idEnd[:b.n] {
				b.ids[i] = all[start:end]
				start = end
			}
		}
		t.IDs = clip(b.ids, b.n)
	}
	for j, c := range cr.cols {
		d := &b.cols[j]
		col := &Column{Name: c.name, Kind: c.kind, Num: clip(d.num, b.n), Str: clip(d.str, b.n),
			Time: clip(d.tm, b.n), Missing: clip(d.miss, b.n), interned: c.kind == Categorical && c.intern != nil}
		t.index[c.name] = len(t.cols)
		t.cols = append(t.cols, col)
	}
	return t
}

// addRow converts one record and adds it to b, or leaves b's rows unchanged
// and returns a *RowError.
func (cr *CSVReader) addRow(b *tableBuilder, fields [][]byte, quoted []bool, line int) error {
	cr.rowNo++ // a rejected row keeps its number: the IDs do not shift
	if len(fields) != len(cr.header) {
		return &RowError{Line: line, Err: fmt.Errorf("%w: %d fields, header has %d", ErrRagged, len(fields), len(cr.header))}
	}
	var id string
	var rawID []byte
	if cr.rowIDs {
		cr.rowID = strconv.AppendInt(cr.rowID[:0], int64(cr.rowNo), 10)
		rawID = cr.rowID
		if b.idEnd == nil {
			id = string(rawID)
		}
	}
	if cr.idIdx >= 0 {
		raw := trimSpace(fields[cr.idIdx])
		if cr.miss.is(raw) || len(raw) == 0 {
			return &RowError{Line: line, Column: cr.idName, Value: string(fields[cr.idIdx]), Err: ErrEmptyID}
		}
		rawID = raw[:idLen(raw)]
		if b.idEnd == nil { // else gathered once the row is good, below
			id = string(rawID)
		}
		if cr.seen != nil {
			if prev, dup := cr.seen[id]; dup {
				return &RowError{Line: line, Column: cr.idName, Value: id, Err: fmt.Errorf("%w: also on line %d", ErrDuplicateID, prev)}
			}
		}
	}
	if b.n == b.size {
		b.resize(cr, 2*b.size)
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
				d.num[n] = 0
				d.setMissing(n, b.size)
				continue
			}
			v, ok := parseFloat(t)
			if !ok || !isFinite(v) {
				err := fmt.Errorf("%w: not a number", ErrParse)
				if ok {
					err = ErrNonFinite
				}
				return &RowError{Line: line, Column: c.name, Value: string(f), Err: err}
			}
			d.num[n] = v
		case Categorical:
			if !(quoted != nil && quoted[c.field] && len(f) > 0) && cr.miss.is(trimSpace(f)) {
				d.str[n] = ""
				d.setMissing(n, b.size)
				continue
			}
			d.str[n] = c.str(f)
		default:
			t := trimSpace(f)
			if cr.miss.is(t) {
				d.tm[n] = time.Time{}
				d.setMissing(n, b.size)
				continue
			}
			v, ok := c.dates.parse(t)
			if !ok {
				return &RowError{Line: line, Column: c.name, Value: string(f), Err: fmt.Errorf("%w: not a date in any accepted layout", ErrParse)}
			}
			d.tm[n] = v
		}
		if d.miss != nil {
			d.miss[n] = false // may hold a flag from a rejected row
		}
	}
	if cr.hasIDs() {
		if b.idEnd != nil {
			b.idBytes = append(b.idBytes, rawID...)
			b.idEnd[n] = len(b.idBytes)
		} else {
			b.ids[n] = id
		}
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
	// internSlotBits sizes the cache in front of the intern map.
	internSlotBits = 6
)

// str returns b as a string, sharing one copy per distinct value while the
// column looks low-cardinality.
func (c *colSpec) str(b []byte) string {
	if c.intern == nil {
		return string(b)
	}
	c.looked++
	// A direct-mapped cache in front of the map: a handful of levels fill
	// a few slots, and a hit costs a cheap hash and one compare instead of
	// the map's full hash and probe.
	slot := &c.recent[internSlot(b)]
	if *slot == string(b) { // "" too: an empty slot holds the right value
		return *slot
	}
	s, ok := c.intern[string(b)]
	if !ok {
		s = string(b)
		if len(c.intern) >= internMax || (c.looked >= internProbe && len(c.intern) > internProbe/2) {
			c.intern = nil
			return s
		}
		c.intern[s] = s
	}
	*slot = s
	return s
}

// internSlot hashes the length and the first and last (up to) eight bytes
// of b: enough to tell apart the levels of a categorical column.
func internSlot(b []byte) int {
	h := uint64(len(b)) * 0x9E3779B97F4A7C15
	if len(b) >= 8 {
		h ^= binary.LittleEndian.Uint64(b)
		h = (h ^ h>>29) * 0xBF58476D1CE4E5B9
		h ^= binary.LittleEndian.Uint64(b[len(b)-8:])
	} else {
		for _, x := range b {
			h = (h ^ uint64(x)) * 0x100000001B3
		}
	}
	h = (h ^ h>>31) * 0x94D049BB133111EB
	return int(h >> (64 - internSlotBits))
}
