package cluster

import (
	"cmp"
	"context"
	"fmt"
	"math"

	"github.com/segmenta/segmenta/internal/errs"
	"gonum.org/v1/gonum/mat"
)

// ChooseK scans k = KMin..KMax with KMeans and scores every k, to help pick
// the number of segments. The zero value of every field is a default.
type ChooseK struct {
	// KMin and KMax bound the scan (defaults 2 and 10; KMin >= 2).
	KMin, KMax int
	// Seed, NInit and Algorithm configure each KMeans fit (see KMeans).
	Seed      uint64
	NInit     int
	Algorithm string
	// SampleSize caps the rows the silhouette is computed on (seeded
	// sample, see SilhouetteSample): default 10,000; the silhouette is
	// exact when the data has no more rows.
	SampleSize int
	// StabilitySeeds, when at least 2, also measures each k's Stability
	// over that many seeds (Seed, Seed+1, ...) and makes KChoice.Best the
	// most stable choice (see KChoice.Best). Zero skips it.
	StabilitySeeds int
	// MinStability is the stability a k needs to be chosen as Best
	// (default 0.8, on the adjusted Rand index scale).
	MinStability float64 `json:"min_stability,omitempty"`
}

// DefaultMinStability is ChooseK.MinStability's default: pairs of runs
// agreeing at an adjusted Rand index of 0.8 or more put nearly every
// account in the same segment whatever the seed.
const DefaultMinStability = 0.8

// KScore holds the quality figures of one k.
type KScore struct {
	K                int     `json:"k"`
	Inertia          float64 `json:"inertia"`           // lower is better, always decreasing in k
	Silhouette       float64 `json:"silhouette"`        // in [-1, 1], higher is better
	CalinskiHarabasz float64 `json:"calinski_harabasz"` // higher is better
	DaviesBouldin    float64 `json:"davies_bouldin"`    // lower is better
	// Stability is the mean adjusted Rand index between runs of different
	// seeds (see Stability), in [-1, 1], 1 when the seed does not matter;
	// 0 when ChooseK.StabilitySeeds is below 2.
	Stability float64 `json:"stability"`
}

// KChoice is the result of a ChooseK scan.
type KChoice struct {
	Scores []KScore `json:"scores"`
	// Elbow is the knee of the inertia curve (Kneedle, see Elbow); 0 when
	// fewer than three k were scanned.
	Elbow int `json:"elbow"`
	// BestSilhouette, BestCalinskiHarabasz and BestDaviesBouldin are the
	// k with the best value of each score (the smallest k on ties).
	BestSilhouette       int `json:"best_silhouette"`
	BestCalinskiHarabasz int `json:"best_calinski_harabasz"`
	BestDaviesBouldin    int `json:"best_davies_bouldin"`
	// Best is the chosen k: with stability measured, the k of highest
	// silhouette among those at least MinStability stable (the most stable
	// k when none is); without, BestSilhouette. A stable k reproduces
	// across seeds, the idea of stability-based model selection (Ben-Hur,
	// Elisseeff and Guyon, "A stability based method for discovering
	// structure in clustered data", PSB 2002); among those, the silhouette
	// (Rousseeuw, "Silhouettes: a graphical aid to the interpretation and
	// validation of cluster analysis", 1987) prefers compact, separated
	// segments.
	Best int `json:"best"`
	// MinStability is the threshold Best used (0 without stability).
	MinStability float64
	// Why says in words which rule chose Best.
	Why string `json:"why"`
}

// Fit runs the scan.
func (c ChooseK) Fit(X mat.Matrix) (*KChoice, error) {
	return c.FitContext(context.Background(), X)
}

// FitContext is Fit, cancellable.
func (c ChooseK) FitContext(ctx context.Context, X mat.Matrix) (*KChoice, error) {
	kmin, kmax, ss := c.KMin, c.KMax, c.SampleSize
	if kmin == 0 {
		kmin = 2
	}
	if kmax == 0 {
		kmax = 10
	}
	if ss == 0 {
		ss = 10000
	}
	if kmin < 2 || kmax < kmin {
		return nil, fmt.Errorf("choose k: %w: KMin %d, KMax %d (need 2 <= KMin <= KMax)", ErrInvalidK, kmin, kmax)
	}
	res := &KChoice{}
	ks := []int{}
	in := []float64{}
	for k := kmin; k <= kmax; k++ {
		m, err := KMeans{K: k, Seed: c.Seed, NInit: c.NInit, Algorithm: c.Algorithm}.FitContext(ctx, X)
		if err != nil {
			return nil, fmt.Errorf("choose k: k = %d: %w", k, err)
		}
		lab := m.Labels()
		s := KScore{K: k, Inertia: m.Inertia()}
		if s.Silhouette, err = SilhouetteSample(X, lab, ss, c.Seed); err != nil {
			return nil, fmt.Errorf("choose k: k = %d: %w", k, err)
		}
		if s.CalinskiHarabasz, err = CalinskiHarabasz(X, lab); err != nil {
			return nil, fmt.Errorf("choose k: k = %d: %w", k, err)
		}
		if s.DaviesBouldin, err = DaviesBouldin(X, lab); err != nil {
			return nil, fmt.Errorf("choose k: k = %d: %w", k, err)
		}
		if c.StabilitySeeds >= 2 {
			seeds := make([]uint64, c.StabilitySeeds)
			for i := range seeds {
				seeds[i] = c.Seed + uint64(i)
			}
			if s.Stability, err = stability(ctx, X, k, seeds); err != nil {
				return nil, fmt.Errorf("choose k: k = %d: %w", k, err)
			}
		}
		res.Scores = append(res.Scores, s)
		ks = append(ks, k)
		in = append(in, s.Inertia)
	}
	minStability := 0.0
	if c.StabilitySeeds >= 2 {
		minStability = cmp.Or(c.MinStability, DefaultMinStability)
	}
	res.pick(ks, in, minStability)
	return res, nil
}

