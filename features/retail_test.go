package features

import (
	"compress/gzip"
	"encoding/csv"
	"io"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// retailFacts is what a plain loop over the raw online-retail CSV finds,
// independently of dataset and Aggregation.
type retailFacts struct {
	rows, noCustomer, cancellations int
	customers, before               map[string]bool
	last                            map[string]time.Time
	invoices                        map[string]map[string]bool
	monetary                        map[string]float64
}

func scanRetail(t *testing.T, path string, cutoff time.Time, watch ...string) *retailFacts {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	gz, err := gzip.NewReader(f)
	require.NoError(t, err)
	r := csv.NewReader(gz)
	r.ReuseRecord = true
	head, err := r.Read()
	require.NoError(t, err)
	require.Equal(t, []string{"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"}, head)
	w := map[string]bool{}
	for _, id := range watch {
		w[id] = true
	}
	fx := &retailFacts{customers: map[string]bool{}, before: map[string]bool{}, last: map[string]time.Time{},
		invoices: map[string]map[string]bool{}, monetary: map[string]float64{}}
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		require.NoError(t, err)
		fx.rows++
		if strings.HasPrefix(rec[0], "C") {
			fx.cancellations++
		}
		if rec[6] == "" {
			fx.noCustomer++
			continue
		}
		id := strings.TrimSuffix(rec[6], ".0")
		fx.customers[id] = true
		at, err := time.Parse("2006-01-02 15:04:05", rec[4])
		require.NoError(t, err)
		if !at.Before(cutoff) {
			continue
		}
		fx.before[id] = true
		if !w[id] {
			continue
		}
		q, err := strconv.ParseFloat(rec[3], 64)
		require.NoError(t, err)
		p, err := strconv.ParseFloat(rec[5], 64)
		require.NoError(t, err)
		fx.monetary[id] += q * p
		if at.After(fx.last[id]) {
			fx.last[id] = at
		}
		if fx.invoices[id] == nil {
			fx.invoices[id] = map[string]bool{}
		}
		fx.invoices[id][rec[0]] = true
	}
	return fx
}

// TestOnlineRetailAsOfCutoff is the acceptance test on the UCI Online
// Retail data (Chen, Sain & Guo 2012, CC BY 4.0): per-customer features as
// of 2011-09-01 from the dataset CSV reader and Aggregation, against a
// plain encoding/csv loop and against figures written down here.
func TestOnlineRetailAsOfCutoff(t *testing.T) {
	if raceEnabled {
		t.Skip("541,909-row real-data test: run without -race (go test ./features does)")
	}
	path := sharedFile(t, "online_retail.csv.gz")
	cutoff := time.Date(2011, 9, 1, 0, 0, 0, 0, time.UTC)
	watch := []string{"12347", "17850"}
	fx := scanRetail(t, path, cutoff, watch...)
	// Facts of the data set (shared/data/README.md).
	require.Equal(t, 541909, fx.rows)
	require.Equal(t, 135080, fx.noCustomer)
	require.Equal(t, 9288, fx.cancellations)
	require.Equal(t, 4372, len(fx.customers))
	// Found by the plain loop, written down so the test cannot pass
	// vacuously.
	require.Equal(t, 3360, len(fx.before))

	events, err := dataset.ReadCSVFile(path, dataset.CSVOptions{
		IDColumn: dataset.NoID,
		Schema: &dataset.Schema{Columns: []dataset.ColumnSchema{
			{Name: "InvoiceNo", Kind: dataset.Categorical, Required: true},
			{Name: "StockCode", Kind: dataset.Categorical},
			{Name: "Quantity", Kind: dataset.Numeric, Required: true},
			{Name: "InvoiceDate", Kind: dataset.Date, Required: true},
			{Name: "UnitPrice", Kind: dataset.Numeric, Required: true},
			{Name: "CustomerID", Kind: dataset.Numeric, Required: true},
		}},
	})
	require.NoError(t, err)
	require.Equal(t, 541909, events.Len())

	agg := Aggregation{ID: "CustomerID", Time: "InvoiceDate", Quantity: "Quantity", Price: "UnitPrice", Invoice: "InvoiceNo", Cutoff: cutoff}
	out, rep, err := agg.ApplyReport(events)
	require.NoError(t, err)
	assert.Equal(t, 135080, rep.MissingID)
	assert.Equal(t, 4372, rep.AccountsSeen)
	assert.Equal(t, len(fx.before), rep.Accounts)
	assert.Equal(t, len(fx.before), out.Len())
	assert.Equal(t, 3360, out.Len())

	get := func(id, name string) float64 {
		c, err := out.Numeric(name)
		require.NoError(t, err)
		for i, v := range out.IDs {
			if v == id {
				return c.Num[i]
			}
		}
		t.Fatalf("customer %s absent", id)
		return 0
	}
	for _, id := range watch {
		assert.Equal(t, cutoff.Sub(fx.last[id]).Hours()/24, get(id, "recency_days"), id)
		assert.Equal(t, float64(len(fx.invoices[id])), get(id, "frequency"), id)
		assert.Equal(t, fx.monetary[id], get(id, "monetary"), id)
	}
	// The same figures, written down (pandas agrees to the last digits,
	// which differ only by summation order): 12347 last bought on
	// 2011-08-02 08:48, 5 invoices; 17850 last bought on 2011-02-10 14:38,
	// 35 invoices, cancellations (15 lines) included as negative amounts.
	assert.Equal(t, 29.633333333333336, get("12347", "recency_days"))
	assert.Equal(t, 5.0, get("12347", "frequency"))
	assert.Equal(t, 2790.859999999999, get("12347", "monetary"))
	assert.Equal(t, 202.39027777777778, get("17850", "recency_days"))
	assert.Equal(t, 35.0, get("17850", "frequency"))
	assert.Equal(t, 5288.630000000009, get("17850", "monetary"))

	// No look-ahead on real data: dropping every event at or after the
	// cutoff gives the same table.
	at, err := events.DateColumn("InvoiceDate")
	require.NoError(t, err)
	var past []int
	for i, tm := range at.Time {
		if !at.IsMissing(i) && tm.Before(cutoff) {
			past = append(past, i)
		}
	}
	require.Less(t, len(past), events.Len())
	out2, err := agg.Apply(events.Subset(past))
	require.NoError(t, err)
	require.Equal(t, out.IDs, out2.IDs)
	for _, c := range out.Columns() {
		d, err := out2.Column(c.Name)
		require.NoError(t, err)
		require.Equal(t, c.Num, d.Num, c.Name)
	}
}
