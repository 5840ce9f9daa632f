package segmenta

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/predict"
	"github.com/segmenta/segmenta/report"
)

// Fit fits a whole Model on a table of accounts; it is FitContext with a
// background context.
func Fit(t *dataset.Table, cfg Config) (*Model, error) {
	return FitContext(context.Background(), t, cfg)
}

// FitContext fits a whole Model on a table of accounts (one row per
// account, with an ID column):
//
//  1. the rows are split, stratified on the churn label and seeded by
//     cfg.Seed, into train (1 - TestFraction), calibration and test
//     (TestFraction/2 each);
//  2. the feature pipeline is fitted on the train rows (cfg.Spec, or a spec
//     inferred with features.InferSpec in which the outcome and label
//     columns are never features) and applied to every row;
//  3. the micro -> macro segmentation (k-means micro segments merged by
//     Ward linkage) is fitted on every row: it uses no label;
//  4. for each label present (churn, upsell), an L2 logistic model or a
//     GA2M, as cross-validation prefers (predict.OutcomeFit), is fitted on
//     the train and calibration rows together, Platt-calibrated on
//     out-of-fold decision values of those rows (never a decreasing map) and
//     evaluated on the test rows (see Metrics, with a bootstrap interval of
//     the ROC AUC and a warning under MinEvaluationEvents events);
//  5. the segments are profiled (report.Profile: KPIs, traits, names) with
//     the calibrated probabilities.
//
// Without any label column the model is a segmentation only (Score then
// gives NaN probabilities and no risk band). Errors:
// ErrConfig, ErrTooFewRows, ErrLabel (wrapped in a *dataset.ColumnError naming the
// row), dataset.ErrParse in a *dataset.ColumnError for an input column whose
// name or levels are not UTF-8, and errors of the features, cluster and
// predict packages, wrapped.
// FitContext returns ctx.Err() when ctx is cancelled.
func FitContext(ctx context.Context, t *dataset.Table, cfg Config) (*Model, error) {
	if t == nil || t.Len() == 0 {
		return nil, fmt.Errorf("segmenta: fit: %w", dataset.ErrEmpty)
	}
	var priv Privacy
	t, err := priv.FilterConsent(t, cfg.ConsentColumn)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: %w", err)
	}
	s, yChurn, yUpsell, err := fitInputs(t, cfg)
	s.priv = priv
	if err != nil {
		return nil, err
	}
	var p Parts // every row in train without a label: a segmentation only
	if p.Train, p.Calibration, p.Test, err = dataset.SplitFirstLabels(t.Len(), s.TestFraction, s.Seed, yChurn, yUpsell); err != nil {
		return nil, fmt.Errorf("segmenta: fit: %w: %w", ErrConfig, err)
	}
	return fitParts(ctx, t, s, yChurn, yUpsell, p)
}

// Parts is a split of a table's rows (indexes) for FitSplit
// (predict.OutcomeRows): the feature pipeline is fitted on Train, the
// outcome models on Train and Calibration (calibrated on out-of-fold
// scores of those rows) and evaluated on Test (Metrics); OutOfTime, when not empty,
// is evaluated beside Test (Metrics.OutOfTime). A row may be in at most
// one part; rows in none still take part in the segmentation and the
// profile.
type Parts = predict.OutcomeRows

// FitSplit fits a whole Model like FitContext on the caller's split of the
// rows of t instead of FitContext's stratified one: a split by account of
// snapshots stacked over several cutoffs (snapshot.SplitStack, see
// FitSnapshots), say. Every row needs its labels. cfg.TestFraction is not
// used, only recorded.
func FitSplit(ctx context.Context, t *dataset.Table, p Parts, cfg Config) (*Model, error) {
	if cfg.ConsentColumn != "" {
		// Leaving rows out would move the indexes of p.
		return nil, fmt.Errorf("segmenta: fit: %w: ConsentColumn with a caller's split: leave the rows without consent out before splitting (privacy.FilterConsent)", ErrConfig)
	}
	s, yChurn, yUpsell, err := fitInputs(t, cfg)
	if err != nil {
		return nil, err
	}
	if yChurn == nil && yUpsell == nil {
		return nil, fmt.Errorf("segmenta: fit: %w: a split needs a churn or upsell label column", ErrLabel)
	}
	if err := p.Check(t.Len()); err != nil {
		return nil, fmt.Errorf("segmenta: fit: %w", err)
	}
	if s.Spec.IsZero() {
		// Inferred from the training rows: the others may be of another
		// time (a later cutoff) whose columns the training rows lack.
		if s.Spec, err = s.spec(t.Subset(p.Train)); err != nil {
			return nil, err
		}
	}
	return fitParts(ctx, t, s, yChurn, yUpsell, p)
}

