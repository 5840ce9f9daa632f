package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// Chunks returns the number of chunks of size chunk that cover [0, n).
func Chunks(n, chunk int) int { return (n + chunk - 1) / chunk }

// For calls fn(c, lo, hi) once for every chunk c = [lo, hi) of [0, n),
// where lo = c*chunk and hi = min(n, lo+chunk), on up to GOMAXPROCS
// goroutines, and returns when every call has returned. The caller's
// goroutine is one of the workers; with a single chunk or GOMAXPROCS=1 the
// chunks run on it in order and no goroutine is started.
//
// Chunks are handed out in index order but may run concurrently and finish
// in any order, so fn must write only storage owned by chunk c.
func For(n, chunk int, fn func(c, lo, hi int)) {
	nc := Chunks(n, chunk)
	workers := min(runtime.GOMAXPROCS(0), nc)
	if workers <= 1 {
		for c := 0; c < nc; c++ {
			fn(c, c*chunk, min(n, (c+1)*chunk))
		}
		return
	}
	var next atomic.Int64
	work := func() {
		for {
			c := int(next.Add(1) - 1)
			if c >= nc {
				return
			}
			fn(c, c*chunk, min(n, (c+1)*chunk))
		}
	}
	var wg sync.WaitGroup
	wg.Add(workers - 1)
	for w := 1; w < workers; w++ {
		go func() {
			defer wg.Done()
			work()
		}()
	}
	work()
	wg.Wait()
}
