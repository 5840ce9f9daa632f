package report

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset/synth"
	"github.com/segmenta/segmenta/exactsum"
)

// readTable reads a CSV file (a synthetic export, a golden file) as rows
// keyed by header name.
func readTable(t *testing.T, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for j, h := range recs[0] {
			m[h] = r[j]
		}
		out = append(out, m)
	}
	return out
}

// Cohorts of the synthetic multi-table export: the accounts active at the
// cutoff (truth.csv) by segment and signup month, churn dated by
// churn_events.csv in the horizon. Every account is a customer until the
// cutoff, so each curve is 1 while signup + m months is before it; churns
// the export left without an event are the undated ones.
func TestCohortsSynthTables(t *testing.T) {
	dir := t.TempDir()
	cfg := synth.TablesConfig{N: 3000, Seed: 9, EventsPerAccount: 5}
	if err := synth.WriteTables(dir, cfg); err != nil {
		t.Fatal(err)
	}
	period, err := cfg.Period()
	if err != nil {
		t.Fatal(err)
	}
	signup := map[string]time.Time{}
	for _, r := range readTable(t, filepath.Join(dir, "accounts.csv")) {
		signup[r["account_id"]] = day(r["signup_date"])
	}
	churnAt := map[string]time.Time{}
	for _, r := range readTable(t, filepath.Join(dir, "churn_events.csv")) {
		if d := day(r["churned_at"][:10]); !d.Before(period.Cutoff) && d.Before(period.HorizonEnd) {
			churnAt[r["account_id"]] = d
		}
	}
	var in CohortInput
	in.AsOf = period.HorizonEnd
	undated, churned := 0, 0
	for _, r := range readTable(t, filepath.Join(dir, "truth.csv")) {
		id := r["account_id"]
		c := r["churned"] == "1"
		in.Labels = append(in.Labels, map[string]int{"0": 0, "1": 1, "2": 2, "3": 3, "4": 4, "5": 5}[r["segment"]])
		in.Signup = append(in.Signup, signup[id])
		in.Churned = append(in.Churned, c)
		in.ChurnDate = append(in.ChurnDate, churnAt[id])
		if c {
			churned++
			if churnAt[id].IsZero() {
				undated++
			}
		}
	}
	tab, err := Cohorts(in, CohortConfig{Months: 36})
	if err != nil {
		t.Fatal(err)
	}
	if tab.UndatedChurn != undated || undated == 0 || tab.UnknownSignup != 0 {
		t.Fatalf("undated %d (want %d of %d churns), unknown signup %d", tab.UndatedChurn, undated, churned, tab.UnknownSignup)
	}
	accounts, retained, dropped := 0, 0, 0
	for _, c := range tab.Cohorts {
		if c.Segment != AllSegments {
			continue
		}
		accounts += c.Accounts
		retained += c.Retained
		start, _ := time.Parse("2006-01", c.Month)
		for m, v := range c.Curve {
			// Every signup of the month plus m months is before the cutoff.
			if !addMonths(start, m+1).After(period.Cutoff) && (!v.Valid || v.Value != 1) {
				t.Errorf("cohort %s month %d: %v before the cutoff", c.Month, m, v)
			}
			if v.Valid && v.Value < 1 {
				dropped++
			}
		}
	}
	if accounts != len(in.Signup) || retained != len(in.Signup)-churned {
		t.Errorf("%d accounts, %d retained; want %d and %d", accounts, retained, len(in.Signup), len(in.Signup)-churned)
	}
	if dropped == 0 {
		t.Errorf("no curve falls below 1 after the cutoff")
	}
}

// Cohorts of synthetic accounts (synth.Generate; signup = the snapshot
// date minus tenure_months of 30.4375 days) agree with the MRR bridge: the
// cohorts' MRR adds up to the bridge's start and end, and their retained
// accounts to those the bridge does not count as churned.
func TestCohortsSynthAgreeWithBridge(t *testing.T) {
	tab, _, err := synth.Generate(synth.Config{N: 20000, Seed: 21, IncludeTruth: true})
	if err != nil {
		t.Fatal(err)
	}
	col := func(name string) []float64 {
		c, err := tab.Column(name)
		if err != nil {
			t.Fatal(err)
		}
		return c.Num
	}
	ten, ch, seg, s, e := col("tenure_months"), col("churned"), col("true_segment"), col("mrr_start"), col("mrr_end")
	snapshot := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC) // the day after the default End
	n := len(ten)
	in := CohortInput{Labels: make([]int, n), Signup: make([]time.Time, n), Churned: make([]bool, n), MRRStart: s, MRREnd: e}
	for i := range n {
		in.Labels[i], in.Churned[i] = int(seg[i]), ch[i] == 1
		in.Signup[i] = snapshot.Add(-time.Duration(ten[i] * 30.4375 * 24 * float64(time.Hour)))
	}
	co, err := Cohorts(in, CohortConfig{})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Bridge(in.Labels, s, e, in.Churned)
	if err != nil {
		t.Fatal(err)
	}
	var start, end exactsum.Acc
	retained, months := 0, 0
	for _, c := range co.Cohorts {
		if c.Segment == AllSegments {
			start.Add(c.MRRStart)
			end.Add(c.MRREnd)
			retained += c.Retained
			months++
		}
	}
	if !closeMoney(start.Sum(), b.Overall.Start) || !closeMoney(end.Sum(), b.Overall.End) {
		t.Errorf("cohorts' MRR %v -> %v, bridge %v -> %v", start.Sum(), end.Sum(), b.Overall.Start, b.Overall.End)
	}
	if retained != b.Overall.Accounts-b.Overall.Churned || months < 24 {
		t.Errorf("%d retained over %d months, bridge %d", retained, months, b.Overall.Accounts-b.Overall.Churned)
	}
}
