package main

import (
	"context"
	"errors"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
)

func runEvaluate(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "evaluate", "-model FILE [flags] LABELLED.csv[.gz]",
		`Score labelled accounts with a model and print the metrics of its churn and
upsell models on them: ROC AUC, PR AUC (average precision), log loss, Brier
score, lift in the top decile and expected calibration error (10 bins).
Use accounts the model was not fitted on. -held-out prints the figures
stored in the model file (measured at fit time on its held-out accounts)
instead, with no data file.`)
	modelPath := fs.String("model", "", "model file (required)")
	asJSON := fs.Bool("json", false, "print JSON instead of a table")
	heldOut := fs.Bool("held-out", false, "print the held-out metrics stored in the model")
	verifyKey := verifyKeyFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *modelPath == "" {
		return usagef("-model is required")
	}
	m, err := loadModelVerified(*modelPath, *verifyKey)
	if err != nil {
		return err
	}
	var ev segmenta.Evaluation
	if *heldOut {
		if fs.NArg() != 0 {
			return usagef("-held-out takes no data file")
		}
		ev = m.Metrics()
	} else {
		if fs.NArg() != 1 {
			return usagef("want exactly one LABELLED file, got %d", fs.NArg())
		}
		t, err := readTable(fs.Arg(0), dataset.CSVOptions{IDColumn: m.IDColumn()})
		if err != nil {
			return err
		}
		if ev, err = m.Evaluate(t); err != nil {
			if isDataErr(err) || errors.Is(err, segmenta.ErrMissingColumn) || errors.Is(err, segmenta.ErrLabel) {
				return &dataError{err}
			}
			return err
		}
		if ev.Churn == nil && ev.Upsell == nil {
			return &dataError{errors.New("no label column of the model in the data: nothing to evaluate")}
		}
	}
	if *asJSON {
		return writeJSON(e.stdout, ev)
	}
	printMetrics(e.stdout, ev)
	return nil
}