// fitParts fits the model on a split (see FitContext).
func fitParts(ctx context.Context, t *dataset.Table, s settings, yChurn, yUpsell []float64, p Parts) (*Model, error) {
	n := t.Len()
	train, calib, test := p.Train, p.Calibration, p.Test
	if yChurn != nil || yUpsell != nil {
		if len(calib) < 10 || len(test) < 10 {
			return nil, fmt.Errorf("segmenta: fit: %w: %d calibration and %d test rows (raise TestFraction or add rows)", ErrTooFewRows, len(calib), len(test))
		}
	}

	// Features.
	s.Progress("features", 0, 2)
	spec, err := s.spec(t)
	if err != nil {
		return nil, err
	}
	fitRows := t
	if len(train) < n {
		fitRows = t.Subset(train)
	}
	pipe, err := spec.Fit(fitRows)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: features: %w", err)
	}
	if err := t.CheckText(pipe.InputColumns()); err != nil {
		return nil, fmt.Errorf("segmenta: fit: %w", err)
	}
	X, err := pipe.Transform(t)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: features: %w", err)
	}
	s.Progress("features", 2, 2)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	m := &Model{pipeline: pipe, privacy: s.priv, labels: s.uses[:], columns: spec.Columns}
	m.privacy.Observe(t, pipe.Privacy(), s.PseudonymiseIDs)
	m.params = modelParams{
		ChurnLabel: s.ChurnLabel, UpsellLabel: s.UpsellLabel,
		MicroSegments: s.MicroSegments, Segments: s.Segments, TestFraction: s.TestFraction,
		Seed: s.Seed, C: s.C, HighRisk: s.HighRisk, MediumRisk: s.MediumRisk,
		TrainRows: len(train), CalibRows: len(calib), TestRows: len(test), OutOfTimeRows: len(p.OutOfTime),
	}
	if m.inputs, err = pipe.InputSchema(t); err != nil {
		return nil, fmt.Errorf("segmenta: fit: %w", err)
	}

	// Segments.
	s.Progress("segments", 0, 1)
	cols, err := pipe.SourceFeatures(s.SegmentOn)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: %w: SegmentOn: %w", ErrConfig, err)
	}
	mm := cluster.MicroMacro{Micro: s.MicroSegments, Macro: s.Segments, Seed: s.Seed, Columns: cols,
		MiniBatch: s.MiniBatchRows >= 0 && n > s.MiniBatchRows,
		Progress:  func(stage string, done, total int) { s.Progress("segments "+stage, done, total) }}
	if m.segments, err = mm.FitContext(ctx, X); err != nil {
		return nil, fmt.Errorf("segmenta: fit: segments: %w", err)
	}
	m.params.Segments = m.segments.NumMacro()
	// The training accounts' segments as Score assigns them.
	_, macro, err := m.segments.Predict(X)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: segments: %w", err)
	}
	keep, err := m.matchPrevious(t, macro, s.Previous) // the previous names, by ID
	if err != nil {
		return nil, err
	}
	s.Progress("segments", 1, 1)

	// Churn and upsell.
	of := predict.OutcomeFit{Logistic: predict.Logistic{C: s.C, FeatureNames: pipe.Names()}, LinearOnly: s.LinearOnly, AdditiveOnly: s.AdditiveOnly, Seed: s.Seed}
	if yChurn != nil {
		s.Progress("churn", 0, 1)
		if m.churn, err = of.Fit(ctx, s.ChurnLabel, X, yChurn, p); err != nil {
			return nil, fmt.Errorf("segmenta: fit: %w", err)
		}
		s.Progress("churn", 1, 1)
	}
	if yUpsell != nil {
		s.Progress("upsell", 0, 1)
		if m.upsell, err = of.Fit(ctx, s.UpsellLabel, X, yUpsell, p); err != nil {
			return nil, fmt.Errorf("segmenta: fit: %w", err)
		}
		s.Progress("upsell", 1, 1)
	}

	// Drift reference and personas.
	s.Progress("profile", 0, 1)
	pc := report.ProfileConfig{Title: "Segments", TopRisky: -1, Churned: s.ChurnLabel, Upsold: s.UpsellLabel, Protected: s.Protected,
		ChurnProb: m.churn.Probs(X), UpsellProb: m.upsell.Probs(X), Kinds: spec.ValueKinds(t), SegmentNames: keep}
	if m.drift, err = (drift.Config{}).Fit(t, train, pipe.InputColumns(), []drift.ScoreValues{{Name: "churn", Values: pc.ChurnProb}, {Name: "upsell", Values: pc.UpsellProb}}); err != nil {
		return nil, fmt.Errorf("segmenta: fit: drift: %w", err)
	}
	if m.profile, m.names, err = report.ProfileSegments(t, macro, m.segments.NumMacro(), pipe.Sources(cols), pc); err != nil {
		return nil, fmt.Errorf("segmenta: fit: profile: %w", err)
	}
	s.Progress("profile", 1, 1)
	return m, nil
}

