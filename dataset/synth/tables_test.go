package synth

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// export is a written export read back: every table as records by column
// name.
type export struct {
	period TablesPeriod
	tables map[string][]map[string]string
}

func readExport(t *testing.T, dir string, cfg TablesConfig) *export {
	t.Helper()
	p, err := cfg.Period()
	require.NoError(t, err)
	ex := &export{period: p, tables: map[string][]map[string]string{}}
	for _, name := range TableNames() {
		path := filepath.Join(dir, name+".csv")
		var r io.Reader
		f, err := os.Open(path)
		if os.IsNotExist(err) {
			f, err = os.Open(path + ".gz")
			require.NoError(t, err)
			zr, err := gzip.NewReader(f)
			require.NoError(t, err)
			r = zr
		} else {
			require.NoError(t, err)
			r = f
		}
		recs, err := csv.NewReader(r).ReadAll()
		f.Close()
		require.NoError(t, err, name)
		require.Equal(t, TableColumns(name), recs[0], name)
		rows := make([]map[string]string, len(recs)-1)
		for i, rec := range recs[1:] {
			rows[i] = map[string]string{}
			for j, col := range recs[0] {
				rows[i][col] = rec[j]
			}
		}
		ex.tables[name] = rows
	}
	return ex
}

func writeExport(t *testing.T, cfg TablesConfig) (string, *export) {
	t.Helper()
	dir := t.TempDir()
	require.NoError(t, WriteTables(dir, cfg))
	return dir, readExport(t, dir, cfg)
}

func parseDate(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.DateOnly, s)
	require.NoError(t, err, s)
	return d
}

func parseTime(t *testing.T, s string) time.Time {
	t.Helper()
	d, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err, s)
	return d
}

func parseFloat(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	require.NoError(t, err, s)
	return v
}

// TestTablesDeterministic: the same config gives the same bytes, whatever
// GOMAXPROCS; another seed gives other bytes.
func TestTablesDeterministic(t *testing.T) {
	cfg := TablesConfig{N: 2*chunkEvents + 7, Seed: 5, EventsPerAccount: 20, Messy: true}
	read := func(dir string) map[string][]byte {
		out := map[string][]byte{}
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			b, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(t, err)
			out[e.Name()] = b
		}
		return out
	}
	write := func(cfg TablesConfig, procs int) map[string][]byte {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		dir := t.TempDir()
		require.NoError(t, WriteTables(dir, cfg))
		return read(dir)
	}
	a := write(cfg, 1)
	require.Len(t, a, len(TableNames())+1, "tables and README")
	assert.Equal(t, a, write(cfg, 4))
	b := write(TablesConfig{N: cfg.N, Seed: 6, EventsPerAccount: 20, Messy: true}, 2)
	assert.NotEqual(t, a["usage_events.csv"], b["usage_events.csv"])

	// Gzip holds the same bytes; a smaller N is a prefix of the accounts.
	cfg.Gzip = true
	z := write(cfg, 2)
	for _, n := range TableNames() {
		zr, err := gzip.NewReader(bytes.NewReader(z[n+".csv.gz"]))
		require.NoError(t, err)
		plain, err := io.ReadAll(zr)
		require.NoError(t, err)
		require.Equal(t, a[n+".csv"], plain, n)
	}
	small := write(TablesConfig{N: 10, Seed: 5, EventsPerAccount: 20, Messy: true}, 2)
	assert.True(t, bytes.HasPrefix(a["accounts.csv"], small["accounts.csv"]))
}

func TestTablesConfig(t *testing.T) {
	for _, cfg := range []TablesConfig{{N: -1}, {EventsPerAccount: -1}, {EventsPerAccount: math.NaN()}, {HistoryMonths: 3}, {Separation: -1}} {
		_, err := cfg.Period()
		assert.ErrorIs(t, err, ErrConfig, "%+v", cfg)
		assert.ErrorIs(t, WriteTables(t.TempDir(), cfg), ErrConfig)
	}
	p, err := TablesConfig{}.Period()
	require.NoError(t, err)
	assert.Equal(t, TablesPeriod{
		HistoryStart: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC),
		Cutoff:       time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC),
		HorizonEnd:   time.Date(2025, 9, 29, 0, 0, 0, 0, time.UTC),
		DataEnd:      time.Date(2025, 10, 6, 0, 0, 0, 0, time.UTC),
	}, p)
	p, err = TablesConfig{Cutoff: time.Date(2024, 3, 1, 17, 0, 0, 0, time.UTC), HistoryMonths: 6}.Period()
	require.NoError(t, err)
	assert.Equal(t, time.Date(2023, 9, 1, 0, 0, 0, 0, time.UTC), p.HistoryStart)
	assert.Equal(t, time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC), p.Cutoff)
}

