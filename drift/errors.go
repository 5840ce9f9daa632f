package drift

import (
	"errors"

	"github.com/segmenta/segmenta/internal/envelope"
	"github.com/segmenta/segmenta/internal/errs"
)

// Errors reported by this package, wrapped in a *dataset.ColumnError naming
// the column (or field) at fault; test with errors.Is.
var (
	// ErrCorrupt: a Reference read from a file is inconsistent (bins not
	// sorted, shares that do not sum to 1, a column the model does not
	// read). It is the model file's ErrCorrupt (segmenta.ErrCorrupt).
	ErrCorrupt = envelope.ErrCorrupt
	// ErrUnknownColumn: a Reference names a column that is not an input
	// of the model, or a score the model does not give.
	ErrUnknownColumn = errors.New("column unknown to the model")
	// ErrEmpty: no rows to learn or compare a distribution from.
	ErrEmpty = errs.ErrEmpty
	// ErrConfig: a Config or Thresholds field is out of range.
	ErrConfig = errs.ErrConfig
)

// columnErr ties err to a column or field.
func columnErr(column string, err error) error {
	return &errs.ColumnError{Column: column, Row: -1, Err: err}
}
