package scoring

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/parquetio"
)

// parquetInput writes n synthetic accounts as a Parquet file: numeric
// columns as DOUBLE (some null), the others as text, logins_per_week as
// text with damaged values ("lots", "1e999") and one account ID holding a
// newline (a record of two lines in the CSV stream, as segmenta score
// numbers them).
func parquetInput(t *testing.T, dir, name string, n int, seed uint64) string {
	t.Helper()
	var buf bytes.Buffer
	if err := synth.WriteAccountsCSV(&buf, synth.Config{N: n, Seed: seed}); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	header := recs[0]
	types := map[string]parquetio.Type{}
	for j, h := range header {
		numeric := true
		for _, r := range recs[1:] {
			if _, err := strconv.ParseFloat(r[j], 64); r[j] != "" && err != nil {
				numeric = false
				break
			}
		}
		if numeric && h != "logins_per_week" {
			types[h] = parquetio.Double
		}
		for i := 1; i < len(recs); i++ {
			switch {
			case h == "logins_per_week" && i%97 == 5:
				recs[i][j] = "lots"
			case h == "logins_per_week" && i%97 == 50:
				recs[i][j] = "1e999"
			case numeric && (i+j)%151 == 0:
				recs[i][j] = "" // null
			case j == 0 && i == 20:
				recs[i][j] += "\nsecond line"
			}
		}
	}
	var data bytes.Buffer
	cw := csv.NewWriter(&data)
	cw.WriteAll(recs)
	var pq bytes.Buffer
	w := parquetio.NewWriter(&pq, types)
	if _, err := w.Write(data.Bytes()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, pq.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// TestParquetEqualsSegmentaScore: Parquet inputs matched by a glob (one
// part per file) give segmenta score's scores and rejects byte for byte,
// line numbers included; rows in = scored + rejected = segmenta score's
// lines; the KPIs count every scored row, with revenue at risk from the
// Parquet mrr_start column.
func TestParquetEqualsSegmentaScore(t *testing.T) {
	model := fitModel(t)
	in := t.TempDir()
	a := parquetInput(t, in, "a.parquet", 3000, 51)
	b := parquetInput(t, in, "b.PARQUET", 1200, 52)
	out := filepath.Join(t.TempDir(), "out")
	sum, err := Run(context.Background(), Config{Inputs: []string{filepath.Join(in, "*")}, Model: model, Out: out,
		PartRecords: 500, MaxRejectRate: 1}, onPrism, 1, false)
	if err != nil {
		t.Fatal(err)
	}
	checkSame(t, out, model, a)
	checkSame(t, out, model, b)
	c := sum.Counts
	if c.Parts != 2 || c.Rows != 4200 || c.Scored+c.Rejected != c.Rows || c.Rejected < 40 || c.Records != 0 {
		t.Errorf("counts %+v: want 2 whole parts, 4200 rows, rejects", c)
	}
	var refRows, accounts, risk int64
	for _, p := range []string{a, b} {
		s, r := segmentaScore(t, model, p)
		refRows += recordCount(t, s) + recordCount(t, r)
	}
	if refRows != c.Rows {
		t.Errorf("segmenta score: %d rows, the job %d", refRows, c.Rows)
	}
	for _, s := range sum.Segments {
		accounts += s.Accounts
		risk += s.Sums.NRisk
	}
	if accounts != c.Scored || risk < c.Scored*9/10 {
		t.Errorf("KPIs: %d accounts (%d with revenue at risk), %d scored", accounts, risk, c.Scored)
	}
}

// recordCount is the number of CSV records after the header (a quoted
// field may hold a newline: lineCount would count it).
func recordCount(t *testing.T, b []byte) int64 {
	t.Helper()
	cr := csv.NewReader(bytes.NewReader(b))
	cr.FieldsPerRecord = -1
	recs, err := cr.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return int64(len(recs)) - 1
}
