package predict

import (
	"fmt"
	"math"
	"sort"
)

// Reason is one feature's push on an account's log-odds relative to the
// baseline (by default the average training account):
// Contribution = coef * (Value - Average).
type Reason struct {
	Feature      string  `json:"feature"`
	Value        float64 `json:"value"`
	Average      float64 `json:"average"`
	Contribution float64 `json:"contribution"` // in log-odds
}

// String renders the reason as
// "seat_utilisation 0.23 vs 0.71 average: -0.80 log-odds".
func (r Reason) String() string {
	return fmt.Sprintf("%s %.4g vs %.4g average: %+.2f log-odds", r.Feature, r.Value, r.Average, r.Contribution)
}

// ExplainOptions tunes Explain. The zero value returns every feature with a
// non-zero contribution against the training means.
type ExplainOptions struct {
	// Top keeps the k largest contributions by absolute value; 0 keeps all.
	Top int
	// Baseline replaces the training means as the reference account.
	Baseline []float64
	// Display, when set, maps a feature index and its model-space value (the
	// account's or the baseline's) to a display name and a value in original
	// units; contributions stay in model space.
	Display func(feature int, modelValue float64) (name string, original float64)
}

// Explain decomposes the model's log-odds for the account x into per-feature
// contributions coef_j * (x_j - baseline_j), which sum to the log-odds minus
// the baseline's log-odds, and returns them largest |contribution| first
// (ties by feature order).
func (m *LogisticModel) Explain(x []float64, opt ExplainOptions) ([]Reason, error) {
	d := len(m.coef)
	if len(x) != d {
		return nil, fmt.Errorf("predict: explain: %d values for %d features: %w", len(x), d, ErrDimension)
	}
	base := opt.Baseline
	if base == nil {
		base = m.means
	}
	if base == nil {
		return nil, fmt.Errorf("predict: explain: model has no feature means; pass a Baseline: %w", ErrDimension)
	}
	if len(base) != d {
		return nil, fmt.Errorf("predict: explain: baseline has %d values for %d features: %w", len(base), d, ErrDimension)
	}
	rs := make([]Reason, 0, d)
	for j := 0; j < d; j++ {
		if math.IsNaN(x[j]) || math.IsInf(x[j], 0) {
			return nil, cellErr(0, j, fmt.Errorf("value %v: %w", x[j], ErrNonFinite))
		}
		c := m.coef[j] * (x[j] - base[j])
		if c == 0 {
			continue
		}
		r := Reason{Feature: m.names[j], Value: x[j], Average: base[j], Contribution: c}
		if opt.Display != nil {
			r.Feature, r.Value = opt.Display(j, x[j])
			_, r.Average = opt.Display(j, base[j])
		}
		rs = append(rs, r)
	}
	sort.SliceStable(rs, func(a, b int) bool { return math.Abs(rs[a].Contribution) > math.Abs(rs[b].Contribution) })
	if opt.Top > 0 && len(rs) > opt.Top {
		rs = rs[:opt.Top]
	}
	return rs, nil
}

// Explain is m.Explain(x, ExplainOptions{Top: k, Baseline: baseline}).
func Explain(m *LogisticModel, x, baseline []float64, k int) ([]Reason, error) {
	return m.Explain(x, ExplainOptions{Top: k, Baseline: baseline})
}
