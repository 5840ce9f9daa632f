package batch

import "github.com/segmenta/segmenta/features"

// reasonText is how one feature reads as a reason, above or below the mean.
type reasonText struct{ up, down string }

func reasonTexts(fs []features.FeatureInfo) []reasonText {
	out := make([]reasonText, len(fs))
	for j, f := range fs {
		switch f.Kind {
		case features.KindOneHot:
			out[j] = reasonText{f.Source + "=" + f.Level, f.Source + "!=" + f.Level}
		case features.KindIndicator:
			out[j] = reasonText{f.Source + " missing", f.Source + " present"}
		case features.KindBucket:
			out[j] = reasonText{f.Source + " in " + f.Level, f.Source + " not in " + f.Level}
		default:
			out[j] = reasonText{f.Source + " high", f.Source + " low"}
		}
	}
	return out
}

// allReasonTexts returns every text Score.Reasons may hold.
func (s *Scorer) allReasonTexts() []string {
	out := make([]string, 0, 2*len(s.reasons))
	for _, r := range s.reasons {
		out = append(out, r.up, r.down)
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
			d.Reasons = append(d.Reasons, s.reasons[j].up)
		} else {
			d.Reasons = append(d.Reasons, s.reasons[j].down)
		}
	}
	return slab
}
