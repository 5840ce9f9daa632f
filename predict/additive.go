package predict

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/mat"

	"github.com/segmenta/segmenta/internal/parallel"
)

// Additive configures a generalised additive logistic model with a few
// pairwise interactions, GA2M (Lou, Caruana, Gehrke & Hooker, "Accurate
// intelligible models with pairwise interactions", KDD 2013):
//
//	logit P(y=1 | x) = b + sum_j f_j(x_j) + sum_(j,k) f_jk(x_j, x_k)
//
// Each f_j is a linear part plus, when the data shows a departure from a
// line, steps at Bins quantiles of feature j (over at most 200,000 rows,
// see maxTermRows); under the L2 penalty the
// step coefficients are the jumps between bins, so the penalty smooths the
// shape. Each f_jk is a lookup table on cells cut where the pair's
// interaction is (at most PairBins per feature, see pairCuts).
// The whole model is one L2 logistic regression on this expanded design:
//
//  0. the plain L2 logistic model (LinearC) is fitted on the selection
//     rows, and a feature gets steps only where a score test against it
//     says the feature is not linear (see shapedFeatures): lines stay
//     lines, so the fine bins a step or a tail needs cost nothing on the
//     features that do not need them;
//  1. C is chosen by stratified Folds-fold cross-validation of the log loss
//     on the main effects (LogisticCV over Cs, warm-started paths), then
//     the shaped features at FineBins are cross-validated at that C and its
//     grid neighbours and kept if better;
//  2. the pairs are ranked by FAST's residual gain under that model (see
//     pairGain) on PairBins quantile bins per feature, and the best
//     Interactions are added, each only if its gain is significant among
//     all the pairs ranked (see significant), with its cells cut where
//     FAST's search finds the interaction (see pairCuts);
//  3. the model with pairs is cross-validated the same way, at the chosen
//     C and its neighbours on the grid, and kept only if its
//     cross-validated log loss is lower;
//  4. the chosen model is refitted on all rows.
//
// The solver sees the design's structure (a row has one bin per feature
// and one cell per pair): its passes work on each row's bins and values,
// so a gradient costs O(features) per row and a Hessian O(features²),
// whatever Bins.
//
// The zero value gives the documented defaults. Fit is deterministic for a
// Seed, whatever GOMAXPROCS.
type Additive struct {
	// Bins is the number of quantile bins of a shape; 0 means 32.
	Bins int
	// FineBins is the finer resolution tried for the shaped features after
	// C is chosen (see refineShapes): kept when cross-validation prefers
	// it by more than a standard error. 0 means 1.5 times Bins (48 for
	// the default 32; at most 255); a value not above Bins tries nothing
	// finer.
	FineBins int
	// TestLevel is the family-wise level of the tests that give a feature
	// a shape instead of a line (see shapedFeatures) and admit a pair (see
	// significant); 0 means 0.05. A negative value tests nothing: every
	// feature with three or more values gets a shape and the best
	// Interactions pairs by gain are tried.
	TestLevel float64
	// Interactions is the largest number of pairs added; 0 means 3, a
	// negative value none.
	Interactions int
	// PairBins is the number of quantile bins per feature on which pairs
	// are ranked, and the largest number of bins per feature of a pair
	// added (its cuts placed by pairCuts); 0 means 4.
	PairBins int
	// Cs is the grid of C (Logistic.C) searched; nil means 6 values
	// log-spaced over [1e-3, 10].
	Cs []float64
	// Folds is the number of cross-validation folds; 0 means 3.
	Folds int
	// Tol is the solver tolerance (Logistic.Tol); 0 means 1e-5.
	Tol float64
	// SelectionRows caps the rows the cross-validation (C and pairs) runs
	// on: a stratified sample of that size is drawn with Seed when X has
	// more rows; the chosen model is refitted on all rows. 0 means 20000.
	SelectionRows int
	// Seed shuffles the folds and draws the selection sample.
	Seed uint64
	// FeatureNames names the columns of X; nil means x0, x1, ...
	FeatureNames []string
	// LinearC is the C of the plain L2 logistic model the additive one is
	// compared with on the same folds (see AdditiveModel.BeatsLinear), and
	// the penalty of the additive model's slopes, so that the linear model
	// is the additive one with flat shapes; 0 means 1, Logistic's default.
	LinearC float64
}

