package survival

import (
	"errors"
	"fmt"

	"github.com/segmenta/segmenta/internal/errs"
)

// Errors reported by Fit and FitGroups, wrapped in a *dataset.ColumnError
// whose Column names the argument ("duration", "event", "group") and Row the
// offending row (-1 when the whole argument is at fault). ErrEmpty,
// ErrLength, ErrNonFinite and ErrConfig are the values the other segmenta
// packages report for the same conditions.
var (
	// ErrEmpty: there are no observations.
	ErrEmpty = errs.ErrEmpty
	// ErrLength: durations and events (or groups) differ in length.
	ErrLength = errs.ErrLength
	// ErrNonFinite: a duration is NaN or infinite.
	ErrNonFinite = errs.ErrNonFinite
	// ErrNegative: a duration is negative.
	ErrNegative = errors.New("negative duration")
	// ErrEvent: an event indicator is neither 0 nor 1.
	ErrEvent = errors.New("event is neither 0 nor 1")
	// ErrConfig: a KaplanMeier field holds an invalid value.
	ErrConfig = errs.ErrConfig
)

func rowErr(column string, row int, err error, format string, args ...any) error {
	if format != "" {
		err = fmt.Errorf("%w: %s", err, fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("survival: %w", &errs.ColumnError{Column: column, Row: row, Err: err})
}
