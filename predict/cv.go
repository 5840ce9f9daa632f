package predict

import (
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"sync"

	"gonum.org/v1/gonum/mat"
)

// StratifiedKFold splits row indices into k folds that keep the class
// proportions of y: each class's rows are shuffled with Seed and dealt to the
// folds in turn. It returns the test rows of each fold (ascending).
func StratifiedKFold(y []float64, k int, seed uint64) ([][]int, error) {
	if k < 2 {
		return nil, fmt.Errorf("predict: %d folds, need at least 2: %w", k, ErrConfig)
	}
	var cls [2][]int
	for i, v := range y {
		if v != 0 && v != 1 {
			return nil, colErr("y", i, fmt.Errorf("label %v: %w", v, ErrLabel))
		}
		cls[int(v)] = append(cls[int(v)], i)
	}
	if len(cls[0]) < k || len(cls[1]) < k {
		return nil, fmt.Errorf("predict: %d folds but classes have %d and %d rows: %w", k, len(cls[0]), len(cls[1]), ErrSingleClass)
	}
	rng := rand.New(rand.NewPCG(seed, 0x5eed))
	mark := make([]int, len(y))
	for _, rows := range cls {
		rng.Shuffle(len(rows), func(a, b int) { rows[a], rows[b] = rows[b], rows[a] })
		for t, i := range rows {
			mark[i] = t % k
		}
	}
	folds := make([][]int, k)
	for i, f := range mark {
		folds[f] = append(folds[f], i)
	}
	return folds, nil
}

// LogisticCV chooses C by stratified k-fold cross-validation over a grid and
// refits the chosen model on all rows.
type LogisticCV struct {
	// Base is the model configuration; its C is replaced by each grid value.
	// Base.SampleWeights, if set, are split with the rows.
	Base Logistic
	// Cs is the grid of C values; nil means NCs values log-spaced over
	// [1e-4, 1e4] (scikit-learn's LogisticRegressionCV default).
	Cs []float64
	// NCs is the grid size when Cs is nil; 0 means 10.
	NCs int
	// Folds is k; 0 means 5.
	Folds int
	// Scoring is "roc_auc" (default, higher is better) or "log_loss"
	// (lower is better).
	Scoring string
	// Seed shuffles the folds.
	Seed uint64

	// outOfFold keeps every row's out-of-fold decision value for each C
	// (CVResult.oof), which a cross-fitted calibration can reuse instead
	// of fitting the folds again.
	outOfFold bool
}

// CVResult holds the cross-validated scores and the refitted model.
type CVResult struct {
	Cs      []float64   `json:"cs"`
	Scores  [][]float64 `json:"scores"` // Scores[c][fold]
	Mean    []float64   `json:"mean"`
	Std     []float64   `json:"std"`
	BestC   float64     `json:"best_c"`
	Scoring string      `json:"scoring"`
	Model   *LogisticModel

	// oof[c][i] is row i's decision value under the model of C index c
	// fitted without i's fold (LogisticCV.outOfFold only).
	oof [][]float64
}

// Fit runs the cross-validation. Folds are fitted concurrently; the result
// does not depend on GOMAXPROCS. Ties in the mean score go to the smaller C.
func (cv LogisticCV) Fit(X mat.Matrix, y []float64) (*CVResult, error) {
	return cv.FitContext(context.Background(), X, y)
}

