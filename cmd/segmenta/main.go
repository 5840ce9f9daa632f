// Command segmenta turns B2B SaaS account data into customer segments and
// churn and upsell scores, from the command line.
//
// Usage:
//
//	segmenta [-v] [-quiet] [-cpuprofile FILE] <command> [flags] [args]
//
// Commands:
//
//	demo      synthetic accounts end to end: fit, segment table, riskiest accounts, HTML report
//	synth     write synthetic accounts as CSV, or with -tables a multi-table export (for trials and benchmarks)
//	snapshot  account snapshots (features and labels as of a cutoff) from a multi-table export and a data spec
//	fit       fit a model on a CSV of accounts, or on a data spec's snapshots at several cutoffs; write the model file
//	score     stream accounts (CSV or CSV.gz, or a data spec's snapshot at a cutoff) through a model file; write scores as CSV
//	profile   report (Markdown, HTML, plots) of scored accounts joined with their input data
//	evaluate  metrics of a model on labelled accounts
//	cluster   raw k-means clustering of a numeric CSV
//	serve     HTTP JSON scoring service with a model file (reload on SIGHUP)
//	sql       a model file as one SQL SELECT scoring a table inside PostgreSQL or DuckDB
//
// Run "segmenta <command> -h" for the flags of a command.
//
// Exit codes:
//
//	0  success
//	1  failure (I/O, a model that cannot be fitted or loaded, ...)
//	2  usage error (unknown command or flag, missing argument)
//	3  data error: input columns missing, unreadable input data, or more
//	   rejected rows than -max-reject-rate allows
//
// Output files appear whole or not at all: each is written to a temporary
// file ".NAME.tmp-PID-RANDOM" beside it and renamed when complete (a
// symbolic link under NAME is replaced, never written through; debris of
// killed runs is removed by the next run). An output naming an input, the
// model or another output, or something other than a regular file (a
// device, a FIFO), is a usage error; "-" streams to standard output. Files
// holding account rows are created with mode 0600, the others 0666, both
// masked by the umask.
//
// Logs go to standard error (log/slog, text format); on a terminal, long jobs
// draw a progress bar there instead of periodic progress lines. Results go to
// standard output or to the files named by flags.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"runtime/pprof"
	"syscall"
)

// Exit codes (see the package documentation).
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
	exitData    = 3
)

// command is one subcommand. run receives the arguments after the command
// name; it returns a usageError for bad invocations and a dataError for data
// problems, which main maps to exit codes.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, env *env, args []string) error
}

// env is what a command may touch: its output streams and logger. Tests
// swap them.
type env struct {
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
	// tty reports whether stderr is a terminal (progress bar vs log lines).
	tty bool
	// profile is the -cpuprofile file, an output of every command (nil
	// without the flag).
	profile *atomicFile
}

func commands() []command {
	return []command{
		{"demo", "synthetic accounts end to end: fit, segment table, riskiest accounts, HTML report", runDemo},
		{"synth", "write synthetic accounts as CSV, or with -tables a multi-table export (for trials and benchmarks)", runSynth},
		{"snapshot", "account snapshots (features and labels as of a cutoff) from a multi-table export and a data spec", runSnapshot},
		{"fit", "fit a model on a CSV of accounts, or on a data spec's snapshots at several cutoffs; write the model file", runFit},
		{"score", "stream accounts (CSV or CSV.gz, or a data spec's snapshot at a cutoff) through a model file; write scores as CSV", runScore},
		{"profile", "report (Markdown, HTML, plots) of scored accounts joined with their input data", runProfile},
		{"evaluate", "metrics of a model on labelled accounts", runEvaluate},
		{"cluster", "raw k-means clustering of a numeric CSV", runCluster},
		{"explain", "one account's segment, scores and reasons in plain language (Art. 15/22 GDPR)", runExplain},
		{"record", "a record of processing activities (Art. 30 GDPR) generated from a model file", runRecord},
		{"keygen", "create an ed25519 key pair for signing model files", runKeygen},
		{"sign", "sign a model file (writes MODEL.sig)", runSign},
		{"serve", "score accounts over HTTP (POST /v1/score, /healthz, /metrics); SIGHUP reloads the model", runServe},
		{"sql", "print a model file as one SQL SELECT (postgres, duckdb) that scores a table inside the database", runSQL},
	}
}

// usageError marks an invocation error (exit code 2).
type usageError struct{ msg string }

func (e *usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return &usageError{fmt.Sprintf(format, args...)} }

// dataError marks a problem with the input data (exit code 3).
type dataError struct{ err error }

