package dataset

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
)

// recordReader splits CSV input into records. Lines without a quote
// character (the common case) are split in place, a word at a time; the
// others go through an RFC 4180 state machine that handles quoted fields with
// separators, doubled quotes and newlines. Fields returned by next alias
// internal buffers and are valid until the following call.
//
// Conventions, as in encoding/csv: blank lines are skipped; "\r\n" ends a
// line like "\n" (also inside quoted fields, where it becomes "\n"); a quote
// inside an unquoted field is kept literally (like LazyQuotes), but text
// after the closing quote of a quoted field is an error.
//
// A record stays in the buffer until it is complete, so that a broken one
// costs one line only: when a quoted field opened on line L is not closed
// by the end of the input or within maxRecord bytes, or the record it makes
// spans several lines and is malformed or has another field count than the
// header (a stray quote pairing with a later one), line L alone is rejected
// (ErrQuote) and reading resumes at line L+1.
type recordReader struct {
	r     io.Reader
	comma byte
	buf   []byte
	pos   int // start of unread data in buf
	end   int // end of valid data in buf
	eof   bool
	rerr  error // read error to report once buf is drained
	line  int   // physical lines consumed so far
	// consumed counts the input bytes consumed, terminators included.
	consumed int64
	// searched counts the bytes the line search examined; it stays within
	// a small multiple of the input length (tests check the search is
	// linear, also on a line that arrives in many short reads).
	searched int64
	first    bool // no line read yet (to strip a UTF-8 byte order mark)

	// stop, when positive, is the consumed byte count at which next
	// reports the end of input (CSVOptions.Part).
	stop int64

	// maxRecord bounds the bytes of one record and maxFields its fields;
	// expect is the header's field count once known (0 before).
	maxRecord int
	maxFields int
	expect    int

	fields  [][]byte
	quoted  []bool
	scratch []byte
	ends    []int
}

const initialBufSize = 256 << 10

func newRecordReader(r io.Reader, comma byte, maxRecord, maxFields int) *recordReader {
	return &recordReader{r: r, comma: comma, buf: make([]byte, min(initialBufSize, maxRecord+1)),
		first: true, maxRecord: maxRecord, maxFields: maxFields}
}

// lineEnd returns the offset, from pos, of the first '\n' at or after
// offset from, reading more input as needed; nl is false for a last line
// without terminator. It returns io.EOF when no byte is left after from, and
// errRecordTooLong when the record would pass maxRecord bytes. The buffer
// may move: slices of it taken before the call are stale after it.
func (rr *recordReader) lineEnd(from int) (n int, nl bool, err error) {
	at := from // bytes before at hold no '\n': each byte is searched once
	for {
		i := bytes.IndexByte(rr.buf[rr.pos+at:rr.end], '\n')
		if i >= 0 {
			rr.searched += int64(i + 1)
			if at+i > rr.maxRecord {
				return 0, false, errRecordTooLong
			}
			return at + i, true, nil
		}
		rr.searched += int64(rr.end - rr.pos - at)
		at = rr.end - rr.pos
		if at > rr.maxRecord {
			return 0, false, errRecordTooLong
		}
		if rr.eof {
			if at > from {
				return at, false, nil
			}
			if rr.rerr != nil {
				return 0, false, rr.rerr
			}
			return 0, false, io.EOF
		}
		rr.fill()
	}
}

// errRecordTooLong is lineEnd's signal; next turns it into an error naming
// the line and the limit.
var errRecordTooLong = errors.New("record too long")

// physLine returns the physical line at buf[pos+from : pos+n] without a trailing
// '\r' (nor, on the first line, a UTF-8 byte order mark).
func (rr *recordReader) physLine(from, n int) []byte {
	line := rr.buf[rr.pos+from : rr.pos+n]
	if k := len(line); k > 0 && line[k-1] == '\r' {
		line = line[:k-1]
	}
	if rr.first && from == 0 {
		line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
	}
	return line
}

// consume drops n bytes and lines physical lines from the buffer.
func (rr *recordReader) consume(n, lines int) {
	rr.pos += n
	rr.consumed += int64(n)
	rr.line += lines
	rr.first = false
}

