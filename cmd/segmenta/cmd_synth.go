package main

import (
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/segmenta/segmenta/dataset/synth"
)

func runSynth(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "synth", "[flags]",
		`Write synthetic B2B SaaS accounts as CSV, gzip-compressed when -o ends in
.gz (the generator of dataset/synth:
six personas, realistic missing values and recording errors, churned and
upsold labels drawn from known models). Memory stays flat whatever -n.
The same flags always give the same bytes.

With -tables DIR, write instead a multi-table export of the same accounts
into DIR: accounts, subscriptions, usage_events (keyed by subscription),
tickets, invoices, touchpoints, opportunities, churn_events, and truth.csv
(the hidden churn and upsell outcomes in the 90 days after -cutoff), with a
README.md giving the timeline and row counts.

With -month 2 (3, ...), write a later monthly snapshot of the same
accounts: each month a share -move-rate of them (seeded) moves to another
persona and takes values drawn from it, the others keep theirs; with
-truth, true_segment is the persona of the month and true_previous_segment
that of the month before. 'segmenta compare' on two months shows the
moves.`)
	n := fs.Int("n", 20000, "number of accounts")
	seed := fs.Uint64("seed", 1, "random seed")
	sep := fs.Float64("separation", 0, "persona separation (0: 1, realistic overlap; 3: well separated)")
	clean := fs.Bool("clean", false, "no missing values or recording errors")
	truth := fs.Bool("truth", false, "add the hidden truth columns (true_segment, true_churn_prob, true_upsell_prob)")
	month := fs.Int("month", 0, "a later monthly snapshot of the same accounts (2, 3, ...; 0 or 1: the first month)")
	moveRate := fs.Float64("move-rate", 0, fmt.Sprintf("with -month: share of accounts that move to another persona each month (0: %g)", synth.DefaultMoveRate))
	out := fs.String("o", "-", "output CSV file (\"-\": stdout)")
	tables := fs.String("tables", "", "write the multi-table export into this directory instead of one account CSV")
	events := fs.Float64("events", 0, "with -tables: mean usage events per account (0: 100)")
	cutoff := fs.String("cutoff", "", "with -tables: cutoff date of the hidden outcomes, YYYY-MM-DD (default 2025-07-01)")
	history := fs.Int("history", 0, "with -tables: months of history before the cutoff (0: 18)")
	messy := fs.Bool("messy", false, "with -tables: missing values, duplicate and orphan rows, an overlapping subscription, late events")
	gz := fs.Bool("gzip", false, "with -tables: write .csv.gz files")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if *n < 1 {
		return usagef("-n %d < 1", *n)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *tables != "" {
		for _, name := range []string{"o", "clean", "truth", "month", "move-rate"} {
			if set[name] {
				return usagef("-%s does not apply to -tables", name)
			}
		}
		cfg := synth.TablesConfig{N: *n, Seed: *seed, Separation: *sep, EventsPerAccount: *events,
			HistoryMonths: *history, Messy: *messy, Gzip: *gz}
		if *cutoff != "" {
			c, err := time.Parse(time.DateOnly, *cutoff)
			if err != nil {
				return usagef("-cutoff %q: want a date YYYY-MM-DD", *cutoff)
			}
			cfg.Cutoff = c
		}
		return synthTables(ctx, e, *tables, cfg)
	}
	for _, name := range []string{"events", "cutoff", "history", "messy", "gzip"} {
		if set[name] {
			return usagef("-%s needs -tables", name)
		}
	}
	if set["move-rate"] && *month < 2 {
		return usagef("-move-rate needs -month 2 or later")
	}
	cfg := synth.Config{N: *n, Seed: *seed, Separation: *sep, Clean: *clean, IncludeTruth: *truth, Month: *month, MoveRate: *moveRate}
	err := writeFileAtomic(*out, func(w io.Writer) error {
		cw := &ctxWriter{ctx: ctx, w: w}
		if strings.HasSuffix(*out, ".gz") {
			zw := gzip.NewWriter(cw)
			if err := synth.WriteAccountsCSV(zw, cfg); err != nil {
				return err
			}
			return zw.Close()
		}
		return synth.WriteAccountsCSV(cw, cfg)
	})
	if err != nil {
		return err
	}
	e.log.Info("accounts written", "file", *out, "rows", *n)
	return nil
}

// synthTables writes the multi-table export of cfg into dir.
func synthTables(ctx context.Context, e *env, dir string, cfg synth.TablesConfig) error {
	p, err := cfg.Period()
	if err != nil {
		return usagef("%v", err)
	}
	if err := synth.WriteTablesContext(ctx, dir, cfg); err != nil {
		return err
	}
	e.log.Info("tables written", "dir", dir, "accounts", cfg.N,
		"cutoff", p.Cutoff.Format(time.DateOnly), "horizon_days", synth.HorizonDays)
	return nil
}

// ctxWriter fails writes once ctx is done, so long writers stop on Ctrl-C.
type ctxWriter struct {
	ctx context.Context
	w   io.Writer
}

func (c *ctxWriter) Write(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.w.Write(p)
}
