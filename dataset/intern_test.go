package dataset

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"unsafe"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// requireShared fails unless equal values of c share their bytes.
func requireShared(t *testing.T, c *Column) {
	t.Helper()
	first := map[string]*byte{}
	for i, v := range c.Str {
		if v == "" {
			continue // no bytes to share
		}
		p, ok := first[v]
		if !ok {
			first[v] = unsafe.StringData(v)
			continue
		}
		require.Equal(t, p, unsafe.StringData(v), "%s row %d %q: a second copy", c.Name, i, v)
	}
	require.NotEmpty(t, first)
}

// internCSV has a low-cardinality column (plan) and one whose values are
// all distinct (note): readers keep interning the first, give up on the
// second.
func internCSV(rows int) string {
	var b strings.Builder
	b.WriteString("account_id,plan,note\n")
	plans := []string{"free", "pro", "enterprise", ""}
	for i := range rows {
		fmt.Fprintf(&b, "a%d,%s,note %d\n", i, plans[i*7%len(plans)], i)
	}
	return b.String()
}

func TestReadCSVInterned(t *testing.T) {
	tb, err := ReadCSV(strings.NewReader(internCSV(40_000)), CSVOptions{})
	require.NoError(t, err)
	plan, err := tb.Categorical("plan")
	require.NoError(t, err)
	assert.True(t, plan.Interned())
	requireShared(t, plan)
	note, err := tb.Categorical("note")
	require.NoError(t, err)
	assert.False(t, note.Interned(), "a column of distinct values stops being interned")

	// Views and subsets keep the guarantee (their strings are the same).
	for _, sub := range []*Table{tb.Slice(100, 30_000), tb.Subset([]int{5, 1, 5, 39_999, 2}), tb} {
		c, err := sub.Categorical("plan")
		require.NoError(t, err)
		assert.True(t, c.Interned())
		requireShared(t, c)
		c, err = sub.Categorical("note")
		require.NoError(t, err)
		assert.False(t, c.Interned())
	}
}

func TestCSVReaderBatchesInterned(t *testing.T) {
	cr, err := NewCSVReader(strings.NewReader(internCSV(5000)), CSVOptions{})
	require.NoError(t, err)
	batches := 0
	for {
		b, err := cr.Next(1000)
		if errors.Is(err, io.EOF) {
			break
		}
		require.NoError(t, err)
		batches++
		plan, err := b.Table.Categorical("plan")
		require.NoError(t, err)
		assert.True(t, plan.Interned(), "batch %d", batches)
		requireShared(t, plan)
	}
	assert.Equal(t, 5, batches)
}

func TestIntern(t *testing.T) {
	vals := make([]string, 300)
	for i := range vals {
		vals[i] = strings.Clone([]string{"retail", "fintech", "health"}[i%3])
	}
	tb := NewTable("", nil)
	require.NoError(t, tb.AddCategorical("industry", vals, nil))
	require.NoError(t, tb.AddNumeric("n", make([]float64, 300), nil))
	c, err := tb.Categorical("industry")
	require.NoError(t, err)
	assert.False(t, c.Interned(), "AddCategorical promises nothing")
	before := append([]string(nil), c.Str...)
	c.Intern()
	assert.True(t, c.Interned())
	assert.Equal(t, before, c.Str, "values unchanged")
	requireShared(t, c)

	n, err := tb.Numeric("n")
	require.NoError(t, err)
	n.Intern()
	assert.False(t, n.Interned())
}