// pick sets the best k of every score, the elbow and Best: with
// minStability > 0 by bestStable, else the best silhouette.
func (res *KChoice) pick(ks []int, inertia []float64, minStability float64) {
	best := func(score func(KScore) float64) int {
		b := res.Scores[0]
		for _, s := range res.Scores[1:] {
			if score(s) > score(b) {
				b = s
			}
		}
		return b.K
	}
	res.BestSilhouette = best(func(s KScore) float64 { return s.Silhouette })
	res.BestCalinskiHarabasz = best(func(s KScore) float64 { return s.CalinskiHarabasz })
	res.BestDaviesBouldin = best(func(s KScore) float64 { return -s.DaviesBouldin })
	if len(ks) >= 3 {
		res.Elbow, _ = Elbow(ks, inertia)
	}
	res.Best, res.Why = res.BestSilhouette, "the highest silhouette"
	if minStability > 0 {
		res.MinStability = minStability
		res.Best = bestStable(res.Scores, minStability)
		res.Why = fmt.Sprintf("no k is %.2f stable: the most stable k", minStability)
		for _, s := range res.Scores {
			if s.Stability >= minStability {
				res.Why = fmt.Sprintf("the highest silhouette among the k at least %.2f stable", minStability)
			}
		}
	}
}

// bestStable is the k of highest silhouette among the scores at least
// minStability
// stable, or the most stable k when none is (the smallest k on ties).
func bestStable(scores []KScore, minStability float64) int {
	best := -1
	for i, s := range scores {
		if s.Stability >= minStability && (best < 0 || s.Silhouette > scores[best].Silhouette) {
			best = i
		}
	}
	if best >= 0 {
		return scores[best].K
	}
	best = 0
	for i, s := range scores {
		if s.Stability > scores[best].Stability {
			best = i
		}
	}
	return scores[best].K
}

// Elbow returns the knee of a decreasing inertia curve by Kneedle (Satopaa,
// Albrecht, Irwin and Raghavan, "Finding a 'kneedle' in a haystack", 2011):
// both axes are scaled to [0, 1] and the knee is the k whose point lies
// farthest below the chord from the first to the last point, i.e. the
// maximum of the difference curve (1 - x) - y. ks must be increasing; at
// least three points are needed.
func Elbow(ks []int, inertia []float64) (int, error) {
	if len(ks) != len(inertia) {
		return 0, fmt.Errorf("elbow: %w: %d k values, %d inertias", ErrDimension, len(ks), len(inertia))
	}
	if len(ks) < 3 {
		return 0, fmt.Errorf("elbow: %w: need at least 3 points, got %d", ErrConfig, len(ks))
	}
	for i, v := range inertia {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return 0, fmt.Errorf("elbow: %w", &errs.ColumnError{Column: "inertia", Row: i, Err: fmt.Errorf("%w: %v", ErrNonFinite, v)})
		}
		if i > 0 && ks[i] <= ks[i-1] {
			return 0, fmt.Errorf("elbow: %w: k values must increase (%d after %d)", ErrConfig, ks[i], ks[i-1])
		}
	}
	x0, x1 := float64(ks[0]), float64(ks[len(ks)-1])
	lo, hi := inertia[0], inertia[0]
	for _, v := range inertia {
		lo, hi = math.Min(lo, v), math.Max(hi, v)
	}
	if hi == lo {
		return ks[0], nil // flat: no knee, the smallest k
	}
	best, bestD := ks[0], math.Inf(-1)
	for i, k := range ks {
		x := (float64(k) - x0) / (x1 - x0)
		y := (inertia[i] - lo) / (hi - lo)
		if dd := (1 - x) - y; dd > bestD {
			best, bestD = k, dd
		}
	}
	return best, nil
}

// Stability fits KMeans{K: k, Seed: s} once per seed and returns the mean
// adjusted Rand index over all pairs of runs: near 1 when the segmentation
// does not depend on the seed. At least two seeds are needed.
func Stability(X mat.Matrix, k int, seeds []uint64) (float64, error) {
	return stability(context.Background(), X, k, seeds)
}

func stability(ctx context.Context, X mat.Matrix, k int, seeds []uint64) (float64, error) {
	if len(seeds) < 2 {
		return 0, fmt.Errorf("stability: %w: need at least 2 seeds, got %d", ErrConfig, len(seeds))
	}
	labs := make([][]int, len(seeds))
	for i, s := range seeds {
		m, err := KMeans{K: k, Seed: s}.FitContext(ctx, X)
		if err != nil {
			return 0, fmt.Errorf("stability: seed %d: %w", s, err)
		}
		labs[i] = m.Labels()
	}
	var sum float64
	pairs := 0
	for i := range labs {
		for j := i + 1; j < len(labs); j++ {
			a, err := AdjustedRandIndex(labs[i], labs[j])
			if err != nil {
				return 0, err
			}
			sum += a
			pairs++
		}
	}
	return sum / float64(pairs), nil
}
