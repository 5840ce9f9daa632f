package dataset

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// partInput has what splitting must not change: a byte order mark, CRLF,
// blank lines, quoted fields holding newlines and separators, a stray
// quote that pairs with a quote lines later (rejected, costing one line),
// an unclosed quote at the end, a ragged row and a value of the wrong kind.
const partInput = "\xef\xbb\xbfid,mrr,note\r\n" +
	"a1,10,plain\r\n" +
	"\r\n" +
	"a2,20,\"two\nlines\"\n" +
	"a3,x,bad number\n" +
	"a4,40,\"comma, inside\"\n" +
	"a5,50,\"stray\n" +
	"a6,60,\"ok\"\n" +
	"a7,70\n" +
	"a8,80,fine\n" +
	"\n\n" +
	"a9,90,\"long\n\nfield\"\n" +
	"a10,100,\"last open\n"

// readBatches reads every batch of r: row IDs with their lines, and
// rejects as "line: error".
func readBatches(t *testing.T, r io.Reader, opt CSVOptions) (rows, rejects []string) {
	t.Helper()
	opt.Rejects = true
	opt.Schema = &Schema{ID: "id", Columns: []ColumnSchema{{Name: "mrr", Kind: Numeric}, {Name: "note", Kind: Categorical}}}
	cr, err := NewCSVReader(r, opt)
	if errors.Is(err, ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		t.Fatal(err)
	}
	err = cr.EachBatch(2, func(b *Batch) error {
		for i, id := range b.Table.IDs {
			rows = append(rows, fmt.Sprintf("%d:%s", b.Lines[i], id))
		}
		for _, re := range b.Rejects {
			rejects = append(rejects, re.Error())
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return rows, rejects
}

// TestSplitCSVPartsReadAsWhole: the parts of SplitCSV, each read as the
// header followed by the file from the part on (CSVOptions.Part), give the
// whole file's rows, rejects and line numbers, for any part size.
func TestSplitCSVPartsReadAsWhole(t *testing.T) {
	wantRows, wantRej := readBatches(t, strings.NewReader(partInput), CSVOptions{})
	if len(wantRows) == 0 || len(wantRej) < 3 {
		t.Fatalf("input should give rows and rejects: %q %q", wantRows, wantRej)
	}
	for records := 1; records <= 12; records++ {
		sp, err := SplitCSV(strings.NewReader(partInput), CSVOptions{}, records)
		if err != nil {
			t.Fatal(err)
		}
		if sp.Records != int64(len(wantRows)+len(wantRej)) {
			t.Errorf("records=%d: %d records in parts, the reader gives %d rows + %d rejects", records, sp.Records, len(wantRows), len(wantRej))
		}
		var rows, rej []string
		end := sp.HeaderBytes
		for _, p := range sp.Parts {
			if p.Offset != end {
				t.Fatalf("records=%d: part at %d, previous ended at %d", records, p.Offset, end)
			}
			end = p.Offset + p.Bytes
			in := io.MultiReader(strings.NewReader(partInput[:sp.HeaderBytes]), strings.NewReader(partInput[p.Offset:]))
			r, j := readBatches(t, in, CSVOptions{Part: &p})
			if int64(len(r)+len(j)) != p.Records {
				t.Errorf("records=%d: part %+v read %d rows + %d rejects", records, p, len(r), len(j))
			}
			rows, rej = append(rows, r...), append(rej, j...)
		}
		if end != int64(len(partInput)) {
			t.Errorf("records=%d: parts end at %d of %d bytes", records, end, len(partInput))
		}
		if strings.Join(rows, " ") != strings.Join(wantRows, " ") || strings.Join(rej, "\n") != strings.Join(wantRej, "\n") {
			t.Errorf("records=%d:\nrows %q\nwant %q\nrejects %q\nwant    %q", records, rows, wantRows, rej, wantRej)
		}
	}
}

// TestSplitCSVRealData splits the real online retail file (gzip) and
// checks that its parts read as the whole.
func TestSplitCSVRealData(t *testing.T) {
	path := filepath.Join("..", "..", "shared", "data", "online_retail.csv.gz")
	rc, err := openMaybeGzip(path)
	if err != nil {
		t.Fatalf("real data (../shared/data) is required: %v", err)
	}
	data, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	data = data[:min(len(data), 4<<20)]
	data = data[:bytes.LastIndexByte(data, '\n')+1]
	opt := CSVOptions{IDColumn: NoID, Rejects: true}
	var sch *Schema
	whole := func(r io.Reader, o CSVOptions) (n, rej int) {
		cr, err := NewCSVReader(r, o)
		if err != nil {
			t.Fatal(err)
		}
		sch = cr.Schema()
		if err := cr.EachBatch(0, func(b *Batch) error { n += b.Table.Len(); rej += len(b.Rejects); return nil }); err != nil {
			t.Fatal(err)
		}
		return n, rej
	}
	wantN, wantRej := whole(bytes.NewReader(data), opt)
	sp, err := SplitCSV(bytes.NewReader(data), opt, 7000)
	if err != nil {
		t.Fatal(err)
	}
	if len(sp.Parts) < 3 || sp.Records != int64(wantN+wantRej) {
		t.Fatalf("%d parts, %d records; the reader gives %d rows + %d rejects", len(sp.Parts), sp.Records, wantN, wantRej)
	}
	n, rej := 0, 0
	for _, p := range sp.Parts {
		o := opt
		o.Part, o.Schema = &p, sch // kinds of the whole file, as scoring fixes them
		pn, pr := whole(io.MultiReader(bytes.NewReader(data[:sp.HeaderBytes]), bytes.NewReader(data[p.Offset:])), o)
		n, rej = n+pn, rej+pr
	}
	if n != wantN || rej != wantRej {
		t.Errorf("parts read %d rows + %d rejects, whole file %d + %d", n, rej, wantN, wantRej)
	}
}

func TestSplitCSVErrors(t *testing.T) {
	if _, err := SplitCSV(strings.NewReader("\n\n"), CSVOptions{}, 10); !errors.Is(err, ErrEmptyFile) {
		t.Errorf("blank input: %v, want ErrEmptyFile", err)
	}
	_, err := SplitCSV(strings.NewReader("id,x\n1,"+strings.Repeat("y", 100)+"\n"), CSVOptions{MaxRecordBytes: 50}, 10)
	if !errors.Is(err, ErrRecordTooLong) {
		t.Errorf("long record: %v, want ErrRecordTooLong", err)
	}
	if _, err := SplitCSV(strings.NewReader("id\n1\n"), CSVOptions{Comma: '"'}, 10); err == nil {
		t.Error("a quote as separator was accepted")
	}
}
