package main

// The features of issue 20 on the command line: -keep, fit -id auto on the
// real wholesale data (no ID column), cluster -k auto with its summary file.

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const wholesaleCSV = "../../../shared/data/wholesale_customers.csv"

func wholesalePath(t *testing.T) string {
	t.Helper()
	_, err := os.Stat(wholesaleCSV)
	require.NoError(t, err, "the real-data tests need ../shared/data beside the repository")
	return wholesaleCSV
}

func TestFitIDAutoWholesale(t *testing.T) {
	in := wholesalePath(t)
	dir := t.TempDir()
	model := filepath.Join(dir, "m.json")
	// Without -id the file is refused, and the message says what to do.
	code, _, stderr := cli(t, "fit", "-segments-only", "-o", model, in)
	require.Equal(t, exitData, code)
	assert.Contains(t, stderr, "-id auto")
	code, stdout, stderr := cli(t, "fit", in, "-id", "auto", "-segments-only", "-segments", "4", "-o", model)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "churn: not fitted: segments only")
	// Scoring the same file numbers its rows the same way, with no flag,
	// and passes a column through.
	scores := filepath.Join(dir, "s.csv")
	code, _, stderr = cli(t, "score", "-model", model, "-o", scores, "-keep", "Channel,Region", in)
	require.Equal(t, exitOK, code, stderr)
	recs := readRecords(t, scores)
	require.Len(t, recs, 441)
	assert.Equal(t, []string{"row", "segment", "segment_name", "micro_segment", "churn", "upsell", "risk_band", "reasons", "upsell_reasons", "Channel", "Region"}, recs[0])
	raw := readRecords(t, in)
	for i := 1; i < len(recs); i++ {
		require.Equal(t, itoa(i), recs[i][0])
		require.Equal(t, raw[i][0:2], recs[i][9:11], "row %d passes through", i)
		require.Equal(t, "", recs[i][4], "no churn model: empty")
	}
	// As SQL, the table's ID column must be named: a table has no row order.
	code, _, stderr = cli(t, "sql", "-model", model)
	require.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "-id")
	code, stdout, stderr = cli(t, "sql", "-model", model, "-id", "customer_no")
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, `"customer_no" AS id_`)
}

func TestScoreKeep(t *testing.T) {
	fx := newFaultFixture(t)
	dir := t.TempDir()
	acc := filepath.Join(dir, "accounts.csv")
	model := filepath.Join(dir, "model.json")
	require.NoError(t, os.WriteFile(model, fx.model, 0o644))
	// An owner column with commas, quotes, blanks and "NA" text.
	lines := strings.Split(strings.TrimSuffix(string(fx.acc), "\n"), "\n")
	lines[0] += ",owner"
	owners := []string{`"Lee, Jo"`, `"say ""hi"""`, "NA", `" padded "`, "Zoë"}
	for i := 1; i < len(lines); i++ {
		lines[i] += "," + owners[i%len(owners)]
	}
	require.NoError(t, os.WriteFile(acc, []byte(strings.Join(lines, "\n")+"\n"), 0o644))
	out := filepath.Join(dir, "s.csv")
	code, _, stderr := cli(t, "score", acc, "-keep", "owner,plan", "-model", model, "-o", out)
	require.Equal(t, exitOK, code, stderr)
	got := readRecords(t, out)
	in := readRecords(t, acc)
	plan := -1
	for j, h := range in[0] {
		if h == "plan" {
			plan = j
		}
	}
	require.Equal(t, len(in), len(got))
	for i := 1; i < len(got); i++ {
		n := len(got[i])
		require.Equal(t, in[i][len(in[i])-1], got[i][n-2], "owner of row %d, byte for byte", i)
		require.Equal(t, in[i][plan], got[i][n-1])
	}
	// Checked before any output.
	for _, c := range []struct {
		keep string
		code int
		msg  string
	}{{"ownr", exitData, `kept column: column not found in header`}, {"churn", exitUsage, `"churn" is already a column of the output`}} {
		out := filepath.Join(dir, "bad-"+c.keep+".csv")
		code, _, stderr := cli(t, "score", "-model", model, "-keep", c.keep, "-o", out, acc)
		assert.Equal(t, c.code, code, stderr)
		assert.Contains(t, stderr, c.msg)
		assert.NoFileExists(t, out)
		assertNoTemp(t, dir)
	}
	// A personal column does not pass beside pseudonymised IDs.
	key := filepath.Join(dir, "key")
	require.NoError(t, os.WriteFile(key, []byte("0123456789abcdef0123456789abcdef"), 0o600))
	code, _, stderr = cli(t, "score", "-model", model, "-keep", "contact_email", "-pseudonymise-key", key, "-o", filepath.Join(dir, "p.csv"), acc)
	assert.Equal(t, exitUsage, code, stderr)
	assert.Contains(t, stderr, "looks personal")
}

func TestClusterKAuto(t *testing.T) {
	in := wholesalePath(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "labels.csv")
	code, stdout, stderr := cli(t, "cluster", in, "-k", "auto", "-standardize", "-k-max", "6", "-o", out)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "<- chosen")
	b, err := os.ReadFile(filepath.Join(dir, "labels.summary.json"))
	require.NoError(t, err)
	var sum struct {
		K     int   `json:"k"`
		Rows  int   `json:"rows"`
		Sizes []int `json:"sizes"`
		Scan  struct {
			Scores []struct {
				K          int     `json:"k"`
				Silhouette float64 `json:"silhouette"`
				Stability  float64 `json:"stability"`
			} `json:"scores"`
			Best int `json:"best"`
		} `json:"k_scan"`
	}
	require.NoError(t, json.Unmarshal(b, &sum))
	assert.Equal(t, 440, sum.Rows)
	require.Len(t, sum.Scan.Scores, 5, "k = 2..6")
	assert.Equal(t, sum.Scan.Best, sum.K)
	assert.Len(t, sum.Sizes, sum.K)
	total := 0
	for _, s := range sum.Sizes {
		total += s
	}
	assert.Equal(t, 440, total)
	for _, s := range sum.Scan.Scores {
		assert.True(t, s.Stability > 0 && s.Stability <= 1+1e-12, "k %d stability %v", s.K, s.Stability)
	}
	recs := readRecords(t, out)
	assert.Len(t, recs, 441)
	// Usage errors.
	code, _, _ = cli(t, "cluster", in, "-k", "many")
	assert.Equal(t, exitUsage, code)
	code, _, _ = cli(t, "cluster", in)
	assert.Equal(t, exitUsage, code)
}
