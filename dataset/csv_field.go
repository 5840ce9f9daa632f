package dataset

import "strings"

// AppendCSVField appends s to dst as one CSV field, as WriteCSV writes
// account IDs and column names: quoted (RFC 4180) when it holds a comma,
// a quote or a line break, is empty, starts or ends with a blank or a tab,
// or starts with a byte order mark, so that ReadCSV (and encoding/csv with
// TrimLeadingSpace off) reads the same string back.
func AppendCSVField(dst []byte, s string) []byte { return appendField(dst, s, false) }

// CSVNeedsQuote reports whether AppendCSVField quotes s.
func CSVNeedsQuote(s string) bool { return needsQuote(s) }

// needsQuote reports whether s must be quoted to read back as itself.
func needsQuote(s string) bool {
	return s == "" || strings.ContainsAny(s, ",\"\r\n") || s[0] == ' ' || s[0] == '\t' ||
		s[len(s)-1] == ' ' || s[len(s)-1] == '\t' ||
		// A byte order mark opening the file would be dropped on reading.
		strings.HasPrefix(s, "\ufeff")
}
