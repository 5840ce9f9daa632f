package segmenta

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"unicode/utf8"

	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/predict"
	"github.com/segmenta/segmenta/report"
	"gonum.org/v1/gonum/mat"
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
//  4. for each label present (churn, upsell), an L2 logistic regression is
//     fitted on the train rows, Platt-calibrated on the calibration rows and
//     evaluated on the test rows (see Metrics); the shipped model is the one
//     evaluated, not a refit on all rows;
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
	t, err := consentRows(t, cfg.ConsentColumn, &priv)
	if err != nil {
		return nil, err
	}
	n := t.Len()
	const minRows = 50
	if n < minRows {
		return nil, fmt.Errorf("segmenta: fit: %w: %d accounts, need at least %d", ErrTooFewRows, n, minRows)
	}
	s, err := cfg.withDefaults(n)
	if err != nil {
		return nil, err
	}
	if t.IDs == nil {
		return nil, fmt.Errorf("segmenta: fit: the table has no account ID column (one named id, account_id or customer_id is found by itself): %w", dataset.ErrColumnNotFound)
	}

	// Labels.
	var yChurn, yUpsell []float64
	if s.ChurnLabel != NoLabel && t.Has(s.ChurnLabel) {
		if yChurn, err = binaryLabel(t, s.ChurnLabel); err != nil {
			return nil, fmt.Errorf("segmenta: fit: %w", err)
		}
	}
	if s.UpsellLabel != NoLabel && t.Has(s.UpsellLabel) {
		if yUpsell, err = binaryLabel(t, s.UpsellLabel); err != nil {
			return nil, fmt.Errorf("segmenta: fit: %w", err)
		}
	}
	var train, calib, test []int
	if yChurn == nil && yUpsell == nil {
		// A segmentation only: every row fits the pipeline.
		train = make([]int, n)
		for i := range train {
			train[i] = i
		}
	} else {
		strat := yChurn
		if strat == nil {
			strat = yUpsell
		}
		if train, calib, test, err = split3(strat, s.TestFraction, s.Seed); err != nil {
			return nil, err
		}
		if len(calib) < 10 || len(test) < 10 {
			return nil, fmt.Errorf("segmenta: fit: %w: %d calibration and %d test rows (raise TestFraction or add rows)", ErrTooFewRows, len(calib), len(test))
		}
	}

	// Features.
	s.progress("features", 0, 2)
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
	if err := validText(t, pipe.InputColumns()); err != nil {
		return nil, fmt.Errorf("segmenta: fit: %w", err)
	}
	X, err := pipe.Transform(t)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: features: %w", err)
	}
	s.progress("features", 2, 2)
	if err := ctx.Err(); err != nil {
		return nil, err
	}

	m := &Model{pipeline: pipe, privacy: priv}
	m.recordPrivacy(t, s.PseudonymiseIDs)
	m.params = modelParams{
		ChurnLabel: s.ChurnLabel, UpsellLabel: s.UpsellLabel,
		MicroSegments: s.MicroSegments, Segments: s.Segments, TestFraction: s.TestFraction,
		Seed: s.Seed, C: s.C, HighRisk: s.HighRisk, MediumRisk: s.MediumRisk,
		TrainRows: len(train), CalibRows: len(calib), TestRows: len(test),
	}
	if m.inputs, err = inputSchema(t, pipe); err != nil {
		return nil, err
	}

	// Segments.
	s.progress("segments", 0, 1)
	mm := cluster.MicroMacro{Micro: s.MicroSegments, Macro: s.Segments, Seed: s.Seed,
		Progress: func(stage string, done, total int) { s.progress("segments "+stage, done, total) }}
	if m.segments, err = mm.FitContext(ctx, X); err != nil {
		return nil, fmt.Errorf("segmenta: fit: segments: %w", err)
	}
	// The training accounts' segments as Score assigns them.
	_, macro, err := m.segments.Predict(X)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: segments: %w", err)
	}
	s.progress("segments", 1, 1)

	// Churn and upsell.
	parts := [3][]int{train, calib, test}
	if yChurn != nil {
		s.progress("churn", 0, 1)
		if m.churn, err = fitOutcome(ctx, s.ChurnLabel, X, yChurn, parts, s.C, pipe.Names()); err != nil {
			return nil, err
		}
		s.progress("churn", 1, 1)
	}
	if yUpsell != nil {
		s.progress("upsell", 0, 1)
		if m.upsell, err = fitOutcome(ctx, s.UpsellLabel, X, yUpsell, parts, s.C, pipe.Names()); err != nil {
			return nil, err
		}
		s.progress("upsell", 1, 1)
	}

	// Personas.
	s.progress("profile", 0, 1)
	// Segments are described by the columns that define them: traits come
	// from the pipeline's inputs only (the KPIs read their own columns).
	pc := report.ProfileConfig{Title: "Segments", TopRisky: -1, Churned: s.ChurnLabel, Upsold: s.UpsellLabel, Protected: s.Protected}
	inputs := make(map[string]bool)
	for _, c := range pipe.InputColumns() { // a set: linear in the table's width
		inputs[c] = true
	}
	for _, c := range t.Names() {
		if !inputs[c] {
			pc.Exclude = append(pc.Exclude, c)
		}
	}
	if m.churn != nil {
		pc.ChurnProb = m.churn.probs(X)
	}
	if m.upsell != nil {
		pc.UpsellProb = m.upsell.probs(X)
	}
	if m.profile, err = report.Profile(t, macro, pc); err != nil {
		return nil, fmt.Errorf("segmenta: fit: profile: %w", err)
	}
	m.names = make([]string, m.segments.NumMacro())
	for k := range m.names {
		m.names[k] = fmt.Sprintf("segment %d", k)
	}
	for _, sg := range m.profile.Segments {
		if sg.Label >= 0 && sg.Label < len(m.names) && sg.Name != "" {
			m.names[sg.Label] = sg.Name
		}
	}
	s.progress("profile", 1, 1)
	return m, nil
}

