package main

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/report"
	"github.com/segmenta/segmenta/snapshot"
	yaml "go.yaml.in/yaml/v3"
)

// fileConfig is the -config file of 'segmenta fit' (JSON or YAML). Every
// field is optional; absent fields take segmenta.Config's defaults.
type fileConfig struct {
	// Spec is an inline feature spec; SpecFile names a spec file (JSON or
	// YAML) instead. Neither: the spec is inferred.
	Spec          *features.Spec `yaml:"spec" json:"spec"`
	SpecFile      string         `yaml:"spec_file" json:"spec_file"`
	MicroSegments int            `yaml:"micro_segments" json:"micro_segments"`
	// MiniBatchRows is segmenta.Config.MiniBatchRows.
	MiniBatchRows int          `yaml:"minibatch_rows" json:"minibatch_rows"`
	Segments      segmentCount `yaml:"segments" json:"segments"`
	// SegmentOn names the input columns the segments are fitted on.
	SegmentOn    []string `yaml:"segment_on" json:"segment_on"`
	ChurnLabel   string   `yaml:"churn_label" json:"churn_label"`
	UpsellLabel  string   `yaml:"upsell_label" json:"upsell_label"`
	SegmentsOnly bool     `yaml:"segments_only" json:"segments_only"`
	// MaxMissingLabelRate is segmenta.Config.MaxMissingLabelRate.
	MaxMissingLabelRate float64  `yaml:"max_missing_label_rate" json:"max_missing_label_rate"`
	Outcomes            []string `yaml:"outcomes" json:"outcomes"`
	TestFraction        float64  `yaml:"test_fraction" json:"test_fraction"`
	Seed                uint64   `yaml:"seed" json:"seed"`
	C                   float64  `yaml:"c" json:"c"`
	LinearOnly          bool     `yaml:"linear_only" json:"linear_only"`
	AdditiveOnly        bool     `yaml:"additive_only" json:"additive_only"`
	HighRisk            float64  `yaml:"high_risk" json:"high_risk"`
	MediumRisk          float64  `yaml:"medium_risk" json:"medium_risk"`
	IDColumn            string   `yaml:"id_column" json:"id_column"`
	ConsentColumn       string   `yaml:"consent_column" json:"consent_column"`
	Protected           []string `yaml:"protected" json:"protected"`
	// Roles map roles to column names (report.Roles): fit and profile
	// read them; churned, upsold and id must agree with churn_label,
	// upsell_label and id_column when both are given.
	Roles map[string]string `yaml:"roles" json:"roles"`
	// The keys below are read by 'segmenta profile' (report.ProfileConfig).
	RankBy         string  `yaml:"rank_by" json:"rank_by"`
	Capacity       int     `yaml:"capacity" json:"capacity"`
	YellowCapacity int     `yaml:"yellow_capacity" json:"yellow_capacity"`
	Cost           float64 `yaml:"intervention_cost" json:"intervention_cost"`
	SaveRate       float64 `yaml:"save_rate" json:"save_rate"`
	Playbook       string  `yaml:"playbook" json:"playbook"`
	// DiscountRate, AsOf (a date, 2006-01-02) and TenureUnit (months or
	// days) are report.ProfileConfig's: lifetime value and cohorts.
	DiscountRate float64 `yaml:"discount_rate" json:"discount_rate"`
	AsOf         string  `yaml:"as_of" json:"as_of"`
	TenureUnit   string  `yaml:"tenure_unit" json:"tenure_unit"`
	// Previous is the file of an earlier model whose segment IDs and
	// names the fit keeps (segmenta.Config.Previous).
	Previous string `yaml:"previous" json:"previous"`
}

// readConfig reads a fit config (YAML, of which JSON is a subset). Unknown
// keys are errors.
func readConfig(path string) (*fileConfig, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var fc fileConfig
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&fc); err != nil && !errors.Is(err, io.EOF) {
		return nil, usagef("config %s: %v", path, err)
	}
	if fc.SpecFile != "" {
		if fc.Spec != nil {
			return nil, usagef("config %s: spec and spec_file are exclusive", path)
		}
		if fc.Spec, err = features.LoadSpecFile(fc.SpecFile); err != nil {
			return nil, usagef("config %s: %v", path, err)
		}
	} else if fc.Spec != nil {
		if err := fc.Spec.Validate(); err != nil {
			return nil, usagef("config %s: %v", path, err)
		}
	}
	return &fc, nil
}

// segmentCount is the number of segments of a config: a number, or "auto"
// (segmenta.AutoSegments).
type segmentCount int

func (c *segmentCount) parse(s string) error {
	if s == "auto" {
		*c = segmentCount(segmenta.AutoSegments)
		return nil
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return fmt.Errorf("%q: want a number of segments (0: the default), or auto", s)
	}
	*c = segmentCount(v)
	return nil
}

