package report

import (
	"errors"
	"fmt"
)

// Errors reported by Profile and the plot constructors. They are wrapped in
// an *InputError naming the argument (and row, when one row is at fault);
// test with errors.Is and errors.As.
var (
	// ErrLength: an argument's length does not match the table or another
	// argument.
	ErrLength = errors.New("length mismatch")
	// ErrEmpty: there is nothing to profile or plot.
	ErrEmpty = errors.New("no rows")
	// ErrNegativeLabel: a segment label is negative.
	ErrNegativeLabel = errors.New("negative segment label")
	// ErrValue: a value is out of range or not finite (for example a
	// probability outside [0, 1], or a churn flag that is not a boolean).
	ErrValue = errors.New("invalid value")
	// ErrKind: a configured column exists but has the wrong kind.
	ErrKind = errors.New("column has the wrong kind")
)

// InputError ties an error to the argument, column or field it concerns and,
// when known, to a row (0-based; -1 when the whole argument is concerned).
type InputError struct {
	Field string
	Row   int
	Err   error
}

func (e *InputError) Error() string {
	if e.Row >= 0 {
		return fmt.Sprintf("report: %s, row %d: %v", e.Field, e.Row, e.Err)
	}
	return fmt.Sprintf("report: %s: %v", e.Field, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }

func inputErr(field string, row int, err error, format string, args ...any) error {
	if format != "" {
		err = fmt.Errorf("%w: %s", err, fmt.Sprintf(format, args...))
	}
	return &InputError{Field: field, Row: row, Err: err}
}
