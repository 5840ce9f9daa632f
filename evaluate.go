package segmenta

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/predict"
)

// MinEvaluationEvents is the number of accounts of each class below which
// Metrics carry a Warning.
const MinEvaluationEvents = 50

// evaluate computes the metrics of probabilities p against labels y
// (predict.Evaluate, at least ten rows) with a bootstrap interval of the
// ROC AUC.
func evaluate(label string, y, p []float64) (Metrics, error) {
	m := Metrics{Label: label, Rows: len(y)}
	for _, v := range y {
		if v == 1 {
			m.Positives++
		}
	}
	if m.Positives == 0 || m.Positives == len(y) {
		return m, fmt.Errorf("%w: the evaluation rows of %q hold a single class", ErrLabel, label)
	}
	r, err := predict.Evaluate(label, y, p, 0)
	if err != nil {
		return m, err
	}
	m.ROCAUC, m.PRAUC, m.LogLoss, m.Brier = r.ROCAUC, r.AveragePrecision, r.LogLoss, r.Brier
	m.LiftTopDecile, m.CalibrationError, m.BaseRate = r.TopDecileLift, r.ECE, r.PositiveRate
	if m.ROCAUCLow, m.ROCAUCHigh, err = predict.BootstrapInterval(y, p, predict.ROCAUC, 0.95, 1000, 1); err != nil {
		return m, err
	}
	if ev := min(m.Positives, m.Rows-m.Positives); ev < MinEvaluationEvents {
		m.Warning = fmt.Sprintf("only %d accounts of the rarer class in the evaluation (fewer than %d): the figures are uncertain, see the ROC AUC interval", ev, MinEvaluationEvents)
	}
	return m, nil
}

// Evaluation gathers the metrics of the churn and upsell models; a nil
// entry means no such model (or no such label in the data).
type Evaluation struct {
	Churn  *Metrics `json:"churn,omitempty"`
	Upsell *Metrics `json:"upsell,omitempty"`
}

// Metrics returns the metrics of the model on its held-out test accounts.
func (m *Model) Metrics() Evaluation {
	var e Evaluation
	if m.churn != nil {
		c := m.churn.metrics
		e.Churn = &c
	}
	if m.upsell != nil {
		u := m.upsell.metrics
		e.Upsell = &u
	}
	return e
}

// Evaluate scores the labelled accounts of t and returns the metrics of the
// churn and upsell models on them; a model the Model lacks, or whose label
// column t lacks, is left nil. Use it on accounts the model was not fitted
// on.
func (m *Model) Evaluate(t *dataset.Table) (Evaluation, error) {
	var e Evaluation
	scores, err := m.Score(t)
	if err != nil {
		return e, err
	}
	get := func(o *outcome, pick func(*Score) float64) (*Metrics, error) {
		if o == nil || !t.Has(o.label) {
			return nil, nil
		}
		y, err := binaryLabel(t, o.label)
		if err != nil {
			return nil, fmt.Errorf("segmenta: evaluate: %w", err)
		}
		p := make([]float64, len(scores))
		for i := range scores {
			p[i] = pick(&scores[i])
		}
		mt, err := evaluate(o.label, y, p)
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
