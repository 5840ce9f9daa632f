package dataset

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sharedData is where the real data sets live: the shared/ directory beside
// the repository (see shared/data/README.md for sources and licences).
const sharedData = "../../shared/data"

func sharedFile(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join(sharedData, name)
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("real data set %s not found (expected the shared/ directory beside the repository): %v", path, err)
	}
	return path
}

// retailSchema reads the Online Retail event log: InvoiceNo and CustomerID
// stay text although most values look numeric.
var retailSchema = &Schema{Columns: []ColumnSchema{
	{Name: "InvoiceNo", Kind: Categorical, Required: true},
	{Name: "StockCode", Kind: Categorical, Required: true},
	{Name: "CustomerID", Kind: Categorical, Required: true},
	{Name: "InvoiceDate", Kind: Date, Required: true},
	{Name: "Quantity", Kind: Numeric, Required: true},
	{Name: "UnitPrice", Kind: Numeric, Required: true},
}}

func TestOnlineRetail(t *testing.T) {
	path := sharedFile(t, "online_retail.csv.gz")
	if raceEnabled {
		t.Skip("full 541,909-row load: run by the plain go test, too slow under -race")
	}
	tb, err := ReadCSVFile(path, CSVOptions{IDColumn: NoID, Schema: retailSchema})
	require.NoError(t, err)
	require.Equal(t, 541909, tb.Len())
	assert.Nil(t, tb.IDs)
	assert.Equal(t, []string{"InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"}, tb.Names())

	cust, err := tb.Categorical("CustomerID")
	require.NoError(t, err)
	assert.Equal(t, 135080, cust.NumMissing())
	distinct := map[string]bool{}
	for i, c := range cust.Str {
		if !cust.IsMissing(i) {
			distinct[c] = true
		}
	}
	assert.Equal(t, 4372, len(distinct))

	inv, err := tb.Categorical("InvoiceNo")
	require.NoError(t, err)
	cancel := 0
	for _, s := range inv.Str {
		if strings.HasPrefix(s, "C") {
			cancel++
		}
	}
	assert.Equal(t, 9288, cancel)

	qty, err := tb.Numeric("Quantity")
	require.NoError(t, err)
	assert.Equal(t, 0, qty.NumMissing())
	assert.Equal(t, 6.0, qty.Num[0])
	price, err := tb.Numeric("UnitPrice")
	require.NoError(t, err)
	assert.Equal(t, 2.55, price.Num[0])
	when, err := tb.DateColumn("InvoiceDate")
	require.NoError(t, err)
	assert.Equal(t, time.Date(2010, 12, 1, 8, 26, 0, 0, time.UTC), when.Time[0])
	lo, hi := time.Date(2010, 12, 1, 0, 0, 0, 0, time.UTC), time.Date(2011, 12, 10, 0, 0, 0, 0, time.UTC)
	for i, v := range when.Time {
		if v.Before(lo) || v.After(hi) {
			t.Fatalf("row %d: date %v out of range", i, v)
		}
	}
	country, err := tb.Categorical("Country")
	require.NoError(t, err)
	countries := map[string]bool{}
	for _, c := range country.Str {
		countries[c] = true
	}
	assert.Equal(t, 38, len(countries))
}

// Without the schema, InvoiceNo looks numeric in the first 100 rows and the
// first cancellation ("C536379", line 143) is a parse error naming line and
// column, not a silent conversion.
func TestOnlineRetailInferenceNeedsSchema(t *testing.T) {
	path := sharedFile(t, "online_retail.csv.gz")
	cr, err := OpenCSV(path, CSVOptions{IDColumn: NoID, InferRows: 100})
	require.NoError(t, err)
	defer cr.Close()
	kinds := map[string]Kind{}
	for _, c := range cr.Schema().Columns {
		kinds[c.Name] = c.Kind
	}
	assert.Equal(t, Numeric, kinds["InvoiceNo"])
	assert.Equal(t, Categorical, kinds["StockCode"])
	assert.Equal(t, Date, kinds["InvoiceDate"])
	assert.Equal(t, Numeric, kinds["CustomerID"])
	var lastErr error
	for {
		_, err := cr.Next(50000)
		if err != nil {
			lastErr = err
			break
		}
	}
	re := requireRowError(t, lastErr, ErrParse, 143, "InvoiceNo")
	assert.Equal(t, "C536379", re.Value)
}

func TestWholesaleCustomers(t *testing.T) {
	path := sharedFile(t, "wholesale_customers.csv")
	tb, err := ReadCSVFile(path, CSVOptions{})
	require.NoError(t, err)
	require.Equal(t, 440, tb.Len())
	assert.Nil(t, tb.IDs)
	assert.Equal(t, []string{"Channel", "Region", "Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicatessen"}, tb.Names())
	for _, c := range tb.Columns() {
		assert.Equal(t, Numeric, c.Kind, c.Name)
		assert.Equal(t, 0, c.NumMissing(), c.Name)
	}
	fresh, err := tb.Numeric("Fresh")
	require.NoError(t, err)
	assert.Equal(t, 12669.0, fresh.Num[0])
	ch, err := tb.Numeric("Channel")
	require.NoError(t, err)
	n1 := 0
	for _, v := range ch.Num {
		if v == 1 {
			n1++
		}
	}
	assert.Equal(t, 298, n1) // 298 horeca, 142 retail clients (UCI description)
}
