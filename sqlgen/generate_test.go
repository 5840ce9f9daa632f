package sqlgen_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/sqlgen"
	"github.com/segmenta/segmenta/sqlgen/sqltest"
)

func TestGenerateErrors(t *testing.T) {
	m, _, err := sqltest.Fixture(2000, 3)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := sqlgen.Generate(m.ScoringParts(), sqlgen.Options{Dialect: "oracle"}); !errors.Is(err, sqlgen.ErrDialect) {
		t.Errorf("unknown dialect: %v", err)
	}
	p := m.ScoringParts()
	p.SegmentNames = p.SegmentNames[1:]
	if _, err := sqlgen.Generate(p, sqlgen.Options{}); !errors.Is(err, batch.ErrParts) {
		t.Errorf("parts that do not fit: %v", err)
	}
	q, err := sqlgen.Generate(m.ScoringParts(), sqlgen.Options{Dialect: sqlgen.DuckDB, Table: `crm.acc"ounts`})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(q, `FROM "crm"."acc""ounts"`) {
		t.Errorf("the table name is not quoted part by part")
	}
	if strings.Contains(q, "--") && strings.Count(q, "--") != 1 {
		t.Errorf("the query holds %d \"--\" (a comment where a minus meets a minus)", strings.Count(q, "--"))
	}

	// A model of numbered rows (fit -id auto) needs the table's ID column.
	p = m.ScoringParts()
	in := *p.Inputs
	in.ID = dataset.RowNumbers
	p.Inputs = &in
	if _, err := sqlgen.Generate(p, sqlgen.Options{}); !errors.Is(err, sqlgen.ErrIDColumn) {
		t.Errorf("numbered rows without an ID column: %v", err)
	}
	q, err = sqlgen.Generate(p, sqlgen.Options{IDColumn: "crm_id"})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(q, `"crm_id" AS id_`) || !strings.Contains(q, `id_ AS "crm_id"`) || strings.Contains(q, dataset.RowNumbers) {
		t.Errorf("the named ID column is not the query's ID")
	}
}
