package dataset

import (
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTableBasics(t *testing.T) {
	tb := NewTable("id", []string{"a", "b", "c"})
	require.NoError(t, tb.AddNumeric("x", []float64{1, 2, 3}, nil))
	require.NoError(t, tb.AddCategorical("c", []string{"u", "v", "w"}, nil))
	assert.Equal(t, 2, tb.NumColumns())
	assert.True(t, tb.Has("x"))
	assert.False(t, tb.Has("id"))

	err := tb.AddNumeric("x", []float64{1, 2, 3}, nil)
	require.ErrorIs(t, err, ErrDuplicateName)
	require.ErrorIs(t, tb.AddNumeric("id", []float64{1, 2, 3}, nil), ErrDuplicateName)
	require.ErrorIs(t, tb.AddNumeric("y", []float64{1, 2}, nil), ErrLength)
	require.ErrorIs(t, tb.AddNumeric("y", []float64{1, 2, 3}, []bool{true}), ErrLength)
	err = tb.AddNumeric("y", []float64{1, math.NaN(), 3}, nil)
	require.ErrorIs(t, err, ErrNonFinite)
	assert.Contains(t, err.Error(), "row 1")
	require.NoError(t, tb.AddNumeric("y", []float64{1, math.NaN(), 3}, []bool{false, true, false}))

	_, err = tb.Categorical("x")
	require.ErrorIs(t, err, ErrKind)
	_, err = tb.DateColumn("nope")
	require.ErrorIs(t, err, ErrColumnNotFound)

	sel, err := tb.Select("c", "x")
	require.NoError(t, err)
	assert.Equal(t, []string{"c", "x"}, sel.Names())
	assert.Equal(t, tb.IDs, sel.IDs)
	_, err = tb.Select("zz")
	require.ErrorIs(t, err, ErrColumnNotFound)

	sub := tb.Subset([]int{2, 0})
	assert.Equal(t, []string{"c", "a"}, sub.IDs)
	y, err := sub.Numeric("y")
	require.NoError(t, err)
	assert.Equal(t, []float64{3, 1}, y.Num)
	assert.Equal(t, []bool{false, false}, y.Missing)

	k, err := ParseKind("datetime")
	require.NoError(t, err)
	assert.Equal(t, Date, k)
	_, err = Kind(7).MarshalText()
	require.Error(t, err)
}

// Slice is a view: same values, shared memory, appends that do not reach
// the parent, a column added to the view that the parent does not see.
func TestTableSlice(t *testing.T) {
	tb := NewTable("id", []string{"a", "b", "c", "d"})
	require.NoError(t, tb.AddNumeric("x", []float64{1, 2, 3, 4}, []bool{false, true, false, false}))
	require.NoError(t, tb.AddCategorical("c", []string{"u", "v", "w", "z"}, nil))
	require.NoError(t, tb.AddDate("t", make([]time.Time, 4), nil))
	v := tb.Slice(1, 3)
	assert.Equal(t, 2, v.Len())
	assert.Equal(t, []string{"b", "c"}, v.IDs)
	x, err := v.Numeric("x")
	require.NoError(t, err)
	assert.Equal(t, []float64{2, 3}, x.Num)
	assert.Equal(t, []bool{true, false}, x.Missing)
	c, err := v.Categorical("c")
	require.NoError(t, err)
	assert.Equal(t, []string{"v", "w"}, c.Str)
	dt, err := v.DateColumn("t")
	require.NoError(t, err)
	assert.Len(t, dt.Time, 2)

	x.Num[0] = 20 // shared
	px, _ := tb.Numeric("x")
	assert.Equal(t, 20.0, px.Num[1])
	x.Num = append(x.Num, 99) // capped: copies
	assert.Equal(t, 3.0, px.Num[2])
	assert.Equal(t, 4.0, px.Num[3])
	require.NoError(t, v.AddNumeric("y", []float64{7, 8}, nil))
	assert.False(t, tb.Has("y"))

	assert.Equal(t, 0, tb.Slice(4, 4).Len())
	assert.Panics(t, func() { tb.Slice(3, 5) })
	assert.Panics(t, func() { tb.Slice(2, 1) })
}

// A row failing in a late column leaves no trace in the earlier ones.
func TestReadCSVRollback(t *testing.T) {
	in := "c,d,x\n" +
		"u,2024-01-01,1\n" +
		"NA,,2\n" +
		"v,2024-01-03,oops\n" +
		"w,2024-01-04,\n"
	sch := &Schema{Columns: []ColumnSchema{{Name: "x", Kind: Numeric}}}
	tb, rejects, err := ReadCSVRejects(strings.NewReader(in), CSVOptions{Schema: sch})
	require.NoError(t, err)
	require.Len(t, rejects, 1)
	assert.Equal(t, 4, rejects[0].Line)
	assert.Equal(t, 3, tb.Len())
	c, err := tb.Categorical("c")
	require.NoError(t, err)
	assert.Equal(t, []string{"u", "", "w"}, c.Str)
	assert.Equal(t, []bool{false, true, false}, c.Missing)
	d, err := tb.DateColumn("d")
	require.NoError(t, err)
	assert.Len(t, d.Time, 3)
	assert.Equal(t, []bool{false, true, false}, d.Missing)
	assert.Equal(t, 4, d.Time[2].Day())
	x, err := tb.Numeric("x")
	require.NoError(t, err)
	assert.Equal(t, []float64{1, 2, 0}, x.Num)
	assert.Equal(t, []bool{false, false, true}, x.Missing)

	// A bad date rolls back too.
	tb, rejects, err = ReadCSVRejects(strings.NewReader("id,d,c\n1,2024-01-01,a\n2,2024-02-30,b\n3,2024-03-01,c\n"), CSVOptions{InferRows: 1})
	require.NoError(t, err)
	require.Len(t, rejects, 1)
	assert.ErrorIs(t, rejects[0], ErrParse)
	assert.Equal(t, "d", rejects[0].Column)
	assert.Equal(t, []string{"1", "3"}, tb.IDs)
	cc, err := tb.Categorical("c")
	require.NoError(t, err)
	assert.Equal(t, []string{"a", "c"}, cc.Str)
}
