package main

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync/atomic"
	"time"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/pgio"
	"github.com/segmenta/segmenta/privacy"
	"github.com/segmenta/segmenta/snapshot"
)

func runScore(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "score", "-model FILE [flags] INPUT.csv[.gz] | -model FILE -spec DATA.yaml -cutoff DATE [flags]",
		`Stream accounts through a fitted model and write one CSV line of scores per
account: the ID, segment, segment_name, micro_segment, churn, upsell,
risk_band and reasons, then the -keep columns, copied verbatim from the
input (quoted where CSV needs it; each must be in the header, checked
before any output). INPUT may be plain or gzip CSV ("-" for stdin); it
needs the columns the model was fitted on (others are ignored). Rows are
read, scored and written in batches, so memory stays flat in the number of
accounts.

The output goes to a temporary file next to -o, renamed to -o only once
complete: an interrupted or killed job leaves no partial output file. Rows
that cannot be read or scored go to the reject file (line,reason) and the
job goes on; it fails with exit code 3 when the rejected share of this
shard's rows exceeds -max-reject-rate (0: no reject allowed, 1: no limit),
keeping the reject file. At the end the counts are logged and checked:
rows in = scored + rejected + rows of other shards. Scores and rejects are
published together, then OUTPUT.manifest.json (counts, SHA-256 of each
file and of the model): files without a matching manifest are an
incomplete publication. Outputs are created with mode 0600 (then the
umask); an output that is an input, the model or another output, or that
is not a regular file (a device, a FIFO), is refused.

Data protection: -consent-column COL scores only rows whose COL says yes
(yes/no, ja/nein, true/false, 1/0, ...); the others, also those with a
missing or unrecognised value, are counted as "without consent" and the
balance becomes rows in = scored + rejected + other shards + without
consent. -pseudonymise-key FILE (or -pseudonymise-env) writes each ID as its
HMAC-SHA256 pseudonym; reject lines then hold the line number and the
problem only, never a value. Without pseudonymisation a reject quotes a bad
value only when neither its column's name nor the value looks personal;
columns the model does not use are never parsed, so their values never
reach a message.

Sharding (-shard i/n): an account belongs to shard FNV-1a-64(ID) mod n, so
n jobs over the same input (or over any split of it) score every account
exactly once; a rejected row belongs to shard (line number mod n).

With -spec and -cutoff instead of INPUT, the accounts are the snapshot of
a multi-table export at the cutoff, built as 'segmenta fit -spec' built
the training ones: the model (fitted with -spec) records its data spec,
and -spec says where the tables are now. Only the tables' paths and
data_end may differ from the recorded spec; any other difference (a
table, a relation, an aggregation, the labels) is refused (exit 3), and
pivot levels are the recorded ones, so the columns are the fit's. -spec
is required: the recorded spec holds what to compute, not where the
export of the day is.

Drift: the model records the training distribution of each input column
(deciles of a number or date, levels of a category, each with a missing
bin) and of the churn and upsell probabilities (deciles). After scoring,
the scored rows (not rejects, other shards or rows without consent) are
compared with it: the population stability index (PSI) of each column and
score is logged with a status, ok below -psi-warn (0.1), warn below
-psi-alert (0.25), alert from there (warn and alert are warnings, shown
with -quiet too). -drift FILE writes the table (CSV, or JSON with each
bin's training and current share when FILE ends in .json). A model file
written before drift references says once that drift is unavailable.`)
	modelPath := fs.String("model", "", "model file written by 'segmenta fit' (required)")
	out := fs.String("o", "-", "output CSV file (\"-\": stdout, not atomic)")
	rejects := fs.String("rejects", "", "reject file (line,reason); default: OUTPUT with .rejects.csv, or none (log only) when writing to stdout")
	shardFlag := fs.String("shard", "", "score only shard i of n (\"i/n\")")
	maxReject := fs.Float64("max-reject-rate", 0.05, "fail (exit 3) when more than this share of rows is rejected; 0 allows none, 1 disables")
	batchRows := fs.Int("batch", batch.DefaultBatchRows, "rows per batch")
	workers := fs.Int("workers", 0, "scoring goroutines (0: GOMAXPROCS)")
	consent := fs.String("consent-column", "", "score only rows whose consent column says yes; count the others")
	pf := addPseudonymFlags(fs, "the scores and rejects")
	verifyKey := verifyKeyFlag(fs)
	dataSpec := fs.String("spec", "", "data spec of a multi-table export, instead of INPUT (with -cutoff)")
	cutoff := fs.String("cutoff", "", "with -spec: the as-of date of the snapshot to score")
	db := addDBFlags(fs, true)
	keep := fs.String("keep", "", "comma-separated input columns copied verbatim into the scores after the score columns (an account owner, a region)")
	df := addDriftFlags(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *modelPath == "" {
		return usagef("-model is required")
	}
	if (*dataSpec == "") != (*cutoff == "") {
		return usagef("-spec and -cutoff go together")
	}
	if *dataSpec == "" && fs.NArg() != 1 {
		return usagef("want exactly one INPUT file, got %d", fs.NArg())
	}
	if *dataSpec != "" && fs.NArg() != 0 {
		return usagef("-spec replaces the INPUT file: unexpected arguments %q", fs.Args())
	}
	input := fs.Arg(0)
	if *dataSpec != "" {
		input = *dataSpec
	}
	if err := checkRejectRate(*maxReject); err != nil {
		return err
	}
	// batch.Options reads zero and below as "the default": a flag given
	// explicitly must not be ignored.
	if *batchRows < 1 {
		return usagef("-batch %d: want at least 1 row", *batchRows)
	}
	if *workers < 0 {
		return usagef("-workers %d: want 0 (GOMAXPROCS) or more", *workers)
	}
	shard, err := batch.ParseShard(*shardFlag)
	if err != nil {
		return usagef("%v", err)
	}
	sink, err := db.sink(*out, scoreSQLTypes(), nil)
	if err != nil {
		return err
	}
	rejPath := rejectsPath(*out, *rejects)
	if err := checkPaths(e, []pathRole{{"input", input}, {"-model", *modelPath}, {"-verify-key", *verifyKey}, pf.input()},
		[]pathRole{{"-o", *out}, {"-rejects", rejPath}, {"manifest", manifestPath(*out)}, {"-drift", *df.out}}); err != nil {
		return err
	}
	m, err := loadModelVerified(*modelPath, *verifyKey)
	if err != nil {
		return err
	}
	if err := df.check(m); err != nil {
		return err
	}
	opt := batch.Options{BatchRows: *batchRows, Shard: shard, MaxRejectRate: *maxReject, Workers: *workers,
		ConsentColumn: *consent}
	if *keep != "" {
		opt.CSV.Keep = splitList(*keep)
	}
	p, err := pf.pseudonymiser(m.Privacy().PseudonymiseIDs)
	if err != nil {
		return err
	}
	if err := checkKeepPrivacy(opt.CSV.Keep, p != nil); err != nil {
		return err
	}
	if p != nil {
		opt.Pseudonymise = p.AppendPseudonym
	}
	if *dataSpec != "" {
		in, err := snapshotInput(e, m, *dataSpec, *cutoff)
		if err != nil {
			return err
		}
		return scoreInput(ctx, e, m, *modelPath, in, fmt.Sprintf("%s (snapshot at %s)", *dataSpec, *cutoff), *out, rejPath, sink, opt, df)
	}
	// Only the model's columns are read (as the CSV reader parses only
	// them): a column of another type the job does not use is no error.
	db.columns = append([]string{m.IDColumn(), *consent}, opt.CSV.Keep...)
	for _, c := range m.Inputs().Columns {
		db.columns = append(db.columns, c.Name)
	}
	in, _, err := openSource(ctx, fs.Arg(0), db)
	if err != nil {
		return err
	}
	return scoreInput(ctx, e, m, *modelPath, in, displayName(fs.Arg(0)), *out, rejPath, sink, opt, df)
}

