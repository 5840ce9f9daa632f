package parquetio

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/segmenta/segmenta/dataset"
)

// typed is a row with one field of each mapped type, written by
// parquet-go's own struct writer (not by this package).
type typed struct {
	ID    string     `parquet:"id"`
	N     *int32     `parquet:"n,optional"`
	Big   int64      `parquet:"big"`
	U     uint32     `parquet:"u"`
	F     *float64   `parquet:"f,optional"`
	R     float32    `parquet:"r"`
	OK    *bool      `parquet:"ok,optional"`
	Name  *string    `parquet:"name,optional"`
	Day   int32      `parquet:"day,date"` // days since 1970-01-01 (parquet-go v0.32.0 writes a time.Time date field wrongly)
	TS    *time.Time `parquet:"ts,optional,timestamp(microsecond)"`
	Price int64      `parquet:"price,decimal(2:18)"`
}

func writeTyped(t *testing.T, rows []typed) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "typed.parquet")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	w := parquet.NewGenericWriter[typed](f, parquet.MaxRowsPerRowGroup(2))
	if _, err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

func TestReaderTypesAndNulls(t *testing.T) {
	n, f, ok, name := int32(-7), 0.1, true, "NA"
	ts := time.Date(2024, 1, 2, 3, 4, 5, 123456000, time.UTC)
	day := time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC)
	days := int32(day.Unix() / 86400)
	tricky := "a,\"b\"\nc"
	path := writeTyped(t, []typed{
		{ID: "a1", N: &n, Big: 1 << 60, U: 4000000000, F: &f, R: 0.25, OK: &ok, Name: &name, Day: days, TS: &ts, Price: -1050},
		{ID: "a2", Big: 2, Day: days, Price: 5},
		{ID: "a3", Big: 3, Day: days, Name: &tricky, Price: 0},
	})
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	tab, err := dataset.ReadCSV(r, dataset.CSVOptions{Schema: r.Schema(), IDColumn: "id"})
	if err != nil {
		t.Fatal(err)
	}
	if tab.Len() != 3 {
		t.Fatalf("%d rows, want 3 (over two row groups)", tab.Len())
	}
	col := func(name string) *dataset.Column {
		c, err := tab.Column(name)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	if c := col("n"); c.Num[0] != -7 || !c.Missing[1] {
		t.Errorf("n = %v missing %v", c.Num, c.Missing)
	}
	if c := col("big"); c.Num[0] != 1<<60 {
		t.Errorf("big = %v", c.Num[0])
	}
	if c := col("u"); c.Num[0] != 4000000000 {
		t.Errorf("uint32 = %v", c.Num[0])
	}
	if c := col("f"); c.Num[0] != 0.1 || !c.Missing[1] {
		t.Errorf("f = %v (want 0.1 exactly) missing %v", c.Num, c.Missing)
	}
	if c := col("r"); c.Num[0] != 0.25 {
		t.Errorf("r = %v", c.Num[0])
	}
	if c := col("ok"); c.Kind != dataset.Categorical || c.Str[0] != "true" || !c.Missing[1] {
		t.Errorf("ok = %v %q missing %v", c.Kind, c.Str, c.Missing)
	}
	if c := col("name"); c.Str[0] != "NA" || c.Missing[0] || c.Str[2] != tricky || !c.Missing[1] {
		t.Errorf("name = %q missing %v: want the text NA, the tricky text, a null", c.Str, c.Missing)
	}
	if c := col("day"); c.Kind != dataset.Date || !c.Time[0].Equal(day) {
		t.Errorf("day = %v %v", c.Kind, c.Time)
	}
	if c := col("ts"); !c.Time[0].Equal(ts) || !c.Missing[1] {
		t.Errorf("ts = %v missing %v, want %v", c.Time, c.Missing, ts)
	}
	if c := col("price"); c.Num[0] != -10.5 || c.Num[1] != 0.05 {
		t.Errorf("decimal price = %v, want -10.5, 0.05", c.Num)
	}
}

func TestReaderUnsupportedNamesColumn(t *testing.T) {
	type nested struct {
		ID   string   `parquet:"id"`
		Tags []string `parquet:"tags,list"`
	}
	path := filepath.Join(t.TempDir(), "nested.parquet")
	if err := parquet.WriteFile(path, []nested{{ID: "a", Tags: []string{"x"}}}); err != nil {
		t.Fatal(err)
	}
	_, err := Open(path)
	var ce *dataset.ColumnError
	if !errors.Is(err, ErrUnsupportedType) || !errors.As(err, &ce) || ce.Column != "tags" {
		t.Fatalf("err = %v, want ErrUnsupportedType naming tags", err)
	}
}

func TestWriterRoundTrip(t *testing.T) {
	in := "id,segment,churn,upsell,reasons\n" +
		"a,1,0.1,,\"x, y\"\n" +
		"b,2,0.30000000000000004,1e-300,\n"
	var buf bytes.Buffer
	w := NewWriter(&buf, map[string]Type{"segment": Int64, "churn": Double, "upsell": Double})
	if _, err := io.WriteString(w, in); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "out.parquet")
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	r, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	// Columns keep their order; values and nulls survive exactly.
	want := "id,segment,churn,upsell,reasons\n" +
		"\"a\",1,0.1,,\"x, y\"\n" +
		"\"b\",2,0.30000000000000004,1e-300,\"\"\n"
	if string(b) != want {
		t.Fatalf("round trip:\n%s\nwant\n%s", b, want)
	}
	// The same bytes in memory (NewReader, as a remote file is read) give
	// the same stream; a file that is not Parquet fails naming it.
	mr, err := NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()), "mem.parquet")
	if err != nil {
		t.Fatal(err)
	}
	if b2, err := io.ReadAll(mr); err != nil || !bytes.Equal(b2, b) {
		t.Fatalf("NewReader: %q %v", b2, err)
	}
	if err := mr.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := NewReader(bytes.NewReader([]byte(in)), int64(len(in)), "notparquet.csv"); err == nil || !strings.Contains(err.Error(), "notparquet.csv") {
		t.Fatalf("not Parquet: %v", err)
	}
}

func TestWriterBadNumberNamesLine(t *testing.T) {
	w := NewWriter(io.Discard, map[string]Type{"segment": Int64})
	io.WriteString(w, "id,segment\na,1\nb,x\n")
	err := w.Close()
	if err == nil || !bytes.Contains([]byte(err.Error()), []byte(`line 3, column "segment"`)) {
		t.Fatalf("err = %v, want line 3, column segment", err)
	}
}
