package predict

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/internal/errs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestKnownModelHeldOut(t *testing.T) {
	const n, d = 50000, 10
	X, y, w := logitData(2*n, d, 99)
	Xtr, Xte := X.Slice(0, n, 0, d), X.Slice(n, 2*n, 0, d)
	m, err := Logistic{}.Fit(Xtr, y[:n])
	require.NoError(t, err)
	p, err := m.PredictProba(Xte)
	require.NoError(t, err)
	truth := make([]float64, n)
	for i := range truth {
		truth[i] = sigmoid(w[d] + mat.Dot(Xte.(*mat.Dense).RowView(i), mat.NewVecDense(d, w[:d])))
	}
	aucModel, err := ROCAUC(y[n:], p, nil)
	require.NoError(t, err)
	aucTrue, err := ROCAUC(y[n:], truth, nil)
	require.NoError(t, err)
	cal, err := CalibrationCurve(y[n:], p, 10)
	require.NoError(t, err)
	t.Logf("held-out ROC AUC %.4f, true model %.4f; ECE %.4f", aucModel, aucTrue, cal.ECE)
	assert.InDelta(t, aucTrue, aucModel, 0.01)
	assert.Less(t, cal.ECE, 0.02)
	for j := 0; j < d; j++ {
		assert.InDelta(t, w[j], m.Coef()[j], 0.06, "coef %d", j)
	}
}

func TestBadInput(t *testing.T) {
	X := mat.NewDense(4, 2, []float64{1, 2, 3, 4, 5, 6, 7, 8})
	_, err := Logistic{}.Fit(X, []float64{1, 1, 1, 1})
	assert.ErrorIs(t, err, ErrSingleClass)

	_, err = Logistic{}.Fit(X, []float64{0, 1, 2, 1})
	assert.ErrorIs(t, err, ErrLabel)
	var ce *errs.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 2, ce.Row)
	assert.Equal(t, "y", ce.Column)
	assert.Contains(t, err.Error(), "row 2")

	Xn := mat.DenseCopyOf(X)
	Xn.Set(3, 1, math.NaN())
	_, err = Logistic{}.Fit(Xn, []float64{0, 1, 0, 1})
	assert.ErrorIs(t, err, ErrNonFinite)
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 3, ce.Row)
	assert.Equal(t, "1", ce.Column)
	Xn.Set(3, 1, math.Inf(-1))
	_, err = Logistic{}.Fit(Xn, []float64{0, 1, 0, 1})
	assert.ErrorIs(t, err, ErrNonFinite)

	_, err = Logistic{}.Fit(X, []float64{0, 1, 0})
	assert.ErrorIs(t, err, ErrDimension)
	_, err = Logistic{SampleWeights: []float64{1, 1}}.Fit(X, []float64{0, 1, 0, 1})
	assert.ErrorIs(t, err, ErrDimension)
	_, err = Logistic{FeatureNames: []string{"a"}}.Fit(X, []float64{0, 1, 0, 1})
	assert.ErrorIs(t, err, ErrDimension)
	_, err = Logistic{SampleWeights: []float64{0, 0, 0, 0}}.Fit(X, []float64{0, 1, 0, 1})
	assert.ErrorIs(t, err, ErrWeight)
	_, err = Logistic{SampleWeights: []float64{1, -1, 1, 1}}.Fit(X, []float64{0, 1, 0, 1})
	assert.ErrorIs(t, err, ErrWeight)
	// zero weights leave one class only
	_, err = Logistic{SampleWeights: []float64{1, 0, 1, 0}}.Fit(X, []float64{0, 1, 0, 1})
	assert.ErrorIs(t, err, ErrSingleClass)
	_, err = Logistic{Penalty: "l3"}.Fit(X, []float64{0, 1, 0, 1})
	assert.ErrorIs(t, err, ErrConfig)
	_, err = Logistic{Penalty: "l1", Solver: "lbfgs"}.Fit(X, []float64{0, 1, 0, 1})
	assert.ErrorIs(t, err, ErrConfig)
	_, err = Logistic{C: -1}.Fit(X, []float64{0, 1, 0, 1})
	assert.ErrorIs(t, err, ErrConfig)
	_, err = Logistic{}.Fit(mat.NewDense(1, 1, nil).Slice(0, 0, 0, 1), nil)
	assert.Error(t, err)

	m, err := Logistic{}.Fit(X, []float64{0, 1, 0, 1})
	require.NoError(t, err)
	_, err = m.PredictProba(mat.NewDense(2, 3, nil))
	assert.ErrorIs(t, err, ErrDimension)
}

