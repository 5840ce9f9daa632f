package dataset

import (
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"
)

// NoID is the CSVOptions.IDColumn (and gotax.FromDataFrame idColumn) value saying
// that the input has no ID column, as in event logs where one account has
// many rows.
const NoID = "-"

// RowNumbers is the CSVOptions.IDColumn value asking for generated IDs: each
// record's 1-based row number among the data rows (the header is not
// counted, a rejected row is), as decimal text. For files without an ID
// column, such as a customer export of values only: the same file read
// again gets the same IDs. The table's IDName is RowNumbers too, so a
// schema taken from it (SchemaOf, a model's inputs) numbers the rows of
// the files it reads; outputs name the column RowNumberName.
const RowNumbers = "#row"

// RowNumberName is the name outputs give the ID column of a table whose
// IDs are RowNumbers.
const RowNumberName = "row"

// DefaultBatchRows is the batch size CSVReader.Next uses when asked for n <= 0.
const DefaultBatchRows = 4096

// CSVOptions configures CSV reading. The zero value reads comma-separated
// UTF-8 with a header line, detects the ID column by name and infers column
// kinds from the first 1000 rows.
//
// Whatever the options: a UTF-8 byte order mark is dropped, blank lines are
// skipped, header names are trimmed of blanks (an empty one becomes
// "column<position>", 1-based), and numeric and date fields are trimmed of
// blanks before parsing, while categorical values are kept verbatim.
type CSVOptions struct {
	// Comma is the field separator; zero means ','. It must be an ASCII
	// character other than '"', '\r' and '\n'.
	Comma rune
	// IDColumn names the ID column. Empty means: Schema.ID when set,
	// otherwise the first header field named "id", "account_id",
	// "customer_id" or "CustomerID" (compared case-insensitively), otherwise
	// none. NoID ("-") says there is none; RowNumbers numbers the rows.
	// IDs are kept as text, trimmed,
	// and normalised by NormalizeID ("17850.0" becomes "17850"); empty IDs
	// are errors.
	IDColumn string
	// Keep names columns whose fields Next copies verbatim (untrimmed, no
	// missing values, CSV-quoted as WriteCSV quotes) into Batch.Kept, to
	// pass through to an output: an account owner beside the scores. Each
	// must be in the header (a *ColumnError wrapping ErrColumnNotFound).
	// They are read besides Columns, and may be among them.
	Keep []string
	// Schema, when set, fixes the kind of the columns it lists (the others
	// are inferred) and makes its Required columns mandatory in the header.
	Schema *Schema
	// MissingValues are the field texts read as missing (compared after
	// trimming blanks). Nil means "", "NA", "N/A", "null" and "NULL". In a
	// categorical column a quoted non-empty field is always taken literally,
	// so "NA" in quotes is the text NA (R's write.csv convention).
	MissingValues []string
	// DateLayouts are the time.Parse layouts tried for date columns, in
	// order. Nil means RFC 3339 ("2006-01-02T15:04:05Z07:00", fractional
	// seconds allowed), "2006-01-02T15:04:05", "2006-01-02 15:04:05",
	// "2006-01-02T15:04", "2006-01-02 15:04" and "2006-01-02". Times without
	// a zone are taken as UTC; all are stored in UTC.
	DateLayouts []string
	// InferRows is the number of data rows buffered to infer column kinds;
	// zero means 1000. A column is numeric when every non-missing sampled
	// value is a number, else date when every one is a date, else
	// categorical (also when all are missing). Zero-padded integers such
	// as "01234" (postcodes, account codes) make a column categorical, as
	// reading them as numbers would lose the padding. A later value that
	// does not fit the inferred kind is an error (ErrParse), never a silent
	// conversion: fix the kind with Schema when the sample misleads.
	InferRows int
	// Rejects, when true, turns a bad row (ErrRagged, ErrParse,
	// ErrNonFinite, ErrQuote, ErrEmptyID, ErrDuplicateID) into a *RowError
	// collected apart while reading goes on, instead of failing the read.
	// Read errors of the input itself still fail.
	Rejects bool
	// Columns, when set, names the only columns to read (besides the ID
	// column), in any order; each must be in the header (else
	// ErrColumnNotFound). The fields of other columns are still counted,
	// so a ragged row is still rejected, but never parsed nor stored: a
	// scoring job that needs 20 of 60 columns does not pay for the rest,
	// and an odd value in a column it does not read cannot reject a row.
	// Nil reads every column.
	Columns []string
	// MaxRecordBytes bounds the length of one record (a line, or the lines
	// of a quoted field holding newlines); zero means
	// DefaultMaxRecordBytes, negative means no limit. A longer record stops
	// reading with ErrRecordTooLong (wrapped in a *RowError naming its
	// line), also in Rejects mode, as the record's end cannot be found
	// within the limit; a quoted field still open after that many bytes is
	// a stray quote (ErrQuote) and costs its line only.
	MaxRecordBytes int
	// MaxColumns bounds the fields of one record; zero means
	// DefaultMaxColumns, negative means no limit. A wider header fails
	// with ErrTooManyColumns; a wider data row is a bad row.
	MaxColumns int
	// Part, when set, says the input is the header of a larger file
	// followed by one part of it from SplitCSV (the part's bytes and what
	// follows them): line numbers are the whole file's, and the input ends
	// after Part.Bytes bytes past the header. Reading may look past that
	// end to find where a record begun before it ends, so each record is
	// read, and each bad one rejected, exactly as when the whole file is
	// read. Column kinds are inferred from the part's rows: fix them with
	// Schema to have the whole file's. Distributed jobs (the beam module)
	// read a large file this way, in parts in parallel.
	Part *CSVPart
}

