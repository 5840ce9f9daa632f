package dataset

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readString(t *testing.T, s string, opt CSVOptions) (*Table, error) {
	t.Helper()
	return ReadCSV(strings.NewReader(s), opt)
}

// requireRowError checks the error type, sentinel, line and column.
func requireRowError(t *testing.T, err error, target error, line int, column string) *RowError {
	t.Helper()
	require.Error(t, err)
	require.ErrorIs(t, err, target)
	var re *RowError
	require.ErrorAs(t, err, &re)
	assert.Equal(t, line, re.Line, "line in %v", err)
	assert.Equal(t, column, re.Column, "column in %v", err)
	if column != "" {
		assert.Contains(t, err.Error(), column)
	}
	return re
}

func TestReadCSVKinds(t *testing.T) {
	in := "account_id,mrr,plan,signup,seats\n" +
		"a1,10.5,pro,2024-01-02,3\n" +
		"a2,NA,basic,2024-02-03 10:11:12,\n" +
		"a3,7,,2024-03-04T05:06:07Z,4\n"
	tb, err := readString(t, in, CSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, "account_id", tb.IDName)
	assert.Equal(t, []string{"a1", "a2", "a3"}, tb.IDs)
	assert.Equal(t, []string{"mrr", "plan", "signup", "seats"}, tb.Names())
	mrr, err := tb.Numeric("mrr")
	require.NoError(t, err)
	assert.Equal(t, []float64{10.5, 0, 7}, mrr.Num)
	assert.Equal(t, []bool{false, true, false}, mrr.Missing)
	plan, err := tb.Categorical("plan")
	require.NoError(t, err)
	assert.Equal(t, []string{"pro", "basic", ""}, plan.Str)
	assert.True(t, plan.IsMissing(2))
	signup, err := tb.DateColumn("signup")
	require.NoError(t, err)
	assert.Equal(t, time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), signup.Time[0])
	assert.Equal(t, time.Date(2024, 2, 3, 10, 11, 12, 0, time.UTC), signup.Time[1])
	assert.Equal(t, time.Date(2024, 3, 4, 5, 6, 7, 0, time.UTC), signup.Time[2])
	seats, err := tb.Numeric("seats")
	require.NoError(t, err)
	assert.Equal(t, 1, seats.NumMissing())
}

func TestReadCSVIDDetectionAndNormalisation(t *testing.T) {
	tb, err := readString(t, "x,CustomerID\n1,17850.0\n2,13047.0\n3,C12\n", CSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, "CustomerID", tb.IDName)
	assert.Equal(t, []string{"17850", "13047", "C12"}, tb.IDs)

	tb, err = readString(t, "id,x\n1,2\n", CSVOptions{IDColumn: NoID})
	require.NoError(t, err)
	assert.Nil(t, tb.IDs)
	assert.Equal(t, []string{"id", "x"}, tb.Names())

	_, err = readString(t, "a,b\n1,2\n", CSVOptions{IDColumn: "acct"})
	require.ErrorIs(t, err, ErrColumnNotFound)
	assert.Contains(t, err.Error(), "acct")

	assert.Equal(t, "-17850", NormalizeID(" -17850.00 "))
	assert.Equal(t, "17850.5", NormalizeID("17850.5"))
	assert.Equal(t, ".0", NormalizeID(".0"))
	assert.Equal(t, "A1.0", NormalizeID("A1.0"))
}

func TestReadCSVEmptyFile(t *testing.T) {
	for _, in := range []string{"", "\n\n", "\r\n"} {
		_, err := readString(t, in, CSVOptions{})
		require.ErrorIs(t, err, ErrEmptyFile, "%q", in)
		require.ErrorIs(t, err, ErrEmpty)
	}
}

func TestReadCSVHeaderOnly(t *testing.T) {
	_, err := readString(t, "id,a,b\n", CSVOptions{})
	require.ErrorIs(t, err, ErrNoRows)
	_, err = NewCSVReader(strings.NewReader("id,a,b"), CSVOptions{})
	require.ErrorIs(t, err, ErrNoRows)
}

