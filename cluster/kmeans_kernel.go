package cluster

import (
	"math"

	"github.com/segmenta/segmenta/internal/kernel"
)

// Distance kernels. The squared distance from a point x to a centre c is
// ||x||² + ||c||² - 2 x·c with precomputed norms, as scikit-learn's BLAS
// formulation. The centres are kept transposed (d rows of kp values, kp = k
// rounded up to a multiple of 4) so that one pass over the coordinates of x
// yields its dot products with every centre: on amd64 with AVX2 and FMA an
// assembly kernel does this with 4-wide fused multiply-adds and eight
// independent accumulators; elsewhere a Go loop does the same sums. Norms
// and dot products use the same arithmetic in the same order, so a point
// identical to a centre is at distance exactly zero.

// kmFMA selects the assembly kernels of internal/kernel (AVX2 + FMA). It is
// a variable so that tests can run the portable path on any machine.
var kmFMA = kernel.HasFMA

// kmCentresT is a set of k centres, transposed and padded for the kernels.
type kmCentresT struct {
	k, kp, d int
	ct       []float64 // d*kp, column j is centre j; padding columns are zero
	cc       []float64 // kp squared norms; +Inf for padding, so it never wins
}

func newKMCentresT(k, d int) *kmCentresT {
	kp := (k + 3) &^ 3
	return &kmCentresT{k: k, kp: kp, d: d, ct: make([]float64, d*kp), cc: make([]float64, kp)}
}

// set loads the k centres c (row-major k*d).
func (t *kmCentresT) set(c []float64) {
	k, kp, d := t.k, t.kp, t.d
	for j := 0; j < k; j++ {
		cj := c[j*d : (j+1)*d]
		for p, v := range cj {
			t.ct[p*kp+j] = v
		}
		t.cc[j] = kmNorm(cj)
	}
	for j := k; j < kp; j++ {
		t.cc[j] = math.Inf(1)
	}
}

// kmNorm is x·x with the kernel's arithmetic.
func kmNorm(x []float64) float64 {
	if kmFMA {
		var s float64
		for _, v := range x {
			s = math.FMA(v, v, s)
		}
		return s
	}
	return kmDot(x, x)
}

// kmDots writes the dot products of x with every centre of t into out[:kp].
func kmDots(x []float64, t *kmCentresT, out []float64) {
	kp := t.kp
	out = out[:kp]
	if kmFMA {
		kernel.Dots(x, t.ct, kp, out)
		return
	}
	clear(out)
	for p, v := range x {
		row := t.ct[p*kp : (p+1)*kp]
		for j, c := range row {
			out[j] += v * c
		}
	}
}

// kmDot is x·y summed in coordinate order.
func kmDot(x, y []float64) float64 {
	y = y[:len(x)]
	var s float64
	for j, v := range x {
		s += v * y[j]
	}
	return s
}

// kmSqDist is the exact squared Euclidean distance Σ(x-y)², with four partial
// sums so that it is not bound by the latency of one addition chain.
func kmSqDist(x, y []float64) float64 {
	y = y[:len(x)]
	var s0, s1, s2, s3 float64
	j := 0
	for ; j+4 <= len(x); j += 4 {
		d0 := x[j] - y[j]
		d1 := x[j+1] - y[j+1]
		d2 := x[j+2] - y[j+2]
		d3 := x[j+3] - y[j+3]
		s0 += d0 * d0
		s1 += d1 * d1
		s2 += d2 * d2
		s3 += d3 * d3
	}
	for ; j < len(x); j++ {
		d := x[j] - y[j]
		s0 += d * d
	}
	return (s0 + s1) + (s2 + s3)
}

// kmClamp is max(v, 0) for finite v, cheaper than math.Max (no NaN or
// signed-zero handling, and inlined).
func kmClamp(v float64) float64 {
	if v < 0 {
		return 0
	}
	return v
}

// kmAllDist writes into out[:k] the squared distances from x (norm xx) to
// every centre of t, clamped at zero. out needs room for kp values.
func kmAllDist(x []float64, xx float64, t *kmCentresT, out []float64) {
	kmDots(x, t, out)
	for j := 0; j < t.k; j++ {
		out[j] = kmClamp(xx + t.cc[j] - 2*out[j])
	}
}

