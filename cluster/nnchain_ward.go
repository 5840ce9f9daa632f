package cluster

import (
	"context"
	"math"

	"github.com/segmenta/segmenta/internal/parallel"

	"github.com/segmenta/segmenta/internal/kernel"
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
	buf  []float64 // per-chunk distance scratch for scan16AVX
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
	if d%4 == 0 && kernel.HasAVX {
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
		for {
			x = chain[len(chain)-1]
			prev := -1
			if len(chain) > 1 {
				prev = chain[len(chain)-2]
			}
			b := s.nearest(x, prev, bests)
			y, v = b.id, b.v
			if y == prev {
				break
			}
			chain = append(chain, y)
		}
		chain = chain[:len(chain)-2]
		if x > y {
			x, y = y, x
		}
		px, py := int(s.pos[x]), int(s.pos[y])
		nx, ny := s.size[px], s.size[py]
		merges = append(merges, Merge{A: x, B: y, Height: math.Sqrt(v), Size: nx + ny})
		// The union takes y's slot; x's slot is filled by the last one.
		cx, cy := s.cent[px*d:px*d+d], s.cent[py*d:py*d+d]
		t := nx + ny
		for j := range cy {
			cy[j] = (nx*cx[j] + ny*cy[j]) / t
		}
		s.size[py] = t
		s.remove(px)
		if progress != nil {
			progress(k + 1)
		}
	}
	return merges, nil
}

// hcWardSerialBelow is the number of active clusters below which a
// nearest-neighbour search runs on one goroutine.
const hcWardSerialBelow = 8192

// remove drops slot p, moving the last slot into it.
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

// nearest returns the active cluster with the smallest squared Ward
// distance to x, ties broken by hcBetter.
func (s *hcWardState) nearest(x, prev int, bests []hcBest) hcBest {
	d := s.d
	px := int(s.pos[x])
	cx := s.cent[px*d : px*d+d]
	nx := s.size[px]
	init := hcBest{id: -1, v: hcInf}
	if prev >= 0 {
		pp := int(s.pos[prev])
		ni := s.size[pp]
		init = hcBest{id: prev, v: 2 * nx * ni / (nx + ni) * kernel.SqDist(cx, s.cent[pp*d:pp*d+d])}
	}
	// Weight lower bound, shrunk a little against rounding.
	wlow := 2 * nx * s.smin / (nx + s.smin) * (1 - 1e-12)
	nc := (s.m + hcChunk - 1) / hcChunk
	scan := s.scan
	switch {
	case d == 16 && kernel.HasAVX:
		scan = func(cx []float64, nx float64, lo, hi int, wlow float64, b hcBest, prev int) hcBest {
			return s.scan16AVX(cx, nx, lo, hi, wlow, b, prev, s.buf[lo/hcChunk*hcChunk:][:hcChunk])
		}
	case d == 16:
		scan = s.scan16
	case d%4 == 0 && kernel.HasAVX:
		scan = func(cx []float64, nx float64, lo, hi int, wlow float64, b hcBest, prev int) hcBest {
			return s.scanAVX(cx, nx, lo, hi, wlow, b, prev, s.buf[lo/hcChunk*hcChunk:][:hcChunk])
		}
	}
	chunk := hcChunk
	if s.m < hcWardSerialBelow {
		// One chunk: waking a second thread costs more than it saves on
		// short scans (the result does not depend on the chunking).
		chunk = s.m
	}
	nc = (s.m + chunk - 1) / chunk
	parallel.For(s.m, chunk, func(c, lo, hi int) {
		b := init
		if lo < px && px < hi { // skip x's own slot without a test per candidate
			b = scan(cx, nx, lo, px, wlow, b, prev)
			bests[c] = scan(cx, nx, px+1, hi, wlow, b, prev)
			return
		}
		if px == lo {
			lo++
		} else if px == hi-1 {
			hi--
		}
		bests[c] = scan(cx, nx, lo, hi, wlow, b, prev)
	})
	return hcReduce(bests[:nc], prev)
}

