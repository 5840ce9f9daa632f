package parquetio

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math"
	"math/big"
	"os"
	"strconv"
	"time"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/format"
	"github.com/segmenta/segmenta/dataset"
)

// ErrUnsupportedType: a column of the file has no mapping to a dataset
// kind. It reaches the caller in a *dataset.ColumnError naming the column.
var ErrUnsupportedType = errors.New("unsupported Parquet column type")

// column is how one leaf column becomes CSV text.
type column struct {
	name   string
	kind   dataset.Kind
	append func(b []byte, v parquet.Value) []byte
}

// Reader is an open Parquet file read as a CSV stream (header line
// first), converted one row group at a time as it is read.
type Reader struct {
	f      io.Closer // nil for NewReader
	pf     *parquet.File
	cols   []column
	pr     *io.PipeReader
	done   chan struct{}
	closed chan struct{}
}

// Open opens a Parquet file and maps its columns; an unmappable column
// fails here, naming it.
func Open(path string) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	r, err := NewReader(f, st.Size(), path)
	if err != nil {
		f.Close()
		return nil, err
	}
	r.f = f
	return r, nil
}

// NewReader reads the Parquet file of size bytes in ra (a file of a
// remote filesystem, or bytes in memory), named name in errors, as Open
// does; Close does not close ra.
func NewReader(ra io.ReaderAt, size int64, name string) (*Reader, error) {
	pf, err := parquet.OpenFile(ra, size, parquet.SkipPageIndex(true), parquet.SkipBloomFilters(true))
	if err != nil {
		return nil, fmt.Errorf("parquetio: %s: %w", name, err)
	}
	cols, err := mapColumns(pf.Schema())
	if err != nil {
		return nil, fmt.Errorf("parquetio: %s: %w", name, err)
	}
	pr, pw := io.Pipe()
	r := &Reader{pf: pf, cols: cols, pr: pr, done: make(chan struct{}), closed: make(chan struct{})}
	go func() {
		defer close(r.done)
		bw := bufio.NewWriterSize(pw, 1<<16)
		err := r.writeCSV(bw)
		if err == nil {
			err = bw.Flush()
		}
		if err != nil {
			err = fmt.Errorf("parquetio: %s: %w", name, err)
		}
		pw.CloseWithError(err)
	}()
	return r, nil
}

// mapColumns maps the fields of a flat schema.
func mapColumns(s *parquet.Schema) ([]column, error) {
	fields := s.Fields()
	if len(s.Columns()) != len(fields) {
		for _, f := range fields {
			if !f.Leaf() {
				return nil, &dataset.ColumnError{Column: f.Name(), Row: -1, Err: fmt.Errorf("%w: a nested group", ErrUnsupportedType)}
			}
		}
	}
	cols := make([]column, len(fields))
	for i, f := range fields {
		c, err := mapLeaf(f)
		if err != nil {
			return nil, &dataset.ColumnError{Column: f.Name(), Row: -1, Err: err}
		}
		cols[i] = c
	}
	return cols, nil
}

// mapLeaf maps one leaf field by its physical and logical type.
func mapLeaf(f parquet.Field) (column, error) {
	c := column{name: f.Name()}
	if f.Repeated() {
		return c, fmt.Errorf("%w: a repeated field", ErrUnsupportedType)
	}
	t := f.Type()
	lt := t.LogicalType()
	var lv format.LogicalTypeValue
	if lt != nil {
		lv = lt.Value
	}
	switch l := lv.(type) {
	case *format.DecimalType:
		c.kind, c.append = dataset.Numeric, decimalText(int(l.Scale))
		return c, nil
	case *format.DateType:
		c.kind = dataset.Date
		c.append = func(b []byte, v parquet.Value) []byte {
			return time.Unix(int64(v.Int32())*86400, 0).UTC().AppendFormat(b, time.DateOnly)
		}
		return c, nil
	case *format.TimestampType:
		unit := time.Duration(0)
		switch l.Unit.Value.(type) {
		case *format.MilliSeconds:
			unit = time.Millisecond
		case *format.MicroSeconds:
			unit = time.Microsecond
		case *format.NanoSeconds:
			unit = time.Nanosecond
		}
		if unit == 0 {
			break
		}
		c.kind = dataset.Date
		c.append = func(b []byte, v parquet.Value) []byte {
			n := v.Int64()
			per := int64(time.Second / unit)
			sec, frac := n/per, n%per
			if frac < 0 {
				sec, frac = sec-1, frac+per
			}
			return time.Unix(sec, frac*int64(unit)).UTC().AppendFormat(b, time.RFC3339Nano)
		}
		return c, nil
	case nil, *format.IntType, *format.StringType, *format.EnumType, *format.UUIDType:
		return mapPhysical(c, t.Kind(), lv)
	}
	return c, fmt.Errorf("%w %s", ErrUnsupportedType, lt)
}

