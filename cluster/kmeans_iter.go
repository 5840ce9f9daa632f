package cluster

import (
	"math"

	"github.com/segmenta/segmenta/internal/parallel"
)

// kmAlgo is a resolved k-means iteration strategy.
type kmAlgo int

const (
	kmLloyd kmAlgo = iota
	kmHamerly
	kmElkan
)

// kmState is one k-means run: the centres, the labels, the triangle
// inequality bounds and per-chunk partial sums (reduced in chunk order).
type kmState struct {
	dt   *kmData
	k    int
	algo kmAlgo
	c    []float64 // k*d centres
	t    *kmCentresT
	lab  []int32

	u, l  []float64 // Hamerly: upper bound to own centre, lower bound to the second nearest
	lb    []float64 // Elkan: n*k lower bounds plus the drift of their centre when set
	drift []float64 // Elkan: total distance each centre has moved so far
	shift []float64 // distance each centre moved at the last update
	half  []float64 // half the distance from each centre to its nearest other centre
	cd    []float64 // Elkan: k*k centre distances
	maxS  float64   // largest shift, its centre and the second largest shift
	maxJ  int
	maxS2 float64

	// Per chunk, the weighted coordinate sums, weight sums and member
	// counts of every cluster, kept up to date incrementally: a pass only
	// moves the rows whose label changed, so settled rows cost O(1).
	sums    []float64 // per chunk: k*d
	wsum    []float64 // per chunk: k
	cnt     []int     // per chunk: k
	changed []int     // per chunk: labels changed in the last pass
	est     []float64 // per chunk: Σ w·(upper bound)², an inertia estimate
	buf     []float64 // per chunk: kp scratch values
	newC    []float64

	// The assignment of the pass under way, applied in row order once a
	// chunk's rows are all assigned.
	newLab    []int32
	newUB     []float64
	scratch   []kmScratch // per chunk
	allCoords []int       // byte offsets p·8kp of every row of the transposed centres
	tighten   bool
}

// kmTightenK: with more centres than this, a Hamerly row whose bounds
// fail first recomputes the distance to its own centre, which settles most
// of them; with fewer, that one distance costs about as much as the batched
// scan of every centre it would save, and the scan also tightens the lower
// bound. A variable so that BenchmarkKMeansTighten can move it (50,000 x 16
// blobs, one thread, same start; skipping vs tightening: k = 8 160 vs
// 190 ms, k = 32 89 vs 101 ms, k = 64 421 vs 438 ms, k = 100 and 200 equal
// within noise; the peer harness's starts at k = 200 favoured tightening by
// 5-10%).
var kmTightenK = 64

func newKMState(dt *kmData, k int, algo kmAlgo, c []float64) *kmState {
	n, d, nc := dt.n, dt.d, parallel.Chunks(dt.n, kmChunk)
	t := newKMCentresT(k, d)
	st := &kmState{dt: dt, k: k, algo: algo, c: c, t: t, lab: make([]int32, n),
		shift: make([]float64, k), half: make([]float64, k),
		sums: make([]float64, nc*k*d), wsum: make([]float64, nc*k), cnt: make([]int, nc*k),
		changed: make([]int, nc), est: make([]float64, nc), buf: make([]float64, nc*t.kp), newC: make([]float64, k*d),
		newLab: make([]int32, n), newUB: make([]float64, n)}
	st.tighten = k > kmTightenK
	if algo != kmElkan {
		st.scratch = make([]kmScratch, nc)
		for ch := range st.scratch {
			st.scratch[ch] = kmScratch{pend: make([]int32, 0, kmChunk), xg: make([]float64, 4*d), dots: make([]float64, 4*t.kp)}
		}
		st.allCoords = make([]int, d)
		for p := range st.allCoords {
			st.allCoords[p] = p * t.kp * 8
		}
	}
	switch algo {
	case kmHamerly:
		st.u, st.l = make([]float64, n), make([]float64, n)
	case kmElkan:
		st.u, st.l, st.lb, st.cd = make([]float64, n), make([]float64, n), make([]float64, n*k), make([]float64, k*k)
		st.drift = make([]float64, k)
	}
	st.geometry()
	return st
}

