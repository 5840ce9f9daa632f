package main

import (
	"compress/gzip"
	"context"
	"io"
	"strings"

	"github.com/segmenta/segmenta/dataset/synth"
)

func runSynth(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "synth", "[flags]",
		`Write synthetic B2B SaaS accounts as CSV, gzip-compressed when -o ends in
.gz (the generator of dataset/synth:
six personas, realistic missing values and recording errors, churned and
upsold labels drawn from known models). Memory stays flat whatever -n.
The same flags always give the same bytes.`)
	n := fs.Int("n", 20000, "number of accounts")
	seed := fs.Uint64("seed", 1, "random seed")
	sep := fs.Float64("separation", 0, "persona separation (0: 1, realistic overlap; 3: well separated)")
	clean := fs.Bool("clean", false, "no missing values or recording errors")
	truth := fs.Bool("truth", false, "add the hidden truth columns (true_segment, true_churn_prob, true_upsell_prob)")
	out := fs.String("o", "-", "output CSV file (\"-\": stdout)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return usagef("unexpected arguments %q", fs.Args())
	}
	if *n < 1 {
		return usagef("-n %d < 1", *n)
	}
	cfg := synth.Config{N: *n, Seed: *seed, Separation: *sep, Clean: *clean, IncludeTruth: *truth}
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