func TestReadCSVRagged(t *testing.T) {
	in := "id,a,b\n1,2,3\n2,3\n3,4,5,6\n"
	_, err := readString(t, in, CSVOptions{})
	re := requireRowError(t, err, ErrRagged, 3, "")
	assert.Contains(t, re.Error(), "line 3")

	tb, rejects, err := ReadCSVRejects(strings.NewReader(in), CSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, 1, tb.Len())
	require.Len(t, rejects, 2)
	assert.Equal(t, 3, rejects[0].Line)
	assert.Equal(t, 4, rejects[1].Line)
	assert.ErrorIs(t, rejects[1], ErrRagged)
}

func TestReadCSVTextInNumericColumn(t *testing.T) {
	// Schema forces the kind.
	sch := &Schema{Columns: []ColumnSchema{{Name: "mrr", Kind: Numeric}}}
	_, err := readString(t, "id,mrr\n1,2\n2,lots\n", CSVOptions{Schema: sch})
	re := requireRowError(t, err, ErrParse, 3, "mrr")
	assert.Equal(t, "lots", re.Value)

	// A late row after inference from a short sample.
	var b strings.Builder
	b.WriteString("id,mrr\n")
	for i := 0; i < 20; i++ {
		b.WriteString("a")
		b.WriteString(string(rune('a' + i)))
		b.WriteString(",1.5\n")
	}
	b.WriteString("zz,n/a?\n")
	_, err = readString(t, b.String(), CSVOptions{InferRows: 10})
	requireRowError(t, err, ErrParse, 22, "mrr")

	// With rejects the row is skipped and reported.
	tb, rejects, err := ReadCSVRejects(strings.NewReader(b.String()), CSVOptions{InferRows: 10})
	require.NoError(t, err)
	assert.Equal(t, 20, tb.Len())
	require.Len(t, rejects, 1)
	assert.Equal(t, "mrr", rejects[0].Column)
}

func TestReadCSVNonFinite(t *testing.T) {
	for _, v := range []string{"NaN", "Inf", "-Inf", "+inf", "1e999", "-1e400", "Infinity"} {
		_, err := readString(t, "id,x\n1,2\n2,"+v+"\n", CSVOptions{})
		re := requireRowError(t, err, ErrNonFinite, 3, "x")
		assert.Equal(t, v, re.Value)
	}
	// Also when the schema says numeric and the sample is all non-finite.
	sch := &Schema{Columns: []ColumnSchema{{Name: "x", Kind: Numeric}}}
	_, err := readString(t, "id,x\n1,NaN\n", CSVOptions{Schema: sch})
	requireRowError(t, err, ErrNonFinite, 2, "x")
}

func TestReadCSVDuplicateID(t *testing.T) {
	_, err := readString(t, "account_id,x\na,1\nb,2\na,3\n", CSVOptions{})
	re := requireRowError(t, err, ErrDuplicateID, 4, "account_id")
	assert.Contains(t, re.Error(), "line 2")
	// "17850.0" and "17850" are the same account.
	_, err = readString(t, "id,x\n17850.0,1\n17850,2\n", CSVOptions{})
	requireRowError(t, err, ErrDuplicateID, 3, "id")
}

func TestReadCSVEmptyID(t *testing.T) {
	_, err := readString(t, "id,x\na,1\n,2\n", CSVOptions{})
	requireRowError(t, err, ErrEmptyID, 3, "id")
	_, err = readString(t, "id,x\na,1\nNA,2\n", CSVOptions{})
	requireRowError(t, err, ErrEmptyID, 3, "id")
}

func TestReadCSVDuplicateHeader(t *testing.T) {
	_, err := readString(t, "id,a,b,a\n1,2,3,4\n", CSVOptions{})
	requireRowError(t, err, ErrDuplicateName, 1, "a")
	// Blanks around names do not hide a duplicate.
	_, err = readString(t, "id,a, a\n1,2,3\n", CSVOptions{})
	requireRowError(t, err, ErrDuplicateName, 1, "a")
}

