package segmenta

import (
	"errors"
	"fmt"

	"github.com/segmenta/segmenta/internal/envelope"
)

// Errors reported by this package. They are wrapped with the field, column or
// row they concern; test with errors.Is, or errors.As with *FileError and
// *InputError.
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
	// ErrMissingColumn: an input column the model needs is absent at scoring
	// time. Scoring fails before any output is produced.
	ErrMissingColumn = errors.New("input column required by the model is missing")
	// ErrLabel: a label column (churn or upsell) is absent, not binary or
	// has a single class.
	ErrLabel = errors.New("invalid label column")
	// ErrConfig: a Config field is out of range.
	ErrConfig = errors.New("invalid config")
	// ErrTooFewRows: the table is too small to fit and evaluate a model.
	ErrTooFewRows = errors.New("too few rows")
	// ErrRejectRate: more rows were rejected than ScoreOptions.MaxRejectRate
	// allows.
	ErrRejectRate = errors.New("reject rate above the allowed maximum")
)

// FileError is a model-file error tied to the field of the file it concerns
// (for example "churn.coef" or "inputs").
type FileError struct {
	Field string
	Err   error
}

func (e *FileError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("segmenta: model file: %v", e.Err)
	}
	return fmt.Sprintf("segmenta: model file, %s: %v", e.Field, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }

// corrupt wraps a detail of an inconsistent model file.
func corrupt(field, format string, args ...any) error {
	return &FileError{Field: field, Err: fmt.Errorf("%w: %s", ErrCorrupt, fmt.Sprintf(format, args...))}
}

// InputError ties an error to an input column and, when known, to a row
// (0-based row of the table; -1 for the whole column).
type InputError struct {
	Column string
	Row    int
	Err    error
}

func (e *InputError) Error() string {
	if e.Row >= 0 {
		return fmt.Sprintf("segmenta: column %q, row %d: %v", e.Column, e.Row, e.Err)
	}
	return fmt.Sprintf("segmenta: column %q: %v", e.Column, e.Err)
}

func (e *InputError) Unwrap() error { return e.Err }
