package cluster

import (
	"cmp"
	"context"
	"fmt"

	"gonum.org/v1/gonum/mat"
)

// AutoMacro as MicroMacro.Macro chooses the number of macro segments.
const AutoMacro = -1

// Defaults of the automatic choice of the number of macro segments.
const (
	DefaultMinMacro       = 2
	DefaultMaxMacro       = 10
	DefaultStabilitySeeds = 5
	// autoSilhouetteRows caps the rows the silhouette of each k is computed
	// on (a seeded sample): O(rows² d) per k.
	autoSilhouetteRows = 3000
)

// fitAuto chooses the number of macro segments as ChooseK chooses k, on the
// macro segments themselves: the micro -> macro segmentation is fitted with
// StabilitySeeds seeds; every Ward tree is cut at each k of
// MinMacro..MaxMacro; a k's stability is the mean adjusted Rand index of
// the cuts of every pair of seeds (Ben-Hur, Elisseeff and Guyon, PSB 2002)
// and its silhouette (Rousseeuw 1987) that of the first seed's cut. The
// chosen k is the largest k at least DefaultMinStability stable whose
// silhouette is a local peak (not below either neighbour's, the last k of
// the scan excluded); when none is,
// the highest silhouette among the stable k, else the most stable k
// (bestStable). Why the largest peak rather than the highest silhouette:
// cuts of one Ward tree are nested, and the root split (k = 2) nearly
// always has the highest silhouette, however clear a finer level is; a
// finer k that reproduces across seeds and whose silhouette rises to it
// is a level of structure of its own (on synthetic accounts of 6 hidden
// personas the silhouette peaks at 2 and 6, both stable). The scan's fits
// keep Ward's cuts (WardOnly: the cuts of one tree are nested); the model is
// then fitted at the chosen k with Seed, as MicroMacro with that Macro
// would be (refined unless WardOnly), so Seed alone decides it.
func (mm MicroMacro) fitAuto(ctx context.Context, X mat.Matrix, micro int) (*MicroMacroModel, error) {
	kmin := cmp.Or(mm.MinMacro, DefaultMinMacro)
	kmax := min(cmp.Or(mm.MaxMacro, DefaultMaxMacro), micro)
	seeds := cmp.Or(mm.StabilitySeeds, DefaultStabilitySeeds)
	if kmin < 2 || kmax < kmin || seeds < 2 {
		return nil, fmt.Errorf("micromacro: %w: MinMacro %d, MaxMacro %d (at most Micro %d), StabilitySeeds %d: want 2 <= MinMacro <= MaxMacro and 2 seeds or more",
			ErrConfig, kmin, kmax, micro, seeds)
	}
	fits := make([]*MicroMacroModel, seeds)
	for i := range fits {
		c := mm
		c.Seed = mm.Seed + uint64(i)
		c.WardOnly = true
		if i > 0 {
			c.Progress = nil // one seed's progress is the progress
		}
		var err error
		if fits[i], err = c.fit(ctx, X, micro, kmax); err != nil {
			return nil, err
		}
	}
	n, _ := X.Dims()
	res := &KChoice{}
	var ks []int
	var inertia []float64
	for k := kmin; k <= kmax; k++ {
		labs := make([][]int, seeds)
		for i, f := range fits {
			m, err := f.recut(k)
			if err != nil {
				return nil, err
			}
			labs[i] = m.macroLabels
		}
		s, err := macroScore(X, labs, k, min(n, autoSilhouetteRows), mm.Seed)
		if err != nil {
			return nil, fmt.Errorf("micromacro: choosing the number of macro segments: k = %d: %w", k, err)
		}
		res.Scores = append(res.Scores, s)
		ks = append(ks, k)
		inertia = append(inertia, s.Inertia)
	}
	res.pick(ks, inertia, DefaultMinStability)
	if k := finestPeak(res.Scores, DefaultMinStability); k > 0 {
		res.Best = k
		res.Why = fmt.Sprintf("the largest k at least %.2f stable whose silhouette is a peak", DefaultMinStability)
	}
	m, err := mm.fit(ctx, X, micro, res.Best)
	if err != nil {
		return nil, err
	}
	m.choice = res
	return m, nil
}

// finestPeak returns the largest k at least minStability stable whose
// silhouette is not below either neighbour's, or 0. The first k of the scan
// has one neighbour; the last is never a peak, as what follows it is
// unknown (a silhouette still rising there is a level beyond the scan).
func finestPeak(scores []KScore, minStability float64) int {
	for i := len(scores) - 2; i >= 0; i-- {
		s := scores[i]
		if s.Stability >= minStability && (i == 0 || s.Silhouette >= scores[i-1].Silhouette) && s.Silhouette >= scores[i+1].Silhouette {
			return s.K
		}
	}
	return 0
}

// recut returns the model cut at k macro segments instead, with its
// training labels.
func (m *MicroMacroModel) recut(k int) (*MicroMacroModel, error) {
	c, err := mmCut(m.micro, m.tree, m.leaves, m.sizes, k)
	if err != nil {
		return nil, err
	}
	c.microLabels, c.miniBatch = m.microLabels, m.miniBatch
	c.macroLabels = make([]int, len(m.microLabels))
	for i, l := range m.microLabels {
		c.macroLabels[i] = c.toMacro[l]
	}
	return c, nil
}

// macroScore scores the cuts labs (one per seed) at k: the figures of the
// first, and the stability across all.
func macroScore(X mat.Matrix, labs [][]int, k, sample int, seed uint64) (KScore, error) {
	s := KScore{K: k}
	var err error
	if s.Silhouette, err = SilhouetteSample(X, labs[0], sample, seed); err != nil {
		return s, err
	}
	if s.CalinskiHarabasz, err = CalinskiHarabasz(X, labs[0]); err != nil {
		return s, err
	}
	if s.DaviesBouldin, err = DaviesBouldin(X, labs[0]); err != nil {
		return s, err
	}
	x, n, d, err := kmDense(X)
	if err != nil {
		return s, err
	}
	lab, sizes, err := kmLabels(labs[0], n)
	if err != nil {
		return s, err
	}
	cent, _ := kmCentroids(x, n, d, lab, sizes)
	for i := 0; i < n; i++ {
		for p, v := range x[i*d : (i+1)*d] {
			e := v - cent[lab[i]*d+p]
			s.Inertia += e * e
		}
	}
	var pairs int
	for i := range labs {
		for j := i + 1; j < len(labs); j++ {
			a, err := AdjustedRandIndex(labs[i], labs[j])
			if err != nil {
				return s, err
			}
			s.Stability += a
			pairs++
		}
	}
	s.Stability /= float64(pairs)
	return s, nil
}
