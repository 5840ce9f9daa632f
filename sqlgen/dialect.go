package sqlgen

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// Dialects Generate writes.
const (
	Postgres = "postgres"
	DuckDB   = "duckdb"
)

// ErrDialect: Options.Dialect names no dialect Generate writes.
var ErrDialect = errors.New("unknown SQL dialect")

// dialect holds what differs between the SQL dialects.
type dialect struct {
	name   string
	double string // the double-precision type
	intDiv string // integer division of two BIGINTs
}

func newDialect(name string) (*dialect, error) {
	switch name {
	case Postgres, "":
		return &dialect{name: Postgres, double: "float8", intDiv: "/"}, nil
	case DuckDB:
		return &dialect{name: DuckDB, double: "DOUBLE", intDiv: "//"}, nil
	}
	return nil, fmt.Errorf("sqlgen: %w: %q (want %q or %q)", ErrDialect, name, Postgres, DuckDB)
}

// num writes v as a double-precision constant. The shortest decimal that
// reads back as v, parsed from a string, is v exactly in both dialects (a
// bare decimal literal would be NUMERIC in PostgreSQL and DECIMAL in
// DuckDB, whose conversions are not all exact); a quoted string also keeps
// a minus sign from meeting another one as a "--" comment.
func (d *dialect) num(v float64) string {
	return "'" + strconv.FormatFloat(v, 'g', -1, 64) + "'::" + d.double
}

// array writes vs as a constant array, indexed from 1.
func (d *dialect) array(vs []string) string {
	if d.name == DuckDB {
		return "[" + strings.Join(vs, ", ") + "]"
	}
	return "ARRAY[" + strings.Join(vs, ", ") + "]"
}

// micros writes the signed number of microseconds from the timestamp
// expression t to the constant ref (an ISO timestamp, UTC), as a BIGINT.
func (d *dialect) micros(t, ref string) string {
	if d.name == DuckDB {
		return "date_diff('microsecond', CAST(" + t + " AS TIMESTAMP), TIMESTAMP '" + ref + "')"
	}
	// EXTRACT is NUMERIC since PostgreSQL 14: exact.
	return "CAST(EXTRACT(EPOCH FROM (TIMESTAMP '" + ref + "' - CAST(" + t + " AS TIMESTAMP))) * 1000000 AS BIGINT)"
}

// ident quotes an identifier.
func ident(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }

// table quotes a possibly schema-qualified table name ("crm.accounts").
func table(name string) string {
	parts := strings.Split(name, ".")
	for i, p := range parts {
		parts[i] = ident(p)
	}
	return strings.Join(parts, ".")
}

// str writes a string constant.
func str(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