// UnmarshalYAML reads a number or auto.
func (c *segmentCount) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.ScalarNode {
		return fmt.Errorf("line %d: segments: want a number or auto", n.Line)
	}
	if err := c.parse(n.Value); err != nil {
		return fmt.Errorf("line %d: segments: %v", n.Line, err)
	}
	return nil
}

func (fc *fileConfig) config() segmenta.Config {
	return segmenta.Config{Spec: fc.Spec, MicroSegments: fc.MicroSegments, MiniBatchRows: fc.MiniBatchRows, Segments: int(fc.Segments), SegmentOn: fc.SegmentOn,
		ChurnLabel: fc.ChurnLabel, UpsellLabel: fc.UpsellLabel, Outcomes: fc.Outcomes,
		SegmentsOnly: fc.SegmentsOnly, MaxMissingLabelRate: fc.MaxMissingLabelRate,
		TestFraction: fc.TestFraction, Seed: fc.Seed, C: fc.C, LinearOnly: fc.LinearOnly, AdditiveOnly: fc.AdditiveOnly, HighRisk: fc.HighRisk, MediumRisk: fc.MediumRisk,
		ConsentColumn: fc.ConsentColumn, Protected: fc.Protected}
}

func runFit(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "fit", "[flags] ACCOUNTS.csv[.gz] | -spec DATA.yaml -cutoffs RANGE [flags]",
		`Fit a whole model on a CSV of accounts (one row per account, with an ID
column such as account_id, or -id auto to number the rows): the feature pipeline, the micro -> macro
segments, the churn and upsell models (fitted on a stratified train split,
Platt-calibrated and evaluated on held-out accounts) and the segment
personas. Writes one versioned model file for 'segmenta score'.

Name the labels with -churn-label and -upsell-label, or -role
churned=COL and -role upsold=COL (a name absent from the table is an
error that suggests the closest column; two different names for one role
are a usage error); without them a
column named churned or upsold is used when present, and the summary says
which column was the label and why. With no label at all, fit fails unless
-segments-only. Label columns are never features nor scoring inputs; rows
with a missing label are skipped, up to -max-missing-label-rate.

Without -config every setting takes its default: the feature spec is
inferred (outcome columns such as mrr_end and the labels are never
features, personal data is refused; the summary lists what was done with
each column and why), 6 segments from min(200, n/20) micro segments (by
mini-batch k-means above 200000 accounts), L2 logistic regression with
C = 1, 20% held out.
The -config file (YAML or JSON) may set: spec (inline) or spec_file,
micro_segments, minibatch_rows (-1: never mini-batch), segments (a number or auto), segment_on (a list of
columns), churn_label, upsell_label, segments_only,
max_missing_label_rate, outcomes, test_fraction, seed, c, high_risk,
medium_risk, id_column, consent_column, protected, roles (a map of role
to column, shared with 'segmenta profile -config'; a mrr_end role is
never a feature), previous. Flags override it.

With -previous OLD_MODEL.json (config key previous), segments keep the
IDs and names of an earlier model: the accounts are also assigned with the
old model, each new segment takes the ID and name of the old segment it
shares most accounts with (an optimal one-to-one assignment), and a
segment that matches none (it holds less than half of the smaller of the
two) gets a fresh ID after the old ones. The summary says how many
segments matched and the share of accounts that kept their segment.

With -spec and -cutoffs instead of ACCOUNTS, the accounts are snapshots
of a multi-table export (see 'segmenta snapshot') at every cutoff,
stacked: accounts are split (test_fraction held out, half calibrating,
half testing), so no account is on both sides, and the latest cutoff is
an out-of-time evaluation of the test accounts, printed beside the usual
one. The labels default to the spec's churn and upsell. The model file
records the data spec (pivot levels frozen), for 'segmenta score -spec
-cutoff'.

-segments auto chooses the number of segments in 2..10: the segmentation
is fitted with 5 seeds, each Ward tree cut at every k; the chosen k has
the highest silhouette among the k whose cuts agree across seeds at an
adjusted Rand index of 0.8 or more (the most stable k when none does).
The summary prints the scan. -segment-on fits the segments on those input
columns alone (after the pipeline transforms them), while the churn and
upsell models use every feature; the model file records it, so scoring,
SQL and serve assign segments the same way. The summary names every
segment by the traits that most set it apart.

Data protection: the summary says which columns the privacy guard refused
as features and why (never a value). -consent-column leaves rows without
consent out of the fit (a missing or unrecognised value is no consent) and
counts them. With -pseudonymise-key or -pseudonymise-env the model records
that IDs must be pseudonymised: score then refuses to run without a
key. Without them, a warning says when the IDs look personal.`)
	out := fs.String("o", "model.json", "model file to write")
	cfgPath := fs.String("config", "", "fit configuration, YAML or JSON (optional)")
	seed := fs.Uint64("seed", 0, "random seed (overrides the config's)")
	segments := fs.String("segments", "", "number of macro segments, or auto (default: the config's, else 6)")
	segmentOn := fs.String("segment-on", "", "comma-separated input columns the segments are fitted on (default: every feature; overrides the config's)")
	idCol := fs.String("id", "", "account ID column (default: the config's id_column, else a column named id, account_id or customer_id); \"auto\": number the rows 1, 2, ... (a file without IDs; score numbers them the same way)")
	churnLabel := fs.String("churn-label", "", "churn label column (0/1, yes/no); - skips the churn model")
	upsellLabel := fs.String("upsell-label", "", "upsell label column (0/1, yes/no); - skips the upsell model")
	segmentsOnly := fs.Bool("segments-only", false, "fit the segments alone: no label, no churn or upsell model")
	linearOnly := fs.Bool("linear-only", false, "fit linear logistic churn and upsell models only, never the additive (GA2M) model cross-validation otherwise keeps where it helps")
	additiveOnly := fs.Bool("additive-only", false, "keep the additive (GA2M) churn and upsell models, for their shapes, even where cross-validation prefers the linear ones (the summary still compares them)")
	maxMissing := fs.Float64("max-missing-label-rate", 0, fmt.Sprintf("largest share of rows with a missing label, skipped (0: config or %g)", segmenta.DefaultMaxMissingLabelRate))
	metricsOut := fs.String("metrics", "", "also write the held-out metrics as JSON to this file")
	consent := fs.String("consent-column", "", "leave rows out whose consent column does not say yes (overrides the config's)")
	pf := addPseudonymFlags(fs, "every output of this model")
	protected := fs.String("protected", "", "comma-separated columns the model's profile audits for fairness besides those the privacy guard recognises (overrides the config's)")
	signKey := signKeyFlag(fs)
	rf := addRoleFlag(fs)
	dataSpec := fs.String("spec", "", "data spec (YAML or JSON) of a multi-table export, instead of ACCOUNTS (with -cutoffs)")
	previous := fs.String("previous", "", "an earlier model file whose segment IDs and names the new segments keep (overrides the config's)")
	cutoffs := fs.String("cutoffs", "", "with -spec: the training cutoffs, FROM..TO/STEP (2024-07-01..2025-06-01/1mo) or dates separated by commas; the latest is the out-of-time evaluation")
	db := addDBFlags(fs, false)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if (*dataSpec == "") != (*cutoffs == "") {
		return usagef("-spec and -cutoffs go together")
	}
	if *dataSpec == "" && fs.NArg() != 1 {
		return usagef("want exactly one ACCOUNTS file, got %d", fs.NArg())
	}
	if *dataSpec != "" && fs.NArg() != 0 {
		return usagef("-spec replaces the ACCOUNTS file: unexpected arguments %q", fs.Args())
	}
	fc := &fileConfig{}
	if *cfgPath != "" {
		var err error
		if fc, err = readConfig(*cfgPath); err != nil {
			return err
		}
	}

	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if set["seed"] {
		fc.Seed = *seed
	}
	if *segments != "" && *segments != "0" {
		if err := fc.Segments.parse(*segments); err != nil {
			return usagef("-segments: %v", err)
		}
	}
	if *segmentOn != "" {
		fc.SegmentOn = splitList(*segmentOn)
	}
	roles, err := resolveRoles(fc, rf, set, *churnLabel, *upsellLabel, *idCol)
	if err != nil {
		return err
	}
	fc.Outcomes = outcomes(fc.Outcomes, roles)
	if set["segments-only"] {
		fc.SegmentsOnly = *segmentsOnly
	}
	if set["linear-only"] {
		fc.LinearOnly = *linearOnly
	}
	if set["additive-only"] {
		fc.AdditiveOnly = *additiveOnly
	}
	if fc.LinearOnly && fc.AdditiveOnly {
		return usagef("-linear-only and -additive-only (linear_only, additive_only) are exclusive")
	}
	if set["max-missing-label-rate"] {
		fc.MaxMissingLabelRate = *maxMissing
	}
	if *consent != "" {
		fc.ConsentColumn = *consent
	}
	if fc.IDColumn == "auto" {
		delete(roles, report.RoleID) // numbered rows: no column to check
		fc.IDColumn = dataset.RowNumbers
	}
	if *protected != "" {
		fc.Protected = splitList(*protected)
	}
	if *previous != "" {
		fc.Previous = *previous
	}
	if _, err := pf.pseudonymiser(false); err != nil { // the key is checked, not kept
		return err
	}
	sigOut := ""
	if *signKey != "" {
		sigOut = *out + ".sig"
	}
	input := fs.Arg(0)
	if *dataSpec != "" {
		input = *dataSpec
	}
	if err := checkPaths(e, []pathRole{{"input", input}, {"-config", *cfgPath}, {"spec_file", fc.SpecFile}, {"-sign-key", *signKey}, {"-previous", fc.Previous}, pf.input()},
		[]pathRole{{"-o", *out}, {"-metrics", *metricsOut}, {"signature", sigOut}}); err != nil {
		return err
	}
	var priv ed25519.PrivateKey // read before the fit: a bad key fails at once
	if *signKey != "" {
		if priv, err = readPrivateKey(*signKey); err != nil {
			return err
		}
	}
	cfg := fc.config()
	cfg.PseudonymiseIDs = pf.set()
	if fc.Previous != "" {
		if cfg.Previous, err = loadModel(fc.Previous); err != nil {
			return fmt.Errorf("-previous: %w", err)
		}
	}
	var m *segmenta.Model
	if *dataSpec != "" {
		m, err = fitSnapshots(ctx, e, *dataSpec, *cutoffs, cfg, []pathRole{{"-o", *out}, {"-metrics", *metricsOut}, {"signature", sigOut}})
	} else {
		m, err = fitTable(ctx, e, fs.Arg(0), db, fc.IDColumn, roles, cfg)
	}
	if err != nil {
		if isDataErr(err) || errors.Is(err, segmenta.ErrLabel) || errors.Is(err, segmenta.ErrTooFewRows) {
			return &dataError{err}
		}
		return err
	}
	if err := writeFileAtomic(*out, m.Save); err != nil {
		return err
	}
	e.log.Info("model written", "file", *out, "features", m.Pipeline().NumFeatures(), "segments", m.NumSegments())
	if priv != nil {
		if err := signModelFile(e, priv, *out, sigOut); err != nil {
			return err
		}
	}
	printFitSummary(e.stdout, m)
	printFitSegments(e.stdout, m)
	printMetrics(e.stdout, m.Metrics())
	printInteractions(e.stdout, m)
	printPrivacy(e.stdout, m.Privacy())
	warnPersonalIDs(e, m.Privacy())
	warnFairness(e, m.Profile())
	if *metricsOut != "" {
		if err := writeFileAtomic(*metricsOut, func(w io.Writer) error { return writeJSON(w, m.Metrics()) }); err != nil {
			return err
		}
	}
	fmt.Fprintf(e.stdout, "model: %s\n", *out)
	return nil
}

