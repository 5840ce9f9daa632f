package synth

import (
	"math"
	"math/rand/v2"
	"sort"
)

// auc is the Mann-Whitney ROC AUC of score against 0/1 labels y, ties
// counted half.
func auc(score, y []float64) float64 {
	idx := make([]int, len(score))
	for i := range idx {
		idx[i] = i
	}
	sort.Slice(idx, func(a, b int) bool { return score[idx[a]] < score[idx[b]] })
	var rankSum, npos float64
	for r := 0; r < len(idx); {
		j := r
		for j < len(idx) && score[idx[j]] == score[idx[r]] {
			j++
		}
		avg := float64(r+j+1) / 2
		for k := r; k < j; k++ {
			if y[idx[k]] == 1 {
				rankSum += avg
				npos++
			}
		}
		r = j
	}
	nneg := float64(len(score)) - npos
	return (rankSum - npos*(npos+1)/2) / (npos * nneg)
}

// ari is the adjusted Rand index of Hubert and Arabie (1985).
func ari(a, b []int) float64 {
	type pair struct{ x, y int }
	nij := map[pair]float64{}
	ai := map[int]float64{}
	bj := map[int]float64{}
	for i := range a {
		nij[pair{a[i], b[i]}]++
		ai[a[i]]++
		bj[b[i]]++
	}
	c2 := func(n float64) float64 { return n * (n - 1) / 2 }
	var sij, sa, sb float64
	for _, v := range nij {
		sij += c2(v)
	}
	for _, v := range ai {
		sa += c2(v)
	}
	for _, v := range bj {
		sb += c2(v)
	}
	exp := sa * sb / c2(float64(len(a)))
	return (sij - exp) / ((sa+sb)/2 - exp)
}

// kmeans is a small Lloyd k-means with k-means++ seeding (Arthur and
// Vassilvitskii 2007), best of nInit by inertia: just enough to check that
// the personas are recoverable without importing the cluster package.
func kmeans(x [][]float64, k, nInit int, seed uint64) []int {
	r := rand.New(rand.NewPCG(seed, 1))
	dist := func(a, b []float64) float64 {
		s := 0.0
		for j := range a {
			d := a[j] - b[j]
			s += d * d
		}
		return s
	}
	var best []int
	bestInertia := math.Inf(1)
	for range nInit {
		cent := [][]float64{append([]float64(nil), x[r.IntN(len(x))]...)}
		d2 := make([]float64, len(x))
		for len(cent) < k {
			sum := 0.0
			for i, p := range x {
				d2[i] = math.Inf(1)
				for _, c := range cent {
					d2[i] = math.Min(d2[i], dist(p, c))
				}
				sum += d2[i]
			}
			u := r.Float64() * sum
			i := 0
			for ; i < len(x)-1 && u >= d2[i]; i++ {
				u -= d2[i]
			}
			cent = append(cent, append([]float64(nil), x[i]...))
		}
		lab := make([]int, len(x))
		inertia := 0.0
		for range 100 {
			inertia = 0
			for i, p := range x {
				bd := math.Inf(1)
				for c := range cent {
					if d := dist(p, cent[c]); d < bd {
						bd, lab[i] = d, c
					}
				}
				inertia += bd
			}
			cnt := make([]float64, k)
			for c := range cent {
				for j := range cent[c] {
					cent[c][j] = 0
				}
			}
			for i, p := range x {
				cnt[lab[i]]++
				for j, v := range p {
					cent[lab[i]][j] += v
				}
			}
			for c := range cent {
				for j := range cent[c] {
					if cnt[c] > 0 {
						cent[c][j] /= cnt[c]
					}
				}
			}
		}
		if inertia < bestInertia {
			bestInertia, best = inertia, append([]int(nil), lab...)
		}
	}
	return best
}

// standardize scales each column of x to mean 0, variance 1 in place.
func standardize(x [][]float64) {
	for j := range x[0] {
		var m, v float64
		for _, r := range x {
			m += r[j]
		}
		m /= float64(len(x))
		for _, r := range x {
			v += (r[j] - m) * (r[j] - m)
		}
		sd := math.Sqrt(v / float64(len(x)))
		for _, r := range x {
			r[j] = (r[j] - m) / sd
		}
	}
}
