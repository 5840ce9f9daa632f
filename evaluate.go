package segmenta

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/predict"
)

// MinEvaluationEvents is the number of accounts of each class below which
// Metrics carry a Warning.
const MinEvaluationEvents = predict.MinEvaluationEvents

// Evaluation gathers the metrics of the churn and upsell models; a nil
// entry means no such model (or no such label in the data).
type Evaluation struct {
	Churn  *Metrics `json:"churn,omitempty"`
	Upsell *Metrics `json:"upsell,omitempty"`
}

// Metrics returns the metrics of the model on its held-out test accounts.
func (m *Model) Metrics() Evaluation {
	return Evaluation{Churn: m.churn.HeldOut(), Upsell: m.upsell.HeldOut()}
}

// Evaluate scores the labelled accounts of t and returns the metrics of the
// churn and upsell models on them (batch.Scorer.Evaluate); a model the
// Model lacks, or whose label column t lacks, is left nil. Use it on
// accounts the model was not fitted on.
func (m *Model) Evaluate(t *dataset.Table) (Evaluation, error) {
	var e Evaluation
	s, err := m.scorer()
	if err != nil {
		return e, err
	}
	if e.Churn, e.Upsell, err = s.Evaluate(t); err != nil {
		return e, fmt.Errorf("segmenta: %w", err)
	}
	return e, nil
}
