package synth

import (
	"bytes"
	"encoding/csv"
	"math"
	"math/rand/v2"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAppendTimestamp(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	cases := []int64{0, -1, 951782400, 1735689599, 1735689600, 4107542400, -2203891200}
	for range 2000 {
		cases = append(cases, r.Int64N(1<<33)-1<<32)
	}
	for _, ts := range cases {
		want := time.Unix(ts, 0).UTC().Format(time.RFC3339)
		require.Equal(t, want, string(appendTimestamp(nil, ts)), "t = %d", ts)
	}
}

func TestPoisson(t *testing.T) {
	g := newRNG()
	g.seed(1, 2, 3)
	for _, lambda := range []float64{0.5, 9.9, 10, 40, 500} {
		const n = 20000
		var m, m2 float64
		for range n {
			k := g.poisson(lambda)
			require.Equal(t, math.Trunc(k), k)
			require.GreaterOrEqual(t, k, 0.0)
			m += k / n
			m2 += k * k / n
		}
		v := m2 - m*m
		assert.InDelta(t, lambda, m, 5*math.Sqrt(lambda/n), "mean, lambda %v", lambda)
		assert.InDelta(t, lambda, v, 0.05*lambda, "variance, lambda %v", lambda)
	}
	assert.Zero(t, g.poisson(0))
}

func TestEventsDeterministic(t *testing.T) {
	cfg := Config{N: 2*chunkEvents + 5, Seed: 8, EventsPerAccount: 5}
	write := func(cfg Config) []byte {
		var buf bytes.Buffer
		require.NoError(t, WriteEventsCSV(&buf, cfg))
		return buf.Bytes()
	}
	a := write(cfg)
	assert.Equal(t, a, write(cfg))
	cfg.Seed++
	assert.NotEqual(t, a, write(cfg))
}

// TestEvents checks the event log against the account table it belongs to.
func TestEvents(t *testing.T) {
	cfg := Config{N: 1500, Seed: 21, Clean: true}
	accts, _, err := Generate(cfg)
	require.NoError(t, err)
	ev, err := GenerateEvents(cfg)
	require.NoError(t, err)
	assert.Equal(t, EventColumns(), ev.Names())

	// The CSV holds the same values.
	var buf bytes.Buffer
	require.NoError(t, WriteEventsCSV(&buf, cfg))
	var dirty bytes.Buffer
	require.NoError(t, WriteEventsCSV(&dirty, Config{N: 1500, Seed: 21}))
	require.Equal(t, buf.Bytes(), dirty.Bytes(), "events do not depend on Clean")
	recs, err := csv.NewReader(&buf).ReadAll()
	require.NoError(t, err)
	require.Len(t, recs, ev.Len()+1)
	require.Equal(t, EventColumns(), recs[0])
	ids, ts, types := strCol(t, ev, "account_id"), ev.Columns()[1], strCol(t, ev, "event_type")
	qty, amt := numCol(t, ev, "quantity"), numCol(t, ev, "amount")
	for i, rec := range recs[1:] {
		want := []string{ids.Str[i], ts.Time[i].Format(time.RFC3339), types.Str[i],
			strconv.FormatFloat(qty.Num[i], 'f', -1, 64), strconv.FormatFloat(amt.Num[i], 'f', -1, 64)}
		if !slices.Equal(rec, want) {
			t.Fatalf("event %d: CSV %q, table %q", i, rec, want)
		}
	}

	row := map[string]int{}
	for i, id := range accts.IDs {
		row[id] = i
	}
	days := numCol(t, accts, "days_since_last_login")
	tickets := numCol(t, accts, "support_tickets")
	mrr := numCol(t, accts, "mrr_start")
	contract := strCol(t, accts, "contract")
	churned := numCol(t, accts, "churned")
	end := time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

	type stats struct {
		lastLogin      time.Time
		tickets, usage int
		early, late    int // usage in the first and second half of the year
		invoices       int
		invoiceAmount  float64
		first          bool
	}
	per := make([]stats, accts.Len())
	prevRow, prevTime := -1, time.Time{}
	for i := range ev.Len() {
		r, ok := row[ids.Str[i]]
		require.True(t, ok, "unknown account %s", ids.Str[i])
		tm := ts.Time[i]
		require.False(t, tm.Before(start) || !tm.Before(end.AddDate(0, 0, 1)), "event %d at %v outside the period", i, tm)
		require.GreaterOrEqual(t, r, prevRow, "sorted by account")
		if r == prevRow {
			require.False(t, tm.Before(prevTime), "sorted by time within account, event %d", i)
		}
		prevRow, prevTime = r, tm
		s := &per[r]
		s.first = true
		switch types.Str[i] {
		case "login":
			if tm.After(s.lastLogin) {
				s.lastLogin = tm
			}
		case "support_ticket":
			s.tickets++
			require.False(t, tm.Before(end.AddDate(0, 0, -90)), "tickets in the last 90 days")
		case "invoice_paid":
			s.invoices++
			s.invoiceAmount = amt.Num[i]
		}
		if types.Str[i] == "login" || types.Str[i] == "feature_use" || types.Str[i] == "api_call" {
			s.usage++
			if tm.Before(time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)) {
				s.early++
			} else {
				s.late++
			}
		}
	}
	var usage float64
	var lateChurn, allChurn, lateKeep, allKeep float64
	for r := range per {
		s := per[r]
		require.True(t, s.first, "account %s has events", accts.IDs[r])
		gotDays := end.Sub(day(s.lastLogin)).Hours() / 24
		require.Equal(t, days.Num[r], gotDays, "account %s: last login date", accts.IDs[r])
		require.Equal(t, int(tickets.Num[r]), s.tickets, "account %s: tickets", accts.IDs[r])
		if s.invoices > 0 {
			want := mrr.Num[r]
			if contract.Str[r] == "annual" {
				want = round(12*want, 2)
			}
			require.Equal(t, want, s.invoiceAmount, "account %s: invoice amount", accts.IDs[r])
		}
		if contract.Str[r] == "monthly" {
			require.LessOrEqual(t, s.invoices, 13)
		} else {
			require.LessOrEqual(t, s.invoices, 1)
		}
		usage += float64(s.usage) / float64(len(per))
		if churned.Num[r] == 1 {
			lateChurn += float64(s.late)
			allChurn += float64(s.usage)
		} else {
			lateKeep += float64(s.late)
			allKeep += float64(s.usage)
		}
	}
	assert.InDelta(t, DefaultEventsPerAccount, usage, 2, "mean usage events per account")
	t.Logf("usage per account %.2f; share in 2nd half: churners %.3f, others %.3f", usage, lateChurn/allChurn, lateKeep/allKeep)
	assert.Less(t, lateChurn/allChurn, lateKeep/allKeep-0.1, "churners' activity decays")
}

