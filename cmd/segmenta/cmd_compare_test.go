package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestComparePrevious: synth writes two months, fit -previous keeps the
// first model's segment names, and compare finds the moves.
func TestComparePrevious(t *testing.T) {
	dir := t.TempDir()
	p := func(name string) string { return filepath.Join(dir, name) }
	code, _, stderr := cli(t, "synth", "-n", "2000", "-seed", "4", "-separation", "3", "-o", p("m1.csv"))
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "synth", "-n", "2000", "-seed", "4", "-separation", "3", "-month", "2", "-move-rate", "0.05", "-truth", "-o", p("m2truth.csv"))
	require.Equal(t, exitOK, code, stderr)
	recs := readRecords(t, p("m2truth.csv"))
	require.Equal(t, "true_previous_segment", recs[0][len(recs[0])-1])
	moved := 0
	for _, r := range recs[1:] {
		if r[len(r)-1] != r[len(r)-4] { // true_previous_segment, true_segment
			moved++
		}
	}
	code, _, stderr = cli(t, "synth", "-n", "2000", "-seed", "4", "-separation", "3", "-month", "2", "-move-rate", "0.05", "-o", p("m2.csv"))
	require.Equal(t, exitOK, code, stderr)

	code, _, stderr = cli(t, "fit", "-segments-only", "-o", p("a.json"), p("m1.csv"))
	require.Equal(t, exitOK, code, stderr)
	code, stdout, stderr := cli(t, "fit", "-segments-only", "-seed", "1", "-previous", p("a.json"), "-o", p("b.json"), p("m2.csv"))
	require.Equal(t, exitOK, code, stderr)
	assert.Regexp(t, `segments: 6 of 6 matched the previous model's \(IDs and names kept, 0 new\); \d+\.\d% of accounts kept their segment`, stdout)

	code, stdout, stderr = cli(t, "compare", "-model", p("a.json"), "-model-new", p("b.json"), "-o", p("moves.json"), p("m1.csv"), p("m2.csv"))
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "Real moves")
	assert.Contains(t, stdout, "Refit noise")
	var c struct {
		Real struct {
			Moved, Stayed int
			From          []string
		}
		Refit      *struct{ Moved int }
		RefitNoise *float64 `json:"refit_noise"`
	}
	b, err := os.ReadFile(p("moves.json"))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &c))
	assert.Equal(t, 2000, c.Real.Moved+c.Real.Stayed)
	// Well separated personas: the real moves are the generator's (its
	// segments are the personas), within 5% of them.
	assert.InDelta(t, float64(moved), float64(c.Real.Moved), 0.05*float64(moved))
	require.NotNil(t, c.Refit)
	require.NotNil(t, c.RefitNoise)
	assert.InDelta(t, float64(c.Refit.Moved-c.Real.Moved)/float64(c.Refit.Moved), *c.RefitNoise, 1e-12)

	code, _, stderr = cli(t, "compare", "-model", p("a.json"), "-o", p("moves.csv"), p("m1.csv"), p("m2.csv"))
	require.Equal(t, exitOK, code, stderr)
	rows := readRecords(t, p("moves.csv"))
	assert.Equal(t, []string{"matrix", "from", "to", "accounts", "mrr"}, rows[0])
	assert.Len(t, rows, 1+len(c.Real.From)*len(c.Real.From))

	for _, bad := range [][]string{
		{p("m1.csv"), p("m2.csv")},
		{"-model", p("a.json"), p("m1.csv")},
	} {
		code, _, stderr := cli(t, append([]string{"compare"}, bad...)...)
		assert.Equal(t, exitUsage, code, strings.Join(bad, " ")+": "+stderr)
	}
	code, _, stderr = cli(t, "compare", "-model", p("a.json"), "-mrr", "arr", p("m1.csv"), p("m2.csv"))
	assert.Equal(t, exitData, code, stderr)
	assert.Contains(t, stderr, "arr")
	// The MRR column by role, as profile maps it: the same as -mrr.
	code, _, stderr = cli(t, "compare", "-model", p("a.json"), "-role", "mrr_start=mrr_end", "-o", p("byrole.csv"), p("m1.csv"), p("m2.csv"))
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "compare", "-model", p("a.json"), "-mrr", "mrr_end", "-o", p("bymrr.csv"), p("m1.csv"), p("m2.csv"))
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, readRecords(t, p("bymrr.csv")), readRecords(t, p("byrole.csv")))
	assert.NotEqual(t, rows, readRecords(t, p("byrole.csv")), "mrr_end, not the default mrr_start")
	code, _, stderr = cli(t, "compare", "-model", p("a.json"), "-mrr", "mrr_start", "-role", "mrr_start=mrr_end", p("m1.csv"), p("m2.csv"))
	assert.Equal(t, exitUsage, code, stderr)
	code, _, stderr = cli(t, "synth", "-move-rate", "0.1", "-o", p("x.csv"))
	assert.Equal(t, exitUsage, code, stderr)
	code, _, stderr = cli(t, "fit", "-previous", p("missing.json"), "-o", p("c.json"), p("m1.csv"))
	assert.NotEqual(t, exitOK, code, stderr)
}
