package survival

import "math"

// MedianCI is a median survival time and its confidence interval; each is
// NaN when the curve (or band) never falls to 0.5.
type MedianCI struct {
	Median, Lower, Upper float64
}

// Median returns the median survival time and its confidence interval by
// R's print.survfit rules (see the package documentation): the lower limit
// is where the lower band falls to 0.5, the upper where the upper band does.
func (c *Curve) Median() MedianCI {
	surv := make([]float64, len(c.Steps))
	lo := make([]float64, len(c.Steps))
	hi := make([]float64, len(c.Steps))
	for i, s := range c.Steps {
		surv[i], lo[i], hi[i] = s.Surv, s.Lower, s.Upper
	}
	return MedianCI{Median: c.firstHalf(surv), Lower: c.firstHalf(lo), Upper: c.firstHalf(hi)}
}

// halfTol is R's tolerance for a curve "exactly" at 0.5.
var halfTol = math.Sqrt(0x1p-52)

// firstHalf is the first time at which y (one value per step, NaN skipped)
// is at most 0.5; if y is 0.5 there and falls lower later, the midpoint
// between that time and the time it falls.
func (c *Curve) firstHalf(y []float64) float64 {
	first := -1
	for i, v := range y {
		if math.IsNaN(v) || !(v < 0.5+halfTol) {
			continue
		}
		if first < 0 {
			first = i
			if math.Abs(v-0.5) >= halfTol {
				return c.Steps[i].Time
			}
			continue
		}
		if v < y[first] {
			return (c.Steps[first].Time + c.Steps[i].Time) / 2
		}
	}
	if first < 0 {
		return math.NaN()
	}
	return c.Steps[first].Time
}
