package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math"
	"path/filepath"
	"strings"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/drift"
)

// driftFlags are score's drift settings: the PSI thresholds and the
// report file.
type driftFlags struct {
	warn, alert *float64
	out         *string
}

func addDriftFlags(fs *flag.FlagSet) driftFlags {
	return driftFlags{
		warn:  fs.Float64("psi-warn", drift.DefaultWarn, "population stability index from which a column's drift status is warn"),
		alert: fs.Float64("psi-alert", drift.DefaultAlert, "population stability index from which a column's drift status is alert"),
		out:   fs.String("drift", "", "also write the drift table (column, kind, psi, status, bins) to this file: CSV, or JSON with the bins' shares when it ends in .json"),
	}
}

// check refuses thresholds out of order and a report file of another
// kind, and -drift for a model without a drift reference, before any
// output.
func (d driftFlags) check(m *segmenta.Model) error {
	if !(*d.warn > 0 && *d.warn <= *d.alert) || math.IsInf(*d.alert, 0) {
		return usagef("-psi-warn %v, -psi-alert %v: want 0 < warn <= alert, finite", *d.warn, *d.alert)
	}
	if *d.out == "" {
		return nil
	}
	if ext := strings.ToLower(filepath.Ext(*d.out)); ext != ".csv" && ext != ".json" {
		return usagef("-drift %s: want a .csv or .json file", *d.out)
	}
	if m.ScoringParts().Drift == nil {
		return &dataError{fmt.Errorf("-drift: %w", batch.ErrNoDrift)}
	}
	return nil
}

// report logs the PSI and status of each input column and score of the
// scored rows (warn and alert as warnings), then a summary line, and
// writes the table to -drift. A model without a drift reference gets one
// warning.
func (d driftFlags) report(e *env, c *batch.Counts) error {
	if c.Drift == nil {
		e.log.Warn("drift unavailable", "reason", batch.ErrNoDrift.Error())
		return nil
	}
	rep, err := c.Drift.Report(drift.Thresholds{Warn: *d.warn, Alert: *d.alert})
	if errors.Is(err, drift.ErrEmpty) {
		e.log.Warn("drift not computed: no scored rows")
		return nil
	}
	if err != nil {
		return err
	}
	for _, r := range rep.Columns {
		level := slog.LevelInfo
		if r.Status != drift.StatusOK {
			level = slog.LevelWarn
		}
		e.log.Log(context.Background(), level, "drift", "column", r.Column, "kind", r.Kind,
			"psi", fmt.Sprintf("%.4f", r.PSI), "status", r.Status)
	}
	e.log.Info("drift summary", "columns", len(rep.Columns), "ok", rep.Count(drift.StatusOK),
		"warn", rep.Count(drift.StatusWarn), "alert", rep.Count(drift.StatusAlert), "psi_warn", rep.Warn, "psi_alert", rep.Alert)
	if *d.out == "" {
		return nil
	}
	write := rep.WriteCSV
	if strings.EqualFold(filepath.Ext(*d.out), ".json") {
		write = rep.WriteJSON
	}
	return writePrivateAtomic(*d.out, func(w io.Writer) error { return write(w) })
}
