package drift_test

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/drift"
	"github.com/stretchr/testify/require"
)

// sharedData is where CI puts the real data sets (the shared/ folder beside
// the repository).
const sharedData = "../../shared/data"

// wholesaleColumns are the golden test's feature columns (Region as a
// categorical code).
var wholesaleColumns = []string{"Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicatessen", "Region"}

// wholesale reads the 440 wholesale customers (UCI #292) as a table whose
// Region is categorical ("1", "2", "3") and whose Milk is missing in every
// 11th row (0-based row i with i % 11 == 0), as testdata/psi_golden.py
// reads them, and returns it with the rows of each channel (1 horeca,
// 2 retail) and a score in [0, 1] per row: the share of detergents and
// paper in detergents, paper and grocery.
func wholesale(t testing.TB) (tab *dataset.Table, horeca, retail []int, score []float64) {
	t.Helper()
	p := filepath.Join(sharedData, "wholesale_customers.csv")
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("real data set %s absent (%v): clone the shared/ folder beside the repository", p, err)
	}
	raw, err := dataset.ReadCSVFile(p, dataset.CSVOptions{IDColumn: dataset.RowNumbers})
	require.NoError(t, err)
	n := raw.Len()
	tab = dataset.NewTable(raw.IDName, raw.IDs)
	for _, name := range wholesaleColumns {
		col, err := raw.Numeric(name)
		require.NoError(t, err)
		switch name {
		case "Region":
			s := make([]string, n)
			for i, x := range col.Num {
				s[i] = strconv.FormatFloat(x, 'f', -1, 64)
			}
			require.NoError(t, tab.AddCategorical(name, s, nil))
		case "Milk":
			miss := make([]bool, n)
			vals := append([]float64(nil), col.Num...)
			for i := range miss {
				if i%11 == 0 {
					miss[i], vals[i] = true, 0
				}
			}
			require.NoError(t, tab.AddNumeric(name, vals, miss))
		default:
			require.NoError(t, tab.AddNumeric(name, col.Num, nil))
		}
	}
	ch, err := raw.Numeric("Channel")
	require.NoError(t, err)
	det, _ := raw.Numeric("Detergents_Paper")
	gro, _ := raw.Numeric("Grocery")
	score = make([]float64, n)
	for i, c := range ch.Num {
		if c == 1 {
			horeca = append(horeca, i)
		} else {
			retail = append(retail, i)
		}
		score[i] = det.Num[i] / (det.Num[i] + gro.Num[i])
	}
	return tab, horeca, retail, score
}

// tallyRows counts rows of tab (and their scores) with b.
func tallyRows(t testing.TB, b *drift.Binner, tab *dataset.Table, rows []int, score []float64) *drift.Tally {
	t.Helper()
	in := make(map[int]bool, len(rows))
	for _, i := range rows {
		in[i] = true
	}
	tl := b.NewTally()
	require.NoError(t, tl.AddTable(tab, func(i int) bool { return !in[i] }))
	if j := b.ScoreIndex("detergent_share"); j >= 0 {
		for _, i := range rows {
			tl.AddScore(j, score[i])
		}
	}
	return tl
}
