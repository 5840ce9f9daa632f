package snapshot

import (
	"errors"
	"fmt"
	"strings"
)

// Errors of this package, wrapped in a *SpecError (spec problems) or a
// *DataError (problems of a table's rows); test with errors.Is. Missing
// columns wrap dataset.ErrColumnNotFound, unparseable dates
// dataset.ErrParse, duplicate keys dataset.ErrDuplicateID.
var (
	// ErrSpec: the spec is invalid (a missing or contradictory field, an
	// unknown table, option or key).
	ErrSpec = errors.New("invalid data spec")
	// ErrVersion: the spec's version is not one this package reads.
	ErrVersion = errors.New("unsupported data spec version")
	// ErrCycle: the relations of the spec loop (a table reached through
	// itself).
	ErrCycle = errors.New("relation cycle")
	// ErrAmbiguousDate: a date reads as different instants under two of
	// the table's layouts (01/02/2024 as January 2 or February 1), or a
	// local time occurs twice in the table's zone (the hour the clocks go
	// back) or never (the hour they go forward).
	ErrAmbiguousDate = errors.New("ambiguous date")
	// ErrDuplicateRow: a table whose duplicates policy is "error" holds
	// two equal rows.
	ErrDuplicateRow = errors.New("duplicate row")
	// ErrCutoff: a cutoff or cutoff range is malformed, or lies after the
	// data's end.
	ErrCutoff = errors.New("invalid cutoff")
	// ErrDrift: a spec differs from the one a model was fitted with (the
	// one its file records) in something that changes the features.
	ErrDrift = errors.New("data spec differs from the model's")
)

// SpecError ties a spec error to the table, column and field it concerns
// and to the line of the spec (1-based; 0 when unknown, as for a spec built
// in Go).
type SpecError struct {
	Table  string
	Column string
	Field  string
	Line   int
	Err    error
}

func (e *SpecError) Error() string {
	var parts []string
	if e.Line > 0 {
		parts = append(parts, fmt.Sprintf("line %d", e.Line))
	}
	if e.Table != "" {
		parts = append(parts, fmt.Sprintf("table %q", e.Table))
	}
	if e.Field != "" {
		parts = append(parts, fmt.Sprintf("field %s", e.Field))
	}
	if e.Column != "" {
		parts = append(parts, fmt.Sprintf("column %q", e.Column))
	}
	return "snapshot: spec: " + strings.Join(parts, ", ") + ": " + e.Err.Error()
}

func (e *SpecError) Unwrap() error { return e.Err }

// DataError ties an error to a row of a table: Line is the 1-based line
// of the input (the header is line 1), Column the column at fault.
type DataError struct {
	Table  string
	Line   int
	Column string
	Value  string
	Err    error
}

func (e *DataError) Error() string {
	return fmt.Sprintf("snapshot: table %q, line %d, column %q, value %q: %v", e.Table, e.Line, e.Column, e.Value, e.Err)
}

func (e *DataError) Unwrap() error { return e.Err }
