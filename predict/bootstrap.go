package predict

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"

	"github.com/segmenta/segmenta/internal/parallel"
)

// Metric is a score of probabilities p against 0/1 labels y with optional
// weights w, such as ROCAUC, AveragePrecision or LogLoss. A row of weight
// k must count as k copies of that row: BootstrapInterval resamples by
// weights, and calls the metric from several goroutines at once.
type Metric func(y, p, w []float64) (float64, error)

// BootstrapInterval returns the percentile bootstrap interval of metric at
// confidence level (0.95 when 0) over rounds resamples of the rows drawn
// with replacement (1000 when 0), seeded by seed (Efron & Tibshirani, An
// Introduction to the Bootstrap, 1993, ch. 13). Resamples holding a single
// class are redrawn, up to rounds more times. It fails with ErrConfig for a
// level outside (0, 1) and with the errors of metric on the full sample.
//
// A resample is passed to metric as the rows sorted once by decreasing
// score with weights counting how often each row was drawn, so that the
// ranking metrics do not sort again: each round costs O(n), not
// O(n log n). For ROCAUC and AveragePrecision the counts are integers,
// so every resample's value is exactly that of the resampled rows.
func BootstrapInterval(y, p []float64, metric Metric, level float64, rounds int, seed uint64) (lo, hi float64, err error) {
	if level == 0 {
		level = 0.95
	}
	if rounds == 0 {
		rounds = 1000
	}
	if !(level > 0 && level < 1) || rounds < 0 {
		return 0, 0, fmt.Errorf("predict: bootstrap: level %v, rounds %d: %w", level, rounds, ErrConfig)
	}
	if _, err := metric(y, p, nil); err != nil {
		return 0, 0, fmt.Errorf("predict: bootstrap: %w", err)
	}
	ys, ps, pos := sortedByScore(y, p)
	if err := honoursWeights(ys, ps, metric); err != nil {
		return 0, 0, err
	}
	// Draw t resamples from stream t, in batches of rounds run in
	// parallel, and keep the first rounds that hold both classes: the
	// same values whatever GOMAXPROCS.
	vals := make([]float64, 0, rounds)
	for first := 0; len(vals) < rounds && first < 2*rounds; first += rounds {
		batch, err := resample(ys, ps, pos, metric, seed, first, rounds)
		if err != nil {
			return 0, 0, err
		}
		for _, v := range batch {
			if !math.IsNaN(v) && len(vals) < rounds {
				vals = append(vals, v)
			}
		}
	}
	if len(vals) == 0 {
		return 0, 0, fmt.Errorf("predict: bootstrap: every resample holds one class: %w", ErrSingleClass)
	}
	sort.Float64s(vals)
	a := (1 - level) / 2
	return quantileSorted(vals, a), quantileSorted(vals, 1-a), nil
}

// resample scores the resamples first..first+count-1 of the rows ys, ps
// (sorted by score; pos maps a row to its place), resample t drawn from
// its own stream of seed; NaN marks one holding a single class.
func resample(ys, ps []float64, pos []int, metric Metric, seed uint64, first, count int) ([]float64, error) {
	n := len(ys)
	out := make([]float64, count)
	errs := make([]error, count)
	const perChunk = 64 // resamples sharing one weight vector
	parallel.For(count, perChunk, func(_, lo, hi int) {
		w := make([]float64, n)
		for t := lo; t < hi; t++ {
			rng := rand.New(rand.NewPCG(seed, 0xb007+uint64(first+t)))
			clear(w)
			for range n {
				w[pos[rng.IntN(n)]]++
			}
			v, err := metric(ys, ps, w)
			switch {
			case errors.Is(err, ErrSingleClass):
				v = math.NaN()
			case err != nil:
				errs[t] = fmt.Errorf("predict: bootstrap: %w", err)
			}
			out[t] = v
		}
	})
	return out, errors.Join(errs...)
}

// sortedByScore returns y and p in decreasing order of p (stable), and
// pos[i], the position of row i in that order.
func sortedByScore(y, p []float64) (ys, ps []float64, pos []int) {
	n := len(y)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return p[idx[a]] > p[idx[b]] })
	ys, ps, pos = make([]float64, n), make([]float64, n), make([]int, n)
	for k, i := range idx {
		ys[k], ps[k], pos[i] = y[i], p[i], k
	}
	return ys, ps, pos
}

// honoursWeights fails with ErrConfig when metric gives a row of weight 0
// a say: weighted resamples would then be scored as the whole sample, and
// the interval would shrink without a word. The check drops the first row
// by weight and by slicing and compares; it cannot tell when the rest
// holds one class or when that row does not move the metric.
func honoursWeights(y, p []float64, metric Metric) error {
	if len(y) < 3 {
		return nil
	}
	w := make([]float64, len(y))
	for i := 1; i < len(w); i++ {
		w[i] = 1
	}
	want, err := metric(y[1:], p[1:], nil)
	if err != nil {
		return nil // one class left, say: nothing to compare
	}
	got, err := metric(y, p, w)
	if err != nil || math.Abs(got-want) > 1e-9*math.Max(1, math.Abs(want)) {
		return fmt.Errorf("predict: bootstrap: the metric gives %v with the first row weighted 0 and %v without that row (%v): resamples are passed as weights, so a metric must honour them: %w", got, want, err, ErrConfig)
	}
	return nil
}

// quantileSorted is the q-quantile of sorted s by linear interpolation
// between order statistics.
func quantileSorted(s []float64, q float64) float64 {
	pos := q * float64(len(s)-1)
	i := int(math.Floor(pos))
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	f := pos - float64(i)
	return s[i] + f*(s[i+1]-s[i])
}
