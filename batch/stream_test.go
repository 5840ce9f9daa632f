package batch_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/features"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// A model fitted once on 3000 synthetic accounts, shared by the tests that
// only read it.
var (
	fixtureOnce  sync.Once
	fixtureTable *dataset.Table
	fixtureModel *segmenta.Model
	fixtureErr   error
)

func fixture(t *testing.T) (*dataset.Table, *segmenta.Model) {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureTable, _, fixtureErr = synth.Generate(synth.Config{N: 3000, Seed: 11})
		if fixtureErr == nil {
			fixtureModel, fixtureErr = segmenta.Fit(fixtureTable, segmenta.Config{Seed: 3})
		}
	})
	require.NoError(t, fixtureErr)
	return fixtureTable, fixtureModel
}

// accountsCSV returns n synthetic accounts as CSV lines (header first).
func accountsCSV(t *testing.T, n int, seed uint64) []string {
	var buf bytes.Buffer
	require.NoError(t, synth.WriteAccountsCSV(&buf, synth.Config{N: n, Seed: seed}))
	return strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
}

// corrupt damages 1% of the data lines in three ways and returns their
// 1-based line numbers.
func corruptLines(t *testing.T, lines []string) []int {
	hdr := strings.Split(lines[0], ",")
	col := -1
	for j, h := range hdr {
		if h == "logins_per_week" {
			col = j
		}
	}
	require.GreaterOrEqual(t, col, 0)
	var bad []int
	for i := 7; i < len(lines); i += 100 {
		f := strings.Split(lines[i], ",")
		switch len(bad) % 3 {
		case 0: // text in a numeric column
			f[col] = "lots"
		case 1: // a field missing
			f = f[:len(f)-1]
		case 2: // an infinite number
			f[col] = "1e999"
		}
		lines[i] = strings.Join(f, ",")
		bad = append(bad, i+1)
	}
	return bad
}

func readCSV(t *testing.T, s string) [][]string {
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	require.NoError(t, err)
	return recs
}

func TestScoreCSVRejects(t *testing.T) {
	tab, m := fixture(t)
	lines := accountsCSV(t, 2000, 11) // the fixture's first 2000 accounts
	bad := corruptLines(t, lines)
	require.Len(t, bad, 20)
	var out, rej bytes.Buffer
	var rejected []int
	counts, err := m.ScoreCSV(context.Background(), strings.NewReader(strings.Join(lines, "\n")+"\n"), &out,
		batch.Options{BatchRows: 256, Rejects: &rej, OnReject: func(line int, _ string) { rejected = append(rejected, line) }})
	require.NoError(t, err)
	assert.Equal(t, int64(2000), counts.Rows)
	assert.Equal(t, int64(1980), counts.Scored)
	assert.Equal(t, int64(20), counts.Rejected)
	assert.Equal(t, bad, rejected)

	// Every bad row is listed with its line and a reason.
	rrecs := readCSV(t, rej.String())
	require.Len(t, rrecs, 21)
	assert.Equal(t, []string{"line", "reason"}, rrecs[0])
	for k, r := range rrecs[1:] {
		assert.Equal(t, strconv.Itoa(bad[k]), r[0])
		assert.NotEmpty(t, r[1])
	}
	assert.Contains(t, rrecs[1][1], "logins_per_week")

	// The good rows are scored in input order, as Score scores them.
	recs := readCSV(t, out.String())
	require.Len(t, recs, 1981)
	assert.Equal(t, append([]string{"account_id"}, batch.Columns...), recs[0])
	isBad := map[int]bool{}
	for _, l := range bad {
		isBad[l-2] = true // data row index
	}
	var good []int
	for i := range 2000 {
		if !isBad[i] {
			good = append(good, i)
		}
	}
	want, err := m.Score(tab.Subset(good))
	require.NoError(t, err)
	for k, r := range recs[1:] {
		w := want[k]
		require.Equal(t, w.ID, r[0])
		assert.Equal(t, strconv.Itoa(w.Segment), r[1])
		assert.Equal(t, w.SegmentName, r[2])
		assert.Equal(t, strconv.Itoa(w.MicroSegment), r[3])
		assert.Equal(t, strconv.FormatFloat(w.Churn, 'g', -1, 64), r[4], "churn reads back exactly")
		assert.Equal(t, strconv.FormatFloat(w.Upsell, 'g', -1, 64), r[5])
		assert.Equal(t, w.RiskBand, r[6])
		assert.Equal(t, strings.Join(w.Reasons, "; "), r[7])
	}
}

