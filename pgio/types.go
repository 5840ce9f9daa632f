package pgio

import (
	"context"
	"errors"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/segmenta/segmenta/dataset"
)

// ErrUnsupportedType: a column's PostgreSQL type has no mapping to a
// dataset kind (bytea, json, arrays, intervals, geometry...). It reaches
// the caller in a *dataset.ColumnError naming the column; cast the column
// in the query (-query 'SELECT payload::text ...') or leave it out.
var ErrUnsupportedType = errors.New("unsupported PostgreSQL type")

// Column is one column of a source, its PostgreSQL type and the dataset
// kind it reads as.
type Column struct {
	Name string
	Type string // the PostgreSQL type name, e.g. "numeric", "timestamptz"
	Kind dataset.Kind
	// expr is the SELECT expression producing the column's CSV text.
	expr string
	// text: force-quoted, so that no text value is read as missing.
	text bool
}

// Built-in type OIDs (pg_type.dat); others are looked up in pg_type.
const (
	oidBool        = 16
	oidName        = 19
	oidInt8        = 20
	oidInt2        = 21
	oidInt4        = 23
	oidText        = 25
	oidOID         = 26
	oidFloat4      = 700
	oidFloat8      = 701
	oidBpchar      = 1042
	oidVarchar     = 1043
	oidDate        = 1082
	oidTimestamp   = 1114
	oidTimestamptz = 1184
	oidNumeric     = 1700
	oidUUID        = 2950
)

// pgType is what pg_type says of a type: its name, its kind (typtype: b
// base, d domain, e enum...), category and, for a domain, its base type.
type pgType struct {
	name     string
	typtype  string
	category string
	base     uint32
}

// mapColumn sets c.Kind and c.expr for a column of type oid, whose quoted
// name is q; a domain maps as its base type, an enum or any string-category
// type as text.
func mapColumn(ctx context.Context, conn *pgx.Conn, c *Column, oid uint32, q string) error {
	for range 8 { // domains over domains, bounded
		t, err := lookupType(ctx, conn, oid)
		if err != nil {
			return err
		}
		if c.Type == "" {
			c.Type = t.name
		}
		switch {
		case oid == oidInt2 || oid == oidInt4 || oid == oidInt8 || oid == oidOID ||
			oid == oidFloat4 || oid == oidFloat8 || oid == oidNumeric:
			c.Kind, c.expr = dataset.Numeric, q
		case oid == oidBool:
			c.Kind, c.text = dataset.Categorical, true
			c.expr = "CASE WHEN " + q + " THEN 'true' WHEN NOT " + q + " THEN 'false' END"
		case oid == oidDate:
			c.Kind = dataset.Date
			c.expr = finite(q, "to_char("+q+", 'YYYY-MM-DD')")
		case oid == oidTimestamp:
			c.Kind = dataset.Date
			c.expr = finite(q, "to_char("+q+`, 'YYYY-MM-DD"T"HH24:MI:SS.US')`)
		case oid == oidTimestamptz:
			c.Kind = dataset.Date
			c.expr = finite(q, "to_char("+q+` AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`)
		case oid == oidText || oid == oidVarchar || oid == oidBpchar || oid == oidName || oid == oidUUID ||
			t.typtype == "e" || (t.typtype == "b" && t.category == "S"):
			c.Kind, c.text = dataset.Categorical, true
			c.expr = q + "::text"
		case t.typtype == "d":
			oid = t.base
			continue
		default:
			return &dataset.ColumnError{Column: c.Name, Row: -1, Err: fmt.Errorf("%w %s", ErrUnsupportedType, c.Type)}
		}
		return nil
	}
	return &dataset.ColumnError{Column: c.Name, Row: -1, Err: fmt.Errorf("%w %s (nested domains)", ErrUnsupportedType, c.Type)}
}

// finite keeps infinite dates and timestamps as the text "infinity" (which
// the reader rejects with the row's line) instead of to_char's NULL, which
// would read as a silently missing value.
func finite(q, expr string) string {
	return "CASE WHEN isfinite(" + q + ") THEN " + expr + " ELSE " + q + "::text END"
}

func lookupType(ctx context.Context, conn *pgx.Conn, oid uint32) (pgType, error) {
	var t pgType
	err := conn.QueryRow(ctx, "SELECT format_type(oid, NULL), typtype::text, typcategory::text, typbasetype FROM pg_type WHERE oid = $1", oid).
		Scan(&t.name, &t.typtype, &t.category, &t.base)
	if err != nil {
		return t, fmt.Errorf("pgio: type %d: %w", oid, err)
	}
	return t, nil
}
