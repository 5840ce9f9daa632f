package cluster

import (
	"context"
	"math"
	"sort"

	"github.com/segmenta/segmenta/internal/parallel"
)

var hcInf = math.Inf(1)

// hcNNChain clusters n points from their condensed distance vector D (which
// it overwrites) with the nearest-neighbour chain algorithm (Murtagh 1983;
// Müllner 2011, figure 5) and the Lance-Williams update of method m, which
// must be reducible. size holds the initial cluster sizes and is
// overwritten. Time O(n^2), memory the n(n-1)/2 distances.
//
// Like scipy's nn_chain, a merged cluster takes the larger of the two
// indices and the chain restarts from the smallest active index; merges are
// returned in the order found (see hcFinish).
func hcNNChain[F hcFloat](ctx context.Context, D []F, n int, m hcMethod, size []float64, progress func(int)) ([]Merge, error) {
	active := make([]int32, n) // sorted ascending
	for i := range active {
		active[i] = int32(i)
	}
	chain := make([]int, 0, 16)
	merges := make([]Merge, 0, n-1)
	bests := make([]hcBest, (n+hcChunk-1)/hcChunk)
	for k := 0; k < n-1; k++ {
		if k&31 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		if len(chain) == 0 {
			chain = append(chain, int(active[0]))
		}
		var x, y int
		var dxy float64
		chain, x, y, dxy = hcChainPair(chain, func(x, prev int) hcBest {
			return hcCondNearest(D, n, active, x, prev, bests)
		})
		nx, ny := size[x], size[y]
		merges = append(merges, Merge{A: x, B: y, Height: dxy, Size: nx + ny})
		p := sort.Search(len(active), func(i int) bool { return int(active[i]) >= x })
		active = append(active[:p], active[p+1:]...)
		size[x] = 0
		size[y] = nx + ny
		parallel.For(len(active), hcChunk, func(_, lo, hi int) {
			for _, a := range active[lo:hi] {
				i := int(a)
				if i == y {
					continue
				}
				iy := hcCondensedIndex(n, i, y)
				D[iy] = F(m.update(float64(D[hcCondensedIndex(n, i, x)]), float64(D[iy]), dxy, nx, ny, size[i]))
			}
		})
		if progress != nil {
			progress(k + 1)
		}
	}
	return merges, nil
}

// hcChainPair grows the nearest-neighbour chain (non-empty) until its last
// two elements are reciprocal nearest neighbours, then pops them and
// returns them as x < y with their distance v. nearest(x, prev) is x's
// nearest active neighbour, ties going to prev: on a reducible linkage the
// distances along the chain only decrease, so the chain ends in a pair
// (Müllner 2011, section 3.2).
func hcChainPair(chain []int, nearest func(x, prev int) hcBest) (rest []int, x, y int, v float64) {
	for {
		x = chain[len(chain)-1]
		prev := -1
		if len(chain) > 1 {
			prev = chain[len(chain)-2]
		}
		b := nearest(x, prev)
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
	return chain, x, y, v
}

// hcCondNearest finds the active nearest neighbour of x, ties broken as
// hcBetter says.
func hcCondNearest[F hcFloat](D []F, n int, active []int32, x, prev int, bests []hcBest) hcBest {
	init := hcBest{id: -1, v: hcInf}
	if prev >= 0 {
		init = hcBest{id: prev, v: float64(D[hcCondensedIndex(n, x, prev)])}
	}
	rowX := n*x - x*(x+1)/2 - x - 1 // D[rowX+i] = d(x, i) for i > x
	nc := (len(active) + hcChunk - 1) / hcChunk
	parallel.For(len(active), hcChunk, func(c, lo, hi int) {
		b := init
		for _, a := range active[lo:hi] {
			i := int(a)
			var v float64
			switch {
			case i < x:
				v = float64(D[n*i-i*(i+1)/2+x-i-1])
			case i > x:
				v = float64(D[rowX+i])
			default:
				continue
			}
			if v < b.v || (v == b.v && hcBetter(v, i, b, prev)) {
				b = hcBest{id: i, v: v}
			}
		}
		bests[c] = b
	})
	return hcReduce(bests[:nc], prev)
}
