// Package pgtest gives tests a real PostgreSQL server: the DSN of
// $SEGMENTA_PG_DSN (which .ci/run exports from scripts/pg-ci.sh) and a
// fresh schema per test. Without a server the tests skip, except under
// CI=true, where they fail: CI must not pass without the database.
package pgtest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"sync/atomic"
	"testing"

	"github.com/jackc/pgx/v5"
)

// DSN returns the test server's DSN, or skips (fails under CI=true) when
// none answers.
func DSN(t testing.TB) string {
	t.Helper()
	dsn := os.Getenv("SEGMENTA_PG_DSN")
	ci := os.Getenv("CI") == "true"
	if dsn == "" {
		if ci {
			t.Fatal("CI=true but SEGMENTA_PG_DSN is not set (.ci/run exports it from scripts/pg-ci.sh)")
		}
		t.Skip("SEGMENTA_PG_DSN not set: export SEGMENTA_PG_DSN=$(bash scripts/pg-ci.sh)")
	}
	conn, err := pgx.Connect(context.Background(), dsn)
	if err != nil {
		if ci {
			t.Fatalf("CI=true and no PostgreSQL answers at $SEGMENTA_PG_DSN: %v", err)
		}
		t.Skipf("no PostgreSQL answers at $SEGMENTA_PG_DSN: %v", err)
	}
	conn.Close(context.Background())
	return dsn
}

// Schema creates a schema named after the test (dropped with everything
// in it at the test's end) and returns a connection using it and a DSN
// whose connections use it (search_path).
func Schema(t *testing.T) (*pgx.Conn, string) {
	t.Helper()
	dsn := DSN(t)
	ctx := context.Background()
	// Unique per run: two runs of one test (two worktrees, -count 2) must
	// not drop each other's tables.
	name := fmt.Sprintf("t_%s_%d_%d", sanitize(t.Name()), os.Getpid(), seq.Add(1))
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", name)
	u.RawQuery = q.Encode()
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, "DROP SCHEMA IF EXISTS "+name+" CASCADE; CREATE SCHEMA "+name+"; SET search_path = "+name); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		conn.Exec(context.Background(), "DROP SCHEMA IF EXISTS "+name+" CASCADE")
		conn.Close(context.Background())
	})
	return conn, u.String()
}

var seq atomic.Int64

func sanitize(s string) string {
	b := []byte(s)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			b[i] = '_'
		}
	}
	if len(b) > 40 {
		b = b[:40]
	}
	return string(b)
}
