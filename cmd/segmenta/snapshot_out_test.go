package main

import (
	"context"
	"encoding/csv"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/segmenta/segmenta/parquetio"
	"github.com/segmenta/segmenta/pgio/pgtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sameCells compares two tables of text cells, numbers by value (a
// database or a Parquet file may spell them differently).
func sameCells(t *testing.T, want, got [][]string) {
	t.Helper()
	require.Len(t, got, len(want))
	for i := range want {
		require.Len(t, got[i], len(want[i]), "row %d", i)
		for j, w := range want[i] {
			g := got[i][j]
			if w == g {
				continue
			}
			wf, err1 := strconv.ParseFloat(w, 64)
			gf, err2 := strconv.ParseFloat(g, 64)
			if err1 != nil || err2 != nil || wf != gf {
				t.Fatalf("row %d column %q: %q, want %q", i, want[0][j], g, w)
			}
		}
	}
}

// TestSnapshotParquet: a snapshot written as Parquet reads back as the
// CSV one.
func TestSnapshotParquet(t *testing.T) {
	spec := writeSnapshotExport(t, cliSpec)
	dir := t.TempDir()
	want, pq := filepath.Join(dir, "s.csv"), filepath.Join(dir, "s.parquet")
	for _, out := range []string{want, pq} {
		code, _, stderr := cli(t, "snapshot", "-spec", spec, "-cutoffs", "2024-03-01..2024-07-01/2mo", "-o", out)
		require.Equal(t, exitOK, code, stderr)
	}
	r, err := parquetio.Open(pq)
	require.NoError(t, err)
	defer r.Close()
	got, err := csv.NewReader(r).ReadAll()
	require.NoError(t, err)
	sameCells(t, readCSV(t, want), got)
}

// TestSnapshotPostgres: snapshot -o postgres:// writes the stacked
// snapshots into a table keyed by account and cutoff, the same rows as the
// CSV file; a second run replaces them, and -out-table is required.
func TestSnapshotPostgres(t *testing.T) {
	conn, dsn := pgtest.Schema(t)
	spec := writeSnapshotExport(t, cliSpec)
	want := filepath.Join(t.TempDir(), "s.csv")
	args := []string{"snapshot", "-spec", spec, "-cutoffs", "2024-03-01..2024-07-01/2mo"}
	code, _, stderr := cli(t, append(args, "-o", want)...)
	require.Equal(t, exitOK, code, stderr)
	for range 2 { // the second run replaces the first's rows
		code, stdout, stderr := cli(t, append(args, "-o", dsn, "-out-table", "snaps")...)
		require.Equal(t, exitOK, code, stderr)
		assert.Contains(t, stdout, "accounts")
	}
	wantRows := readCSV(t, want)
	ctx := context.Background()
	rows, err := conn.Query(ctx, "SELECT * FROM snaps ORDER BY cutoff, account_id")
	require.NoError(t, err)
	got := [][]string{{}}
	for _, f := range rows.FieldDescriptions() {
		got[0] = append(got[0], f.Name)
	}
	for rows.Next() {
		vals, err := rows.Values()
		require.NoError(t, err)
		row := make([]string, len(vals))
		for j, v := range vals {
			switch v := v.(type) {
			case nil:
			case string:
				row[j] = v
			case float64:
				row[j] = strconv.FormatFloat(v, 'g', -1, 64)
			default:
				t.Fatalf("column %q: unexpected %T", got[0][j], v)
			}
		}
		got = append(got, row)
	}
	require.NoError(t, rows.Err())
	sameCells(t, wantRows, got)
	var key string
	require.NoError(t, conn.QueryRow(ctx, `SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey, a.attnum))
		FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
		WHERE i.indrelid = 'snaps'::regclass AND i.indisprimary`).Scan(&key))
	assert.Equal(t, "account_id,cutoff", key)

	code, _, stderr = cli(t, append(args, "-o", dsn)...)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, stderr, "-out-table")
}
