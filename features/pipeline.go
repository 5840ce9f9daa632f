package features

import (
	"fmt"
	"strings"

	"github.com/segmenta/segmenta/privacy"
)

// Kinds of output features.
const (
	KindNumeric   = "numeric"   // a scaled numeric or date column
	KindRatio     = "ratio"     // a scaled derived ratio
	KindOneHot    = "onehot"    // 0/1 for one categorical level (or "other")
	KindIndicator = "indicator" // 0/1: the source value was missing
	KindBucket    = "bucket"    // 0/1 for one bucket of a numeric column
	KindOrdinal   = "ordinal"   // a scaled bucket index
)

// FeatureInfo describes one output column of a Pipeline.
type FeatureInfo struct {
	// Name is the feature name: "employees", "log1p(employees)",
	// "industry=fintech", "industry=other", "csat_missing",
	// "days_before(signup_date)", "employees[10,50)".
	Name string `json:"name"`
	// Source is the input column (or ratio name) the feature comes from.
	Source string `json:"source"`
	// Kind is one of KindNumeric, KindRatio, KindOneHot, KindIndicator,
	// KindBucket, KindOrdinal.
	Kind string `json:"kind"`
	// Level is the categorical level of a one-hot feature ("other" for the
	// other bucket) or the interval of a bucket feature.
	Level string `json:"level,omitempty"`
}

// Warning is a decision Fit took on its own, such as dropping a constant
// column.
type Warning struct {
	Column  string `json:"column"`
	Message string `json:"message"`
}

func (w Warning) String() string { return fmt.Sprintf("column %q: %s", w.Column, w.Message) }

// Pipeline is a fitted feature pipeline: it turns tables with the same
// columns into matrices, one row per table row (in table order) and one
// column per feature (see Names). A Pipeline is immutable and safe for
// concurrent use; Transform never refits anything, so transforming a table
// in batches gives the same rows as transforming it whole.
type Pipeline struct {
	spec     Spec
	idColumn string
	cols     []*fitted
	features []FeatureInfo
	warnings []Warning
	inputs   []string
	hash     string
	privacy  []privacy.Finding // what the guard found at Fit; not saved
}

// NumFeatures returns the number of output columns.
func (p *Pipeline) NumFeatures() int { return len(p.features) }

// Names returns the feature names, in output column order.
func (p *Pipeline) Names() []string {
	out := make([]string, len(p.features))
	for i, f := range p.features {
		out[i] = f.Name
	}
	return out
}

// Features describes the output columns, in order.
func (p *Pipeline) Features() []FeatureInfo { return append([]FeatureInfo(nil), p.features...) }

// InputColumns returns the columns a table must have at Transform time, in
// spec order.
func (p *Pipeline) InputColumns() []string { return append([]string(nil), p.inputs...) }

// IDColumn returns the account ID column named by the spec (or the fit
// table's ID column).
func (p *Pipeline) IDColumn() string { return p.idColumn }

// Spec returns a copy of the spec the pipeline was fitted from (the
// inferred one when Fit was given a zero Spec).
func (p *Pipeline) Spec() Spec { return p.spec.clone() }

// Warnings lists the decisions Fit took on its own (constant columns
// dropped, for example).
func (p *Pipeline) Warnings() []Warning { return append([]Warning(nil), p.warnings...) }

// Stats returns the fitted statistics of every source column and ratio, in
// spec order, including dropped constant columns.
func (p *Pipeline) Stats() []ColumnStats {
	out := make([]ColumnStats, len(p.cols))
	for i, c := range p.cols {
		out[i] = c.Stats
		out[i].Levels = append([]LevelCount(nil), c.Stats.Levels...)
	}
	return out
}

// Stat returns the fitted statistics of one source column or ratio.
func (p *Pipeline) Stat(column string) (ColumnStats, bool) {
	for _, c := range p.cols {
		if c.Name == column {
			s := c.Stats
			s.Levels = append([]LevelCount(nil), c.Stats.Levels...)
			return s, true
		}
	}
	return ColumnStats{}, false
}

// Hash returns the hex SHA-256 of the canonical JSON encoding of the spec
// and every fitted parameter: two pipelines with the same hash transform
// identically. Model files store it to check compatibility.
func (p *Pipeline) Hash() string { return p.hash }

// String summarises the pipeline.
func (p *Pipeline) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "features.Pipeline: %d inputs -> %d features", len(p.inputs), len(p.features))
	return b.String()
}
