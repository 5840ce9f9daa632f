package features

import "time"

// Sources of a Step: what a fitted column reads.
const (
	StepNumeric     = srcNumeric     // one numeric column
	StepCategorical = srcCategorical // one categorical column (or numeric codes)
	StepDate        = srcDate        // one date column, as days before Reference
	StepRatio       = srcRatio       // Numerator / Denominator
)

// Step is the fitted transform of one source column or ratio, as Transform
// applies it: the parameters another runtime (generated SQL, for one)
// needs to compute the same features. For a value (numeric, date, ratio):
//
//	v  = the input (days before Reference for a date; Numerator/Denominator
//	     for a ratio, missing when an input is missing, the denominator is
//	     zero or the quotient is not finite)
//	v  = ImputeValue if missing (an error when Impute is ImputeNone),
//	     and the indicator feature (the last of the block) is 1
//	v  = min(max(v, ClipLow), ClipHigh) if Clip
//	v  = sign(v)·log(1+|v|) if Log1p
//	b  = the number of Buckets edges <= v, if Buckets: feature Offset+b is 1
//	     when OneHot, else v = b
//	feature Offset = (v - Center) / Scale if Value
//
// For a categorical column the level's index in Levels (len(Levels), the
// "other" bucket, for a rare or unseen level; ImputeLevel when missing,
// none when that is -1) sets feature Offset+index to 1 when OneHot; a
// missing value also sets the indicator. A numeric column read as
// categorical compares its values written by strconv.FormatFloat(v, 'f',
// -1, 64) with the levels.
type Step struct {
	Name, Source           string
	Numerator, Denominator string // ratios only
	Impute                 string
	ImputeValue            float64
	ImputeLevel            int
	Indicator              bool
	Clip                   bool
	ClipLow, ClipHigh      float64
	Log1p                  bool
	Buckets                []float64
	Value, OneHot          bool
	Center, Scale          float64
	Levels, Rare           []string
	Reference              time.Time
	Offset, Width          int
}

// Steps returns the fitted transform of every source column and ratio, in
// spec order (dropped constant columns have Width 0, or 1 for a kept
// missing indicator).
func (p *Pipeline) Steps() []Step {
	out := make([]Step, len(p.cols))
	for i, f := range p.cols {
		out[i] = Step{Name: f.Name, Source: f.Source, Numerator: f.Numerator, Denominator: f.Denominator,
			Impute: f.Impute, ImputeValue: f.ImputeValue, ImputeLevel: f.ImputeLevel, Indicator: f.Indicator,
			Clip: f.Clip, ClipLow: f.ClipLow, ClipHigh: f.ClipHigh, Log1p: f.Log1p,
			Buckets: append([]float64(nil), f.Buckets...), Value: f.Value, OneHot: f.OneHot,
			Center: f.Center, Scale: f.Scale, Levels: append([]string(nil), f.Levels...),
			Rare: append([]string(nil), f.Rare...), Reference: f.Reference, Offset: f.Offset, Width: f.Width}
	}
	return out
}
