package cluster

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// hcChunk is the fixed unit of parallel work in the hierarchical algorithms.
// Chunk boundaries never depend on the number of workers, and every
// reduction over chunks is order-independent (ties broken by index), so the
// results are identical for any GOMAXPROCS.
const hcChunk = 2048

// hcParallel calls fn(c, lo, hi) for every chunk c = [lo, hi) of [0, n),
// on up to GOMAXPROCS goroutines; small inputs run on the caller's goroutine.
func hcParallel(n, chunk int, fn func(c, lo, hi int)) {
	nc := (n + chunk - 1) / chunk
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
	work() // the caller is a worker too: one goroutine fewer to start
	wg.Wait()
}

// hcBest is a candidate nearest neighbour: its id and distance.
type hcBest struct {
	id int
	v  float64
}

// hcBetter reports whether (v, id) beats the current best b. Among equal
// distances the previous chain element wins, then the smallest id: this is
// the order in which scipy's nn_chain scans candidates (it starts from the
// previous element and only replaces it on a strictly smaller distance), and
// it does not depend on the scanning order, so chunks can be searched in
// parallel.
func hcBetter(v float64, id int, b hcBest, prev int) bool {
	if b.id < 0 {
		return true
	}
	if v != b.v {
		return v < b.v
	}
	if b.id == prev {
		return false
	}
	return id == prev || id < b.id
}

// hcReduce picks the best of the per-chunk winners.
func hcReduce(bs []hcBest, prev int) hcBest {
	best := hcBest{id: -1, v: hcInf}
	for _, b := range bs {
		if b.id >= 0 && (best.id < 0 || hcBetter(b.v, b.id, best, prev)) {
			best = b
		}
	}
	return best
}
