package snapshot

import (
	"errors"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Orphans, duplicates, rows after the data end and overlapping
// subscriptions are counted on the fixture (TestSnapshotFixture); the
// tests below make each fail or count on its own.

func TestOrphansCounted(t *testing.T) {
	d, err := loadFixture(t, fixtureSpec, map[string]string{
		"tickets.csv": "ghost,2024-03-01\nghost,2024-03-02\n",
		"usage.csv":   "s404,2024-05-01 10:00,login,1\n",
	})
	require.NoError(t, err)
	_, rep, err := d.Snapshot(fixtureCutoff)
	require.NoError(t, err)
	tot := rep.Totals()
	assert.Equal(t, 2+3, tot.Orphans) // the fixture's zz and s9, and these three
}

func TestBadDates(t *testing.T) {
	_, err := loadFixture(t, fixtureSpec, map[string]string{"tickets.csv": "a1,2024-13-45\n"})
	var de *DataError
	require.ErrorAs(t, err, &de)
	require.ErrorIs(t, err, dataset.ErrParse)
	assert.Equal(t, "tickets", de.Table)
	assert.Equal(t, "opened", de.Column)
	assert.Equal(t, 7, de.Line) // header + 5 rows, then this one
	assert.Equal(t, "2024-13-45", de.Value)

	// Two layouts reading 03/04/2024 as March 4 and April 3.
	two := replaceSpec("    time: opened\n", "    time: opened\n    dates: {layouts: [\"01/02/2006\", \"02/01/2006\", \"2006-01-02\"]}\n")
	_, err = loadFixture(t, two, map[string]string{"tickets.csv": "a1,03/04/2024\n"})
	require.ErrorIs(t, err, ErrAmbiguousDate)
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 7, de.Line)
	// The same layouts on a day above 12 read one way only: no error.
	_, err = loadFixture(t, two, map[string]string{"tickets.csv": "a1,03/14/2024\na1,14/03/2024\n"})
	require.NoError(t, err)

	// Berlin: 2024-10-27 02:30 happens twice, 2024-03-31 02:30 never.
	for _, v := range []string{"2024-10-27 02:30", "2024-03-31 02:30"} {
		_, err = loadFixture(t, fixtureSpec, map[string]string{"usage.csv": "s1," + v + ",login,1\n"})
		require.ErrorIs(t, err, ErrAmbiguousDate, v)
	}
}

func TestDuplicatePolicies(t *testing.T) {
	// keep: counted, not dropped.
	d, err := loadFixture(t, replaceSpec("    time: opened\n", "    time: opened\n    duplicates: keep\n"), nil)
	require.NoError(t, err)
	out, rep, err := d.Snapshot(fixtureCutoff)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Totals().Duplicates)
	assert.Equal(t, []float64{0, 2, 1}, column(t, out, "tickets_frequency"))
	// error: the second copy's line is named.
	_, err = loadFixture(t, replaceSpec("    time: opened\n", "    time: opened\n    duplicates: error\n"), nil)
	require.ErrorIs(t, err, ErrDuplicateRow)
	var de *DataError
	require.ErrorAs(t, err, &de)
	assert.Equal(t, 3, de.Line)
	// A repeated key is always an error.
	_, err = loadFixture(t, fixtureSpec, map[string]string{"subscriptions.csv": "s1,a2,2023-01-01,,1,1,basic\n"})
	require.ErrorIs(t, err, dataset.ErrDuplicateID)
}

func TestOverlappingSubscriptions(t *testing.T) {
	// a2's two products overlap: summed by default, the later one only
	// with overlap: latest. Either way the overlap is reported.
	d, err := loadFixture(t, replaceSpec("change_days: 30}", "change_days: 30, overlap: latest}"), nil)
	require.NoError(t, err)
	out, rep, err := d.Snapshot(fixtureCutoff)
	require.NoError(t, err)
	assert.Equal(t, 1, rep.Overlapping)
	assert.Equal(t, []float64{1, 1, 1}, column(t, out, "subscriptions_active"))
	assert.Equal(t, []float64{120, 30, 80}, column(t, out, "subscriptions_mrr"))
	assert.Equal(t, []float64{0, 1, 0}, column(t, out, "subscriptions_overlapping"))
}

