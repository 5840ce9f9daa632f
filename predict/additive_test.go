package predict

import (
	"bytes"
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sort"
	"testing"

	"github.com/segmenta/segmenta/internal/errs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/floats"
	"gonum.org/v1/gonum/mat"
)

// shapedData draws rows whose true log-odds has a threshold (x0 > 1), a
// U-shape (x1^2), an interaction (x2 * x3 > 0) and a linear part (x4); x5
// is a 0/1 flag, x6 noise.
func shapedData(n int, seed uint64) (*mat.Dense, []float64) {
	rng := rand.New(rand.NewPCG(seed, 99))
	X := mat.NewDense(n, 7, nil)
	y := make([]float64, n)
	for i := range n {
		for j := range 5 {
			X.Set(i, j, rng.NormFloat64())
		}
		X.Set(i, 5, float64(rng.IntN(2)))
		X.Set(i, 6, rng.NormFloat64())
		z := -1.5 + 1.5*b2f(X.At(i, 0) > 1) + 0.8*X.At(i, 1)*X.At(i, 1) +
			1.2*b2f(X.At(i, 2)*X.At(i, 3) > 0) + 0.5*X.At(i, 4) + 0.4*X.At(i, 5)
		if rng.Float64() < 1/(1+math.Exp(-z)) {
			y[i] = 1
		}
	}
	return X, y
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func TestAdditiveBeatsLinearOnShapes(t *testing.T) {
	X, y := shapedData(6000, 1)
	Xte, yte := shapedData(4000, 2)
	am, err := Additive{Seed: 1}.Fit(X, y)
	require.NoError(t, err)
	lm, err := Logistic{}.Fit(X, y)
	require.NoError(t, err)
	pa, err := am.PredictProba(Xte)
	require.NoError(t, err)
	pl, err := lm.PredictProba(Xte)
	require.NoError(t, err)
	aucA, _ := ROCAUC(yte, pa, nil)
	aucL, _ := ROCAUC(yte, pl, nil)
	llA, _ := LogLoss(yte, pa, nil)
	llL, _ := LogLoss(yte, pl, nil)
	t.Logf("additive AUC %.4f log loss %.4f (%+v); linear AUC %.4f log loss %.4f", aucA, llA, am.Info(), aucL, llL)
	assert.Greater(t, aucA, aucL+0.05, "shapes and the interaction are learnt")
	assert.Less(t, llA, llL)
	info := am.Info()
	require.NotEmpty(t, info.Pairs, "the x2 x x3 interaction is kept")
	assert.Equal(t, [2]string{"x2", "x3"}, info.Pairs[0])

	// The U-shape: both tails above the centre.
	assert.Greater(t, am.Shape(1, -2), am.Shape(1, 0)+0.5)
	assert.Greater(t, am.Shape(1, 2), am.Shape(1, 0)+0.5)
	// The threshold: a jump around 1, flat below.
	assert.Greater(t, am.Shape(0, 1.5)-am.Shape(0, 0.5), 0.6)
	assert.Nil(t, am.ShapeKnots(5), "a 0/1 flag stays linear")
}

func TestAdditiveContributionsAddUp(t *testing.T) {
	X, y := shapedData(3000, 3)
	am, err := Additive{Seed: 2}.Fit(X, y)
	require.NoError(t, err)
	z, err := am.DecisionFunction(X)
	require.NoError(t, err)
	for i := 0; i < 200; i++ {
		c, err := am.Contributions(X.RawRowView(i))
		require.NoError(t, err)
		s := am.Baseline()
		for _, v := range c {
			s += v
		}
		assert.InDelta(t, z[i], s, 1e-9)
	}
	// Contributions are relative to a typical account: they average zero.
	n, d := X.Dims()
	mean := make([]float64, d)
	for i := range n {
		c, _ := am.Contributions(X.RawRowView(i))
		for j, v := range c {
			mean[j] += v / float64(n)
		}
	}
	for j, v := range mean {
		assert.InDelta(t, 0, v, 1e-9, "column %d", j)
	}
}

func TestAdditiveDeterministicAndPersist(t *testing.T) {
	X, y := shapedData(2000, 4)
	a, err := Additive{Seed: 5, Bins: 6}.Fit(X, y)
	require.NoError(t, err)
	b, err := Additive{Seed: 5, Bins: 6}.Fit(X, y)
	require.NoError(t, err)
	za, _ := a.DecisionFunction(X)
	zb, _ := b.DecisionFunction(X)
	assert.Equal(t, za, zb, "same seed, same model")

	var buf bytes.Buffer
	require.NoError(t, a.Save(&buf))
	saved := buf.String()
	c, err := LoadAdditive(&buf)
	require.NoError(t, err)
	zc, _ := c.DecisionFunction(X)
	assert.Equal(t, za, zc, "bit-identical after a round trip")
	assert.Equal(t, a.Info(), c.Info())

	_, err = LoadAdditive(bytes.NewBufferString(saved[:len(saved)/2]))
	assert.ErrorIs(t, err, ErrFormat)
	tampered := bytes.Replace([]byte(saved), []byte(`"format": "segmenta.predict.additive"`), []byte(`"format": "other"`), 1)
	_, err = LoadAdditive(bytes.NewReader(tampered))
	assert.ErrorIs(t, err, ErrFormat)
}

func TestAdditiveErrors(t *testing.T) {
	X, y := shapedData(300, 6)
	_, err := Additive{Bins: 1}.Fit(X, y)
	assert.ErrorIs(t, err, ErrConfig)
	_, err = Additive{FeatureNames: []string{"a"}}.Fit(X, y)
	assert.ErrorIs(t, err, ErrDimension)
	_, err = Additive{}.Fit(X, y[:10])
	assert.ErrorIs(t, err, ErrDimension)
	X.Set(3, 2, math.NaN())
	_, err = Additive{}.Fit(X, y)
	var ce *errs.ColumnError
	require.ErrorAs(t, err, &ce)
	assert.Equal(t, 3, ce.Row)
	assert.Equal(t, "2", ce.Column)
	X.Set(3, 2, 0)
	for i := range y {
		y[i] = 0
	}
	_, err = Additive{}.Fit(X, y)
	assert.ErrorIs(t, err, ErrSingleClass)
}

func TestAdditiveSameAnyGOMAXPROCS(t *testing.T) {
	X, y := shapedData(3000, 8)
	cfg := Additive{Seed: 3, SelectionRows: 1000}
	a, err := cfg.Fit(X, y)
	require.NoError(t, err)
	prev := runtime.GOMAXPROCS(1)
	b, err := cfg.Fit(X, y)
	runtime.GOMAXPROCS(prev)
	require.NoError(t, err)
	za, _ := a.DecisionFunction(X)
	zb, _ := b.DecisionFunction(X)
	assert.Equal(t, za, zb)
	assert.Equal(t, a.Info(), b.Info())
}

// TestAdditiveLayout evaluates the model from its Layout alone, the way
// SQL does, and gets DecisionRow and ContributionsInto back exactly.
func TestAdditiveLayout(t *testing.T) {
	X, y := shapedData(4000, 5)
	m, err := Additive{Seed: 3}.Fit(X, y)
	require.NoError(t, err)
	icpt, terms, pairs := m.Layout()
	require.NotEmpty(t, pairs, "the data has an interaction")
	n, d := X.Dims()
	bin := func(cuts []float64, x float64) int {
		b := 0
		for _, c := range cuts {
			if c <= x {
				b++
			}
		}
		return b
	}
	c := make([]float64, d)
	for i := 0; i < n; i += 7 {
		x := X.RawRowView(i)
		z := icpt
		want := make([]float64, d)
		for j, tm := range terms {
			v := tm.Weights[0] * (x[j] - tm.Center) / tm.Scale
			for k, e := range tm.Edges {
				if e <= x[j] {
					v += tm.Weights[1+k]
				}
			}
			z += v
			want[j] = v - tm.Mean
		}
		for _, p := range pairs {
			v := p.Cells[bin(p.CutsJ, x[p.J])*(len(p.CutsK)+1)+bin(p.CutsK, x[p.K])]
			z += v
			want[p.J] += (v - p.Mean) / 2
			want[p.K] += (v - p.Mean) / 2
		}
		require.Equal(t, m.DecisionRow(x), z, "row %d", i)
		m.ContributionsInto(c, x)
		require.Equal(t, want, c, "row %d", i)
	}
}

// TestQuantileEdgesBetweenValues: no training value lies on an edge, and
// each edge steps on the same training values as the quantile value it
// stands for (integer codes, ties and adjacent floats included).
func TestQuantileEdgesBetweenValues(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 4))
	next := math.Nextafter(1, 2)
	for _, s := range [][]float64{
		{0, 0, 0, 1, 1, 2, 2, 2, 3, 5, 5, 8},
		{1, 1, 1, 1, next, next, next, next},
		func() []float64 {
			v := make([]float64, 500)
			for i := range v {
				v[i] = math.Round(rng.NormFloat64()*3) / 4
			}
			sort.Float64s(v)
			return v
		}(),
	} {
		edges := quantileEdges(s, 8)
		require.NotEmpty(t, edges)
		for k, e := range edges {
			// The training values just below and at or above the edge.
			j := sort.SearchFloat64s(s, e)
			require.Positive(t, j, "edge %v at or below the minimum", e)
			if e != next { // adjacent floats have no value between them
				require.Less(t, s[j-1], e)
				require.Greater(t, s[j], e, "training value on edge %v", e)
			}
			if k > 0 {
				require.Greater(t, e, edges[k-1])
			}
		}
	}
}

