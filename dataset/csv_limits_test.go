package dataset

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// accountsCSV returns n rows "id,mrr,note" whose note on the rows listed in
// stray opens a quote that never closes.
func accountsCSV(n int, stray ...int) string {
	var sb strings.Builder
	sb.WriteString("id,mrr,note\n")
	for i := 0; i < n; i++ {
		note := "ok"
		for _, s := range stray {
			if s == i {
				note = `"unclosed note, with a comma`
			}
		}
		fmt.Fprintf(&sb, "A%d,%d,%s\n", i, i%97, note)
	}
	return sb.String()
}

// A stray quote costs its own line only, even in a column the job does not
// read, and every other row is read: rows + rejects = data lines.
func TestStrayQuoteCostsOneLine(t *testing.T) {
	in := accountsCSV(20000, 5000)
	opt := CSVOptions{Columns: []string{"mrr"}}
	tb, rejects, err := ReadCSVRejects(strings.NewReader(in), opt)
	require.NoError(t, err)
	assert.Equal(t, 19999, tb.Len())
	require.Len(t, rejects, 1)
	assert.Equal(t, 5002, rejects[0].Line)
	assert.ErrorIs(t, rejects[0], ErrQuote)
	assert.Contains(t, rejects[0].Error(), "resumes at line 5003")
	assert.Equal(t, "A5001", tb.IDs[5000])

	// The same in batches, and without Rejects the read fails on that line.
	opt.Rejects = true
	cr, err := NewCSVReader(strings.NewReader(in), opt)
	require.NoError(t, err)
	rows, rej := 0, 0
	for {
		b, err := cr.Next(777)
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		rows += b.Table.Len()
		rej += len(b.Rejects)
	}
	assert.Equal(t, 20000, rows+rej)
	assert.Equal(t, 1, rej)
	_, err = ReadCSV(strings.NewReader(in), CSVOptions{})
	requireRowError(t, err, ErrQuote, 5002, "")
}

// Two stray quotes pair up into a record spanning thousands of lines; it is
// malformed, so each costs its own line only.
func TestStrayQuotesPairedResync(t *testing.T) {
	in := accountsCSV(20000, 5000, 7000)
	tb, rejects, err := ReadCSVRejects(strings.NewReader(in), CSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, 19998, tb.Len())
	require.Len(t, rejects, 2)
	assert.Equal(t, []int{5002, 7002}, []int{rejects[0].Line, rejects[1].Line})

	// A quoted field spanning lines that leaves the header's field count
	// is one record; one that leaves another count is a stray quote.
	tb, rejects, err = ReadCSVRejects(strings.NewReader("id,a,b\n1,\"x\ny\",2\n2,\"open,3\n3,4,5\n"), CSVOptions{})
	require.NoError(t, err)
	assert.Equal(t, []string{"1", "3"}, tb.IDs)
	require.Len(t, rejects, 1)
	assert.Equal(t, 4, rejects[0].Line)
}

// limitedReader fails once more than max bytes are read from it, so that a
// reader without limits fails these tests instead of eating the machine.
type limitedReader struct {
	r        io.Reader
	read     int64
	max      int64
	chunkMax int
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.read > l.max {
		return 0, fmt.Errorf("test reader: more than %d bytes read", l.max)
	}
	if l.chunkMax > 0 && len(p) > l.chunkMax {
		p = p[:l.chunkMax]
	}
	n, err := l.r.Read(p)
	l.read += int64(n)
	return n, err
}

// repeatReader yields its block again and again, then tail.
type repeatReader struct {
	block []byte
	times int
	off   int
	tail  io.Reader
}

func (r *repeatReader) Read(p []byte) (int, error) {
	if r.times == 0 {
		return r.tail.Read(p)
	}
	n := copy(p, r.block[r.off:])
	r.off += n
	if r.off == len(r.block) {
		r.off, r.times = 0, r.times-1
	}
	return n, nil
}

// allocated runs f and returns the bytes it allocated (an upper bound of
// the memory it held).
func allocated(f func()) uint64 {
	var a, b runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&a)
	f()
	runtime.ReadMemStats(&b)
	return b.TotalAlloc - a.TotalAlloc
}

