package pgio

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/segmenta/segmenta/dataset"
)

// Source is a table or a query to read from a PostgreSQL database.
type Source struct {
	// DSN is the connection string (postgres://...); what it leaves out
	// comes from the PG* environment variables.
	DSN string
	// Table names a table or view (NAME or SCHEMA.NAME); Query is a SELECT.
	// Exactly one is set.
	Table string
	Query string
	// Columns, when set, are the only columns read (those of the table or
	// query that it names, in their order); others are neither mapped nor
	// sent, so a column of an unsupported type that the job does not use
	// is no error. A named column the source lacks is simply absent: the
	// CSV reader reports it (dataset.ErrColumnNotFound) when it is needed.
	Columns []string
}

// Reader is an open Source: a CSV stream (header line first) of the rows,
// produced by the server's COPY as it is read. It is not safe for
// concurrent use.
type Reader struct {
	cols []Column
	pr   *io.PipeReader
	conn *pgx.Conn
	done chan error
	stop context.CancelFunc
}

// Open connects, maps the columns of the source (an unmappable type fails
// here, naming the column) and starts the COPY. The caller reads the CSV
// and closes the Reader.
func (s Source) Open(ctx context.Context) (*Reader, error) {
	query, err := s.query()
	if err != nil {
		return nil, err
	}
	conn, err := connect(ctx, s.DSN)
	if err != nil {
		return nil, err
	}
	cols, err := describe(ctx, conn, query, s.Columns)
	if err != nil {
		conn.Close(context.Background())
		return nil, fmt.Errorf("pgio: %s: %w", s.what(), err)
	}
	copySQL := copyOut(query, cols)
	cctx, stop := context.WithCancel(ctx)
	pr, pw := io.Pipe()
	r := &Reader{cols: cols, pr: pr, conn: conn, done: make(chan error, 1), stop: stop}
	go func() {
		_, err := conn.PgConn().CopyTo(cctx, pw, copySQL)
		if err != nil {
			err = fmt.Errorf("pgio: %s: COPY out: %w", s.what(), err)
		}
		pw.CloseWithError(err) // nil: io.EOF for the reader
		r.done <- err
	}()
	return r, nil
}

func (s Source) query() (string, error) {
	switch {
	case (s.Table == "") == (s.Query == ""):
		return "", errors.New("pgio: want a table or a query (exactly one)")
	case s.Table != "":
		id, err := tableIdent(s.Table)
		if err != nil {
			return "", err
		}
		return "SELECT * FROM " + id, nil
	}
	return strings.TrimRight(strings.TrimSpace(s.Query), "; \t\n"), nil
}

// what names the source in messages, without the password.
func (s Source) what() string {
	if s.Table != "" {
		return Redact(s.DSN) + " table " + s.Table
	}
	return Redact(s.DSN) + " query"
}

// describe maps the result columns of query (those in only, when set)
// without running it.
func describe(ctx context.Context, conn *pgx.Conn, query string, only []string) ([]Column, error) {
	sd, err := conn.Prepare(ctx, "", query)
	if err != nil {
		return nil, err
	}
	if len(sd.Fields) == 0 {
		return nil, errors.New("the query returns no columns")
	}
	want := map[string]bool{}
	for _, c := range only {
		want[c] = true
	}
	var cols []Column
	for _, f := range sd.Fields {
		if len(only) > 0 && !want[f.Name] {
			continue
		}
		c := Column{Name: f.Name}
		q := "s." + pgx.Identifier{f.Name}.Sanitize()
		if err := mapColumn(ctx, conn, &c, f.DataTypeOID, q); err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	if len(cols) == 0 {
		return nil, fmt.Errorf("none of the columns %q is in the result", only)
	}
	return cols, nil
}

// copyOut is the COPY statement streaming query's rows as CSV with the
// columns' expressions, text columns force-quoted.
func copyOut(query string, cols []Column) string {
	var b strings.Builder
	b.WriteString("COPY (SELECT ")
	var quoted []string
	for i, c := range cols {
		if i > 0 {
			b.WriteString(", ")
		}
		name := pgx.Identifier{c.Name}.Sanitize()
		b.WriteString(c.expr + " AS " + name)
		if c.text {
			quoted = append(quoted, name)
		}
	}
	b.WriteString(" FROM (" + query + ") AS s) TO STDOUT WITH (FORMAT csv, HEADER")
	if len(quoted) > 0 {
		b.WriteString(", FORCE_QUOTE (" + strings.Join(quoted, ", ") + ")")
	}
	b.WriteString(")")
	return b.String()
}

// Columns returns the source's columns with their types and kinds.
func (r *Reader) Columns() []Column { return r.cols }

// Schema returns the kinds of the source's columns as a dataset schema
// (nothing required, no ID), for CSVOptions.Schema: the database's types,
// not inference from a sample, decide the kinds.
func (r *Reader) Schema() *dataset.Schema {
	s := &dataset.Schema{}
	for _, c := range r.cols {
		s.Columns = append(s.Columns, dataset.ColumnSchema{Name: c.Name, Kind: c.Kind})
	}
	return s
}

// Read reads the CSV stream; a failed COPY (the server gone, a query
// error) is its error.
func (r *Reader) Read(p []byte) (int, error) { return r.pr.Read(p) }

// Close stops the COPY if still running and closes the connection. A
// COPY that failed before it was stopped reports its error here too (it
// reached Read first).
func (r *Reader) Close() error {
	r.pr.CloseWithError(errors.New("pgio: reader closed"))
	var err error
	select {
	case err = <-r.done:
	default:
		r.stop() // stopped by us: its error is ours, not the source's
		<-r.done
	}
	r.stop()
	r.conn.Close(context.Background())
	return err
}
