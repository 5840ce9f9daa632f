package features

import (
	"fmt"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAggregationStatsPivotsAccounts(t *testing.T) {
	agg := Aggregation{ID: "customer", Time: "at", Cutoff: cutoff, Windows: []int{30}, Prefix: "ev_",
		Accounts: []string{"B", "A", "Q"},
		Stats: []ColumnStat{
			{Column: "qty", Ops: []string{StatSum, StatMean, StatMin, StatMax, StatFirst, StatLast}},
			{Column: "invoice", Ops: []string{StatDistinct, StatFirst, StatLast}},
		},
		Pivots: []Pivot{{Column: "invoice", Top: 2}},
	}
	out, rep, err := agg.ApplyReport(eventTable(t, baseEvents()))
	require.NoError(t, err)
	assert.Equal(t, []string{"B", "A", "Q"}, out.IDs)
	// C has only an event at the cutoff, but is not an account: an orphan.
	assert.Equal(t, 1, rep.Orphans)
	assert.Equal(t, 2, rep.Accounts)
	num := func(name string) ([]float64, []bool) {
		c, err := out.Numeric(name)
		require.NoError(t, err, name)
		miss := c.Missing
		if miss == nil {
			miss = make([]bool, len(c.Num))
		}
		return c.Num, miss
	}
	v, m := num("ev_recency_days")
	assert.Equal(t, []float64{400, 10, 0}, v)
	assert.Equal(t, []bool{false, false, true}, m)
	v, _ = num("ev_no_events")
	assert.Equal(t, []float64{0, 0, 1}, v)
	v, _ = num("ev_frequency")
	assert.Equal(t, []float64{1, 6, 0}, v)
	// A's quantities in time order: 2 (day -200), 1 and 3 (day -120), 1, -1, 4.
	v, m = num("ev_qty_sum")
	assert.Equal(t, []float64{1, 10, 0}, v)
	assert.Equal(t, []bool{false, false, false}, m)
	v, _ = num("ev_qty_sum_30d")
	assert.Equal(t, []float64{0, 3, 0}, v)
	v, m = num("ev_qty_mean")
	assert.Equal(t, []float64{1, 10.0 / 6, 0}, v)
	assert.Equal(t, []bool{false, false, true}, m)
	v, _ = num("ev_qty_min")
	assert.Equal(t, []float64{1, -1, 0}, v)
	v, _ = num("ev_qty_max")
	assert.Equal(t, []float64{1, 4, 0}, v)
	v, _ = num("ev_qty_first")
	assert.Equal(t, []float64{1, 2, 0}, v)
	v, _ = num("ev_qty_last")
	assert.Equal(t, []float64{1, 4, 0}, v)
	v, _ = num("ev_invoice_distinct")
	assert.Equal(t, []float64{1, 5, 0}, v)
	c, err := out.Categorical("ev_invoice_last")
	require.NoError(t, err)
	assert.Equal(t, []string{"j1", "i5", ""}, c.Str)
	assert.Equal(t, []bool{false, false, true}, c.Missing)
	// Pivot: i2 has 2 lines; the other levels 1 each, so the top two are
	// i2 then i1 (ties sort by name).
	assert.Equal(t, []string{"i2", "i1"}, rep.PivotLevels["invoice"])
	v, _ = num("ev_invoice_i2")
	assert.Equal(t, []float64{0, 2, 0}, v)
	v, _ = num("ev_invoice_i2_share")
	assert.Equal(t, []float64{0, 2.0 / 6, 0}, v)
	v, _ = num("ev_invoice_other")
	assert.Equal(t, []float64{1, 3, 0}, v)

	// Bad configurations.
	for _, bad := range []Aggregation{
		{ID: "customer", Time: "at", Cutoff: cutoff, Stats: []ColumnStat{{Column: "invoice", Ops: []string{StatSum}}}},
		{ID: "customer", Time: "at", Cutoff: cutoff, Stats: []ColumnStat{{Column: "qty", Ops: []string{"median"}}}},
		{ID: "customer", Time: "at", Cutoff: cutoff, Stats: []ColumnStat{{Column: "qty"}}},
		{ID: "customer", Time: "at", Cutoff: cutoff, Accounts: []string{"A", "A"}},
	} {
		_, err := bad.Apply(eventTable(t, baseEvents()))
		require.Error(t, err)
	}
}

// TestAggregatorBatches: the events fed in batches of every size give
// the table ApplyReport gives on the whole log.
func TestAggregatorBatches(t *testing.T) {
	agg := Aggregation{ID: "customer", Time: "at", Quantity: "qty", Price: "price", Invoice: "invoice", Cutoff: cutoff,
		Accounts: []string{"A", "B", "Q"},
		Stats: []ColumnStat{
			{Column: "qty", Ops: []string{StatSum, StatMean, StatFirst, StatLast}},
			{Column: "invoice", Ops: []string{StatDistinct, StatFirst, StatLast}},
		},
		Pivots: []Pivot{{Column: "invoice", Top: 2}},
	}
	events := eventTable(t, baseEvents())
	want, wantRep, err := agg.ApplyReport(events)
	require.NoError(t, err)
	for size := 1; size <= events.Len(); size++ {
		g, err := agg.NewAggregator()
		require.NoError(t, err)
		for lo := 0; lo < events.Len(); lo += size {
			require.NoError(t, g.Add(events.Slice(lo, min(lo+size, events.Len()))))
		}
		sameResult(t, g, want, wantRep, fmt.Sprintf("batch size %d", size))
	}
}

// sameResult checks that g's result is want with the counts wantRep.
func sameResult(t *testing.T, g *Aggregator, want *dataset.Table, wantRep *AggregationReport, msg string) {
	t.Helper()
	got, rep, err := g.Result()
	require.NoError(t, err)
	assert.Equal(t, wantRep, rep, msg)
	assert.Equal(t, want.IDs, got.IDs)
	for _, c := range want.Columns() {
		d, err := got.Column(c.Name)
		require.NoError(t, err)
		assert.Equal(t, c, d, "%s, column %s", msg, c.Name)
	}
}

// TestAggregatorAddAccounts: events given with their accounts' indexes
// (AddAccounts), alone or mixed batch by batch with Add, give the table
// and counts Add gives; bad indexes are errors, not panics.
func TestAggregatorAddAccounts(t *testing.T) {
	agg := Aggregation{ID: "customer", Time: "at", Quantity: "qty", Price: "price", Invoice: "invoice", Cutoff: cutoff,
		Accounts: []string{"B", "Q", "A"},
		Stats:    []ColumnStat{{Column: "qty", Ops: []string{StatSum, StatMean, StatFirst, StatLast}}},
		Pivots:   []Pivot{{Column: "invoice", Top: 2}},
	}
	var evs []event
	for _, e := range baseEvents() {
		if e.id == "A" || e.id == "B" { // AddAccounts takes known accounts only
			evs = append(evs, e)
		}
	}
	evs = append(evs, event{"B", cutoff.Add(time.Hour), "j9", 1, 1}) // after the cutoff
	events := eventTable(t, evs)
	index := map[string]int{"B": 0, "Q": 1, "A": 2}
	acc := make([]int, len(evs))
	for i, e := range evs {
		acc[i] = index[e.id]
	}
	want, wantRep, err := agg.ApplyReport(events)
	require.NoError(t, err)
	for _, mixed := range []bool{false, true} {
		g, err := agg.NewAggregator()
		require.NoError(t, err)
		for lo := 0; lo < events.Len(); lo += 2 {
			hi := min(lo+2, events.Len())
			if mixed && lo%4 == 0 {
				require.NoError(t, g.Add(events.Slice(lo, hi)))
			} else {
				require.NoError(t, g.AddAccounts(events.Slice(lo, hi), acc[lo:hi]))
			}
		}
		sameResult(t, g, want, wantRep, fmt.Sprintf("mixed %v", mixed))
	}

	g, err := agg.NewAggregator()
	require.NoError(t, err)
	require.ErrorIs(t, g.AddAccounts(events, acc[1:]), ErrAggregation)
	bad := append([]int(nil), acc...)
	bad[3] = 3
	require.ErrorIs(t, g.AddAccounts(events, bad), ErrAggregation)
	bad[3] = -1
	require.ErrorIs(t, g.AddAccounts(events, bad), ErrAggregation)
	require.Error(t, g.AddAccounts(nil, nil))
	noAcc := agg
	noAcc.Accounts = nil
	g, err = noAcc.NewAggregator()
	require.NoError(t, err)
	require.ErrorIs(t, g.AddAccounts(events, acc), ErrAggregation)
}
