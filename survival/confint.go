package survival

import "math"

// interval is the confidence interval of S with Greenwood standard error se
// of -log S, on the configured scale (R's survfit conf.type rules).
func (s settings) interval(surv, se float64) (lo, hi float64) {
	nan := math.NaN()
	switch s.confType {
	case LogLog:
		if surv == 0 || surv == 1 {
			return nan, nan
		}
		ll, w := math.Log(-math.Log(surv)), s.z*se/math.Log(surv)
		return math.Exp(-math.Exp(ll - w)), math.Exp(-math.Exp(ll + w))
	case Plain:
		if surv == 0 {
			return nan, nan
		}
		w := s.z * se * surv
		return math.Max(0, surv-w), math.Min(1, surv+w)
	default:
		if surv == 0 {
			return nan, nan
		}
		return surv * math.Exp(-s.z*se), math.Min(1, surv*math.Exp(s.z*se))
	}
}

// normalQuantile is the p-quantile of the standard normal distribution.
func normalQuantile(p float64) float64 { return math.Sqrt2 * math.Erfinv(2*p-1) }