// The model with pairs is cross-validated at the main effects' C and its
// grid neighbours, in grid order, whatever the order of Cs.
func TestGridNeighbours(t *testing.T) {
	cs := []float64{10, 0.001, 1, 0.1, 0.01}
	assert.Equal(t, []float64{0.001, 0.01}, gridNeighbours(cs, 0.001))
	assert.Equal(t, []float64{0.01, 0.1, 1}, gridNeighbours(cs, 0.1))
	assert.Equal(t, []float64{1, 10}, gridNeighbours(cs, 10))
	assert.Equal(t, []float64{0.5}, gridNeighbours([]float64{0.5}, 0.5))
	assert.Equal(t, []float64{10, 0.001, 1, 0.1, 0.01}, cs, "the grid is not reordered")
}

// Only significant pairs are added: the true interaction on shaped data,
// none where the truth is linear (a few of the 15 pairs would otherwise
// fill the three places by chance).
func TestAdditiveAddsOnlySignificantPairs(t *testing.T) {
	X, y := shapedData(6000, 1)
	am, err := Additive{Seed: 1}.Fit(X, y)
	require.NoError(t, err)
	assert.Equal(t, [][2]string{{"x2", "x3"}}, am.Info().Pairs)

	X, y = linearData(6000, 2)
	am, err = Additive{Seed: 1}.Fit(X, y)
	require.NoError(t, err)
	assert.Empty(t, am.Info().Pairs)
	assert.Zero(t, am.Info().RejectedPairs)
}

