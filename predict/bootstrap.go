package predict

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
)

// Metric is a score of probabilities p against 0/1 labels y with optional
// weights w, such as ROCAUC, AveragePrecision or LogLoss.
type Metric func(y, p, w []float64) (float64, error)

// BootstrapInterval returns the percentile bootstrap interval of metric at
// confidence level (0.95 when 0) over rounds resamples of the rows drawn
// with replacement (1000 when 0), seeded by seed (Efron & Tibshirani, An
// Introduction to the Bootstrap, 1993, ch. 13). Resamples holding a single
// class are redrawn, up to rounds more times. It fails with ErrConfig for a
// level outside (0, 1) and with the errors of metric on the full sample.
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
	rng := rand.New(rand.NewPCG(seed, 0xb007))
	n := len(y)
	ys, ps := make([]float64, n), make([]float64, n)
	vals := make([]float64, 0, rounds)
	for tries := 0; len(vals) < rounds && tries < 2*rounds; tries++ {
		for i := range ys {
			j := rng.IntN(n)
			ys[i], ps[i] = y[j], p[j]
		}
		v, err := metric(ys, ps, nil)
		if errors.Is(err, ErrSingleClass) {
			continue
		}
		if err != nil {
			return 0, 0, fmt.Errorf("predict: bootstrap: %w", err)
		}
		vals = append(vals, v)
	}
	if len(vals) == 0 {
		return 0, 0, fmt.Errorf("predict: bootstrap: every resample holds one class: %w", ErrSingleClass)
	}
	sort.Float64s(vals)
	a := (1 - level) / 2
	return quantileSorted(vals, a), quantileSorted(vals, 1-a), nil
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
