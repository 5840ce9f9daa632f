package cluster

import (
	"fmt"
	"math"
	"slices"
	"sort"

	"gonum.org/v1/gonum/mat"
)

// Merge is one row of a linkage matrix, in scipy's convention: clusters A
// and B (A < B) merge at Height into a cluster of Size points (the sum of
// the initial weights when Agglomerative.Weights is set). Ids below n are
// points; the cluster formed by merge i has id n+i.
type Merge struct {
	A, B   int
	Height float64
	Size   float64
}

// Dendrogram is a fitted hierarchical clustering of n points: n-1 merges
// laid out exactly like the linkage matrix Z of scipy.cluster.hierarchy.
// It is immutable and safe for concurrent use.
type Dendrogram struct {
	method  string
	n       int
	merges  []Merge
	weights []float64 // initial sizes; nil when all are 1
}

// hcFinish turns merges found by the NN-chain or MST algorithms, whose ids
// are positions, into scipy's linkage layout: a stable sort by height, then
// union-find relabelling so that merge i creates cluster n+i and each row
// lists the smaller id first (scipy's label function), sizes summed from
// the initial weights.
func hcFinish(method hcMethod, merges []Merge, n int, weights []float64) *Dendrogram {
	sort.SliceStable(merges, func(i, j int) bool { return merges[i].Height < merges[j].Height })
	parent := make([]int32, 2*n-1)
	size := make([]float64, 2*n-1)
	for i := range parent {
		parent[i] = int32(i)
	}
	for i := range n {
		size[i] = 1
		if weights != nil {
			size[i] = weights[i]
		}
	}
	find := func(x int) int {
		r := x
		for int(parent[r]) != r {
			r = int(parent[r])
		}
		for int(parent[x]) != r { // path compression
			x, parent[x] = int(parent[x]), int32(r)
		}
		return r
	}
	for i := range merges {
		a, b := find(merges[i].A), find(merges[i].B)
		if a > b {
			a, b = b, a
		}
		c := n + i
		parent[a], parent[b] = int32(c), int32(c)
		size[c] = size[a] + size[b]
		merges[i] = Merge{A: a, B: b, Height: merges[i].Height, Size: size[c]}
	}
	return &Dendrogram{method: method.String(), n: n, merges: merges, weights: weights}
}

// N is the number of points (leaves).
func (t *Dendrogram) N() int { return t.n }

// Method is the linkage method that built the tree.
func (t *Dendrogram) Method() string { return t.method }

// Merges returns a copy of the n-1 merges, in the order of the rows of Z.
func (t *Dendrogram) Merges() []Merge { return slices.Clone(t.merges) }

// Linkage returns the (n-1) x 4 linkage matrix Z with rows (A, B, Height,
// Size), interchangeable with scipy.cluster.hierarchy's.
func (t *Dendrogram) Linkage() *mat.Dense {
	z := mat.NewDense(len(t.merges), 4, nil)
	for i, m := range t.merges {
		z.SetRow(i, []float64{float64(m.A), float64(m.B), m.Height, m.Size})
	}
	return z
}

// maxHeights returns, for every merge, the largest height in its subtree
// (scipy's get_max_dist_for_each_cluster); it equals the merge's own height
// unless the tree has inversions (centroid and median linkage).
func (t *Dendrogram) maxHeights() []float64 {
	md := make([]float64, len(t.merges))
	for i, m := range t.merges { // children come before parents
		h := m.Height
		if m.A >= t.n {
			h = math.Max(h, md[m.A-t.n])
		}
		if m.B >= t.n {
			h = math.Max(h, md[m.B-t.n])
		}
		md[i] = h
	}
	return md
}

