package main

import (
	"context"
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/segmenta/segmenta/pgio/pgtest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRetailSQLMatchesScore: the real online-retail transactions as a new
// user would take them: snapshot into a PostgreSQL table, fit a GA2M
// (-additive-only: cross-validation keeps the linear model here), then the model as SQL
// over that table gives, customer by customer, the scores of 'segmenta
// score' on the same snapshot: probabilities to 1e-9; segments, bands and
// reasons exactly.
func TestRetailSQLMatchesScore(t *testing.T) {
	conn, dsn := pgtest.Schema(t)
	spec := filepath.Join("..", "..", "examples", "onlineretail", "retail.yaml")
	dir := t.TempDir()
	snap, model, scores := filepath.Join(dir, "snap.csv"), filepath.Join(dir, "m.json"), filepath.Join(dir, "s.csv")
	for _, args := range [][]string{
		{"snapshot", "-spec", spec, "-cutoff", "2011-09-01", "-o", snap},
		{"snapshot", "-spec", spec, "-cutoff", "2011-09-01", "-o", dsn, "-out-table", "customers"},
	} {
		code, _, stderr := cli(t, args...)
		require.Equal(t, exitOK, code, "%v: %s", args, stderr)
	}
	code, stdout, stderr := cli(t, "fit", "-churn-label", "churn", "-upsell-label", "-", "-additive-only", "-o", model, snap)
	require.Equal(t, exitOK, code, stderr)
	assert.Contains(t, stdout, "AdditiveOnly: kept the additive model", "the check is meant for a GA2M")
	code, _, stderr = cli(t, "score", "-model", model, "-o", scores, snap)
	require.Equal(t, exitOK, code, stderr)
	code, query, stderr := cli(t, "sql", "-model", model, "-table", "customers")
	require.Equal(t, exitOK, code, stderr)

	ctx := context.Background()
	_, err := conn.Exec(ctx, "SET jit = off")
	require.NoError(t, err)
	rows, err := conn.Query(ctx, query)
	require.NoError(t, err)
	cols := rows.FieldDescriptions()
	got := map[string][]string{}
	for rows.Next() {
		vals, err := rows.Values()
		require.NoError(t, err)
		rec := make([]string, len(vals))
		for j, v := range vals {
			switch v := v.(type) {
			case nil:
			case float64:
				rec[j] = strconv.FormatFloat(v, 'g', -1, 64)
			default:
				rec[j] = fmt.Sprint(v)
			}
		}
		got[rec[0]] = rec
	}
	require.NoError(t, rows.Err())
	want := readCSV(t, scores)
	require.Len(t, got, len(want)-1)
	require.Equal(t, "error", string(cols[len(cols)-1].Name))
	for _, w := range want[1:] {
		g := got[w[0]]
		require.NotNil(t, g, "customer %s", w[0])
		require.Empty(t, g[len(g)-1], "customer %s: SQL error", w[0])
		for j, name := range want[0] {
			if name == "churn" {
				wf, _ := strconv.ParseFloat(w[j], 64)
				gf, _ := strconv.ParseFloat(g[j], 64)
				require.LessOrEqual(t, math.Abs(wf-gf), 1e-9, "customer %s churn", w[0])
				continue
			}
			require.Equal(t, w[j], g[j], "customer %s column %s", w[0], name)
		}
	}
}
