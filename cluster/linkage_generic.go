package cluster

import (
	"context"
	"sort"

	"github.com/segmenta/segmenta/internal/parallel"
)

// hcGeneric is Müllner's generic clustering algorithm (Müllner 2011,
// figure 3): every cluster keeps a candidate nearest neighbour among the
// clusters with a larger index and a lower bound of that distance in a
// priority queue; a candidate is re-searched only when it reaches the top
// stale. It works for any Lance-Williams method, in particular the
// non-reducible centroid and median linkages, on the condensed distance
// vector D (overwritten). Worst case O(n^3), usually close to O(n^2).
//
// Its searches read rows of D (contiguous) where the nearest-neighbour chain
// also reads columns (one cache miss per element), so it is the faster of
// the two on matrices far larger than the caches.
//
// With ids, merges come out in the order found with scipy's cluster ids
// (merge k creates cluster n+k) and without sorting, as scipy's
// fast_linkage returns them for centroid and median linkage, whose trees can
// have inversions. Without, they carry positions for hcFinish.
func hcGeneric[F hcFloat](ctx context.Context, D []F, n int, m hcMethod, size []float64, ids bool, progress func(int)) ([]Merge, error) {
	id := make([]int, n)
	active := make([]int32, n) // sorted
	for i := range id {
		id[i] = i
		active[i] = int32(i)
	}
	bests := make([]hcBest, (n+hcChunk-1)/hcChunk)
	// nearest searches the active clusters above x: the smallest distance,
	// the smallest index among equal ones (scipy's find_min_dist).
	nearest := func(x int) (int, float64) {
		p := sort.Search(len(active), func(i int) bool { return int(active[i]) > x })
		after := active[p:]
		base := n*x - x*(x+1)/2 - x - 1
		nc := (len(after) + hcChunk - 1) / hcChunk
		if nc == 0 {
			return -1, hcInf
		}
		parallel.For(len(after), hcChunk, func(c, lo, hi int) {
			b := hcBest{id: -1, v: hcInf}
			for _, a := range after[lo:hi] {
				if v := float64(D[base+int(a)]); v < b.v || b.id < 0 {
					b = hcBest{id: int(a), v: v}
				}
			}
			bests[c] = b
		})
		b := hcReduce(bests[:nc], -1)
		return b.id, b.v
	}
	neighbor := make([]int, n-1)
	bound := make([]float64, n-1)
	for x := range n - 1 {
		neighbor[x], bound[x] = nearest(x)
	}
	h := hcNewHeap(bound)
	type improved struct {
		z int
		v float64
	}
	better := make([][]improved, len(bests))
	merges := make([]Merge, 0, n-1)
	for k := 0; k < n-1; k++ {
		if k&31 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		var x, y int
		var dist float64
		for {
			x, dist = h.min()
			y = neighbor[x]
			if dist == float64(D[hcCondensedIndex(n, x, y)]) {
				break
			}
			y, dist = nearest(x)
			neighbor[x], bound[x] = y, dist
			h.change(x, dist)
		}
		h.removeMin()
		nx, ny := size[x], size[y]
		if ids {
			merges = append(merges, Merge{A: min(id[x], id[y]), B: max(id[x], id[y]), Height: dist, Size: nx + ny})
		} else {
			merges = append(merges, Merge{A: x, B: y, Height: dist, Size: nx + ny})
		}
		size[x] = 0
		size[y] = nx + ny
		id[y] = n + k
		p := sort.Search(len(active), func(i int) bool { return int(active[i]) >= x })
		active = append(active[:p], active[p+1:]...)
		// Update the distances to the union, in parallel, and note the
		// clusters below y for which the union beats their bound.
		nc := (len(active) + hcChunk - 1) / hcChunk
		rowX := n*x - x*(x+1)/2 - x - 1 // D[rowX+j] = d(x, j), j > x
		rowY := n*y - y*(y+1)/2 - y - 1
		parallel.For(len(active), hcChunk, func(c, lo, hi int) {
			better[c] = better[c][:0]
			// The new distances from y to the clusters above it are
			// computed here: find y's nearest neighbour on the way.
			up := hcBest{id: -1, v: hcInf}
			// The column reads (z < x) miss the cache at every step: their
			// own loop, the leanest, keeps the most misses in flight
			// (measured: a fifth off average linkage on 10,000 rows).
			seg := active[lo:hi]
			if m.simple() {
				k := 0
				for ; k < len(seg) && int(seg[k]) < x; k++ {
					z := int(seg[k])
					rowZ := n*z - z*(z+1)/2 - z - 1
					zy := rowZ + y
					D[zy] = F(m.simpleUpdate(float64(D[rowZ+x]), float64(D[zy]), nx, ny))
					if v := float64(D[zy]); v < bound[z] {
						better[c] = append(better[c], improved{z, v})
					}
				}
				seg = seg[k:]
			}
			for _, a := range seg {
				z := int(a)
				var zx, zy int
				switch {
				case z < x:
					rowZ := n*z - z*(z+1)/2 - z - 1
					zx, zy = rowZ+x, rowZ+y
				case z < y:
					zx, zy = rowX+z, n*z-z*(z+1)/2-z-1+y
				case z > y:
					zx, zy = rowX+z, rowY+z
				default:
					continue
				}
				dzx, dzy := float64(D[zx]), float64(D[zy])
				var v float64
				if m.simple() {
					v = m.simpleUpdate(dzx, dzy, nx, ny)
				} else {
					v = m.update(dzx, dzy, dist, nx, ny, size[z])
				}
				D[zy] = F(v)
				v = float64(D[zy]) // as stored: the bounds are compared with D
				if z < y {
					if v < bound[z] {
						better[c] = append(better[c], improved{z, v})
					}
				} else if v < up.v || up.id < 0 {
					up = hcBest{id: z, v: v}
				}
			}
			bests[c] = up
		})
		upY := hcReduce(bests[:nc], -1)
		// Candidates that pointed at x now point at the union (a guess
		// that the stale test above corrects when wrong).
		for _, a := range active {
			z := int(a)
			if z >= x {
				break
			}
			if neighbor[z] == x {
				neighbor[z] = y
			}
		}
		for _, bs := range better[:nc] { // in increasing z, as scipy
			for _, b := range bs {
				neighbor[b.z], bound[b.z] = y, b.v
				h.change(b.z, b.v)
			}
		}
		if y < n-1 {
			z, v := upY.id, upY.v
			if z < 0 { // no active cluster above y
				z, v = y, hcInf
			}
			neighbor[y], bound[y] = z, v
			h.change(y, v)
		}
		if progress != nil {
			progress(k + 1)
		}
	}
	return merges, nil
}

