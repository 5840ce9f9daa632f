package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/pgio"
	"github.com/segmenta/segmenta/snapshot"
)

func runSnapshot(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "snapshot", "-spec FILE (-cutoff DATE | -cutoffs RANGE) [-o FILE | -o postgres://... -out-table T]",
		`Build account snapshots from a multi-table export described by a data
spec (YAML or JSON; see package snapshot): one row per account with the
features of every table as of the cutoff (rows strictly before it only)
and the churn and upsell labels of the spec (from the horizon after it).
With -cutoffs, the snapshots of every cutoff are stacked into one table
keyed by account and cutoff (column "cutoff"). The output is CSV,
gzip-compressed when -o ends in .gz, Parquet when it ends in .parquet, or a
PostgreSQL table (-o postgres://... -out-table T), published whole or not
at all. A summary of the counts (accounts,
excluded, orphans, duplicates, rows after the data end) goes to standard
output, or to standard error when the CSV does.`)
	specPath := fs.String("spec", "", "data spec file (YAML or JSON); table paths are relative to it")
	cutoff := fs.String("cutoff", "", "as-of date (2024-06-01 or an RFC 3339 instant)")
	cutoffs := fs.String("cutoffs", "", "several cutoffs: FROM..TO/STEP (step in d, w, mo, y; 2023-07-01..2024-06-01/1mo) or dates separated by commas")
	out := fs.String("o", "-", "output: a CSV file (gzip when it ends in .gz), a .parquet file, a postgres:// database (with -out-table), or \"-\" for stdout")
	outTable := fs.String("out-table", "", "with -o postgres://...: the table to write (staged, then published in one transaction; keyed by account, and cutoff with -cutoffs)")
	publish := fs.String("publish", "replace", "with -o postgres://...: replace (swap the table in) or upsert (insert or update rows by key)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if *specPath == "" {
		return usagef("-spec is required")
	}
	if (*cutoff == "") == (*cutoffs == "") {
		return usagef("give exactly one of -cutoff and -cutoffs")
	}
	list := *cutoffs
	if list == "" {
		list = *cutoff
	}
	cs, err := snapshot.ParseCutoffs(list)
	if err != nil {
		return usagef("%v", err)
	}
	if *cutoff != "" && len(cs) != 1 {
		return usagef("-cutoff takes one date; use -cutoffs for several")
	}
	if pgio.IsDSN(*out) != (*outTable != "") {
		return usagef("-o postgres://... and -out-table go together")
	}
	mode, err := pgio.ParseMode(*publish)
	if err != nil {
		return usagef("-publish: %v", err)
	}
	var outs []pathRole
	if !pgio.IsDSN(*out) {
		outs = []pathRole{{"-o", *out}}
	}
	data, err := loadSpecData(e, *specPath, cs, outs)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	var t *dataset.Table
	var reps []*snapshot.Report
	if *cutoff != "" {
		var rep *snapshot.Report
		t, rep, err = data.Snapshot(cs[0])
		reps = []*snapshot.Report{rep}
	} else {
		t, reps, err = data.Stack(cs)
	}
	if err != nil {
		return &dataError{err}
	}
	if *out == "-" {
		err = dataset.WriteCSV(&ctxWriter{ctx: ctx, w: e.stdout}, t)
	} else {
		var sink *pgio.Sink
		if pgio.IsDSN(*out) {
			sink = &pgio.Sink{DSN: *out, Table: *outTable, Mode: mode, Types: snapshotSQLTypes(t), Key: snapshotKey(t)}
		}
		err = writeSnapshot(ctx, t, *out, sink)
	}
	if err != nil {
		return err
	}
	sum := e.stdout
	if *out == "-" {
		sum = e.stderr
	}
	printSnapshotSummary(sum, data, reps, t.Len())
	return nil
}

// loadSpecData reads a data spec and loads its tables for the cutoffs
// (event tables streamed); spec and data errors are data errors (exit
// code 3).
func loadSpecData(e *env, path string, cutoffs []time.Time, outs []pathRole) (*snapshot.Data, error) {
	spec, err := snapshot.ReadSpecFile(path)
	if err != nil {
		return nil, &dataError{err}
	}
	spec.Open = specTables(context.Background()) // tables given as PostgreSQL queries
	// No output may replace the spec or a table of the export.
	inputs := []pathRole{{"-spec", path}}
	for _, p := range spec.TablePaths() {
		inputs = append(inputs, pathRole{"table", p})
	}
	if err := checkPaths(e, inputs, outs); err != nil {
		return nil, err
	}
	data, err := snapshot.LoadCutoffs(spec, cutoffs)
	if err != nil {
		return nil, &dataError{err}
	}
	return data, nil
}

// isSnapshotErr reports whether err is about a data spec or its tables.
func isSnapshotErr(err error) bool {
	var se *snapshot.SpecError
	var de *snapshot.DataError
	return errors.As(err, &se) || errors.As(err, &de) || errors.Is(err, snapshot.ErrCutoff) || isDataErr(err)
}

// printSnapshotSummary prints the counts of each cutoff and of the load.
func printSnapshotSummary(w io.Writer, data *snapshot.Data, reps []*snapshot.Report, rows int) {
	fmt.Fprintf(w, "data end %s; %d snapshot rows\n\n", data.DataEnd().Format(time.RFC3339), rows)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "cutoff\taccounts\trows\texcluded\tnot yet\tchurned\tupsold\toverlapping\tlabels\t")
	for _, r := range reps {
		labels := "ok"
		if r.Censored {
			labels = "censored"
		}
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t\n", r.Cutoff.Format(time.DateOnly),
			r.Accounts, r.Rows, r.Excluded, r.NotYet, r.Churned, r.Upsold, r.Overlapping, labels)
	}
	fmt.Fprintln(tw)
	fmt.Fprintln(tw, "table\trows\tkept\torphans\tduplicates\tafter data end\tmissing account\tout of order\t")
	for _, tr := range data.Reports() {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t\n", tr.Table, tr.Rows, tr.Kept, tr.Orphans, tr.Duplicates, tr.AfterEnd, tr.MissingAccount, tr.Unordered)
	}
	tw.Flush()
	for _, tr := range data.Reports() {
		if tr.Unordered > 0 {
			fmt.Fprintf(w, "note: %s: %d rows dated before an earlier row of their account were not checked for duplicates (sort the file by account and time, or set duplicates: drop-anywhere)\n", tr.Table, tr.Unordered)
		}
	}
}
