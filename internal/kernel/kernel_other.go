//go:build !amd64 || purego

package kernel

// No vector kernels on this architecture, or the purego build tag asked for
// none: every kernel is its portable form. Variables, as on amd64, so that
// callers and tests read them the same way.
var (
	HasFMA = false
	HasAVX = false
)

// Dots sets out[j] to the dot product of x with column j of ct (len(x) rows
// of kp values, kp a multiple of 4), for j < kp: one chain of fused
// multiply-adds per column, in coordinate order.
func Dots(x, ct []float64, kp int, out []float64) { dotsGo(x, ct, kp, out) }

// RankArgmin sets e[j] = cc[j] - 2·e[j] for j < kp and returns the lowest
// index of the smallest e[j] (kp a positive multiple of 4, no NaN).
func RankArgmin(e, cc []float64, kp int) int {
	var lane [8]float64
	rankArgminLanes(e, cc, kp, &lane)
	return argminLanes(&lane)
}

// RankArgmin2 returns, for the ranks r[j] = cc[j] - 2·e[j] (j < kp, kp a
// positive multiple of 4, no NaN), the lowest index of the smallest, the
// smallest and the second smallest (equal to the smallest on a tie), without
// storing the ranks.
func RankArgmin2(e, cc []float64, kp int) (best int, r1, r2 float64) {
	var lane [12]float64
	lane[8], lane[9], lane[10], lane[11] = inf, inf, inf, inf
	rankArgmin2Lanes(e, cc, kp, &lane)
	return argmin2Lanes(&lane)
}

// Dots4x8 writes the dot products of the four rows x[:4d] with the eight
// columns of ct (d x 8) into out[:32], row-major.
func Dots4x8(x []float64, d int, ct, out []float64) { dots4x8Go(x, d, ct, out) }

// Dots4 writes into out[:4kp] (row-major) the dot products of four rows
// with every column of ct (d x kp), over the coordinates co lists.
func Dots4(x []float64, stride int, co []int, ct []float64, kp int, out []float64) {
	dots4Go(x, stride, co, ct, kp, out)
}

// SqDists sets out[p] to the squared distance from x to the p-th row of c
// (len(x) values per row), exactly as SqDist.
func SqDists(x, c, out []float64) { sqDistsGo(x, c, out) }

// EuclidBlocks sets out[4b+l] to the Euclidean distance from x to row l of
// the b-th transposed block of 4 rows in t, with Euclid's rounding.
func EuclidBlocks(x, t, out []float64) { euclidBlocksGo(x, t, out) }
