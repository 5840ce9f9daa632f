package cluster

import "math"

// Distance kernels. Go does not vectorise, so throughput comes from
// independent accumulator chains: the multi-centre kernels compute the dot
// products of one point with four centres at once (each point coordinate is
// loaded once and used four times), and the squared distance follows from
// ||x||² + ||c||² - 2 x·c with precomputed norms, as scikit-learn's BLAS
// formulation does. Every dot product (norms included) is summed in the same
// order, one coordinate after the other, so a point identical to a centre gets
// a squared distance of exactly zero.

// kmDot is x·y summed in coordinate order.
func kmDot(x, y []float64) float64 {
	y = y[:len(x)]
	var s float64
	for j, v := range x {
		s += v * y[j]
	}
	return s
}

// kmDot4 returns the dot products of x with c0..c3.
func kmDot4(x, c0, c1, c2, c3 []float64) (s0, s1, s2, s3 float64) {
	n := len(x)
	c0, c1, c2, c3 = c0[:n], c1[:n], c2[:n], c3[:n]
	for j, v := range x {
		s0 += v * c0[j]
		s1 += v * c1[j]
		s2 += v * c2[j]
		s3 += v * c3[j]
	}
	return
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

// kmAllDist writes into out[j] the squared distance from x (with norm xx) to
// every centre j of c (k rows of length d, norms cc), clamped at zero.
func kmAllDist(x []float64, xx float64, c []float64, cc []float64, out []float64) {
	d := len(x)
	k := len(cc)
	out = out[:k]
	j := 0
	for ; j+4 <= k; j += 4 {
		o := j * d
		s0, s1, s2, s3 := kmDot4(x, c[o:o+d], c[o+d:o+2*d], c[o+2*d:o+3*d], c[o+3*d:o+4*d])
		out[j] = kmClamp(xx + cc[j] - 2*s0)
		out[j+1] = kmClamp(xx + cc[j+1] - 2*s1)
		out[j+2] = kmClamp(xx + cc[j+2] - 2*s2)
		out[j+3] = kmClamp(xx + cc[j+3] - 2*s3)
	}
	for ; j < k; j++ {
		out[j] = kmClamp(xx + cc[j] - 2*kmDot(x, c[j*d:(j+1)*d]))
	}
}

// kmClamp is max(v, 0) for finite v, cheaper than math.Max (no NaN or
// signed-zero handling, and inlined).
func kmClamp(v float64) float64 {
	if v < 0 {
		return 0
	}
	return v
}

// kmNearest2 returns the nearest centre of x, its squared distance and the
// squared distance to the second nearest (+Inf when k == 1); ties go to the
// lower index. It ranks centres by ||c||² - 2 x·c, the squared distance
// minus the constant ||x||².
func kmNearest2(x []float64, xx float64, c, cc []float64) (best int, d1, d2 float64) {
	d := len(x)
	k := len(cc)
	d1, d2 = math.Inf(1), math.Inf(1)
	j := 0
	for ; j+4 <= k; j += 4 {
		o := j * d
		s0, s1, s2, s3 := kmDot4(x, c[o:o+d], c[o+d:o+2*d], c[o+2*d:o+3*d], c[o+3*d:o+4*d])
		v := [4]float64{cc[j] - 2*s0, cc[j+1] - 2*s1, cc[j+2] - 2*s2, cc[j+3] - 2*s3}
		for t, e := range v {
			if e < d2 {
				if e < d1 {
					d1, d2, best = e, d1, j+t
				} else {
					d2 = e
				}
			}
		}
	}
	for ; j < k; j++ {
		e := cc[j] - 2*kmDot(x, c[j*d:(j+1)*d])
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
