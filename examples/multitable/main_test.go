package main

import (
	"bytes"
	"math"
	"testing"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The acceptance test of the data spec: on the synthetic export of 20,000
// accounts, a model fitted on the snapshots of six cutoffs, split by
// account, ranks the test accounts at the latest cutoff (out of time)
// within 0.02 of ROC AUC of the true churn probabilities, and every
// account of the accounts table is counted at every cutoff.
func TestMultitableAcceptance(t *testing.T) {
	if testing.Short() {
		t.Skip("fits on 20,000 accounts and 2 million usage events")
	}
	const n = 20000
	var out bytes.Buffer
	res, err := run(&out, t.TempDir(), synth.TablesConfig{N: n, Seed: 1})
	require.NoError(t, err)
	t.Log("\n" + out.String())
	require.Len(t, res.Reports, 6)
	for _, r := range res.Reports {
		assert.Equal(t, n, r.Accounts, "cutoff %s", r.Cutoff)
		assert.Equal(t, r.Accounts, r.Rows+r.Excluded+r.NotYet, "cutoff %s", r.Cutoff)
		assert.Positive(t, r.Rows)
	}
	assert.Greater(t, res.OutOfTimeRows, 3000)
	assert.Greater(t, res.TrueAUC, 0.8)
	assert.LessOrEqual(t, math.Abs(res.OutOfTimeAUC-res.TrueAUC), 0.02,
		"out-of-time ROC AUC %.4f, true model %.4f", res.OutOfTimeAUC, res.TrueAUC)
}
