package survival

import "math"

// Horizon is tau, where RestrictedMean, Remaining and LifetimeValue stop:
// KaplanMeier.Horizon, or the last observed time when that is 0.
func (c *Curve) Horizon() float64 {
	if c.cfg.horizon > 0 {
		return c.cfg.horizon
	}
	return c.LastTime()
}

// RestrictedMean is the restricted mean survival time up to the horizon
// tau, the area under S from 0 to tau (the expected lifetime of a new
// account, counted up to tau), and its standard error, as R's rmean and
// se(rmean):
//
//	se^2 = sum over event times t_i < tau of A(t_i)^2 d_i/(n_i(n_i-d_i))
//
// with A(t_i) the area under S from t_i to tau. A term with n_i = d_i
// counts 0, as in R.
func (c *Curve) RestrictedMean() (mean, se float64) {
	tau := c.Horizon()
	// Rectangles from 0 to each step time up to tau, then to tau.
	prevT, prevS := 0.0, 1.0
	var rect, hh []float64
	for _, s := range c.Steps {
		if s.Time > tau {
			break
		}
		rect = append(rect, (s.Time-prevT)*prevS)
		hh = append(hh, greenwoodTerm(s))
		prevT, prevS = s.Time, s.Surv
	}
	rect = append(rect, (tau-prevT)*prevS)
	for _, r := range rect {
		mean += r
	}
	// after is the area from step i to tau: the rectangles after it.
	after, v := 0.0, 0.0
	for i := len(hh) - 1; i >= 0; i-- {
		after += rect[i+1]
		v += after * after * hh[i]
	}
	return mean, math.Sqrt(v)
}

func greenwoodTerm(s Step) float64 {
	if s.Events == s.AtRisk {
		return 0
	}
	d, n := float64(s.Events), float64(s.AtRisk)
	return d / (n * (n - d))
}

// Remaining is the expected remaining lifetime, counted up to the horizon
// tau, of an account that has survived to t: the integral of S(u)/S(t) from
// t to tau. It is 0 for t >= tau and NaN when S(t) = 0 before tau (the curve
// says no account lives that long) or t is negative or NaN.
func (c *Curve) Remaining(t float64) float64 {
	return c.discounted(t, 0)
}

// LifetimeValue is the customer lifetime value of an account with annual
// recurring revenue arr that has survived to t: arr per year, paid while it
// lives, up to the horizon, discounted at KaplanMeier.DiscountRate a year
// (formula in the package documentation). With no discounting it is arr *
// Remaining(t) / UnitsPerYear. NaN when Remaining is.
func (c *Curve) LifetimeValue(arr, t float64) float64 {
	delta := math.Log1p(c.cfg.discount) / c.cfg.unitsPerYear
	return arr / c.cfg.unitsPerYear * c.discounted(t, delta)
}

// discounted integrates S(u)/S(t) exp(-delta (u-t)) over [t, tau].
func (c *Curve) discounted(t, delta float64) float64 {
	tau := c.Horizon()
	switch {
	case !(t >= 0):
		return math.NaN()
	case t >= tau:
		return 0
	}
	j := c.stepAt(t)
	st := c.At(t)
	if st == 0 {
		return math.NaN()
	}
	area, lo, s := 0.0, t, st
	for j++; j < len(c.Steps) && c.Steps[j].Time < tau; j++ {
		area += s * piece(lo-t, c.Steps[j].Time-t, delta)
		lo, s = c.Steps[j].Time, c.Steps[j].Surv
	}
	area += s * piece(lo-t, tau-t, delta)
	return area / st
}

// piece is the integral of exp(-delta u) over [a, b].
func piece(a, b, delta float64) float64 {
	if delta == 0 {
		return b - a
	}
	return math.Exp(-delta*a) * -math.Expm1(-delta*(b-a)) / delta
}