// CutK cuts the tree into at most k flat clusters, returning a label in
// [0, clusters) per point. The partition and the numbering are those of
// scipy's fcluster(Z, k, "maxclust"), minus one: the lowest merge-height
// threshold giving at most k clusters, and labels numbered in scipy's
// traversal order. When several merges share a height the cut can give
// fewer than k clusters, as in scipy. (For k >= n-1 scipy returns at most
// n-2 clusters; CutK returns k.) k must be in [1, n].
func (t *Dendrogram) CutK(k int) ([]int, error) {
	if k < 1 || k > t.n {
		return nil, fmt.Errorf("%w: CutK k=%d, want 1..%d", ErrInvalidK, k, t.n)
	}
	if k == t.n {
		return t.labelBelow(t.maxHeights(), math.Inf(-1)), nil
	}
	md := t.maxHeights()
	// Binary search over merge rows for the smallest threshold md[i] that
	// leaves at most k clusters, as scipy's cluster_maxclust_monocrit does
	// (with a virtual threshold of -Inf before row 0 and +Inf after the
	// last). Every ancestor's md is at least its descendants', so cutting at
	// threshold h leaves n - #{i: md[i] <= h} clusters.
	count := func(h float64) int {
		c := t.n
		for _, v := range md {
			if v <= h {
				c--
			}
		}
		return c
	}
	lo, hi := -1, len(md)
	for hi-lo > 1 {
		mid := (lo + hi) / 2
		if count(md[mid]) > k {
			lo = mid
		} else {
			hi = mid
		}
	}
	h := math.Inf(1)
	if hi < len(md) {
		h = md[hi]
	}
	return t.labelBelow(md, h), nil
}

// CutHeight cuts the tree at height h: points whose cophenetic distance is
// at most h share a cluster, as scipy's fcluster(Z, h, "distance"). Labels
// are numbered from 0 in scipy's order.
func (t *Dendrogram) CutHeight(h float64) ([]int, error) {
	if math.IsNaN(h) {
		return nil, fmt.Errorf("%w: CutHeight height is NaN", ErrConfig)
	}
	return t.labelBelow(t.maxHeights(), h), nil
}

// labelBelow labels the clusters formed by the maximal subtrees whose md is
// at most h. Numbering follows scipy's cluster_monocrit: a depth-first walk
// from the root visiting the first then the second child subtree, and only
// then the leaf children of a node, first then second; a cluster takes the
// next number when its top node is reached, a singleton when its leaf is
// labelled.
func (t *Dendrogram) labelBelow(md []float64, h float64) []int {
	n := t.n
	labels := make([]int, n)
	next := 0
	type frame struct {
		node  int
		state uint8 // 0: enter, 1: first child done, 2: second child done
		top   bool  // this node opened the current cluster
	}
	stack := []frame{{node: len(t.merges) - 1}}
	in := false // inside a cluster
	for len(stack) > 0 {
		f := &stack[len(stack)-1]
		m := t.merges[f.node]
		if f.state == 0 {
			f.state = 1
			if !in && md[f.node] <= h {
				in, f.top = true, true
				next++
			}
			if m.A >= n {
				stack = append(stack, frame{node: m.A - n})
				continue
			}
		}
		if f.state == 1 {
			f.state = 2
			if m.B >= n {
				stack = append(stack, frame{node: m.B - n})
				continue
			}
		}
		for _, c := range [2]int{m.A, m.B} {
			if c < n {
				if !in {
					next++
				}
				labels[c] = next - 1
			}
		}
		if f.top {
			in = false
		}
		stack = stack[:len(stack)-1]
	}
	return labels
}

// LeafOrder returns the points in the left-to-right order of the drawn
// dendrogram: scipy's leaves_list(Z) and dendrogram(Z)["leaves"].
func (t *Dendrogram) LeafOrder() []int {
	order := make([]int, 0, t.n)
	stack := []int{len(t.merges) + t.n - 1}
	for len(stack) > 0 {
		c := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if c < t.n {
			order = append(order, c)
			continue
		}
		m := t.merges[c-t.n]
		stack = append(stack, m.B, m.A)
	}
	return order
}