var (
	defaultMissing = []string{"", "NA", "N/A", "null", "NULL"}
	defaultLayouts = []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05",
		"2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"}
	defaultIDNames = []string{"id", "account_id", "customer_id", "customerid"}
)

// Batch is a group of rows read by CSVReader.Next.
type Batch struct {
	// Table holds the good rows (possibly none).
	Table *Table
	// Lines holds the 1-based input line on which each row of Table starts.
	Lines []int
	// Rejects holds the rows skipped because of errors (Rejects mode only),
	// in input order.
	Rejects []*RowError
	// Kept holds, per row of Table, the fields of CSVOptions.Keep, each
	// preceded by a comma and quoted as needed: the text to append to an
	// output line of that row (nil without Keep).
	Kept []string
}

// CSVReader reads a CSV input in batches of rows, so that memory stays
// bounded by the batch size whatever the input length. Column kinds are
// inferred once, from the first InferRows rows (buffered), or fixed by the
// schema, and every batch has the same columns. Account IDs are not checked
// for duplicates across batches (that would need memory growing with the
// input); call Table.CheckIDs on a batch to check within it.
type CSVReader struct {
	rr     *recordReader
	closer io.Closer
	opt    CSVOptions
	header []string
	idIdx  int
	idName string
	// rowIDs: the IDs are row numbers (RowNumbers); rowNo counts the data
	// records met so far.
	rowIDs bool
	rowNo  int
	rowID  []byte // scratch for the decimal row number
	// keepIdx are the fields of CSVOptions.Keep, keepBuf their scratch.
	keepIdx  []int
	keepBuf  []byte
	cols     []colSpec
	miss     *missingSet
	pending  []bufRecord
	pendPos  int
	fieldBuf [][]byte
	err      error
	// size is the input length in bytes when known (else 0), and
	// headerBytes and sampleBytes what the header and the sample took; they
	// size the columns of ReadCSV up front.
	size        int64
	headerBytes int64
	sampleBytes int64
	seen        map[string]int // ID -> line, when duplicates are checked
	free        chan *Batch    // batches handed back by Recycle
	idSpare     []byte         // ID bytes buffer of the last batch, for the next
}

