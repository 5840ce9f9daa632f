package pgio

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/jackc/pgx/v5"
)

// Mode is how a Sink publishes its rows.
type Mode int

const (
	// Replace swaps the staging table in for the target in one
	// transaction (DROP, RENAME): readers see the old rows or the new
	// ones, never a mix. The target's indexes, grants and dependent views
	// are not carried over (a dependent view makes the swap fail, keeping
	// the old rows); use Upsert to keep them.
	Replace Mode = iota
	// Upsert inserts the staged rows into the target, updating rows whose
	// key (the first column) exists, in one transaction; other rows of the
	// target stay. The target needs a unique index on the key (a target
	// created here has it as primary key). Shards of one job upsert into
	// one table.
	Upsert
)

// ParseMode reads "replace" or "upsert".
func ParseMode(s string) (Mode, error) {
	switch s {
	case "", "replace":
		return Replace, nil
	case "upsert":
		return Upsert, nil
	}
	return 0, fmt.Errorf("pgio: publish mode %q: want replace or upsert", s)
}

// Sink is a table to write a CSV stream (header line first) into.
type Sink struct {
	DSN   string
	Table string
	Mode  Mode
	// Types maps column names of the CSV header to SQL types; a column
	// not listed is text.
	Types map[string]string
	// Key names the columns identifying a row (the primary key of the
	// published table, and what Upsert matches on); empty means the first
	// column. A repeated key fails the job before anything is published.
	Key []string
}

// Writer is an open Sink: Write the CSV, then Commit to publish or Abort
// to drop what was written. Until Commit returns nil the target holds its
// previous rows.
type Writer struct {
	s       Sink
	ctx     context.Context
	conn    *pgx.Conn
	target  string // quoted
	staging string // quoted
	stName  string
	key     string   // the key columns, quoted, comma-separated
	keys    []string // the same, one by one
	head    []byte   // the header line, until complete
	pw      *io.PipeWriter
	done    chan error
	closed  bool
}

// Open connects and checks the target name; the staging table is created
// when the header line has been written.
func (s Sink) Open(ctx context.Context) (*Writer, error) {
	target, err := tableIdent(s.Table)
	if err != nil {
		return nil, err
	}
	conn, err := connect(ctx, s.DSN)
	if err != nil {
		return nil, err
	}
	w := &Writer{s: s, ctx: ctx, conn: conn, target: target}
	if err := w.dropStale(); err != nil {
		conn.Close(context.Background())
		return nil, err
	}
	return w, nil
}

// stagingPrefix names the staging tables of a target: target + this +
// the backend PID. A job holds a session advisory lock keyed by its
// staging table's name while it runs, so a staging table whose lock is
// free belongs to a killed job and is dropped by the next one.
const stagingPrefix = "_segmenta_staging_"

// dropStale drops staging tables of the target left by killed jobs.
func (w *Writer) dropStale() error {
	schema, name := splitTable(w.s.Table)
	rows, err := w.conn.Query(w.ctx, `SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE c.relkind = 'r' AND n.nspname = coalesce($1, current_schema()) AND starts_with(c.relname, $2)`,
		schema, name+stagingPrefix)
	if err != nil {
		return fmt.Errorf("pgio: %s: %w", w.s.Table, err)
	}
	stale, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return fmt.Errorf("pgio: %s: %w", w.s.Table, err)
	}
	for _, rel := range stale {
		var free bool
		if err := w.conn.QueryRow(w.ctx, "SELECT pg_try_advisory_xact_lock(hashtext($1))", rel).Scan(&free); err != nil {
			return err
		}
		if free {
			if _, err := w.conn.Exec(w.ctx, "DROP TABLE IF EXISTS "+qualify(schema, rel)); err != nil {
				return fmt.Errorf("pgio: dropping stale staging table %s: %w", rel, err)
			}
		}
	}
	return nil
}

func splitTable(t string) (schema *string, name string) {
	if i := strings.IndexByte(t, '.'); i >= 0 {
		s := t[:i]
		return &s, t[i+1:]
	}
	return nil, t
}

func qualify(schema *string, rel string) string {
	if schema == nil {
		return pgx.Identifier{rel}.Sanitize()
	}
	return pgx.Identifier{*schema, rel}.Sanitize()
}

// Write takes the CSV stream. The first line (the header) creates the
// staging table; the rest streams into it with COPY.
func (w *Writer) Write(p []byte) (int, error) {
	if w.pw != nil {
		return w.pw.Write(p)
	}
	w.head = append(w.head, p...)
	i := bytes.IndexByte(w.head, '\n')
	if i < 0 {
		return len(p), nil
	}
	if err := w.start(w.head[:i+1]); err != nil {
		return 0, err
	}
	if _, err := w.pw.Write(w.head); err != nil {
		return 0, err
	}
	w.head = nil
	return len(p), nil
}

