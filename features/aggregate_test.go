package features

import (
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var cutoff = time.Date(2024, 7, 1, 0, 0, 0, 0, time.UTC)

type event struct {
	id      string
	at      time.Time
	inv     string
	qty, pr float64
}

func eventTable(t testing.TB, evs []event) *dataset.Table {
	t.Helper()
	n := len(evs)
	ids, invs := make([]string, n), make([]string, n)
	idMiss := make([]bool, n)
	times := make([]time.Time, n)
	q, p := make([]float64, n), make([]float64, n)
	for i, e := range evs {
		ids[i], invs[i], times[i], q[i], p[i] = e.id, e.inv, e.at, e.qty, e.pr
		idMiss[i] = e.id == ""
	}
	tb := dataset.NewTable("", nil)
	require.NoError(t, tb.AddCategorical("customer", ids, idMiss))
	require.NoError(t, tb.AddDate("at", times, nil))
	require.NoError(t, tb.AddCategorical("invoice", invs, nil))
	require.NoError(t, tb.AddNumeric("qty", q, nil))
	require.NoError(t, tb.AddNumeric("price", p, nil))
	return tb
}

func daysAgo(d float64) time.Time { return cutoff.Add(-time.Duration(d * 24 * float64(time.Hour))) }

func baseEvents() []event {
	return []event{
		{"A", daysAgo(200), "i1", 2, 10}, // previous-90 period? no: 200 > 180
		{"A", daysAgo(120), "i2", 1, 5},  // trend period b
		{"A", daysAgo(120), "i2", 3, 5},  // same invoice, same day
		{"A", daysAgo(60.5), "i3", 1, 100},
		{"A", daysAgo(10.25), "i4", -1, 100}, // a return
		{"A", daysAgo(10), "i5", 4, 1},
		{"B", daysAgo(400), "j1", 1, 7},
		{"", daysAgo(5), "k1", 9, 9}, // no ID: skipped
		{"C", cutoff, "m1", 1, 1},    // at the cutoff: ignored
	}
}

func TestAggregationHandComputed(t *testing.T) {
	agg := Aggregation{ID: "customer", Time: "at", Quantity: "qty", Price: "price", Invoice: "invoice", Cutoff: cutoff}
	out, rep, err := agg.ApplyReport(eventTable(t, baseEvents()))
	require.NoError(t, err)
	assert.Equal(t, []string{"A", "B"}, out.IDs)
	assert.Equal(t, []string{"recency_days", "tenure_days", "frequency", "monetary", "active_days",
		"frequency_30d", "monetary_30d", "active_days_30d", "frequency_90d", "monetary_90d", "active_days_90d",
		"frequency_365d", "monetary_365d", "active_days_365d", "trend_frequency", "trend_monetary"}, out.Names())
	get := func(name string) []float64 {
		c, err := out.Numeric(name)
		require.NoError(t, err)
		return c.Num
	}
	assert.Equal(t, []float64{10, 400}, get("recency_days"))
	assert.Equal(t, []float64{200, 400}, get("tenure_days"))
	assert.Equal(t, []float64{5, 1}, get("frequency"))
	assert.Equal(t, []float64{20 + 5 + 15 + 100 - 100 + 4, 7}, get("monetary"))
	assert.Equal(t, []float64{5, 1}, get("active_days")) // day-200, day-120, day-60.5, day-10.25 and day-10 (distinct UTC days)
	assert.Equal(t, []float64{2, 0}, get("frequency_30d"))
	assert.Equal(t, []float64{-96, 0}, get("monetary_30d"))
	assert.Equal(t, []float64{3, 0}, get("frequency_90d"))
	assert.Equal(t, []float64{4, 0}, get("monetary_90d"))
	assert.Equal(t, []float64{5, 0}, get("frequency_365d"))
	// Trend over 90-day periods: invoices a = 3 (i3, i4, i5), b = 1 (i2).
	assert.Equal(t, []float64{(3.0 - 1) / 4, 0}, get("trend_frequency"))
	assert.Equal(t, []float64{(4.0 - 20) / 24, 0}, get("trend_monetary"))
	assert.Equal(t, AggregationReport{Events: 9, Used: 7, Future: 1, MissingID: 1, AccountsSeen: 3, Accounts: 2}, *rep)

	// Without Invoice, frequency counts events.
	agg.Invoice = ""
	out2, err := agg.Apply(eventTable(t, baseEvents()))
	require.NoError(t, err)
	c, _ := out2.Numeric("frequency")
	assert.Equal(t, []float64{6, 1}, c.Num)
}

func TestAggregationIgnoresFuture(t *testing.T) {
	agg := Aggregation{ID: "customer", Time: "at", Quantity: "qty", Price: "price", Invoice: "invoice", Cutoff: cutoff, Windows: []int{7, 30}}
	before, err := agg.Apply(eventTable(t, baseEvents()))
	require.NoError(t, err)
	evs := append(baseEvents(),
		event{"A", cutoff, "f1", 100, 100},
		event{"A", cutoff.Add(time.Hour), "i5", 1000, 1},
		event{"B", cutoff.AddDate(0, 1, 0), "f2", 5, 5},
		event{"Z", cutoff.AddDate(1, 0, 0), "f3", 5, 5})
	// Interleave future events between past ones too.
	evs = append([]event{{"B", cutoff.Add(time.Nanosecond), "f4", 1, 1}}, evs...)
	after, err := agg.Apply(eventTable(t, evs))
	require.NoError(t, err)
	assert.Equal(t, before.IDs, after.IDs)
	for _, c := range before.Columns() {
		d, err := after.Column(c.Name)
		require.NoError(t, err)
		assert.Equal(t, c.Num, d.Num, c.Name)
	}
}

func TestAggregationErrors(t *testing.T) {
	tb := eventTable(t, baseEvents())
	for name, a := range map[string]Aggregation{
		"no cutoff":         {ID: "customer", Time: "at"},
		"no id":             {Time: "at", Cutoff: cutoff},
		"amount and qty":    {ID: "customer", Time: "at", Amount: "qty", Quantity: "qty", Price: "price", Cutoff: cutoff},
		"qty without price": {ID: "customer", Time: "at", Quantity: "qty", Cutoff: cutoff},
		"bad window":        {ID: "customer", Time: "at", Cutoff: cutoff, Windows: []int{30, 30}},
	} {
		_, err := a.Apply(tb)
		require.ErrorIs(t, err, ErrAggregation, name)
	}
	_, err := Aggregation{ID: "customer", Time: "when", Cutoff: cutoff}.Apply(tb)
	require.ErrorIs(t, err, dataset.ErrColumnNotFound)
	assert.Contains(t, err.Error(), "when")
	_, err = Aggregation{ID: "customer", Time: "invoice", Cutoff: cutoff}.Apply(tb)
	require.ErrorIs(t, err, dataset.ErrKind)
	_, err = Aggregation{ID: "customer", Time: "at", Amount: "invoice", Cutoff: cutoff}.Apply(tb)
	require.ErrorIs(t, err, dataset.ErrKind)
	_, err = Aggregation{ID: "customer", Time: "at", Cutoff: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)}.Apply(tb)
	require.ErrorIs(t, err, dataset.ErrEmpty)
}

func TestAggregationTableIDs(t *testing.T) {
	evs := baseEvents()[:7]
	tb := eventTable(t, evs)
	ids := make([]string, len(evs))
	for i, e := range evs {
		ids[i] = e.id
	}
	withIDs, err := tb.Select("at", "invoice", "qty", "price")
	require.NoError(t, err)
	withIDs.IDName, withIDs.IDs = "customer", ids
	a := Aggregation{ID: "customer", Time: "at", Quantity: "qty", Price: "price", Invoice: "invoice", Cutoff: cutoff}
	want, err := a.Apply(tb)
	require.NoError(t, err)
	got, err := a.Apply(withIDs)
	require.NoError(t, err)
	assert.Equal(t, want.IDs, got.IDs)
	m1, _ := want.Numeric("monetary")
	m2, _ := got.Numeric("monetary")
	assert.Equal(t, m1.Num, m2.Num)
}
