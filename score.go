package segmenta

import (
	"context"
	"fmt"
	"io"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
)

// Scoring types and constants, defined by package batch (the scoring
// engine) and named here so that a Model's users need one import.
type (
	// Score is the result of scoring one account (see batch.Score).
	Score = batch.Score
	// ScoreReport counts what scoring had to patch (see batch.Report).
	ScoreReport = batch.Report
	// ScoreOptions configures Model.ScoreCSV (see batch.Options).
	ScoreOptions = batch.Options
	// ScoreCounts are the row counts of a ScoreCSV run (see batch.Counts).
	ScoreCounts = batch.Counts
	// Shard selects the part of the input one scoring job handles (see
	// batch.Shard).
	Shard = batch.Shard
)

// Risk bands of Score.RiskBand.
const (
	RiskHigh   = batch.RiskHigh
	RiskMedium = batch.RiskMedium
	RiskLow    = batch.RiskLow
)

// MaxReasons is the number of reasons Score gives per account.
const MaxReasons = batch.MaxReasons

// DefaultBatchRows is the number of rows ScoreCSV reads, scores and writes
// at a time.
const DefaultBatchRows = batch.DefaultBatchRows

// ScoreColumns is the header ScoreCSV writes after the ID column (which
// keeps its input name).
var ScoreColumns = batch.Columns

// Scoring errors, defined by package batch.
var (
	// ErrMissingColumn: an input column the model needs is absent at scoring
	// time. Scoring fails before any output is produced.
	ErrMissingColumn = batch.ErrMissingColumn
	// ErrRejectRate: more rows were rejected than ScoreOptions.MaxRejectRate
	// allows.
	ErrRejectRate = batch.ErrRejectRate
)

// ParseShard parses "i/n" (0 <= i < n). The empty string is the zero Shard;
// other text fails with ErrConfig (and batch.ErrShard).
func ParseShard(s string) (Shard, error) {
	sh, err := batch.ParseShard(s)
	if err != nil {
		return sh, fmt.Errorf("segmenta: %w: %w", ErrConfig, err)
	}
	return sh, nil
}

// ShardOf returns the shard (0..n-1) of an account ID among n shards.
func ShardOf(id string, n int) int { return batch.ShardOf(id, n) }

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
	return m.scorer().ScoreInto(dst, t, rep)
}

// ScoreCSV streams accounts from r (CSV, with a header) through the model
// and writes one CSV line of scores per account to w: the ID column, then
// ScoreColumns. Memory stays flat whatever the input length. Rows the CSV
// reader cannot parse, or that the model refuses, go to opt.Rejects with
// their line number and reason; input columns the model needs but the
// header lacks fail the job (ErrMissingColumn) before anything is written.
// See batch.Scorer.ScoreCSV for cancellation and the guarantees.
func (m *Model) ScoreCSV(ctx context.Context, r io.Reader, w io.Writer, opt ScoreOptions) (*ScoreCounts, error) {
	return m.scorer().ScoreCSV(ctx, r, w, opt)
}

// scorer returns the scoring engine over the model's parts, built once.
func (m *Model) scorer() *batch.Scorer {
	m.scorerOnce.Do(func() {
		p := batch.Parts{Pipeline: m.pipeline, Segments: m.segments, SegmentNames: m.names, Inputs: m.inputs,
			HighRisk: m.params.HighRisk, MediumRisk: m.params.MediumRisk}
		if o := m.churn; o != nil {
			p.Churn = &batch.Outcome{Logistic: o.lr, Calibration: o.cal}
		}
		if o := m.upsell; o != nil {
			p.Upsell = &batch.Outcome{Logistic: o.lr, Calibration: o.cal}
		}
		m.sc = batch.New(p)
	})
	return m.sc
}