// withDefaults returns c with its zero fields set.
func (c Additive) withDefaults(d int) (Additive, error) {
	if c.Bins == 0 {
		c.Bins = 32
	}
	if c.FineBins == 0 {
		c.FineBins = min(3*c.Bins/2, 255)
	}
	if c.TestLevel == 0 {
		c.TestLevel = 0.05
	}
	if c.Interactions == 0 {
		c.Interactions = 3
	}
	if c.PairBins == 0 {
		c.PairBins = 4
	}
	if c.Folds == 0 {
		c.Folds = 3
	}
	if c.SelectionRows == 0 {
		c.SelectionRows = 20000
	}
	if c.Tol == 0 {
		c.Tol = 1e-5
	}
	if c.LinearC == 0 {
		c.LinearC = 1
	}
	if c.Cs == nil {
		for i := range 6 {
			c.Cs = append(c.Cs, math.Pow(10, -3+4*float64(i)/5))
		}
	}
	switch {
	case c.Bins < 2 || c.Bins > 255:
		return c, fmt.Errorf("predict: Additive.Bins = %d, want 2..255: %w", c.Bins, ErrConfig)
	case c.FineBins > 255:
		return c, fmt.Errorf("predict: Additive.FineBins = %d, want at most 255: %w", c.FineBins, ErrConfig)
	case c.PairBins < 2 || c.PairBins > 16:
		return c, fmt.Errorf("predict: Additive.PairBins = %d, want 2..16: %w", c.PairBins, ErrConfig)
	case !(c.TestLevel < 1) || math.IsNaN(c.TestLevel):
		return c, fmt.Errorf("predict: Additive.TestLevel = %v, want below 1: %w", c.TestLevel, ErrConfig)
	case c.SelectionRows < 100:
		return c, fmt.Errorf("predict: Additive.SelectionRows = %d, want at least 100: %w", c.SelectionRows, ErrConfig)
	case !(c.LinearC > 0) || math.IsInf(c.LinearC, 0):
		return c, fmt.Errorf("predict: Additive.LinearC = %v, want > 0: %w", c.LinearC, ErrConfig)
	case c.Folds < 2:
		return c, fmt.Errorf("predict: Additive.Folds = %d, want at least 2: %w", c.Folds, ErrConfig)
	case c.FeatureNames != nil && len(c.FeatureNames) != d:
		return c, fmt.Errorf("predict: %d feature names for %d columns: %w", len(c.FeatureNames), d, ErrDimension)
	}
	if c.FeatureNames == nil {
		c.FeatureNames = make([]string, d)
		for j := range c.FeatureNames {
			c.FeatureNames[j] = fmt.Sprintf("x%d", j)
		}
	}
	return c, nil
}

// Fit fits the model on X (n x d, finite) and 0/1 labels y.
func (c Additive) Fit(X mat.Matrix, y []float64) (*AdditiveModel, error) {
	return c.FitContext(context.Background(), X, y)
}

// FitContext is Fit with cancellation. Errors: ErrDimension, ErrNonFinite
// (a *dataset.ColumnError naming the cell), ErrLabel, ErrSingleClass (also when a
// class has fewer rows than Folds), ErrConfig.
func (c Additive) FitContext(ctx context.Context, X mat.Matrix, y []float64) (*AdditiveModel, error) {
	m, x, err := c.selectModel(ctx, X, y)
	if err != nil {
		return nil, err
	}
	return m, m.finish(ctx, x, y)
}

