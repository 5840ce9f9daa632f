package cluster

import (
	"context"
	"math"

	"github.com/segmenta/segmenta/internal/kernel"
	"github.com/segmenta/segmenta/internal/parallel"
)

// hcWardState holds the active clusters of the centroid Ward algorithm in
// compact slots, so a nearest-neighbour search is one contiguous scan:
// slot p has centroid cent[p*d:(p+1)*d], size size[p] and cluster id id[p];
// pos maps an id back to its slot.
type hcWardState struct {
	d    int
	m    int // active slots
	cent []float64
	size []float64
	id   []int32
	pos  []int32
	// smin is the smallest initial size: no active size is below it, and
	// the Ward weight 2 nx ni / (nx + ni) grows with ni, so 2 nx smin /
	// (nx + smin) bounds the weight of every candidate from below.
	smin float64
	buf  []float64 // per-chunk distance scratch for scanBlocks; nil without a vector kernel
}

// hcWardNNChain computes Ward linkage from the points (row-major n x d,
// overwritten with centroids) and their initial sizes, with the
// nearest-neighbour chain on centroids (Murtagh 1983; Müllner 2011, section
// 3.3 and fastcluster's vector Ward): the Ward distance between clusters A
// and B is sqrt(2|A||B|/(|A|+|B|)) ||c_A - c_B||, which equals the
// Lance-Williams Ward distance scipy computes on the Euclidean distance
// matrix. Memory O(n d), time O(n^2 d) in the worst case.
func hcWardNNChain(ctx context.Context, X []float64, n, d int, size []float64, progress func(int)) ([]Merge, error) {
	s := &hcWardState{d: d, m: n, cent: X, size: size, id: make([]int32, n), pos: make([]int32, n), smin: hcInf}
	if kernel.HasAVX {
		s.buf = make([]float64, (n+hcChunk-1)/hcChunk*hcChunk)
	}
	for i := range n {
		s.id[i] = int32(i)
		s.pos[i] = int32(i)
		s.smin = min(s.smin, size[i])
	}
	chain := make([]int, 0, 16)
	merges := make([]Merge, 0, n-1)
	bests := make([]hcBest, (n+hcChunk-1)/hcChunk)
	lowest := 0 // smallest active id: ids only ever leave the active set
	for k := 0; k < n-1; k++ {
		if k&31 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if len(chain) == 0 {
			for s.pos[lowest] < 0 {
				lowest++
			}
			chain = append(chain, lowest)
		}
		var x, y int
		var v float64
		chain, x, y, v = hcChainPair(chain, func(x, prev int) hcBest { return s.nearest(x, prev, bests) })
		merges = append(merges, Merge{A: x, B: y, Height: math.Sqrt(v), Size: s.merge(x, y)})
		if progress != nil {
			progress(k + 1)
		}
	}
	return merges, nil
}

// hcWardSerialBelow is the number of active clusters below which a
// nearest-neighbour search runs on one goroutine.
const hcWardSerialBelow = 8192

// merge replaces clusters x and y by their union, which keeps y's id and
// takes y's slot (its centroid the size-weighted mean of both), and drops
// x's slot. It returns the union's size.
func (s *hcWardState) merge(x, y int) float64 {
	d := s.d
	px, py := int(s.pos[x]), int(s.pos[y])
	nx, ny := s.size[px], s.size[py]
	cx, cy := s.cent[px*d:px*d+d], s.cent[py*d:py*d+d]
	t := nx + ny
	for j := range cy {
		cy[j] = (nx*cx[j] + ny*cy[j]) / t
	}
	s.size[py] = t
	s.remove(px)
	return t
}

// remove drops slot p, moving the last slot into it, so that the active
// slots stay [0, m) and pos stays the inverse of id on them.
func (s *hcWardState) remove(p int) {
	last := s.m - 1
	s.pos[s.id[p]] = -1
	if p != last {
		d := s.d
		copy(s.cent[p*d:p*d+d], s.cent[last*d:last*d+d])
		s.size[p] = s.size[last]
		s.id[p] = s.id[last]
		s.pos[s.id[p]] = int32(p)
	}
	s.m--
}

