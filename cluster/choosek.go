package cluster

import (
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
}

// KScore holds the quality figures of one k.
type KScore struct {
	K                int
	Inertia          float64 // lower is better, always decreasing in k
	Silhouette       float64 // in [-1, 1], higher is better
	CalinskiHarabasz float64 // higher is better
	DaviesBouldin    float64 // lower is better
}

// KChoice is the result of a ChooseK scan.
type KChoice struct {
	Scores []KScore
	// Elbow is the knee of the inertia curve (Kneedle, see Elbow); 0 when
	// fewer than three k were scanned.
	Elbow int
	// BestSilhouette, BestCalinskiHarabasz and BestDaviesBouldin are the
	// k with the best value of each score (the smallest k on ties).
	BestSilhouette, BestCalinskiHarabasz, BestDaviesBouldin int
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
		res.Scores = append(res.Scores, s)
		ks = append(ks, k)
		in = append(in, s.Inertia)
	}
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
		res.Elbow, _ = Elbow(ks, in)
	}
	return res, nil
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
	if len(seeds) < 2 {
		return 0, fmt.Errorf("stability: %w: need at least 2 seeds, got %d", ErrConfig, len(seeds))
	}
	labs := make([][]int, len(seeds))
	for i, s := range seeds {
		m, err := KMeans{K: k, Seed: s}.Fit(X)
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