// geometry refreshes the centre norms and the centre-to-centre distances.
func (st *kmState) geometry() {
	k, d := st.k, st.dt.d
	st.t.set(st.c)
	if st.algo == kmLloyd {
		return
	}
	for j := range st.half {
		st.half[j] = math.Inf(1)
	}
	for j := 0; j < k; j++ {
		for m := j + 1; m < k; m++ {
			v := math.Sqrt(kmSqDist(st.c[j*d:(j+1)*d], st.c[m*d:(m+1)*d]))
			if st.cd != nil {
				st.cd[j*k+m], st.cd[m*k+j] = v, v
			}
			st.half[j] = math.Min(st.half[j], v/2)
			st.half[m] = math.Min(st.half[m], v/2)
		}
	}
	st.maxS, st.maxS2, st.maxJ = 0, 0, -1
	for j, s := range st.shift {
		if s > st.maxS {
			st.maxS2, st.maxS, st.maxJ = st.maxS, s, j
		} else if s > st.maxS2 {
			st.maxS2 = s
		}
	}
}

// pass assigns every point to its nearest centre (exactly: the bounds only
// skip distances that cannot change the answer) and accumulates the chunk
// sums. first means no bounds are known yet.
func (st *kmState) pass(first bool) {
	dt, k, d := st.dt, st.k, st.dt.d
	parallel.For(dt.n, kmChunk, func(ch, lo, hi int) {
		sums := st.sums[ch*k*d : (ch+1)*k*d]
		wsum := st.wsum[ch*k : (ch+1)*k]
		cnt := st.cnt[ch*k : (ch+1)*k]
		if first {
			clear(sums)
			clear(wsum)
			clear(cnt)
		}
		var lab []int32
		var ub []float64
		if st.algo == kmElkan {
			lab, ub = st.assignElkan(first, ch, lo, hi)
		} else {
			lab, ub = st.assignBatched(first, ch, lo, hi)
		}
		ch0 := kmChunkSums{sums: sums, wsum: wsum, cnt: cnt}
		st.changed[ch], st.est[ch] = st.apply(first, lo, lab, ub, ch0)
	})
}

// kmChunkSums are one chunk's running sums, weights and counts per cluster.
type kmChunkSums struct {
	sums, wsum []float64
	cnt        []int
}

// apply records the new labels lab of rows lo, lo+1, ... (ub their
// distance bounds) and moves the rows whose label changed between the
// chunk's sums, in row order. It returns the labels changed and the
// chunk's inertia estimate Σ w·ub².
func (st *kmState) apply(first bool, lo int, lab []int32, ub []float64, cs kmChunkSums) (changed int, est float64) {
	dt, d := st.dt, st.dt.d
	for r, a := range lab {
		i := lo + r
		x := dt.row(i)
		old := st.lab[i]
		w := dt.weight(i)
		est += w * ub[r] * ub[r]
		if a == old && !first {
			continue
		}
		if a != old {
			changed++
			st.lab[i] = a
		}
		if !first {
			so := cs.sums[int(old)*d : int(old+1)*d]
			kmMove(so, x, -w)
			cs.wsum[old] -= w
			cs.cnt[old]--
			if cs.cnt[old] == 0 { // drop the rounding residue
				clear(so)
				cs.wsum[old] = 0
			}
		}
		kmMove(cs.sums[int(a)*d:int(a+1)*d], x, w)
		cs.wsum[a] += w
		cs.cnt[a]++
	}
	return changed, est
}

