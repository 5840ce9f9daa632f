package main

import (
	"context"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/parquetio"
	"github.com/segmenta/segmenta/pgio"
	"github.com/segmenta/segmenta/snapshot"
)

// writeSnapshot writes the snapshot table t to out: a postgres:// table
// (sink: staged, then published in one transaction), a Parquet file
// (numbers as doubles), or a CSV file (gzip for *.gz), each published
// whole or not at all.
func writeSnapshot(ctx context.Context, t *dataset.Table, out string, sink *pgio.Sink) error {
	switch {
	case sink != nil:
		w, err := sink.Open(ctx)
		if err != nil {
			return err
		}
		if err := dataset.WriteCSV(&ctxWriter{ctx: ctx, w: w}, t); err != nil {
			w.Abort()
			return err
		}
		return w.Commit()
	case isParquet(out):
		f, err := createAtomicMode(out, modePrivate)
		if err != nil {
			return err
		}
		pw := parquetio.NewWriter(f, snapshotParquetTypes(t))
		err = dataset.WriteCSV(&ctxWriter{ctx: ctx, w: pw}, t)
		if cerr := pw.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = f.Commit()
		}
		if err != nil {
			f.Abort()
		}
		return err
	}
	return dataset.WriteCSVFile(out, t) // atomic; gzip for *.gz
}

// snapshotSQLTypes are the PostgreSQL types of a snapshot's columns:
// numbers double precision, the rest text (dates as the ISO text the CSV
// holds, so no session time zone shifts them).
func snapshotSQLTypes(t *dataset.Table) map[string]string {
	types := map[string]string{}
	for _, c := range t.Columns() {
		if c.Kind == dataset.Numeric {
			types[c.Name] = "double precision"
		}
	}
	return types
}

// snapshotParquetTypes are the Parquet types of a snapshot's columns:
// numbers doubles, the rest strings.
func snapshotParquetTypes(t *dataset.Table) map[string]parquetio.Type {
	types := map[string]parquetio.Type{}
	for _, c := range t.Columns() {
		if c.Kind == dataset.Numeric {
			types[c.Name] = parquetio.Double
		}
	}
	return types
}

// snapshotKey is the key of a snapshot table: the account ID, and the
// cutoff for stacked snapshots.
func snapshotKey(t *dataset.Table) []string {
	if t.Has(snapshot.CutoffColumn) {
		return []string{t.IDName, snapshot.CutoffColumn}
	}
	return []string{t.IDName}
}
