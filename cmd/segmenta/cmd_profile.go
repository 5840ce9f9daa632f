package main

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/report"
	"github.com/segmenta/segmenta/report/figure"
)

// profileFiles are the files 'segmenta profile' writes to its folder.
var profileFiles = []string{"report.html", "report.md", "segments.csv", "report.json"}

func runProfile(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "profile", "-scores SCORES.csv [flags] ACCOUNTS.csv[.gz]",
		`Profile scored accounts: join the scores written by 'segmenta score' with
the accounts' input data on the account ID, then describe each segment
(size, ARR, NRR/GRR, churn and upsell rates, CSAT/NPS, revenue at risk,
distinguishing traits, typical firmographics, a persona name) and list the
riskiest accounts with their reasons. Writes report.html (with plots),
report.md, segments.csv and report.json to -out. Accounts without a score
(for example of another shard) are left out and counted. Both files are
read into memory (about 300 bytes per account): profile a sample or a shard
of very large inputs.

Data protection: -pseudonymise-key FILE (or -pseudonymise-env) writes every
account ID of the report as its HMAC-SHA256 pseudonym; SCORES may hold raw
IDs or pseudonyms made with the same key. Columns the privacy guard flags
are never traits. The report audits fairness for each protected column (or
proxy) the guard recognises, and for the columns of -protected.

Roles: every KPI reads its columns by role. The defaults are the names of
'segmenta synth' (mrr_start, mrr_end, churned, upsold, csat, nps,
employees, industry, ...); map yours with -role ROLE=COLUMN (repeatable,
or comma-separated: -role churned=left_us,mrr_start=MRR) or a roles:
section in -config (the fit config file: its churn_label, upsell_label
and id_column are the churned, upsold and id roles, and must agree with
them). A role naming an absent column is an error with the closest name;
a default name that is absent leaves its KPIs n/a, with the reason in the
report. An arr role gives ARR directly (otherwise 12 x mrr_start); nps is
the 0-10 answer, from which the report gives the net promoter score
(-100..100) and the mean answer; answers outside 0..10 are counted and
left out. Money values that look mis-recorded are listed, and the KPIs
are given with and without them.

Risk: the riskiest accounts are ranked by expected loss, P(churn) x ARR
(-rank prob: by probability). Each account has a health score, 100 x
(1 - P(churn)), and a band: with -capacity N the N accounts of largest
expected loss are red and the next -yellow-capacity (default N) yellow;
otherwise with -cost C and -save-rate R, red when P(churn) x R x ARR > C
and yellow above C/2; otherwise red below health 50, yellow below 80.
With -cost and -save-rate the report gives each segment's expected return
of acting on its red accounts. -playbook FILE (CSV: segment-or-band,action;
a segment by label or name, a band red, yellow or green) adds an action
to every segment, band and risky account; an unknown key is an error
naming its line.

Lifecycle: with mrr_start and mrr_end the report gives the MRR bridge
(start + expansion - contraction - churn = end) overall and per segment,
drawn as a waterfall. With a tenure (role tenure, default tenure_months;
-tenure-unit days for a tenure in days) and the churn flag, it gives the
Kaplan-Meier lifetime curve of each segment with its 95% band, the median
and mean lifetime, and the expected remaining lifetime and lifetime value
(ARR x remaining years, discounted at -discount-rate a year) of the active
accounts. With a signup date (role signup_date), or a tenure and the
snapshot date -as-of DATE to count it back from, it gives the retention
of each signup-month cohort per segment. What is missing is said under
"Not available". The tables are in report.md and report.html, every
figure in report.json (segments.csv stays one row per segment).`)
	scoresPath := fs.String("scores", "", "scores CSV written by 'segmenta score' (required)")
	out := fs.String("out", "segmenta-report", "output folder")
	title := fs.String("title", "Segment report", "report title")
	top := fs.Int("top", 20, "number of riskiest accounts listed")
	protected := fs.String("protected", "", "comma-separated columns to audit for fairness besides those the privacy guard recognises")
	cfgPath := fs.String("config", "", "config file (YAML or JSON, as for fit): roles, churn_label, upsell_label, id_column, protected, rank_by, capacity, yellow_capacity, intervention_cost, save_rate, playbook, discount_rate, as_of, tenure_unit; flags override it")
	rf := addRoleFlag(fs)
	rank := fs.String("rank", "", "order of the riskiest accounts: loss (expected loss, P(churn) x ARR; default) or prob")
	capacity := fs.Int("capacity", 0, "accounts the team can act on: the N of largest expected loss are red")
	yellow := fs.Int("yellow-capacity", 0, "with -capacity: the next N accounts are yellow (0: as many as -capacity)")
	cost := fs.Float64("cost", 0, "cost of one intervention, in the currency of ARR (with -save-rate)")
	saveRate := fs.Float64("save-rate", 0, "share of churners an intervention keeps, 0..1 (with -cost)")
	playbook := fs.String("playbook", "", "CSV of segment-or-band,action lines: actions shown per segment, band and risky account")
	lf := addLifecycleFlags(fs)
	pf := addPseudonymFlags(fs, "the report")
	db := addDBFlags(fs, false)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	pc, err := profileConfig(fs, *cfgPath, rf, *rank, *capacity, *yellow, *cost, *saveRate, *playbook)
	if err != nil {
		return err
	}
	if err := lf.apply(fs, &pc); err != nil {
		return err
	}
	if *scoresPath == "" {
		return usagef("-scores is required")
	}
	if fs.NArg() != 1 {
		return usagef("want exactly one ACCOUNTS file, got %d", fs.NArg())
	}
	var outs []pathRole
	for _, name := range profileFiles {
		outs = append(outs, pathRole{"-out", filepath.Join(*out, name)})
	}
	if err := checkPaths(e, []pathRole{{"-scores", *scoresPath}, {"input", fs.Arg(0)}, pf.input(), {"-config", *cfgPath}, {"-playbook", *playbook}}, outs); err != nil {
		return err
	}
	pseud, err := pf.pseudonymiser(false)
	if err != nil {
		return err
	}
	// The first column of a score file is the ID, whatever its name.
	idName, err := firstHeaderField(ctx, *scoresPath)
	if err != nil {
		return err
	}
	sch := scoreSchema()
	sch.ID = idName
	st, err := readTableFrom(ctx, *scoresPath, nil, dataset.CSVOptions{Schema: sch, IDColumn: idName})
	if err != nil {
		return err
	}
	// The accounts' ID column is the id role, or named as in the scores.
	t, err := readTableFrom(ctx, fs.Arg(0), db, dataset.CSVOptions{IDColumn: cmp.Or(pc.Roles[report.RoleID], st.IDName)})
	if err != nil {
		return err
	}
	scores, err := scoresFromTable(st)
	if err != nil {
		return &dataError{fmt.Errorf("%s: %w", *scoresPath, err)}
	}
	// Join on the ID, in the order of the accounts file.
	byID := scoreIndex(scores, t, pseud)
	rows := make([]int, 0, t.Len())
	joined := make([]segmenta.Score, 0, t.Len())
	for i, id := range t.IDs {
		if k, ok := byID[id]; ok {
			rows = append(rows, i)
			joined = append(joined, scores[k])
		}
	}
	if len(rows) == 0 {
		return &dataError{fmt.Errorf("no account of %s has a score in %s (ID columns %q and %q)", fs.Arg(0), *scoresPath, t.IDName, st.IDName)}
	}
	e.log.Info("joined", "accounts", t.Len(), "scores", len(scores), "profiled", len(rows),
		"accounts_without_score", t.Len()-len(rows), "scores_without_account", len(scores)-len(rows))
	if len(rows) < t.Len() {
		t = t.Subset(rows)
	}
	pc.Title, pc.TopRisky = *title, *top
	if *protected != "" {
		pc.Protected = splitList(*protected)
	}
	rep, err := report.ProfileScores(t, joined, pc)
	if err != nil {
		if errors.Is(err, report.ErrRole) || errors.Is(err, report.ErrPlaybook) || isDataErr(err) {
			return &dataError{err}
		}
		return err
	}
	for _, w := range rep.Warnings {
		e.log.Warn(w)
	}
	warnFairness(e, rep)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	names, sizes := rep.SegmentNames(), rep.SegmentSizes()
	churn := rep.SegmentKPI(func(k report.KPIs) report.Metric { return k.MeanChurnProb })
	var figs []report.Figure
	if f, err := figure.SegmentSizePlot(names, sizes); err == nil {
		figs = append(figs, f)
	}
	if f, err := figure.KPIBarPlot(names, churn, "Mean churn probability by segment"); err == nil {
		figs = append(figs, f)
	}
	figs = append(figs, lifecycleFigures(rep)...)
	files := []struct {
		name  string
		write func(io.Writer) error
	}{
		{profileFiles[0], func(w io.Writer) error { return rep.HTML(w, figs...) }},
		{profileFiles[1], rep.Markdown},
		{profileFiles[2], rep.CSV},
		{profileFiles[3], rep.JSON},
	}
	for _, f := range files {
		// Reports list accounts (the riskiest, with their reasons): row data.
		if err := writePrivateAtomic(filepath.Join(*out, f.name), f.write); err != nil {
			return err
		}
	}
	printSegments(e.stdout, rep)
	abs, _ := filepath.Abs(filepath.Join(*out, "report.html"))
	fmt.Fprintf(e.stdout, "\nReport: %s\n", abs)
	return nil
}

