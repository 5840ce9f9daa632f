package segmenta

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
	"gonum.org/v1/gonum/mat"
)

// Risk bands of Score.RiskBand.
const (
	RiskHigh   = "high"
	RiskMedium = "medium"
	RiskLow    = "low"
)

// MaxReasons is the number of reasons Score gives per account.
const MaxReasons = 3

// Score is the result of scoring one account.
type Score struct {
	ID string
	// Segment is the macro segment (0..NumSegments-1), SegmentName its
	// persona name, MicroSegment the k-means micro segment.
	Segment      int
	SegmentName  string
	MicroSegment int
	// Churn and Upsell are calibrated probabilities; NaN when the model has
	// no such sub-model (its label was absent at Fit).
	Churn, Upsell float64
	// RiskBand is RiskHigh when Churn >= the high threshold (Config.HighRisk,
	// default 0.5), RiskMedium when Churn >= the medium threshold (default
	// 0.2), RiskLow otherwise; empty without a churn model.
	RiskBand string
	// Reasons are the (up to MaxReasons) features that raise this account's
	// churn log-odds most above those of an average training account, most
	// important first: "logins_per_week low", "plan=basic",
	// "csat missing". Only features that raise the risk are listed.
	Reasons []string
}

// ScoreReport counts what scoring had to patch.
type ScoreReport struct {
	// Rows is the number of rows scored.
	Rows int
	// Unseen counts, per categorical column, values never seen at Fit
	// (scored as the column's "other" bucket).
	Unseen map[string]int
}

// Score scores every account of t (which needs the columns of Inputs; others
// are ignored), in table order. Required columns absent from t fail at once
// with ErrMissingColumn naming all of them; a bad value (a missing value in
// a column fitted without imputation) fails with the column and row.
func (m *Model) Score(t *dataset.Table) ([]Score, error) {
	return m.ScoreInto(nil, t, nil)
}

// ScoreInto is Score for batch jobs: it reuses dst (and the Reasons slices
// of its entries) when it has the capacity, and adds the unseen-category
// counts to rep when rep is not nil. It returns dst resized to t.Len().
func (m *Model) ScoreInto(dst []Score, t *dataset.Table, rep *ScoreReport) ([]Score, error) {
	return m.scoreInto(dst, t, rep, nil)
}

// scratch is per-goroutine memory reused from batch to batch.
type scratch struct {
	buf []float64 // feature matrix storage
}

// scoreBlockRows is the number of rows scored together: the feature matrix
// of a block (at 60 features, 480 KB) stays in L2 from the transform through
// clustering to the reasons, where that of a whole batch would go to L3 and
// back on every pass.
const scoreBlockRows = 1024

func (m *Model) scoreInto(dst []Score, t *dataset.Table, rep *ScoreReport, sc *scratch) ([]Score, error) {
	if err := m.checkInputs(t); err != nil {
		return dst[:0], err
	}
	n := t.Len()
	if n <= scoreBlockRows {
		return m.scoreBlock(dst, t, rep, sc)
	}
	if cap(dst) >= n {
		dst = dst[:n]
	} else {
		dst = append(dst[:cap(dst)], make([]Score, n-cap(dst))...)
	}
	for lo := 0; lo < n; lo += scoreBlockRows {
		hi := min(lo+scoreBlockRows, n)
		if _, err := m.scoreBlock(dst[lo:hi], t.Slice(lo, hi), rep, sc); err != nil {
			// Row numbers are the block's: make them the table's.
			var ce *dataset.ColumnError
			if errors.As(err, &ce) && ce.Row >= 0 {
				ce.Row += lo
			}
			var ne *cluster.NonFiniteError
			if errors.As(err, &ne) && ne.Row >= 0 {
				ne.Row += lo
			}
			return dst[:0], err
		}
	}
	return dst, nil
}

