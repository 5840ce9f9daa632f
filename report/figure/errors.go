package figure

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
)

// inputErr ties err (one of report's sentinel errors: report.ErrEmpty, report.ErrLength,
// report.ErrValue, report.ErrNegativeLabel), with an optional detail, to the argument
// field and, when row >= 0, to one of its rows.
func inputErr(field string, row int, err error, format string, args ...any) error {
	if format != "" {
		err = fmt.Errorf("%w: %s", err, fmt.Sprintf(format, args...))
	}
	return fmt.Errorf("figure: %w", &dataset.ColumnError{Column: field, Row: row, Err: err})
}
