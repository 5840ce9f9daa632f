package cluster

import (
	"context"
	"fmt"
	"math"

	"github.com/segmenta/segmenta/internal/dense"
	"gonum.org/v1/gonum/mat"
)

// Algorithm names accepted by KMeans.Algorithm.
const (
	AlgorithmAuto    = "auto"
	AlgorithmLloyd   = "lloyd"
	AlgorithmHamerly = "hamerly"
	AlgorithmElkan   = "elkan"
)

// KMeans configures k-means clustering: greedy k-means++ seeding, then
// Lloyd iterations, optionally accelerated with triangle-inequality bounds
// (Hamerly 2010, Elkan 2003), which give the same assignments as plain Lloyd
// while skipping most distance computations. The zero value of every field
// but K is a documented default.
//
// Results depend only on the data, the configuration and Seed: the parallel
// work uses fixed chunks of rows and reduces them in a fixed order, so they
// are bit-identical for any GOMAXPROCS.
type KMeans struct {
	// K is the number of clusters, 1 <= K <= number of rows.
	K int
	// Seed drives every random choice (seeding, restarts).
	Seed uint64
	// NInit is the number of k-means++ restarts; the fit with the lowest
	// inertia wins (ties to the earlier restart). Default 1, which is
	// scikit-learn's n_init="auto" for k-means++ (1.4 and later;
	// scikit-learn 1.2 defaulted to 10).
	NInit int
	// MaxIter bounds the Lloyd iterations of one restart. Default 300.
	MaxIter int
	// Tol stops a restart once the sum over centres of their squared
	// movement is <= Tol times the mean per-column variance of X (as
	// scikit-learn). Default 1e-4; a negative value means 0, so that only
	// strict convergence (no label changes) stops the iterations.
	Tol float64
	// Algorithm is "auto" (default), "lloyd", "hamerly" or "elkan"; all
	// three make the same assignments. "auto" picks Elkan when the data
	// has 128 columns or more, K >= 128 and the n·K lower bounds fit in
	// 512 MiB, Hamerly otherwise: with few columns one vectorised pass over
	// all centres is cheaper than Elkan's k bound checks per point (the
	// measurements behind the thresholds are in kmeans_bench_test.go).
	Algorithm string
	// NCandidates is the number of candidates greedy k-means++ draws per
	// centre. Default 2 + floor(ln K) (Arthur and Vassilvitskii 2007,
	// scikit-learn's choice).
	NCandidates int
	// Weights are optional non-negative sample weights, one per row, not
	// all zero.
	Weights []float64
	// Init, when set, is the start of the one restart instead of
	// k-means++: K rows, as many columns as X, finite. Use a previous
	// model's Centroids to refit on new data without relabelling the
	// segments, or give two implementations the same start. NInit must
	// then be 0 or 1.
	Init mat.Matrix
	// Progress, when set, is called after each iteration of each restart
	// with the iteration number (from 1) and an inertia estimate: exact
	// for Lloyd, an upper bound for the bounded variants (it uses the
	// bounds). It runs on the calling goroutine.
	Progress func(iter int, inertia float64)
}

// kmConfig is a KMeans with its defaults applied.
type kmConfig struct {
	k, nInit, maxIter, nLocal int
	tol                       float64
	algo                      string
}

func (km *KMeans) config(n, d int) (kmConfig, error) {
	c := kmConfig{k: km.K, nInit: km.NInit, maxIter: km.MaxIter, nLocal: km.NCandidates, tol: km.Tol, algo: km.Algorithm}
	if c.k < 1 || c.k > n {
		return c, fmt.Errorf("%w: K = %d for %d rows", ErrInvalidK, km.K, n)
	}
	if c.nInit == 0 {
		c.nInit = 1
	}
	if c.maxIter == 0 {
		c.maxIter = 300
	}
	if c.nLocal == 0 {
		c.nLocal = 2 + int(math.Log(float64(c.k)))
	}
	switch {
	case math.IsNaN(c.tol):
		return c, fmt.Errorf("%w: Tol is NaN", ErrConfig)
	case c.tol == 0:
		c.tol = 1e-4
	case c.tol < 0:
		c.tol = 0
	}
	if c.nInit < 0 || c.maxIter < 0 || c.nLocal < 0 {
		return c, fmt.Errorf("%w: NInit %d, MaxIter %d, NCandidates %d must not be negative", ErrConfig, c.nInit, c.maxIter, c.nLocal)
	}
	if km.Init != nil && c.nInit > 1 {
		return c, fmt.Errorf("%w: NInit %d with Init (one given start is one restart)", ErrConfig, c.nInit)
	}
	switch c.algo {
	case "", AlgorithmAuto:
		c.algo = AlgorithmHamerly
		if d >= 128 && c.k >= 128 && float64(n)*float64(c.k)*8 <= 512<<20 {
			c.algo = AlgorithmElkan
		}
	case AlgorithmLloyd, AlgorithmHamerly, AlgorithmElkan:
	default:
		return c, fmt.Errorf("%w: Algorithm %q (want auto, lloyd, hamerly or elkan)", ErrConfig, c.algo)
	}
	return c, nil
}

