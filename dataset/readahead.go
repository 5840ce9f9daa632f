package dataset

import (
	"io"
	"sync"
)

// readAhead decompresses (or reads) in a goroutine of its own, a few chunks
// ahead of the parser, so that gzip inflation and CSV parsing overlap on two
// cores. The bytes and their order are those of the underlying reader.
type readAhead struct {
	ch     chan chunk
	free   chan []byte
	done   chan struct{}
	exited chan struct{}
	once   sync.Once
	cur    []byte
	last   []byte
	err    error
}

type chunk struct {
	b   []byte
	err error
}

func newReadAhead(r io.Reader, size, n int) *readAhead {
	ra := &readAhead{ch: make(chan chunk, n), free: make(chan []byte, n+1),
		done: make(chan struct{}), exited: make(chan struct{})}
	for i := 0; i < n+1; i++ {
		ra.free <- make([]byte, size)
	}
	go ra.loop(r)
	return ra
}

func (ra *readAhead) loop(r io.Reader) {
	defer close(ra.exited)
	for {
		var buf []byte
		select {
		case buf = <-ra.free:
		case <-ra.done:
			return
		}
		n := 0
		var err error
		for n < len(buf) && err == nil {
			var k int
			k, err = r.Read(buf[n:])
			n += k
		}
		select {
		case ra.ch <- chunk{buf[:n], err}:
		case <-ra.done:
			return
		}
		if err != nil {
			return
		}
	}
}

func (ra *readAhead) Read(p []byte) (int, error) {
	for len(ra.cur) == 0 {
		if ra.last != nil {
			ra.free <- ra.last[:cap(ra.last)]
			ra.last = nil
		}
		if ra.err != nil {
			return 0, ra.err
		}
		c := <-ra.ch
		ra.cur, ra.last, ra.err = c.b, c.b, c.err
	}
	n := copy(p, ra.cur)
	ra.cur = ra.cur[n:]
	return n, nil
}

// Close stops the goroutine and waits for it, so that the underlying reader
// can be closed safely afterwards.
func (ra *readAhead) Close() error {
	ra.once.Do(func() { close(ra.done) })
	<-ra.exited
	return nil
}
