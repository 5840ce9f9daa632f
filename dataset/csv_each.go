package dataset

import (
	"errors"
	"io"
)

// EachBatch calls fn with each remaining batch of up to n rows (n <= 0:
// DefaultBatchRows), in input order, and returns nil at the end of the
// input, or the first error of reading or of fn. fn may keep a batch, or
// hand it back with Recycle once done with it.
func (cr *CSVReader) EachBatch(n int, fn func(*Batch) error) error {
	for {
		b, err := cr.Next(n)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(b); err != nil {
			return err
		}
	}
}