// scan searches slots [lo, hi). It sums squared coordinate differences in
// four interleaved accumulators and, after three quarters of the
// coordinates, skips a candidate whose partial distance times the weight
// bound already exceeds the best so far (partial sums of non-negative terms
// only grow, also in floating point). One test late beats several early
// ones: measured on ward20k, a test after 4 of 16 coordinates is taken half
// of the time and its branch mispredictions doubled the run time, a test
// after 12 (taken about 90% of the time) was the fastest.
func (s *hcWardState) scan(cx []float64, nx float64, lo, hi int, wlow float64, b hcBest, prev int) hcBest {
	d := s.d
	half := (3 * d / 4) &^ 3
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
		ni := size[p]
		v := 2 * nx * ni / (nx + ni) * ((s0 + s1) + (s2 + s3))
		if v < b.v || (v == b.v && hcBetter(v, int(ids[p]), b, prev)) {
			b = hcBest{id: int(ids[p]), v: v}
		}
	}
	return b
}

// scan16 is scan unrolled for 16 coordinates, with constant indices so
// that the compiler drops the bounds checks; it sums in the same order.
func (s *hcWardState) scan16(cx []float64, nx float64, lo, hi int, wlow float64, b hcBest, prev int) hcBest {
	x := (*[16]float64)(cx)
	cent, size, ids := s.cent, s.size, s.id
	for p := lo; p < hi; p++ {
		c := (*[16]float64)(cent[p*16 : p*16+16])
		t0, t1, t2, t3 := x[0]-c[0], x[1]-c[1], x[2]-c[2], x[3]-c[3]
		s0, s1, s2, s3 := t0*t0, t1*t1, t2*t2, t3*t3
		t0, t1, t2, t3 = x[4]-c[4], x[5]-c[5], x[6]-c[6], x[7]-c[7]
		s0 += t0 * t0
		s1 += t1 * t1
		s2 += t2 * t2
		s3 += t3 * t3
		t0, t1, t2, t3 = x[8]-c[8], x[9]-c[9], x[10]-c[10], x[11]-c[11]
		s0 += t0 * t0
		s1 += t1 * t1
		s2 += t2 * t2
		s3 += t3 * t3
		if wlow*((s0+s1)+(s2+s3)) > b.v {
			continue
		}
		t0, t1, t2, t3 = x[12]-c[12], x[13]-c[13], x[14]-c[14], x[15]-c[15]
		s0 += t0 * t0
		s1 += t1 * t1
		s2 += t2 * t2
		s3 += t3 * t3
		ni := size[p]
		v := 2 * nx * ni / (nx + ni) * ((s0 + s1) + (s2 + s3))
		if v < b.v || (v == b.v && hcBetter(v, int(ids[p]), b, prev)) {
			b = hcBest{id: int(ids[p]), v: v}
		}
	}
	return b
}

// scanAVX is scan with the distances computed a block at a time by the
// vector kernel (any number of columns that is a multiple of 4), then
// weighted and compared.
func (s *hcWardState) scanAVX(cx []float64, nx float64, lo, hi int, wlow float64, b hcBest, prev int, buf []float64) hcBest {
	d := s.d
	size, ids := s.size, s.id
	for lo < hi {
		m := min(hi-lo, len(buf))
		out := buf[:m]
		kernel.SqDists(cx, s.cent[lo*d:(lo+m)*d], out)
		for q, sq := range out {
			if wlow*sq > b.v {
				continue
			}
			p := lo + q
			ni := size[p]
			v := 2 * nx * ni / (nx + ni) * sq
			if v < b.v || (v == b.v && hcBetter(v, int(ids[p]), b, prev)) {
				b = hcBest{id: int(ids[p]), v: v}
			}
		}
		lo += m
	}
	return b
}

// scan16AVX is scan16 with the distances computed a block at a time by
// the vector kernel (bit-identical sums), then weighted and compared.
func (s *hcWardState) scan16AVX(cx []float64, nx float64, lo, hi int, wlow float64, b hcBest, prev int, buf []float64) hcBest {
	size, ids := s.size, s.id
	for lo < hi {
		m := min(hi-lo, len(buf))
		out := buf[:m]
		kernel.SqDist16(cx, s.cent[lo*16:(lo+m)*16], out)
		for q, sq := range out {
			if wlow*sq > b.v {
				continue
			}
			p := lo + q
			ni := size[p]
			v := 2 * nx * ni / (nx + ni) * sq
			if v < b.v || (v == b.v && hcBetter(v, int(ids[p]), b, prev)) {
				b = hcBest{id: int(ids[p]), v: v}
			}
		}
		lo += m
	}
	return b
}