// selectModel runs steps 1-3 of Fit: the model it returns holds the
// chosen structure and C, and coefficients fitted on the selection sample
// only (all rows when X has at most SelectionRows), not yet centred; x is
// X row after row, for finish.
func (c Additive) selectModel(ctx context.Context, X mat.Matrix, y []float64) (*AdditiveModel, []float64, error) {
	n, d := X.Dims()
	if n == 0 || d == 0 {
		return nil, nil, fmt.Errorf("predict: additive: %w", ErrEmpty)
	}
	if len(y) != n {
		return nil, nil, fmt.Errorf("predict: additive: len(y) = %d, X has %d rows: %w", len(y), n, ErrDimension)
	}
	c, err := c.withDefaults(d)
	if err != nil {
		return nil, nil, err
	}
	x, err := rowMajor(X)
	if err != nil {
		return nil, nil, err
	}
	m := &AdditiveModel{names: slices.Clone(c.FeatureNames), tol: c.Tol, linearC: c.LinearC}
	// Selection (C, pairs) runs on at most SelectionRows rows; the chosen
	// model is then refitted on every row.
	xs, ys, err := selectionSample(x, d, y, c.SelectionRows, c.Seed)
	if err != nil {
		return nil, nil, err
	}
	ns := len(ys)
	// The linear model on the folds the additive one will use: the
	// comparison BeatsLinear makes, and the residuals the shape tests read.
	lin := LogisticCV{Base: Logistic{Tol: c.Tol}, Cs: []float64{c.LinearC}, Folds: c.Folds, Scoring: "log_loss", Seed: c.Seed, outOfFold: true}
	lres, err := lin.FitContext(ctx, mat.NewDense(ns, d, xs), ys)
	if err != nil {
		return nil, nil, fmt.Errorf("predict: additive: the linear comparison: %w", err)
	}
	m.linearFolds, m.linearOOF = lres.Scores[0], lres.oof[0]
	sorted := sortedColumns(termRows(x, n, d))
	shaped := c.shapedFeatures(sorted, xs, ys, lres.Model.DecisionRow)
	width := 0
	for j := range d {
		bins := max(shaped[j], 1) // 1: a line
		t := newTerm(sorted[j], bins)
		t.Offset = width
		width += t.width()
		m.terms = append(m.terms, t)
	}
	m.width = width
	cv := LogisticCV{Base: m.logistic(c.Tol, 0), Cs: c.Cs, Folds: c.Folds, Scoring: "log_loss", Seed: c.Seed, outOfFold: true}
	m.oofY = ys
	res, err := cv.FitContext(ctx, m.design(xs, ns, width), ys)
	if err != nil {
		return nil, nil, fmt.Errorf("predict: additive main effects: %w", err)
	}
	m.setFit(res, width)
	if res, err = m.refineShapes(ctx, c, cv, res, sorted, shaped, xs, ys); err != nil {
		return nil, nil, err
	}
	if c.Interactions > 0 && d > 1 {
		if err := m.addPairs(ctx, c, cv, res, xs, columns(xs, ns, d), ys); err != nil {
			return nil, nil, err
		}
	}
	m.selected = ns
	return m, x, nil
}

