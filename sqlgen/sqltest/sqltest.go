// Package sqltest holds what the tests of generated SQL share across
// databases (PostgreSQL in package sqlgen, DuckDB in its own module): a
// fitted model and synthetic accounts, the input table's definition and
// rows, and the comparison of the database's scores with Go's.
package sqltest

import (
	"bytes"
	"database/sql"
	"fmt"
	"math"
	"strings"

	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/batch"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
)

// Tolerance is the largest difference allowed between a probability
// computed in SQL and Go's.
const Tolerance = 1e-9

// Fixture returns n synthetic accounts (synth, with missing values and
// recording errors) and a model fitted with the defaults on the first
// fifth of them (at least 2,000), saved and loaded back as a model file is.
func Fixture(n int, seed uint64) (*segmenta.Model, *dataset.Table, error) {
	return FixtureWith(n, segmenta.Config{Seed: seed})
}

// FixtureWith is Fixture with the model fitted under cfg (its Seed seeds
// the accounts too).
func FixtureWith(n int, cfg segmenta.Config) (*segmenta.Model, *dataset.Table, error) {
	t, _, err := synth.Generate(synth.Config{N: n, Seed: cfg.Seed})
	if err != nil {
		return nil, nil, err
	}
	fitRows := max(n/5, min(n, 2000))
	m, err := segmenta.Fit(t.Slice(0, fitRows), cfg)
	if err != nil {
		return nil, nil, err
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return nil, nil, err
	}
	m, err = segmenta.Load(&buf)
	return m, t, err
}

// Column is one column of the input table.
type Column struct {
	Name string
	Kind dataset.Kind
}

// Columns returns the input columns of m, the ID first (text).
func Columns(m *segmenta.Model) []Column {
	in := m.Inputs()
	out := []Column{{in.ID, dataset.Categorical}}
	for _, c := range in.Columns {
		out = append(out, Column{c.Name, c.Kind})
	}
	return out
}

// CreateTable returns the CREATE TABLE statement of the input table name
// (double for numeric columns, text for categorical ones, timestamp for
// dates); temp makes it a temporary table.
func CreateTable(name string, cols []Column, double string, temp bool) string {
	defs := make([]string, len(cols))
	for i, c := range cols {
		typ := "TEXT"
		switch c.Kind {
		case dataset.Numeric:
			typ = double
		case dataset.Date:
			typ = "TIMESTAMP"
		}
		defs[i] = `"` + c.Name + `" ` + typ
	}
	kw := "CREATE TABLE "
	if temp {
		kw = "CREATE TEMPORARY TABLE "
	}
	return kw + name + " (" + strings.Join(defs, ", ") + ")"
}

// Rows returns the values of cols for every row of t, nil for a missing
// value: float64, string or time.Time.
func Rows(t *dataset.Table, cols []Column) ([][]any, error) {
	src := make([]*dataset.Column, len(cols))
	for j, c := range cols {
		if j == 0 {
			continue
		}
		col, err := t.Column(c.Name)
		if err != nil {
			return nil, err
		}
		src[j] = col
	}
	rows := make([][]any, t.Len())
	for i := range rows {
		r := make([]any, len(cols))
		r[0] = t.IDs[i]
		for j := 1; j < len(cols); j++ {
			c := src[j]
			if c.IsMissing(i) {
				continue
			}
			switch c.Kind {
			case dataset.Numeric:
				r[j] = c.Num[i]
			case dataset.Date:
				r[j] = c.Time[i]
			default:
				r[j] = c.Str[i]
			}
		}
		rows[i] = r
	}
	return rows, nil
}

// Row is one output row of the generated query.
type Row struct {
	ID                   string
	Segment, Micro       sql.NullInt64
	SegmentName          sql.NullString
	Churn, Upsell        sql.NullFloat64
	RiskBand, Reasons    sql.NullString
	UpsellReasons, Error sql.NullString
}

