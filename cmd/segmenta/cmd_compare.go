package main

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/report"
)

func runCompare(ctx context.Context, e *env, args []string) error {
	fs := newFlagSet(e, "compare", "-model MODEL.json [flags] OLD.csv[.gz] NEW.csv[.gz]",
		`Compare two snapshots of the same accounts (two months, say): the
migration matrix of accounts and MRR between segments (rows: segment in
the old snapshot, columns: segment in the new one; accounts only in the new
snapshot are counted as new, only in the old one as lost), matched by
account ID. Both snapshots are scored with the same model, so every move is
a change in the accounts, not in the model: the real moves.

With -model-new (a model refitted on the new snapshot with 'fit -previous
MODEL.json', so that its segment IDs are the model's), compare also prints
the matrix of the usual practice, old snapshot scored with the old model
and new snapshot with the refitted one, and the refit noise: the share of
its moves that are not real, (moves with the refitted model - real moves)
/ moves with the refitted model, over the accounts in both snapshots, with
the number of accounts of the new snapshot the two models put in different
segments.

The MRR cells sum -mrr (or the column of the mrr_start role, -role
mrr_start=COLUMN, as profile maps it; default mrr_start when both snapshots have it;
else accounts only, with a warning): each account's MRR in the old
snapshot, and in the new one for new accounts. The tables go to standard
output; -o also writes them as CSV (one row per cell: matrix, from, to,
accounts, mrr) or, for a name ending in .json, as JSON.`)
	modelPath := fs.String("model", "", "model file that scores both snapshots (required)")
	modelNew := fs.String("model-new", "", "a model refitted on the new snapshot (fit -previous MODEL): also the matrix with it and the refit noise")
	mrr := fs.String("mrr", "", "MRR column summed in the cells (default mrr_start when present)")
	out := fs.String("o", "", "also write the matrices to this file: CSV, or JSON for a .json name")
	rf := addRoleFlag(fs)
	verifyKey := verifyKeyFlag(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if *modelPath == "" {
		return usagef("-model is required")
	}
	roles, err := report.ParseRoles(rf.specs...)
	if err != nil {
		return usagef("%v", err)
	}
	if col := roles[report.RoleMRRStart]; col != "" {
		if *mrr != "" && *mrr != col {
			return usagef("-mrr %q and -role mrr_start=%s name two columns for one role", *mrr, col)
		}
		*mrr = col
	}
	if fs.NArg() != 2 {
		return usagef("want two snapshots, OLD and NEW, got %d", fs.NArg())
	}
	if err := checkPaths(e, []pathRole{{"OLD", fs.Arg(0)}, {"NEW", fs.Arg(1)}, {"-model", *modelPath}, {"-model-new", *modelNew}},
		[]pathRole{{"-o", *out}}); err != nil {
		return err
	}
	m, err := loadModelVerified(*modelPath, *verifyKey)
	if err != nil {
		return err
	}
	var refit *batch.Parts
	if *modelNew != "" {
		m2, err := loadModelVerified(*modelNew, *verifyKey)
		if err != nil {
			return err
		}
		p := m2.ScoringParts()
		refit = &p
	}
	var snaps [2]*dataset.Table
	for i := range snaps {
		if snaps[i], err = readTableContext(ctx, fs.Arg(i), dataset.CSVOptions{IDColumn: m.IDColumn()}); err != nil {
			return err
		}
	}
	c, err := report.CompareSnapshots(snaps[0], snaps[1], m.ScoringParts(), refit, report.MigrationConfig{MRR: *mrr})
	if err != nil {
		if isDataErr(err) || errors.Is(err, segmenta.ErrMissingColumn) || errors.Is(err, report.ErrDuplicateID) {
			return &dataError{err}
		}
		return err
	}
	if err := c.Text(e.stdout); err != nil {
		return err
	}
	if *out == "" {
		return nil
	}
	write := c.CSV
	if strings.HasSuffix(strings.ToLower(*out), ".json") {
		write = c.JSON
	}
	return writeFileAtomic(*out, func(w io.Writer) error { return write(w) })
}
