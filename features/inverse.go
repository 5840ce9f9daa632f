package features

import "math"

// InputValue returns the value, in the units of the feature's input, at
// which output column feature reads x: a cut or a knot a model placed on
// the scaled feature, told in the column's own terms ("seats 40.5", not
// "log1p(seats) 0.52"). The input units are the column's for a numeric
// feature, days before the reference date for a date, and the ratio for
// a ratio. It undoes the scaling and log1p, not the clipping: a value
// beyond a clip bound is returned as it is, though inputs beyond it read
// as the bound. ok is false for features that are not one input's scaled
// value (one-hot levels, buckets, missing indicators) and for a feature
// out of range.
func (p *Pipeline) InputValue(feature int, x float64) (v float64, ok bool) {
	if feature < 0 || feature >= len(p.features) {
		return 0, false
	}
	switch p.features[feature].Kind {
	case KindNumeric, KindRatio:
	default:
		return 0, false
	}
	for _, f := range p.cols {
		if f.Offset == feature { // a numeric or ratio feature is its column's first
			return f.unprep(x*f.Scale + f.Center), true
		}
	}
	return 0, false
}

// unprep undoes prep's log1p (the odd sign(u)·(e^|u| − 1)); clipping
// cannot be undone.
func (f *fitted) unprep(u float64) float64 {
	if !f.Log1p {
		return u
	}
	if u < 0 {
		return -math.Expm1(-u)
	}
	return math.Expm1(u)
}