// Dest returns the scan destinations of r, in the query's column order.
func (r *Row) Dest() []any {
	return []any{&r.ID, &r.Segment, &r.SegmentName, &r.Micro, &r.Churn, &r.Upsell, &r.RiskBand, &r.Reasons, &r.UpsellReasons, &r.Error}
}

// Compare checks the database's rows against Go's scores of the same
// accounts: every account present once, segments, names and bands equal,
// probabilities within Tolerance, reasons equal. It returns the largest
// probability difference and an error describing the first few
// mismatches.
func Compare(want []batch.Score, got []Row) (maxDiff float64, err error) {
	byID := make(map[string]*Row, len(got))
	for i := range got {
		if _, dup := byID[got[i].ID]; dup {
			return 0, fmt.Errorf("account %q twice in the SQL output", got[i].ID)
		}
		byID[got[i].ID] = &got[i]
	}
	if len(got) != len(want) {
		return 0, fmt.Errorf("%d rows from SQL, %d from Go", len(got), len(want))
	}
	var bad []string
	note := func(id, format string, args ...any) {
		if len(bad) < 10 {
			bad = append(bad, fmt.Sprintf("account %s: ", id)+fmt.Sprintf(format, args...))
		} else if len(bad) == 10 {
			bad = append(bad, "...")
		}
	}
	for i := range want {
		w := &want[i]
		g, ok := byID[w.ID]
		switch {
		case !ok:
			note(w.ID, "missing from the SQL output")
			continue
		case g.Error.Valid:
			note(w.ID, "SQL error %q", g.Error.String)
			continue
		}
		if int(g.Segment.Int64) != w.Segment || int(g.Micro.Int64) != w.MicroSegment || g.SegmentName.String != w.SegmentName {
			note(w.ID, "segment %d/%d %q in SQL, %d/%d %q in Go", g.Segment.Int64, g.Micro.Int64, g.SegmentName.String, w.Segment, w.MicroSegment, w.SegmentName)
		}
		for _, p := range []struct {
			name string
			g    sql.NullFloat64
			w    float64
		}{{"churn", g.Churn, w.Churn}, {"upsell", g.Upsell, w.Upsell}} {
			if math.IsNaN(p.w) != !p.g.Valid {
				note(w.ID, "%s %v in SQL, %v in Go", p.name, p.g, p.w)
				continue
			}
			if d := math.Abs(p.g.Float64 - p.w); p.g.Valid && !(d <= Tolerance) {
				note(w.ID, "%s %.17g in SQL, %.17g in Go", p.name, p.g.Float64, p.w)
			} else if p.g.Valid {
				maxDiff = max(maxDiff, d)
			}
		}
		if g.RiskBand.String != w.RiskBand {
			note(w.ID, "risk band %q in SQL, %q in Go", g.RiskBand.String, w.RiskBand)
		}
		if r := strings.Join(w.Reasons, "; "); g.Reasons.String != r {
			note(w.ID, "reasons %q in SQL, %q in Go", g.Reasons.String, r)
		}
		if r := strings.Join(w.UpsellReasons, "; "); g.UpsellReasons.String != r {
			note(w.ID, "upsell reasons %q in SQL, %q in Go", g.UpsellReasons.String, r)
		}
	}
	if len(bad) > 0 {
		return maxDiff, fmt.Errorf("SQL and Go disagree:\n%s", strings.Join(bad, "\n"))
	}
	return maxDiff, nil
}

// Result is what both database/sql's and pgx's query results offer.
type Result interface {
	Next() bool
	Scan(dest ...any) error
	Err() error
}

// Collect scans every row of a scoring query's result.
func Collect(res Result) ([]Row, error) {
	var got []Row
	for res.Next() {
		var r Row
		if err := res.Scan(r.Dest()...); err != nil {
			return nil, err
		}
		got = append(got, r)
	}
	return got, res.Err()
}