// A gzip bomb (4 MiB of gzip members holding one 4 GiB record) stops at
// the record limit with a clear error, having read and held a few MiB.
func TestGzipBombStopsEarly(t *testing.T) {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	zw.Write(bytes.Repeat([]byte("x"), 1<<20))
	zw.Close()
	// Concatenated gzip members decompress to the concatenation: 4096
	// members of 1 MiB make 4 GiB of one line.
	src := &limitedReader{r: &repeatReader{block: member.Bytes(), times: 4096, tail: strings.NewReader("")}, max: 64 << 20}
	var err error
	alloc := allocated(func() {
		zr, zerr := gzip.NewReader(src)
		require.NoError(t, zerr)
		var unz limitedReader = limitedReader{r: zr, max: 64 << 20}
		_, err = ReadCSV(&unz, CSVOptions{})
		t.Logf("compressed bytes read %d, decompressed %d", src.read, unz.read)
		assert.Less(t, unz.read, int64(3*DefaultMaxRecordBytes))
	})
	requireRowError(t, err, ErrRecordTooLong, 1, "")
	assert.Contains(t, err.Error(), "MaxRecordBytes")
	t.Logf("allocated %d MiB", alloc>>20)
	assert.Less(t, alloc, uint64(200<<20))
}

// A 1 GiB data line stops at the record limit, in Rejects mode too (its end
// cannot be found), with a clear error naming the line.
func TestHugeLineStopsEarly(t *testing.T) {
	src := &limitedReader{r: io.MultiReader(strings.NewReader("id,x\n1,2\n"),
		&repeatReader{block: bytes.Repeat([]byte("7"), 1<<16), times: 1 << 14, tail: strings.NewReader("\n3,4\n")}), max: 64 << 20}
	var err error
	alloc := allocated(func() { _, _, err = ReadCSVRejects(src, CSVOptions{}) })
	requireRowError(t, err, ErrRecordTooLong, 3, "")
	t.Logf("read %d bytes, allocated %d MiB", src.read, alloc>>20)
	assert.Less(t, src.read, int64(3*DefaultMaxRecordBytes))
	assert.Less(t, alloc, uint64(200<<20))

	// Under a limit set by the caller, and an unlimited reader reads it.
	_, err = ReadCSV(strings.NewReader("id,x\n1,"+strings.Repeat("b", 5000)+"\n"), CSVOptions{MaxRecordBytes: 4096})
	requireRowError(t, err, ErrRecordTooLong, 2, "")
	_, err = ReadCSV(strings.NewReader("id,x\n1,"+strings.Repeat("b", 5000)+"\n"), CSVOptions{MaxRecordBytes: -1})
	require.NoError(t, err)
}

// A line arriving in many short reads is searched once, not once per read
// (which made the search quadratic in the line length).
func TestLineSearchLinear(t *testing.T) {
	long := strings.Repeat("y", 3<<20)
	in := "id,note\n1," + long + "\n2,z\n"
	rr := newRecordReader(&limitedReader{r: strings.NewReader(in), max: 1 << 30, chunkMax: 512}, ',', DefaultMaxRecordBytes, DefaultMaxColumns)
	n := 0
	for {
		_, _, _, err := rr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 3, n)
	assert.LessOrEqual(t, rr.searched, int64(2*len(in)), "bytes searched for line ends, input %d bytes", len(in))
}

// A header wider than MaxColumns fails; a wide one under a raised limit is
// read (and its inference looks each field up in O(1)).
func TestWideHeader(t *testing.T) {
	in := wideCSV(100000, 3)
	_, err := ReadCSV(strings.NewReader(in), CSVOptions{})
	require.ErrorIs(t, err, ErrTooManyColumns)
	var ce *ColumnError
	require.ErrorAs(t, err, &ce)
	tb, err := ReadCSV(strings.NewReader(in), CSVOptions{MaxColumns: 200000, MaxRecordBytes: 16 << 20})
	require.NoError(t, err)
	assert.Equal(t, 100000, tb.NumColumns())
	assert.Equal(t, 3, tb.Len())

	// A data row with more fields than the limit is a bad row.
	tb, rejects, err := ReadCSVRejects(strings.NewReader("id,a\n1,2\n2,"+strings.Repeat(",", 50)+"\n3,4\n"), CSVOptions{MaxColumns: 10})
	require.NoError(t, err)
	assert.Equal(t, 2, tb.Len())
	require.Len(t, rejects, 1)
	assert.ErrorIs(t, rejects[0], ErrTooManyColumns)
}