// kmNearest2 returns the nearest centre of x, its squared distance and the
// squared distance to the second nearest (+Inf when k == 1); ties go to the
// lower index. It ranks centres by ||c||² - 2 x·c, the squared distance
// minus the constant ||x||². buf needs room for kp values.
func kmNearest2(x []float64, xx float64, t *kmCentresT, buf []float64) (best int, d1, d2 float64) {
	kmDots(x, t, buf)
	if kmFMA && t.k >= 2 {
		// Vector ranks and the two minima in one pass: a scalar scan of k
		// values costs more than the dot products themselves.
		best, d1, d2 = kernel.RankArgmin2(buf, t.cc, t.kp)
		return best, kmClamp(xx + d1), kmClamp(xx + d2)
	}
	d1, d2 = math.Inf(1), math.Inf(1)
	cc := t.cc[:t.k]
	buf = buf[:len(cc)]
	for j, c := range cc {
		e := c - 2*buf[j]
		if e < d2 {
			if e < d1 {
				d1, d2, best = e, d1, j
			} else {
				d2 = e
			}
		}
	}
	return best, kmClamp(xx + d1), kmClamp(xx + d2)
}

// kmRowsBuf is the scratch memory of kmNearestRows.
type kmRowsBuf struct {
	dots []float64 // 4*kp dot products
	xg   []float64 // 4*d gathered coordinates
	co   []int     // d centre-row offsets
}

func newKMRowsBuf(t *kmCentresT) *kmRowsBuf {
	return &kmRowsBuf{dots: make([]float64, 4*t.kp), xg: make([]float64, 4*t.d), co: make([]int, t.d)}
}

// kmNearestRows sets best[i] to the nearest centre of row i of x (len(best)
// rows of d values), exactly as kmNearest2 ranks them, ties to the lower
// index. With the assembly kernel it goes four rows at a time, so that each
// centre read from the cache serves four rows (with 200 centres in 61
// dimensions, 98 KB, the one-row kernel waits on L2), and it skips the
// coordinates where all four rows are zero: one-hot columns make most of
// them zero, and an exact zero adds nothing to an FMA chain, so the sums
// are bit-identical to the dense ones.
func kmNearestRows(x []float64, d int, t *kmCentresT, best []int, b *kmRowsBuf) {
	n, kp := len(best), t.kp
	i := 0
	if kmFMA && t.k >= 2 {
		xg, co := b.xg[:4*d], b.co[:d]
		for ; i+4 <= n; i += 4 {
			r0, r1, r2, r3 := x[i*d:(i+1)*d], x[(i+1)*d:(i+2)*d], x[(i+2)*d:(i+3)*d], x[(i+3)*d:(i+4)*d]
			// Branch-free: which coordinates of one-hot blocks are set
			// is data, not a pattern the branch predictor can learn. A
			// -0 counts as set; its term leaves the sum unchanged.
			m := 0
			xg0, xg1, xg2, xg3 := xg[:d], xg[d:2*d], xg[2*d:3*d], xg[3*d:4*d]
			for p := range r0 {
				v0, v1, v2, v3 := r0[p], r1[p], r2[p], r3[p]
				co[m] = p * kp * 8
				xg0[m], xg1[m], xg2[m], xg3[m] = v0, v1, v2, v3
				nz := math.Float64bits(v0) | math.Float64bits(v1) | math.Float64bits(v2) | math.Float64bits(v3)
				m += int((nz | -nz) >> 63)
			}
			kernel.Dots4(xg, d, co[:m], t.ct, kp, b.dots)
			for r := 0; r < 4; r++ {
				best[i+r] = kernel.RankArgmin(b.dots[r*kp:(r+1)*kp], t.cc, kp)
			}
		}
	}
	for ; i < n; i++ {
		// ||x||² shifts every distance alike: it does not change the rank.
		best[i], _, _ = kmNearest2(x[i*d:(i+1)*d], 0, t, b.dots)
	}
}
