package batch

import (
	"errors"
	"fmt"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
)

// ErrNoDrift: the model has no drift reference (Parts.Drift is nil: a
// model file written before drift references). Refitting the model adds
// one.
var ErrNoDrift = errors.New("the model has no drift reference (its file predates them; refit to add one)")

// driftScores returns the names of the scores p gives, as a drift
// reference names them.
func (p *Parts) driftScores() []string {
	var s []string
	if p.Churn != nil {
		s = append(s, "churn")
	}
	if p.Upsell != nil {
		s = append(s, "upsell")
	}
	return s
}

// newBinner sets up the drift counting of s, when its parts have a
// reference.
func (s *Scorer) newBinner() {
	s.churnCol, s.upsellCol = -1, -1
	if s.p.Drift == nil {
		return
	}
	s.bin = drift.NewBinner(s.p.Drift)
	s.churnCol, s.upsellCol = s.bin.ScoreIndex("churn"), s.bin.ScoreIndex("upsell")
}

// tally counts the scored rows of t (those not in bad) and their scores
// into the drift bins; nil without a reference.
func (s *Scorer) tally(t *dataset.Table, scores []Score, bad map[int]string) (*drift.Tally, error) {
	if s.bin == nil {
		return nil, nil
	}
	var skip func(int) bool
	if len(bad) > 0 {
		skip = func(i int) bool { _, b := bad[i]; return b }
	}
	tl := s.bin.NewTally()
	if err := tl.AddTable(t, skip); err != nil {
		return nil, fmt.Errorf("batch: score: %w", err)
	}
	for i := range scores {
		if skip != nil && skip(i) {
			continue
		}
		if s.churnCol >= 0 {
			tl.AddScore(s.churnCol, scores[i].Churn)
		}
		if s.upsellCol >= 0 {
			tl.AddScore(s.upsellCol, scores[i].Upsell)
		}
	}
	return tl, nil
}

// Drift scores the accounts of t and compares their inputs and scores with
// the training accounts' (drift.Tally.Report): the PSI and status of each
// column, with thresholds th (zero: 0.1 and 0.25). It fails with
// ErrNoDrift for a model without a drift reference, and as ScoreInto
// does for a table it cannot score.
func (s *Scorer) Drift(t *dataset.Table, th drift.Thresholds) (*drift.Report, error) {
	if s.bin == nil {
		return nil, fmt.Errorf("batch: drift: %w", ErrNoDrift)
	}
	scores, err := s.ScoreInto(nil, t, nil)
	if err != nil {
		return nil, err
	}
	tl, err := s.tally(t, scores, nil)
	if err != nil {
		return nil, err
	}
	return tl.Report(th)
}
