package envelope

import "errors"

// Errors of model-file loaders; loaders wrap them with the part of the file
// at fault.
var (
	// ErrFormat: the input is not a file of the expected format (not JSON,
	// another format name). The loaders of cluster and predict also wrap it
	// around every other load failure, as they always have.
	ErrFormat = errors.New("not a model file of the expected format")
	// ErrVersion: the file was written by a format version this library
	// does not read (a newer one).
	ErrVersion = errors.New("unsupported model file version")
	// ErrCorrupt: the file is truncated or inconsistent (invalid JSON after
	// a valid start, bad dimensions, non-finite numbers, checksum mismatch).
	ErrCorrupt = errors.New("corrupt model file")
)

// AsFormat returns err so that it also matches ErrFormat, its text
// unchanged. The loaders of cluster and predict document that every load
// failure matches ErrFormat; they report the cause (ErrVersion, ErrCorrupt)
// beside it through this wrapper.
func AsFormat(err error) error {
	if err == nil || errors.Is(err, ErrFormat) {
		return err
	}
	return formatError{err}
}

type formatError struct{ err error }

func (e formatError) Error() string        { return e.err.Error() }
func (e formatError) Unwrap() error        { return e.err }
func (e formatError) Is(target error) bool { return target == ErrFormat }
