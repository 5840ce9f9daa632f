package predict

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"github.com/segmenta/segmenta/internal/errs"
)

// OutcomeFile is an Outcome as a whole-model file embeds it: exactly one
// of the logistic model (LogisticModel.Save) and the additive model
// (AdditiveModel.Save: plain arithmetic on the features, a standardised
// linear part plus a step at each quantile edge per feature and a table
// per pair of features indexed by their coarse bins), each its own
// versioned, checksummed JSON; the calibration's method and parameters;
// and the metrics. A linear outcome's JSON is the same as before the
// additive model existed.
type OutcomeFile struct {
	Label       string          `json:"label"`
	Logistic    json.RawMessage `json:"logistic,omitempty"`
	Additive    json.RawMessage `json:"additive,omitempty"`
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
	f := &OutcomeFile{Label: o.Label, Metrics: o.Metrics}
	if o.Additive != nil {
		if err := o.Additive.Save(&buf); err != nil {
			return nil, fmt.Errorf("predict: saving the %s model: %w", o.Label, err)
		}
		f.Additive = buf.Bytes()
	} else {
		if err := o.Logistic.Save(&buf); err != nil {
			return nil, fmt.Errorf("predict: saving the %s model: %w", o.Label, err)
		}
		f.Logistic = buf.Bytes()
	}
	f.Calibration.Method = "platt"
	f.Calibration.PlattModel = o.Calibration
	return f, nil
}

// OutcomesVersion is the whole-model file version its outcome files need:
// 2 when one holds an additive model, else 1 (what libraries before the
// additive model read).
func OutcomesVersion(files ...*OutcomeFile) int {
	for _, f := range files {
		if f != nil && len(f.Additive) > 0 {
			return 2
		}
	}
	return 1
}

// CheckFeatures refuses, as a *ColumnError naming the outcome's label and
// wrapping ErrCorrupt, an outcome without exactly one model or whose model
// does not take d features; a nil o passes.
func (o *Outcome) CheckFeatures(d int) error {
	if o == nil {
		return nil
	}
	bad := func(err error) error {
		return &errs.ColumnError{Column: o.Label, Row: -1, Err: fmt.Errorf("%w: %w", ErrCorrupt, err)}
	}
	dec := o.Decision()
	switch {
	case dec == nil:
		return bad(fmt.Errorf("an outcome needs exactly one of a logistic and an additive model"))
	case dec.NumFeatures() != d:
		return bad(fmt.Errorf("the model takes %d features, the pipeline gives %d", dec.NumFeatures(), d))
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
	var lr *LogisticModel
	var add *AdditiveModel
	var err error
	switch {
	case len(f.Logistic) > 0 && len(f.Additive) > 0:
		return nil, bad("", fmt.Errorf("both a logistic and an additive model"))
	case len(f.Additive) > 0:
		if add, err = LoadAdditive(bytes.NewReader(f.Additive)); err != nil {
			return nil, bad(".additive", err)
		}
	default:
		if lr, err = LoadLogistic(bytes.NewReader(f.Logistic)); err != nil {
			return nil, bad(".logistic", err)
		}
	}
	c := f.Calibration
	if c.Method != "platt" {
		return nil, bad(".calibration.method", fmt.Errorf("unknown method %q", c.Method))
	}
	if math.IsNaN(c.A) || math.IsInf(c.A, 0) || math.IsNaN(c.B) || math.IsInf(c.B, 0) {
		return nil, bad(".calibration", fmt.Errorf("non-finite parameter"))
	}
	return &Outcome{Label: f.Label, Logistic: lr, Additive: add, Calibration: c.PlattModel, Metrics: f.Metrics}, nil
}
