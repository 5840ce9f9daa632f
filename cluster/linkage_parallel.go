package cluster

// hcChunk is the fixed unit of parallel work in the hierarchical algorithms.
// Chunk boundaries never depend on the number of workers, and every
// reduction over chunks is order-independent (ties broken by index), so the
// results are identical for any GOMAXPROCS (see internal/parallel).
const hcChunk = 2048

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