func TestZeroWeightRowsIgnored(t *testing.T) {
	X, y, _ := logitData(400, 3, 8)
	sw := make([]float64, 400)
	keep := []int{}
	for i := range sw {
		if i%3 != 0 {
			sw[i] = 1
			keep = append(keep, i)
		}
	}
	// rows with weight 0 get absurd labels-consistent but huge features:
	// they must not change anything
	Xw := mat.DenseCopyOf(X)
	for i := 0; i < 400; i += 3 {
		Xw.Set(i, 0, 1e6)
	}
	m1, err := Logistic{SampleWeights: sw, Tol: 1e-10}.Fit(Xw, y)
	require.NoError(t, err)
	Xk := mat.NewDense(len(keep), 3, nil)
	yk := make([]float64, len(keep))
	for r, i := range keep {
		Xk.SetRow(r, X.RawRowView(i))
		yk[r] = y[i]
	}
	m2, err := Logistic{Tol: 1e-10}.Fit(Xk, yk)
	require.NoError(t, err)
	assert.InDeltaSlice(t, m2.Coef(), m1.Coef(), 1e-12)
	assert.InDelta(t, m2.Intercept(), m1.Intercept(), 1e-12)
	assert.Equal(t, len(keep), m1.Info().Rows)
}

func TestMoreFeaturesThanRows(t *testing.T) {
	X, y, _ := logitData(30, 80, 4)
	m, err := Logistic{Tol: 1e-10}.Fit(X, y)
	require.NoError(t, err)
	assert.True(t, m.Info().Converged)
	// lbfgs reaches the same unique optimum
	m2, err := Logistic{Tol: 1e-10, Solver: "lbfgs"}.Fit(X, y)
	require.NoError(t, err)
	assert.InDeltaSlice(t, m.Coef(), m2.Coef(), 1e-6)
	// without a penalty the data are separable: no finite solution
	_, err = Logistic{Penalty: "none"}.Fit(X, y)
	assert.ErrorIs(t, err, ErrSeparable)
}

func TestSeparable(t *testing.T) {
	X := mat.NewDense(6, 1, []float64{-3, -2, -1, 1, 2, 3})
	y := []float64{0, 0, 0, 1, 1, 1}
	m, err := Logistic{Penalty: "none"}.Fit(X, y)
	assert.ErrorIs(t, err, ErrSeparable)
	assert.Nil(t, m)
	// with a penalty the optimum exists and is found
	m, err = Logistic{C: 100, Tol: 1e-10}.Fit(X, y)
	require.NoError(t, err)
	assert.Greater(t, m.Coef()[0], 1.0)
	m, err = Logistic{Penalty: "l1", C: 100, Tol: 1e-10}.Fit(X, y)
	require.NoError(t, err)
	assert.True(t, m.Info().Converged)
}

