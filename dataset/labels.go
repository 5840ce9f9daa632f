package dataset

import (
	"errors"
	"fmt"
	"math"

	"github.com/segmenta/segmenta/internal/errs"
)

// ErrLabel: a label column (churn or upsell) is absent, not binary or has
// a single class.
var ErrLabel = errs.ErrLabelColumn

// NoLabel as a label name skips that outcome (PickLabel).
const NoLabel = "-"

// DefaultMaxMissingLabelRate is the share of rows whose label may be
// missing (those rows are skipped by that outcome's model) before
// PickLabel refuses the label: beyond it the rows with a label are
// unlikely to represent the others.
const DefaultMaxMissingLabelRate = 0.05

// Label sources, as reported by LabelUse.Source.
const (
	LabelFromConfig  = "config"  // named by the caller (segmenta.Config.ChurnLabel, -churn-label)
	LabelFromDefault = "default" // no name given; the default name was found in the table
)

// LabelUse says which column an outcome model was fitted on and why.
type LabelUse struct {
	// Outcome is "churn" or "upsell".
	Outcome string `json:"outcome"`
	// Column is the label column; empty when the outcome was not fitted.
	Column string `json:"column,omitempty"`
	// Source is LabelFromConfig or LabelFromDefault; empty when not fitted.
	Source string `json:"source,omitempty"`
	// Rows counts the rows with a label; Missing those skipped because
	// their label was missing.
	Rows    int `json:"rows"`
	Missing int `json:"missing"`
	// Note explains the choice in a sentence.
	Note string `json:"note"`
}

// LabelError reports a label column that the caller named but that the
// table does not hold. It wraps ErrLabel and ErrColumnNotFound.
type LabelError struct {
	Outcome string // "churn" or "upsell"
	Column  string // the name asked for
	Hint    string // the closest column name, or empty
}

func (e *LabelError) Error() string {
	msg := fmt.Sprintf("%s label column %q not in the table", e.Outcome, e.Column)
	if e.Hint != "" {
		msg += fmt.Sprintf(" (did you mean %s?)", e.Hint)
	}
	return msg
}

// Unwrap lets errors.Is match ErrLabel and ErrColumnNotFound.
func (e *LabelError) Unwrap() []error { return []error{ErrLabel, ErrColumnNotFound} }

// PickLabel resolves the label of one outcome of t. name is the name the
// caller gave ("" for none, NoLabel to skip the outcome), def the default
// name. It returns the 0/1 labels with NaN for a missing label, or nil when
// the outcome is not fitted, and how the label was chosen. A named column
// absent from t is a *LabelError with the closest name as a hint; more than
// maxMissing missing labels, or a value that is not a label
// (BinaryLabels), is a *ColumnError wrapping ErrLabel.
func PickLabel(t *Table, outcome, name, def string, maxMissing float64) ([]float64, LabelUse, error) {
	use := LabelUse{Outcome: outcome}
	switch {
	case name == NoLabel:
		use.Note = "skipped (label set to -)"
		return nil, use, nil
	case name != "" && !t.Has(name):
		return nil, use, &LabelError{Outcome: outcome, Column: name, Hint: ClosestName(name, t.Names())}
	case name != "":
		use.Column, use.Source = name, LabelFromConfig
		use.Note = fmt.Sprintf("label column %q, as configured", name)
	case t.Has(def):
		use.Column, use.Source = def, LabelFromDefault
		use.Note = fmt.Sprintf("label column %q: no label named, the default name was found (name it with -%s-label to be explicit)", def, outcome)
	default:
		use.Note = fmt.Sprintf("not fitted: no label named and no column %q (name one with -%s-label)", def, outcome)
		return nil, use, nil
	}
	y, miss, err := labelsWithMissing(t, use.Column)
	if err != nil {
		return nil, use, err
	}
	use.Missing, use.Rows = miss, len(y)-miss
	if rate := float64(miss) / float64(len(y)); rate > maxMissing {
		return nil, use, &ColumnError{Column: use.Column, Row: -1, Err: fmt.Errorf("%w: %d of %d labels missing (%.1f%%), more than the limit %.1f%% (MaxMissingLabelRate)",
			ErrLabel, miss, len(y), 100*rate, 100*maxMissing)}
	}
	if miss > 0 {
		use.Note += fmt.Sprintf("; %d rows with a missing label skipped", miss)
	}
	return y, use, nil
}

// labelsWithMissing reads a 0/1 label column like BinaryLabels, with NaN
// for a missing value, and counts those.
func labelsWithMissing(t *Table, name string) ([]float64, int, error) {
	col, err := t.Column(name)
	if err != nil {
		return nil, 0, err
	}
	missing := 0
	var present []int
	for i := 0; i < col.Len(); i++ {
		if col.IsMissing(i) {
			missing++
		} else {
			present = append(present, i)
		}
	}
	if missing == 0 {
		y, err := BinaryLabels(t, name)
		return y, 0, err
	}
	yp, err := BinaryLabels(t.Subset(present), name)
	if err != nil {
		var ie *ColumnError
		if errors.As(err, &ie) && ie.Row >= 0 {
			ie.Row = present[ie.Row]
		}
		return nil, 0, err
	}
	y := make([]float64, col.Len())
	for i := range y {
		y[i] = math.NaN()
	}
	for k, i := range present {
		y[i] = yp[k]
	}
	return y, missing, nil
}