// colSpec is how one input field becomes a Table column.
type colSpec struct {
	name   string
	kind   Kind
	field  int
	dates  *dateParser
	intern map[string]string
	looked int
	recent *[1 << internSlotBits]string // interned strings by internSlot
}

// bufRecord is a record kept for type inference.
type bufRecord struct {
	line   int
	data   []byte
	ends   []int
	quoted []bool
	err    error
}

// field returns field i in O(1): inference looks at every column of every
// sampled record, so a per-column walk of the record would be quadratic in
// the header width.
func (b *bufRecord) field(i int) []byte {
	start := 0
	if i > 0 {
		start = b.ends[i-1]
	}
	return b.data[start:b.ends[i]:b.ends[i]]
}

func (b *bufRecord) fields(dst [][]byte) [][]byte {
	dst = dst[:0]
	start := 0
	for _, e := range b.ends {
		dst = append(dst, b.data[start:e:e])
		start = e
	}
	return dst
}

// NewCSVReader reads the header and the inference sample from r and returns
// a reader positioned on the first data row. Closing the returned reader
// does not close r.
func NewCSVReader(r io.Reader, opt CSVOptions) (*CSVReader, error) {
	return NewCSVReaderContext(context.Background(), r, opt)
}

// NewCSVReaderContext is NewCSVReader whose reads of r end with the
// context's error as soon as ctx is done, even while one is blocked (a slow
// standard input while the inference sample is gathered, a stalled pipe),
// for the reader's whole life.
func NewCSVReaderContext(ctx context.Context, r io.Reader, opt CSVOptions) (*CSVReader, error) {
	if err := opt.checkComma(); err != nil {
		return nil, err
	}
	if opt.MissingValues == nil {
		opt.MissingValues = defaultMissing
	}
	if len(opt.DateLayouts) == 0 {
		opt.DateLayouts = defaultLayouts
	}
	if opt.InferRows <= 0 {
		opt.InferRows = 1000
	}
	cr := &CSVReader{rr: opt.recordReader(newCtxReader(ctx, r)), opt: opt, idIdx: -1,
		miss: newMissingSet(opt.MissingValues), free: make(chan *Batch, 4)}
	switch v := r.(type) {
	case interface{ Len() int }: // bytes.Reader, strings.Reader, bytes.Buffer
		cr.size = int64(v.Len())
	case *os.File:
		if st, err := v.Stat(); err == nil && st.Mode().IsRegular() {
			cr.size = st.Size()
		}
	}
	if err := cr.readHeader(); err != nil {
		return nil, err
	}
	cr.headerBytes = cr.rr.consumed
	if p := opt.Part; p != nil {
		cr.rr.line = p.FirstLine - 1
		cr.rr.stop = cr.rr.consumed + p.Bytes
	}
	if err := cr.sample(); err != nil {
		return nil, err
	}
	cr.sampleBytes = cr.rr.consumed - cr.headerBytes
	cr.infer()
	return cr, nil
}

