package predict

import (
	"context"
	"errors"
	"fmt"
	"math"

	"github.com/segmenta/segmenta/internal/dense"
	"github.com/segmenta/segmenta/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// Logistic configures a binary logistic regression. The zero value is an
// L2-penalised model with C = 1, an unpenalised intercept, Tol = 1e-6 and the
// "auto" solver.
type Logistic struct {
	// Penalty is "l2" (default when empty), "l1", "elasticnet" or "none".
	Penalty string
	// C is the inverse regularisation strength (scikit-learn's convention:
	// it multiplies the summed loss). 0 means 1.
	C float64
	// L1Ratio mixes the penalties for "elasticnet": 1 is pure L1, 0 pure L2.
	L1Ratio float64
	// NoIntercept drops the intercept. The intercept, when fitted, is never
	// penalised (as scikit-learn's lbfgs and saga).
	NoIntercept bool
	// ClassWeight reweights the two classes; the zero value weighs both 1.
	ClassWeight ClassWeight
	// SampleWeights, when not nil, holds one non-negative weight per row.
	// Rows of weight 0 are ignored; all zero is an error.
	SampleWeights []float64
	// Tol stops the solver when the largest absolute entry of the (minimum
	// norm sub-)gradient of the objective divided by C*sum(weights) is at
	// most Tol: a test on the mean loss, so that one Tol suits any number
	// of rows. 0 means 1e-6. This is scikit-learn's newton-cholesky test
	// (it rescales the weights to sum 1); scikit-learn's lbfgs instead
	// tests the gradient of sum(loss) + ||w||²/2C itself against its tol,
	// so the same absolute test here is Tol = its tol / sum(weights).
	Tol float64
	// MaxIter bounds the solver's iterations; 0 means 100 for "newton" and
	// 1000 for "lbfgs".
	MaxIter int
	// FeatureNames names the columns of X; nil means x0, x1, ...
	FeatureNames []string
	// Solver is "auto" (default), "newton" or "lbfgs". "newton" is a
	// proximal Newton method: Newton steps on the smooth part, solved by
	// Cholesky for L2 and by cyclic coordinate descent on the quadratic model
	// when there is an L1 term (Friedman, Hastie & Tibshirani 2010; Yuan, Ho
	// & Lin 2012), with an Armijo backtracking line search; on large n its
	// Hessian is sub-sampled on a fixed stride of rows (Byrd et al. 2011)
	// while the gradient is exact. "lbfgs" (Liu & Nocedal 1989) handles the
	// smooth penalties only. "auto" picks newton unless d > 1000 and the
	// penalty is smooth. "cd" is an alias of "newton".
	Solver string
	// Progress, when set, is called after every iteration.
	Progress func(iter int, objective, gradNorm float64)

	// blocks, set by Additive, describe the structure of its design's
	// columns, which makes the Hessian cheap (problem.blocks).
	blocks []designBlock
	// fixedPen, set by Additive, marks the columns whose L2 penalty is
	// that of C = fixedC whatever C (len d; nil: none).
	fixedPen []bool
	fixedC   float64
}

// ClassWeight gives each class a weight multiplying its sample weights.
type ClassWeight struct {
	// Balanced weighs class c by n / (2 * count(c)) as scikit-learn's
	// class_weight="balanced" (counts over all rows); it overrides the fields
	// below.
	Balanced bool
	// Negative and Positive weigh class 0 and class 1; 0 means 1.
	Negative, Positive float64
}

// FitInfo reports how a fit went.
type FitInfo struct {
	Solver     string  `json:"solver"`
	Iterations int     `json:"iterations"`
	GradNorm   float64 `json:"grad_norm"` // scaled optimality measure at the end (see Logistic.Tol)
	Converged  bool    `json:"converged"`
	Objective  float64 `json:"objective"` // the penalised objective at the solution
	Rows       int     `json:"rows"`      // rows with positive weight
}

// penalty is the resolved penalty: R(w) = 0.5*l2*sum_j scale_j w_j^2 +
// l1*||w||_1, scale nil meaning 1 for every j.
type penalty struct {
	l1, l2 float64
	scale  []float64
}

// l2At is the L2 penalty weight of coefficient j.
func (p penalty) l2At(j int) float64 {
	if p.scale == nil {
		return p.l2
	}
	return p.l2 * p.scale[j]
}

func (c *Logistic) resolve() (pen penalty, C, tol float64, solver string, err error) {
	C = c.C
	if C == 0 {
		C = 1
	}
	if !(C > 0) || math.IsInf(C, 0) {
		return pen, 0, 0, "", fmt.Errorf("predict: Logistic.C = %v: %w", c.C, ErrConfig)
	}
	switch c.Penalty {
	case "", "l2":
		pen = penalty{l2: 1}
	case "l1":
		pen = penalty{l1: 1}
	case "elasticnet":
		if !(c.L1Ratio >= 0 && c.L1Ratio <= 1) {
			return pen, 0, 0, "", fmt.Errorf("predict: Logistic.L1Ratio = %v not in [0,1]: %w", c.L1Ratio, ErrConfig)
		}
		pen = penalty{l1: c.L1Ratio, l2: 1 - c.L1Ratio}
	case "none":
	default:
		return pen, 0, 0, "", fmt.Errorf("predict: Logistic.Penalty = %q: %w", c.Penalty, ErrConfig)
	}
	tol = c.Tol
	if tol == 0 {
		tol = 1e-6
	}
	if !(tol > 0) {
		return pen, 0, 0, "", fmt.Errorf("predict: Logistic.Tol = %v: %w", c.Tol, ErrConfig)
	}
	if c.MaxIter < 0 {
		return pen, 0, 0, "", fmt.Errorf("predict: Logistic.MaxIter = %d: %w", c.MaxIter, ErrConfig)
	}
	solver = c.Solver
	switch solver {
	case "", "auto":
		solver = "auto"
	case "cd":
		solver = "newton"
	case "newton":
	case "lbfgs":
		if pen.l1 > 0 {
			return pen, 0, 0, "", fmt.Errorf("predict: solver lbfgs cannot handle an L1 term (penalty %q): %w", c.Penalty, ErrConfig)
		}
	default:
		return pen, 0, 0, "", fmt.Errorf("predict: Logistic.Solver = %q: %w", c.Solver, ErrConfig)
	}
	return pen, C, tol, solver, nil
}

// Fit fits the model on X (n x d) and labels y (0 or 1). It is FitContext
// with a background context.
func (c Logistic) Fit(X mat.Matrix, y []float64) (*LogisticModel, error) {
	return c.FitContext(context.Background(), X, y)
}

// FitContext fits the model, stopping early with ctx.Err() when ctx is done.
//
// Errors: ErrDimension (shapes, FeatureNames, SampleWeights lengths),
// ErrNonFinite and ErrLabel wrapped in a *dataset.ColumnError naming the
// row and column (a matrix column by its index), ErrWeight, ErrSingleClass, ErrConfig, ErrSeparable (penalty "none"
// on linearly separable data: no model). When the solver stops at MaxIter the
// model is returned together with an error wrapping ErrNotConverged.
//
// More features than rows is fine with an L2 or elastic-net penalty (the
// problem stays strictly convex).
func (c Logistic) FitContext(ctx context.Context, X mat.Matrix, y []float64) (*LogisticModel, error) {
	if _, _, _, _, err := c.resolve(); err != nil {
		return nil, err
	}
	p, names, means, err := c.prepare(X, y, true)
	if err != nil {
		return nil, err
	}
	return c.fitPrepared(ctx, p, names, means, nil)
}

// fitPrepared fits a validated problem, starting from w0 (len d+1) when not
// nil (a warm start along a regularisation path).
func (c Logistic) fitPrepared(ctx context.Context, p *problem, names []string, means, w0 []float64) (*LogisticModel, error) {
	pen, C, tol, solver, err := c.resolve()
	if err != nil {
		return nil, err
	}
	if solver == "auto" {
		solver = "newton"
		if p.d > 1000 && pen.l1 == 0 && p.blocks == nil {
			solver = "lbfgs"
		}
	}
	if c.fixedPen != nil {
		if len(c.fixedPen) != p.d || !(c.fixedC > 0) {
			return nil, fmt.Errorf("predict: %d fixed-penalty marks (C %v) for %d columns: %w", len(c.fixedPen), c.fixedC, p.d, ErrConfig)
		}
		// The objective is C·loss + penalty: a column whose penalty acts
		// as C = fixedC does is scaled by C/fixedC.
		pen.scale = make([]float64, p.d)
		for j, f := range c.fixedPen {
			pen.scale[j] = 1
			if f {
				pen.scale[j] = C / c.fixedC
			}
		}
	}
	st := solverState{p: p, pen: pen, C: C, tol: tol, intercept: !c.NoIntercept, maxIter: c.MaxIter, progress: c.Progress, pathStart: w0 != nil}
	var w []float64
	if w0 != nil {
		w = append([]float64(nil), w0...)
		if c.NoIntercept {
			w[p.d] = 0
		}
	} else {
		w = st.start()
	}
	var info FitInfo
	if solver == "lbfgs" {
		info, err = st.lbfgs(ctx, w)
	} else {
		info, err = st.newton(ctx, w)
	}
	info.Solver, info.Rows = solver, p.n
	if err != nil && !errors.Is(err, ErrNotConverged) {
		return nil, err
	}
	m := &LogisticModel{
		coef:      append([]float64(nil), w[:p.d]...),
		intercept: w[p.d],
		names:     names,
		means:     means,
		info:      info,
	}
	return m, err
}

// prepare validates X, y and the weights and returns the problem with
// zero-weight rows dropped, the feature names and the column means of the
// kept rows.
func (c *Logistic) prepare(X mat.Matrix, y []float64, needBoth bool) (*problem, []string, []float64, error) {
	if X == nil {
		return nil, nil, nil, fmt.Errorf("predict: nil X: %w", ErrDimension)
	}
	n, d := X.Dims()
	if n == 0 {
		return nil, nil, nil, fmt.Errorf("predict: X: %w", ErrEmpty)
	}
	if len(y) != n {
		return nil, nil, nil, fmt.Errorf("predict: len(y) = %d, X has %d rows: %w", len(y), n, ErrDimension)
	}
	names := c.FeatureNames
	if names == nil {
		names = make([]string, d)
		for j := range names {
			names[j] = fmt.Sprintf("x%d", j)
		}
	} else {
		if len(names) != d {
			return nil, nil, nil, fmt.Errorf("predict: %d FeatureNames for %d columns: %w", len(names), d, ErrDimension)
		}
		names = append([]string(nil), names...)
	}
	if c.SampleWeights != nil && len(c.SampleWeights) != n {
		return nil, nil, nil, fmt.Errorf("predict: len(SampleWeights) = %d, X has %d rows: %w", len(c.SampleWeights), n, ErrDimension)
	}
	x, err := rowMajor(X)
	if err != nil {
		return nil, nil, nil, err
	}
	count, err := countLabels(y)
	if err != nil {
		return nil, nil, nil, err
	}
	cw := [2]float64{1, 1}
	switch {
	case c.ClassWeight.Balanced:
		for k := range cw {
			if count[k] > 0 {
				cw[k] = float64(n) / (2 * float64(count[k]))
			}
		}
	default:
		if c.ClassWeight.Negative != 0 {
			cw[0] = c.ClassWeight.Negative
		}
		if c.ClassWeight.Positive != 0 {
			cw[1] = c.ClassWeight.Positive
		}
	}
	for k, v := range cw {
		if !(v > 0) || math.IsInf(v, 0) {
			return nil, nil, nil, fmt.Errorf("predict: class %d weight %v: %w", k, v, ErrWeight)
		}
	}
	var s []float64
	keep := n
	if c.SampleWeights != nil || cw != [2]float64{1, 1} {
		s = make([]float64, n)
		for i := range s {
			wi := 1.0
			if c.SampleWeights != nil {
				wi = c.SampleWeights[i]
				if math.IsNaN(wi) || math.IsInf(wi, 0) {
					return nil, nil, nil, colErr("SampleWeights", i, fmt.Errorf("sample weight %v: %w", wi, ErrNonFinite))
				}
				if wi < 0 {
					return nil, nil, nil, colErr("SampleWeights", i, fmt.Errorf("sample weight %v: %w", wi, ErrWeight))
				}
				if wi == 0 {
					keep--
				}
			}
			s[i] = wi * cw[int(y[i])]
		}
	}
	if keep == 0 {
		return nil, nil, nil, fmt.Errorf("predict: all sample weights are zero: %w", ErrWeight)
	}
	yy := y
	if keep < n {
		// Drop zero-weight rows so they cannot influence anything.
		nx := make([]float64, 0, keep*d)
		ny := make([]float64, 0, keep)
		ns := make([]float64, 0, keep)
		for i := 0; i < n; i++ {
			if c.SampleWeights[i] == 0 {
				continue
			}
			nx = append(nx, x[i*d:i*d+d]...)
			ny = append(ny, y[i])
			ns = append(ns, s[i])
		}
		x, yy, s, n = nx, ny, ns, keep
	}
	count, _ = countLabels(yy)
	if needBoth {
		if err := bothClasses(count); err != nil {
			return nil, nil, nil, err
		}
	}
	if err := checkBlocks(c.blocks, d); err != nil {
		return nil, nil, nil, err
	}
	p := &problem{x: x, n: n, d: d, y: yy, s: s, blocks: c.blocks}
	if s == nil {
		p.sumS = float64(n)
	} else {
		for _, v := range s {
			p.sumS += v
		}
	}
	// column means: per-chunk sums reduced in chunk order
	nc := parallel.Chunks(n, chunkRows)
	part := make([]float64, nc*d)
	parallel.For(n, chunkRows, func(c, lo, hi int) {
		sum := part[c*d : (c+1)*d]
		for i := lo; i < hi; i++ {
			axpy(1, x[i*d:i*d+d], sum)
		}
	})
	means := make([]float64, d)
	for c := 0; c < nc; c++ {
		axpy(1, part[c*d:(c+1)*d], means)
	}
	for j := range means {
		means[j] /= float64(n)
	}
	return p, names, means, nil
}

// countLabels counts the rows of each class in y, and refuses a label
// other than 0 or 1 with an error naming its row.
func countLabels(y []float64) ([2]int, error) {
	var count [2]int
	for i, v := range y {
		if v != 0 && v != 1 {
			return count, colErr("y", i, fmt.Errorf("label %v: %w", v, ErrLabel))
		}
		count[int(v)]++
	}
	return count, nil
}

// bothClasses refuses a count (countLabels) without one of the classes.
func bothClasses(count [2]int) error {
	if count[0] == 0 || count[1] == 0 {
		return fmt.Errorf("predict: %d rows of class 0 and %d of class 1: %w", count[0], count[1], ErrSingleClass)
	}
	return nil
}

// rowMajor returns X's entries as a contiguous row-major slice, aliasing a
// contiguous *mat.Dense (read only), and checks that all are finite.
func rowMajor(X mat.Matrix) ([]float64, error) {
	_, d := X.Dims()
	x := dense.RowMajor(X, true)
	if err := dense.CheckFinite(x, d); err != nil {
		return nil, fmt.Errorf("predict: %w", err)
	}
	return x, nil
}
