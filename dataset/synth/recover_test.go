package synth

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// churnFeatures builds the design matrix of the churn model from the table
// columns, as a standard pipeline would (ratio, log1p, one-hot), with a
// leading column of ones.
func churnFeatures(t *testing.T, rows []int, cols map[string][]float64, monthly []bool) *mat.Dense {
	x := mat.NewDense(len(rows), 8, nil)
	for r, i := range rows {
		m := 0.0
		if monthly[i] {
			m = 1
		}
		x.SetRow(r, []float64{1, cols["seats_used"][i] / cols["seats_purchased"][i], math.Log1p(cols["logins_per_week"][i]),
			cols["feature_adoption"][i], math.Log1p(cols["support_tickets"][i]), cols["days_since_last_login"][i] / 30, m,
			math.Log1p(cols["tenure_months"][i])})
	}
	return x
}

// TestChurnModelRecoverable fits an unpenalised logistic regression by
// Newton's method (IRLS) on half the accounts and checks that its held-out
// AUC is within 0.01 of the true model's, and its coefficients near the true
// ones: the documented formula is learnable from the columns.
func TestChurnModelRecoverable(t *testing.T) {
	const n = 20000
	tab, truth, err := Generate(Config{N: n, Seed: 17})
	require.NoError(t, err)
	cols := map[string][]float64{}
	for _, name := range []string{"seats_used", "seats_purchased", "logins_per_week", "feature_adoption", "support_tickets", "days_since_last_login", "tenure_months", "churned"} {
		cols[name] = numCol(t, tab, name).Num
	}
	contract := strCol(t, tab, "contract")
	monthly := make([]bool, n)
	for i, c := range contract.Str {
		monthly[i] = c == "monthly"
	}
	var train, test []int
	for i := range n {
		if i%2 == 0 {
			train = append(train, i)
		} else {
			test = append(test, i)
		}
	}
	x := churnFeatures(t, train, cols, monthly)
	beta := mat.NewVecDense(8, nil)
	for range 25 {
		var h mat.Dense
		g := mat.NewVecDense(8, nil)
		w := mat.NewDense(len(train), 8, nil)
		for r, i := range train {
			row := x.RawRowView(r)
			z := 0.0
			for j, v := range row {
				z += v * beta.AtVec(j)
			}
			p := sigmoid(z)
			for j, v := range row {
				g.SetVec(j, g.AtVec(j)+(cols["churned"][i]-p)*v)
				w.Set(r, j, v*p*(1-p))
			}
		}
		h.Mul(x.T(), w)
		var step mat.VecDense
		require.NoError(t, step.SolveVec(&h, g))
		beta.AddVec(beta, &step)
		if mat.Norm(&step, math.Inf(1)) < 1e-10 {
			break
		}
	}
	want := ChurnModel()
	assert.InDelta(t, want.Intercept, beta.AtVec(0), 0.35)
	for j, term := range want.Terms {
		assert.InDelta(t, term.Coef, beta.AtVec(j+1), 0.35, term.Name)
	}
	xt := churnFeatures(t, test, cols, monthly)
	fitted, trueP, y := make([]float64, len(test)), make([]float64, len(test)), make([]float64, len(test))
	for r, i := range test {
		fitted[r] = mat.Dot(xt.RowView(r), beta)
		trueP[r] = truth.ChurnProb[i]
		y[r] = cols["churned"][i]
	}
	fa, ta := auc(fitted, y), auc(trueP, y)
	t.Logf("held-out AUC: fitted %.4f, true model %.4f", fa, ta)
	assert.InDelta(t, ta, fa, 0.01)
}