func (e *dataError) Error() string { return e.err.Error() }
func (e *dataError) Unwrap() error { return e.err }

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run parses the global flags, dispatches to a command and returns the exit
// code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("segmenta", flag.ContinueOnError)
	fs.SetOutput(stderr)
	verbose := fs.Bool("v", false, "verbose: debug logs")
	quiet := fs.Bool("quiet", false, "only warnings and errors on stderr, no progress")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile (go tool pprof) to this file")
	fs.Usage = func() { mainUsage(fs) }
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	level := slog.LevelInfo
	if *verbose {
		level = slog.LevelDebug
	}
	if *quiet {
		level = slog.LevelWarn
	}
	e := &env{stdout: stdout, stderr: stderr, tty: isTerminal(stderr) && !*quiet}
	e.log = slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	rest := fs.Args()
	if len(rest) == 0 {
		mainUsage(fs)
		return exitUsage
	}
	name := rest[0]
	if *cpuprofile != "" {
		stop, err := startProfile(e, *cpuprofile, rest[1:])
		if err != nil {
			fmt.Fprintf(stderr, "segmenta: %v\n", err)
			var ue *usageError
			if errors.As(err, &ue) {
				return exitUsage
			}
			return exitFailure
		}
		defer stop()
	}
	if name == "help" {
		if len(rest) > 1 {
			return run(ctx, []string{rest[1], "-h"}, stdout, stderr)
		}
		fs.SetOutput(stdout)
		mainUsage(fs)
		return exitOK
	}
	for _, c := range commands() {
		if c.name != name {
			continue
		}
		err := c.run(ctx, e, rest[1:])
		return exitCode(e, name, err)
	}
	fmt.Fprintf(stderr, "segmenta: unknown command %q\n\n", name)
	mainUsage(fs)
	return exitUsage
}

// exitCode logs err (if any) and maps it to an exit code.
func exitCode(e *env, name string, err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		fmt.Fprintf(e.stderr, "segmenta %s: %v\nRun 'segmenta %s -h' for usage.\n", name, err, name)
		return exitUsage
	}
	if errors.Is(err, context.Canceled) {
		e.log.Error("interrupted; no output file was written", "command", name)
		return exitFailure
	}
	e.log.Error(err.Error(), "command", name)
	var de *dataError
	if errors.As(err, &de) {
		return exitData
	}
	return exitFailure
}

func mainUsage(fs *flag.FlagSet) {
	w := fs.Output()
	fmt.Fprintf(w, `segmenta: customer segments and churn/upsell scores for B2B SaaS accounts.

Usage:
  segmenta [-v] [-quiet] [-cpuprofile FILE] <command> [flags] [args]

Commands:
`)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-9s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Global flags:
  -v        debug logs
  -quiet    only warnings and errors, no progress
  -cpuprofile FILE
            write a CPU profile (go tool pprof)

Exit codes: 0 ok, 1 failure, 2 usage error, 3 data error (missing columns,
unreadable data, rejected rows above -max-reject-rate).

Examples:
  segmenta demo -out ./segmenta-demo
  segmenta synth -n 100000 -o accounts.csv
  segmenta fit -o model.json accounts.csv
  segmenta score -model model.json -o scores.csv -rejects rejects.csv accounts.csv.gz
  segmenta score -model model.json -shard 0/4 -o scores-0.csv accounts.csv
  segmenta synth -tables export/ -n 20000
  segmenta snapshot -spec data.yaml -cutoff 2025-07-01 -o accounts.csv
  segmenta fit -spec data.yaml -cutoffs 2024-07-01..2025-06-01/1mo -o model.json
  segmenta score -model model.json -spec data.yaml -cutoff 2025-07-01 -o scores.csv
  segmenta profile -scores scores.csv -out report/ accounts.csv
  segmenta evaluate -model model.json holdout.csv
  segmenta cluster -k 8 -o labels.csv points.csv
  segmenta keygen -o signing.key && segmenta sign -key signing.key model.json
  segmenta score -verify-key signing.key.pub -model model.json -o scores.csv accounts.csv

Run 'segmenta <command> -h' for the flags of a command.
`)
}

// newFlagSet returns a flag set for a subcommand whose -h output shows the
// synopsis, a description and the flags.
func newFlagSet(e *env, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet("segmenta "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: segmenta %s %s\n\n%s\n\nFlags:\n", name, synopsis, description)
		fs.PrintDefaults()
	}
	return fs
}

// parseFlags parses args into fs and turns parse errors into usage errors
// (the flag package has already printed the message and usage).
func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return &usageError{err.Error()}
	}
	return nil
}

// startProfile starts the CPU profile written to path, replaced atomically
// like every output (never through a symbolic link, never onto a device),
// and refused when it names a file of the command line. stop ends the
// profile and publishes it.
func startProfile(e *env, path string, args []string) (stop func(), err error) {
	if err := conflict(argPaths(args), []pathRole{{"-cpuprofile", path}}); err != nil {
		return nil, err
	}
	af, err := createAtomic(path)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(af); err != nil {
		af.Abort()
		return nil, err
	}
	e.profile = af
	return func() {
		pprof.StopCPUProfile()
		if err := af.Commit(); err != nil {
			fmt.Fprintf(e.stderr, "segmenta: %v\n", err)
		}
	}, nil
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
