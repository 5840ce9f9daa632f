package drift_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"testing"

	"github.com/segmenta/segmenta/drift"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite testdata/psi_reference.json (then rerun testdata/psi_golden.py)")

// goldenReference fits the golden test's reference: the horeca channel of
// the wholesale customers.
func goldenReference(t *testing.T) (*drift.Reference, *drift.Binner) {
	tab, horeca, _, score := wholesale(t)
	ref, err := drift.Config{}.Fit(tab, horeca, wholesaleColumns, []drift.ScoreValues{{Name: "detergent_share", Values: score}})
	require.NoError(t, err)
	return ref, drift.NewBinner(ref)
}

// TestGoldenPSI compares the PSI of the retail channel against the horeca
// one with testdata/psi_golden.json, written by testdata/psi_golden.py
// (numpy, pandas), which reads the wholesale customers and the recorded
// reference (testdata/psi_reference.json), checks its edges (inverse-CDF
// deciles of the horeca rows) and shares, and bins the retail rows on its
// own: PSI equal to 1e-12, shares to 1e-15.
func TestGoldenPSI(t *testing.T) {
	ref, b := goldenReference(t)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	require.NoError(t, enc.Encode(ref))
	if *update {
		require.NoError(t, os.WriteFile("testdata/psi_reference.json", buf.Bytes(), 0o644))
	}
	recorded, err := os.ReadFile("testdata/psi_reference.json")
	require.NoError(t, err)
	require.Equal(t, string(recorded), buf.String(), "the reference fitted differs from the recorded one (go test -update, then rerun psi_golden.py)")

	raw, err := os.ReadFile("testdata/psi_golden.json")
	require.NoError(t, err)
	var golden map[string]struct {
		PSI    float64   `json:"psi"`
		Actual []float64 `json:"actual"`
	}
	require.NoError(t, json.Unmarshal(raw, &golden))

	tab, _, retail, score := wholesale(t)
	rep, err := tallyRows(t, b, tab, retail, score).Report(drift.Thresholds{})
	require.NoError(t, err)
	require.Len(t, rep.Columns, len(golden))
	for _, c := range rep.Columns {
		g, ok := golden[c.Column]
		require.True(t, ok, c.Column)
		assert.InDelta(t, g.PSI, c.PSI, 1e-12, c.Column)
		require.Len(t, c.Bins, len(g.Actual), c.Column)
		for k, bin := range c.Bins {
			assert.InDelta(t, g.Actual[k], bin.Actual, 1e-15, "%s bin %s", c.Column, bin.Label)
		}
	}
	assert.False(t, math.IsNaN(rep.Columns[0].PSI))
}
