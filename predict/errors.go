package predict

import (
	"errors"
	"fmt"

	"github.com/segmenta/segmenta/internal/envelope"
)

// Errors reported by this package; test with errors.Is. They are wrapped with
// the row, column or field they concern.
var (
	// ErrSingleClass: the labels (with positive weight) hold one class only.
	ErrSingleClass = errors.New("labels hold a single class")
	// ErrLabel: a label is not 0 or 1.
	ErrLabel = errors.New("label is not 0 or 1")
	// ErrNonFinite: NaN or Inf in features, labels, weights or scores.
	ErrNonFinite = errors.New("non-finite value (NaN or Inf)")
	// ErrDimension: lengths or matrix shapes do not match.
	ErrDimension = errors.New("dimension mismatch")
	// ErrWeight: a negative weight, or all weights zero.
	ErrWeight = errors.New("invalid sample weights")
	// ErrConfig: an invalid configuration field.
	ErrConfig = errors.New("invalid configuration")
	// ErrNotConverged: the solver stopped at MaxIter before reaching Tol. The
	// model is still returned beside the error and is usable.
	ErrNotConverged = errors.New("solver did not converge")
	// ErrSeparable: with penalty "none" the classes are linearly separable,
	// so the maximum-likelihood coefficients do not exist (they diverge).
	// No model is returned; use an L2 or L1 penalty.
	ErrSeparable = errors.New("classes are linearly separable: no finite unpenalised solution")
	// ErrFormat: a model file is truncated, tampered with or of another
	// format or version. Every load failure matches it; ErrVersion and
	// ErrCorrupt tell the causes apart.
	ErrFormat = envelope.ErrFormat
	// ErrVersion: a model file of a format version this library does not
	// read.
	ErrVersion = envelope.ErrVersion
	// ErrCorrupt: a model file that is truncated, edited (checksum
	// mismatch) or inconsistent.
	ErrCorrupt = envelope.ErrCorrupt
	// ErrEmpty: no rows.
	ErrEmpty = errors.New("no rows")
)

// CellError ties an error to a row and, when Col >= 0, a column (both 0-based).
type CellError struct {
	Row, Col int
	Err      error
}

func (e *CellError) Error() string {
	if e.Col < 0 {
		return fmt.Sprintf("predict: row %d: %v", e.Row, e.Err)
	}
	return fmt.Sprintf("predict: row %d, column %d: %v", e.Row, e.Col, e.Err)
}

func (e *CellError) Unwrap() error { return e.Err }