func TestScoreCSVMaxRejectRate(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 1000, 11)
	corruptLines(t, lines) // 1%
	in := strings.Join(lines, "\n")
	_, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &bytes.Buffer{}, batch.Options{MaxRejectRate: 0.005})
	assert.ErrorIs(t, err, batch.ErrRejectRate)
	_, err = m.ScoreCSV(context.Background(), strings.NewReader(in), &bytes.Buffer{}, batch.Options{MaxRejectRate: 0.02})
	assert.NoError(t, err)
}

func TestScoreCSVShards(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 1500, 11)
	bad := corruptLines(t, lines)
	in := strings.Join(lines, "\n")
	const n = 3
	ids := map[string]int{}
	var rejected []int
	var scored int64
	for i := range n {
		var out bytes.Buffer
		c, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &out, batch.Options{
			BatchRows: 100, Shard: batch.Shard{Index: i, Count: n},
			OnReject: func(line int, _ string) { rejected = append(rejected, line) }})
		require.NoError(t, err)
		assert.Equal(t, int64(1500), c.Rows)
		assert.Equal(t, c.Rows, c.Scored+c.Rejected+c.OtherShards)
		assert.Greater(t, c.OtherShards, int64(800), "shard %d holds about a third", i)
		scored += c.Scored
		for _, r := range readCSV(t, out.String())[1:] {
			ids[r[0]]++
			assert.Equal(t, i, batch.ShardOf(r[0], n))
		}
	}
	assert.Len(t, ids, 1500-len(bad), "every good account in exactly one shard")
	for id, k := range ids {
		require.Equal(t, 1, k, id)
	}
	assert.Equal(t, int64(1500-len(bad)), scored)
	sort.Ints(rejected)
	assert.Equal(t, bad, rejected, "every bad row rejected by exactly one shard")
}

func TestScoreCSVMissingColumn(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 50, 11)
	var cut []string
	for _, l := range lines {
		f := strings.Split(l, ",")
		cut = append(cut, strings.Join(f[:len(f)-6], ",")) // drops the last columns
	}
	var out bytes.Buffer
	_, err := m.ScoreCSV(context.Background(), strings.NewReader(strings.Join(cut, "\n")), &out, batch.Options{})
	require.ErrorIs(t, err, batch.ErrMissingColumn)
	assert.Zero(t, out.Len(), "nothing written before the check")
}

func TestScoreCSVCancel(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 3000, 11)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	calls := 0
	_, err := m.ScoreCSV(ctx, strings.NewReader(strings.Join(lines, "\n")), &bytes.Buffer{}, batch.Options{
		BatchRows: 100,
		Progress: func(int64) {
			if calls++; calls == 2 {
				cancel()
			}
		}})
	require.ErrorIs(t, err, context.Canceled)
}

func TestScoreCSVWorkersSameOutput(t *testing.T) {
	_, m := fixture(t)
	in := strings.Join(accountsCSV(t, 1200, 11), "\n")
	var a, b bytes.Buffer
	_, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &a, batch.Options{BatchRows: 97, Workers: 1})
	require.NoError(t, err)
	_, err = m.ScoreCSV(context.Background(), strings.NewReader(in), &b, batch.Options{BatchRows: 500, Workers: 4})
	require.NoError(t, err)
	assert.Equal(t, a.String(), b.String())
}

// A value the pipeline refuses (missing where the spec forbids imputation)
// rejects that row only.
func TestScoreCSVRefusedRows(t *testing.T) {
	tab, _, err := synth.Generate(synth.Config{N: 800, Seed: 8, Clean: true})
	require.NoError(t, err)
	spec := &features.Spec{ID: "account_id", Columns: []features.ColumnSpec{
		{Name: "logins_per_week", Role: features.RoleNumeric, Impute: features.ImputeNone, Log1p: true},
		{Name: "tenure_months", Role: features.RoleNumeric},
		{Name: "plan", Role: features.RoleCategorical},
	}}
	m, err := segmenta.Fit(tab, segmenta.Config{Spec: spec, MicroSegments: 30, Segments: 3})
	require.NoError(t, err)
	lines := accountsCSV(t, 300, 8)
	hdr := strings.Split(lines[0], ",")
	col := 0
	for j, h := range hdr {
		if h == "logins_per_week" {
			col = j
		}
	}
	var bad []int
	for _, i := range []int{3, 150, 151, 299} {
		f := strings.Split(lines[i], ",")
		f[col] = ""
		lines[i] = strings.Join(f, ",")
		bad = append(bad, i+1)
	}
	var rej bytes.Buffer
	var out bytes.Buffer
	c, err := m.ScoreCSV(context.Background(), strings.NewReader(strings.Join(lines, "\n")), &out,
		batch.Options{BatchRows: 64, Rejects: &rej})
	require.NoError(t, err)
	assert.Equal(t, int64(296), c.Scored)
	assert.Equal(t, int64(4), c.Rejected)
	rrecs := readCSV(t, rej.String())
	require.Len(t, rrecs, 5)
	for k, r := range rrecs[1:] {
		assert.Equal(t, strconv.Itoa(bad[k]), r[0])
		assert.Contains(t, r[1], "logins_per_week")
	}
	assert.Len(t, readCSV(t, out.String()), 297)
}