// refineShapes tries the shaped features at FineBins instead of Bins and
// keeps the finer steps when their cross-validated log loss, at the chosen C
// and its grid neighbours, is lower than res's by more than one standard
// error of the per-fold gain (the folds are the same): a threshold between two
// coarse quantiles costs the coarse steps a bin of misfit that more rows
// can afford to resolve. It returns the result the model now holds.
func (m *AdditiveModel) refineShapes(ctx context.Context, c Additive, cv LogisticCV, res *CVResult, sorted [][]float64, shaped []int, x, y []float64) (*CVResult, error) {
	if c.FineBins <= c.Bins || !slices.ContainsFunc(shaped, func(b int) bool { return b > 0 }) {
		return res, nil
	}
	coarse := *m
	terms := make([]term, len(m.terms))
	width := 0
	for j := range terms {
		bins := 1 // a line
		if shaped[j] > 0 {
			bins = c.FineBins
		}
		terms[j] = newTerm(sorted[j], bins)
		terms[j].Offset = width
		width += terms[j].width()
	}
	m.terms, m.width = terms, width
	cv.Base = m.logistic(c.Tol, 0)
	cv.Cs = gridNeighbours(cv.Cs, res.BestC)
	n := len(y)
	res2, err := cv.FitContext(ctx, m.design(x, n, width), y)
	if err != nil {
		return nil, fmt.Errorf("predict: additive finer shapes: %w", err)
	}
	// Finer steps must earn their columns: a per-fold gain above one
	// standard error, the rule ModelChoice applies to the GA2M itself.
	g, se := pairedGain(bestFolds(res), bestFolds(res2))
	if g > se {
		m.setFit(res2, width)
		return res2, nil
	}
	*m = coarse
	return res, nil
}

// bestFolds is the per-fold log loss of res at its chosen C.
func bestFolds(res *CVResult) []float64 { return res.Scores[slices.Index(res.Cs, res.BestC)] }

// finish refits the selected model on every row of x (row-major, one row
// per label) when the selection ran on a sample, and centres it.
func (m *AdditiveModel) finish(ctx context.Context, x, y []float64) error {
	n := len(y)
	if m.selected < n {
		lr, err := m.fitRows(ctx, x, y, m.tol)
		if err != nil && !errors.Is(err, ErrNotConverged) {
			return fmt.Errorf("predict: additive refit: %w", err)
		}
		m.coef, m.intercept = lr.Coef(), lr.Intercept()
	}
	m.centre(x, n)
	return nil
}

// addPairs ranks the pairs under the main-effects model, adds the best
// c.Interactions and keeps them when their cross-validated log loss is
// lower than that of the main effects (res).
func (m *AdditiveModel) addPairs(ctx context.Context, c Additive, cv LogisticCV, res *CVResult, x []float64, cols [][]float64, y []float64) error {
	n, d := len(y), len(cols)
	r, h := scoreResiduals(m.decisionRow, x, d, y)
	cuts := make([][]float64, d)
	bins := make([][]uint8, d)
	nb := make([]int, d)
	sorted := make([][]float64, d)
	for j := range d {
		s := slices.Clone(cols[j])
		slices.Sort(s)
		sorted[j] = s
		cuts[j] = quantileEdges(s, c.PairBins)
		nb[j] = len(cuts[j]) + 1
		bins[j] = make([]uint8, n)
		for i, v := range cols[j] {
			bins[j][i] = uint8(binOf(cuts[j], v))
		}
	}
	ranked := rankPairs(bins, nb, r, h)
	width := m.width
	var pairs []pair
	for _, g := range ranked {
		if len(pairs) == c.Interactions || g.gain <= 0 {
			break
		}
		if c.TestLevel > 0 && !significant(g, nb, c.TestLevel, len(ranked)) {
			continue
		}
		p := pair{J: g.j, K: g.k, CutsJ: cuts[g.j], CutsK: cuts[g.k], Offset: width}
		cj, ck := pairCuts(cols[g.j], cols[g.k], quantileEdges(sorted[g.j], pairCutBins), quantileEdges(sorted[g.k], pairCutBins), r, h, c.PairBins-1, c.TestLevel)
		if cj != nil {
			p.CutsJ, p.CutsK = cj, ck
		}
		width += p.width()
		pairs = append(pairs, p)
	}
	if len(pairs) == 0 {
		return nil
	}
	main := *m
	m.pairs, m.width = pairs, width
	cv.Base = m.logistic(c.Tol, 0)
	cv.Cs = gridNeighbours(cv.Cs, res.BestC)
	res2, err := cv.FitContext(ctx, m.design(x, n, width), y)
	if err != nil {
		return fmt.Errorf("predict: additive interactions: %w", err)
	}
	if best(res2) < best(res) {
		m.setFit(res2, width)
		return nil
	}
	*m = main
	m.rejectedPairs = len(pairs)
	return nil
}