// TestTablesIntegrity checks keys, foreign keys, subscription rows and time
// bounds; with Messy, exactly the deliberate flaws break them.
func TestTablesIntegrity(t *testing.T) {
	for _, cfg := range []TablesConfig{{N: 3000, Seed: 11, EventsPerAccount: 30}, {N: 3000, Seed: 11, EventsPerAccount: 30, Messy: true}} {
		messy := cfg.Messy
		_, ex := writeExport(t, cfg)
		p := ex.period
		accounts := map[string]bool{}
		for _, r := range ex.tables["accounts"] {
			require.False(t, accounts[r["account_id"]], "duplicate account %s", r["account_id"])
			accounts[r["account_id"]] = true
			require.NotEmpty(t, r["contact_email"])
			require.True(t, parseDate(t, r["signup_date"]).Before(p.Cutoff))
		}
		require.Len(t, accounts, cfg.N)

		subs := map[string]string{} // subscription -> account
		byAccount := map[string][][2]time.Time{}
		var overlaps int
		for _, r := range ex.tables["subscriptions"] {
			id, acct := r["subscription_id"], r["account_id"]
			require.True(t, accounts[acct], "subscription %s of unknown account %s", id, acct)
			_, dup := subs[id]
			require.False(t, dup, "duplicate subscription %s", id)
			subs[id] = acct
			require.GreaterOrEqual(t, parseFloat(t, r["seats"]), 1.0, id)
			require.Greater(t, parseFloat(t, r["mrr"]), 0.0, id)
			start := parseDate(t, r["start_date"])
			end := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
			if r["end_date"] != "" {
				end = parseDate(t, r["end_date"])
			}
			require.True(t, end.After(start), "subscription %s ends before it starts", id)
			require.True(t, start.Before(p.DataEnd), id)
			for _, iv := range byAccount[acct] {
				if start.Before(iv[1]) && iv[0].Before(end) {
					overlaps++
				}
			}
			byAccount[acct] = append(byAccount[acct], [2]time.Time{start, end})
		}
		require.Len(t, byAccount, cfg.N, "every account has a subscription")

		var orphans, late, dups int
		seen := map[string]bool{}
		for _, r := range ex.tables["usage_events"] {
			tm := parseTime(t, r["timestamp"])
			if seen[r["event_id"]] {
				dups++
				continue
			}
			seen[r["event_id"]] = true
			if _, ok := subs[r["subscription_id"]]; !ok {
				orphans++
				continue
			}
			if !tm.Before(p.DataEnd) {
				late++
				continue
			}
			require.False(t, tm.Before(p.HistoryStart), r["event_id"])
		}
		var orphanTickets int
		for _, r := range ex.tables["tickets"] {
			if !accounts[r["account_id"]] {
				orphanTickets++
				continue
			}
			opened := parseTime(t, r["opened_at"])
			require.True(t, !opened.Before(p.HistoryStart) && opened.Before(p.DataEnd), r["ticket_id"])
			if r["closed_at"] != "" {
				require.False(t, parseTime(t, r["closed_at"]).Before(opened), r["ticket_id"])
			}
			if s := r["satisfaction"]; s != "" {
				v := parseFloat(t, s)
				require.True(t, v >= 1 && v <= 5 && v == math.Trunc(v), r["ticket_id"])
			}
		}
		for _, table := range []string{"invoices", "touchpoints", "opportunities", "churn_events", "truth"} {
			for _, r := range ex.tables[table] {
				require.True(t, accounts[r["account_id"]], "%s of unknown account %s", table, r["account_id"])
			}
		}
		for _, r := range ex.tables["invoices"] {
			require.Greater(t, parseFloat(t, r["amount"]), 0.0)
			require.False(t, parseDate(t, r["issued_at"]).Before(p.HistoryStart))
		}
		flaws := []int{orphans, late, dups, orphanTickets, overlaps}
		t.Logf("messy %v: orphan events, late events, duplicates, orphan tickets, overlaps: %v", messy, flaws)
		// Exactly the flaws the generator drew.
		ts, err := cfg.settings()
		require.NoError(t, err)
		tg := newTablesGen(ts)
		want := make([]int, 5)
		for i := range cfg.N {
			x := tg.account(i)
			for k, f := range []bool{x.orphanEvent && len(x.usage) > 0, x.lateEvent && len(x.usage) > 0, x.dupEvent, x.orphanTicket, x.overlap} {
				if f {
					want[k]++
				}
			}
		}
		assert.Equal(t, want, flaws)
		for k, n := range flaws {
			if messy {
				assert.Positive(t, n, "flaw %d", k)
			} else {
				assert.Zero(t, n, "flaw %d", k)
			}
		}
	}
}