// simple reports a method whose update needs neither the distance
// between the two merged clusters nor the third cluster's size: average,
// complete and weighted linkage.
func (m hcMethod) simple() bool { return m == hcAverage || m == hcComplete || m == hcWeighted }

// simpleUpdate is update for the simple methods, small enough to inline
// into the update loops.
func (m hcMethod) simpleUpdate(dzx, dzy, nx, ny float64) float64 {
	switch m {
	case hcAverage:
		return (nx*dzx + ny*dzy) / (nx + ny)
	case hcComplete:
		return max(dzx, dzy)
	}
	return 0.5 * (dzx + dzy)
}

// hcHeap is a binary min-heap of values keyed 0..len-1 with in-place key
// updates: the priority queue of the generic algorithm.
type hcHeap struct {
	val   []float64 // by heap position
	key   []int     // key at a position
	index []int     // position of a key
	size  int
}

func hcNewHeap(values []float64) *hcHeap {
	n := len(values)
	h := &hcHeap{val: append([]float64(nil), values...), key: make([]int, n), index: make([]int, n), size: n}
	for i := range n {
		h.key[i], h.index[i] = i, i
	}
	for i := n/2 - 1; i >= 0; i-- {
		h.down(i)
	}
	return h
}

func (h *hcHeap) min() (int, float64) { return h.key[0], h.val[0] }

func (h *hcHeap) removeMin() {
	h.swap(0, h.size-1)
	h.size--
	h.down(0)
}

func (h *hcHeap) change(key int, v float64) {
	i := h.index[key]
	old := h.val[i]
	h.val[i] = v
	if v < old {
		h.up(i)
	} else {
		h.down(i)
	}
}

func (h *hcHeap) swap(i, j int) {
	h.val[i], h.val[j] = h.val[j], h.val[i]
	h.key[i], h.key[j] = h.key[j], h.key[i]
	h.index[h.key[i]], h.index[h.key[j]] = i, j
}

func (h *hcHeap) up(i int) {
	for i > 0 {
		p := (i - 1) / 2
		if !(h.val[p] > h.val[i]) {
			return
		}
		h.swap(i, p)
		i = p
	}
}

func (h *hcHeap) down(i int) {
	for {
		c := 2*i + 1
		if c >= h.size {
			return
		}
		if c+1 < h.size && h.val[c+1] < h.val[c] {
			c++
		}
		if !(h.val[i] > h.val[c]) {
			return
		}
		h.swap(i, c)
		i = c
	}
}
