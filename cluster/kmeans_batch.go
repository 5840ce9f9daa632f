package cluster

import (
	"math"

	"github.com/segmenta/segmenta/internal/kernel"
)

// The Lloyd and Hamerly assignment of one chunk in two steps: the bounds
// settle what they can row by row, then the rows left over are scanned
// against every centre four at a time. Four rows share each centre vector
// loaded and give the dot-product kernel four independent chains per
// vector of centres: one row alone waits on the latency of its chains
// when there are few centres (eight centres are two vectors, two chains).
// The sums are the ones a row-by-row scan computes, bit for bit (Dots4
// against Dots, tested in internal/kernel), so the labels and bounds do not
// depend on which rows were batched together.

// kmScratch is the per-chunk scratch memory of assignBatched: the rows
// left for a full scan, four gathered rows and their dot products.
type kmScratch struct {
	pend []int32   // up to kmChunk rows
	xg   []float64 // 4*d
	dots []float64 // 4*kp
}

// assignBatched returns the new labels of rows [lo, hi) and their distance
// bounds (chunk ch's part of st.newLab and st.newUB), updating Hamerly's
// bounds.
func (st *kmState) assignBatched(first bool, ch, lo, hi int) ([]int32, []float64) {
	lab, ubs := st.newLab[lo:hi], st.newUB[lo:hi]
	sc := &st.scratch[ch]
	pend := sc.pend[:0]
	if st.algo == kmLloyd || first { // no bounds (yet): every row is scanned
		for i := lo; i < hi; i++ {
			pend = append(pend, int32(i))
		}
	} else {
		pend = st.settle(lo, hi, lab, ubs, pend)
	}
	sc.pend = pend
	for q := 0; q < len(pend); q += 4 {
		rows := pend[q:min(q+4, len(pend))]
		var near [4]kmNear
		st.scan(rows, sc, &near)
		for r, i := range rows {
			nr := near[r]
			u := math.Sqrt(nr.d1)
			if st.algo == kmHamerly {
				st.u[i], st.l[i] = u, math.Sqrt(nr.d2)
			}
			lab[int(i)-lo], ubs[int(i)-lo] = int32(nr.a), u
		}
	}
	return lab, ubs
}

// settle assigns the rows of [lo, hi) that Hamerly's bounds settle (lab
// and ubs hold rows lo, lo+1, ...) and appends the others to pend.
func (st *kmState) settle(lo, hi int, lab []int32, ubs []float64, pend []int32) []int32 {
	d := st.dt.d
	for i := lo; i < hi; i++ {
		a := int(st.lab[i])
		// Hamerly, "Making k-means even faster", SDM 2010, algorithm 2.
		u := st.u[i] + st.shift[a]
		l := st.lowered(i, a)
		if m := max(st.half[a], l); u > m {
			if !st.tighten {
				pend = append(pend, int32(i))
				continue
			}
			u = math.Sqrt(kmSqDist(st.dt.row(i), st.c[a*d:(a+1)*d]))
			if u > m {
				pend = append(pend, int32(i))
				continue
			}
		}
		st.u[i], st.l[i] = u, l
		lab[i-lo], ubs[i-lo] = int32(a), u
	}
	return pend
}

// kmNear is a row's nearest centre, its squared distance and the squared
// distance to the second nearest.
type kmNear struct {
	a      int
	d1, d2 float64
}

// scan finds the nearest two centres of each row listed (at most four):
// four rows through the four-row kernels, fewer one at a time.
func (st *kmState) scan(rows []int32, sc *kmScratch, out *[4]kmNear) {
	dt, d, t := st.dt, st.dt.d, st.t
	if len(rows) < 4 || t.k < 2 {
		for r, i := range rows {
			a, d1, d2 := kmNearest2(dt.row(int(i)), dt.xx[i], t, sc.dots)
			out[r] = kmNear{a, d1, d2}
		}
		return
	}
	x := dt.x[int(rows[0])*d:]
	if rows[3] != rows[0]+3 {
		// Not four neighbours: gather them.
		x = sc.xg
		for r, i := range rows {
			copy(x[r*d:(r+1)*d], dt.row(int(i)))
		}
	}
	kp := t.kp
	kernel.Dots4(x, d, st.allCoords, t.ct, kp, sc.dots)
	for r, i := range rows {
		a, r1, r2 := kernel.RankArgmin2(sc.dots[r*kp:(r+1)*kp], t.cc, kp)
		xx := dt.xx[i]
		out[r] = kmNear{a, kmClamp(xx + r1), kmClamp(xx + r2)}
	}
}