// scoreSchema fixes the kinds of the score columns (so that, for example,
// an all-empty upsell column is not read as text).
func scoreSchema() *dataset.Schema {
	return &dataset.Schema{Columns: []dataset.ColumnSchema{
		{Name: "segment", Kind: dataset.Numeric, Required: true},
		{Name: "segment_name", Kind: dataset.Categorical, Required: true},
		{Name: "micro_segment", Kind: dataset.Numeric},
		{Name: "churn", Kind: dataset.Numeric, Required: true},
		{Name: "upsell", Kind: dataset.Numeric},
		{Name: "risk_band", Kind: dataset.Categorical},
		{Name: "reasons", Kind: dataset.Categorical},
	}}
}

// scoresFromTable turns a score table back into Scores.
func scoresFromTable(st *dataset.Table) ([]segmenta.Score, error) {
	if st.IDs == nil {
		return nil, fmt.Errorf("no ID column")
	}
	seg, _ := st.Numeric("segment")
	name, _ := st.Categorical("segment_name")
	churn, _ := st.Numeric("churn")
	micro, _ := st.Numeric("micro_segment")
	upsell, _ := st.Numeric("upsell")
	band, _ := st.Categorical("risk_band")
	reasons, _ := st.Categorical("reasons")
	out := make([]segmenta.Score, st.Len())
	for i := range out {
		s := &out[i]
		s.ID = st.IDs[i]
		if seg.IsMissing(i) || seg.Num[i] < 0 || seg.Num[i] != math.Trunc(seg.Num[i]) {
			return nil, &dataset.ColumnError{Column: "segment", Row: i, Err: fmt.Errorf("not a segment number")}
		}
		s.Segment = int(seg.Num[i])
		s.SegmentName = name.Str[i]
		s.Churn, s.Upsell = math.NaN(), math.NaN()
		if !churn.IsMissing(i) {
			s.Churn = churn.Num[i]
		}
		if micro != nil && !micro.IsMissing(i) {
			s.MicroSegment = int(micro.Num[i])
		}
		if upsell != nil && !upsell.IsMissing(i) {
			s.Upsell = upsell.Num[i]
		}
		if band != nil {
			s.RiskBand = band.Str[i]
		}
		if reasons != nil && !reasons.IsMissing(i) && reasons.Str[i] != "" {
			s.Reasons = strings.Split(reasons.Str[i], "; ")
		}
	}
	return out, nil
}

