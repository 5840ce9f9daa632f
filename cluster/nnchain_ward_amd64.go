package cluster

// The AVX distance kernel of the centroid Ward search, in
// nnchain_ward_amd64.s (Go assembly, no cgo).

//go:noescape
func hcSqDist16AVX(x *float64, c *float64, m int, out *float64)

//go:noescape
func hcSqDistAVX(x *float64, c *float64, d int, m int, out *float64)

//go:noescape
func hcEuclidBlocksAVX(x *float64, t *float64, d int, nb int, out *float64)

func hcCPUID(op uint32) (eax, ebx, ecx, edx uint32)

func hcXGETBV() (eax uint32)

// hcAVX reports AVX support by the CPU and the operating system (YMM state
// saved); fixed for the life of the process.
var hcAVX = func() bool {
	_, _, ecx, _ := hcCPUID(1)
	const osxsave, avx = 1 << 27, 1 << 28
	if ecx&osxsave == 0 || ecx&avx == 0 {
		return false
	}
	return hcXGETBV()&6 == 6
}()

// hcSqDist16 sets out[p] to the squared distance from x (16 values) to the
// p-th row of c (16 values per row) for p < len(out), exactly as hcSqDist.
func hcSqDist16(x, c, out []float64) {
	if len(out) == 0 {
		return
	}
	_ = c[len(out)*16-1]
	_ = x[15]
	if hcAVX {
		hcSqDist16AVX(&x[0], &c[0], len(out), &out[0])
		return
	}
	hcSqDist16Go(x, c, out)
}

// hcSqDists sets out[p] to the squared distance from x (d values, d a
// multiple of 4) to the p-th row of c, exactly as hcSqDist.
func hcSqDists(x, c, out []float64) {
	d := len(x)
	if len(out) == 0 {
		return
	}
	_ = c[len(out)*d-1]
	if hcAVX && d%4 == 0 {
		hcSqDistAVX(&x[0], &c[0], d, len(out), &out[0])
		return
	}
	hcSqDistsGo(x, c, out)
}

// hcEuclidBlocks sets out[4b+l] to the Euclidean distance from x to row l
// of the b-th transposed block of 4 rows in t (see hcTranspose4), with
// hcEuclid's rounding; len(out) is a multiple of 4.
func hcEuclidBlocks(x, t, out []float64) {
	d := len(x)
	nb := len(out) / 4
	if nb == 0 {
		return
	}
	_ = t[nb*4*d-1]
	if hcAVX {
		hcEuclidBlocksAVX(&x[0], &t[0], d, nb, &out[0])
		return
	}
	hcEuclidBlocksGo(x, t, out)
}
