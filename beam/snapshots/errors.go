package snapshots

import "errors"

var (
	// ErrConfig: the job is misconfigured (no spec, no cutoff, no output,
	// a table given as a database query...).
	ErrConfig = errors.New("snapshots: invalid configuration")
	// ErrCounts: the summed counts do not balance (a row or an account
	// lost or counted twice); the job fails.
	ErrCounts = errors.New("snapshots: counts do not add up")
	// ErrOutputExists: the local output folder holds files.
	ErrOutputExists = errors.New("snapshots: output folder not empty")
)
