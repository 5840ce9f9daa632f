package main

import (
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/segmenta/segmenta"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fit -segments auto -segment-on: the summary says what was chosen and
// why; the model records the columns and scores with them.
func TestFitSegmentsAutoAndSegmentOn(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "a.csv")
	writeAccounts(t, acc, 1500, 5)
	model := filepath.Join(dir, "m.json")
	code, stdout, stderr := cli(t, "fit", "-segments", "auto", "-segment-on", "plan,seats_used,logins_per_week", "-seed", "2", "-o", model, acc)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "number chosen automatically; fitted on plan, seats_used, logins_per_week")
	assert.Regexp(t, `k = \d+: the `, stdout)
	assert.Contains(t, stdout, "<- chosen")
	f, err := os.Open(model)
	require.NoError(t, err)
	m, err := segmenta.Load(f)
	f.Close()
	require.NoError(t, err)
	assert.Equal(t, []string{"plan", "seats_used", "logins_per_week"}, m.Pipeline().Sources(m.Segmentation().Columns()))
	k := regexp.MustCompile(`segments: (\d+) from`).FindStringSubmatch(stdout)
	require.Len(t, k, 2)
	assert.Equal(t, itoa(m.NumSegments()), k[1])
	for _, n := range m.SegmentNames() {
		assert.Contains(t, stdout, n)
	}

	// The same from a config file; a flag overrides it.
	cfg := filepath.Join(dir, "fit.yaml")
	require.NoError(t, os.WriteFile(cfg, []byte("segments: auto\nsegment_on: [plan, seats_used, logins_per_week]\nseed: 2\n"), 0o644))
	model2 := filepath.Join(dir, "m2.json")
	code, stdout2, stderr := cli(t, "fit", "-config", cfg, "-o", model2, acc)
	require.Equal(t, exitOK, code, stderr)
	require.NotEmpty(t, segmentLines(stdout))
	assert.Equal(t, segmentLines(stdout), segmentLines(stdout2))
	code, stdout, stderr = cli(t, "fit", "-config", cfg, "-segments", "3", "-o", model2, acc)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "segments: 3 from")

	// Mistakes: a bad count is a usage error, an unknown column a data
	// error naming it with a hint.
	code, _, stderr = cli(t, "fit", "-segments", "many", "-o", model2, acc)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "auto")
	require.NoError(t, os.WriteFile(cfg, []byte("segments: lots\n"), 0o644))
	code, _, stderr = cli(t, "fit", "-config", cfg, "-o", model2, acc)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "segments")
	code, _, stderr = cli(t, "fit", "-segment-on", "plan,logins_per_wek", "-o", model2, acc)
	assert.Equal(t, exitData, code)
	assert.Contains(t, stderr, "logins_per_wek")
	assert.Contains(t, stderr, "did you mean logins_per_week?")
}

// segmentLines returns the segments part of a fit summary.
func segmentLines(stdout string) string {
	return regexp.MustCompile(`(?s)segments: .*?\n    model`).FindString(stdout)
}
