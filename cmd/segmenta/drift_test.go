package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scaleColumn rewrites the CSV file path with column col multiplied by f.
func scaleColumn(t *testing.T, path, col string, f float64) {
	recs := readRecords(t, path)
	j := -1
	for k, h := range recs[0] {
		if h == col {
			j = k
		}
	}
	require.GreaterOrEqual(t, j, 0, col)
	for _, r := range recs[1:] {
		if x, err := strconv.ParseFloat(r[j], 64); err == nil {
			r[j] = strconv.FormatFloat(x*f, 'f', -1, 64)
		}
	}
	var b strings.Builder
	for _, r := range recs {
		for k, v := range r {
			if k > 0 {
				b.WriteByte(',')
			}
			if strings.ContainsAny(v, ",\"\n") {
				v = `"` + strings.ReplaceAll(v, `"`, `""`) + `"`
			}
			b.WriteString(v)
		}
		b.WriteByte('\n')
	}
	require.NoError(t, os.WriteFile(path, []byte(b.String()), 0o644))
}

// score drifts: another synthetic month with mrr_start tripled alerts on
// mrr_start alone among the inputs, in the log (a warning, shown with
// -quiet) and in the -drift table (CSV or JSON); bad thresholds, a bad
// extension, and -drift with a model file older than drift references are
// refused before any output; without -drift such a model scores and says
// once that drift is unavailable.
func TestScoreDrift(t *testing.T) {
	dir := t.TempDir()
	acc := filepath.Join(dir, "accounts.csv")
	writeAccounts(t, acc, 1500, 5)
	model := filepath.Join(dir, "model.json")
	code, _, stderr := cli(t, "fit", "-o", model, "-segments", "3", "-seed", "1", acc)
	require.Equal(t, exitOK, code, stderr)
	month := filepath.Join(dir, "month.csv")
	writeAccounts(t, month, 1500, 6)
	scaleColumn(t, month, "mrr_start", 3)

	table := filepath.Join(dir, "drift.csv")
	var out, errb bytes.Buffer
	code = run(context.Background(), []string{"score", "-model", model, "-o", filepath.Join(dir, "s.csv"), "-drift", table, month}, &out, &errb)
	require.Equal(t, exitOK, code, errb.String())
	log := errb.String()
	assert.Regexp(t, `level=WARN msg=drift column=mrr_start kind=feature psi=\d+\.\d+ status=alert`, log)
	assert.Regexp(t, `level=INFO msg=drift column=plan kind=feature psi=0\.\d+ status=ok`, log)
	assert.Contains(t, log, "msg=\"drift summary\"")
	recs := readRecords(t, table)
	assert.Equal(t, []string{"column", "kind", "psi", "status", "bins"}, recs[0])
	kinds := map[string]int{}
	for _, r := range recs[1:] {
		kinds[r[1]]++
		switch {
		case r[0] == "mrr_start":
			assert.Equal(t, "alert", r[3])
		case r[1] == "feature":
			assert.Equal(t, "ok", r[3], "%s: PSI %s", r[0], r[2])
		}
	}
	assert.Equal(t, 2, kinds["score"], "churn and upsell")
	assert.Greater(t, kinds["feature"], 10)

	js := filepath.Join(dir, "drift.json")
	code, _, stderr = cli(t, "score", "-model", model, "-o", filepath.Join(dir, "s2.csv"), "-drift", js, "-psi-warn", "0.05", "-psi-alert", "0.5", month)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stderr, "column=mrr_start", "-quiet keeps warnings")
	assert.NotContains(t, stderr, "column=plan", "-quiet hides ok columns")
	b, err := os.ReadFile(js)
	require.NoError(t, err)
	var rep struct {
		Warn, Alert float64
		Columns     []struct {
			Column, Kind, Status string
			PSI                  float64
			Bins                 []struct{ Bin string }
		}
	}
	require.NoError(t, json.Unmarshal(b, &rep))
	assert.Equal(t, 0.05, rep.Warn)
	assert.Equal(t, len(recs)-1, len(rep.Columns))
	assert.NotEmpty(t, rep.Columns[0].Bins)

	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"-psi-warn", "0.3", "-psi-alert", "0.2"}, exitUsage, "want 0 < warn <= alert"},
		{[]string{"-psi-warn", "0"}, exitUsage, "want 0 < warn <= alert"},
		{[]string{"-drift", filepath.Join(dir, "d.txt")}, exitUsage, "want a .csv or .json file"},
		{[]string{"-drift", month}, exitUsage, "refusing to overwrite"},
	} {
		o := filepath.Join(dir, "refused.csv")
		code, _, stderr := cli(t, append(append([]string{"score", "-model", model, "-o", o}, c.args...), month)...)
		assert.Equal(t, c.code, code, stderr)
		assert.Contains(t, stderr, c.msg)
		assert.NoFileExists(t, o)
	}

	// A model file written before drift references.
	old := filepath.Join(dir, "old.json")
	f, err := os.Open("../../testdata/model_v1.json.gz")
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	ob, err := io.ReadAll(zr)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(old, ob, 0o644))
	o := filepath.Join(dir, "old-scores.csv")
	code, _, stderr = cli(t, "score", "-model", old, "-o", o, "-drift", filepath.Join(dir, "old.csv"), month)
	assert.Equal(t, exitData, code, stderr)
	assert.Contains(t, stderr, "no drift reference")
	assert.NoFileExists(t, o)
	code, _, stderr = cli(t, "score", "-model", old, "-o", o, month)
	require.Equal(t, exitOK, code, stderr)
	assert.Equal(t, 1, strings.Count(stderr, "drift unavailable"), stderr)
}
