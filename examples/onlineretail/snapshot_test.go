package main

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/segmenta/segmenta/snapshot"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRetailSpecGolden builds the snapshots of retail.yaml on the sample
// (every transaction of the customers whose ID is a multiple of 20, so
// their figures are those of the full data) and compares them with the
// independent pandas computation of testdata/snapshot_golden.py.
func TestRetailSpecGolden(t *testing.T) {
	spec, err := snapshot.ReadSpecFile("retail.yaml")
	require.NoError(t, err)
	sample, err := filepath.Abs("testdata/online_retail_sample.csv.gz")
	require.NoError(t, err)
	spec.Tables[0].Path = sample
	data, err := snapshot.Load(spec)
	require.NoError(t, err)

	f, err := os.Open("testdata/snapshot_golden.csv")
	require.NoError(t, err)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	byCutoff := map[string][][]string{}
	for _, r := range rows[1:] {
		byCutoff[r[1]] = append(byCutoff[r[1]], r)
	}
	require.Len(t, byCutoff, 2)
	checked := 0
	for cut, figs := range byCutoff {
		cs, err := snapshot.ParseCutoffs(cut)
		require.NoError(t, err)
		snap, rep, err := data.Snapshot(cs[0])
		require.NoError(t, err)
		row := map[string]int{}
		for i, id := range snap.IDs {
			row[id] = i
		}
		for _, g := range figs {
			id, feature, want := g[0], g[2], g[3]
			if id == "*" {
				n, _ := strconv.Atoi(want[:len(want)-2]) // "129.0"
				assert.Equal(t, n, rep.Rows, cut)
				assert.Equal(t, n, snap.Len(), cut)
				continue
			}
			i, ok := row[id]
			require.True(t, ok, "customer %s missing at %s", id, cut)
			c, err := snap.Column(feature)
			require.NoError(t, err, "%s at %s", feature, cut)
			require.False(t, c.IsMissing(i), "%s of %s at %s", feature, id, cut)
			if c.Str != nil {
				assert.Equal(t, want, c.Str[i], "%s of %s at %s", feature, id, cut)
			} else {
				w, err := strconv.ParseFloat(want, 64)
				require.NoError(t, err)
				assert.InDelta(t, w, c.Num[i], 1e-9*math.Max(1, math.Abs(w)), "%s of %s at %s", feature, id, cut)
			}
			checked++
		}
	}
	assert.Greater(t, checked, 900)
}
