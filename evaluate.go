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
// churn and upsell models on them (predict.EvaluateOutcome); a model the
// Model lacks, or whose label column t lacks, is left nil. Use it on
// accounts the model was not fitted on.
func (m *Model) Evaluate(t *dataset.Table) (Evaluation, error) {
	var e Evaluation
	scores, err := m.Score(t)
	if err != nil {
		return e, err
	}
	get := func(o *predict.Outcome, pick func(*Score) float64) (*Metrics, error) {
		if o == nil || !t.Has(o.Label) {
			return nil, nil
		}
		y, err := dataset.BinaryLabels(t, o.Label)
		if err != nil {
			return nil, fmt.Errorf("segmenta: evaluate: %w", err)
		}
		p := make([]float64, len(scores))
		for i := range scores {
			p[i] = pick(&scores[i])
		}
		mt, err := predict.EvaluateOutcome(o.Label, y, p)
		if err != nil {
			return nil, fmt.Errorf("segmenta: evaluate: %w", err)
		}
		return &mt, nil
	}
	if e.Churn, err = get(m.churn, func(s *Score) float64 { return s.Churn }); err != nil {
		return e, err
	}
	e.Upsell, err = get(m.upsell, func(s *Score) float64 { return s.Upsell })
	return e, err
}
