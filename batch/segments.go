package batch

import (
	"fmt"

	"github.com/segmenta/segmenta/dataset"
)

// Segments returns the macro segment of every account of t, as ScoreInto
// assigns it, without the outcome models: what refitting with a previous
// model (segmenta.Config.Previous) and comparing snapshots need. Required
// columns absent from t fail at once with ErrMissingColumn naming all of
// them.
func (s *Scorer) Segments(t *dataset.Table) ([]int, error) {
	if err := s.checkInputs(t); err != nil {
		return nil, err
	}
	X, err := s.transform(t, nil, &scratch{})
	if err != nil {
		return nil, err
	}
	_, macro, err := s.p.Segments.Predict(X)
	if err != nil {
		return nil, fmt.Errorf("batch: segments: %w", err)
	}
	return macro, nil
}
