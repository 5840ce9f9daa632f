// Command segmenta turns B2B SaaS account data into customer segments and
// churn and upsell scores, from the command line.
//
// Usage:
//
//	segmenta [global flags] <command> [flags] [args]
//
// Run "segmenta --help" for the commands and "segmenta <command> -h" for the
// flags of a command (help goes to standard output). Flags may come before
// or after a command's arguments ("--" ends them); the global flags -v,
// -quiet, -log-format text|json and -cpuprofile FILE are accepted before or
// after the command name. A usage error prints the message and one usage
// line on standard error. "segmenta completion bash|zsh|fish" writes a shell
// completion script; "segmenta version" the module version and VCS revision.
//
// Exit codes:
//
//	0    success
//	1    failure (I/O, a model that cannot be fitted or loaded, ...)
//	2    usage error (unknown command or flag, missing argument)
//	3    data error: input columns missing, unreadable input data, or more
//	     rejected rows than -max-reject-rate allows
//	130  interrupted by SIGINT; 143: terminated by SIGTERM (128 + the
//	     signal number, as shells report it). No output file is published and
//	     the temporary files are removed; a second signal kills the process
//	     at once (the next run removes what it leaves).
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
// Logs go to standard error (log/slog; text, or one JSON object per line with
// -log-format json); on a terminal with text logs, long jobs draw a progress
// bar there instead of periodic progress lines. Results go to
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

	"github.com/segmenta/segmenta/dataset"
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
	// tty reports whether progress is drawn as a bar on stderr (a terminal,
	// text logs, not -quiet) rather than logged.
	tty bool
	// stderrTTY reports whether stderr is a terminal.
	stderrTTY bool
	// flags are the global flags (see cli.go).
	flags globalFlags
	// synopsis is the running command's usage line (for usage errors).
	synopsis string
	// collect, when set, receives each command's flag set instead of a
	// parse (shell completion); the command then returns errCollected.
	collect func(*flag.FlagSet)
	// profile is the -cpuprofile file, an output of every command (nil
	// without the flag); stopProfile ends and publishes it.
	profile     *atomicFile
	stopProfile func()
}

func commands() []command {
	return []command{
		{"demo", "synthetic accounts end to end: fit, segment table, riskiest accounts, HTML report", runDemo},
		{"synth", "write synthetic accounts as CSV, or with -tables a multi-table export (for trials and benchmarks)", runSynth},
		{"snapshot", "account snapshots (features and labels as of a cutoff) from a multi-table export and a data spec", runSnapshot},
		{"fit", "fit a model on a CSV of accounts, or on a data spec's snapshots at several cutoffs; write the model file", runFit},
		{"score", "stream accounts (CSV or CSV.gz, or a data spec's snapshot at a cutoff) through a model file; write scores as CSV and report drift (PSI per input and score)", runScore},
		{"profile", "report (Markdown, HTML, plots) of scored accounts joined with their input data", runProfile},
		{"evaluate", "metrics of a model on labelled accounts", runEvaluate},
		{"compare", "migration matrix (accounts, MRR) between two snapshots scored with one model; with a refitted model, the refit noise", runCompare},
		{"cluster", "raw k-means clustering of a numeric CSV", runCluster},
		{"explain", "one account's segment, scores and reasons in plain language (Art. 15/22 GDPR)", runExplain},
		{"record", "a record of processing activities (Art. 30 GDPR) generated from a model file", runRecord},
		{"keygen", "create an ed25519 key pair for signing model files", runKeygen},
		{"sign", "sign a model file (writes MODEL.sig)", runSign},
		{"serve", "score accounts over HTTP (POST /v1/score, /healthz, /metrics); SIGHUP reloads the model", runServe},
		{"sql", "print a model file as one SQL SELECT (postgres, duckdb) that scores a table inside the database", runSQL},
		{"completion", "shell completion script for bash, zsh or fish", runCompletion},
		{"version", "module version and VCS revision of this binary", runVersion},
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
	ctx, cancel := context.WithCancelCause(context.Background())
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sigs
		// A second signal takes the default action (the process dies at
		// once; the next run removes the temporary files it leaves).
		signal.Stop(sigs)
		cancel(&signalError{s.(syscall.Signal)})
	}()
	setMemoryLimit()
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	os.Exit(code)
}

// signalError is the cause of the context's cancellation when the process
// receives SIGINT or SIGTERM; the exit code is then 128 + the signal number.
type signalError struct{ sig syscall.Signal }

func (e *signalError) Error() string { return "interrupted by " + signalName(e.sig) }

func signalName(s syscall.Signal) string {
	switch s {
	case syscall.SIGINT:
		return "SIGINT"
	case syscall.SIGTERM:
		return "SIGTERM"
	}
	return s.String()
}