func TestReadCSVNotGzip(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "accounts.csv.gz")
	require.NoError(t, os.WriteFile(path, []byte("id,x\n1,2\n"), 0o644))
	_, err := ReadCSVFile(path, CSVOptions{})
	require.ErrorIs(t, err, ErrNotGzip)
	assert.Contains(t, err.Error(), path)
	_, err = OpenCSV(path, CSVOptions{})
	require.ErrorIs(t, err, ErrNotGzip)

	// A gzip file truncated in the middle is a read error naming the file.
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	for i := 0; i < 2000; i++ {
		zw.Write([]byte("1,2,3\n"))
	}
	zw.Close()
	require.NoError(t, os.WriteFile(path, buf.Bytes()[:buf.Len()/2], 0o644))
	_, err = ReadCSVFile(path, CSVOptions{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), path)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

func TestReadCSVGzipFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "a.csv.gz")
	f, err := os.Create(path)
	require.NoError(t, err)
	zw := gzip.NewWriter(f)
	_, err = zw.Write([]byte("id,x\n1,2\n2,3.5\n"))
	require.NoError(t, err)
	require.NoError(t, zw.Close())
	require.NoError(t, f.Close())
	tb, err := ReadCSVFile(path, CSVOptions{})
	require.NoError(t, err)
	x, err := tb.Numeric("x")
	require.NoError(t, err)
	assert.Equal(t, []float64{2, 3.5}, x.Num)

	// gzip data under a plain name is recognised by its magic bytes.
	plain := filepath.Join(t.TempDir(), "a.csv")
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(plain, data, 0o644))
	tb2, err := ReadCSVFile(plain, CSVOptions{})
	require.NoError(t, err)
	requireTablesEqual(t, tb, tb2)

	_, err = ReadCSVFile(filepath.Join(t.TempDir(), "absent.csv"), CSVOptions{})
	require.ErrorIs(t, err, os.ErrNotExist)
}

func TestReadCSVQuoted(t *testing.T) {
	in := "id,name,note,x\r\n" +
		"1,\"Smith, John\",\"said \"\"hi\"\"\",1\r\n" +
		"2,\"multi\r\nline\nnote\",plain,2\r\n" +
		"3,\"NA\",NA,3\n" +
		"4,ab\"c,\"\",4\n"
	tb, err := readString(t, in, CSVOptions{})
	require.NoError(t, err)
	name, err := tb.Categorical("name")
	require.NoError(t, err)
	assert.Equal(t, []string{"Smith, John", "multi\nline\nnote", "NA", "ab\"c"}, name.Str)
	assert.False(t, name.IsMissing(2), "a quoted NA is text")
	note, err := tb.Categorical("note")
	require.NoError(t, err)
	assert.Equal(t, "said \"hi\"", note.Str[0])
	assert.True(t, note.IsMissing(2))
	assert.True(t, note.IsMissing(3), "a quoted empty field is missing")

	// Line numbers count the physical lines of multi-line fields.
	cr, err := NewCSVReader(strings.NewReader(in), CSVOptions{})
	require.NoError(t, err)
	batch, err := cr.Next(10)
	require.NoError(t, err)
	assert.Equal(t, []int{2, 3, 6, 7}, batch.Lines)

	// Malformed quoting.
	_, err = readString(t, "id,x\n1,\"ab\"c\n", CSVOptions{})
	requireRowError(t, err, ErrQuote, 2, "")
	_, err = readString(t, "id,x\n1,2\n2,\"open\n3,4\n", CSVOptions{})
	requireRowError(t, err, ErrQuote, 3, "")
	tb, rejects, err := ReadCSVRejects(strings.NewReader("id,x\n1,\"a\"b\n2,c\n"), CSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"2"}, tb.IDs)
	require.Len(t, rejects, 1)
	assert.Equal(t, 2, rejects[0].Line)
}

func TestReadCSVSchemaOverride(t *testing.T) {
	sch := &Schema{ID: "acct", Columns: []ColumnSchema{{Name: "zip", Kind: Categorical}, {Name: "mrr", Kind: Numeric, Required: true}}}
	tb, err := readString(t, "acct,zip,mrr\n1,01234,5\n2,99999,6\n", CSVOptions{Schema: sch})
	require.NoError(t, err)
	assert.Equal(t, "acct", tb.IDName)
	zip, err := tb.Categorical("zip")
	require.NoError(t, err)
	assert.Equal(t, []string{"01234", "99999"}, zip.Str)

	_, err = readString(t, "acct,zip\n1,2\n", CSVOptions{Schema: sch})
	require.ErrorIs(t, err, ErrColumnNotFound)
	assert.Contains(t, err.Error(), "mrr")
}

