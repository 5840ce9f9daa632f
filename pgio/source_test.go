package pgio_test

import (
	"context"
	"errors"
	"io"
	"math"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/pgio"
	"github.com/segmenta/segmenta/pgio/pgtest"
)

func TestSourceTypesAndNulls(t *testing.T) {
	conn, dsn := pgtest.Schema(t)
	ctx := context.Background()
	_, err := conn.Exec(ctx, `CREATE TYPE plan AS ENUM ('basic', 'pro');
		CREATE DOMAIN money_eur AS numeric(12,2);
		CREATE TABLE acc (id bigint, n int, big numeric, f double precision, r real, ok bool, name text,
			code varchar(8), c char(3), p plan, m money_eur, d date, ts timestamp, tz timestamptz, u uuid);
		INSERT INTO acc VALUES
		 (1, 7, 12345678901234567890.5, 0.1, 0.25, true, 'NA', '007', 'ab', 'pro', 10.50, '2024-02-29', '2024-01-02 03:04:05.123456', '2024-01-02 03:04:05+02', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'),
		 (2, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL),
		 (3, -1, 0, 1e300, -0, false, 'a,"b"'||chr(10)||'c', '', 'x', 'basic', 0, '1999-12-31', '1999-12-31 23:59:59', '1999-12-31 23:59:59.5Z', NULL)`)
	if err != nil {
		t.Fatal(err)
	}
	r, err := pgio.Source{DSN: dsn, Table: "acc"}.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	want := map[string]dataset.Kind{"id": dataset.Numeric, "n": dataset.Numeric, "big": dataset.Numeric, "f": dataset.Numeric,
		"r": dataset.Numeric, "ok": dataset.Categorical, "name": dataset.Categorical, "code": dataset.Categorical,
		"c": dataset.Categorical, "p": dataset.Categorical, "m": dataset.Numeric, "d": dataset.Date, "ts": dataset.Date,
		"tz": dataset.Date, "u": dataset.Categorical}
	for _, c := range r.Columns() {
		if want[c.Name] != c.Kind {
			t.Errorf("column %s (%s): kind %v, want %v", c.Name, c.Type, c.Kind, want[c.Name])
		}
	}
	tab, err := dataset.ReadCSV(r, dataset.CSVOptions{Schema: r.Schema(), IDColumn: "id"})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() != 3 {
		t.Fatalf("%d rows, want 3", tab.Len())
	}
	num := func(name string, row int) (float64, bool) {
		c, err := tab.Column(name)
		if err != nil {
			t.Fatal(err)
		}
		return c.Num[row], c.Missing != nil && c.Missing[row]
	}
	str := func(name string, row int) (string, bool) {
		c, err := tab.Column(name)
		if err != nil {
			t.Fatal(err)
		}
		return c.Str[row], c.Missing != nil && c.Missing[row]
	}
	if v, _ := num("f", 0); v != 0.1 {
		t.Errorf("f = %v, want 0.1 exactly", v)
	}
	if v, _ := num("f", 2); v != 1e300 {
		t.Errorf("f = %v, want 1e300", v)
	}
	if v, _ := num("big", 0); v != 12345678901234567890.5 {
		t.Errorf("big = %v", v)
	}
	if v, _ := num("m", 0); v != 10.5 {
		t.Errorf("domain over numeric = %v, want 10.5", v)
	}
	if v, miss := str("name", 0); v != "NA" || miss {
		t.Errorf("text 'NA' = %q missing %v: want the text NA", v, miss)
	}
	if v, _ := str("name", 2); v != "a,\"b\"\nc" {
		t.Errorf("text with comma, quotes and newline = %q", v)
	}
	if v, _ := str("code", 0); v != "007" {
		t.Errorf("varchar 007 = %q (padding lost?)", v)
	}
	if v, _ := str("ok", 0); v != "true" {
		t.Errorf("bool = %q, want true", v)
	}
	if v, _ := str("ok", 2); v != "false" {
		t.Errorf("bool = %q, want false", v)
	}
	if v, _ := str("p", 0); v != "pro" {
		t.Errorf("enum = %q", v)
	}
	for _, name := range []string{"n", "big", "f", "r", "m"} {
		if _, miss := num(name, 1); !miss {
			t.Errorf("NULL in %s is not missing", name)
		}
	}
	for _, name := range []string{"ok", "name", "code", "p", "u"} {
		if _, miss := str(name, 1); !miss {
			t.Errorf("NULL in %s is not missing", name)
		}
	}
	for _, name := range []string{"d", "ts", "tz"} {
		c, _ := tab.Column(name)
		if !c.Missing[1] {
			t.Errorf("NULL in %s is not missing", name)
		}
	}
	tz, _ := tab.Column("tz")
	if got := tz.Time[0].UTC().Format("2006-01-02T15:04:05Z07:00"); got != "2024-01-02T01:04:05Z" {
		t.Errorf("timestamptz = %s, want 2024-01-02T01:04:05Z (UTC)", got)
	}
	ts, _ := tab.Column("ts")
	if ns := ts.Time[0].Nanosecond(); ns != 123456000 {
		t.Errorf("timestamp microseconds lost: %d ns", ns)
	}
	if v, _ := num("r", 0); math.Abs(v-0.25) > 0 {
		t.Errorf("real = %v", v)
	}
}