// start creates the staging table for the columns of header and starts
// the COPY into it.
func (w *Writer) start(header []byte) error {
	names, err := csv.NewReader(bytes.NewReader(header)).Read()
	if err != nil {
		return fmt.Errorf("pgio: %s: header line: %w", w.s.Table, err)
	}
	var pid uint32 = w.conn.PgConn().PID()
	schema, name := splitTable(w.s.Table)
	w.stName = fmt.Sprintf("%s%s%d", name, stagingPrefix, pid)
	w.staging = qualify(schema, w.stName)
	if _, err := w.conn.Exec(w.ctx, "SELECT pg_advisory_lock(hashtext($1))", w.stName); err != nil {
		return fmt.Errorf("pgio: %s: %w", w.s.Table, err)
	}
	key := w.s.Key
	if len(key) == 0 {
		key = names[:1]
	}
	isKey := map[string]bool{}
	var quoted []string
	for _, k := range key {
		isKey[k] = true
		quoted = append(quoted, pgx.Identifier{k}.Sanitize())
	}
	var cols []string
	for _, n := range names {
		typ := w.s.Types[n]
		if typ == "" {
			typ = "text"
		}
		col := pgx.Identifier{n}.Sanitize() + " " + typ
		if isKey[n] {
			col += " NOT NULL"
			delete(isKey, n)
		}
		cols = append(cols, col)
	}
	for k := range isKey {
		return fmt.Errorf("pgio: %s: key column %q is not in the header", w.s.Table, k)
	}
	w.keys = quoted
	w.key = strings.Join(quoted, ", ")
	ddl := "DROP TABLE IF EXISTS " + w.staging + "; CREATE TABLE " + w.staging + " (" + strings.Join(cols, ", ") + ")"
	if _, err := w.conn.Exec(w.ctx, ddl); err != nil {
		return fmt.Errorf("pgio: %s: creating staging table: %w", w.s.Table, err)
	}
	pr, pw := io.Pipe()
	w.pw, w.done = pw, make(chan error, 1)
	go func() {
		_, err := w.conn.PgConn().CopyFrom(w.ctx, bufio.NewReaderSize(pr, 1<<16),
			"COPY "+w.staging+" FROM STDIN WITH (FORMAT csv, HEADER)")
		pr.CloseWithError(err)
		w.done <- err
	}()
	return nil
}

// finishCopy ends the COPY stream and waits for the server's answer.
func (w *Writer) finishCopy() error {
	if w.pw == nil {
		if len(w.head) > 0 {
			if err := w.start(append(w.head, '\n')); err != nil {
				return err
			}
			w.pw.Write(w.head)
		} else {
			return fmt.Errorf("pgio: %s: nothing written (no header line)", w.s.Table)
		}
	}
	w.pw.Close()
	err := <-w.done
	w.pw = nil
	if err != nil {
		return fmt.Errorf("pgio: %s: COPY into staging table: %w", w.s.Table, err)
	}
	// The key is indexed once the rows are in (cheaper than during the
	// COPY); a repeated ID fails here, before anything is published.
	_, err = w.conn.Exec(w.ctx, "ALTER TABLE "+w.staging+" ADD PRIMARY KEY ("+w.key+")")
	if err != nil {
		return fmt.Errorf("pgio: %s: key of the staged rows: %w", w.s.Table, err)
	}
	return nil
}

// Commit ends the COPY and publishes the staged rows in one transaction
// (see Mode), then closes the connection. On error nothing is published.
func (w *Writer) Commit() error {
	if w.closed {
		return errors.New("pgio: writer already closed")
	}
	defer w.Abort()
	if err := w.finishCopy(); err != nil {
		return err
	}
	tx, err := w.conn.Begin(w.ctx)
	if err != nil {
		return fmt.Errorf("pgio: %s: %w", w.s.Table, err)
	}
	defer tx.Rollback(context.Background())
	if err := w.publish(tx); err != nil {
		return fmt.Errorf("pgio: %s: publishing: %w", w.s.Table, err)
	}
	if err := tx.Commit(w.ctx); err != nil {
		return fmt.Errorf("pgio: %s: commit: %w", w.s.Table, err)
	}
	return nil
}

// publish moves the staged rows to the target inside tx.
func (w *Writer) publish(tx pgx.Tx) error {
	_, name := splitTable(w.s.Table)
	if w.s.Mode == Replace {
		_, err := tx.Exec(w.ctx, "DROP TABLE IF EXISTS "+w.target+"; ALTER TABLE "+w.staging+" RENAME TO "+pgx.Identifier{name}.Sanitize())
		return err
	}
	cols, err := w.stagedColumns(tx)
	if err != nil {
		return err
	}
	keys := map[string]bool{}
	for _, k := range w.keys {
		keys[k] = true
	}
	set := make([]string, 0, len(cols))
	for _, c := range cols {
		if !keys[c] {
			set = append(set, c+" = EXCLUDED."+c)
		}
	}
	sql := "CREATE TABLE IF NOT EXISTS " + w.target + " (LIKE " + w.staging + " INCLUDING ALL); " +
		"INSERT INTO " + w.target + " (" + strings.Join(cols, ", ") + ") SELECT " + strings.Join(cols, ", ") + " FROM " + w.staging +
		" ON CONFLICT (" + w.key + ") DO "
	if len(set) == 0 {
		sql += "NOTHING"
	} else {
		sql += "UPDATE SET " + strings.Join(set, ", ")
	}
	sql += "; DROP TABLE " + w.staging
	_, err = tx.Exec(w.ctx, sql)
	return err
}

// stagedColumns returns the quoted column names of the staging table in
// order.
func (w *Writer) stagedColumns(tx pgx.Tx) ([]string, error) {
	rows, err := tx.Query(w.ctx, "SELECT attname::text FROM pg_attribute WHERE attrelid = $1::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum", w.staging)
	if err != nil {
		return nil, err
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, err
	}
	for i, n := range names {
		names[i] = pgx.Identifier{n}.Sanitize()
	}
	return names, nil
}

// Abort drops the staging table (when the connection still works; a
// killed job's is dropped by the next job) and closes the connection. The
// target is untouched. It is a no-op after Commit or Abort.
func (w *Writer) Abort() {
	if w.closed {
		return
	}
	w.closed = true
	if w.pw != nil {
		w.pw.CloseWithError(errors.New("pgio: aborted"))
		<-w.done
		w.pw = nil
	}
	ctx := context.Background()
	if w.staging != "" && !w.conn.IsClosed() {
		w.conn.Exec(ctx, "DROP TABLE IF EXISTS "+w.staging)
	}
	w.conn.Close(ctx)
}
