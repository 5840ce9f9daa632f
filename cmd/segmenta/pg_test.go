package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/segmenta/segmenta/parquetio"
	"github.com/segmenta/segmenta/pgio/pgtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// accountsDDL types the synthetic accounts as a customer's database
// would: integers, numeric money, double and real ratios, text.
const accountsDDL = `CREATE TABLE %s (account_id text PRIMARY KEY, industry text, country text, employees int,
	revenue_band text, plan text, contract text, seats_purchased int, seats_used int, mrr_start numeric,
	mrr_end numeric, tenure_months int, logins_per_week double precision, feature_adoption double precision,
	support_tickets int, csat real, nps int, email_open_rate double precision, web_visits int,
	days_since_last_login int, sales_stage text, churned int, upsold int, contact_name text, contact_email text)`

// loadAccounts creates table name from accountsDDL and COPYs the CSV file
// into it.
func loadAccounts(t *testing.T, conn *pgx.Conn, name, csvPath string) {
	t.Helper()
	ctx := context.Background()
	_, err := conn.Exec(ctx, fmt.Sprintf(accountsDDL, name))
	require.NoError(t, err)
	f, err := os.Open(csvPath)
	require.NoError(t, err)
	defer f.Close()
	_, err = conn.PgConn().CopyFrom(ctx, f, "COPY "+name+" FROM STDIN (FORMAT csv, HEADER)")
	require.NoError(t, err)
}

// scoreValues reads a scores CSV (or what COPY gives of a scores table)
// into ID -> fields, floats parsed, so that text spellings of one float64
// (1e-05 and 1e-5) compare equal and any other difference does not.
func scoreValues(t *testing.T, r io.Reader) map[string][]any {
	t.Helper()
	cr := csv.NewReader(r)
	recs, err := cr.ReadAll()
	require.NoError(t, err)
	require.Equal(t, []string{"account_id", "segment", "segment_name", "micro_segment", "churn", "upsell", "risk_band", "reasons", "upsell_reasons"}, recs[0])
	out := map[string][]any{}
	for _, rec := range recs[1:] {
		row := make([]any, len(rec))
		for i, f := range rec {
			row[i] = f
			if i == 4 || i == 5 {
				v, err := strconv.ParseFloat(f, 64)
				require.NoError(t, err)
				row[i] = math.Float64bits(v)
			}
		}
		out[rec[0]] = row
	}
	require.Len(t, out, len(recs)-1, "repeated IDs")
	return out
}

func scoreFile(t *testing.T, path string) map[string][]any {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	return scoreValues(t, f)
}

// scoreTable reads a scores table back with COPY.
func scoreTable(t *testing.T, conn *pgx.Conn, name string) map[string][]any {
	t.Helper()
	pr, pw := io.Pipe()
	go func() {
		_, err := conn.PgConn().CopyTo(context.Background(), pw, "COPY "+name+" TO STDOUT (FORMAT csv, HEADER)")
		pw.CloseWithError(err)
	}()
	return scoreValues(t, pr)
}

// csvToParquet converts a CSV file of accounts to Parquet (numbers as
// DOUBLE, the rest as STRING).
func csvToParquet(t *testing.T, csvPath, pqPath string) {
	t.Helper()
	in, err := os.Open(csvPath)
	require.NoError(t, err)
	defer in.Close()
	out, err := os.Create(pqPath)
	require.NoError(t, err)
	defer out.Close()
	types := map[string]parquetio.Type{}
	for _, c := range []string{"employees", "seats_purchased", "seats_used", "mrr_start", "mrr_end", "tenure_months",
		"logins_per_week", "feature_adoption", "support_tickets", "csat", "nps", "email_open_rate", "web_visits",
		"days_since_last_login", "churned", "upsold"} {
		types[c] = parquetio.Double
	}
	w := parquetio.NewWriter(out, types)
	_, err = io.Copy(w, in)
	require.NoError(t, err)
	require.NoError(t, w.Close())
}

