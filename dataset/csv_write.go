package dataset

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// WriteCSV writes t as CSV with a header: the ID column first (when t has
// IDs), then the columns in order. Missing values are empty fields; numbers
// use the shortest text that reads back to the same float64
// (strconv 'g', -1); dates are RFC 3339 in UTC, or plain dates
// ("2006-01-02") when every date of the column is at midnight UTC. Fields
// holding the separator, quotes or line breaks are quoted (RFC 4180), and so
// are categorical values spelling a default missing marker ("NA", "null"...),
// so that ReadCSV with SchemaOf(t) as schema reads the same table back.
// An empty, non-missing categorical value cannot be told from a missing one
// and reads back as missing.
func WriteCSV(w io.Writer, t *Table) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	hasID := t.IDs != nil
	idName := t.IDName
	switch idName {
	case "":
		idName = "id"
	case RowNumbers:
		idName = RowNumberName
	}
	var line []byte
	first := true
	sep := func() {
		if !first {
			line = append(line, ',')
		}
		first = false
	}
	if hasID {
		sep()
		line = appendField(line, idName, false)
	}
	for _, c := range t.cols {
		sep()
		line = appendField(line, c.Name, false)
	}
	line = append(line, '\n')
	if _, err := bw.Write(line); err != nil {
		return fmt.Errorf("dataset: write CSV: %w", err)
	}
	dateOnly := make([]bool, len(t.cols))
	for j, c := range t.cols {
		if c.Kind == Date {
			dateOnly[j] = allMidnight(c)
		}
	}
	single := len(t.cols)+btoi(hasID) == 1
	n := t.Len()
	for i := 0; i < n; i++ {
		line = line[:0]
		first = true
		if hasID {
			sep()
			line = appendField(line, t.IDs[i], false)
		}
		for j, c := range t.cols {
			sep()
			if c.IsMissing(i) {
				if single {
					line = append(line, '"', '"') // a blank line would be skipped
				}
				continue
			}
			switch c.Kind {
			case Numeric:
				line = strconv.AppendFloat(line, c.Num[i], 'g', -1, 64)
			case Categorical:
				line = appendField(line, c.Str[i], true)
			default:
				if dateOnly[j] {
					line = c.Time[i].UTC().AppendFormat(line, "2006-01-02")
				} else {
					line = c.Time[i].UTC().AppendFormat(line, time.RFC3339Nano)
				}
			}
		}
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return fmt.Errorf("dataset: write CSV row %d: %w", i, err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("dataset: write CSV: %w", err)
	}
	return nil
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

func allMidnight(c *Column) bool {
	for i, v := range c.Time {
		if c.IsMissing(i) {
			continue
		}
		v = v.UTC()
		if v.Hour() != 0 || v.Minute() != 0 || v.Second() != 0 || v.Nanosecond() != 0 {
			return false
		}
	}
	return true
}

// appendField appends s, quoted when needed. literal asks to quote values
// that would otherwise read back as missing.
func appendField(dst []byte, s string, literal bool) []byte {
	need := needsQuote(s)
	if !need && literal {
		for _, m := range defaultMissing {
			if s == m {
				need = true
			}
		}
	}
	if !need {
		return append(dst, s...)
	}
	dst = append(dst, '"')
	for i := 0; i < len(s); i++ {
		switch {
		case s[i] == '"':
			dst = append(dst, '"')
		case s[i] == '\n' && i > 0 && s[i-1] == '\r':
			// Readers (this one, encoding/csv) take "\r\n" for a line
			// break, read as "\n": the value's own '\r' needs one more.
			dst = append(dst, '\r')
		}
		dst = append(dst, s[i])
	}
	return append(dst, '"')
}

// WriteCSVFile writes t to path, gzip-compressed when the name ends in
// ".gz". The data go to a temporary file in the same directory, renamed
// over path only once complete, so a failed write never leaves a truncated
// file behind.
func WriteCSVFile(path string, t *Table) error {
	return writeFileAtomic(path, func(w io.Writer) error { return WriteCSV(w, t) })
}

// writeFileAtomic writes through write into a temporary file renamed to
// path on success (gzip-compressed when path ends in ".gz").
func writeFileAtomic(path string, write func(io.Writer) error) (err error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	f, err := os.CreateTemp(dir, "."+base+".tmp*")
	if err != nil {
		return fmt.Errorf("dataset: %w", err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(f.Name())
		}
	}()
	var w io.Writer = f
	var zw *gzip.Writer
	if strings.HasSuffix(path, ".gz") {
		zw = gzip.NewWriter(f)
		w = zw
	}
	if err = write(w); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if zw != nil {
		if err = zw.Close(); err != nil {
			return fmt.Errorf("dataset: %s: %w", path, err)
		}
	}
	if err = f.Chmod(0o644); err != nil {
		return fmt.Errorf("dataset: %w", err)
	}
	if err = f.Close(); err != nil {
		return fmt.Errorf("dataset: %s: %w", path, err)
	}
	if err = os.Rename(f.Name(), path); err != nil {
		return fmt.Errorf("dataset: %w", err)
	}
	return nil
}
