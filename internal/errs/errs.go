package errs

import (
	"errors"
	"fmt"
	"strconv"
)

// Sentinels that mean the same in every package that reports them.
var (
	// ErrNonFinite: a value is NaN or ±Inf where a finite number is needed.
	ErrNonFinite = errors.New("non-finite value (NaN or Inf)")
	// ErrEmpty: there are no rows (or no columns) to work on.
	ErrEmpty = errors.New("no rows")
	// ErrDimension: lengths or matrix shapes do not match.
	ErrDimension = errors.New("dimension mismatch")
	// ErrLength: an argument or column does not have the length of the
	// table or of the argument it goes with.
	ErrLength = errors.New("length mismatch")
	// ErrKind: a column exists but has the wrong kind.
	ErrKind = errors.New("column has another kind")
	// ErrConfig: a configuration field holds an invalid value.
	ErrConfig = errors.New("invalid configuration")
	// ErrWeights: sample weights of the wrong length, negative, non-finite
	// or all zero.
	ErrWeights = errors.New("invalid sample weights")
	// ErrLabelColumn: a label column (churn or upsell) is absent, not
	// binary or has a single class.
	ErrLabelColumn = errors.New("invalid label column")
)

// RowError ties an error to a line of an input file (1-based, counting the
// header and every physical line, so quoted fields holding newlines count
// their lines too) and, when one field is at fault, to its column and text.
type RowError struct {
	Line   int
	Column string
	Value  string
	Err    error
}

func (e *RowError) Error() string {
	if e.Column != "" {
		return fmt.Sprintf("line %d, column %q, value %q: %v", e.Line, e.Column, clipText(e.Value), e.Err)
	}
	return fmt.Sprintf("line %d: %v", e.Line, e.Err)
}

func (e *RowError) Unwrap() error { return e.Err }

// ColumnError ties an error to a column (of a table, of a matrix, or a
// named argument or field) and, when known, to a row: the 0-based row
// index, -1 when the whole column is concerned. A matrix column is named by
// its 0-based index in decimal (see Cell).
type ColumnError struct {
	Column string
	Row    int
	Err    error
}

func (e *ColumnError) Error() string {
	if e.Row >= 0 {
		return fmt.Sprintf("column %q, row %d: %v", e.Column, e.Row, e.Err)
	}
	return fmt.Sprintf("column %q: %v", e.Column, e.Err)
}

func (e *ColumnError) Unwrap() error { return e.Err }

// Cell is the error of the value at row i, column j of a matrix.
func Cell(i, j int, err error) *ColumnError {
	return &ColumnError{Column: strconv.Itoa(j), Row: i, Err: err}
}

// clipText shortens long values in messages.
func clipText(s string) string {
	const max = 64
	if len(s) <= max {
		return s
	}
	return s[:max] + "..."
}