// fill reads more input, moving unread data to the front of the buffer or
// growing it when a single record does not fit.
func (rr *recordReader) fill() {
	if rr.pos > 0 {
		copy(rr.buf, rr.buf[rr.pos:rr.end])
		rr.end -= rr.pos
		rr.pos = 0
	}
	if rr.end == len(rr.buf) {
		nb := make([]byte, 2*len(rr.buf))
		copy(nb, rr.buf[:rr.end])
		rr.buf = nb
	}
	// Loop over short reads so that one fill adds a useful amount.
	for tries := 0; tries < 100 && rr.end < len(rr.buf); tries++ {
		n, err := rr.r.Read(rr.buf[rr.end:])
		rr.end += n
		if err != nil {
			rr.eof = true
			if !errors.Is(err, io.EOF) {
				rr.rerr = err
			}
			return
		}
		if n > 0 {
			return
		}
	}
	if rr.end < len(rr.buf) {
		// 100 empty reads in a row: give up as bufio does.
		rr.eof, rr.rerr = true, io.ErrNoProgress
	}
}

// next returns the fields of the next non-blank record and the line on which
// it starts. A malformed record gives a *RowError wrapping ErrQuote (or
// ErrTooManyColumns); the reader then resumes after the offending line. A
// record longer than maxRecord bytes is a *RowError wrapping
// ErrRecordTooLong after which the reader cannot go on. Read errors are
// returned as they are; io.EOF marks the end.
func (rr *recordReader) next() (fields [][]byte, quoted []bool, line int, err error) {
	for {
		if rr.stop > 0 && rr.consumed >= rr.stop {
			return nil, nil, rr.line, io.EOF
		}
		n, nl, err := rr.lineEnd(0)
		if err == errRecordTooLong {
			return nil, nil, rr.line + 1, rr.tooLong(rr.line + 1)
		}
		if err != nil {
			return nil, nil, rr.line, err
		}
		adv := n
		if nl {
			adv++
		}
		l := rr.physLine(0, n)
		if len(l) == 0 {
			rr.consume(adv, 1)
			continue
		}
		line = rr.line + 1
		if bytes.IndexByte(l, '"') < 0 {
			rr.consume(adv, 1)
			fields, err = rr.splitPlain(l, line)
			return fields, nil, line, err
		}
		fields, quoted, err = rr.quotedRecord(l, adv, line)
		return fields, quoted, line, err
	}
}

// tooLong is the error of a record past maxRecord bytes.
func (rr *recordReader) tooLong(line int) error {
	return &RowError{Line: line, Err: fmt.Errorf("%w: more than %d bytes without the record ending (CSVOptions.MaxRecordBytes)",
		ErrRecordTooLong, rr.maxRecord)}
}

// quotedRecord splits the record starting with line l (adv bytes with its
// terminator, at pos) that holds a quote, reading its continuation lines
// while a quoted field is open. The record is consumed only once complete;
// a broken one consumes its first line alone (see recordReader).
func (rr *recordReader) quotedRecord(l []byte, adv, line int) ([][]byte, []bool, error) {
	rr.scratch, rr.ends, rr.quoted = rr.scratch[:0], rr.ends[:0], rr.quoted[:0]
	open, err := rr.splitLine(l, false, line)
	if !open {
		rr.consume(adv, 1)
		if err != nil {
			return nil, nil, err
		}
		return rr.split()
	}
	size, lines := adv, 1
	for open {
		n, nl, lerr := rr.lineEnd(size)
		if lerr == errRecordTooLong || errors.Is(lerr, io.EOF) {
			where := "before end of input"
			if lerr == errRecordTooLong {
				where = fmt.Sprintf("within %d bytes (CSVOptions.MaxRecordBytes)", rr.maxRecord)
			}
			return nil, nil, rr.resync(adv, fmt.Errorf("%w: quoted field not closed %s", ErrQuote, where))
		}
		if lerr != nil {
			return nil, nil, lerr
		}
		open, err = rr.splitLine(rr.physLine(size, n), true, line+lines)
		size, lines = n, lines+1
		if nl {
			size++
		}
		if err != nil {
			return nil, nil, rr.resync(adv, fmt.Errorf("%w (in a record spanning lines %d-%d)", err, line, line+lines-1))
		}
	}
	if rr.expect > 0 && len(rr.ends) != rr.expect {
		return nil, nil, rr.resync(adv, fmt.Errorf("%w: a quoted field spans lines %d-%d and leaves %d fields, header has %d",
			ErrQuote, line, line+lines-1, len(rr.ends), rr.expect))
	}
	rr.consume(size, lines)
	return rr.split()
}

