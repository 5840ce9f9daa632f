package predict

import (
	"errors"
	"fmt"

	"github.com/segmenta/segmenta/internal/envelope"
	"github.com/segmenta/segmenta/internal/errs"
)

// Errors reported by this package; test with errors.Is. They are wrapped with
// the row, column or field they concern, a bad value in a *dataset.ColumnError
// (Column the argument's name, such as "y", or a matrix column's index in
// decimal). ErrNonFinite, ErrDimension, ErrWeight, ErrConfig and ErrEmpty
// are the values dataset and cluster report for the same conditions.
var (
	// ErrSingleClass: the labels (with positive weight) hold one class only.
	ErrSingleClass = errors.New("labels hold a single class")
	// ErrLabel: a label is not 0 or 1.
	ErrLabel = errors.New("label is not 0 or 1")
	// ErrNonFinite: NaN or Inf in features, labels, weights or scores.
	ErrNonFinite = errs.ErrNonFinite
	// ErrDimension: lengths or matrix shapes do not match.
	ErrDimension = errs.ErrDimension
	// ErrWeight: a negative weight, or all weights zero.
	ErrWeight = errs.ErrWeights
	// ErrConfig: an invalid configuration field.
	ErrConfig = errs.ErrConfig
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
	ErrEmpty = errs.ErrEmpty
)

// colErr ties err to row i of the argument named arg.
func colErr(arg string, i int, err error) error {
	return fmt.Errorf("predict: %w", &errs.ColumnError{Column: arg, Row: i, Err: err})
}

// cellErr ties err to the value at row i, column j of a matrix.
func cellErr(i, j int, err error) error {
	return fmt.Errorf("predict: %w", errs.Cell(i, j, err))
}
