package segmenta

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/segmenta/segmenta/cluster"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
)

// Defaults of the zero Config.
const (
	DefaultMaxMicroSegments = 200
	// DefaultMiniBatchRows is the number of accounts above which the
	// micro-segments come from mini-batch k-means.
	DefaultMiniBatchRows = 200000
	DefaultSegments      = 6
	DefaultChurnLabel    = "churned"
	DefaultUpsellLabel   = "upsold"
	DefaultTestFraction  = 0.2
	DefaultC             = 1.0
	// DefaultHighRisk and DefaultMediumRisk are the calibrated churn
	// probabilities from which an account's RiskBand is "high" and
	// "medium"; below DefaultMediumRisk it is "low".
	DefaultHighRisk   = 0.5
	DefaultMediumRisk = 0.2
)

// DefaultOutcomes are the columns never used as features unless Config
// lists others: values measured after the snapshot (look-ahead) and the
// labels.
var DefaultOutcomes = []string{"mrr_end", DefaultChurnLabel, DefaultUpsellLabel}

// Config configures Fit. The zero value gives the documented defaults.
type Config struct {
	// Spec says which columns become features and how. Nil (or an empty
	// Spec) infers one from the table with features.InferSpec; the
	// Outcomes and labels are then never features.
	Spec *features.Spec

	// MicroSegments is the number of k-means micro segments (the first
	// level of the micro -> macro segmentation). Zero means
	// min(200, n/20), at least Segments.
	MicroSegments int
	// MiniBatchRows: above this many accounts the micro-segments are
	// fitted by mini-batch k-means (cluster.MicroMacro.MiniBatch; Sculley
	// 2010), whose cost does not grow with the accounts, instead of full
	// k-means; the macro-segments are then Ward's cut refined, and the
	// micro-segments are not refitted within them. Zero means
	// DefaultMiniBatchRows, a negative value never. The fit summary says
	// which was used.
	MiniBatchRows int
	// Segments is the number of macro segments, merged from the micro
	// segments by Ward linkage. Zero means 6; AutoSegments chooses it in
	// 2..10 by stability across seeds and silhouette (cluster.AutoMacro;
	// the scan is Model.Segmentation().Choice()).
	Segments int
	// SegmentOn, when set, names the input columns (or ratios) the
	// segments are fitted on, after the pipeline transforms them; the
	// churn and upsell models use every feature. A name that gives no
	// feature is an error naming it (with the closest column as a hint).
	SegmentOn []string

	// ChurnLabel and UpsellLabel name the 0/1 label columns (numeric 0/1,
	// or categorical true/false, yes/no, 1/0). A named label absent from
	// the table fails Fit with a *LabelError (wrapping ErrLabel) that
	// suggests the closest column name. Empty falls back to a column named
	// "churned" or "upsold" when the table has one (Model.Labels says which
	// column was used and why); NoLabel ("-") skips the outcome. When
	// neither outcome finds a label, Fit fails with ErrLabel unless
	// SegmentsOnly is set. A label column is never a feature nor a
	// scoring input.
	ChurnLabel  string
	UpsellLabel string

	// SegmentsOnly fits the feature pipeline and the segments alone: no
	// label is read, no churn or upsell model is fitted.
	SegmentsOnly bool

	// MaxMissingLabelRate is the largest share of rows whose label may be
	// missing; those rows are skipped by that outcome's model (and
	// counted in Model.Labels). Zero means DefaultMaxMissingLabelRate; it
	// must lie in [0, 1].
	MaxMissingLabelRate float64

	// Outcomes are columns never used as features when the Spec is
	// inferred (values only known after the snapshot). Nil means
	// DefaultOutcomes; the two labels are always added.
	Outcomes []string

	// TestFraction: half of this share of the accounts (stratified on the
	// churn label) is held out to evaluate the predictive models; the
	// models are fitted and cross-fit calibrated on the rest. Zero means
	// 0.2; it must lie in (0, 0.5].
	TestFraction float64

	// Seed drives every random choice (split, k-means initialisation).
	Seed uint64

	// C is the inverse L2 regularisation strength of the linear logistic
	// models (scikit-learn's C). Zero means 1. The additive models choose
	// their own by cross-validation.
	C float64

	// LinearOnly fits linear logistic models only, never the additive
	// (GA2M) model that the fit otherwise keeps where cross-validation
	// says it helps (predict.ModelChoice).
	LinearOnly bool

	// AdditiveOnly keeps the additive (GA2M) models even where
	// cross-validation prefers the linear ones, for their shapes; the fit
	// summary still gives the comparison. It cannot be set with LinearOnly.
	AdditiveOnly bool

	// HighRisk and MediumRisk are the calibrated churn probabilities from
	// which RiskBand is "high" and "medium". Zero means DefaultHighRisk and
	// DefaultMediumRisk.
	HighRisk, MediumRisk float64

	// ConsentColumn, when set, names a column saying whether the account
	// consented to this processing (privacy.ParseConsent: yes/no, ja/nein,
	// true/false, 1/0, ...). Rows without consent, including a missing or
	// unrecognised value, are left out of the fit and counted
	// (Model.Privacy); the column is never a feature.
	ConsentColumn string
	// PseudonymiseIDs records in the model that the account IDs of its
	// outputs must be pseudonymised (the CLI's score command then refuses
	// to run without a pseudonymisation key).
	PseudonymiseIDs bool
	// Protected lists columns the model's profile audits for fairness
	// besides those the privacy guard recognises as protected attributes
	// or proxies (report.ProfileConfig.Protected).
	Protected []string

	// Previous, when set, keeps the segment IDs and names of an earlier
	// model: the accounts are also assigned with Previous's pipeline and
	// segmentation, the new segments take the IDs of the previous ones
	// they share most accounts with (cluster.LabelMatcher, Hungarian
	// assignment on the contingency table) and their names; segments that
	// match none get fresh IDs after the previous largest. Model.Match
	// says how many matched and the share of accounts that kept their ID.
	Previous *Model

	// Progress, when set, is called as work advances: stage is one of
	// "features", "segments micro" (k-means iterations), "segments macro"
	// (Ward merges), "segments labels", "segments", "churn", "upsell",
	// "profile"; done counts finished steps out of total within the stage.
	Progress func(stage string, done, total int)
}

