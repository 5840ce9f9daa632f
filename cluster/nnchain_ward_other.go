//go:build !amd64

package cluster

const hcAVX = false

// hcSqDist16 sets out[p] to the squared distance from x (16 values) to the
// p-th row of c (16 values per row), exactly as hcSqDist.
func hcSqDist16(x, c, out []float64) { hcSqDist16Go(x, c, out) }

// hcSqDists sets out[p] to the squared distance from x to the p-th row of
// c (len(x) values per row), exactly as hcSqDist.
func hcSqDists(x, c, out []float64) { hcSqDistsGo(x, c, out) }