func TestEventsAfterDataEnd(t *testing.T) {
	d, err := loadFixture(t, fixtureSpec, map[string]string{"usage.csv": "s3,2024-12-01 10:00,login,1\ns3,2025-01-01 10:00,login,1\n"})
	require.NoError(t, err)
	_, rep, err := d.Snapshot(fixtureCutoff)
	require.NoError(t, err)
	for _, r := range rep.Tables {
		if r.Table == "usage" {
			assert.Equal(t, 2, r.AfterEnd)
		}
	}
	assert.Equal(t, 3, rep.Totals().AfterEnd) // and the fixture's ticket
}

func TestSpecErrors(t *testing.T) {
	cases := []struct {
		name, spec string
		is         error
		line       int
		table      string
		column     string
	}{
		{"cycle", strings.Replace(replaceSpec("account: account_id\n    interval", "via: {column: subscription_id, table: usage}\n    interval"),
			"table: subscriptions}\n", "table: subscriptions}\n    key: event_type\n", 1), ErrCycle, 0, "subscriptions", ""},
		{"missing column", replaceSpec("time: ts", "time: timestamp"), dataset.ErrColumnNotFound, 19, "usage", "timestamp"},
		{"unknown field", replaceSpec("    time: opened\n", "    time: opened\n    tiem: opened\n"), ErrSpec, 30, "", ""},
		{"version", strings.Replace(fixtureSpec, "version: 1", "version: 2", 1), ErrVersion, 1, "", ""},
		{"no such via table", replaceSpec("table: subscriptions}", "table: subs}"), ErrSpec, 18, "usage", ""},
		{"bad op", replaceSpec("ops: [sum, max]", "ops: [sum, median]"), ErrSpec, 24, "usage", "duration"},
		{"bad zone", replaceSpec("zone: Europe/Berlin", "zone: Mars/Olympus"), ErrSpec, 20, "usage", ""},
		{"both relations", replaceSpec("    account: account_id\n    time: opened", "    account: account_id\n    via: {column: account_id, table: accounts}\n    time: opened"), ErrSpec, 0, "tickets", ""},
		{"labels on a table without time", replaceSpec("event: {table: churn_events}", "event: {table: accounts}"), ErrSpec, 0, "accounts", ""},
		{"yaml type", replaceSpec("horizon_days: 60", "horizon_days: sixty"), ErrSpec, 0, "", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := loadFixture(t, c.spec, nil)
			require.ErrorIs(t, err, c.is)
			var se *SpecError
			require.True(t, errors.As(err, &se), "%v", err)
			if c.line > 0 {
				assert.Equal(t, c.line, se.Line, "%v", err)
			}
			assert.Equal(t, c.table, se.Table, "%v", err)
			assert.Equal(t, c.column, se.Column, "%v", err)
		})
	}
}

func TestJSONSpec(t *testing.T) {
	spec := `{"version": 1, "accounts": {"from": "tx"},
 "tables": [{"name": "tx", "path": "tickets.csv", "account": "account_id", "time": "opened", "events": {}}],
 "labels": {"horizon_days": 30, "churn": {"inactivity": {"table": "tx"}}}}`
	d, err := loadFixture(t, spec, nil)
	require.NoError(t, err)
	out, rep, err := d.Snapshot(fixtureCutoff)
	require.NoError(t, err)
	// zz and a3 (2024-01-10) and a2 (2024-05-10) bought before: all active.
	assert.Equal(t, []string{"a2", "a3", "zz"}, out.IDs)
	assert.Equal(t, 3, rep.Accounts)
	assert.Equal(t, []float64{1, 1, 1}, column(t, out, ChurnLabel))

	_, err = ParseSpec(strings.NewReader(`{"version": 1, "tables": [{"name": "x", "path": "x.csv", "bogus": 1}]}`))
	var se *SpecError
	require.ErrorAs(t, err, &se)
	assert.Equal(t, 1, se.Line)
	assert.Equal(t, "bogus", se.Field)
}