// mapPhysical maps a column without a logical type, or with one that
// keeps its physical meaning (INT, STRING, ENUM, UUID).
func mapPhysical(c column, k parquet.Kind, lv format.LogicalTypeValue) (column, error) {
	switch k {
	case parquet.Boolean:
		c.kind = dataset.Categorical
		c.append = func(b []byte, v parquet.Value) []byte { return appendQuoted(b, strconv.FormatBool(v.Boolean())) }
	case parquet.Int32:
		unsigned := isUnsigned(lv)
		c.kind = dataset.Numeric
		c.append = func(b []byte, v parquet.Value) []byte {
			if unsigned {
				return strconv.AppendUint(b, uint64(uint32(v.Int32())), 10)
			}
			return strconv.AppendInt(b, int64(v.Int32()), 10)
		}
	case parquet.Int64:
		unsigned := isUnsigned(lv)
		c.kind = dataset.Numeric
		c.append = func(b []byte, v parquet.Value) []byte {
			if unsigned {
				return strconv.AppendUint(b, uint64(v.Int64()), 10)
			}
			return strconv.AppendInt(b, v.Int64(), 10)
		}
	case parquet.Float:
		c.kind = dataset.Numeric
		c.append = func(b []byte, v parquet.Value) []byte { return appendFloat(b, float64(v.Float()), 32) }
	case parquet.Double:
		c.kind = dataset.Numeric
		c.append = func(b []byte, v parquet.Value) []byte { return appendFloat(b, v.Double(), 64) }
	case parquet.ByteArray, parquet.FixedLenByteArray:
		c.kind = dataset.Categorical
		if _, uuid := lv.(*format.UUIDType); uuid {
			c.append = func(b []byte, v parquet.Value) []byte { return appendQuoted(b, uuidText(v.ByteArray())) }
		} else {
			c.append = func(b []byte, v parquet.Value) []byte { return appendQuoted(b, string(v.ByteArray())) }
		}
	default:
		return c, fmt.Errorf("%w %s", ErrUnsupportedType, k)
	}
	return c, nil
}

func isUnsigned(lv format.LogicalTypeValue) bool {
	it, ok := lv.(*format.IntType)
	return ok && !it.IsSigned
}

// appendFloat writes the shortest text reading back to the same value;
// NaN and infinities as text the CSV reader rejects (never a silent
// missing value).
func appendFloat(b []byte, f float64, bits int) []byte {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return strconv.AppendFloat(b, f, 'g', -1, 64)
	}
	return strconv.AppendFloat(b, f, 'g', -1, bits)
}

// decimalText writes an unscaled integer (INT32, INT64 or big-endian
// two's complement bytes) as a decimal with scale digits after the point.
func decimalText(scale int) func(b []byte, v parquet.Value) []byte {
	return func(b []byte, v parquet.Value) []byte {
		var n big.Int
		switch v.Kind() {
		case parquet.Int32:
			n.SetInt64(int64(v.Int32()))
		case parquet.Int64:
			n.SetInt64(v.Int64())
		default:
			raw := v.ByteArray()
			n.SetBytes(raw)
			if len(raw) > 0 && raw[0]&0x80 != 0 { // negative: subtract 2^(8·len)
				n.Sub(&n, new(big.Int).Lsh(big.NewInt(1), uint(8*len(raw))))
			}
		}
		s := n.String()
		if scale <= 0 {
			return append(b, s...)
		}
		neg := s[0] == '-'
		if neg {
			s = s[1:]
			b = append(b, '-')
		}
		for len(s) <= scale {
			s = "0" + s
		}
		b = append(b, s[:len(s)-scale]...)
		b = append(b, '.')
		return append(b, s[len(s)-scale:]...)
	}
}

func uuidText(u []byte) string {
	if len(u) != 16 {
		return string(u)
	}
	const hx = "0123456789abcdef"
	out := make([]byte, 0, 36)
	for i, x := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			out = append(out, '-')
		}
		out = append(out, hx[x>>4], hx[x&15])
	}
	return string(out)
}

// appendQuoted writes s as a quoted CSV field (so that no text reads as a
// missing value).
func appendQuoted(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

// writeCSV writes the header and the rows, one row group at a time, in
// chunks of rows.
func (r *Reader) writeCSV(w *bufio.Writer) error {
	var line []byte
	for i, c := range r.cols {
		if i > 0 {
			line = append(line, ',')
		}
		line = dataset.AppendCSVField(line, c.name)
	}
	if _, err := w.Write(append(line, '\n')); err != nil {
		return err
	}
	buf := make([]parquet.Row, 1024)
	for _, rg := range r.pf.RowGroups() {
		rows := rg.Rows()
		for {
			n, err := rows.ReadRows(buf)
			for _, row := range buf[:n] {
				line = r.appendRow(line[:0], row)
				if _, werr := w.Write(line); werr != nil {
					rows.Close()
					return werr
				}
			}
			if err == io.EOF {
				break
			}
			if err != nil {
				rows.Close()
				return err
			}
		}
		if err := rows.Close(); err != nil {
			return err
		}
	}
	return nil
}

// appendRow writes one row as a CSV line; a null is an empty field. In a
// flat schema a row holds one value per column, in column order.
func (r *Reader) appendRow(b []byte, row parquet.Row) []byte {
	for i, v := range row {
		if i > 0 {
			b = append(b, ',')
		}
		if !v.IsNull() {
			b = r.cols[v.Column()].append(b, v)
		}
	}
	return append(b, '\n')
}

// Schema returns the kinds of the file's columns (nothing required, no ID),
// for CSVOptions.Schema: the file's types, not inference, decide them.
func (r *Reader) Schema() *dataset.Schema {
	s := &dataset.Schema{}
	for _, c := range r.cols {
		s.Columns = append(s.Columns, dataset.ColumnSchema{Name: c.name, Kind: c.kind})
	}
	return s
}

// NumRows is the number of rows the file declares.
func (r *Reader) NumRows() int64 { return r.pf.NumRows() }

// Read reads the CSV stream.
func (r *Reader) Read(p []byte) (int, error) { return r.pr.Read(p) }

// Close stops the conversion and closes the file (the file Open opened;
// not NewReader's).
func (r *Reader) Close() error {
	r.pr.CloseWithError(errors.New("parquetio: reader closed"))
	<-r.done
	if r.f == nil {
		return nil
	}
	return r.f.Close()
}