func TestReadCSVOptions(t *testing.T) {
	tb, err := readString(t, "\xef\xbb\xbfid;x;d\n1; 2 ;01/02/2024\n2;-;03/04/2024\n", CSVOptions{
		Comma: ';', MissingValues: []string{"-"}, DateLayouts: []string{"02/01/2006"}})
	require.NoError(t, err)
	assert.Equal(t, "id", tb.IDName, "byte order mark stripped")
	x, err := tb.Numeric("x")
	require.NoError(t, err)
	assert.Equal(t, 2.0, x.Num[0])
	assert.True(t, x.IsMissing(1))
	d, err := tb.DateColumn("d")
	require.NoError(t, err)
	assert.Equal(t, time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), d.Time[0])

	_, err = readString(t, "a\n1\n", CSVOptions{Comma: '"'})
	require.Error(t, err)

	// All-missing sample: categorical, later values accepted as text.
	tb, err = readString(t, "id,x\n1,\n2,abc\n", CSVOptions{InferRows: 1})
	require.NoError(t, err)
	x, err = tb.Categorical("x")
	require.NoError(t, err)
	assert.Equal(t, "abc", x.Str[1])

	// Zero-padded codes stay text; plain zeros and decimals are numbers.
	tb, err = readString(t, "id,zip,v\n1,01234,0\n2,98765,0.5\n", CSVOptions{})
	require.NoError(t, err)
	zip, err := tb.Categorical("zip")
	require.NoError(t, err)
	assert.Equal(t, "01234", zip.Str[0])
	_, err = tb.Numeric("v")
	require.NoError(t, err)

	// Empty header names get a positional name.
	tb, err = readString(t, ",x\n1,2\n", CSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"column1", "x"}, tb.Names())
}

func TestCSVReaderBatches(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,x,c\n")
	for i := 0; i < 1000; i++ {
		if i == 500 {
			b.WriteString("bad,row\n")
		}
		b.WriteString("a")
		b.WriteString(strings.Repeat("x", i%3))
		b.WriteString(string(rune('0' + i%10)))
		b.WriteString(",1,k\n")
	}
	cr, err := NewCSVReader(strings.NewReader(b.String()), CSVOptions{Rejects: true, InferRows: 50})
	require.NoError(t, err)
	assert.Equal(t, []string{"id", "x", "c"}, cr.Header())
	rows, rejects, batches := 0, 0, 0
	for {
		batch, err := cr.Next(128)
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		batches++
		require.LessOrEqual(t, batch.Table.Len(), 128)
		require.Len(t, batch.Lines, batch.Table.Len())
		rows += batch.Table.Len()
		for _, r := range batch.Rejects {
			assert.Equal(t, 502, r.Line)
			rejects++
		}
	}
	assert.Equal(t, 1000, rows)
	assert.Equal(t, 1, rejects)
	assert.Equal(t, 8, batches)
	_, err = cr.Next(1)
	assert.ErrorIs(t, err, io.EOF)
	require.NoError(t, cr.Close())

	// Without Rejects the error sticks.
	cr, err = NewCSVReader(strings.NewReader(b.String()), CSVOptions{})
	require.NoError(t, err)
	_, err = cr.Next(400)
	require.NoError(t, err)
	_, err = cr.Next(400)
	requireRowError(t, err, ErrRagged, 502, "")
	_, err = cr.Next(400)
	requireRowError(t, err, ErrRagged, 502, "")
}

func TestReadCSVLongLines(t *testing.T) {
	// A record longer than the initial buffer.
	long := strings.Repeat("y", 3*initialBufSize)
	tb, err := readString(t, "id,s\n1,"+long+"\n2,\""+long+"\n\"\n", CSVOptions{})
	require.NoError(t, err)
	s, err := tb.Categorical("s")
	require.NoError(t, err)
	assert.Equal(t, long, s.Str[0])
	assert.Equal(t, long+"\n", s.Str[1])
}

