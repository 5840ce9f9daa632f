package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// section returns the HTML of the page's section id, "" when absent.
func section(page, id string) string {
	i := strings.Index(page, `<section id="`+id+`">`)
	if i < 0 {
		return ""
	}
	return page[i : i+strings.Index(page[i:], "</section>")]
}

// TestProfileLifecycle: profile with a tenure role (another name), the
// snapshot date and a discount rate gives the MRR bridge, the lifetimes
// and the cohorts in every output, each HTML section with its table and
// figure; without -as-of the cohorts are not available, and say why.
func TestProfileLifecycle(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "crm.csv")
	writeAccounts(t, acc, 2000, 3)
	renameHeader(t, acc, "tenure_months", "Months active")
	model, scores, out := filepath.Join(dir, "m.json"), filepath.Join(dir, "s.csv"), filepath.Join(dir, "rep")
	code, _, stderr := cli(t, "fit", "-segments", "3", "-o", model, acc)
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "score", "-model", model, "-o", scores, acc)
	require.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "profile", "-role", "tenure=Months active", "-as-of", "2025-12-31", "-discount-rate", "0.1",
		"-scores", scores, "-out", out, acc)
	require.Equal(t, exitOK, code, stderr)

	rep := readReport(t, out)
	require.NotNil(t, rep.Bridge)
	assert.Len(t, rep.Bridge.Segments, len(rep.Segments))
	require.Len(t, rep.Lifetimes, 1+len(rep.Segments))
	assert.NotEmpty(t, rep.Lifetimes[0].Curve, "report.json holds the curves")
	assert.True(t, rep.Lifetimes[0].CLV.Valid)
	require.NotNil(t, rep.Cohorts)
	assert.Equal(t, `"Months active" counted back from 2025-12-31`, rep.Cohorts.SignupFrom)

	b, err := os.ReadFile(filepath.Join(out, "report.html"))
	require.NoError(t, err)
	page := string(b)
	for id, want := range map[string][]string{
		"mrr-bridge": {`id="bridge-table"`, `alt="MRR bridge"`},
		"lifetimes":  {`id="lifetime-table"`, `alt="Lifetimes by segment"`},
		"cohorts":    {`id="cohort-table"`, `alt="Retention by signup month"`},
	} {
		s := section(page, id)
		for _, w := range want {
			assert.Contains(t, s, w, id)
		}
	}
	md, err := os.ReadFile(filepath.Join(out, "report.md"))
	require.NoError(t, err)
	for _, h := range []string{"## MRR bridge", "## Lifetimes", "## Cohorts"} {
		assert.Contains(t, string(md), h)
	}

	// Without the snapshot date: no cohorts, and Not available says why.
	out2 := filepath.Join(dir, "rep2")
	code, _, stderr = cli(t, "profile", "-role", "tenure=Months active", "-scores", scores, "-out", out2, acc)
	require.Equal(t, exitOK, code, stderr)
	rep = readReport(t, out2)
	assert.Nil(t, rep.Cohorts)
	assert.NotNil(t, rep.Lifetimes)
	assert.Contains(t, rep.Unavailable, `cohorts: column "signup_date" absent; give the snapshot date (AsOf, -as-of) to derive signup months from the tenure`)

	// The model file's profile holds no cohorts or curves.
	mb, err := os.ReadFile(model)
	require.NoError(t, err)
	assert.NotContains(t, string(mb), `"cohorts"`)
	assert.NotContains(t, string(mb), `"at_risk"`)

	for _, bad := range [][]string{{"-as-of", "31/12/2025"}, {"-tenure-unit", "weeks"}, {"-discount-rate", "-0.1"}} {
		code, _, stderr = cli(t, append(append([]string{"profile"}, bad...), "-scores", scores, "-out", filepath.Join(dir, "rep3"), acc)...)
		assert.Equal(t, exitUsage, code, "%v: %s", bad, stderr)
		assert.Contains(t, stderr, bad[0], bad)
	}
}