// assignElkan returns the new labels of rows [lo, hi) and their distance
// bounds, kept in chunk ch's scratch, updating Elkan's bounds.
func (st *kmState) assignElkan(first bool, ch, lo, hi int) ([]int32, []float64) {
	dt, k, d := st.dt, st.k, st.dt.d
	buf := st.buf[ch*st.t.kp : (ch+1)*st.t.kp]
	lab, ubs := st.newLab[lo:hi], st.newUB[lo:hi]
	for i := lo; i < hi; i++ {
		x := dt.row(i)
		old := st.lab[i]
		a := int(old)
		var ub float64
		switch {
		case first: // every distance is a lower bound
			lbi := st.lb[i*k : (i+1)*k]
			kmAllDist(x, dt.xx[i], st.t, buf)
			copy(lbi, buf[:k])
			a = 0
			for j := 1; j < k; j++ {
				if lbi[j] < lbi[a] {
					a = j
				}
			}
			for j := range lbi {
				lbi[j] = math.Sqrt(lbi[j]) + st.drift[j]
			}
			ub = lbi[a] - st.drift[a]
			st.u[i] = ub
			l := math.Inf(1)
			for j, v := range lbi {
				if j != a {
					l = min(l, v-st.drift[j])
				}
			}
			st.l[i] = l
		default:
			// Elkan, "Using the triangle inequality to accelerate
			// k-means", ICML 2003: lemma 1 (centre distances) and
			// lemma 2 (lower bounds). Instead of lowering all k bounds of
			// every point by its centre's shift each iteration, a bound is
			// stored plus the centre's total drift at that time and the
			// current drift is subtracted when it is read: points whose
			// upper bound passes the first test then cost O(1).
			lbi := st.lb[i*k : (i+1)*k]
			dr := st.drift[:k]
			u := st.u[i] + st.shift[a]
			// Hamerly's single bound on the second nearest centre,
			// lowered by the largest shift, settles most points in O(1)
			// before the k bounds are looked at.
			l := st.lowered(i, a)
			if m := max(st.half[a], l); u > m {
				u = math.Sqrt(kmSqDist(x, st.c[a*d:(a+1)*d]))
				lbi[a] = u + dr[a]
				if u > m {
					for j := 0; j < k; j++ {
						if j == a || u <= lbi[j]-dr[j] || u <= 0.5*st.cd[a*k+j] {
							continue
						}
						dj := math.Sqrt(kmSqDist(x, st.c[j*d:(j+1)*d]))
						lbi[j] = dj + dr[j]
						if dj < u {
							a, u = j, dj
						}
					}
					l = math.Inf(1)
					for j, v := range lbi {
						if j != a {
							l = min(l, v-dr[j])
						}
					}
				}
			}
			st.l[i] = l
			st.u[i] = u
			ub = u
		}
		lab[i-lo], ubs[i-lo] = int32(a), ub
	}
	return lab, ubs
}

// lowered is row i's lower bound on its second-nearest distance after the
// last update, its centre being a: lowered by the largest shift of the
// other centres (Hamerly 2010).
func (st *kmState) lowered(i, a int) float64 {
	if a == st.maxJ {
		return st.l[i] - st.maxS2
	}
	return st.l[i] - st.maxS
}

// kmMove adds w·x to s.
func kmMove(s, x []float64, w float64) {
	s = s[:len(x)]
	for j, v := range x {
		s[j] += w * v
	}
}

// update moves the centres to the weighted means of their members, repairs
// empty clusters and returns the labels changed in the last pass (repairs
// included), the inertia estimate and Σ shift².
func (st *kmState) update() (changed int, est, shiftTot float64) {
	dt, k, d := st.dt, st.k, st.dt.d
	nc := parallel.Chunks(dt.n, kmChunk)
	sums := st.newC
	clear(sums)
	wsum := make([]float64, k)
	cnt := make([]int, k)
	for ch := 0; ch < nc; ch++ {
		for p, v := range st.sums[ch*k*d : (ch+1)*k*d] {
			sums[p] += v
		}
		for j := 0; j < k; j++ {
			wsum[j] += st.wsum[ch*k+j]
			cnt[j] += st.cnt[ch*k+j]
		}
		changed += st.changed[ch]
		est += st.est[ch]
	}
	forced := st.repairEmpty(sums, wsum, cnt)
	changed += len(forced)
	for j := 0; j < k; j++ {
		nj := sums[j*d : (j+1)*d]
		cj := st.c[j*d : (j+1)*d]
		row, isForced := forced[j]
		switch {
		case isForced:
			copy(nj, dt.row(row))
		case wsum[j] > 0:
			inv := 1 / wsum[j]
			for p := range nj {
				nj[p] *= inv
			}
		default: // members of zero weight only: keep the centre
			copy(nj, cj)
		}
		s2 := kmSqDist(nj, cj)
		st.shift[j] = math.Sqrt(s2)
		shiftTot += s2
		if st.drift != nil {
			st.drift[j] += st.shift[j]
		}
	}
	st.c, st.newC = sums, st.c
	st.geometry()
	return changed, est, shiftTot
}