// fitInputs checks t and cfg and reads the labels present.
func fitInputs(t *dataset.Table, cfg Config) (s settings, yChurn, yUpsell []float64, err error) {
	if t == nil || t.Len() == 0 {
		return s, nil, nil, fmt.Errorf("segmenta: fit: %w", dataset.ErrEmpty)
	}
	n := t.Len()
	const minRows = 50
	if n < minRows {
		return s, nil, nil, fmt.Errorf("segmenta: fit: %w: %d accounts, need at least %d", ErrTooFewRows, n, minRows)
	}
	s, err = cfg.withDefaults(n)
	if err != nil {
		return s, nil, nil, err
	}
	if t.IDs == nil {
		return s, nil, nil, fmt.Errorf("segmenta: fit: the table has no account ID column (one named id, account_id or customer_id is found by itself): %w", dataset.ErrColumnNotFound)
	}

	ol := dataset.OutcomeLabels{Churn: s.churnName, Upsell: s.upsellName, DefaultChurn: DefaultChurnLabel, DefaultUpsell: DefaultUpsellLabel,
		MaxMissing: s.MaxMissingLabelRate, SegmentsOnly: s.SegmentsOnly}
	if yChurn, yUpsell, s.uses, err = ol.Pick(t); err != nil {
		return s, nil, nil, fmt.Errorf("segmenta: fit: %w", err)
	}
	return s, yChurn, yUpsell, nil
}

// spec returns the feature spec: the configured one (refused when it
// makes a label a feature), or one inferred from t with the outcomes and
// labels forced out of the features.
func (s *settings) spec(t *dataset.Table) (*features.Spec, error) {
	labels := slices.DeleteFunc([]string{s.ChurnLabel, s.UpsellLabel}, func(l string) bool { return l == NoLabel || s.SegmentsOnly })
	notes := map[string]string{}
	for _, o := range s.outcomes {
		notes[o] = "outcome or label (segmenta.Config.Outcomes)"
	}
	if s.ConsentColumn != "" {
		notes[s.ConsentColumn] = consentNote
	}
	spec, err := features.SpecFor(t, s.Spec, labels, notes)
	if errors.Is(err, features.ErrSpec) {
		return nil, fmt.Errorf("segmenta: fit: %w: %w", ErrConfig, err)
	}
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: %w", err)
	}
	return spec, nil
}

// matchPrevious gives the segments of m, fitted on t (macro: the rows'
// labels, relabelled in place), the IDs and names of prev's
// (Config.Previous); nothing without prev.
func (m *Model) matchPrevious(t *dataset.Table, macro []int, prev *Model) (names []string, err error) {
	if prev == nil {
		return nil, nil
	}
	ps, err := prev.scorer()
	if err == nil {
		m.segments, m.match, names, err = ps.MatchSegments(t, m.segments, macro)
	}
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: previous model: %w", err)
	}
	return names, nil
}
