package dataset

import (
	"context"
	"errors"
	"io"
)

// Limits on one CSV record, so that a hostile or broken input (a line
// without end, a gzip bomb holding one huge record, a header of a million
// names) fails early with a clear error instead of growing memory without
// bound.
const (
	// DefaultMaxRecordBytes is the CSVOptions.MaxRecordBytes default: 4 MiB,
	// over a hundred times the longest rows of real account tables (a
	// few hundred columns of short values) and room for a header of 65,536
	// names of 60 bytes; the reader's buffer stays below twice the limit.
	DefaultMaxRecordBytes = 4 << 20
	// DefaultMaxColumns is the CSVOptions.MaxColumns default: 65,536, four
	// times the widest spreadsheet (16,384 columns in Excel and LibreOffice
	// Calc), which keeps the per-column state of a header bounded.
	DefaultMaxColumns = 1 << 16
)

var (
	// ErrRecordTooLong: a record (a line, or a quoted field spanning
	// lines) is longer than CSVOptions.MaxRecordBytes. Reading stops: the
	// end of such a record cannot be found within the limit.
	ErrRecordTooLong = errors.New("record too long")
	// ErrTooManyColumns: a record has more fields than
	// CSVOptions.MaxColumns. In the header it stops reading; in a data row
	// it is a bad row like ErrRagged.
	ErrTooManyColumns = errors.New("too many fields")
)

// fatalRow reports a row error after which reading cannot go on, even in
// Rejects mode.
func fatalRow(err error) bool { return errors.Is(err, ErrRecordTooLong) }

// limit returns v, or def when v is zero, or no limit (the largest int)
// when v is negative.
func limit(v, def int) int {
	switch {
	case v == 0:
		return def
	case v < 0:
		return int(^uint(0) >> 2)
	}
	return v
}

// ctxReader makes reads of r return the context's error as soon as ctx is
// done, even while a read is blocked (a slow standard input, a stalled
// pipe): each read runs in a goroutine into a buffer of its own, so one
// abandoned by cancellation never writes into the caller's memory.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
	res chan readResult
	buf []byte
	err error
}

type readResult struct {
	n   int
	err error
}

// NewContextReader returns a reader of r whose reads end with the
// context's error (its cause) as soon as ctx is done, even while a read of
// r is blocked: a job reading a slow standard input or a stalled pipe can
// then be interrupted. Each read runs in a goroutine into a buffer of its
// own, so data is copied once more; a read abandoned by cancellation ends
// whenever r returns. With a context that is never done, r is returned.
func NewContextReader(ctx context.Context, r io.Reader) io.Reader {
	return newCtxReader(ctx, r)
}

func newCtxReader(ctx context.Context, r io.Reader) io.Reader {
	if ctx.Done() == nil {
		return r
	}
	return &ctxReader{ctx: ctx, r: r, res: make(chan readResult, 1)}
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if err := c.ctx.Err(); err != nil {
		c.err = context.Cause(c.ctx)
		return 0, c.err
	}
	if cap(c.buf) < len(p) {
		c.buf = make([]byte, len(p))
	}
	buf := c.buf[:len(p)]
	go func() {
		n, err := c.r.Read(buf)
		c.res <- readResult{n, err}
	}()
	select {
	case r := <-c.res:
		n := copy(p, c.buf[:r.n])
		return n, r.err
	case <-c.ctx.Done():
		// The read in flight is abandoned with its buffer.
		c.buf, c.err = nil, context.Cause(c.ctx)
		return 0, c.err
	}
}
