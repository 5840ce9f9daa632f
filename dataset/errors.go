package dataset

import (
	"errors"
	"fmt"

	"github.com/segmenta/segmenta/internal/errs"
)

// Errors reported while reading CSV input. They reach the caller wrapped in a
// *RowError (or a *ColumnError for header problems) that names the line and
// column; test with errors.Is.
var (
	// ErrRagged: a row has more or fewer fields than the header.
	ErrRagged = errors.New("wrong number of fields")
	// ErrParse: a value does not parse as its column's kind (text in a
	// numeric column, a malformed date).
	ErrParse = errors.New("cannot parse value")
	// ErrQuote: a quoted field is not terminated, or text follows its
	// closing quote.
	ErrQuote = errors.New("malformed quoted field")
	// ErrEmptyFile: the input holds no header (it is empty or blank).
	ErrEmptyFile = fmt.Errorf("empty file: %w", ErrEmpty)
	// ErrNoRows: the input holds a header but no data rows.
	ErrNoRows = fmt.Errorf("header but no data rows: %w", ErrEmpty)
	// ErrEmptyID: an account ID is empty or missing.
	ErrEmptyID = errors.New("empty account ID")
	// ErrNotGzip: a file named *.gz is not gzip data.
	ErrNotGzip = errors.New("not gzip data")
	// ErrMissing: a value that must be present (a split label) is missing.
	ErrMissing = errors.New("missing value")
)

// RowError ties an error to a line of the input (1-based, counting the
// header and every physical line, so quoted fields holding newlines count
// their lines too) and, when one field is at fault, to its column and text.
// It is the one row-positional error type of segmenta (defined in
// internal/errs, so that every package returns the same type).
type RowError = errs.RowError
