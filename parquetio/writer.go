package parquetio

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strconv"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// Type is the Parquet type of an output column.
type Type int

const (
	String Type = iota // BYTE_ARRAY (STRING)
	Int64              // INT64
	Double             // DOUBLE
)

// DefaultRowGroupRows is the number of rows per row group a Writer writes
// (memory holds one row group).
const DefaultRowGroupRows = 128 * 1024

// Writer converts a CSV stream (header line first) written to it into a
// Parquet file on w, with zstd compression. Close writes the footer; the
// file is valid only after Close returns nil.
type Writer struct {
	w      io.Writer
	types  map[string]Type
	pr     *io.PipeReader
	pw     *io.PipeWriter
	done   chan error
	closed bool
}

// NewWriter returns a Writer to w; types maps column names to their
// type, any other column is String. Every column is optional: an empty
// field is null (a String's empty field is the empty text).
func NewWriter(w io.Writer, types map[string]Type) *Writer {
	pr, pw := io.Pipe()
	cw := &Writer{w: w, types: types, pr: pr, pw: pw, done: make(chan error, 1)}
	go func() {
		err := cw.convert()
		pr.CloseWithError(err)
		cw.done <- err
	}()
	return cw
}

// Write takes CSV bytes.
func (cw *Writer) Write(p []byte) (int, error) { return cw.pw.Write(p) }

// Close ends the CSV stream, writes the last row group and the footer.
func (cw *Writer) Close() error {
	if cw.closed {
		return errors.New("parquetio: writer already closed")
	}
	cw.closed = true
	cw.pw.Close()
	return <-cw.done
}

// Abort stops the conversion without completing the file.
func (cw *Writer) Abort() {
	if cw.closed {
		return
	}
	cw.closed = true
	cw.pw.CloseWithError(errors.New("parquetio: aborted"))
	<-cw.done
}

// convert reads the CSV and writes the rows.
func (cw *Writer) convert() error {
	cr := csv.NewReader(cw.pr)
	cr.ReuseRecord = true
	header, err := cr.Read()
	if err != nil {
		return fmt.Errorf("parquetio: CSV header: %w", err)
	}
	header = append([]string(nil), header...)
	group := parquet.Group{}
	for _, name := range header {
		if _, dup := group[name]; dup {
			return fmt.Errorf("parquetio: column %q twice in the header", name)
		}
		group[name] = parquet.Optional(leaf(cw.types[name]))
	}
	// The columns keep the CSV's order (a Group alone orders them by name).
	leafIdx := make([]int, len(header))
	for i := range header {
		leafIdx[i] = i
	}
	pw := parquet.NewWriter(cw.w, parquet.NewSchema("segmenta", orderedGroup{group, header}),
		parquet.Compression(&zstd.Codec{}), parquet.MaxRowsPerRowGroup(DefaultRowGroupRows))
	rows := make([]parquet.Row, 0, 1024)
	flush := func() error {
		if _, err := pw.WriteRows(rows); err != nil {
			return err
		}
		rows = rows[:0]
		return nil
	}
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("parquetio: CSV line %d: %w", line, err)
		}
		row := make(parquet.Row, len(header))
		for i, field := range rec {
			v, err := cw.value(header[i], field)
			if err != nil {
				return fmt.Errorf("parquetio: CSV line %d, column %q: %w", line, header[i], err)
			}
			row[leafIdx[i]] = v.Level(0, defLevel(v), leafIdx[i])
		}
		rows = append(rows, row)
		if len(rows) == cap(rows) {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return pw.Close()
}

// orderedGroup is a Group whose fields come in the given order.
type orderedGroup struct {
	parquet.Group
	order []string
}

func (g orderedGroup) Fields() []parquet.Field {
	byName := map[string]parquet.Field{}
	for _, f := range g.Group.Fields() {
		byName[f.Name()] = f
	}
	out := make([]parquet.Field, len(g.order))
	for i, name := range g.order {
		out[i] = byName[name]
	}
	return out
}

func leaf(t Type) parquet.Node {
	switch t {
	case Int64:
		return parquet.Int(64)
	case Double:
		return parquet.Leaf(parquet.DoubleType)
	}
	return parquet.String()
}

func defLevel(v parquet.Value) int {
	if v.IsNull() {
		return 0
	}
	return 1
}

// value parses one field as its column's type; empty numbers are null.
func (cw *Writer) value(name, field string) (parquet.Value, error) {
	switch cw.types[name] {
	case Int64:
		if field == "" {
			return parquet.NullValue(), nil
		}
		n, err := strconv.ParseInt(field, 10, 64)
		if err != nil {
			return parquet.Value{}, err
		}
		return parquet.Int64Value(n), nil
	case Double:
		if field == "" {
			return parquet.NullValue(), nil
		}
		f, err := strconv.ParseFloat(field, 64)
		if err != nil {
			return parquet.Value{}, err
		}
		return parquet.DoubleValue(f), nil
	}
	return parquet.ByteArrayValue([]byte(field)), nil
}
