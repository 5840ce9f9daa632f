package features

import (
	"strconv"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// internedAccounts is synthAccounts with every categorical column interned,
// as a CSV reader delivers it.
func internedAccounts(t testing.TB, n int, seed uint64) *dataset.Table {
	tb := synthAccounts(t, n, seed)
	for _, c := range tb.Columns() {
		c.Intern()
	}
	return tb
}

// The cached path (interned columns) and the map path (other columns) give
// the same matrix and the same unseen counts, and so does the cached path
// fed strings that no longer share their bytes (a stale Interned).
func TestTransformInternedPaths(t *testing.T) {
	train := synthAccounts(t, 3000, 1)
	spec, err := InferSpec(train)
	require.NoError(t, err)
	for j := range spec.Columns {
		if spec.Columns[j].Role == RoleCategorical {
			spec.Columns[j].MinFrequency = 40 // rare levels go to "other"
		}
	}
	p, err := spec.Fit(train)
	require.NoError(t, err)

	// The rows to transform, with unseen levels.
	rows := func() *dataset.Table {
		tb := synthAccounts(t, 5000, 2)
		cat, err := tb.Categorical("cat3")
		require.NoError(t, err)
		for i := 0; i < len(cat.Str); i += 97 {
			cat.Str[i] = "never-seen-" + strconv.Itoa(i%3)
		}
		return tb
	}
	plain := rows()
	cat, err := plain.Categorical("cat3")
	require.NoError(t, err)
	require.False(t, cat.Interned())
	want, wantRep, err := p.TransformReport(plain)
	require.NoError(t, err)
	require.NotZero(t, wantRep.Unseen["cat3"], "the test needs unseen levels")

	interned := rows()
	for _, c := range interned.Columns() {
		c.Intern()
	}
	cat, err = interned.Categorical("cat3")
	require.NoError(t, err)
	require.True(t, cat.Interned())
	got, gotRep, err := p.TransformReport(interned)
	require.NoError(t, err)
	require.True(t, mat.Equal(want, got), "interned path differs from the map path")
	require.Equal(t, wantRep, gotRep)

	// Stale flag: copies of the strings, Interned still true.
	for _, c := range interned.Columns() {
		for i, v := range c.Str {
			c.Str[i] = strings.Clone(v)
		}
	}
	require.True(t, cat.Interned())
	got, gotRep, err = p.TransformReport(interned)
	require.NoError(t, err)
	require.True(t, mat.Equal(want, got), "stale Interned changed the result")
	require.Equal(t, wantRep, gotRep)
}
