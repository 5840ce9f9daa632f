package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"
)

// The flag machinery every command shares. A command only calls
// newFlagSet, defines its flags and calls parseFlags; the rest (global flags
// accepted after the command name, flags after positional arguments, help on
// standard output, a short usage line on errors, the flag list for shell
// completion) happens here, so adding a command is one entry in commands().

// globalFlags are accepted before the command name and after it (they are
// registered in every command's flag set too).
type globalFlags struct {
	verbose    bool
	quiet      bool
	logFormat  string
	cpuprofile string
}

// globalFlagNames are the names registerGlobal defines (completion lists
// them apart).
var globalFlagNames = map[string]bool{"v": true, "quiet": true, "log-format": true, "cpuprofile": true}

func (g *globalFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&g.verbose, "v", g.verbose, "global: verbose, debug logs")
	fs.BoolVar(&g.quiet, "quiet", g.quiet, "global: only warnings and errors on stderr, no progress")
	fs.StringVar(&g.logFormat, "log-format", g.logFormat, "global: log format on stderr, \"text\" or \"json\" (one JSON object per line)")
	fs.StringVar(&g.cpuprofile, "cpuprofile", g.cpuprofile, "global: write a CPU profile (go tool pprof) to this `FILE`")
}

// configure (re)builds the logger from the global flags; called after the
// global flags and again after a command's flags are parsed.
func (e *env) configure() error {
	level := slog.LevelInfo
	if e.flags.verbose {
		level = slog.LevelDebug
	}
	if e.flags.quiet {
		level = slog.LevelWarn
	}
	opts := &slog.HandlerOptions{Level: level}
	switch e.flags.logFormat {
	case "", "text":
		e.log = slog.New(slog.NewTextHandler(e.stderr, opts))
		e.tty = e.stderrTTY && !e.flags.quiet
	case "json":
		// A progress bar would break the one-object-per-line stream:
		// progress goes through the logger instead.
		e.log = slog.New(slog.NewJSONHandler(e.stderr, opts))
		e.tty = false
	default:
		return usagef("-log-format %q: want text or json", e.flags.logFormat)
	}
	return nil
}

// flagOutput is the output of a command's flag set. The flag package
// prints the help (on -h) and parse errors there; parseFlags then sends the
// help to standard output and replaces the error chatter by a short usage
// line (see exitCode).
type flagOutput struct {
	bytes.Buffer
	e *env
}

// newFlagSet returns a flag set for a subcommand whose -h output shows the
// synopsis, a description and the flags, global ones included.
func newFlagSet(e *env, name, synopsis, description string) *flag.FlagSet {
	fs := flag.NewFlagSet("segmenta "+name, flag.ContinueOnError)
	fs.SetOutput(&flagOutput{e: e})
	e.synopsis = "segmenta " + name + " " + synopsis
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintf(w, "Usage: segmenta %s %s\n\n%s\n\nFlags (before or after the arguments; \"--\" ends them):\n", name, synopsis, description)
		fs.PrintDefaults()
	}
	e.flags.register(fs)
	return fs
}

// errCollected is what parseFlags returns when the env only collects the
// flag sets of the commands (for shell completion).
var errCollected = errors.New("flags collected")

// parseFlags parses args into fs: flags may come before, between and after
// the positional arguments ("--" ends the flags, "-" is an argument).
// Parse errors become usage errors; -h prints the help to standard output
// and returns flag.ErrHelp.
func parseFlags(fs *flag.FlagSet, args []string) error {
	out, _ := fs.Output().(*flagOutput)
	if out != nil && out.e.collect != nil {
		out.e.collect(fs)
		return errCollected
	}
	err := parseInterleaved(fs, args)
	if out == nil {
		return err
	}
	if errors.Is(err, flag.ErrHelp) {
		_, werr := out.e.stdout.Write(out.Bytes())
		out.Reset()
		if werr != nil {
			return werr
		}
		return err
	}
	out.Reset()
	if err != nil {
		return &usageError{err.Error()}
	}
	if err := out.e.configure(); err != nil {
		return err
	}
	return out.e.startProfile(args)
}

// parseInterleaved parses the flags of args wherever they are and leaves
// the positional arguments, in order, in fs.Args().
func parseInterleaved(fs *flag.FlagSet, args []string) error {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if consumed := args[:len(args)-len(rest)]; len(consumed) > 0 && consumed[len(consumed)-1] == "--" {
			pos = append(pos, rest...)
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	// Parsing "--" alone sets fs.Args() to the collected arguments.
	return fs.Parse(append([]string{"--"}, pos...))
}

// startProfile starts the -cpuprofile once (given before or after the
// command); args are the command's, whose files the profile may not name.
func (e *env) startProfile(args []string) error {
	if e.flags.cpuprofile == "" || e.stopProfile != nil {
		return nil
	}
	stop, err := startProfile(e, e.flags.cpuprofile, args)
	if err != nil {
		return err
	}
	e.stopProfile = stop
	return nil
}

// shortUsage is the one line of usage printed with a usage error.
func shortUsage(w io.Writer, synopsis, name string) {
	if synopsis != "" {
		fmt.Fprintf(w, "usage: %s\n", synopsis)
	}
	help := "segmenta --help"
	if name != "" {
		help = "segmenta " + name + " -h"
	}
	fmt.Fprintf(w, "Run '%s' for help.\n", help)
}

// commandNames lists the commands, for messages.
func commandNames() string {
	var names []string
	for _, c := range commands() {
		names = append(names, c.name)
	}
	return strings.Join(names, ", ")
}
