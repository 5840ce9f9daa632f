//go:build !amd64

package kernel

// No vector kernels on this architecture: the callers take their portable
// paths. Variables, as on amd64, so that tests can toggle them there.
var (
	HasFMA = false
	HasAVX = false
)

const noKernel = "kernel: no vector kernel on this architecture (check HasFMA)"

func Dots(x, ct []float64, kp int, out []float64)                                  { panic(noKernel) }
func Rank(e, cc []float64, kp int)                                                 { panic(noKernel) }
func Min(e []float64, n int) float64                                               { panic(noKernel) }
func RankArgmin(e, cc []float64, kp int) int                                       { panic(noKernel) }
func Dots4x8(x []float64, d int, ct, out []float64)                                { panic(noKernel) }
func Dots4(x []float64, stride int, co []int, ct []float64, kp int, out []float64) { panic(noKernel) }

// SqDist16 sets out[p] to the squared distance from x (16 values) to the
// p-th row of c (16 values per row), exactly as SqDist.
func SqDist16(x, c, out []float64) { sqDist16Go(x, c, out) }

// SqDists sets out[p] to the squared distance from x to the p-th row of c
// (len(x) values per row), exactly as SqDist.
func SqDists(x, c, out []float64) { sqDistsGo(x, c, out) }

// EuclidBlocks sets out[4b+l] to the Euclidean distance from x to row l of
// the b-th transposed block of 4 rows in t, with Euclid's rounding.
func EuclidBlocks(x, t, out []float64) { euclidBlocksGo(x, t, out) }
