package cluster

// The AVX2 + FMA distance kernel in kmeans_kernel_amd64.s: Go assembly, no
// cgo. It is used only when the CPU and the operating system support it.

//go:noescape
func kmDotsAVX(x *float64, d int, ct *float64, kp int, out *float64)

//go:noescape
func kmDots4x8AVX(x *float64, d int, ct *float64, out *float64)

//go:noescape
func kmDots4AVX(x *float64, stride, m int, ct *float64, co *int, kp int, out *float64)

//go:noescape
func kmRankAVX(out *float64, cc *float64, kp int)

//go:noescape
func kmMinAVX(e *float64, n int) float64

//go:noescape
func kmRankArgminAVX(e *float64, cc *float64, kp int, lane *float64)

func kmCPUID(op, op2 uint32) (eax, ebx, ecx, edx uint32)

func kmXGETBV() (eax, edx uint32)

// kmFMA reports AVX2 and FMA support, including the OS saving YMM state. It
// is a property of the machine, fixed for the life of the process.
var kmFMA = func() bool {
	maxID, _, _, _ := kmCPUID(0, 0)
	if maxID < 7 {
		return false
	}
	_, _, ecx1, _ := kmCPUID(1, 0)
	const fma, osxsave, avx = 1 << 12, 1 << 27, 1 << 28
	if ecx1&fma == 0 || ecx1&osxsave == 0 || ecx1&avx == 0 {
		return false
	}
	if xcr0, _ := kmXGETBV(); xcr0&6 != 6 {
		return false
	}
	_, ebx7, _, _ := kmCPUID(7, 0)
	return ebx7&(1<<5) != 0 // AVX2
}()

func kmDotsAsm(x []float64, ct []float64, kp int, out []float64) {
	kmDotsAVX(&x[0], len(x), &ct[0], kp, &out[0])
}

// kmRankAsm sets e[j] = cc[j] - 2·e[j] for j < kp.
func kmRankAsm(e, cc []float64, kp int) { kmRankAVX(&e[0], &cc[0], kp) }

// kmRankArgminAsm sets e[j] = cc[j] - 2·e[j] for j < kp and returns the
// lowest index of the smallest e[j] (kp a positive multiple of 4, no NaN).
func kmRankArgminAsm(e, cc []float64, kp int) int {
	_ = e[kp-1]
	_ = cc[kp-1]
	var lane [8]float64
	kmRankArgminAVX(&e[0], &cc[0], kp, &lane[0])
	v, j := lane[0], lane[4]
	for l := 1; l < 4; l++ {
		if lane[l] < v || (lane[l] == v && lane[4+l] < j) {
			v, j = lane[l], lane[4+l]
		}
	}
	return int(j)
}

// kmMinAsm is the smallest of e[:n], n a positive multiple of 4.
func kmMinAsm(e []float64, n int) float64 { return kmMinAVX(&e[0], n) }

// kmDots4x8Asm: dot products of the four rows x[:4d] with the eight centres
// of ct (d x 8) into out[:32], row-major.
func kmDots4x8Asm(x []float64, d int, ct []float64, out []float64) {
	_ = x[4*d-1]
	_ = ct[8*d-1]
	_ = out[31]
	kmDots4x8AVX(&x[0], d, &ct[0], &out[0])
}

// kmDots4Asm writes into out[:4kp] (row-major) the dot products of four
// rows with every centre of ct (d x kp), over the coordinates co lists
// (ascending, as byte offsets p*8kp of centre rows): row r is
// x[r*stride:r*stride+len(co)], its q-th value the coordinate co[q].
func kmDots4Asm(x []float64, stride int, co []int, ct []float64, kp int, out []float64) {
	m := len(co)
	if m == 0 {
		clear(out[:4*kp])
		return
	}
	_ = x[3*stride+m-1]
	_ = ct[len(ct)-1]
	_ = out[4*kp-1]
	kmDots4AVX(&x[0], stride, m, &ct[0], &co[0], kp, &out[0])
}
