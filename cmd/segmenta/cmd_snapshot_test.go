package main

import (
	"compress/gzip"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func writeSnapshotExport(t *testing.T, spec string) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"accounts.csv": "account_id,created,segment\nA,2023-01-01,smb\nB,2023-01-01,ent\nC,2024-05-01,smb\n",
		"orders.csv": "account_id,at,amount\nA,2024-01-05,10\nA,2024-01-05,10\nA,2024-03-01,5\nB,2023-12-01,7\n" +
			"ghost,2024-01-01,1\nA,2024-04-10,3\nB,2024-09-01,1\n",
		"data.yaml": spec,
	}
	for name, body := range files {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644))
	}
	return filepath.Join(dir, "data.yaml")
}

const cliSpec = `version: 1
data_end: 2024-08-01
accounts: {table: accounts, attributes: [segment]}
tables:
  - {name: accounts, path: accounts.csv, key: account_id, time: created}
  - name: orders
    path: orders.csv
    account: account_id
    time: at
    events: {amount: amount, windows: [30, 90]}
labels:
  horizon_days: 60
  churn: {inactivity: {table: orders}}
`

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	return rows
}

func TestSnapshotCommand(t *testing.T) {
	spec := writeSnapshotExport(t, cliSpec)
	out := filepath.Join(t.TempDir(), "accounts.csv")
	code, stdout, stderr := cli(t, "snapshot", "-spec", spec, "-cutoff", "2024-04-01", "-o", out)
	require.Equal(t, exitOK, code, stderr)
	rows := readCSV(t, out)
	// A and B bought before the cutoff; C is not yet an account.
	require.Len(t, rows, 3)
	col := map[string]int{}
	for j, name := range rows[0] {
		col[name] = j
	}
	assert.Equal(t, "A", rows[1][0])
	assert.Equal(t, "2", rows[1][col["orders_frequency"]]) // the duplicate line is dropped
	assert.Equal(t, "15", rows[1][col["orders_monetary"]])
	assert.Equal(t, "0", rows[1][col["churn"]]) // bought on 2024-04-10
	assert.Equal(t, "1", rows[2][col["churn"]])
	assert.Equal(t, "ent", rows[2][col["segment"]])
	for _, want := range []string{"accounts", "excluded", "orphans", "duplicates", "after data end", "2024-04-01"} {
		assert.Contains(t, stdout, want)
	}
	// orders: 7 rows, 1 duplicate, 1 after the data end, 1 orphan, 4 kept.
	assert.Regexp(t, `orders\s+7\s+4\s+1\s+1\s+1\s+0`, stdout)

	// Stacked cutoffs, gzip-compressed.
	gz := filepath.Join(t.TempDir(), "stack.csv.gz")
	code, stdout, stderr = cli(t, "snapshot", "-spec", spec, "-cutoffs", "2024-03-01..2024-07-01/2mo", "-o", gz)
	require.Equal(t, exitOK, code, stderr)
	f, err := os.Open(gz)
	require.NoError(t, err)
	defer f.Close()
	zr, err := gzip.NewReader(f)
	require.NoError(t, err)
	rows, err = csv.NewReader(zr).ReadAll()
	require.NoError(t, err)
	assert.Equal(t, []string{"account_id", "cutoff"}, rows[0][:2])
	assert.Len(t, rows, 1+2+2+2)
	assert.Equal(t, []string{"B", "2024-07-01"}, rows[6][:2])
	assert.Equal(t, "", rows[6][len(rows[6])-1])           // censored: 2024-07-01 + 60 days passes the data end
	assert.Regexp(t, `2024-07-01\s+3\s+2\s+1\s+0`, stdout) // C created, but without orders: excluded
	assert.Contains(t, stdout, "censored")

	// Usage and data errors.
	for _, args := range [][]string{
		{"snapshot", "-cutoff", "2024-01-01"},
		{"snapshot", "-spec", spec},
		{"snapshot", "-spec", spec, "-cutoff", "2024-01-01", "-cutoffs", "2024-01-01"},
		{"snapshot", "-spec", spec, "-cutoff", "soon"},
	} {
		code, _, _ = cli(t, args...)
		assert.Equal(t, exitUsage, code, args)
	}
	bad := writeSnapshotExport(t, strings.Replace(cliSpec, "amount: amount", "amount: total", 1))
	code, _, stderr = cli(t, "snapshot", "-spec", bad, "-cutoff", "2024-04-01", "-o", out)
	assert.Equal(t, exitData, code)
	assert.Contains(t, stderr, `column \"total\"`)
	assert.Contains(t, stderr, "line 10")
}
