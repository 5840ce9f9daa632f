package batch

import "errors"

// Errors reported by this package, wrapped with the columns or counts they
// concern; test with errors.Is. The root package segmenta re-exports them
// under the same names.
var (
	// ErrMissingColumn: an input column the model needs is absent at
	// scoring time. Scoring fails before any output is produced.
	ErrMissingColumn = errors.New("input column required by the model is missing")
	// ErrRejectRate: more rows were rejected than Options.MaxRejectRate
	// allows.
	ErrRejectRate = errors.New("reject rate above the allowed maximum")
	// ErrParts: the parts given to New are missing or do not fit together.
	ErrParts = errors.New("model parts do not fit together")
	// ErrShard: a shard is not "i/n" with 0 <= i < n.
	ErrShard = errors.New("invalid shard")
	// ErrKeep: a column to pass through to the output (CSVOptions.Keep)
	// would repeat a column of the output.
	ErrKeep = errors.New("kept column repeats an output column")
)
