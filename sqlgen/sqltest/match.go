package sqltest

import (
	"testing"
	"time"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/sqlgen"
)

// Match generates the query of parts in dialect over the table "accounts",
// runs it with query (which returns the result and how to release it),
// and fails t unless every row equals want (Compare). It logs the time the
// database took and the largest probability difference.
func Match(t testing.TB, dialect string, parts batch.Parts, want []batch.Score, query func(q string) (Result, func(), error)) {
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