// wideCSV returns a header of cols columns and rows numeric rows.
func wideCSV(cols, rows int) string {
	var sb strings.Builder
	sb.WriteString("id")
	for j := 0; j < cols; j++ {
		fmt.Fprintf(&sb, ",c%d", j)
	}
	sb.WriteByte('\n')
	for i := 0; i < rows; i++ {
		fmt.Fprintf(&sb, "%d", i)
		for j := 0; j < cols; j++ {
			fmt.Fprintf(&sb, ",%d", (i+j)%10)
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}

// BenchmarkWideHeader reads a header of 25k to 200k columns and 20 rows:
// ns/op per column stays flat when the work is linear in the width.
func BenchmarkWideHeader(b *testing.B) {
	for _, cols := range []int{25000, 50000, 100000, 200000} {
		in := wideCSV(cols, 20)
		b.Run(fmt.Sprintf("cols=%d", cols), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for i := 0; i < b.N; i++ {
				if _, err := ReadCSV(strings.NewReader(in), CSVOptions{MaxColumns: -1, MaxRecordBytes: -1}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(cols), "ns/column")
		})
	}
}

// blockingReader hands out its data, then blocks until released, as a slow
// standard input does; reads tells when the data is taken.
type blockingReader struct {
	data    []byte
	taken   chan struct{}
	release chan struct{}
}

func (r *blockingReader) Read(p []byte) (int, error) {
	if len(r.data) > 0 {
		n := copy(p, r.data)
		r.data = r.data[n:]
		if len(r.data) == 0 {
			close(r.taken)
		}
		return n, nil
	}
	<-r.release
	return 0, io.EOF
}

// Cancelling the context ends inference while it waits on a blocked input.
func TestInferenceHonoursContext(t *testing.T) {
	br := &blockingReader{data: []byte("id,x\n1,2\n"), taken: make(chan struct{}), release: make(chan struct{})}
	defer close(br.release)
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-br.taken
		cancel()
	}()
	_, err := NewCSVReaderContext(ctx, br, CSVOptions{})
	require.ErrorIs(t, err, context.Canceled)
	_, err = ReadCSVContext(ctx, strings.NewReader("id,x\n1,2\n"), CSVOptions{})
	require.ErrorIs(t, err, context.Canceled)
}

// A header of 1,000,000 columns (issue 13: fit was quadratic in columns)
// stops at a limit with a clear error, reading a bounded prefix, under
// 200 MB, with the defaults; raised limits read it column by column.
func TestMillionColumnHeaderStopsEarly(t *testing.T) {
	var hdr bytes.Buffer
	hdr.WriteString("id")
	for j := range 1_000_000 {
		fmt.Fprintf(&hdr, ",c%d", j)
	}
	hdr.WriteString("\n1")
	hdr.WriteString(strings.Repeat(",0", 1_000_000))
	hdr.WriteString("\n")
	src := &limitedReader{r: bytes.NewReader(hdr.Bytes()), max: 64 << 20}
	var err error
	alloc := allocated(func() { _, err = ReadCSV(src, CSVOptions{}) })
	require.Error(t, err)
	assert.True(t, errors.Is(err, ErrTooManyColumns) || errors.Is(err, ErrRecordTooLong), "%v", err)
	t.Logf("read %d of %d bytes, allocated %d MiB: %v", src.read, hdr.Len(), alloc>>20, err)
	assert.Less(t, src.read, int64(3*DefaultMaxRecordBytes))
	assert.Less(t, alloc, uint64(200<<20))
}
