package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"
	"sync/atomic"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/parquetio"
	"github.com/segmenta/segmenta/pgio"
	"github.com/segmenta/segmenta/snapshot"
)

// Where data lives besides CSV files: an INPUT (or -scores, -o) may be a
// postgres:// DSN, with -table or -query naming the rows (-out-table the
// table written), or a file ending in .parquet. Both are read as the CSV
// stream their adapter produces (pgio, parquetio), so the CSV reader's
// batches, limits, rejects and counts apply unchanged.

// dbFlags name what a postgres:// input reads and a postgres:// output
// writes.
type dbFlags struct {
	table, query       *string
	outTable, publish  *string
	outputFlagsEnabled bool
	// columns, when set, are the only columns read from the database
	// (score reads the model's inputs only).
	columns []string
}

// addDBFlags adds -table and -query (for a postgres:// input), and with
// output also -out-table and -publish (for a postgres:// -o).
func addDBFlags(fs *flag.FlagSet, output bool) *dbFlags {
	d := &dbFlags{
		table: fs.String("table", "", "with a postgres:// input: the table (or view) to read, NAME or SCHEMA.NAME"),
		query: fs.String("query", "", "with a postgres:// input: the SELECT to read instead of a table"),
	}
	if output {
		d.outputFlagsEnabled = true
		d.outTable = fs.String("out-table", "", "with -o postgres://...: the table to write (staged, then published in one transaction)")
		d.publish = fs.String("publish", "replace", "with -o postgres://...: replace (swap the table in) or upsert (insert or update rows by ID)")
	}
	return d
}

// source returns the pgio source of a postgres:// input, or nil for a
// file; -table and -query belong to postgres inputs only.
func (d *dbFlags) source(path string) (*pgio.Source, error) {
	if d == nil {
		if pgio.IsDSN(path) {
			return nil, usagef("%s: a PostgreSQL input is not supported here", pgio.Redact(path))
		}
		return nil, nil
	}
	if !pgio.IsDSN(path) {
		if *d.table != "" || *d.query != "" {
			return nil, usagef("-table and -query go with a postgres:// input")
		}
		return nil, nil
	}
	if (*d.table == "") == (*d.query == "") {
		return nil, usagef("a postgres:// input needs -table or -query (exactly one)")
	}
	return &pgio.Source{DSN: path, Table: *d.table, Query: *d.query, Columns: d.columns}, nil
}

// sink returns the pgio sink of a postgres:// output, or nil for a file.
func (d *dbFlags) sink(out string, types map[string]string, key []string) (*pgio.Sink, error) {
	if !pgio.IsDSN(out) {
		if d != nil && d.outputFlagsEnabled && *d.outTable != "" {
			return nil, usagef("-out-table goes with -o postgres://...")
		}
		return nil, nil
	}
	if d == nil || !d.outputFlagsEnabled || *d.outTable == "" {
		return nil, usagef("-o postgres://... needs -out-table")
	}
	mode, err := pgio.ParseMode(*d.publish)
	if err != nil {
		return nil, usagef("-publish: %v", err)
	}
	if *d.table != "" && *d.table == *d.outTable {
		return nil, usagef("-out-table %s is the -table the job reads: refusing to replace it", *d.outTable)
	}
	return &pgio.Sink{DSN: out, Table: *d.outTable, Mode: mode, Types: types, Key: key}, nil
}

// isParquet reports whether a file is read or written as Parquet.
func isParquet(path string) bool { return strings.HasSuffix(strings.ToLower(path), ".parquet") }

// displayName is how an input or output is named in logs and messages:
// a DSN without its password.
func displayName(path string) string {
	if pgio.IsDSN(path) {
		return pgio.Redact(path)
	}
	return path
}

// openSource opens an input wherever it lives: a postgres:// table or
// query, a Parquet file, or a CSV file (plain or gzip, "-" for stdin). The
// schema is the source's own column kinds (nil for CSV, whose kinds are
// inferred).
func openSource(ctx context.Context, path string, d *dbFlags) (*input, *dataset.Schema, error) {
	src, err := d.source(path)
	if err != nil {
		return nil, nil, err
	}
	var rc interface {
		io.ReadCloser
		Schema() *dataset.Schema
	}
	switch {
	case src != nil:
		r, err := src.Open(ctx)
		if err != nil {
			if errors.Is(err, pgio.ErrUnsupportedType) {
				err = &dataError{err}
			}
			return nil, nil, err
		}
		rc = r
	case isParquet(path):
		r, err := parquetio.Open(path)
		if err != nil {
			if errors.Is(err, parquetio.ErrUnsupportedType) {
				err = &dataError{err}
			}
			return nil, nil, err
		}
		rc = r
	default:
		in, err := openInputContext(ctx, path)
		return in, nil, err
	}
	in := &input{read: new(atomic.Int64), c: rc}
	in.Reader = &countingReader{r: rc, n: in.read}
	return in, rc.Schema(), nil
}

// readTableFrom reads a whole input (see openSource) into a Table; the
// source's column kinds apply unless opt has a schema.
func readTableFrom(ctx context.Context, path string, d *dbFlags, opt dataset.CSVOptions) (*dataset.Table, error) {
	in, sch, err := openSource(ctx, path, d)
	if err != nil {
		return nil, err
	}
	defer in.Close()
	if opt.Schema == nil {
		opt.Schema = sch
	}
	t, err := dataset.ReadCSVContext(ctx, in, opt)
	if err != nil {
		return nil, &dataError{withheldValues(fmt.Errorf("%s: %w", displayName(path), err))}
	}
	return t, nil
}

// scoreSQLTypes are the column types of a scores table in PostgreSQL
// (the other columns of batch.Columns, and the ID, are text).
func scoreSQLTypes() map[string]string {
	return map[string]string{"segment": "integer", "micro_segment": "integer",
		"churn": "double precision", "upsell": "double precision"}
}

// scoreParquetTypes are the column types of a scores Parquet file (others
// are strings).
func scoreParquetTypes() map[string]parquetio.Type {
	return map[string]parquetio.Type{"segment": parquetio.Int64, "micro_segment": parquetio.Int64,
		"churn": parquetio.Double, "upsell": parquetio.Double}
}

// specTables opens the tables of a data spec that are PostgreSQL queries
// (TableSpec.Query, the database named by its path or, with no path, by
// the PG* environment variables); the others are files (nil: snapshot's
// default).
func specTables(ctx context.Context) func(t *snapshot.TableSpec) snapshot.Source {
	return func(t *snapshot.TableSpec) snapshot.Source {
		if t.Query == "" {
			return nil
		}
		dsn := t.Path
		if dsn == "" {
			dsn = "postgres://"
		}
		src := pgio.Source{DSN: dsn, Query: t.Query}
		return snapshot.StreamSource{Open: func() (io.ReadCloser, error) { return src.Open(ctx) }}
	}
}