// TestPeriod checks a custom observation period: recency is bounded by it
// and every event falls inside it.
func TestPeriod(t *testing.T) {
	start := time.Date(2024, 7, 1, 15, 0, 0, 0, time.UTC) // the time of day is dropped
	end := time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC)
	cfg := Config{N: 400, Seed: 4, Start: start, End: end, EventsPerAccount: 5}
	accts, _, err := Generate(cfg)
	require.NoError(t, err)
	for i, d := range numCol(t, accts, "days_since_last_login").Num {
		require.LessOrEqual(t, d, 91.0, "row %d", i)
	}
	ev, err := GenerateEvents(cfg)
	require.NoError(t, err)
	ts := ev.Columns()[1].Time
	lo, hi := time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC), time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	for i, tm := range ts {
		if tm.Before(lo) || !tm.Before(hi) {
			t.Fatalf("event %d at %v outside the period", i, tm)
		}
	}
	// One side given: a year from or to it.
	s, err := Config{Start: start}.settings()
	require.NoError(t, err)
	assert.Equal(t, time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), s.snapshot)
	s, err = Config{End: end}.settings()
	require.NoError(t, err)
	assert.Equal(t, time.Date(2023, 10, 1, 0, 0, 0, 0, time.UTC), s.start)
	assert.Equal(t, 366, s.windowDays)

	// One-day period.
	_, _, err = Generate(Config{N: 10, Start: end, End: end})
	require.NoError(t, err)
	_, err = GenerateEvents(Config{N: 10, Start: end, End: end})
	require.NoError(t, err)
}
