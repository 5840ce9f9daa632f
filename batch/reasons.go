package batch

import "github.com/segmenta/segmenta/features"

// ReasonText is how one feature reads as a reason of Score.Reasons: Up
// when the account's value is at or above the training mean, Down below it.
type ReasonText struct{ Up, Down string }

// ReasonTexts returns the reason texts of the features fs, in order.
func ReasonTexts(fs []features.FeatureInfo) []ReasonText {
	out := make([]ReasonText, len(fs))
	for j, f := range fs {
		switch f.Kind {
		case features.KindOneHot:
			out[j] = ReasonText{f.Source + "=" + f.Level, f.Source + "!=" + f.Level}
		case features.KindIndicator:
			out[j] = ReasonText{f.Source + " missing", f.Source + " present"}
		case features.KindBucket:
			out[j] = ReasonText{f.Source + " in " + f.Level, f.Source + " not in " + f.Level}
		default:
			out[j] = ReasonText{f.Source + " high", f.Source + " low"}
		}
	}
	return out
}

// allReasonTexts returns every text Score.Reasons may hold.
func (s *Scorer) allReasonTexts() []string {
	out := make([]string, 0, 2*len(s.reasons))
	for _, r := range s.reasons {
		out = append(out, r.Up, r.Down)
	}
	return out
}

// appendReasons fills d.Reasons for the feature row x: the features that
// raise the churn risk most above that of the mean training account
// (predict's TopContributions). A row without a reason slice of its own
// takes one from slab, refilled for the rows left (left, this one
// included) when it runs out; the rest of slab is returned.
func (s *Scorer) appendReasons(d *Score, x []float64, sc *scratch, slab []string, left int) []string {
	o := s.churn
	// Platt's map is increasing in the log-odds when A < 0 (always, for a
	// model better than chance); with A > 0 a higher log-odds lowers the
	// risk, so the reasons are the features lowering it.
	k := o.lr.TopContributions(x, o.lower, sc.top[:], sc.topC[:])
	if k > 0 && cap(d.Reasons) < k {
		if len(slab) < MaxReasons {
			slab = make([]string, MaxReasons*left)
		}
		// Capped, so that an append by the caller cannot reach the next row's.
		d.Reasons, slab = slab[:0:MaxReasons], slab[MaxReasons:]
	}
	for _, j := range sc.top[:k] {
		if x[j] >= o.means[j] {
			d.Reasons = append(d.Reasons, s.reasons[j].Up)
		} else {
			d.Reasons = append(d.Reasons, s.reasons[j].Down)
		}
	}
	return slab
}
