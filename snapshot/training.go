package snapshot

import (
	"context"
	"fmt"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// Training is a stack of snapshots split by account for a fit
// (Data.StackSplit): the stacked rows in a part of the split, the split
// (indexes into Table), the report of every cutoff in order, the label
// columns the fit uses, and the data spec with its pivot levels frozen as
// chosen at the latest cutoff, for a model file to record.
type Training struct {
	Table         *dataset.Table
	Split         *Split
	Reports       []*Report
	Churn, Upsell string // label columns, dataset.NoLabel where none
	Spec          *Spec
}

// StackSplit stacks the snapshots of d at every cutoff (Stack) and splits
// them by account (SplitStack, stratified on the churn label, else on the
// upsell label, seeded by seed), keeping the rows in a part of the split
// (Split.Apply). It needs at least two cutoffs, the latest being the
// out-of-time evaluation; d must have been loaded for them. churn and
// upsell name the label columns; an empty name takes this package's label
// column (ChurnLabel, UpsellLabel) where the stack has it and none
// (dataset.NoLabel) where it does not, so a spec defining churn alone
// fits no upsell model rather than failing on a missing column. A stack
// without either label fails with dataset.ErrLabel.
func (d *Data) StackSplit(ctx context.Context, cutoffs []time.Time, churn, upsell string, testFraction float64, seed uint64) (*Training, error) {
	if len(cutoffs) < 2 {
		return nil, fmt.Errorf("%w: %d cutoff(s); the latest is held out, so at least two are needed", ErrCutoff, len(cutoffs))
	}
	t, reps, err := d.Stack(cutoffs)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	tr := &Training{Reports: reps, Churn: stackLabel(t, churn, ChurnLabel), Upsell: stackLabel(t, upsell, UpsellLabel)}
	strat := tr.Churn
	if strat == dataset.NoLabel || !t.Has(strat) {
		strat = tr.Upsell
	}
	if strat == dataset.NoLabel || !t.Has(strat) {
		return nil, fmt.Errorf("%w: the snapshots have no churn or upsell label (labels in the data spec)", dataset.ErrLabel)
	}
	sp, err := SplitStack(t, strat, testFraction, seed)
	if err != nil {
		return nil, err
	}
	tr.Table, tr.Split = sp.Apply(t)
	tr.Spec = d.Spec().FreezeLevels(reps[len(reps)-1].PivotLevels)
	return tr, nil
}

// stackLabel is the label name given, or else the snapshot's label column
// when the stack has it, or else dataset.NoLabel.
func stackLabel(t *dataset.Table, name, column string) string {
	switch {
	case name != "":
		return name
	case t.Has(column):
		return column
	}
	return dataset.NoLabel
}

// ScoringSnapshot builds the accounts' snapshot at cutoff with the data
// spec a model recorded, s (levels frozen, Training.Spec): now says where
// the tables are today (paths, data_end) and must compute what s computes
// (Spec.Match: anything else is an error wrapping ErrDrift); the recorded
// pivot levels are used, so the columns are those of the fit. A nil now
// uses s as it is.
func (s *Spec) ScoringSnapshot(now *Spec, cutoff time.Time) (*dataset.Table, *Report, error) {
	use := s
	if now != nil {
		var err error
		if use, err = now.Match(s); err != nil {
			return nil, nil, err
		}
	}
	d, err := LoadCutoffs(use, []time.Time{cutoff})
	if err != nil {
		return nil, nil, err
	}
	return d.Snapshot(cutoff)
}