// checkKeepPrivacy refuses, when the IDs are pseudonymised, to pass
// through a column whose name says it holds personal data: the output would
// name the person the pseudonym hides.
func checkKeepPrivacy(keep []string, pseudonymised bool) error {
	if !pseudonymised {
		return nil
	}
	for _, k := range keep {
		if kind, personal := privacy.ClassifyName(k); personal {
			return usagef("-keep %s: the column looks personal (%s) and the IDs are pseudonymised: the scores would name the person the pseudonym hides", k, kind)
		}
	}
	return nil
}

// snapshotInput builds the snapshot of a data spec at a cutoff for a
// model fitted on snapshots (segmenta.Model.Snapshot) and returns it as a
// CSV input.
func snapshotInput(e *env, m *segmenta.Model, specPath, cutoff string) (*input, error) {
	cs, err := snapshot.ParseCutoffs(cutoff)
	if err != nil {
		return nil, usagef("%v", err)
	}
	if len(cs) != 1 {
		return nil, usagef("-cutoff takes one date")
	}
	spec, err := snapshot.ReadSpecFile(specPath)
	if err != nil {
		return nil, &dataError{err}
	}
	spec.Open = specTables(context.Background()) // tables given as PostgreSQL queries
	t, rep, err := m.Snapshot(spec, cs[0])
	if err != nil {
		if isSnapshotErr(err) || errors.Is(err, segmenta.ErrConfig) {
			return nil, &dataError{err}
		}
		return nil, err
	}
	e.log.Info("snapshot", "cutoff", rep.Cutoff.Format(time.DateOnly), "accounts", rep.Accounts,
		"rows", rep.Rows, "excluded", rep.Excluded, "not_yet", rep.NotYet)
	var buf bytes.Buffer
	if err := dataset.WriteCSV(&buf, t); err != nil {
		return nil, err
	}
	in := &input{Reader: &buf, size: int64(buf.Len()), read: new(atomic.Int64)}
	in.Reader = &countingReader{r: &buf, n: in.read}
	return in, nil
}

