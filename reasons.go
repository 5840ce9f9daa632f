package segmenta

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

// ColumnReason is one input column's share of an account's churn or upsell
// log-odds (features.ColumnReason).
type ColumnReason = features.ColumnReason

// ColumnReasons explains the outcome ("churn" or "upsell") score of the
// account in row i of t (features.Pipeline.ColumnReasons): one reason per
// input column, by decreasing absolute contribution, in original units
// beside the typical value, and the baseline log-odds of a typical
// account. Baseline plus the contributions is the account's decision value
// (the log-odds before calibration; the calibration is increasing, so
// signs and order carry over to the probability). Errors: ErrLabel when the
// model has no such outcome, ErrConfig for another outcome name, and the
// pipeline's errors for a bad row.
func (m *Model) ColumnReasons(t *dataset.Table, i int, outcome string) (baseline float64, reasons []ColumnReason, err error) {
	o, ok := m.outcome(outcome)
	if !ok {
		return 0, nil, fmt.Errorf("segmenta: reasons: outcome %q is not churn or upsell: %w", outcome, ErrConfig)
	}
	if o == nil {
		return 0, nil, fmt.Errorf("segmenta: reasons: the model has no %s model: %w", outcome, ErrLabel)
	}
	if t == nil || i < 0 || i >= t.Len() {
		return 0, nil, fmt.Errorf("segmenta: reasons: row %d out of range: %w", i, ErrConfig)
	}
	return m.pipeline.ColumnReasons(t, i, o.Decision())
}
