package duckdbtest

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"testing"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/segmenta/segmenta/sqlgen"
	"github.com/segmenta/segmenta/sqlgen/sqltest"
)

// TestDuckDBMatchesGo scores 100,000 synthetic accounts (10,000 with
// -short) inside DuckDB with the generated query and compares every row
// with Go's batch scores: segments exactly, probabilities to 1e-9, bands
// and reasons exactly, for the model fitted with the defaults and for the
// same model with additive outcome models (sqltest.AdditiveParts).
func TestDuckDBMatchesGo(t *testing.T) {
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
	connector, err := duckdb.NewConnector("", nil)
	if err != nil {
		t.Fatal(err)
	}
	db := sql.OpenDB(connector)
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	cols := sqltest.Columns(m)
	if _, err := conn.ExecContext(ctx, sqltest.CreateTable("accounts", cols, "DOUBLE", false)); err != nil {
		t.Fatal(err)
	}
	rows, err := sqltest.Rows(tbl, cols)
	if err != nil {
		t.Fatal(err)
	}
	err = conn.Raw(func(dc any) error {
		app, err := duckdb.NewAppenderFromConn(dc.(driver.Conn), "", "accounts")
		if err != nil {
			return err
		}
		for _, r := range rows {
			vals := make([]driver.Value, len(r))
			for j, v := range r {
				vals[j] = v
			}
			if err := app.AppendRow(vals...); err != nil {
				return err
			}
		}
		return app.Close()
	})
	if err != nil {
		t.Fatal(err)
	}
	sqltest.MatchModels(t, sqlgen.DuckDB, m, tbl, want, func(q string) (sqltest.Result, func(), error) {
		res, err := conn.QueryContext(ctx, q)
		if err != nil {
			return nil, nil, err
		}
		return res, func() { res.Close() }, nil
	})
}