func TestSourceUnsupportedTypeNamesColumn(t *testing.T) {
	conn, dsn := pgtest.Schema(t)
	ctx := context.Background()
	if _, err := conn.Exec(ctx, `CREATE TABLE acc (id int, mrr numeric, payload jsonb); INSERT INTO acc VALUES (1, 2, '{}')`); err != nil {
		t.Fatal(err)
	}
	_, err := pgio.Source{DSN: dsn, Table: "acc"}.Open(ctx)
	var ce *dataset.ColumnError
	if !errors.Is(err, pgio.ErrUnsupportedType) || !errors.As(err, &ce) || ce.Column != "payload" {
		t.Fatalf("err = %v, want pgio.ErrUnsupportedType naming column payload", err)
	}
	if !strings.Contains(err.Error(), "jsonb") {
		t.Errorf("the error does not name the type: %v", err)
	}
	// A cast in a query makes it readable.
	r, err := pgio.Source{DSN: dsn, Query: "SELECT id, mrr, payload::text AS payload FROM acc"}.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(r)
	r.Close()
	if err != nil || string(b) != "id,mrr,payload\n1,2,\"{}\"\n" {
		t.Fatalf("query output %q, %v", b, err)
	}
}

func TestSourceInfiniteDateIsNotMissing(t *testing.T) {
	conn, dsn := pgtest.Schema(t)
	ctx := context.Background()
	if _, err := conn.Exec(ctx, `CREATE TABLE acc (id int, d date); INSERT INTO acc VALUES (1, '2024-01-01'), (2, 'infinity')`); err != nil {
		t.Fatal(err)
	}
	r, err := pgio.Source{DSN: dsn, Table: "acc"}.Open(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	_, err = dataset.ReadCSV(r, dataset.CSVOptions{Schema: r.Schema()})
	var re *dataset.RowError
	if !errors.Is(err, dataset.ErrParse) || !errors.As(err, &re) || re.Line != 3 {
		t.Fatalf("err = %v, want a parse error on line 3 (infinity)", err)
	}
}

func TestRedact(t *testing.T) {
	for in, want := range map[string]string{
		"postgres://u:secret@h:5432/db?sslmode=disable": "postgres://u:%2A%2A%2A@h:5432/db?sslmode=disable",
		"postgres://u@h/db?password=secret":             "postgres://u@h/db?password=%2A%2A%2A",
		"postgres://h/db":                               "postgres://h/db",
	} {
		got := pgio.Redact(in)
		if got != want || strings.Contains(got, "secret") {
			t.Errorf("pgio.Redact(%q) = %q, want %q", in, got, want)
		}
	}
}