func loadModel(path string) (*segmenta.Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	m, err := segmenta.Load(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

// rejectsPath derives the default reject file name from the output name
// (none for stdout or a database: the log gets the first rejects).
func rejectsPath(out, rejects string) string {
	if rejects != "" || out == "-" || pgio.IsDSN(out) {
		return rejects
	}
	return outputStem(out) + ".rejects.csv"
}

// outputStem is an output file name without its .csv, .csv.gz or
// .parquet suffix.
func outputStem(out string) string {
	if isParquet(out) {
		return out[:len(out)-len(".parquet")]
	}
	return strings.TrimSuffix(strings.TrimSuffix(out, ".gz"), ".csv")
}

// scoreInput runs one scoring job from an opened input (named inPath)
// to files (see runScore), then reports drift; it closes in.
func scoreInput(ctx context.Context, e *env, m *segmenta.Model, modelPath string, in *input, inPath, outPath, rejPath string, sink *pgio.Sink, opt batch.Options, df driftFlags) error {
	defer in.Close()
	outs, err := openScoreOutputs(ctx, e, outPath, rejPath, sink)
	if err != nil {
		return err
	}
	defer outs.abort()
	ctx = outs.bind(ctx, &opt)
	bar := newProgress(e, "scoring", "B", in.size)
	start := time.Now()
	opt.Progress = func(rows int64) {
		if in.size > 0 {
			bar.set(in.read.Load(), in.size)
		} else {
			bar.set(rows, 0)
		}
	}
	outName := displayName(outPath)
	if sink != nil {
		outName += " table " + sink.Table
	}
	e.log.Info("scoring", "input", inPath, "output", outName, "rejects", rejPath, "shard", opt.Shard.String(), "batch", opt.BatchRows)
	counts, err := m.ScoreCSV(ctx, in, outs.w, opt)
	bar.finish(in.read.Load())
	if err != nil {
		err = outs.failed(ctx, err)
		if errors.Is(err, batch.ErrKeep) {
			return usagef("-keep: %v", err)
		}
		if errors.Is(err, batch.ErrRejectRate) || errors.Is(err, segmenta.ErrMissingColumn) || isDataErr(err) {
			return &dataError{err}
		}
		return err
	}
	if err := outs.commit(counts, inPath, modelPath, opt.Shard); err != nil {
		return err
	}
	secs := time.Since(start).Seconds()
	check := fmt.Sprintf("%d = %d + %d + %d", counts.Rows, counts.Scored, counts.Rejected, counts.OtherShards)
	if opt.ConsentColumn != "" {
		check += fmt.Sprintf(" + %d", counts.NoConsent)
	}
	e.log.Info("scored",
		"rows", counts.Rows, "scored", counts.Scored, "rejected", counts.Rejected, "other_shards", counts.OtherShards,
		"no_consent", counts.NoConsent, "check", check,
		"seconds", fmt.Sprintf("%.2f", secs), "rows_per_second", fmt.Sprintf("%.0f", float64(counts.Rows)/secs))
	if len(counts.Unseen) > 0 {
		keys := make([]string, 0, len(counts.Unseen))
		for k := range counts.Unseen {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			e.log.Warn("unseen categories scored as \"other\"", "column", k, "rows", counts.Unseen[k])
		}
	}
	if counts.Rejected > 0 {
		e.log.Warn("rows rejected", "rows", counts.Rejected, "rate", fmt.Sprintf("%.4f", counts.RejectRate()), "file", rejPath)
	}
	if err := df.report(e, counts); err != nil {
		return err
	}
	if outPath != "-" {
		fmt.Fprintf(e.stdout, "%d rows in = %d scored + %d rejected + %d in other shards", counts.Rows, counts.Scored, counts.Rejected, counts.OtherShards)
		if opt.ConsentColumn != "" {
			fmt.Fprintf(e.stdout, " + %d without consent", counts.NoConsent)
		}
		fmt.Fprintf(e.stdout, "; scores: %s", outName)
		if rejPath != "" {
			fmt.Fprintf(e.stdout, "; rejects: %s", rejPath)
		}
		fmt.Fprintf(e.stdout, " (%.0f rows/s)\n", float64(counts.Rows)/secs)
	}
	return nil
}

// isDataErr reports whether err is about the input data rather than the
// system: unreadable CSV, wrong kinds, empty input, a truncated or corrupt
// gzip stream.
func isDataErr(err error) bool {
	var re *dataset.RowError
	var ce *dataset.ColumnError
	var fe flate.CorruptInputError
	return errors.As(err, &re) || errors.As(err, &ce) || errors.Is(err, dataset.ErrEmpty) ||
		errors.Is(err, dataset.ErrNotGzip) || errors.Is(err, dataset.ErrColumnNotFound) ||
		errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrChecksum) || errors.Is(err, gzip.ErrHeader) ||
		errors.As(err, &fe)
}
