package snapshot

import (
	"fmt"
	"hash/maphash"
	"math"

	"github.com/segmenta/segmenta/dataset"
)

// dedup finds the duplicate rows of one table, batch after batch, under
// its policy.
//
// A dated table (one with a time column: event logs, label events) is
// checked per account and time: a row is compared with the earlier rows
// of its account at that account's latest time so far. An event log in
// time order within each account (as logs are written) has every
// duplicate found, and memory holds one row's fingerprint per account
// (more only while an account has several rows at its latest time), not
// one per event. A row dated before an earlier row of its account cannot
// be compared: it is kept and counted in TableReport.Unordered, so an
// unsorted file never loses duplicates silently. Policy "drop-anywhere"
// compares every row with every earlier row instead, at a cost of memory
// that grows with the rows; undated tables (accounts, intervals) are
// always compared that way.
//
// Rows of the same batch are compared column by column; rows of earlier
// batches by a 64-bit hash of the columns read, so a collision (about
// k²/2^65 among k rows compared) would count a row as a duplicate.
type dedup struct {
	ts       *TableSpec
	seed     maphash.Seed
	buf      []byte // a row's bytes, to hash
	anywhere bool
	batch    int32
	// any holds every row's fingerprint (anywhere).
	any map[uint64][]fingerprint
	// last[k] is the first row of account k (numbered by the table's
	// relation) at its latest time, more[k] the other distinct rows at
	// that time.
	last []latestRow
	more map[int][]fingerprint
}

// fingerprint is a row kept for comparison: its hash, input line, and row
// in its batch (numbered from 1: 0 marks an unused fingerprint). Small,
// as last holds one per account and each event reads its account's.
type fingerprint struct {
	hash       uint64
	line       int
	row, batch int32
}

type latestRow struct {
	at int64 // Unix nanoseconds; math.MinInt64 when the time is missing
	fingerprint
}

func newDedup(ts *TableSpec) *dedup {
	u := &dedup{ts: ts, seed: maphash.MakeSeed()}
	u.anywhere = ts.Time == "" || ts.Interval != nil || ts.Duplicates == DuplicatesAnywhere
	if u.anywhere {
		u.any = map[uint64][]fingerprint{}
		return u
	}
	u.more = map[int][]fingerprint{}
	return u
}

// keep returns the rows (a subset of rows, in order) to keep under the
// policy, counting duplicates and unordered rows in rep; acc holds the
// account number of each row of t.
func (u *dedup) keep(t *dataset.Table, lines, rows []int, acc []int, rep *TableReport) ([]int, error) {
	u.batch++
	var at *dataset.Column
	if !u.anywhere {
		at, _ = t.DateColumn(u.ts.Time)
	}
	out := rows[:0]
	cols := t.Columns()
	for _, i := range rows {
		// The row's bytes, hashed at once: cheaper than feeding a
		// maphash.Hash cell by cell.
		u.buf = u.buf[:0]
		for _, c := range cols {
			u.buf = appendCell(u.buf, c, i)
		}
		f := fingerprint{hash: maphash.Bytes(u.seed, u.buf), line: lines[i], row: int32(i), batch: u.batch}
		var first *fingerprint
		if u.anywhere {
			first = u.seenAnywhere(t, f)
		} else {
			first = u.seenLatest(t, f, acc[i], timeOf(at, i), rep)
		}
		if first == nil {
			out = append(out, i)
			continue
		}
		rep.Duplicates++
		switch u.ts.Duplicates {
		case DuplicatesError:
			return nil, &DataError{Table: u.ts.Name, Line: f.line, Err: fmt.Errorf("%w: equal to line %d", ErrDuplicateRow, first.line)}
		case DuplicatesKeep:
			out = append(out, i)
		}
	}
	return out, nil
}

// same says whether row f equals the remembered row g.
func (u *dedup) same(t *dataset.Table, f, g fingerprint) bool {
	if f.hash != g.hash {
		return false
	}
	return g.batch != f.batch || equalRows(t, int(f.row), int(g.row))
}

// seenAnywhere returns the earlier row equal to f, or remembers f.
func (u *dedup) seenAnywhere(t *dataset.Table, f fingerprint) *fingerprint {
	for k, g := range u.any[f.hash] {
		if u.same(t, f, g) {
			return &u.any[f.hash][k]
		}
	}
	u.any[f.hash] = append(u.any[f.hash], f)
	return nil
}

// seenLatest returns the earlier row of account k at time at equal to f,
// or remembers f when at is the account's latest time.
func (u *dedup) seenLatest(t *dataset.Table, f fingerprint, k int, at int64, rep *TableReport) *fingerprint {
	for k >= len(u.last) {
		u.last = append(u.last, latestRow{})
	}
	l := &u.last[k]
	switch {
	case l.batch == 0 || at > l.at:
		*l = latestRow{at: at, fingerprint: f}
		if len(u.more) > 0 { // a map delete hashes even when empty
			delete(u.more, k)
		}
		return nil
	case at < l.at:
		rep.Unordered++
		return nil
	}
	if u.same(t, f, l.fingerprint) {
		return &l.fingerprint
	}
	for j, g := range u.more[k] {
		if u.same(t, f, g) {
			return &u.more[k][j]
		}
	}
	u.more[k] = append(u.more[k], f)
	return nil
}

func timeOf(c *dataset.Column, i int) int64 {
	if c == nil || c.IsMissing(i) {
		return math.MinInt64
	}
	return c.Time[i].UnixNano()
}

// held is the number of rows remembered for comparison.
func (u *dedup) held() int {
	n := len(u.last)
	for _, f := range u.more {
		n += len(f)
	}
	for _, f := range u.any {
		n += len(f)
	}
	return n
}
