package sqlgen_test

import (
	"fmt"
	"strings"

	"github.com/segmenta/segmenta/sqlgen"
	"github.com/segmenta/segmenta/sqlgen/sqltest"
)

func ExampleGenerate() {
	m, _, err := sqltest.Fixture(2000, 1) // a model fitted on synthetic accounts
	if err != nil {
		panic(err)
	}
	q, err := sqlgen.Generate(m.ScoringParts(), sqlgen.Options{Dialect: sqlgen.Postgres, Table: "crm.accounts"})
	if err != nil {
		panic(err)
	}
	fmt.Println(strings.SplitN(q, "\n", 2)[0])
	// Output:
	// -- Segmenta model as SQL (postgres): one row of scores per row of crm.accounts.
}