// gridNeighbours returns c and its neighbours in the sorted grid cs: the
// values the model with pairs is cross-validated at. A few pairs add
// little to a model of hundreds of columns, so its best penalty is the
// main effects' or next to it, and the rest of the path is not refitted.
func gridNeighbours(cs []float64, c float64) []float64 {
	s := slices.Clone(cs)
	slices.Sort(s)
	i := slices.Index(s, c)
	return s[max(i-1, 0):min(i+2, len(s))]
}

// selectionSample returns a stratified sample of at most max rows of the
// row-major x (d columns) and y, in row order: whole folds of a stratified
// split seeded by seed. x and y are returned as they are when small enough.
func selectionSample(x []float64, d int, y []float64, max int, seed uint64) ([]float64, []float64, error) {
	n := len(y)
	if n <= max {
		return x, y, nil
	}
	k := (n + max - 1) / max
	folds, err := StratifiedKFold(y, k, seed^0x5e1ec7)
	if err != nil {
		return nil, nil, err
	}
	rows := folds[0]
	xs, ys := make([]float64, 0, len(rows)*d), make([]float64, 0, len(rows))
	for _, i := range rows {
		xs, ys = append(xs, x[i*d:i*d+d]...), append(ys, y[i])
	}
	return xs, ys, nil
}

// best is the lowest mean cross-validated log loss of res.
func best(res *CVResult) float64 { return slices.Min(res.Mean) }

// setFit keeps the refitted model of res, with the design's width.
func (m *AdditiveModel) setFit(res *CVResult, width int) {
	m.width, m.c, m.cvLogLoss = width, res.BestC, best(res)
	best := slices.Index(res.Cs, res.BestC)
	m.folds = res.Scores[best]
	if res.oof != nil {
		m.oof = res.oof[best]
	}
	m.coef, m.intercept = res.Model.Coef(), res.Model.Intercept()
}

// columns returns the columns of the row-major n x d matrix x.
func columns(x []float64, n, d int) [][]float64 {
	cols := make([][]float64, d)
	for j := range cols {
		cols[j] = make([]float64, n)
	}
	// By tiles of rows, which stay in cache while every column takes its
	// part: column by column over all rows, each read would miss.
	const tile = 256
	parallel.For(n, chunkRows, func(_, lo, hi int) {
		for i0 := lo; i0 < hi; i0 += tile {
			i1 := min(i0+tile, hi)
			for j, c := range cols {
				for i := i0; i < i1; i++ {
					c[i] = x[i*d+j]
				}
			}
		}
	})
	return cols
}

// newTerm builds the shape of one column from its values sorted
// ascending: a line when it holds at most two values or bins is 1, steps
// at bins quantiles otherwise.
func newTerm(s []float64, bins int) term {
	mean, sd := 0.0, 0.0
	for _, v := range s {
		mean += v
	}
	mean /= float64(len(s))
	for _, v := range s {
		sd += (v - mean) * (v - mean)
	}
	sd = math.Sqrt(sd / float64(len(s)))
	if sd == 0 {
		sd = 1
	}
	t := term{Center: mean, Scale: sd}
	if distinctAtLeast(s, 3) {
		t.Edges = quantileEdges(s, bins)
	}
	return t
}

// distinctAtLeast reports whether the sorted s holds at least k distinct
// values.
func distinctAtLeast(s []float64, k int) bool {
	distinct := min(len(s), 1)
	for i := 1; i < len(s) && distinct < k; i++ {
		if s[i] != s[i-1] {
			distinct++
		}
	}
	return distinct >= k
}

