package sqlgen_test

import (
	"context"
	"math"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/segmenta/segmenta"
	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/features"
	"github.com/segmenta/segmenta/sqlgen"
	"github.com/segmenta/segmenta/sqlgen/sqltest"
)

// edgeSpec uses every transform the synthetic default does not: clipping,
// winsorizing, robust scaling, one-hot and ordinal buckets, mean
// imputation, impute "none", rare levels, a level cap, numeric codes as
// categories, a date and a ratio.
func edgeSpec() *features.Spec {
	yes := true
	return &features.Spec{ID: "account_id", Columns: []features.ColumnSpec{
		{Name: "employees", Role: "numeric", Clip: []float64{5, 5000}, Log1p: true},
		{Name: "mrr_start", Role: "numeric", Winsorize: []float64{0.05, 0.95}, Scale: "robust"},
		{Name: "tenure_months", Role: "numeric", Buckets: []float64{6, 12, 24}},
		{Name: "logins_per_week", Role: "numeric", Buckets: []float64{1, 3, 5}, BucketEncoding: "ordinal"},
		{Name: "csat", Role: "numeric", Impute: "mean", MissingIndicator: &yes},
		{Name: "seats_used", Role: "numeric", Impute: "none", Log1p: true},
		{Name: "plan", Role: "categorical", MinFrequency: 0.2},
		{Name: "industry", Role: "categorical", MaxLevels: 3},
		{Name: "nps", Role: "categorical"},
		{Name: "signup", Role: "date"},
		{Name: "churned", Role: "outcome"},
		{Name: "upsold", Role: "outcome"},
	}, Ratios: []features.RatioSpec{{Name: "utilisation", Numerator: "seats_used", Denominator: "seats_purchased"}}}
}

// edgeTable is n synthetic accounts with a signup date (some missing).
func edgeTable(t *testing.T, n int) *dataset.Table {
	t.Helper()
	tbl, _, err := synth.Generate(synth.Config{N: n, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	ten, _ := tbl.Numeric("tenure_months")
	dates := make([]time.Time, n)
	miss := make([]bool, n)
	ref := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for i := range dates {
		// Fractions of a day, so that the hours and the rest both count.
		dates[i] = ref.Add(-time.Duration(ten.Num[i]*30.4*24*float64(time.Hour)) - time.Duration(i%97)*time.Minute*13)
		miss[i] = i%53 == 0
	}
	if err := tbl.AddDate("signup", dates, miss); err != nil {
		t.Fatal(err)
	}
	return tbl
}

// TestPostgresEdgeCases fits a model with edgeSpec and scores accounts
// with what the fit never saw (unseen levels, values beyond the clip
// bounds, negative values under log1p, a zero denominator) and rows Go
// refuses (a missing value in the impute-"none" column), in PostgreSQL:
// the scorable rows equal Go's, the others carry an error naming the
// column and NULL scores.
func TestPostgresEdgeCases(t *testing.T) {
	conn := pgConn(t)
	tbl := edgeTable(t, 3000)
	m, err := segmenta.Fit(tbl.Slice(0, 2000), segmenta.Config{Spec: edgeSpec(), Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	// The fitted pipeline really holds each transform under test.
	has := map[string]bool{}
	for _, st := range m.Pipeline().Steps() {
		has[st.Source] = has[st.Source] || st.Width > 0
		has["clip"] = has["clip"] || st.Clip
		has["buckets"] = has["buckets"] || (st.Buckets != nil && st.OneHot)
		has["ordinal"] = has["ordinal"] || (st.Buckets != nil && st.Value)
		has["rare"] = has["rare"] || len(st.Rare) > 0
	}
	for _, k := range []string{"date", "ratio", "categorical", "clip", "buckets", "ordinal", "rare"} {
		if !has[k] {
			t.Fatalf("the fitted pipeline has no %s step: %+v", k, m.Pipeline().Steps())
		}
	}
	score := tbl.Slice(2000, 3000)
	cols := sqltest.Columns(m)
	rows, err := sqltest.Rows(score, cols)
	if err != nil {
		t.Fatal(err)
	}
	idx := map[string]int{}
	for j, c := range cols {
		idx[c.Name] = j
	}
	refused := map[string]bool{}
	var keep []int
	for i, r := range rows {
		switch i % 10 {
		case 1:
			r[idx["plan"]] = "never-seen"
			r[idx["nps"]] = 11.0
		case 2:
			r[idx["employees"]] = -50.0
			r[idx["seats_purchased"]] = 0.0
		case 3:
			r[idx["employees"]] = 1e7
			r[idx["mrr_start"]] = -1e6
		case 4:
			r[idx["seats_used"]] = nil
			refused[r[0].(string)] = true
		}
		if i%10 != 4 {
			keep = append(keep, i)
		}
	}
	goTbl, err := tableOf(rows, cols, m.IDColumn())
	if err != nil {
		t.Fatal(err)
	}
	want, err := m.Score(goTbl.Subset(keep))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := conn.Exec(ctx, "SET jit = off"); err != nil {
		t.Fatal(err)
	}
	if _, err := conn.Exec(ctx, sqltest.CreateTable("edge_accounts", cols, "DOUBLE PRECISION", true)); err != nil {
		t.Fatal(err)
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.Name
	}
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{"edge_accounts"}, names, pgx.CopyFromRows(rows)); err != nil {
		t.Fatal(err)
	}
	q, err := sqlgen.Generate(m.ScoringParts(), sqlgen.Options{Table: "edge_accounts"})
	if err != nil {
		t.Fatal(err)
	}
	res, err := conn.Query(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	var got []sqltest.Row
	nRefused := 0
	for res.Next() {
		var r sqltest.Row
		if err := res.Scan(r.Dest()...); err != nil {
			t.Fatal(err)
		}
		if refused[r.ID] {
			nRefused++
			if !r.Error.Valid || r.Error.String != `column "seats_used": missing value (impute none)` || r.Churn.Valid || r.Segment.Valid {
				t.Errorf("refused account %s: %+v", r.ID, r)
			}
			continue
		}
		got = append(got, r)
	}
	if err := res.Err(); err != nil {
		t.Fatal(err)
	}
	if nRefused != len(refused) || len(refused) != 100 {
		t.Fatalf("%d refused rows in the SQL output, %d expected (100)", nRefused, len(refused))
	}
	if _, err := sqltest.Compare(want, got); err != nil {
		t.Fatal(err)
	}
}

// tableOf builds a dataset.Table from rows in the layout of sqltest.Rows.
func tableOf(rows [][]any, cols []sqltest.Column, id string) (*dataset.Table, error) {
	ids := make([]string, len(rows))
	for i, r := range rows {
		ids[i] = r[0].(string)
	}
	t := dataset.NewTable(id, ids)
	for j, c := range cols[1:] {
		col := &dataset.Column{Name: c.Name, Kind: c.Kind, Missing: make([]bool, len(rows))}
		for i, r := range rows {
			v := r[j+1]
			col.Missing[i] = v == nil
			switch c.Kind {
			case dataset.Numeric:
				f, _ := v.(float64)
				if v == nil {
					f = math.NaN()
				}
				col.Num = append(col.Num, f)
			case dataset.Date:
				tm, _ := v.(time.Time)
				col.Time = append(col.Time, tm)
			default:
				s, _ := v.(string)
				col.Str = append(col.Str, s)
			}
		}
		if err := t.AddColumn(col); err != nil {
			return nil, err
		}
	}
	return t, nil
}
