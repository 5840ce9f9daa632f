package main

import (
	"context"
	"errors"
	"fmt"

	"github.com/segmenta/segmenta/sqlgen"
)

func runSQL(_ context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "sql", "-model MODEL.json [-dialect postgres|duckdb] [-table T] [-id COL]",
		`Print the model as one SQL SELECT (package sqlgen): the feature pipeline,
the nearest micro segment and its macro segment, the calibrated churn and
upsell probabilities, the risk band and the top reasons, computed inside the
database from a table with the model's input columns (NULL for a missing
value). The output columns are those of 'segmenta score' plus "error" (why a
row cannot be scored; its scores are then NULL). The scores equal those of
'segmenta score' to 1e-9, the segments exactly.`)
	modelPath := fs.String("model", "", "model file (required)")
	verifyKey := verifyKeyFlag(fs)
	dialect := fs.String("dialect", sqlgen.Postgres, "SQL dialect: postgres or duckdb")
	tbl := fs.String("table", "accounts", "input table or view (schema.table allowed)")
	idCol := fs.String("id", "", "the table's account ID column (default: the model's; required for a model fitted with -id auto, whose rows were numbered)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *modelPath == "" {
		return usagef("-model is required")
	}
	if fs.NArg() != 0 {
		return usagef("sql takes no arguments")
	}
	if *dialect != sqlgen.Postgres && *dialect != sqlgen.DuckDB {
		return usagef("-dialect %q: want postgres or duckdb", *dialect)
	}
	m, err := loadModelVerified(*modelPath, *verifyKey)
	if err != nil {
		return err
	}
	q, err := sqlgen.Generate(m.ScoringParts(), sqlgen.Options{Dialect: *dialect, Table: *tbl, IDColumn: *idCol})
	if errors.Is(err, sqlgen.ErrIDColumn) {
		return usagef("%v", err) // the fix is a flag: -id
	}
	if err != nil {
		return err
	}
	_, err = fmt.Fprint(e.stdout, q)
	return err
}
