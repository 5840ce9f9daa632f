package batch

import (
	"errors"
	"fmt"

	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/predict"
)

// Outcome is one calibrated binary model (predict.Outcome): scoring maps
// the log-odds of its logistic or additive model through its Platt
// calibration.
type Outcome = predict.Outcome

// Parts are the fitted parts of a model that scoring reads. They must fit
// together (the root package checks that when it fits or loads a model):
// the segmentation and the outcome models take the pipeline's features.
type Parts struct {
	Pipeline *features.Pipeline
	Segments *cluster.MicroMacroModel
	// SegmentNames are the macro segment names, by label.
	SegmentNames []string
	// Inputs lists the columns the pipeline reads and the ID column.
	Inputs *dataset.Schema
	// Churn and Upsell may be nil (no such model: NaN probabilities).
	Churn, Upsell *Outcome
	// HighRisk and MediumRisk are the churn probabilities from which the
	// risk band is high and medium.
	HighRisk, MediumRisk float64
	// Drift, when not nil, is the training distribution of the inputs and
	// scores: ScoreCSV then counts the scored rows into its bins
	// (Counts.Drift). Its columns must be the inputs, its scores the
	// outcomes ("churn", "upsell") present.
	Drift *drift.Reference
}

// Scorer scores accounts with the parts of a fitted model. It is immutable
// and safe for concurrent use.
type Scorer struct {
	p             Parts
	churn, upsell *outcome
	cols          []ReasonColumn // per input column, for the reasons
	featCol       []int          // the column of each feature (an index of cols)
	runs          []featureRun   // featCol in runs of one column
	bin           *drift.Binner  // nil without a drift reference
	churnCol      int            // the drift reference's columns of the scores, or -1
	upsellCol     int
}

// outcome is an Outcome with what the scoring loop reads cached.
type outcome struct {
	dec   predict.Decision
	coef  []float64 // a linear model's coefficients, nil for another model
	cal   predict.PlattModel
	means []float64 // training means of the features (zeros when unknown)
	// lower is set when a higher log-odds lowers the calibrated
	// probability (Platt's A > 0, a model worse than chance): the reasons
	// for a high probability are then the columns lowering the log-odds.
	lower bool
}

// New returns a Scorer over p, or an error wrapping ErrParts when a part is
// missing or the parts disagree (feature counts, segment names, risk
// thresholds, the drift reference's columns: drift.Reference.Check).
func New(p Parts) (*Scorer, error) {
	if err := p.check(); err != nil {
		return nil, fmt.Errorf("batch: %w: %w", ErrParts, err)
	}
	s := &Scorer{p: p}
	s.cols, s.featCol = ReasonColumns(p.Pipeline.Features())
	s.runs = featureRuns(s.featCol)
	s.churn, s.upsell = newOutcome(p.Churn), newOutcome(p.Upsell)
	s.newBinner()
	return s, nil
}

// check says what is wrong with p, if anything: a *dataset.ColumnError
// naming the part at fault ("segments", "segment_names", the outcome's
// label, "risk_thresholds" or the drift reference's column).
func (p *Parts) check() error {
	if p.Pipeline == nil || p.Segments == nil || p.Inputs == nil {
		return errors.New("pipeline, segments and inputs are required")
	}
	d := p.Pipeline.NumFeatures()
	if _, sd := p.Segments.MicroCentroids().Dims(); sd != d {
		return partErr("segments", "segments take %d features, the pipeline gives %d", sd, d)
	}
	if k := p.Segments.NumMacro(); len(p.SegmentNames) != k {
		return partErr("segment_names", "%d segment names for %d segments", len(p.SegmentNames), k)
	}
	for _, o := range []*Outcome{p.Churn, p.Upsell} {
		switch {
		case o == nil:
		case o.Decision() == nil:
			return partErr(o.Label, "outcome %q needs exactly one of a logistic and an additive model", o.Label)
		case o.Decision().NumFeatures() != d:
			return partErr(o.Label, "outcome %q: the model takes %d features, the pipeline gives %d", o.Label, o.Decision().NumFeatures(), d)
		}
	}
	if !(p.MediumRisk <= p.HighRisk) {
		return partErr("risk_thresholds", "risk thresholds: medium %v above high %v", p.MediumRisk, p.HighRisk)
	}
	return p.Drift.Check(p.Inputs, p.driftScores()...)
}

// partErr is a problem of the part named.
func partErr(part, format string, args ...any) error {
	return &dataset.ColumnError{Column: part, Row: -1, Err: fmt.Errorf(format, args...)}
}

func newOutcome(o *Outcome) *outcome {
	if o == nil {
		return nil
	}
	c := &outcome{dec: o.Decision(), cal: o.Calibration, means: o.Means(), lower: o.Calibration.A > 0}
	if lr, ok := c.dec.(*predict.LogisticModel); ok {
		c.coef = lr.Coef()
	}
	return c
}

// prob returns the calibrated probability of one feature row.
func (o *outcome) prob(x []float64) float64 { return o.cal.Prob(o.dec.DecisionRow(x)) }

// checkInputs fails with ErrMissingColumn naming every required column t
// lacks.
func (s *Scorer) checkInputs(t *dataset.Table) error {
	if t == nil || t.Len() == 0 {
		return fmt.Errorf("batch: score: %w", dataset.ErrEmpty)
	}
	var missing []string
	for _, c := range s.p.Inputs.Columns {
		if !t.Has(c.Name) {
			missing = append(missing, c.Name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("batch: score: %w: %q", ErrMissingColumn, missing)
	}
	if t.IDs == nil {
		return fmt.Errorf("batch: score: %w: ID column %q", ErrMissingColumn, s.p.Inputs.ID)
	}
	return nil
}