// A feature gets a shape where the data departs from a line: the step
// (x0), the U (x1) and the interaction's sign features (x2, x3, bent
// through their pair) are shaped, the linear x4, the binary x5 and the
// noise x6 stay lines; with TestLevel negative every feature with three or
// more values is shaped.
func TestAdditiveShapesOnlyWhereTheDataBends(t *testing.T) {
	X, y := shapedData(6000, 1)
	am, err := Additive{Seed: 1}.Fit(X, y)
	require.NoError(t, err)
	in := am.Info()
	assert.Subset(t, in.Shaped, []string{"x0", "x1"})
	assert.NotContains(t, in.Shaped, "x4")
	assert.NotContains(t, in.Shaped, "x5")
	assert.NotContains(t, in.Shaped, "x6")
	for _, j := range []int{4, 6} {
		xs, ys := am.ShapeCurve(j, 20)
		for k := 2; k < len(xs); k++ {
			// A line: equal slopes between consecutive points.
			s1 := (ys[k-1] - ys[k-2]) / (xs[k-1] - xs[k-2])
			s2 := (ys[k] - ys[k-1]) / (xs[k] - xs[k-1])
			require.InDelta(t, s1, s2, 1e-9, "feature x%d", j)
		}
	}
	ok, why := am.BeatsLinear()
	assert.True(t, ok, why)
	assert.Contains(t, why, fmt.Sprintf("shapes on %d of 7 features", len(in.Shaped)))

	all, err := Additive{Seed: 1, TestLevel: -1}.Fit(X, y)
	require.NoError(t, err)
	assert.Equal(t, []string{"x0", "x1", "x2", "x3", "x4", "x6"}, all.Info().Shaped)

	_, err = Additive{TestLevel: 1}.Fit(X, y)
	assert.ErrorIs(t, err, ErrConfig)
}

