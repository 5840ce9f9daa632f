package cluster

import "context"

// hcGeneric is Müllner's generic clustering algorithm (Müllner 2011,
// figure 3): every cluster keeps a candidate nearest neighbour among the
// clusters with a larger index and a lower bound of that distance in a
// priority queue; a candidate is re-searched only when it reaches the top
// stale. It works for any Lance-Williams method, in particular the
// non-reducible centroid and median linkages, on the condensed distance
// vector D (overwritten). Worst case O(n^3), usually close to O(n^2).
//
// Merges come out in the order found, already with scipy's ids (merge k
// creates cluster n+k) and without sorting: centroid and median trees can
// have inversions, and scipy keeps their rows in merge order.
func hcGeneric(ctx context.Context, D []float64, n int, m hcMethod, size []float64, progress func(int)) ([]Merge, error) {
	id := make([]int, n)
	for i := range id {
		id[i] = i
	}
	// nearest searches the active clusters above x: the first minimum.
	nearest := func(x int) (int, float64) {
		best, bv := -1, hcInf
		base := n*x - x*(x+1)/2 - x - 1
		for i := x + 1; i < n; i++ {
			if size[i] == 0 {
				continue
			}
			if v := D[base+i]; v < bv || best < 0 {
				best, bv = i, v
			}
		}
		return best, bv
	}
	neighbor := make([]int, n-1)
	bound := make([]float64, n-1)
	for x := range n - 1 {
		neighbor[x], bound[x] = nearest(x)
	}
	h := hcNewHeap(bound)
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
			if dist == D[hcCondensedIndex(n, x, y)] {
				break
			}
			y, dist = nearest(x)
			neighbor[x], bound[x] = y, dist
			h.change(x, dist)
		}
		h.removeMin()
		nx, ny := size[x], size[y]
		a, b := min(id[x], id[y]), max(id[x], id[y])
		merges = append(merges, Merge{A: a, B: b, Height: dist, Size: nx + ny})
		size[x] = 0
		size[y] = nx + ny
		id[y] = n + k
		for z := range n {
			if size[z] == 0 || z == y {
				continue
			}
			zy := hcCondensedIndex(n, z, y)
			D[zy] = m.update(D[hcCondensedIndex(n, z, x)], D[zy], dist, nx, ny, size[z])
		}
		// Candidates that pointed at x now point at the union (a guess
		// that the stale check above corrects when wrong).
		for z := range x {
			if size[z] > 0 && neighbor[z] == x {
				neighbor[z] = y
			}
		}
		for z := range y {
			if size[z] == 0 {
				continue
			}
			if v := D[hcCondensedIndex(n, z, y)]; v < bound[z] {
				neighbor[z], bound[z] = y, v
				h.change(z, v)
			}
		}
		if y < n-1 {
			z, v := nearest(y)
			if z < 0 { // no active cluster above y
				v = hcInf
				z = y
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
