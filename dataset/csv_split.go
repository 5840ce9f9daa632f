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
	first    bool // no line read yet (to strip a UTF-8 byte order mark)

	fields  [][]byte
	quoted  []bool
	scratch []byte
	ends    []int
}

const initialBufSize = 256 << 10

func newRecordReader(r io.Reader, comma byte) *recordReader {
	return &recordReader{r: r, comma: comma, buf: make([]byte, initialBufSize), first: true}
}

// readLine returns the next physical line without its terminator (and
// without a trailing '\r'). It returns io.EOF when the input is exhausted.
func (rr *recordReader) readLine() ([]byte, error) {
	for {
		if i := bytes.IndexByte(rr.buf[rr.pos:rr.end], '\n'); i >= 0 {
			line := rr.buf[rr.pos : rr.pos+i]
			rr.pos += i + 1
			rr.consumed += int64(i + 1)
			return rr.finishLine(line), nil
		}
		if rr.eof {
			if rr.pos < rr.end {
				line := rr.buf[rr.pos:rr.end]
				rr.consumed += int64(rr.end - rr.pos)
				rr.pos = rr.end
				return rr.finishLine(line), nil
			}
			if rr.rerr != nil {
				return nil, rr.rerr
			}
			return nil, io.EOF
		}
		rr.fill()
	}
}

func (rr *recordReader) finishLine(line []byte) []byte {
	rr.line++
	if n := len(line); n > 0 && line[n-1] == '\r' {
		line = line[:n-1]
	}
	if rr.first {
		rr.first = false
		line = bytes.TrimPrefix(line, []byte("\xef\xbb\xbf"))
	}
	return line
}

// fill reads more input, moving unread data to the front of the buffer or
// growing it when a single line does not fit.
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
// it starts. A malformed record gives a *RowError wrapping ErrQuote; the
// reader then resumes after the offending line. Read errors are returned
// as they are; io.EOF marks the end.
func (rr *recordReader) next() (fields [][]byte, quoted []bool, line int, err error) {
	var l []byte
	for {
		l, err = rr.readLine()
		if err != nil {
			return nil, nil, rr.line, err
		}
		if len(l) > 0 {
			break
		}
	}
	line = rr.line
	if bytes.IndexByte(l, '"') < 0 {
		return rr.splitPlain(l), nil, line, nil
	}
	fields, quoted, err = rr.splitQuoted(l, line)
	return fields, quoted, line, err
}

func (rr *recordReader) splitPlain(l []byte) [][]byte {
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
	}
	for ; i < len(l); i++ {
		if l[i] == rr.comma {
			f = append(f, l[start:i])
			start = i + 1
		}
	}
	f = append(f, l[start:])
	rr.fields = f
	return f
}

// splitQuoted parses a record holding quotes; field contents are copied into
// scratch because a quoted field may span several buffer refills.
func (rr *recordReader) splitQuoted(l []byte, startLine int) ([][]byte, []bool, error) {
	s := rr.scratch[:0]
	ends := rr.ends[:0]
	q := rr.quoted[:0]
	i := 0
	for {
		if i < len(l) && l[i] == '"' {
			i++
			for {
				j := bytes.IndexByte(l[i:], '"')
				if j < 0 {
					s = append(s, l[i:]...)
					nl, err := rr.readLine()
					if err != nil {
						rr.scratch, rr.ends, rr.quoted = s, ends, q
						if errors.Is(err, io.EOF) {
							return nil, nil, &RowError{Line: startLine, Err: fmt.Errorf("%w: quoted field not closed before end of input", ErrQuote)}
						}
						return nil, nil, err
					}
					s = append(s, '\n')
					l, i = nl, 0
					continue
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
				break
			}
			if l[i] != rr.comma {
				rr.scratch, rr.ends, rr.quoted = s, ends, q
				return nil, nil, &RowError{Line: rr.line, Err: fmt.Errorf("%w: text after closing quote in field %d", ErrQuote, len(ends))}
			}
			i++
			continue
		}
		j := bytes.IndexByte(l[i:], rr.comma)
		if j < 0 {
			s = append(s, l[i:]...)
			ends = append(ends, len(s))
			q = append(q, false)
			break
		}
		s = append(s, l[i:i+j]...)
		ends = append(ends, len(s))
		q = append(q, false)
		i += j + 1
	}
	f := rr.fields[:0]
	start := 0
	for _, e := range ends {
		f = append(f, s[start:e:e])
		start = e
	}
	rr.scratch, rr.ends, rr.quoted, rr.fields = s, ends, q, f
	return f, q, nil
}
