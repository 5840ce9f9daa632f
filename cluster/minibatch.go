package cluster

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"

	"github.com/segmenta/segmenta/internal/errs"
	"github.com/segmenta/segmenta/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// BatchSource yields the rows to cluster in batches, for data that does not
// fit in memory (rows read from a CSV file, a database cursor, a generator).
// Next returns io.EOF once exhausted; every batch must have the same number
// of columns. The caller may reuse a batch's storage after the next call.
type BatchSource interface {
	Next() (*mat.Dense, error)
}

// MiniBatchKMeans configures mini-batch k-means (Sculley, "Web-scale k-means
// clustering", WWW 2010): each step assigns one small batch to the nearest
// centres and moves every centre towards the mean of its batch members with a
// per-centre learning rate 1/(rows it has absorbed so far). Memory stays
// O(k·d + batch), so FitStream clusters any number of rows. The zero value of
// every field but K is a documented default. Unlike scikit-learn, centres
// that attract few rows are not re-seeded, and there is no tolerance on the
// centre movement: early stopping watches the smoothed batch inertia only.
type MiniBatchKMeans struct {
	// K is the number of clusters.
	K int
	// Seed drives the k-means++ seeding and, for Fit, the batch sampling.
	Seed uint64
	// BatchSize is the number of rows per step (Fit draws them at random,
	// with replacement). Default 1024.
	BatchSize int
	// MaxIter is the number of passes over the data for Fit (the number of
	// steps is MaxIter·n/BatchSize). Default 100. FitStream reads its
	// source once.
	MaxIter int
	// MaxNoImprovement stops early when the smoothed batch inertia has not
	// improved for this many consecutive steps (as scikit-learn).
	// Default 10; negative disables early stopping.
	MaxNoImprovement int
	// InitSize is the number of rows k-means++ seeds from: Fit draws them
	// at random, FitStream takes the first rows of the stream (which are
	// then also used for training). Default max(3·BatchSize, 3·K).
	InitSize int
	// NInit is the number of k-means++ seedings of the init rows; the one
	// with the lowest inertia on them is kept. Default 3.
	NInit int
}

type mbConfig struct {
	k, batch, maxIter, noImprove, initSize, nInit int
}

func (mb *MiniBatchKMeans) config() (mbConfig, error) {
	c := mbConfig{k: mb.K, batch: mb.BatchSize, maxIter: mb.MaxIter, noImprove: mb.MaxNoImprovement, initSize: mb.InitSize, nInit: mb.NInit}
	if c.k < 1 {
		return c, fmt.Errorf("%w: K = %d", ErrInvalidK, mb.K)
	}
	if c.batch == 0 {
		c.batch = 1024
	}
	if c.maxIter == 0 {
		c.maxIter = 100
	}
	if c.noImprove == 0 {
		c.noImprove = 10
	}
	if c.initSize == 0 {
		c.initSize = max(3*c.batch, 3*c.k)
	}
	if c.nInit == 0 {
		c.nInit = 3
	}
	if c.batch < 0 || c.maxIter < 0 || c.initSize < 0 || c.nInit < 0 {
		return c, fmt.Errorf("%w: BatchSize %d, MaxIter %d, InitSize %d, NInit %d must not be negative", ErrConfig, mb.BatchSize, mb.MaxIter, mb.InitSize, mb.NInit)
	}
	return c, nil
}

// mbState holds the centres, their absorbed counts and the step buffers.
type mbState struct {
	k, d   int
	c      []float64
	t      *kmCentresT
	buf    []float64 // per chunk kp
	counts []float64
	sums   []float64 // per chunk k*d
	cnt    []float64 // per chunk k
	inert  []float64 // per chunk
	steps  int

	// early stopping on the exponentially weighted average batch inertia
	ewa, ewaMin float64
	noImprove   int
}

func newMBState(c []float64, k, d int) *mbState {
	s := &mbState{k: k, d: d, c: c, t: newKMCentresT(k, d), counts: make([]float64, k), ewa: math.NaN(), ewaMin: math.Inf(1)}
	s.norms()
	return s
}

func (s *mbState) norms() {
	s.t.set(s.c)
}

