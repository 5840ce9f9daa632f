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
	nChunks := (s.n + chunkRows - 1) / chunkRows
	workers := min(runtime.GOMAXPROCS(0), nChunks)
	if workers <= 1 {
		gen := newGenerator(s)
		var buf []byte
		for c := 0; c < nChunks; c++ {
			buf = fill(gen, c*chunkRows, min(s.n, (c+1)*chunkRows), buf[:0])
			if _, err := w.Write(buf); err != nil {
				return err
			}
		}
		return nil
	}

	done := make(chan struct{})
	out := make([]chan []byte, workers)  // filled chunks, in chunk order per worker
	free := make([]chan []byte, workers) // buffers handed back to their worker
	var wg sync.WaitGroup
	for k := range workers {
		out[k] = make(chan []byte, 1)
		free[k] = make(chan []byte, 2)
		free[k] <- nil
		free[k] <- nil
		wg.Add(1)
		go func(k int) {
			defer wg.Done()
			defer close(out[k])
			gen := newGenerator(s)
			for c := k; c < nChunks; c += workers {
				var buf []byte
				select {
				case buf = <-free[k]:
				case <-done:
					return
				}
				buf = fill(gen, c*chunkRows, min(s.n, (c+1)*chunkRows), buf[:0])
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
		if _, err = w.Write(buf); err != nil {
			break
		}
		free[k] <- buf
	}
	close(done)
	wg.Wait()
	return err
}