// The nearest-neighbour search of the chain is one skeleton in four steps:
//
//  1. query: the centroid and size of x, the Ward-weight lower bound and the
//     starting best (the previous chain element, which wins ties);
//  2. scanner: the distance code for this CPU (a vector kernel or a Go
//     loop, for any d, giving the same sums, see below);
//  3. a parallel scan over fixed chunks of the active slots, skipping x's
//     own slot, each chunk writing its own best;
//  4. hcReduce over the chunk bests in chunk order.
//
// Invariants the steps rely on:
//   - every squared distance is summed as kernel.SqDist sums it (lane k
//     takes coordinates k, k+4, ...; then (s0+s1)+(s2+s3)), whichever
//     of the two computes it, so the merge list does not depend on the CPU;
//   - a candidate's Ward distance is wardWeight(nx, ni)*sq with
//     wardWeight >= q.wlow and sq >= any partial sum of its terms, so a
//     candidate whose wlow*partial already exceeds the best is never the
//     nearest;
//   - hcBetter orders equal distances independently of the scan order, so
//     the chunking (and GOMAXPROCS) does not change the result.

// wardQuery is one nearest-neighbour search: the cluster x in slot px, its
// centroid and size, the lower bound of the Ward weight of every candidate,
// and the previous chain element.
type wardQuery struct {
	px   int
	cx   []float64
	nx   float64
	wlow float64
	prev int
}

// wardScan searches slots [lo, hi) (x's slot excluded) for a candidate
// better than b; buf is the chunk's distance scratch (nil for the portable
// scanners).
type wardScan func(q *wardQuery, lo, hi int, b hcBest, buf []float64) hcBest

// wardWeight is the Ward weight 2 nx ni / (nx + ni): the squared Ward
// distance of two clusters is it times their squared centroid distance. It
// grows with ni, so the smallest size bounds it from below.
func wardWeight(nx, ni float64) float64 { return 2 * nx * ni / (nx + ni) }

// nearest returns the active cluster with the smallest squared Ward
// distance to x, ties broken by hcBetter.
func (s *hcWardState) nearest(x, prev int, bests []hcBest) hcBest {
	q, init := s.query(x, prev)
	scan := s.scanner()
	chunk := hcChunk
	if s.m < hcWardSerialBelow {
		// One chunk: waking a second thread costs more than it saves on
		// short scans (the result does not depend on the chunking).
		chunk = s.m
	}
	parallel.For(s.m, chunk, func(c, lo, hi int) {
		bests[c] = s.scanChunk(scan, &q, lo, hi, init)
	})
	return hcReduce(bests[:parallel.Chunks(s.m, chunk)], prev)
}

// query sets up the search for x's nearest neighbour. The starting best is
// the previous chain element (scipy's nn_chain starts there too), or none.
func (s *hcWardState) query(x, prev int) (wardQuery, hcBest) {
	d := s.d
	px := int(s.pos[x])
	q := wardQuery{px: px, cx: s.cent[px*d : px*d+d], nx: s.size[px], prev: prev}
	// No active size is below smin, so no weight is below this; shrunk a
	// little against rounding.
	q.wlow = wardWeight(q.nx, s.smin) * (1 - 1e-12)
	init := hcBest{id: -1, v: hcInf}
	if prev >= 0 {
		pp := int(s.pos[prev])
		init = hcBest{id: prev, v: wardWeight(q.nx, s.size[pp]) * kernel.SqDist(q.cx, s.cent[pp*d:pp*d+d])}
	}
	return q, init
}

// scanner picks the distance code: the vector kernel where the CPU has
// one, for any number of columns, else the Go loop. Both give the same sums.
func (s *hcWardState) scanner() wardScan {
	if kernel.HasAVX {
		return s.scanBlocks
	}
	return s.scan
}

