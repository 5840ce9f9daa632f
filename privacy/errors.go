package privacy

import "errors"

// Errors reported by this package, wrapped with the detail (the key's
// length, the path of the key file, the column and row of a consent
// value); test with errors.Is. No error holds a key or a value of a
// column.
var (
	// ErrKey: the pseudonymisation key is missing, shorter than
	// MinKeyLen, or a placeholder (fewer than MinKeyDistinct distinct
	// bytes).
	ErrKey = errors.New("invalid pseudonymisation key")
	// ErrPseudonymOptions: an unknown encoding or a length outside the
	// bounds of PseudonymOptions.
	ErrPseudonymOptions = errors.New("invalid pseudonym options")
)
