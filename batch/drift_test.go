package batch_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/drift"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ScoreCSV counts exactly the scored rows into the drift bins: rejected
// rows are left out, the counts do not depend on the batch size or the
// number of workers, the shards' counts add up to the whole, and the PSI
// is Scorer.Drift's on the same accounts.
func TestScoreCSVDrift(t *testing.T) {
	tab, m := fixture(t)
	lines := accountsCSV(t, 2000, 11) // the fixture's first 2000 accounts
	bad := corruptLines(t, lines)
	in := strings.Join(lines, "\n") + "\n"
	run := func(opt batch.Options) *batch.Counts {
		c, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &bytes.Buffer{}, opt)
		require.NoError(t, err)
		require.NotNil(t, c.Drift)
		return c
	}
	whole := run(batch.Options{BatchRows: 256, Workers: 2})
	for j, counts := range whole.Drift.Counts {
		var n int64
		for _, c := range counts {
			n += c
		}
		assert.Equal(t, whole.Scored, n, "column %d counts the scored rows only", j)
	}
	assert.Equal(t, whole.Drift.Counts, run(batch.Options{BatchRows: 7, Workers: 3}).Drift.Counts)
	skipped, err := m.ScoreCSV(context.Background(), strings.NewReader(in), &bytes.Buffer{}, batch.Options{SkipDrift: true})
	require.NoError(t, err)
	assert.Nil(t, skipped.Drift)
	assert.Equal(t, whole.Scored, skipped.Scored)

	merged := run(batch.Options{Shard: batch.Shard{Index: 0, Count: 3}, BatchRows: 100}).Drift
	for i := 1; i < 3; i++ {
		require.NoError(t, merged.Merge(run(batch.Options{Shard: batch.Shard{Index: i, Count: 3}, BatchRows: 100}).Drift))
	}
	assert.Equal(t, whole.Drift.Counts, merged.Counts, "the shards add up to the whole")

	isBad := map[int]bool{}
	for _, l := range bad {
		isBad[l-2] = true
	}
	var good []int
	for i := range 2000 {
		if !isBad[i] {
			good = append(good, i)
		}
	}
	want, err := m.Drift(tab.Subset(good), drift.Thresholds{})
	require.NoError(t, err)
	got, err := whole.Drift.Report(drift.Thresholds{})
	require.NoError(t, err)
	assert.Equal(t, want, got)
	require.Equal(t, "churn", got.Columns[len(got.Columns)-2].Column)
	assert.Equal(t, drift.Score, got.Columns[len(got.Columns)-1].Kind)
	for _, c := range got.Columns {
		assert.Equal(t, drift.StatusOK, c.Status, "%s: accounts of the training population (PSI %v)", c.Column, c.PSI)
	}
}

// Parts without a drift reference score as before and say drift is
// unavailable; a reference that does not fit the parts is refused.
func TestDriftParts(t *testing.T) {
	tab, m := fixture(t)
	p := m.ScoringParts()
	ref := p.Drift
	require.NotNil(t, ref)
	p.Drift = nil
	s, err := batch.New(p)
	require.NoError(t, err)
	c, err := s.ScoreCSV(context.Background(), strings.NewReader(strings.Join(accountsCSV(t, 50, 11), "\n")), &bytes.Buffer{}, batch.Options{})
	require.NoError(t, err)
	assert.Nil(t, c.Drift)
	_, err = s.Drift(tab, drift.Thresholds{})
	assert.ErrorIs(t, err, batch.ErrNoDrift)

	p.Drift = ref
	p.Upsell = nil // the reference has an upsell score the parts do not give
	_, err = batch.New(p)
	assert.ErrorIs(t, err, batch.ErrParts)
	assert.ErrorIs(t, err, drift.ErrUnknownColumn)
}