// run parses the global flags, dispatches to a command and returns the exit
// code.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	e := &env{stdout: stdout, stderr: stderr, stderrTTY: isTerminal(stderr)}
	fs := flag.NewFlagSet("segmenta", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	e.flags.register(fs)
	version := fs.Bool("version", false, "print the version and exit")
	fs.Usage = func() {}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			mainUsage(stdout)
			return exitOK
		}
		fmt.Fprintf(stderr, "segmenta: %v\n", err)
		shortUsage(stderr, mainSynopsis, "")
		return exitUsage
	}
	if err := e.configure(); err != nil {
		return exitCode(ctx, e, "", err)
	}
	rest := fs.Args()
	if *version {
		rest = []string{"version"}
	}
	if len(rest) == 0 {
		fmt.Fprintf(stderr, "segmenta: no command (one of %s)\n", commandNames())
		shortUsage(stderr, mainSynopsis, "")
		return exitUsage
	}
	if err := e.startProfile(rest[1:]); err != nil {
		return exitCode(ctx, e, "", err)
	}
	defer func() {
		if e.stopProfile != nil {
			e.stopProfile()
		}
	}()
	name := rest[0]
	if name == "help" {
		if len(rest) > 1 {
			return run(ctx, []string{rest[1], "-h"}, stdout, stderr)
		}
		mainUsage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == name {
			return exitCode(ctx, e, name, c.run(ctx, e, rest[1:]))
		}
	}
	msg := fmt.Sprintf("segmenta: unknown command %q", name)
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	if guess := dataset.ClosestName(name, names); guess != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", guess)
	}
	fmt.Fprintln(stderr, msg)
	shortUsage(stderr, mainSynopsis, "")
	return exitUsage
}

// exitCode reports err (if any) and maps it to an exit code (see the
// package documentation).
func exitCode(ctx context.Context, e *env, name string, err error) int {
	if err == nil || errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	var ue *usageError
	if errors.As(err, &ue) {
		prefix := "segmenta"
		if name != "" {
			prefix += " " + name
		}
		fmt.Fprintf(e.stderr, "%s: %v\n", prefix, err)
		shortUsage(e.stderr, e.synopsis, name)
		return exitUsage
	}
	var se *signalError
	if errors.As(context.Cause(ctx), &se) {
		e.log.Error(se.Error()+"; no output file was written", "command", name)
		return 128 + int(se.sig)
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

const mainSynopsis = "segmenta [global flags] <command> [flags] [args]"

func mainUsage(w io.Writer) {
	fmt.Fprintf(w, `segmenta: customer segments and churn/upsell scores for B2B SaaS accounts.

Usage:
  %s

Commands:
`, mainSynopsis)
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintf(w, `
Global flags (before or after the command name):
  -v                 debug logs
  -quiet             only warnings and errors, no progress
  -log-format FORMAT text (default) or json: one JSON object per line on stderr
  -cpuprofile FILE   write a CPU profile (go tool pprof)
  -version           print the version (as 'segmenta version')

A command's flags may come before or after its arguments; "--" ends them.

Exit codes:
  0    success
  1    failure (I/O, a model that cannot be fitted or loaded, ...)
  2    usage error (unknown command or flag, missing argument)
  3    data error (missing columns, unreadable data, rejected rows above
       -max-reject-rate)
  130  interrupted by SIGINT (Ctrl-C), 143 terminated by SIGTERM: no output
       file is written, temporary files are removed

Examples:
  segmenta demo -out ./segmenta-demo
  segmenta synth -n 100000 -o accounts.csv
  segmenta fit -o model.json accounts.csv
  segmenta fit -id auto -segments-only -o model.json wholesale_customers.csv
  segmenta fit -segments auto -segment-on plan,seats_used,logins_per_week -o model.json accounts.csv
  segmenta score -model model.json -o scores.csv -rejects rejects.csv accounts.csv.gz
  segmenta score accounts.csv -model model.json -keep owner,region -o scores.csv
  segmenta score -model model.json -shard 0/4 -o scores-0.csv accounts.csv
  segmenta score -model model.json -drift drift.csv -psi-alert 0.2 -o scores.csv accounts.csv
  segmenta synth -tables export/ -n 20000
  segmenta snapshot -spec data.yaml -cutoff 2025-07-01 -o accounts.csv
  segmenta fit -spec data.yaml -cutoffs 2024-07-01..2025-06-01/1mo -o model.json
  segmenta score -model model.json -spec data.yaml -cutoff 2025-07-01 -o scores.csv
  segmenta profile -scores scores.csv -out report/ accounts.csv
  segmenta profile -role churned=left_us,mrr_start=MRR -capacity 40 -scores scores.csv -out report/ crm.csv
  segmenta profile -role tenure=days_active -tenure-unit days -as-of 2025-07-01 -discount-rate 0.1 -scores scores.csv -out report/ crm.csv
  segmenta evaluate -model model.json holdout.csv
  segmenta fit -previous model-may.json -o model-june.json june.csv
  segmenta compare -model model-may.json -model-new model-june.json -o moves.csv may.csv june.csv
  segmenta cluster -k 8 -o labels.csv points.csv
  segmenta cluster -k auto -standardize -o labels.csv points.csv
  segmenta keygen -o signing.key && segmenta sign -key signing.key model.json
  segmenta score -verify-key signing.key.pub -model model.json -o scores.csv accounts.csv
  source <(segmenta completion bash)

Run 'segmenta <command> -h' for the flags of a command.
`)
}

// startProfile starts the CPU profile written to path, replaced atomically
// like every output (never through a symbolic link, never onto a device),
// and refused when it names a file of the command line. stop ends the
// profile and publishes it.
func startProfile(e *env, path string, args []string) (stop func(), err error) {
	if err := conflict(argPaths(withoutFlag(args, "cpuprofile")), []pathRole{{"-cpuprofile", path}}); err != nil {
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
