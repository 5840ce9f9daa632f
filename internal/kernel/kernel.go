package kernel

import "math"

// SqDist is the squared Euclidean distance between a and b (len(b) >=
// len(a)), summed in four interleaved accumulators (lane k takes the
// coordinates k, k+4, ... in order; the tail goes to lane 0) and combined
// as (s0+s1)+(s2+s3). SqDists gives the same bits.
func SqDist(a, b []float64) float64 {
	d := len(a)
	var s0, s1, s2, s3 float64
	j := 0
	for ; j+4 <= d; j += 4 {
		t0, t1, t2, t3 := a[j]-b[j], a[j+1]-b[j+1], a[j+2]-b[j+2], a[j+3]-b[j+3]
		s0 += t0 * t0
		s1 += t1 * t1
		s2 += t2 * t2
		s3 += t3 * t3
	}
	for ; j < d; j++ {
		t := a[j] - b[j]
		s0 += t * t
	}
	return (s0 + s1) + (s2 + s3)
}

// Euclid is the Euclidean distance, summed in coordinate order like
// scipy's pdist so that equal distances tie exactly as they do there.
// EuclidBlocks gives the same bits.
func Euclid(a, b []float64) float64 {
	b = b[:len(a)]
	s := 0.0
	for k, v := range a {
		t := v - b[k]
		s += t * t
	}
	return math.Sqrt(s)
}

// Transpose4 lays rows [0, 4·floor(n/4)) of data out in blocks of 4 rows,
// coordinate-major within a block (t[b·4d + 4k + l] = data[(4b+l)·d + k]),
// so that a vector load reads one coordinate of 4 rows (see EuclidBlocks).
func Transpose4(data []float64, n, d int) []float64 {
	nb := n / 4
	t := make([]float64, nb*4*d)
	for b := range nb {
		for l := range 4 {
			row := data[(4*b+l)*d : (4*b+l)*d+d]
			for k, v := range row {
				t[b*4*d+4*k+l] = v
			}
		}
	}
	return t
}
