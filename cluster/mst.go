package cluster

import (
	"context"

	"github.com/segmenta/segmenta/internal/kernel"
	"github.com/segmenta/segmenta/internal/parallel"
)

// hcPrimSingle computes single linkage from the minimum spanning tree, grown
// with Prim's algorithm (Müllner 2011, figure 6, "MST-linkage"), computing
// distances on the fly: memory O(n d), time O(n^2 d). X (row-major n x d) is
// reordered in place.
//
// As in scipy's mst_single_linkage, each step records the pair (last vertex
// added, next vertex) and the next vertex is the one closest to the tree,
// the smallest index among equal distances; the merges still need sorting
// and relabelling (hcFinish).
func hcPrimSingle(ctx context.Context, X []float64, n, d int, progress func(int)) ([]Merge, error) {
	// Slots hold the vertices not yet in the tree, compactly.
	m := n - 1
	pts := X[d:] // vertex 0 starts the tree; slot p holds vertex id[p]
	x := append([]float64(nil), X[:d]...)
	id := make([]int32, m)
	dist := make([]float64, m)
	for p := range id {
		id[p] = int32(p + 1)
		dist[p] = hcInf
	}
	bests := make([]hcBest, (m+hcChunk-1)/hcChunk)
	merges := make([]Merge, 0, n-1)
	last := 0
	for k := 0; k < n-1; k++ {
		if k&31 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		nc := (m + hcChunk - 1) / hcChunk
		parallel.For(m, hcChunk, func(c, lo, hi int) {
			b := hcBest{id: -1, v: hcInf}
			for p := lo; p < hi; p++ {
				v := kernel.Euclid(x, pts[p*d:p*d+d])
				if v < dist[p] {
					dist[p] = v
				}
				v = dist[p]
				if b.id < 0 || v < b.v || (v == b.v && int(id[p]) < b.id) {
					b = hcBest{id: int(id[p]), v: v}
				}
			}
			bests[c] = b
		})
		b := hcReduce(bests[:nc], -1)
		merges = append(merges, Merge{A: last, B: b.id, Height: b.v})
		// Find b's slot (the reduction kept only its id), make it the new
		// tree vertex and fill its slot with the last one.
		p := 0
		for int(id[p]) != b.id {
			p++
		}
		copy(x, pts[p*d:p*d+d])
		m--
		if p != m {
			copy(pts[p*d:p*d+d], pts[m*d:m*d+d])
			id[p], dist[p] = id[m], dist[m]
		}
		last = b.id
		if progress != nil {
			progress(k + 1)
		}
	}
	return merges, nil
}
