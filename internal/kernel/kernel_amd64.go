//go:build amd64 && !purego

package kernel

import "golang.org/x/sys/cpu"

// The vector kernels are in kernel_amd64.s: Go assembly, no cgo. x/sys/cpu
// reports a feature only when the operating system also saves the YMM
// registers. Both values are properties of the machine, fixed for the life
// of the process; they are variables so that tests can force the portable
// kernels. The purego build tag leaves the assembly out altogether.
var (
	// HasFMA: AVX2 and FMA, for the k-means kernels (Dots, Dots4, Dots4x8,
	// RankArgmin, RankArgmin2).
	HasFMA = cpu.X86.HasAVX2 && cpu.X86.HasFMA
	// HasAVX: AVX, for the kernels of the hierarchical algorithms
	// (SqDists, EuclidBlocks).
	HasAVX = cpu.X86.HasAVX
)

//go:noescape
func dotsAVX(x *float64, d int, ct *float64, kp int, out *float64)

//go:noescape
func dots4x8AVX(x *float64, d int, ct *float64, out *float64)

//go:noescape
func dots4AVX(x *float64, stride, m int, ct *float64, co *int, kp int, out *float64)

//go:noescape
func rankArgminAVX(e *float64, cc *float64, kp int, lane *float64)

//go:noescape
func rankArgmin2AVX(e *float64, cc *float64, kp int, out *float64)

//go:noescape
func sqDistAVX(x *float64, c *float64, d int, m int, out *float64)

//go:noescape
func euclidBlocksAVX(x *float64, t *float64, d int, nb int, out *float64)

// Dots sets out[j] to the dot product of x with column j of ct (len(x) rows
// of kp values, kp a multiple of 4), for j < kp: one chain of fused
// multiply-adds per column, in coordinate order.
func Dots(x []float64, ct []float64, kp int, out []float64) {
	if !HasFMA || len(x) == 0 {
		dotsGo(x, ct, kp, out)
		return
	}
	_ = ct[len(x)*kp-1]
	_ = out[kp-1]
	dotsAVX(&x[0], len(x), &ct[0], kp, &out[0])
}

// RankArgmin sets e[j] = cc[j] - 2·e[j] for j < kp and returns the lowest
// index of the smallest e[j] (kp a positive multiple of 4, no NaN).
func RankArgmin(e, cc []float64, kp int) int {
	_ = e[kp-1]
	_ = cc[kp-1]
	var lane [8]float64
	if HasFMA {
		rankArgminAVX(&e[0], &cc[0], kp, &lane[0])
	} else {
		rankArgminLanes(e, cc, kp, &lane)
	}
	return argminLanes(&lane)
}

// RankArgmin2 returns, for the ranks r[j] = cc[j] - 2·e[j] (j < kp, kp a
// positive multiple of 4, no NaN), the lowest index of the smallest, the
// smallest and the second smallest (equal to the smallest on a tie), without
// storing the ranks.
func RankArgmin2(e, cc []float64, kp int) (best int, r1, r2 float64) {
	_ = e[kp-1]
	_ = cc[kp-1]
	var lane [12]float64
	lane[8], lane[9], lane[10], lane[11] = inf, inf, inf, inf
	if !HasFMA {
		rankArgmin2Lanes(e, cc, kp, &lane)
		return argmin2Lanes(&lane)
	}
	rankArgmin2AVX(&e[0], &cc[0], kp, &lane[0])
	return int(lane[0]), lane[1], lane[2]
}

// Dots4x8 writes the dot products of the four rows x[:4d] with the eight
// columns of ct (d x 8) into out[:32], row-major.
func Dots4x8(x []float64, d int, ct []float64, out []float64) {
	_ = out[31]
	if !HasFMA || d == 0 {
		dots4x8Go(x, d, ct, out)
		return
	}
	_ = x[4*d-1]
	_ = ct[8*d-1]
	dots4x8AVX(&x[0], d, &ct[0], &out[0])
}

// Dots4 writes into out[:4kp] (row-major) the dot products of four rows
// with every column of ct (d x kp), over the coordinates co lists
// (ascending, as byte offsets p*8kp of rows of ct): row r is
// x[r*stride:r*stride+len(co)], its q-th value the coordinate co[q]. With
// every coordinate listed the sums are bit-identical to Dots.
func Dots4(x []float64, stride int, co []int, ct []float64, kp int, out []float64) {
	m := len(co)
	if m == 0 {
		clear(out[:4*kp])
		return
	}
	if !HasFMA {
		dots4Go(x, stride, co, ct, kp, out)
		return
	}
	_ = x[3*stride+m-1]
	_ = ct[len(ct)-1]
	_ = out[4*kp-1]
	dots4AVX(&x[0], stride, m, &ct[0], &co[0], kp, &out[0])
}

// SqDists sets out[p] to the squared distance from x to the p-th row of c
// (len(x) values per row), exactly as SqDist, for any row length: the
// vector kernel takes the coordinates in blocks of 4 and the tail one at a
// time into lane 0, as SqDist does.
func SqDists(x, c, out []float64) {
	d := len(x)
	if len(out) == 0 || d == 0 {
		sqDistsGo(x, c, out)
		return
	}
	_ = c[len(out)*d-1]
	if HasAVX {
		sqDistAVX(&x[0], &c[0], d, len(out), &out[0])
		return
	}
	sqDistsGo(x, c, out)
}

// EuclidBlocks sets out[4b+l] to the Euclidean distance from x to row l
// of the b-th transposed block of 4 rows in t (see Transpose4), with
// Euclid's rounding; len(out) is a multiple of 4.
func EuclidBlocks(x, t, out []float64) {
	d := len(x)
	nb := len(out) / 4
	if nb == 0 || d == 0 {
		euclidBlocksGo(x, t, out)
		return
	}
	_ = t[nb*4*d-1]
	if HasAVX {
		euclidBlocksAVX(&x[0], &t[0], d, nb, &out[0])
		return
	}
	euclidBlocksGo(x, t, out)
}