// TestWhereDataLives scores the same accounts from CSV, from a PostgreSQL
// table, from a query and from Parquet, to CSV, to PostgreSQL and to
// Parquet, and fits from PostgreSQL: every score equals the CSV path's
// bit for bit.
func TestWhereDataLives(t *testing.T) {
	conn, dsn := pgtest.Schema(t)
	dir := t.TempDir()
	acc := filepath.Join(dir, "acc.csv")
	writeAccounts(t, acc, 3000, 5)
	model := filepath.Join(dir, "model.json")
	code, _, stderr := cli(t, "fit", "-seed", "3", "-o", model, acc)
	require.Equal(t, exitOK, code, stderr)
	loadAccounts(t, conn, "acc", acc)

	want := filepath.Join(dir, "want.csv")
	code, _, stderr = cli(t, "score", "-model", model, "-o", want, acc)
	require.Equal(t, exitOK, code, stderr)
	wantBytes, err := os.ReadFile(want)
	require.NoError(t, err)
	wantVals := scoreFile(t, want)
	require.Len(t, wantVals, 3000)

	t.Run("table to CSV", func(t *testing.T) {
		out := filepath.Join(dir, "pg.csv")
		code, _, stderr := cli(t, "score", "-model", model, "-table", "acc", "-o", out, dsn)
		require.Equal(t, exitOK, code, stderr)
		got, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Equal(t, string(wantBytes), string(got), "scores from PostgreSQL differ from the CSV path's")
	})
	t.Run("query to PostgreSQL, twice", func(t *testing.T) {
		for range 2 { // a re-run publishes the same rows (idempotent)
			code, stdout, stderr := cli(t, "score", "-model", model, "-query", "SELECT * FROM acc ORDER BY account_id",
				"-o", dsn, "-out-table", "scores", dsn)
			require.Equal(t, exitOK, code, stderr)
			assert.Contains(t, stdout, "3000 rows in = 3000 scored")
			assert.NotContains(t, stdout+stderr, ":segmenta@", "the password reached the output")
			assert.Equal(t, wantVals, scoreTable(t, conn, "scores"))
		}
		var staging int
		require.NoError(t, conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_tables WHERE tablename LIKE '%staging%'").Scan(&staging))
		assert.Zero(t, staging, "staging tables left behind")
	})
	t.Run("upsert", func(t *testing.T) {
		code, _, stderr := cli(t, "score", "-model", model, "-query", "SELECT * FROM acc WHERE account_id < 'A0001000'",
			"-o", dsn, "-out-table", "up", "-publish", "upsert", dsn)
		require.Equal(t, exitOK, code, stderr)
		code, _, stderr = cli(t, "score", "-model", model, "-table", "acc", "-o", dsn, "-out-table", "up", "-publish", "upsert", dsn)
		require.Equal(t, exitOK, code, stderr)
		assert.Equal(t, wantVals, scoreTable(t, conn, "up"))
	})
	t.Run("Parquet in and out", func(t *testing.T) {
		pq := filepath.Join(dir, "acc.parquet")
		csvToParquet(t, acc, pq)
		out := filepath.Join(dir, "pq.csv")
		code, _, stderr := cli(t, "score", "-model", model, "-o", out, pq)
		require.Equal(t, exitOK, code, stderr)
		got, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Equal(t, string(wantBytes), string(got), "scores from Parquet differ from the CSV path's")

		outPq := filepath.Join(dir, "scores.parquet")
		code, _, stderr = cli(t, "score", "-model", model, "-o", outPq, pq)
		require.Equal(t, exitOK, code, stderr)
		assert.FileExists(t, filepath.Join(dir, "scores.manifest.json"))
		r, err := parquetio.Open(outPq)
		require.NoError(t, err)
		defer r.Close()
		assert.Equal(t, wantVals, scoreValues(t, r))

		// profile joins Parquet scores with accounts from PostgreSQL.
		rep := filepath.Join(dir, "report")
		code, _, stderr = cli(t, "profile", "-scores", outPq, "-table", "acc", "-out", rep, dsn)
		require.Equal(t, exitOK, code, stderr)
		assert.FileExists(t, filepath.Join(rep, "report.html"))
	})
	t.Run("fit from PostgreSQL", func(t *testing.T) {
		m2 := filepath.Join(dir, "model-pg.json")
		code, _, stderr := cli(t, "fit", "-seed", "3", "-o", m2, "-table", "acc", dsn)
		require.Equal(t, exitOK, code, stderr)
		out := filepath.Join(dir, "fitpg.csv")
		code, _, stderr = cli(t, "score", "-model", m2, "-o", out, acc)
		require.Equal(t, exitOK, code, stderr)
		got, err := os.ReadFile(out)
		require.NoError(t, err)
		assert.Equal(t, string(wantBytes), string(got), "a model fitted from PostgreSQL scores differently from one fitted from CSV")
	})
	t.Run("usage", func(t *testing.T) {
		code, _, stderr := cli(t, "score", "-model", model, "-o", filepath.Join(dir, "x.csv"), dsn)
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, stderr, "-table or -query")
		code, _, stderr = cli(t, "score", "-model", model, "-table", "acc", "-o", dsn, dsn)
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, stderr, "-out-table")
		code, _, stderr = cli(t, "score", "-model", model, "-table", "acc", "-o", dsn, "-out-table", "acc", dsn)
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, stderr, "refusing to replace")
	})
}