// mrrAt sums the MRR of the subscriptions active at d (start <= d < end).
func mrrAt(t *testing.T, subs []map[string]string, d time.Time) float64 {
	var m float64
	for _, r := range subs {
		if parseDate(t, r["start_date"]).After(d) {
			continue
		}
		if r["end_date"] != "" && !parseDate(t, r["end_date"]).After(d) {
			continue
		}
		m += parseFloat(t, r["mrr"])
	}
	return m
}

// TestTablesLabels recomputes the hidden labels from the tables alone, by
// the documented rules, and checks them against truth.csv; and that the
// truth is that of the account table of Generate.
func TestTablesLabels(t *testing.T) {
	cfg := TablesConfig{N: 4000, Seed: 17, EventsPerAccount: 30, Messy: true}
	_, ex := writeExport(t, cfg)
	p := ex.period
	subs := map[string][]map[string]string{}
	for _, r := range ex.tables["subscriptions"] {
		subs[r["account_id"]] = append(subs[r["account_id"]], r)
	}
	churnEvent := map[string]bool{}
	for _, r := range ex.tables["churn_events"] {
		d := parseDate(t, r["churned_at"])
		if !d.Before(p.Cutoff) && d.Before(p.HorizonEnd) {
			churnEvent[r["account_id"]] = true
		}
	}
	truth := map[string]map[string]string{}
	for _, r := range ex.tables["truth"] {
		truth[r["account_id"]] = r
	}
	var active, churned, upsold, fromEventOnly, fromSubsOnly int
	for _, r := range ex.tables["accounts"] {
		id := r["account_id"]
		ss := subs[id]
		m0, m1 := mrrAt(t, ss, p.Cutoff), mrrAt(t, ss, p.HorizonEnd)
		tr, ok := truth[id]
		require.Equal(t, m0 > 0, ok, "account %s: active at the cutoff iff in truth.csv", id)
		if !ok {
			continue
		}
		active++
		ended := m1 == 0
		churn := churnEvent[id] || ended
		upgrade := false
		for _, s := range ss {
			d := parseDate(t, s["start_date"])
			if s["change"] == "upgrade" && d.After(p.Cutoff) && d.Before(p.HorizonEnd) {
				upgrade = true
			}
		}
		upsell := !churn && (m1 >= 1.1*m0 || upgrade)
		require.Equal(t, tr["churned"] == "1", churn, "account %s: churn", id)
		require.Equal(t, tr["upsold"] == "1", upsell, "account %s: upsell (MRR %v -> %v)", id, m0, m1)
		if churn {
			churned++
			if !churnEvent[id] {
				fromSubsOnly++
			}
			if !ended {
				fromEventOnly++
			}
		}
		if upsell {
			upsold++
		}
	}
	t.Logf("active %d of %d; churned %d (%d without a churn event); upsold %d", active, cfg.N, churned, fromSubsOnly, upsold)
	assert.Positive(t, fromSubsOnly, "some churns show only in subscriptions")
	assert.Zero(t, fromEventOnly, "a churned account has no active subscription at the horizon's end")

	// The truth is the account table's, for the accounts still active.
	acct, tr, err := Generate(Config{N: cfg.N, Seed: cfg.Seed, Start: p.Cutoff.AddDate(-1, 0, 0), End: p.Cutoff.AddDate(0, 0, -1)})
	require.NoError(t, err)
	churnCol, upCol := numCol(t, acct, "churned"), numCol(t, acct, "upsold")
	for i, id := range acct.IDs {
		r, ok := truth[id]
		if !ok {
			continue
		}
		require.Equal(t, strconv.Itoa(tr.Segment[i]), r["segment"], id)
		require.Equal(t, tr.ChurnProb[i], parseFloat(t, r["churn_prob"]), id)
		require.Equal(t, tr.UpsellProb[i], parseFloat(t, r["upsell_prob"]), id)
		require.Equal(t, churnCol.Num[i], parseFloat(t, r["churned"]), id)
		require.Equal(t, upCol.Num[i], parseFloat(t, r["upsold"]), id)
	}
}

