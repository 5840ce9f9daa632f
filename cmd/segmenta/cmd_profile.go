package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"

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
proxy) the guard recognises, and for the columns of -protected.`)
	scoresPath := fs.String("scores", "", "scores CSV written by 'segmenta score' (required)")
	out := fs.String("out", "segmenta-report", "output folder")
	title := fs.String("title", "Segment report", "report title")
	top := fs.Int("top", 20, "number of riskiest accounts listed")
	protected := fs.String("protected", "", "comma-separated columns to audit for fairness besides those the privacy guard recognises")
	pf := addPseudonymFlags(fs, "the report")
	db := addDBFlags(fs, false)
	if err := parseFlags(fs, args); err != nil {
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
	if err := checkPaths(e, []pathRole{{"-scores", *scoresPath}, {"input", fs.Arg(0)}, pf.input()}, outs); err != nil {
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
	t, err := readTableFrom(ctx, fs.Arg(0), db, dataset.CSVOptions{IDColumn: st.IDName})
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
	rep, err := report.ProfileScores(t, joined, report.ProfileConfig{Title: *title, TopRisky: *top, Protected: splitList(*protected)})
	if err != nil {
		return err
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
