package predict

import (
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// goldenCase is one scikit-learn fit written by
// benchmarks/peers/logistic_golden.py.
type goldenCase struct {
	Penalty       string    `json:"penalty"`
	C             float64   `json:"C"`
	L1Ratio       float64   `json:"l1_ratio"`
	ClassWeight   string    `json:"class_weight"`
	FitIntercept  bool      `json:"fit_intercept"`
	Coef          []float64 `json:"coef"`
	Intercept     float64   `json:"intercept"`
	Optimality    float64   `json:"optimality"`
	SampleWeights []float64 `json:"sample_weights"`
	ProbaFirst5   []float64 `json:"proba_first5"`
}

func readJSON(t *testing.T, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, v))
}

// wholesaleX reads ../../shared/data/wholesale_customers.csv and builds the
// design the golden script uses: standardised log1p spending (population
// std) plus Region 2 and 3 dummies; y = Channel == 2.
func wholesaleX(t *testing.T) (*mat.Dense, []float64) {
	t.Helper()
	path := filepath.Join("..", "..", "shared", "data", "wholesale_customers.csv")
	f, err := os.Open(path)
	require.NoError(t, err, "the wholesale customers data set must be at %s (see /work/shared/data/README.md)", path)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	recs = recs[1:]
	n := len(recs)
	X := mat.NewDense(n, 8, nil)
	y := make([]float64, n)
	for i, r := range recs {
		v := make([]float64, len(r))
		for j, s := range r {
			v[j], err = strconv.ParseFloat(s, 64)
			require.NoError(t, err)
		}
		if v[0] == 2 {
			y[i] = 1
		}
		for j := 0; j < 6; j++ {
			X.Set(i, j, math.Log1p(v[2+j]))
		}
		if v[1] == 2 {
			X.Set(i, 6, 1)
		}
		if v[1] == 3 {
			X.Set(i, 7, 1)
		}
	}
	for j := 0; j < 6; j++ {
		mean, ss := 0.0, 0.0
		for i := 0; i < n; i++ {
			mean += X.At(i, j)
		}
		mean /= float64(n)
		for i := 0; i < n; i++ {
			ss += (X.At(i, j) - mean) * (X.At(i, j) - mean)
		}
		sd := math.Sqrt(ss / float64(n))
		for i := 0; i < n; i++ {
			X.Set(i, j, (X.At(i, j)-mean)/sd)
		}
	}
	return X, y
}

func checkGolden(t *testing.T, X mat.Matrix, y []float64, c goldenCase) {
	t.Helper()
	cfg := Logistic{Penalty: c.Penalty, C: c.C, L1Ratio: c.L1Ratio, NoIntercept: !c.FitIntercept,
		SampleWeights: c.SampleWeights, Tol: 1e-10}
	if c.ClassWeight == "balanced" {
		cfg.ClassWeight.Balanced = true
	}
	require.Less(t, c.Optimality, 1e-8, "golden not converged")
	m, err := cfg.Fit(X, y)
	require.NoError(t, err)
	require.True(t, m.Info().Converged)
	coef := m.Coef()
	maxDiff := math.Abs(m.Intercept() - c.Intercept)
	for j := range coef {
		maxDiff = math.Max(maxDiff, math.Abs(coef[j]-c.Coef[j])/math.Max(1, math.Abs(c.Coef[j])))
	}
	t.Logf("%s C=%g l1_ratio=%g cw=%q intercept=%v: max |coef - sklearn| = %.2e (%d iterations)",
		c.Penalty, c.C, c.L1Ratio, c.ClassWeight, c.FitIntercept, maxDiff, m.Info().Iterations)
	require.Less(t, maxDiff, 1e-6, "coef %v\nsklearn %v", coef, c.Coef)
	n, _ := X.Dims()
	p, err := m.PredictProba(X.(*mat.Dense).Slice(0, min(5, n), 0, len(coef)))
	require.NoError(t, err)
	for i := range p {
		require.InDelta(t, c.ProbaFirst5[i], p[i], 1e-6)
	}
}

func TestLogisticGoldenWholesale(t *testing.T) {
	var g struct {
		FeatureNames []string     `json:"feature_names"`
		XFirstRow    []float64    `json:"x_first_row"`
		XMean        []float64    `json:"x_mean"`
		Cases        []goldenCase `json:"cases"`
	}
	readJSON(t, "logistic_wholesale.json", &g)
	X, y := wholesaleX(t)
	for j, v := range g.XFirstRow {
		require.InDelta(t, v, X.At(0, j), 1e-12, "preprocessing differs from the golden script")
	}
	require.Len(t, g.Cases, 9)
	for _, c := range g.Cases {
		checkGolden(t, X, y, c)
	}
}

func TestLogisticGoldenSynthetic(t *testing.T) {
	var g struct {
		Sets []struct {
			Name  string       `json:"name"`
			X     [][]float64  `json:"X"`
			Y     []float64    `json:"y"`
			Cases []goldenCase `json:"cases"`
		} `json:"sets"`
	}
	readJSON(t, "logistic_synth.json", &g)
	require.Len(t, g.Sets, 3)
	for _, s := range g.Sets {
		X := mat.NewDense(len(s.X), len(s.X[0]), nil)
		for i, r := range s.X {
			X.SetRow(i, r)
		}
		t.Run(s.Name, func(t *testing.T) {
			for _, c := range s.Cases {
				checkGolden(t, X, s.Y, c)
			}
		})
	}
}
