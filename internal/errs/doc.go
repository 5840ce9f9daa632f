// Package errs defines the positional error types and the sentinel errors
// that several segmenta packages report, once, the way encoding/csv has one
// ParseError.
//
// The public packages re-export them: dataset.RowError and
// dataset.ColumnError are aliases of RowError and ColumnError, and
// dataset.ErrNonFinite, cluster.ErrNonFinite, predict.ErrNonFinite (and so
// on) are the same value, so errors.Is and errors.As give the same answer
// whichever package reported the error. cluster and predict sit beside
// dataset, not above it, which is why the definitions live here.
package errs
