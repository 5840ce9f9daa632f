package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// From a multi-table export to scores: fit on stacked snapshots, score the
// snapshot at a later cutoff with the data spec the model recorded.
func TestFitScoreSpec(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, synth.WriteTables(dir, synth.TablesConfig{N: 2000, Seed: 4, EventsPerAccount: 10}))
	spec, err := os.ReadFile("../../examples/multitable/saas.yaml")
	require.NoError(t, err)
	specPath := filepath.Join(dir, "saas.yaml")
	require.NoError(t, os.WriteFile(specPath, spec, 0o644))
	model := filepath.Join(t.TempDir(), "model.json")
	metrics := filepath.Join(t.TempDir(), "metrics.json")

	code, stdout, stderr := cli(t, "fit", "-spec", specPath, "-cutoffs", "2024-10-04..2025-04-02/90d", "-seed", "1",
		"-segments", "3", "-o", model, "-metrics", metrics)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "2025-04-02")
	assert.Contains(t, stdout, "churn out of time")
	assert.Contains(t, stdout, "usage")
	m, err := os.ReadFile(metrics)
	require.NoError(t, err)
	assert.Contains(t, string(m), `"out_of_time"`)

	scores := filepath.Join(t.TempDir(), "scores.csv")
	code, stdout, stderr = cli(t, "score", "-model", model, "-spec", specPath, "-cutoff", "2025-07-01", "-o", scores)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "0 rejected")
	rows := readCSV(t, scores)
	assert.Equal(t, "account_id", rows[0][0])
	assert.Greater(t, len(rows), 1000)

	// A spec that computes other features is refused.
	drift := filepath.Join(dir, "drift.yaml")
	require.NoError(t, os.WriteFile(drift, []byte(strings.Replace(string(spec), "windows: [7, 30, 90]", "windows: [7, 30]", 1)), 0o644))
	code, _, stderr = cli(t, "score", "-model", model, "-spec", drift, "-cutoff", "2025-07-01", "-o", scores)
	assert.Equal(t, exitData, code)
	assert.Contains(t, stderr, "differs from the model's")

	// Usage errors.
	code, _, _ = cli(t, "fit", "-spec", specPath, "-o", model)
	assert.Equal(t, exitUsage, code)
	code, _, _ = cli(t, "score", "-model", model, "-cutoff", "2025-07-01", "-o", scores)
	assert.Equal(t, exitUsage, code)
}
