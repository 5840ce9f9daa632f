package sqltest

import (
	"testing"
	"time"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/sqlgen"
)

// Query runs a query in the database under test and returns its result
// and how to release it.
type Query func(q string) (Result, func(), error)

// MatchModels checks the scoring query over the table "accounts", which
// holds the rows of tbl, against Go's scores want of model m, and again
// with m's outcome models replaced by GA2Ms (AdditiveParts), each a
// subtest of t (Match).
func MatchModels(t *testing.T, dialect string, m *segmenta.Model, tbl *dataset.Table, want []batch.Score, query Query) {
	t.Run("defaults", func(t *testing.T) { Match(t, dialect, m.ScoringParts(), want, query) })
	t.Run("additive", func(t *testing.T) {
		parts, want, err := AdditiveParts(m, tbl)
		if err != nil {
			t.Fatal(err)
		}
		Match(t, dialect, parts, want, query)
	})
}

// Match generates the query of parts in dialect over the table "accounts",
// runs it with query and fails t unless every row equals want (Compare).
// It logs the time the database took and the largest probability
// difference.
func Match(t testing.TB, dialect string, parts batch.Parts, want []batch.Score, query Query) {
	t.Helper()
	q, err := sqlgen.Generate(parts, sqlgen.Options{Dialect: dialect, Table: "accounts"})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	res, done, err := query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	got, err := Collect(res)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s scored %d accounts in %v", dialect, len(got), time.Since(start))
	d, err := Compare(want, got)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("largest probability difference: %.3g", d)
}