// AutoSegments as Config.Segments chooses the number of segments.
const AutoSegments = cluster.AutoMacro

// NoLabel as ChurnLabel or UpsellLabel skips that model.
const NoLabel = dataset.NoLabel

// LabelUse says which column an outcome model was fitted on and why
// (label resolution is dataset's: dataset.PickLabel).
type LabelUse = dataset.LabelUse

// LabelError is a label column Config names that the table lacks, with the
// closest column name as a hint.
type LabelError = dataset.LabelError

// Label sources, as reported by LabelUse.Source.
const (
	LabelFromConfig  = dataset.LabelFromConfig
	LabelFromDefault = dataset.LabelFromDefault
)

// DefaultMaxMissingLabelRate is the share of rows whose label may be
// missing before Fit refuses the label.
const DefaultMaxMissingLabelRate = dataset.DefaultMaxMissingLabelRate

// settings is a Config with its defaults applied, for n rows.
type settings struct {
	Config
	outcomes []string
	priv     Privacy // consent counts of the rows fitted on
	// churnName and upsellName are the labels as configured (before the
	// default names are applied).
	churnName, upsellName string
	uses                  [2]LabelUse // how each outcome's label was chosen
}

func (c Config) withDefaults(n int) (settings, error) {
	s := settings{Config: c, churnName: c.ChurnLabel, upsellName: c.UpsellLabel}
	s.Segments = cmp.Or(s.Segments, DefaultSegments)
	if s.Segments < 1 && s.Segments != AutoSegments {
		return s, fmt.Errorf("segmenta: %w: Segments %d < 1 (AutoSegments chooses)", ErrConfig, s.Segments)
	}
	if least := s.Segments; s.MicroSegments == 0 {
		if least == AutoSegments {
			least = cluster.DefaultMaxMacro
		}
		s.MicroSegments = max(min(DefaultMaxMicroSegments, n/20), least)
	}
	if s.MicroSegments < s.Segments {
		return s, fmt.Errorf("segmenta: %w: MicroSegments %d < Segments %d", ErrConfig, s.MicroSegments, s.Segments)
	}
	if s.MicroSegments > n {
		return s, fmt.Errorf("segmenta: %w: MicroSegments %d > %d rows", ErrConfig, s.MicroSegments, n)
	}
	s.MiniBatchRows = cmp.Or(s.MiniBatchRows, DefaultMiniBatchRows)
	if s.Progress == nil {
		s.Progress = func(string, int, int) {}
	}
	s.ChurnLabel = cmp.Or(s.ChurnLabel, DefaultChurnLabel)
	s.UpsellLabel = cmp.Or(s.UpsellLabel, DefaultUpsellLabel)
	s.MaxMissingLabelRate = cmp.Or(s.MaxMissingLabelRate, DefaultMaxMissingLabelRate)
	if !(s.MaxMissingLabelRate >= 0 && s.MaxMissingLabelRate <= 1) {
		return s, fmt.Errorf("segmenta: %w: MaxMissingLabelRate %v not in [0, 1]", ErrConfig, s.MaxMissingLabelRate)
	}
	s.TestFraction = cmp.Or(s.TestFraction, DefaultTestFraction)
	if !(s.TestFraction > 0 && s.TestFraction <= 0.5) {
		return s, fmt.Errorf("segmenta: %w: TestFraction %v not in (0, 0.5]", ErrConfig, s.TestFraction)
	}
	if s.LinearOnly && s.AdditiveOnly {
		return s, fmt.Errorf("segmenta: %w: LinearOnly and AdditiveOnly both set", ErrConfig)
	}
	s.C = cmp.Or(s.C, DefaultC)
	if !(s.C > 0) || math.IsInf(s.C, 0) {
		return s, fmt.Errorf("segmenta: %w: C %v must be positive and finite", ErrConfig, s.C)
	}
	s.HighRisk = cmp.Or(s.HighRisk, DefaultHighRisk)
	s.MediumRisk = cmp.Or(s.MediumRisk, DefaultMediumRisk)
	if !(s.MediumRisk > 0 && s.MediumRisk <= s.HighRisk && s.HighRisk <= 1) {
		return s, fmt.Errorf("segmenta: %w: need 0 < MediumRisk (%v) <= HighRisk (%v) <= 1", ErrConfig, s.MediumRisk, s.HighRisk)
	}
	out := c.Outcomes
	if out == nil {
		out = DefaultOutcomes
	}
	s.outcomes = slices.DeleteFunc(append(slices.Clone(out), s.ChurnLabel, s.UpsellLabel, s.ConsentColumn), func(o string) bool { return o == "" || o == NoLabel })
	return s, nil
}
