package features

import (
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/segmenta/segmenta/dataset"
)

// ColumnReason is one input column's share of an account's score (the
// log-odds of a model over the pipeline's features): the sum of the terms
// of all its features (every one-hot level, bucket and missing indicator
// of the column, a shape, half of each interaction) relative to a typical
// account. A positive Contribution
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

// Contributor is a fitted score over the pipeline's features that splits
// a row's score into one part per feature (predict.Decision implements
// it): it writes the parts to c and returns the score of a typical
// account, so that the baseline plus the parts is the row's score.
type Contributor interface {
	NumFeatures() int
	ContributionsInto(c, x []float64) (baseline float64)
}

// ColumnReasons explains the score of row i of t under m (a model fitted
// on Transform's output): one reason per input column, the sum of the
// parts of all its features, by decreasing absolute contribution, and the
// baseline score of a typical account. Baseline plus the contributions is
// the row's score.
func (p *Pipeline) ColumnReasons(t *dataset.Table, i int, m Contributor) (baseline float64, reasons []ColumnReason, err error) {
	if d := m.NumFeatures(); d != len(p.features) {
		return 0, nil, fmt.Errorf("features: reasons: a model of %d features for %d: %w", d, len(p.features), ErrSpec)
	}
	if t == nil || i < 0 || i >= t.Len() {
		return 0, nil, fmt.Errorf("features: reasons: row %d out of range: %w", i, ErrSpec)
	}
	X, err := p.Transform(t.Subset([]int{i}))
	if err != nil {
		return 0, nil, fmt.Errorf("features: reasons: %w", err)
	}
	x := X.RawRowView(0)
	c := make([]float64, len(x))
	baseline = m.ContributionsInto(c, x)
	byCol := map[string]int{}
	for j, f := range p.features {
		k, ok := byCol[f.Source]
		if !ok {
			k = len(reasons)
			byCol[f.Source] = k
			reasons = append(reasons, ColumnReason{Column: f.Source, Value: rawValue(t, f.Source, i), Typical: p.typical(f.Source)})
		}
		reasons[k].Contribution += c[j]
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
func (p *Pipeline) typical(name string) string {
	st, ok := p.Stat(name)
	if !ok {
		return ""
	}
	switch st.Kind {
	case RoleCategorical:
		if len(st.Levels) > 0 {
			return st.Levels[0].Level
		}
		return ""
	case RoleDate:
		return strconv.FormatFloat(st.Median, 'g', 4, 64) + " days before " + st.Reference.Format("2006-01-02")
	}
	return strconv.FormatFloat(st.Median, 'g', 4, 64)
}
