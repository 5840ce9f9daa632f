package gotax

import (
	"bytes"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/segmenta/segmenta/dataset"
)

// sampleTable has every column kind, missing values, IDs that need quoting
// in CSV, the text "NA" (not missing) and extreme floats.
func sampleTable(t *testing.T) *dataset.Table {
	t.Helper()
	tb := dataset.NewTable("account_id", []string{"a1", "a,2", "a\"3", "4"})
	require.NoError(t, tb.AddNumeric("mrr", []float64{0.1, 1e-300, -2.5e17, 0}, []bool{false, false, false, true}))
	require.NoError(t, tb.AddNumeric("third", []float64{1.0 / 3, math.MaxFloat64, math.SmallestNonzeroFloat64, -0.0}, nil))
	require.NoError(t, tb.AddCategorical("plan", []string{"pro", "NA", "multi\nline", ""}, []bool{false, false, false, true}))
	require.NoError(t, tb.AddCategorical("note", []string{" padded ", "null", "say \"x\"", "ok"}, nil))
	require.NoError(t, tb.AddDate("signup", []time.Time{
		time.Date(2024, 1, 2, 0, 0, 0, 0, time.UTC), {}, time.Date(2020, 2, 29, 0, 0, 0, 0, time.UTC), time.Date(1999, 12, 31, 0, 0, 0, 0, time.UTC)},
		[]bool{false, true, false, false}))
	require.NoError(t, tb.AddDate("last_seen", []time.Time{
		time.Date(2024, 1, 2, 3, 4, 5, 600, time.UTC), time.Date(2024, 6, 1, 0, 0, 0, 0, time.FixedZone("x", 3600)), {}, time.Unix(0, 0).UTC()},
		[]bool{false, false, true, false}))
	return tb
}

// requireSameTable compares two tables through dataset's own bit-exact CSV
// writer and their schemas (names, kinds, ID column).
func requireSameTable(t *testing.T, want, got *dataset.Table) {
	t.Helper()
	require.Equal(t, dataset.SchemaOf(want), dataset.SchemaOf(got))
	var wb, gb bytes.Buffer
	require.NoError(t, dataset.WriteCSV(&wb, want))
	require.NoError(t, dataset.WriteCSV(&gb, got))
	require.Equal(t, wb.String(), gb.String())
}

func TestDataFrameRoundTrip(t *testing.T) {
	tb := sampleTable(t)
	df := ToDataFrame(tb)
	require.NoError(t, df.Err)
	r, c := df.Dims()
	assert.Equal(t, 4, r)
	assert.Equal(t, 7, c)
	assert.Equal(t, series.Float, df.Col("mrr").Type())
	assert.True(t, math.IsNaN(df.Col("mrr").Float()[3]))
	assert.True(t, df.Col("plan").Elem(3).IsNA())
	assert.False(t, df.Col("plan").Elem(1).IsNA(), "the text NA is not gota's NA")

	got, err := FromDataFrame(df, "account_id")
	require.NoError(t, err)
	requireSameTable(t, tb, got)

	// "" detects the ID column by name.
	got, err = FromDataFrame(df, "")
	require.NoError(t, err)
	assert.Equal(t, "account_id", got.IDName)
	requireSameTable(t, tb, got)

	// NoID keeps the ID column as an ordinary categorical column.
	got, err = FromDataFrame(df, dataset.NoID)
	require.NoError(t, err)
	assert.Nil(t, got.IDs)
	ids, err := got.Categorical("account_id")
	require.NoError(t, err)
	assert.Equal(t, tb.IDs, ids.Str)
}

func TestFromDataFrameGotaCSV(t *testing.T) {
	// gota's own CSV reader turns NA into NaN; those become missing.
	df := dataframe.ReadCSV(strings.NewReader("CustomerID,spend,active,country,since\n17850.0,1.5,true,UK,2024-01-02\n13047.0,NA,false,NA,2023-12-31T23:00:00+02:00\n"))
	require.NoError(t, df.Err)
	tb, err := FromDataFrame(df, "")
	require.NoError(t, err)
	assert.Equal(t, []string{"17850", "13047"}, tb.IDs)
	spend, err := tb.Numeric("spend")
	require.NoError(t, err)
	assert.Equal(t, []bool{false, true}, spend.Missing)
	active, err := tb.Numeric("active")
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 0}, active.Num)
	country, err := tb.Categorical("country")
	require.NoError(t, err)
	assert.True(t, country.IsMissing(1))
	since, err := tb.DateColumn("since")
	require.NoError(t, err)
	assert.Equal(t, time.Date(2023, 12, 31, 21, 0, 0, 0, time.UTC), since.Time[1])
}

func TestFromDataFrameDates(t *testing.T) {
	// One text that is not a date, or a year RFC 3339 cannot write, keeps
	// the column categorical.
	for _, tc := range []struct {
		vals []string
		kind dataset.Kind
	}{
		{[]string{"2024-01-02", "2024-01-02T03:04:05.5Z"}, dataset.Date},
		{[]string{"2024-01-02", "soon"}, dataset.Categorical},
		{[]string{"2024-01-02", "2024-01-02 03:04"}, dataset.Categorical},
		{[]string{"0000-01-01T00:30:00+01:00"}, dataset.Categorical},
	} {
		df := dataframe.New(series.New(tc.vals, series.String, "d"))
		tb, err := FromDataFrame(df, dataset.NoID)
		require.NoError(t, err)
		c, err := tb.Column("d")
		require.NoError(t, err)
		assert.Equal(t, tc.kind, c.Kind, "%q", tc.vals)
	}
}

func TestFromDataFrameErrors(t *testing.T) {
	inf := dataframe.New(series.New([]float64{1, math.Inf(1)}, series.Float, "x"))
	_, err := FromDataFrame(inf, dataset.NoID)
	require.ErrorIs(t, err, dataset.ErrNonFinite)
	assert.Contains(t, err.Error(), `"x", row 1`)

	dup := dataframe.New(series.New([]string{"a", "a"}, series.String, "id"), series.New([]int{1, 2}, series.Int, "n"))
	_, err = FromDataFrame(dup, "")
	require.ErrorIs(t, err, dataset.ErrDuplicateID)

	_, err = FromDataFrame(dup, "acct")
	require.ErrorIs(t, err, dataset.ErrColumnNotFound)
	var ce *dataset.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, "acct", ce.Column)

	na := dataframe.New(series.New([]float64{1, math.NaN()}, series.Float, "id"))
	_, err = FromDataFrame(na, "id")
	require.ErrorIs(t, err, dataset.ErrEmptyID)

	_, err = FromDataFrame(dataframe.DataFrame{Err: assert.AnError}, "")
	require.ErrorIs(t, err, assert.AnError)
}
