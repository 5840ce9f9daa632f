package synth

import (
	"io"
	"runtime"
	"sync"
)

// Accounts one worker formats at a time. Chunks are fixed, so the output
// never depends on the number of workers.
const (
	chunkAccounts = 2048
	chunkEvents   = 256 // accounts whose event logs make one chunk
)

// fillFunc appends the CSV records of accounts [lo, hi) to buf.
type fillFunc func(gen *generator, lo, hi int, buf []byte) []byte

// writeChunked writes header then the records of accounts 0..n-1, formatted
// in parallel chunks and written in order. Because every account has its
// own random stream, the bytes are the same for any number of workers;
// memory is bounded by the chunks in flight (two buffers per worker).
func writeChunked(w io.Writer, s settings, chunkRows int, header []byte, fill fillFunc) error {
	if _, err := w.Write(header); err != nil {
		return err
	}
	newWorker := func() func(lo, hi int, buf []byte) []byte {
		gen := newGenerator(s)
		return func(lo, hi int, buf []byte) []byte { return fill(gen, lo, hi, buf[:0]) }
	}
	return orderedChunks(s.n, chunkRows, newWorker, func(buf []byte) error {
		_, err := w.Write(buf)
		return err
	})
}

// orderedChunks fills the chunks of rows [0, n), chunkRows rows each, on
// up to GOMAXPROCS workers (each with the state newWorker makes) and emits
// them in chunk order. A worker's buffers are handed back to it once
// emitted, so at most two chunks per worker are alive at a time. B is the
// buffer type: one []byte for a single file, or one per file.
func orderedChunks[B any](n, chunkRows int, newWorker func() func(lo, hi int, buf B) B, emit func(B) error) error {
	nChunks := (n + chunkRows - 1) / chunkRows
	workers := min(runtime.GOMAXPROCS(0), nChunks)
	if workers <= 1 {
		fill := newWorker()
		var buf B
		for c := 0; c < nChunks; c++ {
			buf = fill(c*chunkRows, min(n, (c+1)*chunkRows), buf)
			if err := emit(buf); err != nil {
				return err
			}
		}
		return nil
	}

	done := make(chan struct{})
	out := make([]chan B, workers)  // filled chunks, in chunk order per worker
	free := make([]chan B, workers) // buffers handed back to their worker
	var wg sync.WaitGroup
	for k := range workers {
		out[k] = make(chan B, 1)
		free[k] = make(chan B, 2)
		var zero B
		free[k] <- zero
		free[k] <- zero
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			defer close(out[k])
			fill := newWorker()
			for c := k; c < nChunks; c += workers {
				var buf B
				select {
				case buf = <-free[k]:
				case <-done:
					return
				}
				buf = fill(c*chunkRows, min(n, (c+1)*chunkRows), buf)
				select {
				case out[k] <- buf:
				case <-done:
					return
				}
			}
		}(k)
	}
	var err error
	for c := 0; c < nChunks; c++ {
		k := c % workers
		buf := <-out[k]
		if err = emit(buf); err != nil {
			break
		}
		free[k] <- buf
	}
	close(done)
	wg.Wait()
	return err
}