// scanChunk runs scan over the chunk [lo, hi) without x's own slot, splitting
// the chunk around it rather than testing every candidate.
func (s *hcWardState) scanChunk(scan wardScan, q *wardQuery, lo, hi int, b hcBest) hcBest {
	var buf []float64
	if s.buf != nil {
		buf = s.buf[lo/hcChunk*hcChunk:][:hcChunk]
	}
	switch px := q.px; {
	case lo < px && px < hi:
		b = scan(q, lo, px, b, buf)
		return scan(q, px+1, hi, b, buf)
	case px == lo:
		lo++
	}
	return scan(q, lo, hi, b, buf)
}

// wardOffer returns the better of the best so far b and the candidate id
// at squared Ward distance v <= b.v (the scan loops test that first, so the
// call is rare): a smaller distance wins, an exact tie goes by hcBetter.
func wardOffer(b hcBest, v float64, id, prev int) hcBest {
	if v < b.v || hcBetter(v, id, b, prev) {
		return hcBest{id: id, v: v}
	}
	return b
}

// scan searches slots [lo, hi). It sums squared coordinate differences in
// four interleaved accumulators and, after three quarters of the
// coordinates, skips a candidate whose partial distance times the weight
// bound already exceeds the best so far (partial sums of non-negative terms
// only grow, also in floating point). One test late beats several early
// ones: measured on ward20k, a test after 4 of 16 coordinates is taken half
// of the time and its branch mispredictions doubled the run time, a test
// after 12 (taken about 90% of the time) was the fastest.
func (s *hcWardState) scan(q *wardQuery, lo, hi int, b hcBest, _ []float64) hcBest {
	d := s.d
	half := (3 * d / 4) &^ 3
	cx, nx, wlow, prev := q.cx, q.nx, q.wlow, q.prev
	cent, size, ids := s.cent, s.size, s.id
	for p := lo; p < hi; p++ {
		ci := cent[p*d : p*d+d : p*d+d]
		var s0, s1, s2, s3 float64
		j := 0
		for ; j < half; j += 4 {
			t0, t1, t2, t3 := cx[j]-ci[j], cx[j+1]-ci[j+1], cx[j+2]-ci[j+2], cx[j+3]-ci[j+3]
			s0 += t0 * t0
			s1 += t1 * t1
			s2 += t2 * t2
			s3 += t3 * t3
		}
		if half > 0 && wlow*((s0+s1)+(s2+s3)) > b.v {
			continue
		}
		for ; j+4 <= d; j += 4 {
			t0, t1, t2, t3 := cx[j]-ci[j], cx[j+1]-ci[j+1], cx[j+2]-ci[j+2], cx[j+3]-ci[j+3]
			s0 += t0 * t0
			s1 += t1 * t1
			s2 += t2 * t2
			s3 += t3 * t3
		}
		for ; j < d; j++ {
			t := cx[j] - ci[j]
			s0 += t * t
		}
		if v := wardWeight(nx, size[p]) * ((s0 + s1) + (s2 + s3)); v <= b.v {
			b = wardOffer(b, v, int(ids[p]), prev)
		}
	}
	return b
}

// scanBlocks is scan with the distances computed len(buf) candidates at a
// time by the vector kernel (kernel.SqDists, summing as kernel.SqDist),
// then bounded, weighted and compared.
func (s *hcWardState) scanBlocks(q *wardQuery, lo, hi int, b hcBest, buf []float64) hcBest {
	d, cx, nx, wlow, prev := s.d, q.cx, q.nx, q.wlow, q.prev
	cent, size, ids := s.cent, s.size, s.id
	for lo < hi {
		m := min(hi-lo, len(buf))
		out := buf[:m]
		kernel.SqDists(cx, cent[lo*d:(lo+m)*d], out)
		for k, sq := range out {
			if wlow*sq > b.v {
				continue
			}
			if v := wardWeight(nx, size[lo+k]) * sq; v <= b.v {
				b = wardOffer(b, v, int(ids[lo+k]), prev)
			}
		}
		lo += m
	}
	return b
}