// repairEmpty gives every empty cluster the point farthest from its own
// centre (ties to the lower row; only clusters with two members or more
// give one up), like scikit-learn's relocation. It returns, per cluster,
// the row it was forced to.
func (st *kmState) repairEmpty(sums, wsum []float64, cnt []int) map[int]int {
	forced := map[int]int{}
	dt, k, d := st.dt, st.k, st.dt.d
	empty := 0
	for j := 0; j < k; j++ {
		if cnt[j] == 0 {
			empty++
		}
	}
	if empty == 0 {
		return forced
	}
	dist := make([]float64, dt.n)
	parallel.For(dt.n, kmChunk, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			a := int(st.lab[i])
			dist[i] = kmSqDist(dt.row(i), st.c[a*d:(a+1)*d])
		}
	})
	for j := 0; j < k; j++ {
		if cnt[j] != 0 {
			continue
		}
		far := -1
		for i, v := range dist {
			if v >= 0 && cnt[st.lab[i]] > 1 && (far < 0 || v > dist[far]) {
				far = i
			}
		}
		if far < 0 {
			break // cannot happen when k <= n
		}
		a := int(st.lab[far])
		w := dt.weight(far)
		x := dt.row(far)
		kmMove(sums[a*d:(a+1)*d], x, -w)
		kmMove(sums[j*d:(j+1)*d], x, w)
		wsum[a] -= w
		wsum[j] += w
		cnt[a]--
		cnt[j]++
		// The same move in the chunk's running sums.
		ch := far / kmChunk
		kmMove(st.sums[(ch*k+a)*d:(ch*k+a+1)*d], x, -w)
		kmMove(st.sums[(ch*k+j)*d:(ch*k+j+1)*d], x, w)
		st.wsum[ch*k+a] -= w
		st.wsum[ch*k+j] += w
		st.cnt[ch*k+a]--
		st.cnt[ch*k+j]++
		if st.cnt[ch*k+a] == 0 {
			clear(st.sums[(ch*k+a)*d : (ch*k+a+1)*d])
			st.wsum[ch*k+a] = 0
		}
		st.lab[far] = int32(j)
		dist[far] = -1
		forced[j] = far
		switch st.algo {
		case kmHamerly:
			st.u[far], st.l[far] = math.Inf(1), 0
		case kmElkan:
			st.u[far], st.l[far] = math.Inf(1), 0
			copy(st.lb[far*k:(far+1)*k], st.drift) // bounds of zero
		}
	}
	return forced
}

// exactInertia is Σ w·||x - c(label)||², chunk sums added in order.
func (st *kmState) exactInertia() float64 {
	dt, d := st.dt, st.dt.d
	part := make([]float64, parallel.Chunks(dt.n, kmChunk))
	parallel.For(dt.n, kmChunk, func(ch, lo, hi int) {
		var s float64
		for i := lo; i < hi; i++ {
			a := int(st.lab[i])
			s += dt.weight(i) * kmSqDist(dt.row(i), st.c[a*d:(a+1)*d])
		}
		part[ch] = s
	})
	var s float64
	for _, v := range part {
		s += v
	}
	return s
}
