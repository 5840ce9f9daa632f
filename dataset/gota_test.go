package dataset

import (
	"math"
	"strings"
	"testing"

	"github.com/go-gota/gota/dataframe"
	"github.com/go-gota/gota/series"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

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
	requireTablesEqual(t, tb, got)

	// "" detects the ID column by name.
	got, err = FromDataFrame(df, "")
	require.NoError(t, err)
	assert.Equal(t, "account_id", got.IDName)
}

func TestFromDataFrameGotaCSV(t *testing.T) {
	// gota's own CSV reader turns NA into NaN; those become missing.
	df := dataframe.ReadCSV(strings.NewReader("CustomerID,spend,active,country\n17850.0,1.5,true,UK\n13047.0,NA,false,NA\n"))
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

	// Bad inputs: infinite values, duplicate or missing IDs, absent ID column.
	inf := dataframe.New(series.New([]float64{1, math.Inf(1)}, series.Float, "x"))
	_, err = FromDataFrame(inf, NoID)
	require.ErrorIs(t, err, ErrNonFinite)
	assert.Contains(t, err.Error(), `"x", row 1`)

	dup := dataframe.New(series.New([]string{"a", "a"}, series.String, "id"), series.New([]int{1, 2}, series.Int, "n"))
	_, err = FromDataFrame(dup, "")
	require.ErrorIs(t, err, ErrDuplicateID)

	_, err = FromDataFrame(dup, "acct")
	require.ErrorIs(t, err, ErrColumnNotFound)

	na := dataframe.New(series.New([]float64{1, math.NaN()}, series.Float, "id"))
	_, err = FromDataFrame(na, "id")
	require.ErrorIs(t, err, ErrEmptyID)

	_, err = FromDataFrame(dataframe.DataFrame{Err: assert.AnError}, "")
	require.ErrorIs(t, err, assert.AnError)
}
