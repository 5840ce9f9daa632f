package main

import (
	"context"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/pgio/pgtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestSnapshotQueryTable: a table of the data spec given as a query
// against PostgreSQL (path: a DSN without password, PGPASSWORD from the
// environment) gives the same snapshots as the CSV file it was loaded
// from, for one cutoff and stacked.
func TestSnapshotQueryTable(t *testing.T) {
	conn, dsn := pgtest.Schema(t)
	spec := writeSnapshotExport(t, cliSpec)
	dir := filepath.Dir(spec)
	ctx := context.Background()
	_, err := conn.Exec(ctx, "CREATE TABLE orders (account_id text, at date, amount numeric)")
	require.NoError(t, err)
	f, err := os.Open(filepath.Join(dir, "orders.csv"))
	require.NoError(t, err)
	_, err = conn.PgConn().CopyFrom(ctx, f, "COPY orders FROM STDIN (FORMAT csv, HEADER)")
	f.Close()
	require.NoError(t, err)

	u, err := url.Parse(dsn)
	require.NoError(t, err)
	pw, _ := u.User.Password()
	t.Setenv("PGPASSWORD", pw)
	u.User = url.User(u.User.Username())
	pgSpec := strings.Replace(cliSpec, "path: orders.csv", "path: "+u.String()+"\n    query: SELECT account_id, at, amount FROM orders", 1)
	require.NotEqual(t, cliSpec, pgSpec)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pg.yaml"), []byte(pgSpec), 0o644))

	for _, cut := range [][]string{{"-cutoff", "2024-04-01"}, {"-cutoffs", "2024-02-01..2024-06-01/1mo"}} {
		want, got := filepath.Join(dir, "want.csv"), filepath.Join(dir, "got.csv")
		code, _, stderr := cli(t, append([]string{"snapshot", "-spec", spec, "-o", want}, cut...)...)
		require.Equal(t, exitOK, code, stderr)
		code, _, stderr = cli(t, append([]string{"snapshot", "-spec", filepath.Join(dir, "pg.yaml"), "-o", got}, cut...)...)
		require.Equal(t, exitOK, code, stderr)
		assert.Equal(t, readCSV(t, want), readCSV(t, got), "snapshot %v from PostgreSQL differs from CSV", cut)
	}

	// A password in the spec is refused: it would be written into model files.
	withPw := strings.Replace(pgSpec, u.String(), dsn, 1)
	require.NoError(t, os.WriteFile(filepath.Join(dir, "pw.yaml"), []byte(withPw), 0o644))
	code, _, stderr := cli(t, "snapshot", "-spec", filepath.Join(dir, "pw.yaml"), "-cutoff", "2024-04-01", "-o", filepath.Join(dir, "x.csv"))
	assert.Equal(t, exitData, code)
	assert.Contains(t, stderr, "PGPASSWORD")
	assert.NotContains(t, stderr, pw+"@")
}
