package segmenta

import (
	"sync"

	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/predict"
	"github.com/segmenta/segmenta/report"
	"github.com/segmenta/segmenta/snapshot"
)

// Version is the library version written into model files.
const Version = "0.1.0"

// Model is a fitted whole model: the feature pipeline, the micro -> macro
// segmentation, the calibrated churn and upsell models, their metrics on
// held-out accounts, the segment personas and the schema of the input
// columns it needs. It is immutable and safe for concurrent use.
type Model struct {
	pipeline *features.Pipeline
	segments *cluster.MicroMacroModel
	churn    *predict.Outcome // nil when the table had no churn label
	upsell   *predict.Outcome // nil when the table had no upsell label
	names    []string         // macro segment names, by label
	profile  *report.Report
	inputs   *dataset.Schema
	params   modelParams
	privacy  Privacy
	data     *snapshot.Spec        // the data spec of FitSnapshots (levels frozen), or nil
	labels   []LabelUse            // how each outcome's label was chosen (fit only)
	columns  []features.ColumnSpec // what was done with each column and why (fit only)
	match    *cluster.LabelMatch   // how the segments matched Config.Previous's (fit only)
	drift    *drift.Reference      // training distributions of inputs and scores, or nil (older files)

	scorerOnce sync.Once
	sc         *batch.Scorer // the scoring engine, built on first use
	scErr      error
}

// NumMicroSegments returns the number of micro segments.
func (m *Model) NumMicroSegments() int {
	k, _ := m.segments.MicroCentroids().Dims()
	return k
}

// modelParams are the settings a model keeps (and writes to its file).
type modelParams struct {
	ChurnLabel    string  `json:"churn_label"`
	UpsellLabel   string  `json:"upsell_label"`
	MicroSegments int     `json:"micro_segments"`
	Segments      int     `json:"segments"`
	TestFraction  float64 `json:"test_fraction"`
	Seed          uint64  `json:"seed"`
	C             float64 `json:"c"`
	HighRisk      float64 `json:"high_risk"`
	MediumRisk    float64 `json:"medium_risk"`
	TrainRows     int     `json:"train_rows"`
	CalibRows     int     `json:"calibration_rows"`
	TestRows      int     `json:"test_rows"`
	// OutOfTimeRows and Cutoffs are set by FitSnapshots (omitted
	// otherwise, so other model files keep their bytes).
	OutOfTimeRows int      `json:"out_of_time_rows,omitempty"`
	Cutoffs       []string `json:"cutoffs,omitempty"`
}

// Metrics are the figures of one outcome model on the held-out test
// accounts (predict.OutcomeMetrics).
type Metrics = predict.OutcomeMetrics

// Pipeline returns the fitted feature pipeline.
func (m *Model) Pipeline() *features.Pipeline { return m.pipeline }

// Segmentation returns the fitted micro -> macro segmentation.
func (m *Model) Segmentation() *cluster.MicroMacroModel { return m.segments }

// ChurnModel returns the (uncalibrated) churn logistic model, or nil when
// there is no churn model or it is additive (see Decision).
func (m *Model) ChurnModel() *predict.LogisticModel { return m.churn.Linear() }

// UpsellModel returns the (uncalibrated) upsell logistic model, or nil
// when there is no upsell model or it is additive (see Decision).
func (m *Model) UpsellModel() *predict.LogisticModel { return m.upsell.Linear() }

// Decision returns the uncalibrated model of an outcome ("churn" or
// "upsell"): a *predict.LogisticModel or a *predict.AdditiveModel (whose
// shapes figure.ShapePlot draws), or nil when the model has no such
// outcome.
func (m *Model) Decision(outcome string) predict.Decision {
	o, _ := m.outcome(outcome)
	return o.Decision()
}

// outcome returns the outcome model named "churn" or "upsell" (nil when
// the model has none) and whether the name is one of those.
func (m *Model) outcome(name string) (*predict.Outcome, bool) {
	switch name {
	case "churn":
		return m.churn, true
	case "upsell":
		return m.upsell, true
	}
	return nil, false
}

// SegmentNames returns the macro segment names, indexed by segment label.
func (m *Model) SegmentNames() []string { return append([]string(nil), m.names...) }

// Profile returns the personas and KPIs of the segments of the training
// accounts (nil for a model loaded from a file without one).
func (m *Model) Profile() *report.Report { return m.profile }

// Inputs returns the schema of the input columns Score needs.
func (m *Model) Inputs() *dataset.Schema {
	s := *m.inputs
	s.Columns = append([]dataset.ColumnSchema(nil), m.inputs.Columns...)
	return &s
}

// IDColumn returns the name of the account ID column.
func (m *Model) IDColumn() string { return m.inputs.ID }

// NumSegments returns the number of macro segments.
func (m *Model) NumSegments() int { return len(m.names) }

// RiskThresholds returns the churn probabilities from which RiskBand is
// "high" and "medium".
func (m *Model) RiskThresholds() (high, medium float64) {
	return m.params.HighRisk, m.params.MediumRisk
}

// Labels says, for churn and upsell, which column was the label and why,
// and how many rows were skipped for a missing label. It is nil for a
// model loaded from a file.
func (m *Model) Labels() []LabelUse { return append([]LabelUse(nil), m.labels...) }

// Columns says what was done with each column of the fitting table and why
// (the feature spec with its notes). It is nil for a model loaded from a
// file.
func (m *Model) Columns() []features.ColumnSpec {
	return append([]features.ColumnSpec(nil), m.columns...)
}

// Match says how the segments matched those of Config.Previous (matched
// segments, the share of accounts that kept their ID); nil without a
// previous model, and for a model loaded from a file.
func (m *Model) Match() *cluster.LabelMatch { return m.match }
