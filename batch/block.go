package batch

import (
	"errors"
	"fmt"
	"math"

	"github.com/segmenta/segmenta/dataset"
	"gonum.org/v1/gonum/mat"
)

// ScoreInto scores every account of t (which needs the columns of the
// inputs; others are ignored), in table order. It reuses dst (and the
// Reasons slices of its entries) when it has the capacity, and adds the
// unseen-category counts to rep when rep is not nil. It returns dst resized
// to t.Len(). Required columns absent from t fail at once with
// ErrMissingColumn naming all of them; a bad value (a missing value in a
// column fitted without imputation) fails with the column and row.
func (s *Scorer) ScoreInto(dst []Score, t *dataset.Table, rep *Report) ([]Score, error) {
	return s.scoreInto(dst, t, rep, nil)
}

// scratch is per-goroutine memory reused from batch to batch.
type scratch struct {
	buf     []float64 // feature matrix storage
	contrib []float64 // per feature, then per column
	colC    []float64
	top     [MaxReasons]int
	topC    [MaxReasons]float64
}

// scoreBlockRows is the number of rows scored together: the feature matrix
// of a block (at 60 features, 480 KB) stays in L2 from the transform through
// clustering to the reasons, where that of a whole batch would go to L3 and
// back on every pass.
const scoreBlockRows = 1024

func (s *Scorer) scoreInto(dst []Score, t *dataset.Table, rep *Report, sc *scratch) ([]Score, error) {
	if err := s.checkInputs(t); err != nil {
		return dst[:0], err
	}
	if sc == nil {
		sc = &scratch{}
	}
	n := t.Len()
	if n <= scoreBlockRows {
		return s.scoreBlock(dst, t, rep, sc)
	}
	dst = resize(dst, n)
	// Each row is scored on its own, so blocks give the scores of the
	// whole table.
	for lo := 0; lo < n; lo += scoreBlockRows {
		hi := min(lo+scoreBlockRows, n)
		if _, err := s.scoreBlock(dst[lo:hi], t.Slice(lo, hi), rep, sc); err != nil {
			// Row numbers are the block's: make them the table's.
			var ce *dataset.ColumnError
			if errors.As(err, &ce) && ce.Row >= 0 {
				ce.Row += lo
			}
			return dst[:0], err
		}
	}
	return dst, nil
}

// resize returns dst with length n, keeping its entries (and their Reasons
// slices) for reuse.
func resize(dst []Score, n int) []Score {
	if cap(dst) >= n {
		return dst[:n]
	}
	return append(dst[:cap(dst)], make([]Score, n-cap(dst))...)
}

// scoreBlock is scoreInto for one block of rows, inputs checked.
func (s *Scorer) scoreBlock(dst []Score, t *dataset.Table, rep *Report, sc *scratch) ([]Score, error) {
	X, err := s.transform(t, rep, sc)
	if err != nil {
		return dst[:0], err
	}
	micro, macro, err := s.p.Segments.Predict(X)
	if err != nil {
		return dst[:0], fmt.Errorf("batch: score: %w", err)
	}
	dst = resize(dst, t.Len())
	var slab []string // reason lists for rows without one, carved from one allocation
	for i := range dst {
		d := &dst[i]
		x := X.RawRowView(i)
		d.ID = t.IDs[i]
		d.Segment, d.MicroSegment = macro[i], micro[i]
		d.SegmentName = s.p.SegmentNames[d.Segment]
		d.Churn, d.Upsell = math.NaN(), math.NaN()
		d.RiskBand = ""
		d.Reasons, d.UpsellReasons = d.Reasons[:0], d.UpsellReasons[:0]
		if o := s.upsell; o != nil {
			d.Upsell = o.prob(x)
			d.UpsellReasons, slab = s.reasons(d.UpsellReasons, o, x, sc, slab, 2*(len(dst)-i))
		}
		if o := s.churn; o != nil {
			d.Churn = o.prob(x)
			d.RiskBand = s.riskBand(d.Churn)
			d.Reasons, slab = s.reasons(d.Reasons, o, x, sc, slab, 2*(len(dst)-i))
		}
	}
	return dst, nil
}

// transform applies the pipeline to t into the scratch matrix and adds the
// unseen categories to rep.
func (s *Scorer) transform(t *dataset.Table, rep *Report, sc *scratch) (*mat.Dense, error) {
	n, d := t.Len(), s.p.Pipeline.NumFeatures()
	if cap(sc.buf) < n*d {
		sc.buf = make([]float64, n*d)
	}
	X := mat.NewDense(n, d, sc.buf[:n*d])
	tr, err := s.p.Pipeline.TransformInto(X, t)
	if err != nil {
		return nil, fmt.Errorf("batch: score: %w", err)
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
	return X, nil
}

// riskBand maps a churn probability to its band.
func (s *Scorer) riskBand(churn float64) string {
	switch {
	case churn >= s.p.HighRisk:
		return RiskHigh
	case churn >= s.p.MediumRisk:
		return RiskMedium
	default:
		return RiskLow
	}
}