// FitContext is Fit with cancellation.
func (cv LogisticCV) FitContext(ctx context.Context, X mat.Matrix, y []float64) (*CVResult, error) {
	cs := cv.Cs
	if cs == nil {
		nc := cv.NCs
		if nc == 0 {
			nc = 10
		}
		if nc < 1 {
			return nil, fmt.Errorf("predict: LogisticCV.NCs = %d: %w", cv.NCs, ErrConfig)
		}
		cs = make([]float64, nc)
		for i := range cs {
			e := -4.0
			if nc > 1 {
				e += 8 * float64(i) / float64(nc-1)
			}
			cs[i] = math.Pow(10, e)
		}
	}
	for _, c := range cs {
		if !(c > 0) || math.IsInf(c, 0) {
			return nil, fmt.Errorf("predict: LogisticCV.Cs holds %v: %w", c, ErrConfig)
		}
	}
	scoring := cv.Scoring
	if scoring == "" {
		scoring = "roc_auc"
	}
	if scoring != "roc_auc" && scoring != "log_loss" {
		return nil, fmt.Errorf("predict: LogisticCV.Scoring = %q: %w", cv.Scoring, ErrConfig)
	}
	k := cv.Folds
	if k == 0 {
		k = 5
	}
	n, d := X.Dims()
	if len(y) != n {
		return nil, fmt.Errorf("predict: len(y) = %d, X has %d rows: %w", len(y), n, ErrDimension)
	}
	if cv.Base.SampleWeights != nil && len(cv.Base.SampleWeights) != n {
		return nil, fmt.Errorf("predict: len(SampleWeights) = %d, X has %d rows: %w", len(cv.Base.SampleWeights), n, ErrDimension)
	}
	x, err := rowMajor(X)
	if err != nil {
		return nil, err
	}
	folds, err := StratifiedKFold(y, k, cv.Seed)
	if err != nil {
		return nil, err
	}
	res := &CVResult{Cs: append([]float64(nil), cs...), Scoring: scoring, Scores: make([][]float64, len(cs))}
	for i := range res.Scores {
		res.Scores[i] = make([]float64, k)
	}
	if cv.outOfFold {
		res.oof = make([][]float64, len(cs))
		for i := range res.oof {
			res.oof[i] = make([]float64, n)
		}
	}
	errs := make([]error, k)
	var wg sync.WaitGroup
	for f := range folds {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[f] = cv.fold(ctx, x, d, y, folds[f], cs, scoring, res, f)
		}()
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	best := 0
	for i := range cs {
		m, s := 0.0, 0.0
		for _, v := range res.Scores[i] {
			m += v
		}
		m /= float64(k)
		for _, v := range res.Scores[i] {
			s += (v - m) * (v - m)
		}
		res.Mean = append(res.Mean, m)
		res.Std = append(res.Std, math.Sqrt(s/float64(k)))
		better := m > res.Mean[best]
		if scoring == "log_loss" {
			better = m < res.Mean[best]
		}
		if better || (m == res.Mean[best] && cs[i] < cs[best]) {
			best = i
		}
	}
	res.BestC = cs[best]
	cfg := cv.Base
	cfg.C = res.BestC
	res.Model, err = cfg.FitContext(ctx, X, y)
	if err != nil && !errors.Is(err, ErrNotConverged) {
		return nil, err
	}
	return res, nil
}

// fold fits every C on the rows outside test and scores the test rows
// into res.Scores[.][f] (and their decision values into res.oof when kept).
// test is ascending (StratifiedKFold).
func (cv LogisticCV) fold(ctx context.Context, x []float64, d int, y []float64, test []int, cs []float64, scoring string, res *CVResult, f int) error {
	n := len(y)
	inTest := make([]bool, n)
	for _, i := range test {
		inTest[i] = true
	}
	nte := len(test) // the folds' indices are distinct
	trX, teX := make([]float64, 0, (n-nte)*d), make([]float64, 0, nte*d)
	trY, teY := make([]float64, 0, n-nte), make([]float64, 0, nte)
	var trW, teW []float64
	sw := cv.Base.SampleWeights
	for i := 0; i < n; i++ {
		if inTest[i] {
			teX, teY = append(teX, x[i*d:i*d+d]...), append(teY, y[i])
			if sw != nil {
				teW = append(teW, sw[i])
			}
		} else {
			trX, trY = append(trX, x[i*d:i*d+d]...), append(trY, y[i])
			if sw != nil {
				trW = append(trW, sw[i])
			}
		}
	}
	Xtr := mat.NewDense(len(trY), d, trX)
	Xte := mat.NewDense(len(teY), d, teX)
	base := cv.Base
	base.SampleWeights, base.Progress = trW, nil
	prob, names, means, err := base.prepare(Xtr, trY, true)
	if err != nil {
		return fmt.Errorf("predict: fold %d: %w", f, err)
	}
	// Walk the path from the strongest penalty up, warm-starting each fit
	// from the previous solution.
	order := make([]int, len(cs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return cs[order[a]] < cs[order[b]] })
	var w0 []float64
	for _, ci := range order {
		c := cs[ci]
		cfg := base
		cfg.C = c
		m, err := cfg.fitPrepared(ctx, prob, names, means, w0)
		if err != nil && !errors.Is(err, ErrNotConverged) {
			return fmt.Errorf("predict: fold %d, C=%g: %w", f, c, err)
		}
		w0 = append(m.Coef(), m.Intercept())
		p, err := m.DecisionFunction(Xte)
		if err != nil {
			return err
		}
		for k, z := range p {
			if res.oof != nil {
				res.oof[ci][test[k]] = z
			}
			p[k] = sigmoid(z)
		}
		var s float64
		if scoring == "roc_auc" {
			s, err = ROCAUC(teY, p, teW)
		} else {
			s, err = LogLoss(teY, p, teW)
		}
		if err != nil {
			return fmt.Errorf("predict: fold %d, C=%g: %w", f, c, err)
		}
		res.Scores[ci][f] = s
	}
	return nil
}

// CrossValidate is cv.Fit(X, y): stratified k-fold cross-validation over a
// path of C values, returning the scores and the model refitted with the best
// C.
func CrossValidate(cv LogisticCV, X mat.Matrix, y []float64) (*CVResult, error) {
	return cv.Fit(X, y)
}
