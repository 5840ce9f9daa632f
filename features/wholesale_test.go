package features

import (
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// sharedData is where CI puts the real data sets (the shared/ folder beside
// the repository).
const sharedData = "../../shared/data"

func sharedFile(t testing.TB, name string) string {
	t.Helper()
	p := filepath.Join(sharedData, name)
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("real data set %s absent (%v): clone the shared/ folder beside the repository", p, err)
	}
	return p
}

// readPlainCSV reads a small all-numeric CSV with encoding/csv.
func readPlainCSV(t testing.TB, path string) ([]string, [][]float64) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	rows := make([][]float64, len(recs)-1)
	for i, r := range recs[1:] {
		rows[i] = make([]float64, len(r))
		for j, s := range r {
			rows[i][j], err = strconv.ParseFloat(s, 64)
			require.NoError(t, err)
		}
	}
	return recs[0], rows
}

// TestWholesaleAgainstScikitLearn compares with scikit-learn 1.2
// (benchmarks/peers/features_golden.py): imputation + log1p + standard
// scaling with a missing indicator, robust scaling, and one-hot codes.
func TestWholesaleAgainstScikitLearn(t *testing.T) {
	header, rows := readPlainCSV(t, sharedFile(t, "wholesale_customers.csv"))
	gh, golden := readPlainCSV(t, "testdata/wholesale_sklearn.csv")
	require.Len(t, golden, len(rows))
	n := len(rows)
	tb := dataset.NewTable("", nil)
	spend := []string{"Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicatessen"}
	idx := map[string]int{}
	for j, h := range header {
		idx[h] = j
	}
	for _, c := range spend {
		v := make([]float64, n)
		var miss []bool
		if c == "Milk" {
			miss = make([]bool, n)
		}
		for i := range v {
			v[i] = rows[i][idx[c]]
			if miss != nil && i%7 == 0 {
				miss[i] = true
			}
		}
		require.NoError(t, tb.AddNumeric("A_"+c, v, miss))
		raw := make([]float64, n)
		for i := range raw {
			raw[i] = rows[i][idx[c]]
		}
		require.NoError(t, tb.AddNumeric("B_"+c, raw, nil))
	}
	region := make([]float64, n)
	for i := range region {
		region[i] = rows[i][idx["Region"]]
	}
	require.NoError(t, tb.AddNumeric("C_Region", region, nil))
	spec := &Spec{}
	for _, c := range spend {
		spec.Columns = append(spec.Columns, ColumnSpec{Name: "A_" + c, Role: RoleNumeric, Log1p: true})
	}
	for _, c := range spend {
		spec.Columns = append(spec.Columns, ColumnSpec{Name: "B_" + c, Role: RoleNumeric, Scale: ScaleRobust})
	}
	spec.Columns = append(spec.Columns, ColumnSpec{Name: "C_Region", Role: RoleCategorical})
	p, err := spec.Fit(tb)
	require.NoError(t, err)
	X, err := p.Transform(tb)
	require.NoError(t, err)
	names := p.Names()
	checked := 0
	for j, name := range names {
		key := name
		if len(key) > 6 && key[:6] == "log1p(" {
			key = key[6 : len(key)-1]
		}
		gj := -1
		for k, g := range gh {
			if g == key {
				gj = k
			}
		}
		if name == "C_Region=other" {
			for i := 0; i < n; i++ {
				require.Zero(t, X.At(i, j))
			}
			continue
		}
		require.GreaterOrEqual(t, gj, 0, "feature %s has no golden column", name)
		got := mat.Col(nil, j, X)
		for i := range got {
			w := golden[i][gj]
			require.InDelta(t, w, got[i], 1e-12*math.Max(1, math.Abs(w)), "%s row %d", name, i)
		}
		checked++
	}
	require.Equal(t, len(gh), checked)
}

// TestWholesaleInferredAndCodes loads the wholesale data with the dataset
// CSV reader, fits an inferred spec, and a spec that treats Region as
// categorical codes and Channel (horeca/retail) as an outcome.
func TestWholesaleInferredAndCodes(t *testing.T) {
	tb, err := dataset.ReadCSVFile(sharedFile(t, "wholesale_customers.csv"), dataset.CSVOptions{IDColumn: dataset.NoID})
	require.NoError(t, err)
	require.Equal(t, 440, tb.Len())

	p, err := (&Spec{}).Fit(tb)
	require.NoError(t, err)
	X, err := p.Transform(tb)
	require.NoError(t, err)
	requireFinite(t, X)
	r, c := X.Dims()
	require.Equal(t, 440, r)
	// Channel (two codes) stays one number; Region's three integer codes
	// are categorical: three levels and "other".
	require.Equal(t, 11, c)
	require.Contains(t, p.Names(), "Region=3")
	// The six spending columns are skewed and non-negative: log1p.
	require.Contains(t, p.Names(), "log1p(Fresh)")
	require.Contains(t, p.Names(), "log1p(Delicatessen)")

	s := &Spec{Columns: []ColumnSpec{
		{Name: "Channel", Role: RoleOutcome},
		{Name: "Region", Role: RoleCategorical},
	}}
	for _, n := range []string{"Fresh", "Milk", "Grocery", "Frozen", "Detergents_Paper", "Delicatessen"} {
		s.Columns = append(s.Columns, ColumnSpec{Name: n, Role: RoleNumeric, Log1p: true})
	}
	p, err = s.Fit(tb)
	require.NoError(t, err)
	require.Equal(t, []string{"Region=1", "Region=2", "Region=3", "Region=other",
		"log1p(Fresh)", "log1p(Milk)", "log1p(Grocery)", "log1p(Frozen)", "log1p(Detergents_Paper)", "log1p(Delicatessen)"}, p.Names())
	require.NotContains(t, p.InputColumns(), "Channel")
	X, err = p.Transform(tb)
	require.NoError(t, err)
	requireFinite(t, X)
	// Region counts in the data: 77 Lisbon (1), 47 Oporto (2), 316 other (3).
	sum := func(j int) float64 {
		var s float64
		for i := 0; i < 440; i++ {
			s += X.At(i, j)
		}
		return s
	}
	require.Equal(t, []float64{77, 47, 316, 0}, []float64{sum(0), sum(1), sum(2), sum(3)})
}
