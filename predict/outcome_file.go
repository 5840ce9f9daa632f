package predict

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"github.com/segmenta/segmenta/internal/errs"
)

// OutcomeFile is an Outcome as a whole-model file embeds it: the logistic
// model as its own versioned, checksummed JSON (LogisticModel.Save), the
// calibration's method and parameters, and the metrics.
type OutcomeFile struct {
	Label       string          `json:"label"`
	Logistic    json.RawMessage `json:"logistic"`
	Calibration struct {
		Method string `json:"method"`
		PlattModel
	} `json:"calibration"`
	Metrics OutcomeMetrics `json:"metrics"`
}

// File returns o as a model file embeds it; nil for a nil o.
func (o *Outcome) File() (*OutcomeFile, error) {
	if o == nil {
		return nil, nil
	}
	var buf bytes.Buffer
	if err := o.Logistic.Save(&buf); err != nil {
		return nil, fmt.Errorf("predict: saving the %s model: %w", o.Label, err)
	}
	f := &OutcomeFile{Label: o.Label, Logistic: buf.Bytes(), Metrics: o.Metrics}
	f.Calibration.Method = "platt"
	f.Calibration.PlattModel = o.Calibration
	return f, nil
}

// CheckFeatures refuses, as a *ColumnError naming the outcome's label and
// wrapping ErrCorrupt, a model that does not take d features; a nil o
// passes.
func (o *Outcome) CheckFeatures(d int) error {
	if o != nil && (len(o.coef) != d || len(o.means) != d) {
		return &errs.ColumnError{Column: o.Label, Row: -1, Err: fmt.Errorf("%w: logistic model has %d coefficients, pipeline %d features", ErrCorrupt, len(o.coef), d)}
	}
	return nil
}

// Outcome checks f and returns its model; nil for a nil f. A fault is a
// *ColumnError naming field, the file's field holding f, and the part at
// fault ("churn.logistic", say), wrapping ErrCorrupt.
func (f *OutcomeFile) Outcome(field string) (*Outcome, error) {
	if f == nil {
		return nil, nil
	}
	bad := func(part string, err error) error {
		return &errs.ColumnError{Column: field + part, Row: -1, Err: fmt.Errorf("%w: %w", ErrCorrupt, err)}
	}
	lr, err := LoadLogistic(bytes.NewReader(f.Logistic))
	if err != nil {
		return nil, bad(".logistic", err)
	}
	c := f.Calibration
	if c.Method != "platt" {
		return nil, bad(".calibration.method", fmt.Errorf("unknown method %q", c.Method))
	}
	if math.IsNaN(c.A) || math.IsInf(c.A, 0) || math.IsNaN(c.B) || math.IsInf(c.B, 0) {
		return nil, bad(".calibration", fmt.Errorf("non-finite parameter"))
	}
	return newOutcome(f.Label, lr, c.PlattModel, f.Metrics), nil
}
