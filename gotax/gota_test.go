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

// sampleCSV has every column kind, missing values, IDs that need quoting,
// the text "NA" (quoted: not missing), extreme floats and a date with a
// fraction of a second.
const sampleCSV = `account_id,mrr,third,plan,note,signup,last_seen
a1,0.1,0.3333333333333333,pro," padded ",2024-01-02,2024-01-02T03:04:05.0000006Z
"a,2",1e-300,1.7976931348623157e+308,"NA","null",,2024-05-31T23:00:00Z
"a""3",-2.5e17,5e-324,"multi
line","say ""x""",2020-02-29,
4,,-0,,ok,1999-12-31,1970-01-01T00:00:00Z
`

func sampleTable(t *testing.T) *dataset.Table {
	t.Helper()
	schema := &dataset.Schema{Columns: []dataset.ColumnSchema{
		{Name: "mrr", Kind: dataset.Numeric}, {Name: "third", Kind: dataset.Numeric},
		{Name: "plan", Kind: dataset.Categorical}, {Name: "note", Kind: dataset.Categorical},
		{Name: "signup", Kind: dataset.Date}, {Name: "last_seen", Kind: dataset.Date},
	}}
	tb, err := dataset.ReadCSV(strings.NewReader(sampleCSV), dataset.CSVOptions{Schema: schema})
	require.NoError(t, err)
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