// fitTable fits a model on the accounts of a CSV or Parquet file or a
// PostgreSQL table or query.
func fitTable(ctx context.Context, e *env, path string, db *dbFlags, idColumn string, roles report.Roles, cfg segmenta.Config) (*segmenta.Model, error) {
	t, err := readTableFrom(ctx, path, db, dataset.CSVOptions{IDColumn: idColumn})
	if err != nil {
		return nil, err
	}
	if err := report.CheckRoles(t, roles); err != nil {
		return nil, &dataError{err}
	}
	e.log.Info("read accounts", "file", displayName(path), "rows", t.Len(), "columns", t.NumColumns())
	if t.IDs == nil {
		return nil, &dataError{fmt.Errorf("%s: no account ID column (one named id, account_id or customer_id is found by itself): name it with -id COL, or number the rows with -id auto: %w", displayName(path), dataset.ErrColumnNotFound)}
	}
	bar := newProgress(e, "fit", "steps", 0)
	cfg.Progress = bar.stage
	m, err := segmenta.FitContext(ctx, t, cfg)
	bar.finish(0)
	return m, err
}

// fitSnapshots fits a model on the snapshots of a data spec at cutoffs
// and prints their counts.
func fitSnapshots(ctx context.Context, e *env, specPath, cutoffs string, cfg segmenta.Config, outs []pathRole) (*segmenta.Model, error) {
	cs, err := snapshot.ParseCutoffs(cutoffs)
	if err != nil {
		return nil, usagef("%v", err)
	}
	data, err := loadSpecData(e, specPath, cs, outs)
	if err != nil {
		return nil, err
	}
	bar := newProgress(e, "fit", "steps", 0)
	cfg.Progress = bar.stage
	m, fitted, err := segmenta.FitSnapshots(ctx, data, cs, cfg)
	bar.finish(0)
	if err != nil {
		if isSnapshotErr(err) {
			return nil, &dataError{err}
		}
		return nil, err
	}
	rows := 0
	for _, r := range fitted.Reports {
		rows += r.Rows
	}
	printSnapshotSummary(e.stdout, data, fitted.Reports, rows)
	fmt.Fprintln(e.stdout)
	return m, nil
}