// OpenCSV opens a CSV file for batch reading, decompressing it when its name
// ends in ".gz" or its content starts with the gzip magic bytes. Close the
// reader to close the file.
func OpenCSV(path string, opt CSVOptions) (*CSVReader, error) {
	rc, err := openMaybeGzip(path)
	if err != nil {
		return nil, err
	}
	cr, err := NewCSVReader(rc, opt)
	if err != nil {
		rc.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	cr.closer = rc
	return cr, nil
}

// Close closes the file opened by OpenCSV; it does nothing for a reader made
// by NewCSVReader.
func (cr *CSVReader) Close() error {
	if cr.closer == nil {
		return nil
	}
	c := cr.closer
	cr.closer = nil
	return c.Close()
}

// Header returns the header fields in input order (including the ID column).
func (cr *CSVReader) Header() []string { return append([]string(nil), cr.header...) }

// BytesRead returns the number of (decompressed) input bytes consumed so
// far, for progress reports.
func (cr *CSVReader) BytesRead() int64 { return cr.rr.consumed }

// IDName returns the name of the ID column, or "" when there is none.
func (cr *CSVReader) IDName() string { return cr.idName }

// kept returns the Keep fields of a record as Batch.Kept holds them.
func (cr *CSVReader) kept(fields [][]byte) string {
	b := cr.keepBuf[:0]
	for _, i := range cr.keepIdx {
		b = append(b, ',')
		b = appendField(b, string(fields[i]), false)
	}
	cr.keepBuf = b
	return string(b)
}

// hasIDs reports whether the tables have IDs (read or numbered).
func (cr *CSVReader) hasIDs() bool { return cr.idIdx >= 0 || cr.rowIDs }

// Schema returns the kinds the reader settled on, with the ID column.
func (cr *CSVReader) Schema() *Schema {
	s := &Schema{ID: cr.idName}
	for _, c := range cr.cols {
		s.Columns = append(s.Columns, ColumnSchema{Name: c.name, Kind: c.kind})
	}
	return s
}

func (cr *CSVReader) readHeader() error {
	fields, _, line, err := cr.rr.next()
	if errors.Is(err, io.EOF) {
		return ErrEmptyFile
	}
	if err != nil {
		var re *RowError
		if errors.As(err, &re) && errors.Is(err, ErrTooManyColumns) {
			return &ColumnError{Row: -1, Err: fmt.Errorf("header: %w", re.Err)}
		}
		return err
	}
	cr.rr.expect = len(fields)
	seen := make(map[string]bool, len(fields))
	for i, f := range fields {
		name := strings.TrimSpace(string(f))
		if name == "" {
			name = fmt.Sprintf("column%d", i+1)
		}
		if seen[name] {
			return &RowError{Line: line, Column: name, Value: name, Err: ErrDuplicateName}
		}
		seen[name] = true
		cr.header = append(cr.header, name)
	}
	idName := cr.opt.IDColumn
	if idName == "" && cr.opt.Schema != nil {
		idName = cr.opt.Schema.ID
	}
	switch idName {
	case NoID:
	case RowNumbers:
		cr.rowIDs, cr.idName = true, RowNumbers
	case "":
		for i, h := range cr.header {
			for _, want := range defaultIDNames {
				if strings.EqualFold(h, want) && cr.idIdx < 0 {
					cr.idIdx = i
				}
			}
		}
	default:
		for i, h := range cr.header {
			if h == idName {
				cr.idIdx = i
			}
		}
		if cr.idIdx < 0 {
			return &ColumnError{Column: idName, Row: -1, Err: fmt.Errorf("ID column: %w in header", ErrColumnNotFound)}
		}
	}
	if cr.idIdx >= 0 {
		cr.idName = cr.header[cr.idIdx]
	}
	for _, k := range cr.opt.Keep {
		i := slices.Index(cr.header, k)
		if i < 0 {
			return &ColumnError{Column: k, Row: -1, Err: fmt.Errorf("kept column: %w in header", ErrColumnNotFound)}
		}
		cr.keepIdx = append(cr.keepIdx, i)
	}
	if s := cr.opt.Schema; s != nil {
		for _, c := range s.Columns {
			if c.Required && !seen[c.Name] {
				return &ColumnError{Column: c.Name, Row: -1, Err: fmt.Errorf("required column: %w in header", ErrColumnNotFound)}
			}
		}
	}
	var only map[string]bool
	if cr.opt.Columns != nil {
		only = make(map[string]bool, len(cr.opt.Columns))
		for _, c := range cr.opt.Columns {
			if !seen[c] {
				return &ColumnError{Column: c, Row: -1, Err: fmt.Errorf("selected column: %w in header", ErrColumnNotFound)}
			}
			only[c] = true
		}
	}
	for i, h := range cr.header {
		if i == cr.idIdx || (only != nil && !only[h]) {
			continue
		}
		cr.cols = append(cr.cols, colSpec{name: h, field: i, kind: -1})
	}
	return nil
}

// sample buffers up to InferRows records.
func (cr *CSVReader) sample() error {
	for len(cr.pending) < cr.opt.InferRows {
		fields, quoted, line, err := cr.rr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RowError
		if err != nil && !errors.As(err, &re) {
			return fmt.Errorf("line %d: %w", line, err)
		}
		if fatalRow(err) {
			return err
		}
		rec := bufRecord{line: line, err: err}
		if err == nil {
			n := 0
			for _, f := range fields {
				n += len(f)
			}
			rec.data = make([]byte, 0, n)
			rec.ends = make([]int, len(fields))
			for i, f := range fields {
				rec.data = append(rec.data, f...)
				rec.ends[i] = len(rec.data)
			}
			if quoted != nil {
				rec.quoted = append([]bool(nil), quoted...)
			}
		}
		cr.pending = append(cr.pending, rec)
	}
	if len(cr.pending) == 0 {
		return ErrNoRows
	}
	return nil
}

func (cr *CSVReader) infer() {
	forced := map[string]Kind{}
	if cr.opt.Schema != nil {
		for _, c := range cr.opt.Schema.Columns {
			forced[c.Name] = c.Kind
		}
	}
	for j := range cr.cols {
		c := &cr.cols[j]
		kind, ok := forced[c.name]
		if !ok {
			num, date, any := true, true, false
			dp := newDateParser(cr.opt.DateLayouts)
			for k := range cr.pending {
				rec := &cr.pending[k]
				if rec.err != nil || len(rec.ends) != len(cr.header) {
					continue
				}
				f := trimSpace(rec.field(c.field))
				if cr.miss.is(f) {
					continue
				}
				any = true
				if num {
					_, num = parseFloat(f)
					num = num && !zeroPadded(f)
				}
				if date {
					_, date = dp.parse(f)
				}
				if !num && !date {
					break
				}
			}
			switch {
			case any && num:
				kind = Numeric
			case any && date:
				kind = Date
			default:
				kind = Categorical
			}
		}
		c.kind = kind
		switch kind {
		case Date:
			c.dates = newDateParser(cr.opt.DateLayouts)
		case Categorical:
			c.intern = map[string]string{}
			c.recent = new([1 << internSlotBits]string)
		}
	}
}

// zeroPadded reports an integer part with a leading zero followed by a
// digit ("007", "-01.5"), a sign of codes rather than quantities.
func zeroPadded(b []byte) bool {
	if len(b) > 0 && (b[0] == '-' || b[0] == '+') {
		b = b[1:]
	}
	return len(b) > 1 && b[0] == '0' && b[1] >= '0' && b[1] <= '9'
}

// record returns the next record, from the inference buffer first.
func (cr *CSVReader) record() (fields [][]byte, quoted []bool, line int, err error) {
	if cr.pendPos < len(cr.pending) {
		rec := cr.pending[cr.pendPos]
		cr.pending[cr.pendPos] = bufRecord{} // let the sample go as it is consumed
		cr.pendPos++
		if rec.err != nil {
			return nil, nil, rec.line, rec.err
		}
		cr.fieldBuf = rec.fields(cr.fieldBuf)
		return cr.fieldBuf, rec.quoted, rec.line, nil
	}
	cr.pending = nil
	fields, quoted, line, err = cr.rr.next()
	if err != nil && !errors.Is(err, io.EOF) {
		var re *RowError
		if !errors.As(err, &re) {
			err = fmt.Errorf("line %d: %w", line, err)
		}
	}
	return fields, quoted, line, err
}

// Next returns the next batch of at most n rows (n <= 0 means
// DefaultBatchRows), or io.EOF when the input is exhausted. In Rejects mode a
// batch also ends after n rejected rows, and may hold rejects only. Without
// Rejects the first bad row ends reading with a *RowError; the reader keeps
// returning that error.
func (cr *CSVReader) Next(n int) (*Batch, error) {
	if cr.err != nil {
		return nil, cr.err
	}
	if n <= 0 {
		n = DefaultBatchRows
	}
	var b *tableBuilder
	var batch *Batch
	select {
	case old := <-cr.free:
		b = cr.reuseBuilder(old.Table, n)
		batch = &Batch{Lines: old.Lines[:0]}
	default:
	}
	if b == nil {
		b = cr.newBuilder(n)
		batch = &Batch{Lines: make([]int, 0, min(n, 1<<22))}
	}
	for b.n < n && len(batch.Rejects) < n {
		fields, quoted, line, err := cr.record()
		if errors.Is(err, io.EOF) {
			break
		}
		if err == nil {
			err = cr.addRow(b, fields, quoted, line)
		}
		if err != nil {
			var re *RowError
			if cr.opt.Rejects && errors.As(err, &re) && !fatalRow(err) {
				batch.Rejects = append(batch.Rejects, re)
				continue
			}
			cr.err = err
			return nil, err
		}
		batch.Lines = append(batch.Lines, line)
		if cr.keepIdx != nil {
			batch.Kept = append(batch.Kept, cr.kept(fields))
		}
	}
	if b.n == 0 && len(batch.Rejects) == 0 {
		cr.err = io.EOF
		return nil, io.EOF
	}
	batch.Table = b.table(cr)
	return batch, nil
}

// Recycle hands back a batch returned by Next that the caller is done with:
// nothing may use its table, columns or lines afterwards (strings taken
// from it stay valid). A later Next reuses its memory instead of
// allocating, so that a long batch job does not keep the garbage collector
// busy. It may be called from another goroutine than Next's; batches
// beyond a few in waiting are left to the collector.
func (cr *CSVReader) Recycle(b *Batch) {
	if b == nil || b.Table == nil {
		return
	}
	select {
	case cr.free <- b:
	default:
	}
}

// reuseBuilder returns a builder writing into the columns of t (a table
// from this reader's Next), or nil when they cannot hold n rows.
func (cr *CSVReader) reuseBuilder(t *Table, n int) *tableBuilder {
	if t == nil || len(t.cols) != len(cr.cols) {
		return nil
	}
	b := &tableBuilder{cols: make([]colData, len(cr.cols)), size: n}
	if cr.hasIDs() {
		if cap(t.IDs) < n {
			return nil
		}
		b.ids = t.IDs[:n]
		if cr.seen == nil {
			b.idEnd = make([]int, n)
			b.idBytes, cr.idSpare = cr.idSpare, nil
		}
	}
	for j, c := range cr.cols {
		col, d := t.cols[j], &b.cols[j]
		switch c.kind {
		case Numeric:
			if cap(col.Num) < n {
				return nil
			}
			d.num = col.Num[:n]
		case Categorical:
			if cap(col.Str) < n {
				return nil
			}
			d.str = col.Str[:n]
		default:
			if cap(col.Time) < n {
				return nil
			}
			d.tm = col.Time[:n]
		}
		if col.Missing != nil {
			if cap(col.Missing) < n {
				return nil
			}
			d.miss = col.Missing[:n] // stale flags are overwritten row by row
		}
	}
	return b
}

// readAll reads every remaining row into one table, checking IDs for
// duplicates.
func (cr *CSVReader) readAll(ctx context.Context) (*Table, []*RowError, error) {
	cr.seen = map[string]int{}
	b := cr.newBuilder(cr.estimateRows())
	var rejects []*RowError
	for k := 1; ; k++ {
		if k%4096 == 0 && ctx.Err() != nil {
			return nil, rejects, fmt.Errorf("dataset: reading stopped at line %d: %w", cr.rr.line, context.Cause(ctx))
		}
		fields, quoted, line, err := cr.record()
		if errors.Is(err, io.EOF) {
			break
		}
		if err == nil {
			err = cr.addRow(b, fields, quoted, line)
		}
		if err != nil {
			var re *RowError
			if cr.opt.Rejects && errors.As(err, &re) && !fatalRow(err) {
				rejects = append(rejects, re)
				continue
			}
			return nil, rejects, err
		}
	}
	return b.table(cr), rejects, nil
}

// estimateRows guesses the number of data rows from the input size and the
// mean length of the sampled rows, to allocate columns once.
func (cr *CSVReader) estimateRows() int {
	n := int64(len(cr.pending))
	if cr.rr.eof && cr.rr.pos == cr.rr.end {
		return int(n) // the sample is all there is
	}
	if cr.size <= 0 || n == 0 || cr.sampleBytes <= 0 {
		return int(n)
	}
	est := (cr.size-cr.headerBytes)*n/cr.sampleBytes + 16
	if est > 1<<31 || est < n {
		return int(n)
	}
	return int(est + est/16)
}

// ReadCSV reads a whole CSV input into a Table. Account IDs must be unique
// (ErrDuplicateID names both lines). In Rejects mode bad rows are skipped;
// use ReadCSVRejects to receive them.
func ReadCSV(r io.Reader, opt CSVOptions) (*Table, error) {
	cr, err := NewCSVReader(r, opt)
	if err != nil {
		return nil, err
	}
	t, _, err := cr.readAll(context.Background())
	return t, err
}

// ReadCSVContext is ReadCSV stopping early, with the context's error, when
// ctx is cancelled, also while a read of r is blocked.
func ReadCSVContext(ctx context.Context, r io.Reader, opt CSVOptions) (*Table, error) {
	cr, err := NewCSVReaderContext(ctx, r, opt)
	if err != nil {
		return nil, err
	}
	t, _, err := cr.readAll(ctx)
	return t, err
}

// ReadCSVRejects reads like ReadCSV with opt.Rejects set and returns the
// rejected rows, in input order, besides the table of good rows.
func ReadCSVRejects(r io.Reader, opt CSVOptions) (*Table, []*RowError, error) {
	opt.Rejects = true
	cr, err := NewCSVReader(r, opt)
	if err != nil {
		return nil, nil, err
	}
	return cr.readAll(context.Background())
}

// ReadCSVFile reads a CSV file, gzip-compressed when its name ends in ".gz"
// (or, whatever the name, when it starts with the gzip magic bytes). Errors
// name the file.
func ReadCSVFile(path string, opt CSVOptions) (*Table, error) {
	cr, err := OpenCSV(path, opt)
	if err != nil {
		return nil, err
	}
	defer cr.Close()
	t, _, err := cr.readAll(context.Background())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return t, nil
}

// fileCloser closes a gzip reader and its file.
type fileCloser struct {
	io.Reader
	size    int64
	closers []io.Closer
}

// Len reports the uncompressed size hint as the remaining length; only
// NewCSVReader's preallocation uses it.
func (f *fileCloser) Len() int { return int(f.size) }

func (f *fileCloser) Close() error {
	var first error
	for _, c := range f.closers {
		if err := c.Close(); err != nil && first == nil {
			first = err
		}
	}
	return first
}

func openMaybeGzip(path string) (io.ReadCloser, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("dataset: %w", err)
	}
	if !strings.HasSuffix(path, ".gz") {
		// gzip data under another name is decompressed too: no text file
		// starts with the gzip magic bytes 1f 8b.
		var magic [2]byte
		if n, _ := f.ReadAt(magic[:], 0); n < 2 || magic != [2]byte{0x1f, 0x8b} {
			return f, nil
		}
	}
	size := gzipSize(f)
	zr, err := gzip.NewReader(f)
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("dataset: %s: %w (%v)", path, ErrNotGzip, err)
	}
	ra := newReadAhead(zr, 256<<10, 4)
	return &fileCloser{Reader: ra, size: size, closers: []io.Closer{ra, zr, f}}, nil
}

// gzipSize reads the uncompressed length (modulo 2^32) from the trailer of a
// single-member gzip file; it is only a hint for preallocation.
func gzipSize(f *os.File) int64 {
	st, err := f.Stat()
	if err != nil || st.Size() < 18 {
		return 0
	}
	var b [4]byte
	if _, err := f.ReadAt(b[:], st.Size()-4); err != nil {
		return 0
	}
	return int64(b[0]) | int64(b[1])<<8 | int64(b[2])<<16 | int64(b[3])<<24
}
