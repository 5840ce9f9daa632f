package scoring

import "errors"

var (
	// ErrCounts: the combined row counts do not balance (a row lost or
	// counted twice).
	ErrCounts = errors.New("scoring: row counts do not balance")
	// ErrRejectRate: more rows were rejected than Config.MaxRejectRate
	// allows (batch.ErrRejectRate for the whole job).
	ErrRejectRate = errors.New("scoring: reject rate over the limit")
	// ErrConfig: a Config field is invalid.
	ErrConfig = errors.New("scoring: invalid configuration")
	// ErrOutputExists: the output folder holds files and Config.Overwrite
	// is not set.
	ErrOutputExists = errors.New("scoring: output folder not empty")
	// ErrInjected is the failure Config.FailOnce injects.
	ErrInjected = errors.New("scoring: injected failure")
)