func TestOpenCSVBatches(t *testing.T) {
	path := filepath.Join(t.TempDir(), "n.csv")
	writeNumericCSV(t, path, 1000, 4)
	cr, err := OpenCSV(path, CSVOptions{})
	require.NoError(t, err)
	defer cr.Close()
	total := 0
	for {
		batch, err := cr.Next(0)
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		total += batch.Table.Len()
		assert.Equal(t, batch.Lines[0], total-batch.Table.Len()+2)
	}
	assert.Equal(t, 1000, total)
	full, err := ReadCSVFile(path, CSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, 1000, full.Len())
	assert.Equal(t, []string{"x0", "x1", "x2", "x3"}, full.Names())
}

// stuckReader returns no data and no error forever.
type stuckReader struct{}

func (stuckReader) Read([]byte) (int, error) { return 0, nil }

// failingReader fails after some data.
type failingReader struct{ data []byte }

func (f *failingReader) Read(p []byte) (int, error) {
	if len(f.data) == 0 {
		return 0, errors.New("disk on fire")
	}
	n := copy(p, f.data)
	f.data = f.data[n:]
	return n, nil
}

func TestReadCSVReaderErrors(t *testing.T) {
	_, err := ReadCSV(stuckReader{}, CSVOptions{})
	require.ErrorIs(t, err, io.ErrNoProgress)

	var b strings.Builder
	b.WriteString("id,x\n")
	for i := 0; i < 5000; i++ {
		b.WriteString("a")
		b.WriteString(strings.Repeat("b", i%7))
		b.WriteString(",1\n")
	}
	_, err = ReadCSV(&failingReader{data: []byte(b.String())}, CSVOptions{IDColumn: NoID, Rejects: true})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "disk on fire")
	assert.Contains(t, err.Error(), "line ")
}

