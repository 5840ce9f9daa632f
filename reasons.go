package segmenta

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

// ColumnReason is one input column's share of an account's churn or upsell
// log-odds: the sum of the terms of all its features (every one-hot level,
// bucket and missing indicator of the column) relative to a typical
// account (the training means of the features). A positive Contribution
// raises the probability.
type ColumnReason struct {
	Column       string  `json:"column"`
	Contribution float64 `json:"contribution"`
	// Value is the account's value in original units ("missing" when
	// missing); Typical the training median (numeric, date: days before
	// the reference date, ratio) or most frequent level (categorical).
	Value   string `json:"value"`
	Typical string `json:"typical"`
}

func (r ColumnReason) String() string {
	return fmt.Sprintf("%s %s, typical %s (%+.2f)", r.Column, r.Value, r.Typical, r.Contribution)
}

// ColumnReasons explains the outcome ("churn" or "upsell") score of the
// account in row i of t: one reason per input column, by decreasing
// absolute contribution, and the baseline log-odds of a typical account.
// Baseline plus the contributions is the account's decision value (the
// log-odds before calibration; the calibration is increasing, so signs and
// order carry over to the probability). Errors: ErrLabel when the model
// has no such outcome, and the pipeline's errors for a bad row.
func (m *Model) ColumnReasons(t *dataset.Table, i int, outcome string) (baseline float64, reasons []ColumnReason, err error) {
	o := m.churn
	if outcome == "upsell" {
		o = m.upsell
	} else if outcome != "churn" {
		return 0, nil, fmt.Errorf("segmenta: reasons: outcome %q is not churn or upsell: %w", outcome, ErrConfig)
	}
	if o == nil {
		return 0, nil, fmt.Errorf("segmenta: reasons: the model has no %s model: %w", outcome, ErrLabel)
	}
	if t == nil || i < 0 || i >= t.Len() {
		return 0, nil, fmt.Errorf("segmenta: reasons: row %d out of range: %w", i, ErrConfig)
	}
	X, err := m.pipeline.Transform(t.Subset([]int{i}))
	if err != nil {
		return 0, nil, fmt.Errorf("segmenta: reasons: %w", err)
	}
	x := X.RawRowView(0)
	baseline = o.lr.Intercept()
	byCol := map[string]int{}
	for j, f := range m.pipeline.Features() {
		baseline += o.coef[j] * o.means[j]
		k, ok := byCol[f.Source]
		if !ok {
			k = len(reasons)
			byCol[f.Source] = k
			reasons = append(reasons, ColumnReason{Column: f.Source, Value: rawValue(t, f.Source, i), Typical: m.typical(f.Source)})
		}
		reasons[k].Contribution += o.coef[j] * (x[j] - o.means[j])
	}
	sort.SliceStable(reasons, func(a, b int) bool {
		return math.Abs(reasons[a].Contribution) > math.Abs(reasons[b].Contribution)
	})
	return baseline, reasons, nil
}

// rawValue formats the value of column name in row i of t.
func rawValue(t *dataset.Table, name string, i int) string {
	c, err := t.Column(name)
	if err != nil {
		return "" // a derived column (ratio)
	}
	if c.IsMissing(i) {
		return "missing"
	}
	switch c.Kind {
	case dataset.Numeric:
		return strconv.FormatFloat(c.Num[i], 'g', 4, 64)
	case dataset.Date:
		return c.Time[i].Format("2006-01-02")
	}
	return c.Str[i]
}

// typical formats the typical training value of a column.
func (m *Model) typical(name string) string {
	st, ok := m.pipeline.Stat(name)
	if !ok {
		return ""
	}
	switch st.Kind {
	case features.RoleCategorical:
		if len(st.Levels) > 0 {
			return st.Levels[0].Level
		}
		return ""
	case features.RoleDate:
		return strconv.FormatFloat(st.Median, 'g', 4, 64) + " days before " + st.Reference.Format("2006-01-02")
	}
	return strconv.FormatFloat(st.Median, 'g', 4, 64)
}