func TestParseShard(t *testing.T) {
	s, err := batch.ParseShard("2/5")
	require.NoError(t, err)
	assert.Equal(t, batch.Shard{Index: 2, Count: 5}, s)
	for _, bad := range []string{"5/5", "-1/3", "1", "a/b", "0/0"} {
		_, err := batch.ParseShard(bad)
		assert.ErrorIs(t, err, batch.ErrShard, bad)
	}
	// The hash spreads IDs evenly.
	cnt := make([]int, 4)
	for i := range 40000 {
		cnt[batch.ShardOf(fmt.Sprintf("acc-%d", i), 4)]++
	}
	for _, c := range cnt {
		assert.InDelta(t, 10000, c, 400)
	}
}

// A value the model does not read never rejects a row, whatever it holds.
func TestScoreCSVUnusedColumns(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 1500, 11)
	hdr := strings.Split(lines[0], ",")
	col := map[string]int{}
	for j, h := range hdr {
		col[h] = j
	}
	for _, i := range []int{1200, 1300} { // past the kind-inference sample
		f := strings.Split(lines[i], ",")
		f[col["mrr_end"]] = "unknown"
		f[col["churned"]] = "maybe"
		lines[i] = strings.Join(f, ",")
	}
	c, err := m.ScoreCSV(context.Background(), strings.NewReader(strings.Join(lines, "\n")), &bytes.Buffer{}, batch.Options{})
	require.NoError(t, err)
	assert.Equal(t, int64(1500), c.Scored)
	assert.Zero(t, c.Rejected)
}

// A header without rows (an empty partition) gives a header-only output;
// an input without even a header is an error.
func TestScoreCSVEmpty(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 1, 11)
	var out, rej bytes.Buffer
	c, err := m.ScoreCSV(context.Background(), strings.NewReader(lines[0]+"\n"), &out, batch.Options{Rejects: &rej})
	require.NoError(t, err)
	assert.Zero(t, c.Rows)
	assert.Equal(t, "account_id,"+strings.Join(batch.Columns, ",")+"\n", out.String())
	assert.Equal(t, "line,reason\n", rej.String())
	_, err = m.ScoreCSV(context.Background(), strings.NewReader(""), &out, batch.Options{})
	assert.ErrorIs(t, err, dataset.ErrEmpty)
}

// IDs that differ only in the high bits of a byte must not be forced onto
// one shard when the shard count is a power of two.
func TestShardOfMixesHighBits(t *testing.T) {
	seen := map[int]bool{}
	for _, id := range []string{"A", "a", "Q", "q", "!", "\xc1", "\xe1", "\x81"} {
		seen[batch.ShardOf(id, 4)] = true
	}
	assert.Greater(t, len(seen), 1, "IDs differing only in high bits all landed on one shard")
}

// IDs that need quoting to keep their leading or trailing blank, their byte
// order mark or their quote read back as themselves from the score output.
func TestScoreCSVIDRoundTrip(t *testing.T) {
	_, m := fixture(t)
	lines := accountsCSV(t, 6, 11)
	ids := []string{"\ufeff lead", "\ufeffbom", `q"uote`, "a,b", "\ufeff"}
	for k, id := range ids {
		_, rest, ok := strings.Cut(lines[k+1], ",") // the ID is the first column
		require.True(t, ok)
		lines[k+1] = string(dataset.AppendCSVField(nil, id)) + "," + rest
	}
	var out bytes.Buffer
	c, err := m.ScoreCSV(context.Background(), strings.NewReader(strings.Join(lines, "\n")), &out, batch.Options{})
	require.NoError(t, err)
	require.Equal(t, int64(6), c.Scored)
	recs := readCSV(t, out.String())
	for k, id := range ids {
		assert.Equal(t, id, recs[k+1][0])
	}
	tab, err := dataset.ReadCSV(&out, dataset.CSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, ids, tab.IDs[:len(ids)])
}