// step assigns the m rows of x and applies Sculley's update; it returns the
// batch inertia against the centres before the update.
func (s *mbState) step(x []float64, m int) float64 {
	k, d := s.k, s.d
	nc := parallel.Chunks(m, kmChunk)
	if len(s.inert) < nc {
		s.sums = make([]float64, nc*k*d)
		s.cnt = make([]float64, nc*k)
		s.inert = make([]float64, nc)
		s.buf = make([]float64, nc*s.t.kp)
	}
	parallel.For(m, kmChunk, func(ch, lo, hi int) {
		sums := s.sums[ch*k*d : (ch+1)*k*d]
		cnt := s.cnt[ch*k : (ch+1)*k]
		buf := s.buf[ch*s.t.kp : (ch+1)*s.t.kp]
		clear(sums)
		clear(cnt)
		var in float64
		for i := lo; i < hi; i++ {
			r := x[i*d : (i+1)*d]
			b, d1, _ := kmNearest2(r, kmNorm(r), s.t, buf)
			in += d1
			sb := sums[b*d : (b+1)*d]
			for p, v := range r {
				sb[p] += v
			}
			cnt[b]++
		}
		s.inert[ch] = in
	})
	var inertia float64
	for ch := 0; ch < nc; ch++ {
		inertia += s.inert[ch]
	}
	for j := 0; j < k; j++ {
		var bc float64
		for ch := 0; ch < nc; ch++ {
			bc += s.cnt[ch*k+j]
		}
		if bc == 0 {
			continue
		}
		s.counts[j] += bc
		inv := 1 / s.counts[j]
		keep := 1 - bc*inv
		cj := s.c[j*d : (j+1)*d]
		for p := range cj {
			var sum float64
			for ch := 0; ch < nc; ch++ {
				sum += s.sums[(ch*k+j)*d+p]
			}
			cj[p] = cj[p]*keep + sum*inv
		}
	}
	s.norms()
	s.steps++
	return inertia
}

// converged updates the smoothed inertia (weight alpha for the new batch)
// and reports whether it has not improved for limit steps.
func (s *mbState) converged(batchInertia float64, m int, alpha float64, limit int) bool {
	v := batchInertia / float64(m)
	if math.IsNaN(s.ewa) {
		s.ewa = v
	} else {
		s.ewa = s.ewa*(1-alpha) + v*alpha
	}
	if s.ewa < s.ewaMin {
		s.ewaMin, s.noImprove = s.ewa, 0
		return false
	}
	s.noImprove++
	return limit > 0 && s.noImprove >= limit
}

// mbSeed runs k-means++ nInit times on the rows x and keeps the seeding with
// the lowest inertia on them.
func mbSeed(ctx context.Context, x []float64, n, d int, cfg mbConfig, seed uint64) ([]float64, error) {
	if cfg.k > n {
		return nil, fmt.Errorf("%w: K = %d for %d init rows", ErrInvalidK, cfg.k, n)
	}
	dt, err := kmPrepare(mat.NewDense(n, d, x), nil)
	if err != nil {
		return nil, err
	}
	var best []float64
	bestIn := math.Inf(1)
	for r := 0; r < cfg.nInit; r++ {
		c, err := kmPlusPlus(ctx, dt, cfg.k, 2+int(math.Log(float64(cfg.k))), kmRand(seed, r))
		if err != nil {
			return nil, err
		}
		st := newKMState(dt, cfg.k, kmLloyd, c)
		st.pass(true)
		if in := st.exactInertia(); in < bestIn {
			best, bestIn = c, in
		}
	}
	return best, nil
}

// Fit clusters the rows of X with mini-batches drawn at random.
func (mb MiniBatchKMeans) Fit(X mat.Matrix) (*KMeansModel, error) {
	return mb.FitContext(context.Background(), X)
}

