package sqlgen_test

import (
	"context"
	"os"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/sqlgen"
	"github.com/segmenta/segmenta/sqlgen/sqltest"
)

// pgConn connects to the server of SEGMENTA_PG_DSN (scripts/pg-ci.sh). It
// skips without one, and fails instead under CI=true, where .ci/run starts
// the server.
func pgConn(t *testing.T) *pgx.Conn {
	t.Helper()
	dsn := os.Getenv("SEGMENTA_PG_DSN")
	if dsn == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("SEGMENTA_PG_DSN is not set under CI=true: .ci/run starts PostgreSQL (scripts/pg-ci.sh)")
		}
		t.Skip("SEGMENTA_PG_DSN is not set: export SEGMENTA_PG_DSN=$(bash scripts/pg-ci.sh)")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatalf("PostgreSQL at SEGMENTA_PG_DSN does not answer: %v", err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return conn
}

// TestPostgresMatchesGo scores 100,000 synthetic accounts (10,000 with
// -short) inside PostgreSQL with the generated query and compares every
// row with Go's batch scores: segments exactly, probabilities to 1e-9,
// bands and reasons exactly. It does so for the model fitted with the
// defaults and for the same model with additive outcome models
// (sqltest.AdditiveParts).
func TestPostgresMatchesGo(t *testing.T) {
	conn := pgConn(t)
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	m, tbl, err := sqltest.Fixture(n, 18)
	if err != nil {
		t.Fatal(err)
	}
	want, err := m.Score(tbl)
	if err != nil {
		t.Fatal(err)
	}
	ctx := loadAccounts(t, conn, m, tbl)
	sqltest.MatchModels(t, sqlgen.Postgres, m, tbl, want, func(q string) (sqltest.Result, func(), error) {
		res, err := conn.Query(ctx, q)
		return res, func() { res.Close() }, err
	})
}

// TestPostgresMatchesGoSegmentOn is TestPostgresMatchesGo for a model
// whose segments are fitted on some columns (segmenta.Config.SegmentOn):
// the query ranks the micro centroids on every feature, as Go does, and
// the zero coordinates outside those columns leave every segment as the
// columns alone give it.
func TestPostgresMatchesGoSegmentOn(t *testing.T) {
	conn := pgConn(t)
	n := 20_000
	m, tbl, err := sqltest.FixtureWith(n, segmenta.Config{Seed: 19, SegmentOn: []string{"plan", "seats_used", "logins_per_week", "days_since_last_login"}})
	if err != nil {
		t.Fatal(err)
	}
	if m.Segmentation().Columns() == nil {
		t.Fatal("the model records no segmentation columns")
	}
	want, err := m.Score(tbl)
	if err != nil {
		t.Fatal(err)
	}
	ctx := loadAccounts(t, conn, m, tbl)
	sqltest.Match(t, sqlgen.Postgres, m.ScoringParts(), want, func(q string) (sqltest.Result, func(), error) {
		res, err := conn.Query(ctx, q)
		return res, func() { res.Close() }, err
	})
}

// loadAccounts creates the table "accounts" with the model's input columns
// and copies tbl's rows into it.
func loadAccounts(t *testing.T, conn *pgx.Conn, m *segmenta.Model, tbl *dataset.Table) context.Context {
	t.Helper()
	ctx := context.Background()
	cols := sqltest.Columns(m)
	// The query's cost makes PostgreSQL's JIT compile it, which takes
	// longer than the query.
	if _, err := conn.Exec(ctx, "SET jit = off"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, sqltest.CreateTable("accounts", cols, "DOUBLE PRECISION", true)); err != nil {
		t.Fatal(err)
	}
	rows, err := sqltest.Rows(tbl, cols)
	if err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	if k, err := conn.CopyFrom(ctx, pgx.Identifier{"accounts"}, names, pgx.CopyFromRows(rows)); err != nil || k != int64(tbl.Len()) {
		t.Fatalf("COPY: %d rows, %v", k, err)
	}
	return ctx
}