// scoreBlock is scoreInto for one block of rows, inputs checked.
func (m *Model) scoreBlock(dst []Score, t *dataset.Table, rep *ScoreReport, sc *scratch) ([]Score, error) {
	n, d := t.Len(), m.pipeline.NumFeatures()
	var X *mat.Dense
	if sc != nil {
		if cap(sc.buf) < n*d {
			sc.buf = make([]float64, n*d)
		}
		X = mat.NewDense(n, d, sc.buf[:n*d])
	} else {
		X = mat.NewDense(n, d, nil)
	}
	tr, err := m.pipeline.TransformInto(X, t)
	if err != nil {
		return dst[:0], fmt.Errorf("segmenta: score: %w", err)
	}
	if rep != nil {
		rep.Rows += t.Len()
		if len(tr.Unseen) > 0 && rep.Unseen == nil {
			rep.Unseen = map[string]int{}
		}
		for k, v := range tr.Unseen {
			rep.Unseen[k] += v
		}
	}
	micro, macro, err := m.segments.Predict(X)
	if err != nil {
		return dst[:0], fmt.Errorf("segmenta: score: %w", err)
	}
	if cap(dst) >= n {
		dst = dst[:n]
	} else {
		dst = append(dst[:cap(dst)], make([]Score, n-cap(dst))...)
	}
	var top [MaxReasons]int
	var topC [MaxReasons]float64
	var slab []string // reason lists for rows without one, carved from one allocation
	for i := range dst {
		s := &dst[i]
		x := X.RawRowView(i)
		s.ID = t.IDs[i]
		s.Segment, s.MicroSegment = macro[i], micro[i]
		s.SegmentName = m.names[s.Segment]
		s.Churn, s.Upsell = math.NaN(), math.NaN()
		s.RiskBand = ""
		s.Reasons = s.Reasons[:0]
		if o := m.upsell; o != nil {
			s.Upsell = o.cal.prob(o.decision(x))
		}
		o := m.churn
		if o == nil {
			continue
		}
		s.Churn = o.cal.prob(o.decision(x))
		switch {
		case s.Churn >= m.params.HighRisk:
			s.RiskBand = RiskHigh
		case s.Churn >= m.params.MediumRisk:
			s.RiskBand = RiskMedium
		default:
			s.RiskBand = RiskLow
		}
		// The features pushing the log-odds up most, relative to the mean
		// training account: c_j = w_j (x_j - mean_j) > 0, top MaxReasons.
		// Platt's map is increasing in z when A < 0 (always, for a model
		// better than chance); with A > 0 a higher z lowers the risk.
		sign := 1.0
		if o.cal.A > 0 {
			sign = -1
		}
		// One branch per feature, rarely taken once three reasons are
		// found: c must beat thr, the smallest kept so far (or 1e-12).
		k, thr := 0, 1e-12
		means := o.means[:len(o.coef)]
		for j, w := range o.coef {
			c := sign * w * (x[j] - means[j])
			if c <= thr {
				continue
			}
			p := min(k, MaxReasons-1)
			if k < MaxReasons {
				k++
			}
			for p > 0 && topC[p-1] < c {
				top[p], topC[p] = top[p-1], topC[p-1]
				p--
			}
			top[p], topC[p] = j, c
			if k == MaxReasons {
				thr = topC[k-1]
			}
		}
		if k > 0 && cap(s.Reasons) < k {
			if len(slab) < MaxReasons {
				slab = make([]string, MaxReasons*(len(dst)-i))
			}
			// Capped, so that an append by the caller cannot reach the next row's.
			s.Reasons, slab = slab[:0:MaxReasons], slab[MaxReasons:]
		}
		for r := 0; r < k; r++ {
			j := top[r]
			if x[j] >= o.means[j] {
				s.Reasons = append(s.Reasons, m.reasons[j].up)
			} else {
				s.Reasons = append(s.Reasons, m.reasons[j].down)
			}
		}
	}
	return dst, nil
}

// checkInputs fails with ErrMissingColumn naming every required column t
// lacks.
func (m *Model) checkInputs(t *dataset.Table) error {
	if t == nil || t.Len() == 0 {
		return fmt.Errorf("segmenta: score: %w", dataset.ErrEmpty)
	}
	var missing []string
	for _, c := range m.inputs.Columns {
		if !t.Has(c.Name) {
			missing = append(missing, c.Name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("segmenta: score: %w: %q", ErrMissingColumn, missing)
	}
	if t.IDs == nil {
		return fmt.Errorf("segmenta: score: %w: ID column %q", ErrMissingColumn, m.inputs.ID)
	}
	return nil
}

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

// The stream interface (see scorestream.go).

func (m *Model) inputSchema() *dataset.Schema { return m.Inputs() }

func (m *Model) segmentNames() []string { return m.names }

func (m *Model) reasonTexts() []string {
	out := make([]string, 0, 2*len(m.reasons))
	for _, r := range m.reasons {
		out = append(out, r.up, r.down)
	}
	return out
}

// scoreBatch scores t; rows whose values the pipeline refuses (an error
// naming a row) are left out and reported, and the rest is scored again.
func (m *Model) scoreBatch(t *dataset.Table, dst []Score, unseen map[string]int64, sc *scratch) ([]Score, []rowReject, error) {
	var refused []rowReject
	keep := []int(nil) // rows of t still in play; nil: all
	cur := t
	for {
		rep := ScoreReport{}
		out, err := m.scoreInto(dst, cur, &rep, sc)
		if err == nil {
			for k, v := range rep.Unseen {
				unseen[k] += int64(v)
			}
			if keep == nil {
				return out, refused, nil
			}
			// Spread the scores back to the rows of t.
			full := make([]Score, t.Len())
			for k, i := range keep {
				full[i] = out[k]
			}
			return full, refused, nil
		}
		var ce *dataset.ColumnError
		if !errors.As(err, &ce) || ce.Row < 0 || ce.Row >= cur.Len() {
			return out, refused, err
		}
		// Drop the offending row and retry (bad rows are rare; each costs
		// one more pass over the batch).
		if keep == nil {
			keep = make([]int, t.Len())
			for i := range keep {
				keep[i] = i
			}
		}
		bad := keep[ce.Row]
		refused = append(refused, rowReject{row: bad, reason: ce.Error()})
		keep = slices.Delete(keep, ce.Row, ce.Row+1)
		if len(keep) == 0 {
			return dst[:0], refused, nil
		}
		cur = t.Subset(keep)
	}
}
