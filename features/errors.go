package features

import (
	"errors"

	"github.com/segmenta/segmenta/internal/envelope"
)

// Errors reported by this package. They are wrapped with the column, row or
// field they concern (often in a *dataset.ColumnError); test with errors.Is.
// Errors from the dataset package (dataset.ErrColumnNotFound,
// dataset.ErrKind, dataset.ErrNonFinite, dataset.ErrEmpty) are reused where
// they fit.
var (
	// ErrPersonalData: a column that looks like personal data (a name, an
	// e-mail, a phone number, an address, an identifier...), by its name or
	// its values, was asked for as a feature and is not listed in
	// Spec.AllowPersonal. The error is a *PrivacyError inside a
	// *dataset.ColumnError.
	ErrPersonalData = errors.New("column looks like personal data; list it in AllowPersonal to use it")
	// ErrProtected: a column that is a protected attribute (gender, age,
	// nationality, religion, ethnic origin...) or a proxy for one
	// (salutation, birth date) was asked for as a feature and is not listed
	// in Spec.AllowPersonal. Errors that match it match ErrPersonalData too.
	ErrProtected = errors.New("column is a protected attribute or a proxy for one; list it in AllowPersonal to use it")
	// ErrSpec: the Spec is invalid (unknown role or option, contradictory
	// options, duplicate names).
	ErrSpec = errors.New("invalid feature spec")
	// ErrAllMissing: a feature column has no observed value at Fit.
	ErrAllMissing = errors.New("column has no observed value")
	// ErrMissingValue: a value is missing in a column whose Impute is "none".
	ErrMissingValue = errors.New("missing value in a column without imputation")
	// ErrFormat: the input is not a segmenta.features pipeline file.
	ErrFormat = envelope.ErrFormat
	// ErrVersion: the pipeline file was written by a newer version.
	ErrVersion = envelope.ErrVersion
	// ErrCorrupt: the pipeline file is truncated or inconsistent
	// (dimensions, non-finite numbers, hash mismatch).
	ErrCorrupt = envelope.ErrCorrupt
	// ErrAggregation: an Aggregation is misconfigured (no cutoff, bad
	// windows, contradictory amount columns).
	ErrAggregation = errors.New("invalid aggregation")
)
