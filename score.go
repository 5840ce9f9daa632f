package segmenta

import (
	"context"
	"io"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
)

// Score is the result of scoring one account; ScoreReport counts what
// scoring had to patch. Both are defined by package batch, the scoring
// engine, as are the streaming options, counts and shards of ScoreCSV.
type (
	Score       = batch.Score
	ScoreReport = batch.Report
)

// Risk bands of Score.RiskBand.
const (
	RiskHigh   = batch.RiskHigh
	RiskMedium = batch.RiskMedium
	RiskLow    = batch.RiskLow
)

// MaxReasons is the number of reasons Score gives per account.
const MaxReasons = batch.MaxReasons

// ErrMissingColumn: an input column the model needs is absent at scoring
// time (batch.ErrMissingColumn). Scoring fails before any output.
var ErrMissingColumn = batch.ErrMissingColumn

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
	s, err := m.scorer()
	if err != nil {
		return dst[:0], err
	}
	return s.ScoreInto(dst, t, rep)
}

// ScoreCSV streams accounts from r (CSV, with a header) through the model
// and writes one CSV line of scores per account to w, with flat memory,
// rejects, shards and checked counts: see batch.Scorer.ScoreCSV.
func (m *Model) ScoreCSV(ctx context.Context, r io.Reader, w io.Writer, opt batch.Options) (*batch.Counts, error) {
	s, err := m.scorer()
	if err != nil {
		return &batch.Counts{}, err
	}
	return s.ScoreCSV(ctx, r, w, opt)
}

// Drift gives the population stability index of each input and score of
// t's accounts against the training accounts' (batch.Scorer.Drift; ScoreCSV
// counts it in Counts.Drift), or batch.ErrNoDrift for an older model file.
func (m *Model) Drift(t *dataset.Table, th drift.Thresholds) (*drift.Report, error) {
	s, err := m.scorer()
	if err != nil {
		return nil, err
	}
	return s.Drift(t, th)
}

// ScoringParts returns the fitted parts scoring reads (batch.Parts): the
// same parts Score uses, for another runtime of the model (sqlgen's SQL).
func (m *Model) ScoringParts() batch.Parts {
	return batch.Parts{Pipeline: m.pipeline, Segments: m.segments, SegmentNames: m.SegmentNames(), Inputs: m.Inputs(),
		Churn: m.churn, Upsell: m.upsell, HighRisk: m.params.HighRisk, MediumRisk: m.params.MediumRisk, Drift: m.drift}
}

// scorer returns the scoring engine over the model's parts, built once (Fit
// and Load check the parts, so an error here means a Model not made by
// them).
func (m *Model) scorer() (*batch.Scorer, error) {
	m.scorerOnce.Do(func() { m.sc, m.scErr = batch.New(m.ScoringParts()) })
	return m.sc, m.scErr
}
