package kernel

import "math"

// The portable kernels: plain Go with exactly the arithmetic of the vector
// kernels of kernel_amd64.s (the same operations, in the same order, on the
// same lanes), so that a result never depends on which one ran. They serve
// other architectures, CPUs without the features and builds with the
// purego tag, and the tests compare the two bit for bit. The FMA kernels'
// portable forms use math.FMA: one rounding per step, as VFMADD231PD.

// sqDistsGo is the portable SqDists: SqDist of x with every row of c.
func sqDistsGo(x, c, out []float64) {
	d := len(x)
	for p := range out {
		out[p] = SqDist(x, c[p*d:p*d+d])
	}
}

// euclidBlocksGo is the portable EuclidBlocks.
func euclidBlocksGo(x, t, out []float64) {
	d := len(x)
	for b := range len(out) / 4 {
		var s [4]float64
		blk := t[b*4*d : (b+1)*4*d]
		for k, v := range x {
			for l := range 4 {
				u := v - blk[4*k+l]
				s[l] += u * u
			}
		}
		for l := range 4 {
			out[4*b+l] = math.Sqrt(s[l])
		}
	}
}

// dotsGo is the portable Dots: per column a chain of fused multiply-adds
// from zero in coordinate order.
func dotsGo(x, ct []float64, kp int, out []float64) {
	out = out[:kp]
	clear(out)
	for p, v := range x {
		row := ct[p*kp : (p+1)*kp]
		for j, c := range row {
			out[j] = math.FMA(v, c, out[j])
		}
	}
}

// dots4Go is the portable Dots4.
func dots4Go(x []float64, stride int, co []int, ct []float64, kp int, out []float64) {
	out = out[:4*kp]
	clear(out)
	for q, off := range co {
		row := ct[off/8 : off/8+kp]
		for r := range 4 {
			v := x[r*stride+q]
			o := out[r*kp : (r+1)*kp]
			for j, c := range row {
				o[j] = math.FMA(v, c, o[j])
			}
		}
	}
}

// dots4x8Go is the portable Dots4x8.
func dots4x8Go(x []float64, d int, ct, out []float64) {
	for r := range 4 {
		dotsGo(x[r*d:(r+1)*d], ct, 8, out[r*8:r*8+8])
	}
}

// rankGo sets e[j] = cc[j] - 2·e[j] for j < kp (2·e is e+e, exact either
// way), as the vector kernels rank.
func rankGo(e, cc []float64, kp int) {
	for j := range kp {
		e[j] = cc[j] - (e[j] + e[j])
	}
}

// vmin is VMINPD's choice for one lane: a if a < b, else b (so b wins a
// tie, -0 against +0 included).
func vmin(a, b float64) float64 {
	if a < b {
		return a
	}
	return b
}

// rankArgminLanes is the portable rankArgminAVX: it ranks e and writes per
// lane the smallest value (the first of equal ones) and its index.
func rankArgminLanes(e, cc []float64, kp int, lane *[8]float64) {
	rankGo(e, cc, kp)
	for k := range 4 {
		lane[k], lane[4+k] = e[k], float64(k)
	}
	for j := 4; j < kp; j += 4 {
		for k := range 4 {
			if e[j+k] < lane[k] {
				lane[k], lane[4+k] = e[j+k], float64(j+k)
			}
		}
	}
}

// argminLanes reduces the per-lane minima of rankArgmin to the lowest
// index of the smallest value.
func argminLanes(lane *[8]float64) int {
	v, j := lane[0], lane[4]
	for l := 1; l < 4; l++ {
		if lane[l] < v || (lane[l] == v && lane[4+l] < j) {
			v, j = lane[l], lane[4+l]
		}
	}
	return int(j)
}

var inf = math.Inf(1)

// rankArgmin2Lanes is the portable rankArgmin2AVX: per lane the smallest
// rank (the first of equal ones), its index and the second smallest rank;
// lane[8:12] holds +Inf on entry.
func rankArgmin2Lanes(e, cc []float64, kp int, lane *[12]float64) {
	for j := 0; j < kp; j += 4 {
		for k := range 4 {
			r := cc[j+k] - (e[j+k] + e[j+k])
			switch {
			case j == 0:
				lane[k], lane[4+k] = r, float64(k)
			case r < lane[k]:
				lane[8+k] = lane[k]
				lane[k], lane[4+k] = r, float64(j+k)
			default:
				lane[8+k] = vmin(lane[8+k], r)
			}
		}
	}
}

// argmin2Lanes reduces rankArgmin2's lanes as rankArgmin2AVX does: the
// smallest minimum r1, the lowest index among the lanes holding it, and the
// smallest of the winning lane's second place and the other lanes' minima.
func argmin2Lanes(lane *[12]float64) (best int, r1, r2 float64) {
	hmin := func(v [4]float64) float64 { return vmin(vmin(v[0], v[2]), vmin(v[1], v[3])) }
	m, idx, sec := [4]float64(lane[:4]), [4]float64(lane[4:8]), [4]float64(lane[8:12])
	r1 = hmin(m)
	var cand, rest [4]float64
	for l := range 4 {
		cand[l] = inf
		if m[l] == r1 {
			cand[l] = idx[l]
		}
	}
	b := hmin(cand)
	for l := range 4 {
		rest[l] = m[l]
		if idx[l] == b {
			rest[l] = sec[l]
		}
	}
	return int(b), r1, hmin(rest)
}
