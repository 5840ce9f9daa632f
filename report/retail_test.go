package report

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"strconv"
	"testing"
	"time"
)

// retail is the per-customer table of the UCI Online Retail data that
// testdata/retail_golden.py derives (and checks against R's derivation in
// survival/testdata/golden.R).
type retail struct {
	first, last, churnDate []time.Time
	churned                []bool
	uk                     []int
	mrrStart, mrrEnd       []float64
	tenure                 []float64 // months from first to last purchase
	end                    time.Time
}

func loadRetail(t *testing.T) *retail {
	t.Helper()
	f, err := os.Open("testdata/retail_customers.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	r := &retail{}
	for _, rec := range recs[1:] {
		first, err1 := time.Parse(time.DateOnly, rec[1])
		last, err2 := time.Parse(time.DateOnly, rec[2])
		s, err3 := strconv.ParseFloat(rec[5], 64)
		e, err4 := strconv.ParseFloat(rec[6], 64)
		for _, err := range []error{err1, err2, err3, err4} {
			if err != nil {
				t.Fatal(err)
			}
		}
		churned := rec[3] == "1"
		var cd time.Time
		if churned {
			cd = last
		}
		r.first, r.last, r.churnDate = append(r.first, first), append(r.last, last), append(r.churnDate, cd)
		r.churned, r.uk = append(r.churned, churned), append(r.uk, map[string]int{"0": 0, "1": 1}[rec[4]])
		r.mrrStart, r.mrrEnd = append(r.mrrStart, s), append(r.mrrEnd, e)
		// R's tenure: whole days / (365.25/12).
		r.tenure = append(r.tenure, last.Sub(first).Hours()/24/(365.25/12))
	}
	r.end = time.Date(2011, 12, 9, 0, 0, 0, 0, time.UTC)
	return r
}

func loadRetailGolden(t *testing.T) map[string]any {
	t.Helper()
	b, err := os.ReadFile("testdata/retail_golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var g map[string]any
	if err := json.Unmarshal(b, &g); err != nil {
		t.Fatal(err)
	}
	return g
}

// closeMoney compares a sum with pandas' naive one: 1e-9 relative.
func closeMoney(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*math.Max(1, math.Abs(want))
}

// Cohorts of the Online Retail customers by first-purchase month, per
// segment (UK or not), with the last purchase as churn date, equal pandas'
// reference (testdata/retail_golden.py).
func TestRetailCohortsMatchReference(t *testing.T) {
	r := loadRetail(t)
	g := loadRetailGolden(t)
	tab, err := Cohorts(CohortInput{Labels: r.uk, Signup: r.first, Churned: r.churned, MRRStart: r.mrrStart,
		MRREnd: r.mrrEnd, ChurnDate: r.churnDate, AsOf: r.end}, CohortConfig{})
	if err != nil {
		t.Fatal(err)
	}
	want := g["cohorts"].([]any)
	if len(tab.Cohorts) != len(want) || !tab.Dated || tab.UnknownSignup != 0 || tab.UndatedChurn != 0 {
		t.Fatalf("%d cohorts (dated %v, unknown %d, undated %d), reference %d", len(tab.Cohorts), tab.Dated, tab.UnknownSignup, tab.UndatedChurn, len(want))
	}
	for k, w := range want {
		w := w.(map[string]any)
		c := tab.Cohorts[k]
		if c.Segment != int(w["segment"].(float64)) || c.Month != w["month"] || c.Accounts != int(w["accounts"].(float64)) || c.Retained != int(w["retained"].(float64)) {
			t.Fatalf("cohort %d: %d %s %d accounts %d retained, reference %v", k, c.Segment, c.Month, c.Accounts, c.Retained, w)
		}
		if lr := float64(c.Retained) / float64(c.Accounts); c.LogoRetention.Value != lr {
			t.Errorf("cohort %d logo retention %v, want %v", k, c.LogoRetention.Value, lr)
		}
		start, end := w["start"].(float64), w["end"].(float64)
		if !closeMoney(c.MRRStart, start) || !closeMoney(c.MRREnd, end) {
			t.Errorf("cohort %s/%d: MRR %v -> %v, reference %v -> %v", c.Month, c.Segment, c.MRRStart, c.MRREnd, start, end)
		}
		if start == 0 {
			if c.RevenueRetention.Valid {
				t.Errorf("cohort %s/%d: revenue retention %v without MRR at start", c.Month, c.Segment, c.RevenueRetention)
			}
		} else if !closeMoney(c.RevenueRetention.Value, end/start) {
			t.Errorf("cohort %s/%d: revenue retention %.15g, reference %.15g", c.Month, c.Segment, c.RevenueRetention.Value, end/start)
		}
		curve := w["curve"].([]any)
		if len(c.Curve) != len(curve) {
			t.Fatalf("cohort %d: curve of %d months, reference %d", k, len(c.Curve), len(curve))
		}
		for m, p := range curve {
			p := p.([]any)
			alive, seen := p[0].(float64), p[1].(float64)
			got := c.Curve[m]
			if got.N != int(seen) || (seen > 0) != got.Valid || seen > 0 && got.Value != alive/seen {
				t.Errorf("cohort %s/%d month %d: %v (n %d), reference %v/%v", c.Month, c.Segment, m, got, got.N, alive, seen)
			}
		}
	}
}

// The MRR bridge of the Online Retail customers (mean monthly spend in
// March-May and September-November 2011) equals pandas' reference, and its
// identity holds.
func TestRetailBridgeMatchesReference(t *testing.T) {
	r := loadRetail(t)
	g := loadRetailGolden(t)
	b, err := Bridge(r.uk, r.mrrStart, r.mrrEnd, nil)
	if err != nil {
		t.Fatal(err)
	}
	rows := append([]BridgeRow{b.Overall}, b.Segments...)
	want := g["bridge"].([]any)
	if len(rows) != len(want) || b.Missing != 0 || b.Conflicts != 0 {
		t.Fatalf("%d rows (missing %d, conflicts %d), reference %d", len(rows), b.Missing, b.Conflicts, len(want))
	}
	for k, w := range want {
		w := w.(map[string]any)
		row := rows[k]
		ints := [][2]int{{row.Segment, int(w["segment"].(float64))}, {row.Accounts, int(w["accounts"].(float64))},
			{row.Expanded, int(w["expanded"].(float64))}, {row.Contracted, int(w["contracted"].(float64))},
			{row.Churned, int(w["churned"].(float64))}, {row.NewAccounts, int(w["new_accounts"].(float64))}}
		for _, p := range ints {
			if p[0] != p[1] {
				t.Errorf("row %d: counts %v", k, ints)
			}
		}
		money := map[string]float64{"start": row.Start, "expansion": row.Expansion, "contraction": row.Contraction,
			"churn": row.Churn, "end": row.End, "new": row.New}
		for name, got := range money {
			if !closeMoney(got, w[name].(float64)) {
				t.Errorf("row %d %s: %.17g, reference %.17g", k, name, got, w[name].(float64))
			}
		}
		checkIdentity(t, row)
	}
	if b.Overall.Churned == 0 || b.Overall.Expanded == 0 || b.Overall.Contracted == 0 || b.Overall.NewAccounts == 0 {
		t.Fatalf("the real data should exercise every movement: %+v", b.Overall)
	}
}

// Lifetimes of the Online Retail customers: the curves and medians equal
// R's survfit on the same tenures (survival/testdata, from golden.R).
func TestRetailLifetimesMatchR(t *testing.T) {
	r := loadRetail(t)
	arr := make([]float64, len(r.mrrEnd))
	for i, m := range r.mrrEnd {
		arr[i] = 12 * m
	}
	lt, err := Lifetimes(r.uk, r.tenure, r.churned, arr, LifetimeConfig{})
	if err != nil {
		t.Fatal(err)
	}
	if len(lt) != 3 || lt[0].Segment != AllSegments || lt[1].Segment != 0 || lt[2].Segment != 1 {
		t.Fatalf("rows %v", lt)
	}
	summ := readTable(t, "../survival/testdata/km_summary.csv")
	steps := readTable(t, "../survival/testdata/km_steps.csv")
	for k, set := range []string{"retail", "retail_uk_0", "retail_uk_1"} {
		l := lt[k]
		for _, s := range summ {
			if s["set"] != set || s["conf_type"] != "log" || s["level"] != "0.95" || s["horizon"] != "0" {
				continue
			}
			for _, f := range []struct {
				name string
				got  Metric
			}{{"median", l.Median}, {"lcl", l.MedianLower}, {"ucl", l.MedianUpper}} {
				want := parseR(t, s[f.name])
				if math.IsNaN(want) != !f.got.Valid || f.got.Valid && math.Abs(f.got.Value-want) > 1e-9*math.Max(1, want) {
					t.Errorf("%s %s: %v, R %v", set, f.name, f.got, want)
				}
			}
			if k == 0 { // R's default horizon for one curve: the last time, as Lifetimes' common one
				if want := parseR(t, s["rmean"]); math.Abs(l.MeanLifetime.Value-want) > 1e-9*want {
					t.Errorf("%s rmean %v, R %v", set, l.MeanLifetime.Value, want)
				}
			}
		}
		i := 0
		for _, s := range steps {
			if s["set"] != set || s["conf_type"] != "log" || s["level"] != "0.95" {
				continue
			}
			p := l.Curve[i]
			if want := parseR(t, s["surv"]); math.Abs(p.Survival-want) > 1e-9 || p.AtRisk != int(parseR(t, s["n_risk"])) {
				t.Errorf("%s step %d: S %v at risk %d, R %v %s", set, i, p.Survival, p.AtRisk, want, s["n_risk"])
			}
			i++
		}
		if i != len(l.Curve) || i < 100 {
			t.Errorf("%s: %d points, R %d", set, len(l.Curve), i)
		}
		if !l.CLV.Valid || !l.RemainingLifetime.Valid || l.CLV.N != l.Accounts-l.Churned {
			t.Errorf("%s: CLV %v remaining %v over %d active accounts", set, l.CLV, l.RemainingLifetime, l.Accounts-l.Churned)
		}
	}
}

func parseR(t *testing.T, s string) float64 {
	t.Helper()
	if s == "NA" {
		return math.NaN()
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