func TestNotConvergedReturnsModel(t *testing.T) {
	X, y, _ := logitData(2000, 5, 1)
	m, err := Logistic{MaxIter: 1, Tol: 1e-12}.Fit(X, y)
	assert.ErrorIs(t, err, ErrNotConverged)
	require.NotNil(t, m)
	assert.False(t, m.Info().Converged)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err = Logistic{}.FitContext(ctx, X, y)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSolversAgree(t *testing.T) {
	X, y, _ := logitData(3000, 6, 2)
	for _, pen := range []string{"l2", "none", "elasticnet"} {
		a, err := Logistic{Penalty: pen, L1Ratio: 0.5, Tol: 1e-10}.Fit(X, y)
		require.NoError(t, err)
		if pen == "elasticnet" {
			continue
		}
		b, err := Logistic{Penalty: pen, Solver: "lbfgs", Tol: 1e-10}.Fit(X, y)
		require.NoError(t, err)
		assert.InDeltaSlice(t, a.Coef(), b.Coef(), 1e-6, pen)
	}
}

func TestFitDeterministicAcrossProcs(t *testing.T) {
	X, y, _ := logitData(250000, 6, 3) // large enough for warm start and Hessian sampling
	fit := func(procs int) *LogisticModel {
		old := runtime.GOMAXPROCS(procs)
		defer runtime.GOMAXPROCS(old)
		m, err := Logistic{}.Fit(X, y)
		require.NoError(t, err)
		return m
	}
	a, b := fit(1), fit(3)
	require.Equal(t, a.Coef(), b.Coef())
	require.Equal(t, a.Intercept(), b.Intercept())
}

func TestSaveLoad(t *testing.T) {
	X, y, _ := logitData(500, 3, 6)
	m, err := Logistic{FeatureNames: []string{"seats", "logins", "tickets"}}.Fit(X, y)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, m.Save(&buf))
	file := buf.String()
	m2, err := LoadLogistic(strings.NewReader(file))
	require.NoError(t, err)
	assert.Equal(t, m.Coef(), m2.Coef())
	assert.Equal(t, m.FeatureNames(), m2.FeatureNames())
	assert.Equal(t, m.FeatureMeans(), m2.FeatureMeans())
	p1, _ := m.PredictProba(X)
	p2, _ := m2.PredictProba(X)
	assert.Equal(t, p1, p2)

	for name, bad := range map[string]string{
		"truncated": file[:len(file)/2],
		"tampered":  strings.Replace(file, `"seats"`, `"seatz"`, 1),
		"version":   strings.Replace(file, `"version": 1`, `"version": 7`, 1),
		"format":    strings.Replace(file, `segmenta.predict.logistic`, `segmenta.cluster.kmeans`, 1),
		"empty":     "",
	} {
		_, err := LoadLogistic(strings.NewReader(bad))
		assert.ErrorIs(t, err, ErrFormat, name)
	}
}

func TestExplain(t *testing.T) {
	m, err := NewLogisticModel([]float64{2, -1, 0}, 0.5, []string{"seat_utilisation", "tickets", "unused"}, []float64{0.71, 3, 1})
	require.NoError(t, err)
	rs, err := m.Explain([]float64{0.23, 1, 5}, ExplainOptions{})
	require.NoError(t, err)
	require.Len(t, rs, 2) // zero coefficient left out
	assert.Equal(t, "tickets", rs[0].Feature)
	assert.InDelta(t, 2.0, rs[0].Contribution, 1e-12)
	assert.InDelta(t, -0.96, rs[1].Contribution, 1e-12)
	assert.Equal(t, "seat_utilisation 0.23 vs 0.71 average: -0.96 log-odds", rs[1].String())
	rs, err = Explain(m, []float64{0.23, 1, 5}, []float64{0.23, 0, 0}, 1)
	require.NoError(t, err)
	require.Len(t, rs, 1)
	assert.InDelta(t, -1.0, rs[0].Contribution, 1e-12)
	rs, err = m.Explain([]float64{0.23, 1, 5}, ExplainOptions{Top: 1, Display: func(j int, v float64) (string, float64) {
		return "n_" + m.FeatureNames()[j], v * 10
	}})
	require.NoError(t, err)
	assert.Equal(t, Reason{Feature: "n_tickets", Value: 10, Average: 30, Contribution: 2}, rs[0])
	_, err = m.Explain([]float64{1}, ExplainOptions{})
	assert.ErrorIs(t, err, ErrDimension)
}

func TestLogisticCV(t *testing.T) {
	X, y, _ := logitData(1500, 5, 12)
	res, err := LogisticCV{Cs: []float64{1e-4, 1e-2, 1}, Folds: 3, Seed: 1}.Fit(X, y)
	require.NoError(t, err)
	require.Len(t, res.Mean, 3)
	best := 0
	for i, v := range res.Mean {
		assert.Greater(t, v, 0.7)
		if v > res.Mean[best] {
			best = i
		}
	}
	assert.Equal(t, res.Cs[best], res.BestC)
	require.NotNil(t, res.Model)
	res2, err := LogisticCV{Cs: []float64{1e-4, 1e-2, 1}, Folds: 3, Seed: 1, Scoring: "log_loss"}.Fit(X, y)
	require.NoError(t, err)
	assert.Equal(t, 1.0, res2.BestC)
	assert.Less(t, res2.Mean[2], res2.Mean[0])

	folds, err := StratifiedKFold(y, 4, 3)
	require.NoError(t, err)
	seen := make([]int, len(y))
	for _, f := range folds {
		pos := 0.0
		for _, i := range f {
			seen[i]++
			pos += y[i]
		}
		assert.InDelta(t, 1500/4, len(f), 1)
		_ = pos
	}
	for _, c := range seen {
		require.Equal(t, 1, c)
	}
}

