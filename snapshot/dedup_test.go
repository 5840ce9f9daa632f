package snapshot

import (
	"fmt"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// eventBatch is a batch of an event log: account, time, event type.
func eventBatch(t *testing.T, acc []string, at []time.Time, typ []string) (*dataset.Table, []int) {
	t.Helper()
	b := dataset.NewTable("", nil)
	require.NoError(t, b.AddCategorical("account_id", acc, nil))
	require.NoError(t, b.AddColumn(&dataset.Column{Name: "ts", Kind: dataset.Date, Time: at}))
	require.NoError(t, b.AddCategorical("type", typ, nil))
	return b, make([]int, len(acc))
}

// numbered numbers the accounts of column account_id as a relation does.
func numbered(t *testing.T, rel *relation, b *dataset.Table) []int {
	t.Helper()
	col, err := b.Categorical("account_id")
	require.NoError(t, err)
	acc := make([]int, b.Len())
	for i, a := range col.Str {
		acc[i], _ = rel.account(a)
	}
	return acc
}

// feed passes a batch through u as keep does (every row has an account).
func feed(t *testing.T, u *dedup, rel *relation, b *dataset.Table, lines []int, rep *TableReport) []int {
	t.Helper()
	acc := numbered(t, rel, b)
	rows := make([]int, b.Len())
	for i := range rows {
		rows[i] = i
		lines[i] = rep.Rows + i + 2
	}
	rep.Rows += b.Len()
	kept, err := u.keep(b, lines, rows, acc, rep)
	require.NoError(t, err)
	return kept
}

// A log in time order within each account, interleaved across accounts
// and cut into batches: every duplicate is found, also across batches,
// and the rows remembered stay near one per account however many events
// pass; "drop-anywhere" remembers every row.
func TestDedupBoundedByAccounts(t *testing.T) {
	const accounts, batches, perBatch = 50, 40, 1000
	start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	run := func(policy string) (TableReport, int, int) {
		u := newDedup(&TableSpec{Name: "usage", Account: "account_id", Time: "ts", Duplicates: policy})
		rel := &relation{col: "account_id", num: newIDTable(0), grow: true}
		var rep TableReport
		made, maxHeld := 0, 0
		for b := 0; b < batches; b++ {
			var acc, typ []string
			var at []time.Time
			for i := 0; i < perBatch; i++ {
				n := b*perBatch + i
				a := fmt.Sprintf("a%d", n%accounts)
				// Every account's rows advance in time; two event types
				// share an instant. Every 37th row is repeated at once,
				// and a batch starts with the previous batch's last row.
				tm := start.Add(time.Duration(n/accounts/2) * time.Minute)
				kind := []string{"login", "export"}[n/accounts%2]
				if i == 0 && b > 0 {
					p := n - 1
					acc = append(acc, fmt.Sprintf("a%d", p%accounts))
					at = append(at, start.Add(time.Duration(p/accounts/2)*time.Minute))
					typ = append(typ, []string{"login", "export"}[p/accounts%2])
					made++
				}
				acc, at, typ = append(acc, a), append(at, tm), append(typ, kind)
				if n%37 == 0 {
					acc, at, typ = append(acc, a), append(at, tm), append(typ, kind)
					made++
				}
			}
			bt, lines := eventBatch(t, acc, at, typ)
			kept := feed(t, u, rel, bt, lines, &rep)
			rep.Kept += len(kept)
			if h := u.held(); h > maxHeld {
				maxHeld = h
			}
		}
		return rep, made, maxHeld
	}
	rep, made, held := run("")
	assert.Equal(t, made, rep.Duplicates)
	assert.Zero(t, rep.Unordered)
	assert.Equal(t, rep.Rows-made, rep.Kept)
	assert.LessOrEqual(t, held, 2*accounts, "two rows per account at most (two types share an instant)")

	any, made2, heldAny := run(DuplicatesAnywhere)
	assert.Equal(t, made2, any.Duplicates)
	assert.Equal(t, rep.Kept, any.Kept)
	assert.Equal(t, any.Kept, heldAny, "drop-anywhere remembers every kept row")
}

// A duplicate dated before its account's latest row is out of order: it
// is kept and counted as unordered, never dropped or lost silently;
// "drop-anywhere" finds it; "error" names the line of the first copy.
func TestDedupOutOfOrder(t *testing.T) {
	d := func(day int) time.Time { return time.Date(2024, 5, day, 9, 0, 0, 0, time.UTC) }
	acc := []string{"a1", "a2", "a1", "a1", "a2", "a1"}
	at := []time.Time{d(1), d(1), d(3), d(1), d(1), d(3)}
	typ := []string{"login", "login", "login", "login", "login", "login"}
	cases := []struct {
		policy          string
		kept            []int
		dups, unordered int
	}{
		// Row 3 repeats row 0 after a1's 05-03 row: unordered, kept.
		// Row 4 repeats row 1 (a2 is still at 05-01), row 5 row 2.
		{"", []int{0, 1, 2, 3}, 2, 1},
		{DuplicatesKeep, []int{0, 1, 2, 3, 4, 5}, 2, 1},
		{DuplicatesAnywhere, []int{0, 1, 2}, 3, 0},
	}
	for _, c := range cases {
		u := newDedup(&TableSpec{Name: "usage", Account: "account_id", Time: "ts", Duplicates: c.policy})
		rel := &relation{col: "account_id", num: newIDTable(0), grow: true}
		b, lines := eventBatch(t, acc, at, typ)
		var rep TableReport
		assert.Equal(t, c.kept, feed(t, u, rel, b, lines, &rep), c.policy)
		assert.Equal(t, c.dups, rep.Duplicates, c.policy)
		assert.Equal(t, c.unordered, rep.Unordered, c.policy)
	}
	u := newDedup(&TableSpec{Name: "usage", Account: "account_id", Time: "ts", Duplicates: DuplicatesError})
	b, lines := eventBatch(t, acc, at, typ)
	nums := numbered(t, &relation{col: "account_id", num: newIDTable(0), grow: true}, b)
	rows := []int{0, 1, 2, 3, 4, 5}
	for i := range lines {
		lines[i] = i + 2
	}
	_, err := u.keep(b, lines, rows, nums, &TableReport{})
	require.ErrorIs(t, err, ErrDuplicateRow)
	var de *DataError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 6, de.Line)
	assert.Contains(t, de.Error(), "equal to line 3")
}