// FitContext is Fit, cancellable between steps.
func (mb MiniBatchKMeans) FitContext(ctx context.Context, X mat.Matrix) (*KMeansModel, error) {
	cfg, err := mb.config()
	if err != nil {
		return nil, fmt.Errorf("minibatch kmeans: %w", err)
	}
	dt, err := kmPrepare(X, nil)
	if err != nil {
		return nil, fmt.Errorf("minibatch kmeans: %w", err)
	}
	n, d := dt.n, dt.d
	if cfg.k > n {
		return nil, fmt.Errorf("minibatch kmeans: %w: K = %d for %d rows", ErrInvalidK, cfg.k, n)
	}
	rng := kmRand(mb.Seed, -1)
	initN := min(cfg.initSize, n)
	initX := make([]float64, initN*d)
	if initN == n {
		copy(initX, dt.x)
	} else {
		for i, p := range rng.Perm(n)[:initN] {
			copy(initX[i*d:(i+1)*d], dt.row(p))
		}
	}
	c, err := mbSeed(ctx, initX, initN, d, cfg, mb.Seed)
	if err != nil {
		return nil, fmt.Errorf("minibatch kmeans: seeding: %w", err)
	}
	st := newMBState(c, cfg.k, d)
	batch := min(cfg.batch, n)
	steps := max(1, (cfg.maxIter*n)/batch)
	alpha := min(1, 2*float64(batch)/float64(n+1))
	bx := make([]float64, batch*d)
	for t := 0; t < steps; t++ {
		if err := kmCtxErr(ctx); err != nil {
			return nil, err
		}
		for i := 0; i < batch; i++ {
			copy(bx[i*d:(i+1)*d], dt.row(rng.IntN(n)))
		}
		if st.converged(st.step(bx, batch), batch, alpha, cfg.noImprove) {
			break
		}
	}
	m := newKMeansModel(st.c, cfg.k, d)
	full := newKMState(dt, cfg.k, kmLloyd, append([]float64(nil), st.c...))
	full.pass(true)
	m.labels = make([]int, n)
	for i, a := range full.lab {
		m.labels[i] = int(a)
	}
	m.inertia = full.exactInertia()
	m.nIter = st.steps
	m.algorithm = "minibatch"
	return m, nil
}

// FitStream clusters the rows produced by src, reading it once: the first
// InitSize rows seed k-means++ (and are trained on too), then every batch is
// cut into steps of at most BatchSize rows. Early stopping (MaxNoImprovement) may end the fit before the
// source is exhausted. The model has no training labels and its Inertia is
// the sum of the batch inertias met on the way.
func (mb MiniBatchKMeans) FitStream(src BatchSource) (*KMeansModel, error) {
	return mb.FitStreamContext(context.Background(), src)
}

// FitStreamContext is FitStream, cancellable between batches.
func (mb MiniBatchKMeans) FitStreamContext(ctx context.Context, src BatchSource) (*KMeansModel, error) {
	cfg, err := mb.config()
	if err != nil {
		return nil, fmt.Errorf("minibatch kmeans: %w", err)
	}
	d := -1
	rows := 0
	var pending [][]float64 // batches read for seeding, trained on afterwards
	var initX []float64
	read := func() ([]float64, int, error) {
		b, err := src.Next()
		if err != nil {
			return nil, 0, err
		}
		x, m, bd, err := kmDense(b)
		if err != nil {
			var ce *errs.ColumnError
			if errors.As(err, &ce) {
				ce.Row += rows
			}
			return nil, 0, fmt.Errorf("batch at row %d: %w", rows, err)
		}
		if d < 0 {
			d = bd
		} else if bd != d {
			return nil, 0, fmt.Errorf("%w: batch at row %d has %d columns, earlier batches %d", ErrDimension, rows, bd, d)
		}
		rows += m
		return x, m, nil
	}
	for rows < cfg.initSize {
		x, _, err := read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("minibatch kmeans: %w", err)
		}
		x = append([]float64(nil), x...) // the source may reuse it
		pending = append(pending, x)
		initX = append(initX, x...)
	}
	if d < 0 {
		return nil, fmt.Errorf("minibatch kmeans: %w: the source has no rows", ErrEmptyInput)
	}
	c, err := mbSeed(ctx, initX, len(initX)/d, d, cfg, mb.Seed)
	if err != nil {
		return nil, fmt.Errorf("minibatch kmeans: seeding: %w", err)
	}
	initX = nil
	st := newMBState(c, cfg.k, d)
	alpha := 2 / (100 + 1.0) // smoothing over about 100 batches: the length is unknown
	var total float64
	feed := func(x []float64) bool {
		for lo := 0; lo < len(x)/d; lo += cfg.batch {
			hi := min(len(x)/d, lo+cfg.batch)
			in := st.step(x[lo*d:hi*d], hi-lo)
			total += in
			if st.converged(in, hi-lo, alpha, cfg.noImprove) {
				return true
			}
		}
		return false
	}
	stop := false
	for _, x := range pending {
		if stop = feed(x); stop {
			break
		}
	}
	pending = nil
	for !stop {
		if err := kmCtxErr(ctx); err != nil {
			return nil, err
		}
		x, _, err := read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("minibatch kmeans: %w", err)
		}
		stop = feed(x)
	}
	m := newKMeansModel(st.c, cfg.k, d)
	m.inertia = total
	m.nIter = st.steps
	m.algorithm = "minibatch"
	return m, nil
}
