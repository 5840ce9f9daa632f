package cluster

import (
	"errors"

	"github.com/segmenta/segmenta/internal/envelope"
	"github.com/segmenta/segmenta/internal/errs"
)

// Errors reported by the k-means family, the quality metrics and model
// loading. They are wrapped with the row, column or field they concern: test
// them with errors.Is, and locate a bad value with errors.As for a
// *dataset.ColumnError (Row, and Column the 0-based column index in
// decimal). ErrEmptyInput, ErrNonFinite, ErrWeights, ErrDimension and
// ErrConfig are the values dataset and predict report for the same
// conditions.
var (
	// ErrInvalidK: the number of clusters is < 1 or larger than the number
	// of rows.
	ErrInvalidK = errors.New("cluster: invalid number of clusters")
	// ErrEmptyInput: the matrix has no rows or no columns.
	ErrEmptyInput = errs.ErrEmpty
	// ErrNonFinite: the input holds NaN or ±Inf.
	ErrNonFinite = errs.ErrNonFinite
	// ErrTooFewDistinct: the rows with positive weight hold fewer distinct
	// points than clusters requested, so k distinct centroids cannot exist.
	ErrTooFewDistinct = errors.New("cluster: fewer distinct points than clusters")
	// ErrWeights: sample weights of the wrong length, negative, non-finite
	// or all zero.
	ErrWeights = errs.ErrWeights
	// ErrDimension: a matrix or label slice does not have the expected
	// shape (for example Predict on a matrix with a different number of
	// columns than the training data).
	ErrDimension = errs.ErrDimension
	// ErrConfig: a configuration field holds an invalid value.
	ErrConfig = errs.ErrConfig
	// ErrLabels: cluster labels unusable for a metric (negative labels,
	// fewer than two clusters, as many clusters as points).
	ErrLabels = errors.New("cluster: invalid labels")
	// ErrModelFormat: a saved model is truncated, tampered with, of another
	// format or of an unsupported version. Every load failure matches it;
	// ErrVersion and ErrCorrupt tell the causes apart.
	ErrModelFormat = envelope.ErrFormat
	// ErrVersion: a saved model of a format version this library does not
	// read.
	ErrVersion = envelope.ErrVersion
	// ErrCorrupt: a saved model that is truncated, edited (checksum
	// mismatch) or inconsistent.
	ErrCorrupt = envelope.ErrCorrupt
)