// TestTablesSignal checks that the exact columns of the true churn model
// can be read off the tables at the cutoff (tickets in the 90 days before,
// whole days since the last usage through the subscription bridge, billing,
// tenure), and that the truth's churn AUC is what the model implies.
func TestTablesSignal(t *testing.T) {
	cfg := TablesConfig{N: 6000, Seed: 23, EventsPerAccount: 30}
	_, ex := writeExport(t, cfg)
	p := ex.period
	acct, _, err := Generate(Config{N: cfg.N, Seed: cfg.Seed, Clean: true, Start: p.Cutoff.AddDate(-1, 0, 0), End: p.Cutoff.AddDate(0, 0, -1)})
	require.NoError(t, err)
	row := map[string]int{}
	for i, id := range acct.IDs {
		row[id] = i
	}
	subAcct := map[string]string{}
	billing := map[string]string{}
	firstStart := map[string]time.Time{}
	for _, r := range ex.tables["subscriptions"] {
		subAcct[r["subscription_id"]] = r["account_id"]
		billing[r["account_id"]] = r["billing"]
		d := parseDate(t, r["start_date"])
		if f, ok := firstStart[r["account_id"]]; !ok || d.Before(f) {
			firstStart[r["account_id"]] = d
		}
	}
	lastUse := map[string]time.Time{}
	for _, r := range ex.tables["usage_events"] {
		tm := parseTime(t, r["timestamp"])
		a := subAcct[r["subscription_id"]]
		if tm.Before(p.Cutoff) && tm.After(lastUse[a]) {
			lastUse[a] = tm
		}
	}
	tickets := map[string]float64{}
	for _, r := range ex.tables["tickets"] {
		tm := parseTime(t, r["opened_at"])
		if !tm.Before(p.Cutoff.AddDate(0, 0, -HorizonDays)) && tm.Before(p.Cutoff) {
			tickets[r["account_id"]]++
		}
	}
	days, tk := numCol(t, acct, "days_since_last_login"), numCol(t, acct, "support_tickets")
	tenure, contract := numCol(t, acct, "tenure_months"), strCol(t, acct, "contract")
	var prob, y []float64
	for _, r := range ex.tables["truth"] {
		id := r["account_id"]
		i := row[id]
		require.Equal(t, tk.Num[i], tickets[id], "account %s: tickets in the 90 days before the cutoff", id)
		require.Equal(t, days.Num[i], math.Floor(p.Cutoff.Sub(lastUse[id]).Hours()/24), "account %s: days since last usage", id)
		require.Equal(t, contract.Str[i], billing[id], id)
		months := p.Cutoff.Sub(firstStart[id]).Hours() / 24 / 30.4375
		require.InDelta(t, tenure.Num[i], months, 0.05+0.02*tenure.Num[i], "account %s: tenure", id)
		prob = append(prob, parseFloat(t, r["churn_prob"]))
		y = append(y, parseFloat(t, r["churned"]))
	}
	var rate float64
	for _, v := range y {
		rate += v / float64(len(y))
	}
	a := auc(prob, y)
	t.Logf("active %d; churn rate %.3f; true churn AUC %.3f", len(y), rate, a)
	assert.InDelta(t, 0.86, a, 0.04)
	assert.InDelta(t, 0.12, rate, 0.05)
}

// TestTablesEventsPerAccount: EventsPerAccount sets the mean number of
// usage events per account, the scale knob of the benchmarks.
func TestTablesEventsPerAccount(t *testing.T) {
	for _, events := range []float64{0, 40} {
		cfg := TablesConfig{N: 1500, Seed: 3, EventsPerAccount: events}
		_, ex := writeExport(t, cfg)
		want := events
		if want == 0 {
			want = DefaultTablesEvents
		}
		got := float64(len(ex.tables["usage_events"])) / float64(cfg.N)
		t.Logf("EventsPerAccount %v: %.1f usage events per account", events, got)
		assert.InDelta(t, want, got, 0.1*want)
	}
}

