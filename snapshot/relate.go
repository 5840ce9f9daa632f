package snapshot

import (
	"strings"

	"github.com/segmenta/segmenta/dataset"
)

// relation numbers the accounts of one table's rows, batch after batch.
// A row's account is found with one map lookup of its key, and the later
// stages (duplicate check, aggregation) index by that number instead of
// looking the account ID up again: with hundreds of thousands of accounts
// every string-keyed lookup is a few cache misses per event.
type relation struct {
	// col is the column holding each row's key.
	col string
	// via maps a key to its account ID first (a table reached through a
	// bridge table, when no accounts table numbers the accounts); nil
	// when num takes the key itself.
	via map[string]string
	// num maps a key (or, with via, an account ID) to its account number;
	// with grow, the ones met are numbered as they come.
	num  *idTable
	grow bool
	// names[k] is the ID of account k.
	names []string
	// required: an empty key is a data error (the accounts table's own
	// key), not a row without an account.
	required bool
	// rows and acc are keep's and relate's per-batch scratch, reused from
	// batch to batch: a streamed table then allocates no garbage for them
	// (fewer garbage collections, each of which scans every account).
	rows, acc []int
}

// scratch returns *buf resized to n (its contents undefined).
func (r *relation) scratch(buf *[]int, n int) []int {
	if cap(*buf) < n {
		*buf = make([]int, n)
	}
	return (*buf)[:n]
}

// relation returns the numbering of ts's accounts. When an accounts table
// is loaded, accounts are numbered as its rows (d.accRow), so that every
// table, and the aggregation, numbers them alike.
func (d *Data) relation(ts *TableSpec) *relation {
	switch {
	case d.spec.isAccounts(ts):
		return &relation{col: ts.Key, num: newIDTable(0), grow: true, required: true}
	case ts.Via != nil:
		parent := d.tables[ts.Via.Table].keyAcc
		if d.accRow == nil {
			return &relation{col: ts.Via.Column, via: parent, num: newIDTable(0), grow: true}
		}
		// One lookup per row: bridge key -> account number, composed once.
		// A bridge's accounts are accounts-table keys (the bridge was
		// related through it), so none is left out.
		num := newIDTable(len(parent))
		for key, acc := range parent {
			if k, ok := d.accRow[acc]; ok {
				num.put(key, k)
			}
		}
		return &relation{col: ts.Via.Column, num: num, names: d.accounts}
	case d.accRow != nil:
		if d.accIndex == nil {
			d.accIndex = newIDTable(len(d.accounts))
			for k, id := range d.accounts {
				d.accIndex.put(id, k)
			}
		}
		return &relation{col: ts.Account, num: d.accIndex, names: d.accounts}
	default:
		return &relation{col: ts.Account, num: newIDTable(0), grow: true}
	}
}

// account returns the number of the account of key, or false for an
// orphan (a key the relation does not know).
func (r *relation) account(key string) (int, bool) {
	if r.via != nil {
		acc, ok := r.via[key]
		if !ok {
			return 0, false
		}
		key = acc
	}
	if k, ok := r.num.get(key); ok {
		return k, true
	}
	if !r.grow {
		return 0, false
	}
	k := len(r.names)
	// A clone: key may be a slice of a batch's memory, which the
	// numbering must not keep alive.
	key = strings.Clone(key)
	r.num.put(key, k)
	r.names = append(r.names, key)
	return k, true
}

// relate returns the account number of every row (indexed like t; -1 for
// rows without one; valid until the next batch) and the kept rows that
// have a known account.
func (d *Data) relate(ts *TableSpec, rel *relation, t *dataset.Table, lines []int, keep []int, rep *TableReport) ([]int, []int, error) {
	acc := rel.scratch(&rel.acc, t.Len())
	col, err := t.Categorical(rel.col)
	if err != nil {
		return nil, nil, err
	}
	out := keep[:0]
	for _, i := range keep {
		acc[i] = -1
		if col.IsMissing(i) || col.Str[i] == "" {
			if rel.required {
				return nil, nil, &DataError{Table: ts.Name, Line: lines[i], Column: col.Name, Err: dataset.ErrEmptyID}
			}
			rep.MissingAccount++
			continue
		}
		k, ok := rel.account(col.Str[i])
		if !ok {
			rep.Orphans++
			continue
		}
		acc[i] = k
		out = append(out, i)
	}
	return acc, out, nil
}
