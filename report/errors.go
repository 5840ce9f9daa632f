package report

import (
	"errors"
	"fmt"

	"github.com/segmenta/segmenta/dataset"
)

// Errors reported by Profile and the plot constructors. They are wrapped in
// a *dataset.ColumnError whose Column names the argument or table column
// (and Row the row, when one row is at fault, else -1); test with errors.Is
// and errors.As. ErrLength, ErrEmpty and ErrKind are dataset's values.
var (
	// ErrLength: an argument's length does not match the table or another
	// argument.
	ErrLength = dataset.ErrLength
	// ErrEmpty: there is nothing to profile or plot.
	ErrEmpty = dataset.ErrEmpty
	// ErrNegativeLabel: a segment label is negative.
	ErrNegativeLabel = errors.New("negative segment label")
	// ErrValue: a value is out of range or not finite (for example a
	// probability outside [0, 1], or a churn flag that is not a boolean).
	ErrValue = errors.New("invalid value")
	// ErrKind: a configured column exists but has the wrong kind.
	ErrKind = dataset.ErrKind
)

// inputErr ties err, with an optional detail, to the argument or column
// field and, when row >= 0, to one of its rows.
func inputErr(field string, row int, err error, format string, args ...any) error {
	if format != "" {
		err = fmt.Errorf("%w: %s", err, fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("report: %w", &dataset.ColumnError{Column: field, Row: row, Err: err})
}