func TestTwoTargets(t *testing.T) {
	X, churn, _ := logitData(4000, 4, 21)
	_, upsell, _ := logitData(4000, 4, 22) // other labels, same shape
	tm, err := TwoTargets{Upsell: Logistic{Penalty: "l1", C: 0.5}}.Fit(context.Background(), X, churn, upsell)
	require.NoError(t, err)
	reps, err := tm.Evaluate(X, churn, upsell, 0)
	require.NoError(t, err)
	require.Len(t, reps, 2)
	assert.Greater(t, reps[0].ROCAUC, 0.7)
	js, err := json.Marshal(reps)
	require.NoError(t, err)
	assert.Contains(t, string(js), `"roc_auc"`)
	md := MarkdownTable(reps)
	assert.Contains(t, md, "| churn | 4000 |")
	assert.Contains(t, md, "| upsell |")
	_, err = TwoTargets{}.Fit(context.Background(), X, churn, upsell[:10])
	assert.True(t, errors.Is(err, ErrDimension))
}

func TestClassWeightEqualsSampleWeights(t *testing.T) {
	X, y, _ := logitData(800, 4, 31)
	sw := make([]float64, len(y))
	for i, v := range y {
		sw[i] = 1
		if v == 1 {
			sw[i] = 3
		}
	}
	a, err := Logistic{ClassWeight: ClassWeight{Positive: 3}, Tol: 1e-10}.Fit(X, y)
	require.NoError(t, err)
	b, err := Logistic{SampleWeights: sw, Tol: 1e-10}.Fit(X, y)
	require.NoError(t, err)
	assert.InDeltaSlice(t, a.Coef(), b.Coef(), 1e-12)
}

func TestObjectiveDefinition(t *testing.T) {
	X, y, _ := logitData(300, 3, 17)
	m, err := Logistic{}.Fit(X, y)
	require.NoError(t, err)
	want := 0.0
	w := m.Coef()
	for i := 0; i < 300; i++ {
		z := m.Intercept() + mat.Dot(X.RowView(i), mat.NewVecDense(3, w))
		want += math.Log1p(math.Exp(z)) - y[i]*z
	}
	want += 0.5 * (w[0]*w[0] + w[1]*w[1] + w[2]*w[2])
	got, err := m.Objective(X, y)
	require.NoError(t, err)
	assert.InDelta(t, want, got, 1e-9*want)
	assert.InDelta(t, m.Info().Objective, got, 1e-9*want)
	odds := m.OddsRatios()
	assert.InDelta(t, math.Exp(w[1]), odds[1], 1e-15)
	pred, err := m.Predict(X.Slice(0, 2, 0, 3), 0.5)
	require.NoError(t, err)
	for _, v := range pred {
		assert.Contains(t, []float64{0, 1}, v)
	}
}

func TestWideUsesLBFGS(t *testing.T) {
	X, y, _ := logitData(200, 1200, 41)
	m, err := Logistic{}.Fit(X, y)
	require.NoError(t, err)
	assert.Equal(t, "lbfgs", m.Info().Solver)
	assert.True(t, m.Info().Converged)
	// stationarity of the L2 objective: w = -C X^T (p - y)
	p, err := m.PredictProba(X)
	require.NoError(t, err)
	r := make([]float64, len(p))
	for i := range p {
		r[i] = p[i] - y[i]
	}
	g := mat.NewVecDense(1200, nil)
	g.MulVec(X.T(), mat.NewVecDense(200, r))
	for j, w := range m.Coef() {
		require.InDelta(t, -g.AtVec(j), w, 2e-6*200, "coef %d", j)
	}
}

// DecisionRow is DecisionFunction for one row, bit for bit; a row of the
// wrong length panics rather than reading past it.
func TestDecisionRow(t *testing.T) {
	X, y, _ := logitData(500, 7, 3)
	m, err := Logistic{}.Fit(X, y)
	require.NoError(t, err)
	z, err := m.DecisionFunction(X)
	require.NoError(t, err)
	dense := mat.DenseCopyOf(X)
	for i := range z {
		require.Equal(t, math.Float64bits(z[i]), math.Float64bits(m.DecisionRow(dense.RawRowView(i))), "row %d", i)
	}
	assert.Panics(t, func() { m.DecisionRow(make([]float64, 6)) })
	assert.Panics(t, func() { m.DecisionRow(make([]float64, 8)) })
}
