package segmenta

import (
	"cmp"
	"context"
	"fmt"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/snapshot"
)

// Snapshots is what FitSnapshots fitted on (snapshot.Training): the
// stacked snapshots (their rows in a part of the split only), the split by
// account (indexes into Table) and the report of every cutoff, in order.
type Snapshots = snapshot.Training

// FitSnapshots fits a whole Model on the snapshots of d at every cutoff,
// stacked and split by account (snapshot.Data.StackSplit, stratified on
// the churn label, seeded by cfg.Seed): TestFraction of the accounts are
// held out, half of them to calibrate, half to test, so no account is both
// fitted and evaluated. The latest cutoff is the out-of-time evaluation:
// its rows of the test accounts give Metrics.OutOfTime, beside Metrics on
// the test accounts' earlier rows; no fitted or calibrating row is from
// it. It needs at least two cutoffs; d must have been loaded for them
// (snapshot.Load, or snapshot.LoadCutoffs with these cutoffs).
//
// The labels default to the snapshot's ("churn", "upsell") where the spec
// defines them, and the cutoff column is never a feature. The model
// records the data spec, its pivot levels frozen as chosen at the latest
// cutoff (DataSpec), so that Model.Snapshot builds the same columns at
// scoring time.
func FitSnapshots(ctx context.Context, d *snapshot.Data, cutoffs []time.Time, cfg Config) (*Model, *Snapshots, error) {
	frac := cmp.Or(cfg.TestFraction, DefaultTestFraction)
	tr, err := d.StackSplit(ctx, cutoffs, cfg.ChurnLabel, cfg.UpsellLabel, frac, cfg.Seed)
	if err != nil {
		return nil, nil, fmt.Errorf("segmenta: fit: %w", err)
	}
	cfg.ChurnLabel, cfg.UpsellLabel = tr.Churn, tr.Upsell
	out := cfg.Outcomes
	if out == nil {
		out = DefaultOutcomes
	}
	cfg.Outcomes = append(append([]string(nil), out...), snapshot.CutoffColumn)
	sp := tr.Split
	m, err := FitSplit(ctx, tr.Table, Parts{Train: sp.Train, Calibration: sp.Calibration, Test: sp.Test, OutOfTime: sp.OutOfTime}, cfg)
	if err != nil {
		return nil, nil, err
	}
	m.data = tr.Spec
	for _, r := range tr.Reports {
		m.params.Cutoffs = append(m.params.Cutoffs, r.Cutoff.Format(time.RFC3339))
	}
	return m, tr, nil
}

// DataSpec returns the data spec the model was fitted with (FitSnapshots),
// pivot levels frozen, or nil. Its table paths are as written in the
// spec, relative to the spec file's directory of the fit.
func (m *Model) DataSpec() *snapshot.Spec { return m.data }

// Snapshot builds the accounts' snapshot at cutoff to score with the model
// (snapshot.Spec.ScoringSnapshot of the recorded data spec): spec says
// where the tables are now and must compute what the recorded one
// computes, else the error wraps snapshot.ErrDrift; nil uses the recorded
// spec as it is (paths relative to the working directory). The model must
// have been fitted by FitSnapshots (else ErrConfig).
func (m *Model) Snapshot(spec *snapshot.Spec, cutoff time.Time) (*dataset.Table, *snapshot.Report, error) {
	if m.data == nil {
		return nil, nil, fmt.Errorf("segmenta: snapshot: %w: the model records no data spec (fit it with FitSnapshots)", ErrConfig)
	}
	t, rep, err := m.data.ScoringSnapshot(spec, cutoff)
	if err != nil {
		return nil, nil, fmt.Errorf("segmenta: snapshot: %w", err)
	}
	return t, rep, nil
}
