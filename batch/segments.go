package batch

import (
	"fmt"

	"github.com/segmenta/segmenta/cluster"
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

// MatchSegments relabels mm, a new segmentation of t's rows (labels: their
// segments under mm, relabelled in place), to agree with this scorer's
// model: t's rows are assigned by it (Segments) and the two matched by
// their shared rows (cluster.MicroMacroModel.MatchLabels with the default
// LabelMatcher). names are this model's segment names extended with ""
// for the fresh IDs of new segments that match none: by ID, the names the
// new segments keep.
func (s *Scorer) MatchSegments(t *dataset.Table, mm *cluster.MicroMacroModel, labels []int) (*cluster.MicroMacroModel, *cluster.LabelMatch, []string, error) {
	prev, err := s.Segments(t)
	if err != nil {
		return nil, nil, nil, err
	}
	k := s.p.Segments.NumMacro()
	m, lm, err := mm.MatchLabels(labels, prev, k, cluster.LabelMatcher{})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("batch: %w", err)
	}
	names := make([]string, lm.NumIDs)
	copy(names, s.p.SegmentNames)
	return m, &lm, names, nil
}
