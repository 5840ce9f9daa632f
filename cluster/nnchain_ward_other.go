//go:build !amd64

package cluster

const hcAVX = false

// hcSqDist16 sets out[p] to the squared distance from x (16 values) to the
// p-th row of c (16 values per row), exactly as hcSqDist.
func hcSqDist16(x, c, out []float64) { hcSqDist16Go(x, c, out) }

// hcSqDists sets out[p] to the squared distance from x to the p-th row of
// c (len(x) values per row), exactly as hcSqDist.
func hcSqDists(x, c, out []float64) { hcSqDistsGo(x, c, out) }

// hcEuclidBlocks sets out[4b+l] to the Euclidean distance from x to row l
// of the b-th transposed block of 4 rows in t, with hcEuclid's rounding.
func hcEuclidBlocks(x, t, out []float64) { hcEuclidBlocksGo(x, t, out) }
