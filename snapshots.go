package segmenta

import (
	"context"
	"fmt"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/snapshot"
)

// Snapshots is what FitSnapshots fitted on: the stacked snapshots (their
// rows in a part of the split only), the split by account (indexes into
// Table) and the report of every cutoff, in order.
type Snapshots struct {
	Table   *dataset.Table
	Split   *snapshot.Split
	Reports []*snapshot.Report
}

// FitSnapshots fits a whole Model on the snapshots of d at every cutoff,
// stacked (snapshot.Data.Stack) and split by account
// (snapshot.SplitStack, stratified on the churn label, seeded by
// cfg.Seed): TestFraction of the accounts are held out, half of them to
// calibrate, half to test, so no account is both fitted and evaluated.
// The latest cutoff is the out-of-time evaluation: its rows of the test
// accounts give Metrics.OutOfTime, beside Metrics on the test accounts'
// earlier rows; no fitted or calibrating row is from it. It needs at least
// two cutoffs; d must have been loaded for them (snapshot.Load, or
// snapshot.LoadCutoffs with these cutoffs).
//
// The labels default to the snapshot's ("churn", "upsell"), and the cutoff
// column is never a feature. The model records the data spec, its pivot
// levels frozen as chosen at the latest cutoff (DataSpec), so that
// Model.Snapshot builds the same columns at scoring time.
func FitSnapshots(ctx context.Context, d *snapshot.Data, cutoffs []time.Time, cfg Config) (*Model, *Snapshots, error) {
	if len(cutoffs) < 2 {
		return nil, nil, fmt.Errorf("segmenta: fit: %w: %d cutoff(s); the latest is held out, so at least two are needed", snapshot.ErrCutoff, len(cutoffs))
	}
	t, reps, err := d.Stack(cutoffs)
	if err != nil {
		return nil, nil, fmt.Errorf("segmenta: fit: %w", err)
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	// Unnamed labels are the spec's: its churn and upsell columns where it
	// defines them, none where it does not (a spec with churn only fits
	// no upsell model rather than failing on a missing column).
	cfg.ChurnLabel = specLabel(t, cfg.ChurnLabel, snapshot.ChurnLabel)
	cfg.UpsellLabel = specLabel(t, cfg.UpsellLabel, snapshot.UpsellLabel)
	out := cfg.Outcomes
	if out == nil {
		out = DefaultOutcomes
	}
	cfg.Outcomes = append(append([]string(nil), out...), snapshot.CutoffColumn)
	strat := cfg.ChurnLabel
	if strat == NoLabel || !t.Has(strat) {
		strat = cfg.UpsellLabel
	}
	if strat == NoLabel || !t.Has(strat) {
		return nil, nil, fmt.Errorf("segmenta: fit: %w: the snapshots have no churn or upsell label (labels in the data spec)", ErrLabel)
	}
	frac := cfg.TestFraction
	if frac == 0 {
		frac = DefaultTestFraction
	}
	sp, err := snapshot.SplitStack(t, strat, frac, cfg.Seed)
	if err != nil {
		return nil, nil, fmt.Errorf("segmenta: fit: %w", err)
	}
	kept, ksp := sp.Apply(t)
	m, err := FitSplit(ctx, kept, Parts{Train: ksp.Train, Calibration: ksp.Calibration, Test: ksp.Test, OutOfTime: ksp.OutOfTime}, cfg)
	if err != nil {
		return nil, nil, err
	}
	m.data = d.Spec().FreezeLevels(reps[len(reps)-1].PivotLevels)
	for _, r := range reps {
		m.params.Cutoffs = append(m.params.Cutoffs, r.Cutoff.Format(time.RFC3339))
	}
	return m, &Snapshots{Table: kept, Split: ksp, Reports: reps}, nil
}

// DataSpec returns the data spec the model was fitted with (FitSnapshots),
// pivot levels frozen, or nil. Its table paths are as written in the
// spec, relative to the spec file's directory of the fit.
func (m *Model) DataSpec() *snapshot.Spec { return m.data }

// Snapshot builds the accounts' snapshot at cutoff to score with the model:
// spec says where the tables are now (paths, data_end) and must compute
// what the recorded data spec computes (snapshot.Spec.Match: anything else
// is an error wrapping snapshot.ErrDrift); the recorded pivot levels are
// used, so the columns are those of the fit. A nil spec uses the recorded
// one as it is (paths relative to the working directory). The model must
// have been fitted by FitSnapshots (else ErrConfig).
func (m *Model) Snapshot(spec *snapshot.Spec, cutoff time.Time) (*dataset.Table, *snapshot.Report, error) {
	if m.data == nil {
		return nil, nil, fmt.Errorf("segmenta: snapshot: %w: the model records no data spec (fit it with FitSnapshots)", ErrConfig)
	}
	use := m.data
	if spec != nil {
		var err error
		if use, err = spec.Match(m.data); err != nil {
			return nil, nil, fmt.Errorf("segmenta: snapshot: %w", err)
		}
	}
	d, err := snapshot.LoadCutoffs(use, []time.Time{cutoff})
	if err != nil {
		return nil, nil, err
	}
	return d.Snapshot(cutoff)
}

// specLabel is the configured label name, or else the snapshot's label
// column when the stack has it, or else NoLabel.
func specLabel(t *dataset.Table, name, column string) string {
	switch {
	case name != "":
		return name
	case t.Has(column):
		return column
	}
	return NoLabel
}