// maxTermRows caps the rows the terms' centres, scales and quantile edges
// are computed from: more rows move a quantile by less than its bin's
// width, and a million rows' columns, copied and sorted, would cost more
// than the rest of the selection (scikit-learn's HistGradientBoosting bins
// on a subsample of 200,000 rows for the same reason).
const maxTermRows = 200000

// termRows returns the rows of the row-major n x d x the terms are built
// from: all of them up to maxTermRows, else maxTermRows rows evenly spaced
// (row i*n/maxTermRows), which needs no random stream.
func termRows(x []float64, n, d int) ([]float64, int, int) {
	if n <= maxTermRows {
		return x, n, d
	}
	m := maxTermRows
	out := make([]float64, 0, m*d)
	for k := range m {
		i := int(int64(k) * int64(n) / int64(m))
		out = append(out, x[i*d:i*d+d]...)
	}
	return out, m, d
}

// sortedColumns returns the columns of the row-major n x d matrix x, each
// sorted.
func sortedColumns(x []float64, n, d int) [][]float64 {
	cols := columns(x, n, d)
	parallel.For(d, 1, func(_, lo, hi int) {
		for j := lo; j < hi; j++ {
			slices.Sort(cols[j])
		}
	})
	return cols
}

// design expands the row-major n x d matrix x into the model's columns.
func (m *AdditiveModel) design(x []float64, n, width int) *mat.Dense {
	d := len(m.terms)
	z := make([]float64, n*width)
	parallel.For(n, chunkRows, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			row, zr := x[i*d:i*d+d], z[i*width:(i+1)*width]
			for j := range m.terms {
				t := &m.terms[j]
				t.expand(row[j], zr[t.Offset:t.Offset+t.width()])
			}
			for _, p := range m.pairs {
				zr[p.Offset+p.cell(row[p.J], row[p.K])] = 1
			}
		}
	})
	return mat.NewDense(n, width, z)
}

// logistic is the L2 logistic configuration of m's design at C c (0: set
// by LogisticCV): the design's blocks, and the slopes (each term's value
// column) penalised as in the linear model (linearC) whatever C, so that
// C is the smoothness of the shapes and pairs alone (as a GAM leaves the
// null space of its smooths to the fit, Wood 2017, section 5.4) and one
// shaped feature among many lines is smoothed for its own sake.
func (m *AdditiveModel) logistic(tol, c float64) Logistic {
	fixed := make([]bool, m.width)
	for _, t := range m.terms {
		fixed[t.Offset] = true
	}
	lc := m.linearC
	if lc == 0 { // a model read from a file: Additive's default
		lc = 1
	}
	return Logistic{Tol: tol, C: c, blocks: m.blocks(), fixedPen: fixed, fixedC: lc}
}

// blocks describes the design's columns: a step block per term (a lone
// linear column for a two-valued feature) and a one-hot block per pair.
func (m *AdditiveModel) blocks() []designBlock {
	var bs []designBlock
	for _, t := range m.terms {
		bs = append(bs, designBlock{off: t.Offset, width: t.width(), steps: true})
	}
	for _, p := range m.pairs {
		bs = append(bs, designBlock{off: p.Offset, width: p.width()})
	}
	return bs
}

// centre sets each term's and pair's Mean to its average contribution over
// the rows of x, so contributions are relative to a typical account.
func (m *AdditiveModel) centre(x []float64, n int) {
	d := len(m.terms)
	for j := range m.terms {
		t := &m.terms[j]
		s := 0.0
		for i := range n {
			s += t.value(x[i*d+j], m.coef[t.Offset:])
		}
		t.Mean = s / float64(n)
	}
	for q := range m.pairs {
		p := &m.pairs[q]
		s := 0.0
		for i := range n {
			s += m.coef[p.Offset+p.cell(x[i*d+p.J], x[i*d+p.K])]
		}
		p.Mean = s / float64(n)
	}
}

// errNotFitted guards against a zero AdditiveModel.
var errNotFitted = errors.New("predict: additive model not fitted")
