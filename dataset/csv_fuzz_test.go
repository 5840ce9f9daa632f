package dataset

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// FuzzReadCSV feeds arbitrary bytes to the reader. It must never panic, and
// whenever encoding/csv (strict quotes) reads the input cleanly: every data
// record ends as a row or a reject, both in ReadCSVRejects and in batches;
// and a table read back from WriteCSV with SchemaOf is the same table.
func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"id,x,c,d\n1,2.5,a,2024-01-02\n2,NA,\"b,c\",2024-01-03 04:05:06\n",
		"a,b\n1,2\n3\n4,5,6\n",
		"x\n\"multi\nline\"\n\"q\"\"q\"\n",
		"id,v\n17850.0,1e999\n17850,NaN\n,3\n",
		"\xef\xbb\xbfa;b\r\n1;2\r\n",
		"",
		"h\n",
		"a,a\n1,2\n",
		"k,t\n1,2000-01-01T00:00:00+01:00\n2,0000-01-01T00:00:00+01:00\n",
		"id,a,b\n1,\"open,2\n3,4,5\n4,\"x\ny\",6\n5,\"z,7\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		opt := CSVOptions{InferRows: 4}
		tb, rejects, err := ReadCSVRejects(bytes.NewReader(data), opt)

		// The reader drops a UTF-8 byte order mark; encoding/csv keeps it.
		cr := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
		cr.FieldsPerRecord = -1
		records, cerr := cr.ReadAll()
		if err != nil {
			var re *RowError
			var ce *ColumnError
			if !errors.Is(err, ErrEmpty) && !errors.As(err, &re) && !errors.As(err, &ce) {
				t.Fatalf("untyped error %v", err)
			}
			return
		}
		// A quoted field spanning lines in a record of another width than
		// the header is taken as a stray quote: its first line is rejected
		// and reading resumes on the next, where encoding/csv reads one
		// record.
		if cerr == nil && !raggedMultiline(records) {
			require.Equal(t, len(records)-1, tb.Len()+len(rejects), "rows + rejects vs data records")
			if len(rejects) == 0 {
				checkCells(t, data, tb, records[1:])
			}
		}

		// Streaming in small batches sees the same rows (IDs aside:
		// duplicates are only checked by ReadCSV).
		nid, nrej, err := ReadCSVRejects(bytes.NewReader(data), CSVOptions{InferRows: 4, IDColumn: NoID})
		require.NoError(t, err)
		sr, err := NewCSVReader(bytes.NewReader(data), CSVOptions{InferRows: 4, IDColumn: NoID, Rejects: true})
		require.NoError(t, err)
		rows, rej := 0, 0
		for {
			b, err := sr.Next(3)
			if errors.Is(err, io.EOF) {
				break
			}
			require.NoError(t, err)
			require.Len(t, b.Lines, b.Table.Len())
			rows += b.Table.Len()
			rej += len(b.Rejects)
		}
		require.Equal(t, nid.Len(), rows)
		require.Equal(t, len(nrej), rej)

		// Write and read back.
		var buf bytes.Buffer
		require.NoError(t, WriteCSV(&buf, tb))
		if tb.Len() == 0 {
			return
		}
		back, err := ReadCSV(&buf, CSVOptions{Schema: SchemaOf(tb), IDColumn: idOrNone(tb)})
		require.NoError(t, err, "reading back:\n%s", buf.String())
		requireTablesEqual(t, tb, back)
	})
}

// raggedMultiline reports a record, other than the header, that holds a
// newline and has another field count than the header.
func raggedMultiline(records [][]string) bool {
	for _, rec := range records[min(1, len(records)):] {
		if len(rec) != len(records[0]) && strings.Contains(strings.Join(rec, ""), "\n") {
			return true
		}
	}
	return false
}

func idOrNone(t *Table) string {
	if t.IDs == nil {
		return NoID
	}
	return t.IDName
}

// checkCells compares every cell with the field encoding/csv read.
func checkCells(t *testing.T, data []byte, tb *Table, records [][]string) {
	cr, err := NewCSVReader(bytes.NewReader(data), CSVOptions{InferRows: 4})
	require.NoError(t, err)
	pos := map[string]int{}
	for i, h := range cr.Header() {
		pos[h] = i
	}
	for i, rec := range records {
		if tb.IDs != nil {
			require.Equal(t, NormalizeID(rec[pos[tb.IDName]]), tb.IDs[i])
		}
		for _, c := range tb.Columns() {
			if c.IsMissing(i) {
				continue
			}
			field := rec[pos[c.Name]]
			switch c.Kind {
			case Categorical:
				require.Equal(t, field, c.Str[i], "row %d column %q", i, c.Name)
			case Numeric:
				want, err := strconv.ParseFloat(strings.Trim(field, " \t"), 64)
				require.NoError(t, err, "row %d column %q: %q", i, c.Name, field)
				require.Equal(t, math.Float64bits(want), math.Float64bits(c.Num[i]), "row %d column %q: %q", i, c.Name, field)
			}
		}
	}
}
