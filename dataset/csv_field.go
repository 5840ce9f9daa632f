package dataset

import "strings"

// AppendCSVField appends s to dst as one CSV field, as WriteCSV writes
// account IDs and column names: quoted (RFC 4180) when it holds a comma,
// a quote or a line break, is empty, starts or ends with a blank or a tab,
// or starts with a byte order mark, so that a CSV reader (encoding/csv with
// TrimLeadingSpace off) reads the same string back. ReadCSV still trims the
// blanks around an ID, whether quoted or not.
func AppendCSVField(dst []byte, s string) []byte { return appendField(dst, s, false) }

// CSVNeedsQuote reports whether AppendCSVField quotes s.
func CSVNeedsQuote(s string) bool { return needsQuote(s) }

// needsQuote reports whether s must be quoted to read back as itself. One
// pass over the bytes: it runs once per ID of every scored account.
func needsQuote(s string) bool {
	if s == "" || s[0] == ' ' || s[0] == '\t' || s[len(s)-1] == ' ' || s[len(s)-1] == '\t' ||
		// A byte order mark opening the file would be dropped on reading.
		strings.HasPrefix(s, "\ufeff") {
		return true
	}
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ',', '"', '\r', '\n':
			return true
		}
	}
	return false
}
