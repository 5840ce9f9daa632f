package batch

import (
	"fmt"
	"io"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
)

// DefaultBatchRows is the number of rows ScoreCSV reads, scores and writes
// at a time; memory stays proportional to it, not to the input length.
const DefaultBatchRows = 8192

// Columns is the header ScoreCSV writes after the ID column (which keeps
// its input name).
var Columns = []string{"segment", "segment_name", "micro_segment", "churn", "upsell", "risk_band", "reasons", "upsell_reasons"}

// Options configures ScoreCSV. The zero value scores every row in batches
// of DefaultBatchRows, with no limit on rejected rows.
type Options struct {
	// BatchRows is the number of rows per batch; zero means
	// DefaultBatchRows.
	BatchRows int
	// Shard selects the rows of this job (see Shard); the zero value
	// selects all.
	Shard Shard
	// Rejects, when set, receives one CSV line "line,reason" (with a header
	// line) per rejected row of this shard, in input order.
	Rejects io.Writer
	// OnReject, when set, is called for each rejected row of this shard, in
	// input order (besides Rejects).
	OnReject func(line int, reason string)
	// OnScore, when set, is called for each scored row of this shard with
	// its input line and score, in input order, from the goroutine of
	// ScoreCSV, once the row's output line is written: figures over the
	// scores (segment KPIs in the beam module) then come from the very
	// scores written. s is valid during the call only.
	OnScore func(line int, s *Score)
	// MaxRejectRate, when in (0, 1), fails the job with ErrRejectRate once
	// the rejected rows exceed that share of this shard's rows (checked at
	// the end, and along the way once 10,000 rows are read, so a wrong file
	// fails early). Zero or 1 means no limit.
	MaxRejectRate float64
	// Workers is the number of goroutines scoring batches (while one more
	// reads the input); zero means GOMAXPROCS, so that the sequential parts
	// of two batches (logistic scores, formatting) overlap. The output
	// does not depend on it.
	Workers int
	// Progress, when set, is called after each batch with the number of
	// input rows read so far.
	Progress func(rows int64)
	// ConsentColumn, when set, names a column saying whether the account
	// consented to this processing (privacy.ParseConsent: yes/no, ja/nein,
	// true/false, 1/0, ...). Rows without consent, including a missing or
	// unrecognised value, are neither scored nor rejected: they are counted
	// in Counts.NoConsent. The column must be in the header
	// (ErrMissingColumn).
	ConsentColumn string
	// Pseudonymise, when set, writes the account ID of each output line:
	// it appends the pseudonym of id to dst and returns the extended slice
	// (privacy.Pseudonymiser.AppendPseudonym fits), so that no raw ID
	// reaches the output. The result must need no CSV quoting. Reject lines
	// then carry the line number and the problem only, never a value.
	Pseudonymise func(dst []byte, id string) []byte
	// SkipDrift leaves Counts.Drift nil: the scored rows are not counted
	// into the drift bins, which costs about 150 ns of CPU per row for 21
	// columns (drift's BenchmarkTally), some 5% of scoring a row.
	SkipDrift bool
	// CSV holds the reading options (separator, missing values, date
	// layouts). Its Schema and Rejects fields are set by ScoreCSV: column
	// kinds come from the model.
	CSV dataset.CSVOptions
}

// Counts are the row counts of a ScoreCSV run. Every input row is counted
// once: Rows = Scored + Rejected + OtherShards + NoConsent.
type Counts struct {
	Rows        int64
	Scored      int64
	Rejected    int64
	OtherShards int64
	// NoConsent counts the rows of this shard left out because their
	// consent column (Options.ConsentColumn) does not say yes.
	NoConsent int64
	// Unseen counts, per categorical column, the values never seen at Fit
	// (scored as the column's "other" bucket).
	Unseen map[string]int64
	// Drift counts the scored rows (never rejected rows, rows of other
	// shards or rows without consent) and their scores into the bins of
	// the model's drift reference: Drift.Report gives the PSI of each
	// input column and score. Nil when the model has no reference
	// (ErrNoDrift) or Options.SkipDrift is set.
	Drift *drift.Tally
}

// check verifies the counting invariant.
func (c *Counts) check() error {
	if c.Rows != c.Scored+c.Rejected+c.OtherShards+c.NoConsent {
		return fmt.Errorf("batch: row count mismatch: %d rows in, %d scored + %d rejected + %d other shards + %d without consent",
			c.Rows, c.Scored, c.Rejected, c.OtherShards, c.NoConsent)
	}
	return nil
}

// RejectRate returns Rejected / (Scored + Rejected), 0 when both are 0.
func (c *Counts) RejectRate() float64 {
	n := c.Scored + c.Rejected
	if n == 0 {
		return 0
	}
	return float64(c.Rejected) / float64(n)
}

// overRejectRate reports whether the counts break opt's reject-rate limit;
// minRows is the number of scored and rejected rows from which it is
// judged.
func (c *Counts) overRejectRate(opt *Options, minRows int64) error {
	r := opt.MaxRejectRate
	if !(r > 0 && r < 1) || c.Scored+c.Rejected < minRows || c.RejectRate() <= r {
		return nil
	}
	return fmt.Errorf("batch: score: %w: %d of %d rows rejected (%.2f%% > %.2f%%)",
		ErrRejectRate, c.Rejected, c.Scored+c.Rejected, 100*c.RejectRate(), 100*r)
}