// resync rejects the first line of a broken multi-line record (adv bytes)
// and leaves the reader on the line after it.
func (rr *recordReader) resync(adv int, err error) error {
	line := rr.line + 1
	rr.consume(adv, 1)
	var re *RowError
	if errors.As(err, &re) {
		err = re.Err
	}
	return &RowError{Line: line, Err: fmt.Errorf("%w; reading resumes at line %d", err, line+1)}
}

// split returns the fields gathered by splitLine.
func (rr *recordReader) split() ([][]byte, []bool, error) {
	f := rr.fields[:0]
	start := 0
	for _, e := range rr.ends {
		f = append(f, rr.scratch[start:e:e])
		start = e
	}
	rr.fields = f
	return f, rr.quoted, nil
}

func (rr *recordReader) splitPlain(l []byte, line int) ([][]byte, error) {
	// Eight bytes at a time: fields are short (a few bytes), so one
	// bytes.IndexByte call per field costs more than the scan itself.
	// Per byte b of w = word XOR the separator, hi7 has the high bit set
	// iff b == 0, without carries between bytes (so no false positives).
	const lo7, hi = 0x7F7F7F7F7F7F7F7F, 0x8080808080808080
	f := rr.fields[:0]
	sep := uint64(rr.comma) * 0x0101010101010101
	start, i := 0, 0
	for ; i+8 <= len(l); i += 8 {
		w := binary.LittleEndian.Uint64(l[i:]) ^ sep
		m := ^(((w & lo7) + lo7) | w | lo7) & hi
		for m != 0 {
			k := i + bits.TrailingZeros64(m)>>3
			f = append(f, l[start:k])
			start = k + 1
			m &= m - 1
		}
		if len(f) > rr.maxFields {
			rr.fields = f
			return nil, rr.tooMany(line)
		}
	}
	for ; i < len(l); i++ {
		if l[i] == rr.comma {
			f = append(f, l[start:i])
			start = i + 1
		}
	}
	f = append(f, l[start:])
	rr.fields = f
	if len(f) > rr.maxFields {
		return nil, rr.tooMany(line)
	}
	return f, nil
}

// tooMany is the error of a record with more than maxFields fields.
func (rr *recordReader) tooMany(line int) error {
	return &RowError{Line: line, Err: fmt.Errorf("%w: more than %d fields (CSVOptions.MaxColumns)", ErrTooManyColumns, rr.maxFields)}
}

// splitLine appends the fields of the physical line l to the record being
// gathered in scratch, ends and quoted; open says that l continues a quoted
// field of the line before. It returns whether a quoted field is still open
// at the end of l. Field contents are copied into scratch because a quoted
// field may span several lines.
func (rr *recordReader) splitLine(l []byte, open bool, line int) (bool, error) {
	s, ends, q := rr.scratch, rr.ends, rr.quoted
	defer func() { rr.scratch, rr.ends, rr.quoted = s, ends, q }()
	i := 0
	if open {
		s = append(s, '\n')
	}
	for {
		if len(ends) > rr.maxFields {
			return false, rr.tooMany(line)
		}
		if open || (i < len(l) && l[i] == '"') {
			if !open {
				i++
			}
			open = false
			for {
				j := bytes.IndexByte(l[i:], '"')
				if j < 0 {
					s = append(s, l[i:]...)
					return true, nil
				}
				s = append(s, l[i:i+j]...)
				i += j + 1
				if i < len(l) && l[i] == '"' {
					s = append(s, '"')
					i++
					continue
				}
				break
			}
			ends = append(ends, len(s))
			q = append(q, true)
			if i == len(l) {
				return false, nil
			}
			if l[i] != rr.comma {
				return false, &RowError{Line: line, Err: fmt.Errorf("%w: text after closing quote in field %d", ErrQuote, len(ends))}
			}
			i++
			continue
		}
		j := bytes.IndexByte(l[i:], rr.comma)
		if j < 0 {
			s = append(s, l[i:]...)
			ends = append(ends, len(s))
			q = append(q, false)
			return false, nil
		}
		s = append(s, l[i:i+j]...)
		ends = append(ends, len(s))
		q = append(q, false)
		i += j + 1
	}
}