// TestTablesPastDecisions checks that the history is labelled by the true
// churn model too: at the decision point 90 days before the cutoff, the
// model evaluated on the account columns that do not change (utilisation,
// logins, adoption, contract) and on what the tables show then (tickets in
// the 90 days before, whole days since the last usage, tenure) predicts the
// churn rate seen in the 90 days after, and ranks the churners.
func TestTablesPastDecisions(t *testing.T) {
	cfg := TablesConfig{N: 8000, Seed: 29, EventsPerAccount: 20}
	_, ex := writeExport(t, cfg)
	p := ex.period
	d := p.Cutoff.AddDate(0, 0, -HorizonDays)
	dEnd := p.Cutoff
	acct, _, err := Generate(Config{N: cfg.N, Seed: cfg.Seed, Clean: true, Start: p.Cutoff.AddDate(-1, 0, 0), End: p.Cutoff.AddDate(0, 0, -1)})
	require.NoError(t, err)
	row := map[string]int{}
	for i, id := range acct.IDs {
		row[id] = i
	}
	signup := map[string]time.Time{}
	for _, r := range ex.tables["accounts"] {
		signup[r["account_id"]] = parseDate(t, r["signup_date"])
	}
	subs := map[string][]map[string]string{}
	subAcct := map[string]string{}
	for _, r := range ex.tables["subscriptions"] {
		subs[r["account_id"]] = append(subs[r["account_id"]], r)
		subAcct[r["subscription_id"]] = r["account_id"]
	}
	lastUse := map[string]time.Time{}
	for _, r := range ex.tables["usage_events"] {
		tm := parseTime(t, r["timestamp"])
		a := subAcct[r["subscription_id"]]
		if tm.Before(d) && tm.After(lastUse[a]) {
			lastUse[a] = tm
		}
	}
	tickets := map[string]float64{}
	for _, r := range ex.tables["tickets"] {
		tm := parseTime(t, r["opened_at"])
		if !tm.Before(d.AddDate(0, 0, -HorizonDays)) && tm.Before(d) {
			tickets[r["account_id"]]++
		}
	}
	used, bought := numCol(t, acct, "seats_used"), numCol(t, acct, "seats_purchased")
	logins, adoption := numCol(t, acct, "logins_per_week"), numCol(t, acct, "feature_adoption")
	contract := strCol(t, acct, "contract")
	var prob, y []float64
	var sumP, sumY float64
	for _, r := range ex.tables["accounts"] {
		id := r["account_id"]
		su := signup[id]
		if su.AddDate(0, 0, 30).After(d) || mrrAt(t, subs[id], d) == 0 {
			continue // too young for a decision at d, or gone
		}
		i := row[id]
		last := lastUse[id]
		if last.IsZero() {
			last = su
			if su.Before(p.HistoryStart) {
				last = p.HistoryStart
			}
		}
		days := math.Floor(d.Sub(last).Hours() / 24)
		tenure := d.Sub(su).Hours() / 24 / 30.4375
		x := churnIntercept + churnUtil*used.Num[i]/bought.Num[i] + churnLogins*math.Log1p(logins.Num[i]) +
			churnAdoption*adoption.Num[i] + churnTickets*math.Log1p(tickets[id]) + churnDays30*days/30 +
			churnTenure*math.Log1p(tenure)
		if contract.Str[i] == "monthly" {
			x += churnMonthly
		}
		churned := 0.0
		if mrrAt(t, subs[id], dEnd) == 0 {
			churned = 1
		}
		prob = append(prob, sigmoid(x))
		y = append(y, churned)
		sumP += sigmoid(x)
		sumY += churned
	}
	n := float64(len(y))
	a := auc(prob, y)
	t.Logf("decision point %s: %d accounts, churn rate %.4f, model mean %.4f, AUC %.3f", d.Format(time.DateOnly), len(y), sumY/n, sumP/n, a)
	se := math.Sqrt(sumP / n * (1 - sumP/n) / n)
	assert.InDelta(t, sumP/n, sumY/n, 4*se, "calibrated")
	assert.Greater(t, a, 0.8)
}

// TestTablesCancel: a cancelled export stops with the context's error and
// leaves no file behind.
func TestTablesCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := t.TempDir()
	err := WriteTablesContext(ctx, dir, TablesConfig{N: 5000})
	require.ErrorIs(t, err, context.Canceled)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}