// spec returns the feature spec: the configured one, or one inferred from
// t with the outcomes and labels forced out of the features.
func (s *settings) spec(t *dataset.Table) (*features.Spec, error) {
	if !s.Spec.IsZero() {
		return s.Spec, nil
	}
	spec, err := features.InferSpec(t)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: inferring the feature spec: %w", err)
	}
	for i := range spec.Columns {
		if slices.Contains(s.outcomes, spec.Columns[i].Name) {
			spec.Columns[i].Role = features.RoleOutcome
			spec.Columns[i].Note = "outcome or label (segmenta.Config.Outcomes)"
			if spec.Columns[i].Name == s.ConsentColumn {
				spec.Columns[i].Note = consentNote
			}
		}
	}
	kept := spec.Ratios[:0]
	for _, r := range spec.Ratios {
		if !slices.Contains(s.outcomes, r.Numerator) && !slices.Contains(s.outcomes, r.Denominator) {
			kept = append(kept, r)
		}
	}
	spec.Ratios = kept
	return spec, nil
}

// inputSchema lists the columns the pipeline reads, with their kinds in t.
func inputSchema(t *dataset.Table, p *features.Pipeline) (*dataset.Schema, error) {
	in, err := t.Select(p.InputColumns()...)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: %w", err)
	}
	return dataset.SchemaOf(in), nil
}

// validText refuses an input column whose name or categorical values are
// not UTF-8 (a Latin-1 or Windows-1252 export): the model file is JSON,
// whose encoder would replace the bytes silently, so the levels fitted
// would never match the data scored. The message names the row, never the
// value.
func validText(t *dataset.Table, cols []string) error {
	const hint = "not UTF-8 text (convert a Latin-1 or Windows-1252 export first, e.g. iconv -f latin1 -t utf-8)"
	for _, name := range cols {
		if !utf8.ValidString(name) {
			return &dataset.ColumnError{Column: name, Row: -1, Err: fmt.Errorf("%w: column name %s", dataset.ErrParse, hint)}
		}
		c, err := t.Column(name)
		if err != nil || c.Kind != dataset.Categorical {
			continue
		}
		for i, v := range c.Str {
			if !utf8.ValidString(v) {
				return &dataset.ColumnError{Column: name, Row: i, Err: fmt.Errorf("%w: %s", dataset.ErrParse, hint)}
			}
		}
	}
	return nil
}

// fitOutcome fits, calibrates and evaluates one binary model.
func fitOutcome(ctx context.Context, label string, X *mat.Dense, y []float64, parts [3][]int, C float64, names []string) (*outcome, error) {
	rows := func(idx []int) (*mat.Dense, []float64) {
		_, d := X.Dims()
		sub := mat.NewDense(len(idx), d, nil)
		ys := make([]float64, len(idx))
		for k, i := range idx {
			sub.SetRow(k, X.RawRowView(i))
			ys[k] = y[i]
		}
		return sub, ys
	}
	Xtr, ytr := rows(parts[0])
	lr, err := predict.Logistic{C: C, FeatureNames: names}.FitContext(ctx, Xtr, ytr)
	if err != nil && !errors.Is(err, predict.ErrNotConverged) {
		return nil, fmt.Errorf("segmenta: fit: %s model: %w", label, labelErr(err))
	}
	o := &outcome{label: label, lr: lr, coef: lr.Coef(), means: lr.FeatureMeans()}
	if o.means == nil {
		o.means = make([]float64, len(o.coef))
	}
	Xc, yc := rows(parts[1])
	zc, err := lr.DecisionFunction(Xc)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: %s model: %w", label, err)
	}
	// Lin, Lin & Weng's absolute gradient tolerance, the rule model files
	// were fitted with from the start.
	cal, err := predict.PlattScaling{Tol: 1e-5}.Fit(zc, yc, nil)
	if err != nil {
		return nil, fmt.Errorf("segmenta: fit: %s calibration: %w", label, labelErr(err))
	}
	o.cal = *cal
	Xte, yte := rows(parts[2])
	if o.metrics, err = evaluate(label, yte, o.probs(Xte)); err != nil {
		return nil, fmt.Errorf("segmenta: fit: %s evaluation: %w", label, err)
	}
	return o, nil
}

// labelErr marks a single-class error of predict as a label problem.
func labelErr(err error) error {
	if errors.Is(err, predict.ErrSingleClass) {
		return fmt.Errorf("%w: %w", ErrLabel, err)
	}
	return err
}

// probs returns the calibrated probabilities of every row of X.
func (o *outcome) probs(X *mat.Dense) []float64 {
	n, _ := X.Dims()
	p := make([]float64, n)
	for i := range p {
		p[i] = o.cal.Prob(o.lr.DecisionRow(X.RawRowView(i)))
	}
	return p
}
