package cluster

import (
	"fmt"
	"math"
	"sort"

	"github.com/segmenta/segmenta/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// kmLabels maps arbitrary non-negative labels to 0..L-1 (in increasing label
// order) and checks that 2 <= L <= n-1, as the internal quality metrics need.
func kmLabels(labels []int, n int) (dense []int, sizes []int, err error) {
	if len(labels) != n {
		return nil, nil, fmt.Errorf("%w: %d labels for %d rows", ErrDimension, len(labels), n)
	}
	ids := map[int]int{}
	for i, l := range labels {
		if l < 0 {
			return nil, nil, fmt.Errorf("%w: negative label %d at row %d", ErrLabels, l, i)
		}
		ids[l] = 0
	}
	if len(ids) < 2 || len(ids) > n-1 {
		return nil, nil, fmt.Errorf("%w: %d distinct labels for %d rows (need 2 to n-1)", ErrLabels, len(ids), n)
	}
	keys := make([]int, 0, len(ids))
	for l := range ids {
		keys = append(keys, l)
	}
	sort.Ints(keys)
	for p, l := range keys {
		ids[l] = p
	}
	dense = make([]int, n)
	sizes = make([]int, len(keys))
	for i, l := range labels {
		dense[i] = ids[l]
		sizes[dense[i]]++
	}
	return dense, sizes, nil
}

// Silhouette is the mean silhouette coefficient of all rows (Rousseeuw,
// "Silhouettes: a graphical aid to the interpretation and validation of
// cluster analysis", 1987), with Euclidean distances computed as
// sqrt(||x||² + ||y||² - 2 x·y) like scikit-learn's
// silhouette_score: s(i) = (b-a)/max(a,b) where a is the mean distance to
// the other members of i's cluster and b the smallest mean distance to
// another cluster; s(i) = 0 for a singleton. Exact: O(n²·d) time, no
// n x n matrix (O(n·d) extra memory), chunk-parallel with a fixed reduction
// order. Labels are any
// non-negative integers; 2 <= distinct labels <= n-1.
func Silhouette(X mat.Matrix, labels []int) (float64, error) {
	x, n, d, err := kmDense(X)
	if err != nil {
		return 0, fmt.Errorf("silhouette: %w", err)
	}
	lab, sizes, err := kmLabels(labels, n)
	if err != nil {
		return 0, fmt.Errorf("silhouette: %w", err)
	}
	return kmSilhouette(x, n, d, lab, sizes), nil
}

func kmSilhouette(x []float64, n, d int, lab, sizes []int) float64 {
	L := len(sizes)
	// Every row as a "centre" of the distance kernel: one vectorised pass
	// per row gives its dot products with all rows; distances follow from
	// the norms (the same formulation as scikit-learn's).
	all := newKMCentresT(n, d)
	all.set(x)
	part := make([]float64, parallel.Chunks(n, kmChunk))
	parallel.For(n, kmChunk, func(ch, lo, hi int) {
		sum := make([]float64, L)
		buf := make([]float64, all.kp)
		var acc float64
		for i := lo; i < hi; i++ {
			clear(sum)
			xi := x[i*d : (i+1)*d]
			xx := all.cc[i]
			kmDots(xi, all, buf)
			for j, dot := range buf[:n] {
				sum[lab[j]] += math.Sqrt(kmClamp(xx + all.cc[j] - 2*dot))
			}
			own := lab[i]
			if sizes[own] == 1 {
				continue // s(i) = 0
			}
			a := sum[own] / float64(sizes[own]-1)
			b := math.Inf(1)
			for c, s := range sum {
				if c != own {
					b = math.Min(b, s/float64(sizes[c]))
				}
			}
			if m := math.Max(a, b); m > 0 {
				acc += (b - a) / m
			}
		}
		part[ch] = acc
	})
	var s float64
	for _, v := range part {
		s += v
	}
	return s / float64(n)
}

// SilhouetteSample is Silhouette on sampleSize rows drawn without
// replacement (seeded), as scikit-learn's silhouette_score(sample_size=...):
// O(sampleSize²·d) for large n. With sampleSize >= n it is Silhouette.
func SilhouetteSample(X mat.Matrix, labels []int, sampleSize int, seed uint64) (float64, error) {
	x, n, d, err := kmDense(X)
	if err != nil {
		return 0, fmt.Errorf("silhouette: %w", err)
	}
	if len(labels) != n {
		return 0, fmt.Errorf("silhouette: %w: %d labels for %d rows", ErrDimension, len(labels), n)
	}
	if sampleSize < 2 {
		return 0, fmt.Errorf("silhouette: %w: sample size %d", ErrConfig, sampleSize)
	}
	if sampleSize < n {
		idx := kmRand(seed, -2).Perm(n)[:sampleSize]
		sx := make([]float64, sampleSize*d)
		sl := make([]int, sampleSize)
		for p, i := range idx {
			copy(sx[p*d:(p+1)*d], x[i*d:(i+1)*d])
			sl[p] = labels[i]
		}
		x, n, labels = sx, sampleSize, sl
	}
	lab, sizes, err := kmLabels(labels, n)
	if err != nil {
		return 0, fmt.Errorf("silhouette: %w", err)
	}
	return kmSilhouette(x, n, d, lab, sizes), nil
}

// kmCentroids returns the L cluster means and the overall mean.
func kmCentroids(x []float64, n, d int, lab, sizes []int) (cent, mean []float64) {
	L := len(sizes)
	cent = make([]float64, L*d)
	mean = make([]float64, d)
	for i := 0; i < n; i++ {
		c := cent[lab[i]*d : (lab[i]+1)*d]
		for p, v := range x[i*d : (i+1)*d] {
			c[p] += v
			mean[p] += v
		}
	}
	for c := 0; c < L; c++ {
		for p := 0; p < d; p++ {
			cent[c*d+p] /= float64(sizes[c])
		}
	}
	for p := range mean {
		mean[p] /= float64(n)
	}
	return cent, mean
}

// CalinskiHarabasz is the variance ratio criterion (Calinski and Harabasz,
// "A dendrite method for cluster analysis", 1974): between-cluster
// dispersion over within-cluster dispersion, each divided by its degrees of
// freedom; higher is better. 1 when the within-cluster dispersion is zero,
// as scikit-learn.
func CalinskiHarabasz(X mat.Matrix, labels []int) (float64, error) {
	x, n, d, err := kmDense(X)
	if err != nil {
		return 0, fmt.Errorf("calinski-harabasz: %w", err)
	}
	lab, sizes, err := kmLabels(labels, n)
	if err != nil {
		return 0, fmt.Errorf("calinski-harabasz: %w", err)
	}
	cent, mean := kmCentroids(x, n, d, lab, sizes)
	var extra, intra float64
	for c, sz := range sizes {
		extra += float64(sz) * kmSqDist(cent[c*d:(c+1)*d], mean)
	}
	for i := 0; i < n; i++ {
		intra += kmSqDist(x[i*d:(i+1)*d], cent[lab[i]*d:(lab[i]+1)*d])
	}
	if intra == 0 {
		return 1, nil
	}
	L := float64(len(sizes))
	return extra * (float64(n) - L) / (intra * (L - 1)), nil
}

// DaviesBouldin is the Davies-Bouldin index ("A cluster separation
// measure", 1979): the mean over clusters of the worst ratio (s_i + s_j) /
// d(c_i, c_j), s being the mean distance of members to their centroid;
// lower is better, 0 in the degenerate cases, as scikit-learn.
func DaviesBouldin(X mat.Matrix, labels []int) (float64, error) {
	x, n, d, err := kmDense(X)
	if err != nil {
		return 0, fmt.Errorf("davies-bouldin: %w", err)
	}
	lab, sizes, err := kmLabels(labels, n)
	if err != nil {
		return 0, fmt.Errorf("davies-bouldin: %w", err)
	}
	cent, _ := kmCentroids(x, n, d, lab, sizes)
	L := len(sizes)
	s := make([]float64, L)
	for i := 0; i < n; i++ {
		s[lab[i]] += math.Sqrt(kmSqDist(x[i*d:(i+1)*d], cent[lab[i]*d:(lab[i]+1)*d]))
	}
	allS, allC := true, true
	for c := range s {
		s[c] /= float64(sizes[c])
		if s[c] != 0 {
			allS = false
		}
	}
	cd := make([]float64, L*L)
	for a := 0; a < L; a++ {
		for b := 0; b < L; b++ {
			cd[a*L+b] = math.Sqrt(kmSqDist(cent[a*d:(a+1)*d], cent[b*d:(b+1)*d]))
			if cd[a*L+b] != 0 {
				allC = false
			}
		}
	}
	if allS || allC {
		return 0, nil
	}
	var sum float64
	for a := 0; a < L; a++ {
		var worst float64
		for b := 0; b < L; b++ {
			if cd[a*L+b] == 0 {
				continue // scikit-learn treats it as an infinite distance
			}
			worst = math.Max(worst, (s[a]+s[b])/cd[a*L+b])
		}
		sum += worst
	}
	return sum / float64(L), nil
}

// AdjustedRandIndex is the Rand index of two partitions of the same items,
// adjusted for chance (Hubert and Arabie, "Comparing partitions", 1985):
// 1 for identical partitions (up to renaming), about 0 for independent
// ones. Labels are arbitrary integers. Computed from the pair confusion
// matrix, like scikit-learn's adjusted_rand_score.
func AdjustedRandIndex(a, b []int) (float64, error) {
	if len(a) != len(b) {
		return 0, fmt.Errorf("adjusted rand index: %w: %d and %d labels", ErrDimension, len(a), len(b))
	}
	n := len(a)
	if n == 0 {
		return 0, fmt.Errorf("adjusted rand index: %w: no labels", ErrEmptyInput)
	}
	type pair struct{ x, y int }
	cont := map[pair]int64{}
	rowSum := map[int]int64{}
	colSum := map[int]int64{}
	for i := range a {
		cont[pair{a[i], b[i]}]++
		rowSum[a[i]]++
		colSum[b[i]]++
	}
	// Integer sums: exact, whatever the map iteration order.
	var isq, icol, irow int64
	for p, v := range cont {
		isq += v * v
		icol += v * colSum[p.y]
		irow += v * rowSum[p.x]
	}
	nn := int64(n)
	tp := float64(isq - nn)
	fp := float64(icol - isq)
	fn := float64(irow - isq)
	tn := float64(nn*nn - (icol - isq) - (irow - isq) - isq)
	if fn == 0 && fp == 0 {
		return 1, nil
	}
	return 2 * (tp*tn - fn*fp) / ((tp+fn)*(fn+tn) + (tp+fp)*(fp+tn)), nil
}
