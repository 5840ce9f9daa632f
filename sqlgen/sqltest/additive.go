package sqltest

import (
	"fmt"
	"math"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/predict"
)

// AdditiveParts returns m's scoring parts with both outcomes replaced by
// GA2Ms (predict.Additive, every feature shaped, pairs tried) fitted on the pipeline's
// features of the first 4,000 labelled rows of t, and Go's scores of
// every row of t under them. The upsell calibration is decreasing (Platt's
// A > 0), so the reasons of the reversed ranking are checked too. A fit
// under the defaults keeps a GA2M only where cross-validation prefers it,
// so SQL must be checked on one that certainly is.
func AdditiveParts(m *segmenta.Model, t *dataset.Table) (batch.Parts, []batch.Score, error) {
	p := m.ScoringParts()
	fit := t.Slice(0, min(t.Len(), 4000))
	X, err := p.Pipeline.Transform(fit)
	if err != nil {
		return p, nil, err
	}
	outcome := func(label string, cal predict.PlattModel) (*predict.Outcome, error) {
		y, _, err := dataset.PickLabel(fit, label, label, label, 1)
		if err != nil {
			return nil, err
		}
		var rows []int
		for i, v := range y {
			if !math.IsNaN(v) {
				rows = append(rows, i)
			}
		}
		Xl, yl := predict.SelectRows(X, y, rows)
		// No shape or pair tests: every feature shaped, the best pairs
		// tried, so that SQL meets every kind of term.
		a, err := predict.Additive{Seed: 1, TestLevel: -1}.Fit(Xl, yl)
		if err != nil {
			return nil, fmt.Errorf("sqltest: additive %s model: %w", label, err)
		}
		if len(a.Info().Pairs) == 0 || len(a.Info().Shaped) == 0 {
			return nil, fmt.Errorf("sqltest: the additive %s model kept %d pairs and %d shapes: the SQL of both must be checked", label, len(a.Info().Pairs), len(a.Info().Shaped))
		}
		return &predict.Outcome{Label: label, Additive: a, Calibration: cal}, nil
	}
	if p.Churn, err = outcome(segmenta.DefaultChurnLabel, predict.PlattModel{A: -1.1, B: 0.2}); err != nil {
		return p, nil, err
	}
	if p.Upsell, err = outcome(segmenta.DefaultUpsellLabel, predict.PlattModel{A: 0.9, B: -0.1}); err != nil {
		return p, nil, err
	}
	s, err := batch.New(p)
	if err != nil {
		return p, nil, err
	}
	want, err := s.ScoreInto(nil, t, nil)
	return p, want, err
}