// firstHeaderField returns the first field of a CSV (or Parquet) file's
// header.
func firstHeaderField(ctx context.Context, path string) (string, error) {
	in, _, err := openSource(ctx, path, nil)
	if err != nil {
		return "", err
	}
	defer in.Close()
	cr := csv.NewReader(in)
	cr.FieldsPerRecord = -1
	rec, err := cr.Read()
	if err != nil || len(rec) == 0 {
		return "", &dataError{fmt.Errorf("%s: no header: %v", path, err)}
	}
	return strings.TrimSpace(rec[0]), nil
}

// profileConfig builds the report settings from -config and the flags,
// which override it.
func profileConfig(fs *flag.FlagSet, cfgPath string, rf *roleFlag, rank string, capacity, yellow int, cost, saveRate float64, playbook string) (report.ProfileConfig, error) {
	fc := &fileConfig{}
	if cfgPath != "" {
		var err error
		if fc, err = readConfig(cfgPath); err != nil {
			return report.ProfileConfig{}, err
		}
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	roles, err := resolveRoles(fc, rf, set, "", "", "")
	if err != nil {
		return report.ProfileConfig{}, err
	}
	pc := report.ProfileConfig{Roles: roles, RankBy: fc.RankBy, Capacity: fc.Capacity, YellowCapacity: fc.YellowCapacity,
		Cost: fc.Cost, SaveRate: fc.SaveRate, Protected: fc.Protected, DiscountRate: fc.DiscountRate, TenureUnit: fc.TenureUnit}
	if fc.AsOf != "" {
		if pc.AsOf, err = time.Parse(time.DateOnly, fc.AsOf); err != nil {
			return pc, usagef("config: as_of %q: want a date 2006-01-02", fc.AsOf)
		}
	}
	over := func(name string, apply func()) {
		if set[name] {
			apply()
		}
	}
	over("rank", func() { pc.RankBy = rank })
	over("capacity", func() { pc.Capacity = capacity })
	over("yellow-capacity", func() { pc.YellowCapacity = yellow })
	over("cost", func() { pc.Cost = cost })
	over("save-rate", func() { pc.SaveRate = saveRate })
	if pc.RankBy != "" && pc.RankBy != report.RankLoss && pc.RankBy != report.RankProb {
		return pc, usagef("-rank %q: want loss or prob", pc.RankBy)
	}
	if (pc.Cost > 0) != (pc.SaveRate > 0) || pc.Cost < 0 || !(pc.SaveRate >= 0 && pc.SaveRate <= 1) || pc.Capacity < 0 {
		return pc, usagef("-cost (>= 0) and -save-rate (0..1) go together; -capacity must be >= 0")
	}
	if set["playbook"] {
		fc.Playbook = playbook
	}
	if fc.Playbook != "" {
		if pc.Playbook, err = report.ReadPlaybookFile(fc.Playbook); err != nil {
			if errors.Is(err, report.ErrPlaybook) {
				return pc, &dataError{err}
			}
			return pc, err
		}
	}
	return pc, nil
}
