package batch

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/predict"
)

// Evaluate scores the labelled accounts of t and returns the metrics of
// the churn and upsell models on them (predict.EvaluateOutcome); a model
// the parts lack, or whose label column t lacks, is left nil.
func (s *Scorer) Evaluate(t *dataset.Table) (churn, upsell *predict.OutcomeMetrics, err error) {
	scores, err := s.ScoreInto(nil, t, nil)
	if err != nil {
		return nil, nil, err
	}
	get := func(o *predict.Outcome, pick func(*Score) float64) (*predict.OutcomeMetrics, error) {
		if o == nil || !t.Has(o.Label) {
			return nil, nil
		}
		y, err := dataset.BinaryLabels(t, o.Label)
		if err != nil {
			return nil, fmt.Errorf("evaluate: %w", err)
		}
		p := make([]float64, len(scores))
		for i := range scores {
			p[i] = pick(&scores[i])
		}
		mt, err := predict.EvaluateOutcome(o.Label, y, p)
		if err != nil {
			return nil, fmt.Errorf("evaluate: %w", err)
		}
		return &mt, nil
	}
	if churn, err = get(s.p.Churn, func(s *Score) float64 { return s.Churn }); err != nil {
		return nil, nil, err
	}
	upsell, err = get(s.p.Upsell, func(s *Score) float64 { return s.Upsell })
	return churn, upsell, err
}