func TestReadCSVContextAndProgress(t *testing.T) {
	var b strings.Builder
	b.WriteString("x\n")
	for i := 0; i < 10000; i++ {
		b.WriteString("1\n")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ReadCSVContext(ctx, strings.NewReader(b.String()), CSVOptions{})
	require.ErrorIs(t, err, context.Canceled)
	tb, err := ReadCSVContext(context.Background(), strings.NewReader(b.String()), CSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, 10000, tb.Len())

	cr, err := NewCSVReader(strings.NewReader(b.String()), CSVOptions{InferRows: 10})
	require.NoError(t, err)
	_, err = cr.Next(100)
	require.NoError(t, err)
	assert.Equal(t, int64(2+2*100), cr.BytesRead())
	for err == nil {
		_, err = cr.Next(0)
	}
	assert.Equal(t, int64(b.Len()), cr.BytesRead())
}

func TestReadCSVColumns(t *testing.T) {
	// Only x and c are read: the bad number in y and the odd text in z do
	// not reject a row, and neither column is in the table.
	in := "id,y,x,z,c\n1,oops,2,\"a,b\",u\n2,3,4,q,v\n3,5\n"
	var rejects []*RowError
	cr, err := NewCSVReader(strings.NewReader(in), CSVOptions{Columns: []string{"c", "x"}, Rejects: true})
	require.NoError(t, err)
	b, err := cr.Next(10)
	require.NoError(t, err)
	rejects = append(rejects, b.Rejects...)
	assert.Equal(t, []string{"x", "c"}, b.Table.Names(), "header order")
	x, err := b.Table.Numeric("x")
	require.NoError(t, err)
	assert.Equal(t, []float64{2, 4}, x.Num)
	assert.Equal(t, []string{"1", "2"}, b.Table.IDs)
	// A short row is still ragged: the skipped fields are counted.
	require.Len(t, rejects, 1)
	assert.ErrorIs(t, rejects[0], ErrRagged)
	assert.Equal(t, 4, rejects[0].Line)

	_, err = readString(t, in, CSVOptions{Columns: []string{"x", "nope"}})
	require.ErrorIs(t, err, ErrColumnNotFound)
	assert.Contains(t, err.Error(), "nope")
}

// TestCSVReaderRecycle reads the same input with and without handing the
// batches back: the tables are equal, although the recycled ones reuse
// columns that held other rows (and missing flags) before.
func TestCSVReaderRecycle(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,x,c,d\n")
	for i := 0; i < 1000; i++ {
		x, c := fmt.Sprint(i), fmt.Sprint("k", i%7)
		if i%5 == 0 {
			x = "" // missing numbers in some batches and not others
		}
		if i%11 == 0 {
			c = "NA"
		}
		if i == 300 {
			b.WriteString("bad,row\n")
		}
		if i%97 == 60 {
			// Rejected after its ID was read: the ID must not shift the next.
			fmt.Fprintf(&b, "bad%d,not-a-number,k1,2024-01-01\n", i)
		}
		fmt.Fprintf(&b, "a%d,%s,%s,2024-01-%02d\n", i, x, c, 1+i%28)
	}
	read := func(recycle bool) []*Table {
		cr, err := NewCSVReader(strings.NewReader(b.String()), CSVOptions{Rejects: true, InferRows: 50, IDColumn: "id"})
		require.NoError(t, err)
		var out []*Table
		for {
			batch, err := cr.Next(64)
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err)
			out = append(out, batch.Table.Subset(seq(batch.Table.Len()))) // a copy
			if recycle {
				cr.Recycle(batch)
			}
		}
		return out
	}
	plain, recycled := read(false), read(true)
	var ids []string
	for _, tb := range recycled {
		ids = append(ids, tb.IDs...)
	}
	require.Len(t, ids, 1000)
	for i, id := range ids {
		require.Equal(t, fmt.Sprint("a", i), id)
	}
	require.Equal(t, len(plain), len(recycled))
	for i := range plain {
		assert.Equal(t, plain[i], recycled[i], "batch %d", i)
	}
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// RowNumbers numbers the data rows, a rejected row included, in ReadCSV
// and in the streaming reader alike.
func TestReadCSVRowNumbers(t *testing.T) {
	in := "a,b\n1,x\n2\n3,\"y\nz\"\n4,w\n"
	tb, rejects, err := ReadCSVRejects(strings.NewReader(in), CSVOptions{IDColumn: RowNumbers})
	require.NoError(t, err)
	require.Len(t, rejects, 1, "the ragged row")
	assert.Equal(t, RowNumbers, tb.IDName)
	assert.Equal(t, []string{"1", "3", "4"}, tb.IDs, "row 2 is rejected, the multi-line row is one row")
	cr, err := NewCSVReader(strings.NewReader(in), CSVOptions{IDColumn: RowNumbers, Rejects: true, InferRows: 1})
	require.NoError(t, err)
	var ids []string
	for {
		b, err := cr.Next(1)
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		ids = append(ids, b.Table.IDs...)
	}
	assert.Equal(t, []string{"1", "3", "4"}, ids)
	assert.Equal(t, RowNumbers, cr.IDName())
	// Without rejects, a whole file.
	tb, err = ReadCSV(strings.NewReader("a\n5\n6\n"), CSVOptions{IDColumn: RowNumbers})
	require.NoError(t, err)
	assert.Equal(t, []string{"1", "2"}, tb.IDs)
	assert.Equal(t, 1, tb.NumColumns())
}

// Keep copies fields verbatim, quoted for output, for the good rows only.
func TestCSVReaderKeep(t *testing.T) {
	in := "id,x,owner,note\n1,2, Ann ,NA\n2,oops,Bob,\n3,4,\"Lee, Jo\",\"say \"\"hi\"\"\"\n"
	cr, err := NewCSVReader(strings.NewReader(in), CSVOptions{Keep: []string{"owner", "note", "x"}, Rejects: true,
		Schema: &Schema{ID: "id", Columns: []ColumnSchema{{Name: "x", Kind: Numeric}}}, Columns: []string{"x"}})
	require.NoError(t, err)
	b, err := cr.Next(10)
	require.NoError(t, err)
	require.Len(t, b.Rejects, 1)
	assert.Equal(t, []string{"1", "3"}, b.Table.IDs)
	// Blanks at the ends are quoted (so that no reader trims them away).
	assert.Equal(t, []string{`," Ann ",NA,2`, `,"Lee, Jo","say ""hi""",4`}, b.Kept)
	_, err = NewCSVReader(strings.NewReader(in), CSVOptions{Keep: []string{"ownr"}})
	var ce *ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "ownr", ce.Column)
	assert.ErrorIs(t, err, ErrColumnNotFound)
}