func kmAlgoOf(name string) kmAlgo {
	switch name {
	case AlgorithmLloyd:
		return kmLloyd
	case AlgorithmElkan:
		return kmElkan
	}
	return kmHamerly
}

// Fit clusters the rows of X.
func (km KMeans) Fit(X mat.Matrix) (*KMeansModel, error) {
	return km.FitContext(context.Background(), X)
}

// FitContext is Fit, stopping early with ctx.Err() when ctx is cancelled
// (checked between iterations and between seeding steps).
func (km KMeans) FitContext(ctx context.Context, X mat.Matrix) (*KMeansModel, error) {
	dt, cfg, err := km.prepare(X)
	if err != nil {
		return nil, err
	}
	tol := cfg.tol * dt.meanVariance()
	var best *KMeansModel
	for r := 0; r < cfg.nInit; r++ {
		c, err := km.start(ctx, dt, cfg, r)
		if err != nil {
			return nil, fmt.Errorf("kmeans: %w", err)
		}
		m, err := kmIterate(ctx, dt, cfg, kmAlgoOf(cfg.algo), c, tol, km.Progress)
		if err != nil {
			return nil, fmt.Errorf("kmeans: %w", err)
		}
		if best == nil || m.inertia < best.inertia {
			best = m
		}
	}
	best.algorithm = cfg.algo
	return best, nil
}

// prepare validates X, the weights and the configuration.
func (km *KMeans) prepare(X mat.Matrix) (*kmData, kmConfig, error) {
	dt, err := kmPrepare(X, km.Weights)
	if err != nil {
		return nil, kmConfig{}, fmt.Errorf("kmeans: %w", err)
	}
	cfg, err := km.config(dt.n, dt.d)
	if err != nil {
		return nil, cfg, fmt.Errorf("kmeans: %w", err)
	}
	return dt, cfg, nil
}

// Seeds returns the centres the first restart of Fit starts from, one per
// row: Init when set, else greedy k-means++ drawn from Seed (the seeding of
// Arthur and Vassilvitskii 2007 with NCandidates draws per centre, as
// scikit-learn's kmeans_plusplus). Fit with Init set to these centres and
// NInit 1 gives the same model as Fit without Init.
func (km KMeans) Seeds(X mat.Matrix) (*mat.Dense, error) {
	dt, cfg, err := km.prepare(X)
	if err != nil {
		return nil, err
	}
	c, err := km.start(context.Background(), dt, cfg, 0)
	if err != nil {
		return nil, fmt.Errorf("kmeans: %w", err)
	}
	return mat.NewDense(cfg.k, dt.d, c), nil
}

// start returns a fresh copy of the centres restart r starts from.
func (km *KMeans) start(ctx context.Context, dt *kmData, cfg kmConfig, r int) ([]float64, error) {
	if km.Init == nil {
		c, err := kmPlusPlus(ctx, dt, cfg.k, cfg.nLocal, kmRand(km.Seed, r))
		if err != nil {
			return nil, fmt.Errorf("seeding: %w", err)
		}
		return c, nil
	}
	if k, d := km.Init.Dims(); k != cfg.k || d != dt.d {
		return nil, fmt.Errorf("%w: Init is %d×%d, want K×columns = %d×%d", ErrDimension, k, d, cfg.k, dt.d)
	}
	c := dense.RowMajor(km.Init, false)
	if err := dense.CheckFinite(c, dt.d); err != nil {
		return nil, fmt.Errorf("Init: %w", err)
	}
	return c, nil
}

// kmIterate runs Lloyd iterations from the centres c until convergence.
func kmIterate(ctx context.Context, dt *kmData, cfg kmConfig, algo kmAlgo, c []float64, tol float64, progress func(int, float64)) (*KMeansModel, error) {
	st := newKMState(dt, cfg.k, algo, c)
	strict := false
	it := 0
	for it < cfg.maxIter {
		if err := kmCtxErr(ctx); err != nil {
			return nil, err
		}
		st.pass(it == 0)
		changed, est, shift := st.update()
		it++
		if progress != nil {
			progress(it, est)
		}
		if it > 1 && changed == 0 {
			strict = true
			break
		}
		if shift <= tol {
			break
		}
	}
	if !strict {
		// The centres moved after the last assignment: relabel.
		st.pass(it == 0)
	}
	labels := make([]int, dt.n)
	for i, a := range st.lab {
		labels[i] = int(a)
	}
	m := newKMeansModel(st.c, cfg.k, dt.d)
	m.labels = labels
	m.inertia = st.exactInertia()
	m.nIter = it
	return m, nil
}
