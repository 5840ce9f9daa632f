package segmenta

import (
	"errors"
	"fmt"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/internal/envelope"
	"github.com/segmenta/segmenta/internal/errs"
)

// Errors reported by this package. They are wrapped with the field, column or
// row they concern; test with errors.Is, or errors.As with a
// *dataset.ColumnError (Column the input column or the model-file field,
// Row the row or -1).
var (
	// ErrFormat: the input is not a segmenta model file.
	ErrFormat = envelope.ErrFormat
	// ErrVersion: the model file was written by a newer, unknown format
	// version.
	ErrVersion = envelope.ErrVersion
	// ErrCorrupt: the model file is truncated or inconsistent (dimensions
	// that do not agree, non-finite numbers, a checksum or spec-hash
	// mismatch).
	ErrCorrupt = envelope.ErrCorrupt
	// ErrLabel: a label column (churn or upsell) is absent, not binary or
	// has a single class.
	ErrLabel = dataset.ErrLabel
	// ErrConfig: a Config field is out of range.
	ErrConfig = errs.ErrConfig
	// ErrTooFewRows: the table is too small to fit and evaluate a model.
	ErrTooFewRows = errors.New("too few rows")
)

// fileErr ties a model-file error to the field of the file it concerns
// ("" for the whole file).
func fileErr(field string, err error) error {
	if field != "" {
		err = &dataset.ColumnError{Column: field, Row: -1, Err: err}
	}
	return fmt.Errorf("segmenta: model file: %w", err)
}

// corrupt wraps a detail of an inconsistent model file.
func corrupt(field, format string, args ...any) error {
	return fileErr(field, fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...)))
}