// A strong step halfway through one of the 32 quantile bins: the coarse
// steps misplace it by half a bin, the 48 finer ones by a quarter of
// theirs, and cross-validation keeps them; with FineBins not above Bins
// nothing finer is tried.
func TestAdditiveRefinesSteps(t *testing.T) {
	const n = 20000
	rng := rand.New(rand.NewPCG(8, 9))
	X := mat.NewDense(n, 3, nil)
	y := make([]float64, n)
	for i := range n {
		for j := range 3 {
			X.Set(i, j, rng.Float64())
		}
		z := -2.0
		if X.At(i, 0) > 31.0/64 { // the middle of the 16th of 32 quantile bins
			z += 4
		}
		if rng.Float64() < 1/(1+math.Exp(-z)) {
			y[i] = 1
		}
	}
	fine, err := Additive{Seed: 1}.Fit(X, y)
	require.NoError(t, err)
	in := fine.Info()
	assert.Equal(t, []string{"x0"}, in.Shaped)
	assert.Equal(t, 48, in.ShapeBins)
	_, why := fine.BeatsLinear()
	assert.Contains(t, why, "shapes on 1 of 3 features at up to 48 bins")
	coarse, err := Additive{Seed: 1, FineBins: 32}.Fit(X, y)
	require.NoError(t, err)
	assert.Equal(t, 32, coarse.Info().ShapeBins)
	assert.Less(t, fine.Info().CVLogLoss, coarse.Info().CVLogLoss)
	_, err = Additive{FineBins: 256}.Fit(X, y)
	assert.ErrorIs(t, err, ErrConfig)
}

// The slopes are penalised as in the linear model whatever C: with the
// shapes' and pairs' penalty made overwhelming (C tiny), the additive model
// is the linear model at LinearC.
func TestAdditiveNestsTheLinearModel(t *testing.T) {
	X, y := shapedData(3000, 4)
	am, err := Additive{Seed: 1, TestLevel: -1, FineBins: -1, Cs: []float64{1e-9}, LinearC: 0.5, Tol: 1e-9}.Fit(X, y)
	require.NoError(t, err)
	require.NotEmpty(t, am.Info().Shaped)
	// The slopes are those of the standardised features (population
	// standard deviation, as the terms scale them).
	n, d := X.Dims()
	Z := mat.DenseCopyOf(X)
	for j := range d {
		col := mat.Col(nil, j, X)
		mean := floats.Sum(col) / float64(n)
		sd := 0.0
		for _, v := range col {
			sd += (v - mean) * (v - mean)
		}
		sd = math.Sqrt(sd / float64(n))
		for i := range n {
			Z.Set(i, j, (X.At(i, j)-mean)/sd)
		}
	}
	lm, err := Logistic{C: 0.5, Tol: 1e-9}.Fit(Z, y)
	require.NoError(t, err)
	for i := range 100 {
		require.InDelta(t, lm.DecisionRow(Z.RawRowView(i)), am.DecisionRow(X.RawRowView(i)), 1e-6, "row %d", i)
	}
}

// Terms are built from every row up to maxTermRows, else from
// maxTermRows rows evenly spaced, the first and the spacing exact.
func TestTermRows(t *testing.T) {
	x := []float64{1, 2, 3, 4}
	got, n, d := termRows(x, 2, 2)
	assert.Equal(t, x, got)
	assert.Equal(t, [2]int{2, 2}, [2]int{n, d})

	rows := 2*maxTermRows + 1
	x = make([]float64, rows*2)
	for i := range rows {
		x[2*i], x[2*i+1] = float64(i), -float64(i)
	}
	got, n, _ = termRows(x, rows, 2)
	require.Equal(t, maxTermRows, n)
	require.Len(t, got, 2*maxTermRows)
	for k := range maxTermRows {
		i := float64(int64(k) * int64(rows) / int64(maxTermRows))
		require.Equal(t, [2]float64{i, -i}, [2]float64{got[2*k], got[2*k+1]}, "sample row %d", k)
	}
}