// TestDatabaseTypeNotMappable: a model input of a type with no mapping
// fails naming the column (exit 3); a column of such a type that the
// model does not use is no error.
func TestDatabaseTypeNotMappable(t *testing.T) {
	conn, dsn := pgtest.Schema(t)
	dir := t.TempDir()
	acc := filepath.Join(dir, "acc.csv")
	writeAccounts(t, acc, 500, 5)
	model := filepath.Join(dir, "model.json")
	code, _, stderr := cli(t, "fit", "-seed", "3", "-o", model, acc)
	require.Equal(t, exitOK, code, stderr)
	loadAccounts(t, conn, "acc", acc)
	ctx := context.Background()
	_, err := conn.Exec(ctx, `ALTER TABLE acc ADD COLUMN payload jsonb DEFAULT '{}';
		CREATE TABLE acc2 AS SELECT * FROM acc; ALTER TABLE acc2 ALTER COLUMN plan TYPE jsonb USING to_jsonb(plan)`)
	require.NoError(t, err)
	code, _, stderr = cli(t, "score", "-model", model, "-table", "acc", "-o", filepath.Join(dir, "ok.csv"), dsn)
	assert.Equal(t, exitOK, code, stderr)
	code, _, stderr = cli(t, "score", "-model", model, "-table", "acc2", "-o", filepath.Join(dir, "bad.csv"), dsn)
	assert.Equal(t, exitData, code, stderr)
	assert.Regexp(t, `column \\?"plan\\?": unsupported PostgreSQL type jsonb`, stderr)
	assert.NoFileExists(t, filepath.Join(dir, "bad.csv"))
}

// TestDatabaseGoesAwayMidJob terminates, from a second connection, the
// backend of the job's COPY into the staging table, then (in a second
// run) the backend of its COPY out of the source: each run fails with a
// clear error, the scores published before stay whole, nothing of the
// failed run is published, and the next run cleans up and publishes.
func TestDatabaseGoesAwayMidJob(t *testing.T) {
	conn, dsn := pgtest.Schema(t)
	dir := t.TempDir()
	acc := filepath.Join(dir, "acc.csv")
	writeAccounts(t, acc, 8000, 5)
	model := filepath.Join(dir, "model.json")
	code, _, stderr := cli(t, "fit", "-seed", "3", "-o", model, acc)
	require.Equal(t, exitOK, code, stderr)
	loadAccounts(t, conn, "acc", acc)
	ctx := context.Background()

	// The previous publication: the scores of the first 1000 accounts.
	code, _, stderr = cli(t, "score", "-model", model, "-query", "SELECT * FROM acc WHERE account_id <= 'A0001000'",
		"-o", dsn, "-out-table", "scores", dsn)
	require.Equal(t, exitOK, code, stderr)
	before := scoreTable(t, conn, "scores")
	require.Len(t, before, 1000)

	// The job's connections are told apart from any other segmenta's on
	// the server (another test, a benchmark) by their application name.
	app := fmt.Sprintf("segmenta_test_%d", os.Getpid())
	u, err := url.Parse(dsn)
	require.NoError(t, err)
	qs := u.Query()
	qs.Set("application_name", app)
	u.RawQuery = qs.Encode()
	appDSN := u.String()
	// A slow source (0.3 ms per row, 2.4 s in all), so that the job is
	// mid-way when a backend is terminated: the COPY into the staging
	// table starts with the first 1 MiB of scores (about 7,000 rows).
	slow := "SELECT * FROM acc WHERE pg_sleep(0.0003)::text = ''"
	for _, victim := range []struct{ name, like string }{
		{"sink", "COPY %_segmenta_staging_% FROM STDIN%"},
		{"source", "COPY (SELECT %) TO STDOUT%"},
	} {
		t.Run(victim.name, func(t *testing.T) {
			done := make(chan [3]string, 1)
			go func() {
				code, stdout, stderr := cli(t, "score", "-model", model, "-batch", "64", "-query", slow,
					"-o", appDSN, "-out-table", "scores", appDSN)
				done <- [3]string{strconv.Itoa(code), stdout, stderr}
			}()
			killed := false
			deadline := time.Now().Add(30 * time.Second)
			for !killed && time.Now().Before(deadline) {
				time.Sleep(100 * time.Millisecond)
				err := conn.QueryRow(ctx, `SELECT coalesce(bool_or(pg_terminate_backend(pid)), false) FROM pg_stat_activity
					WHERE application_name = $2 AND state = 'active' AND query LIKE $1`, victim.like, app).Scan(&killed)
				require.NoError(t, err)
			}
			require.True(t, killed, "found no %s backend to terminate", victim.name)
			res := <-done
			assert.Equal(t, strconv.Itoa(exitFailure), res[0], "exit code; stderr: %s", res[2])
			assert.Contains(t, res[2], "terminating connection due to administrator command")
			assert.NotContains(t, res[1], "rows in", "a killed job reported success")
			assert.Equal(t, before, scoreTable(t, conn, "scores"), "the previous scores changed")
		})
	}
	// The next run drops what the killed one left and publishes.
	code, _, stderr = cli(t, "score", "-model", model, "-table", "acc", "-o", dsn, "-out-table", "scores", dsn)
	require.Equal(t, exitOK, code, stderr)
	assert.Len(t, scoreTable(t, conn, "scores"), 8000)
	rows, err := conn.Query(ctx, "SELECT tablename FROM pg_tables WHERE tablename LIKE '%staging%'")
	require.NoError(t, err)
	left, err := pgx.CollectRows(rows, pgx.RowTo[string])
	require.NoError(t, err)
	sort.Strings(left)
	assert.Empty(t, left, "staging tables left behind")
}
