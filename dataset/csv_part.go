package dataset

import (
	"errors"
	"fmt"
	"io"
)

// CSVPart is one part of a CSV file, cut by SplitCSV between two records.
type CSVPart struct {
	// Offset is where the part starts in the (decompressed) file, in bytes,
	// and Bytes its length.
	Offset, Bytes int64
	// FirstLine is the 1-based file line on which the part starts.
	FirstLine int
	// Records counts the part's records, good rows and bad ones alike: a
	// reader of the part returns Records rows plus rejects.
	Records int64
}

// CSVSplit is a CSV file cut into parts by SplitCSV.
type CSVSplit struct {
	// HeaderBytes is the length of the header record (with a byte order
	// mark and its line terminator): a reader of a part reads these bytes,
	// then the part (see CSVOptions.Part).
	HeaderBytes int64
	// Parts cover every record after the header, in file order.
	Parts []CSVPart
	// Records is the sum of the parts' Records.
	Records int64
}

// SplitCSV cuts the CSV input r into parts of up to records records each
// (records <= 0 means DefaultBatchRows), at the record boundaries a
// CSVReader with the same options finds: quoted fields holding newlines
// and bad records (which cost one line) are split exactly as reading the
// whole file splits them, so the parts read with CSVOptions.Part give the
// whole file's rows, rejects and line numbers. Only record boundaries are
// found; no field is parsed. Blank lines between parts belong to the later
// part. Errors are those of reading: an input without a header
// (ErrEmptyFile), a record past CSVOptions.MaxRecordBytes, a read error.
// SplitCSV lets a distributed job read one large file in parallel.
func SplitCSV(r io.Reader, opt CSVOptions, records int) (*CSVSplit, error) {
	if err := opt.checkComma(); err != nil {
		return nil, err
	}
	if records <= 0 {
		records = DefaultBatchRows
	}
	rr := opt.recordReader(r)
	fields, _, _, err := rr.next()
	if errors.Is(err, io.EOF) {
		return nil, ErrEmptyFile
	}
	if err != nil {
		return nil, fmt.Errorf("dataset: split CSV: header: %w", err)
	}
	rr.expect = len(fields)
	sp := &CSVSplit{HeaderBytes: rr.consumed}
	cur := CSVPart{Offset: rr.consumed, FirstLine: rr.line + 1}
	for {
		_, _, line, err := rr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *RowError
		if err != nil && (!errors.As(err, &re) || fatalRow(err)) {
			return nil, fmt.Errorf("dataset: split CSV: line %d: %w", line, err)
		}
		cur.Records++
		if cur.Records == int64(records) {
			sp.add(cur, rr.consumed)
			cur = CSVPart{Offset: rr.consumed, FirstLine: rr.line + 1}
		}
	}
	if cur.Records > 0 {
		sp.add(cur, rr.consumed)
	}
	return sp, nil
}

// add appends part p, which ends at byte end.
func (sp *CSVSplit) add(p CSVPart, end int64) {
	p.Bytes = end - p.Offset
	sp.Parts = append(sp.Parts, p)
	sp.Records += p.Records
}

// checkComma fails when Comma cannot separate fields; zero means ','.
func (opt *CSVOptions) checkComma() error {
	if opt.Comma == 0 {
		opt.Comma = ','
	}
	if opt.Comma >= 128 || opt.Comma == '"' || opt.Comma == '\r' || opt.Comma == '\n' {
		return fmt.Errorf("dataset: CSVOptions.Comma %q: want an ASCII character other than quote and newline", opt.Comma)
	}
	return nil
}

// recordReader returns the record reader of r with opt's separator and
// limits (opt.Comma checked).
func (opt *CSVOptions) recordReader(r io.Reader) *recordReader {
	opt.MaxRecordBytes = limit(opt.MaxRecordBytes, DefaultMaxRecordBytes)
	opt.MaxColumns = limit(opt.MaxColumns, DefaultMaxColumns)
	return newRecordReader(r, byte(opt.Comma), opt.MaxRecordBytes, opt.MaxColumns)
}
