package cluster

import (
	"io"
	"math"
	"runtime"
	"testing"

	"github.com/segmenta/segmenta/internal/errs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// kmSliceSource serves the rows of X in batches of size b.
type kmSliceSource struct {
	X    *mat.Dense
	b, i int
}

func (s *kmSliceSource) Next() (*mat.Dense, error) {
	n, _ := s.X.Dims()
	if s.i >= n {
		return nil, io.EOF
	}
	hi := min(n, s.i+s.b)
	m := mat.DenseCopyOf(s.X.Slice(s.i, hi, 0, s.X.RawMatrix().Cols))
	s.i = hi
	return m, nil
}

func TestMiniBatchRecoversBlobs(t *testing.T) {
	X, truth := kmBlobs(6000, 4, 5, 10, 1, 11)
	m, err := MiniBatchKMeans{K: 5, Seed: 1, BatchSize: 256}.Fit(X)
	require.NoError(t, err)
	ari, err := AdjustedRandIndex(truth, m.Labels())
	require.NoError(t, err)
	assert.GreaterOrEqual(t, ari, 0.9)
	full, err := KMeans{K: 5, Seed: 1}.Fit(X)
	require.NoError(t, err)
	assert.Less(t, m.Inertia(), 1.05*full.Inertia(), "mini-batch inertia close to full k-means")

	sm, err := MiniBatchKMeans{K: 5, Seed: 1, BatchSize: 256, MaxNoImprovement: -1}.FitStream(&kmSliceSource{X: X, b: 500})
	require.NoError(t, err)
	assert.Nil(t, sm.Labels())
	assert.Equal(t, 6000/256+1, sm.NIter(), "one step per batch of at most BatchSize rows")
	lab, err := sm.Predict(X)
	require.NoError(t, err)
	ari, err = AdjustedRandIndex(truth, lab)
	require.NoError(t, err)
	assert.GreaterOrEqual(t, ari, 0.9)
}

func TestMiniBatchDeterministic(t *testing.T) {
	X, _ := kmBlobs(3*kmChunk+50, 3, 4, 5, 2, 12)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	var ref, refS *KMeansModel
	for _, procs := range []int{1, 2, 4} {
		runtime.GOMAXPROCS(procs)
		m, err := MiniBatchKMeans{K: 4, Seed: 5, BatchSize: 3000, MaxIter: 3}.Fit(X)
		require.NoError(t, err)
		s, err := MiniBatchKMeans{K: 4, Seed: 5, BatchSize: 3000}.FitStream(&kmSliceSource{X: X, b: 2500})
		require.NoError(t, err)
		if ref == nil {
			ref, refS = m, s
			continue
		}
		assert.True(t, mat.Equal(ref.Centroids(), m.Centroids()), "GOMAXPROCS=%d", procs)
		assert.Equal(t, math.Float64bits(ref.Inertia()), math.Float64bits(m.Inertia()))
		assert.True(t, mat.Equal(refS.Centroids(), s.Centroids()), "stream, GOMAXPROCS=%d", procs)
	}
}

type kmErrSource struct{ batches []*mat.Dense }

func (s *kmErrSource) Next() (*mat.Dense, error) {
	if len(s.batches) == 0 {
		return nil, io.EOF
	}
	b := s.batches[0]
	s.batches = s.batches[1:]
	return b, nil
}

func TestMiniBatchBadInput(t *testing.T) {
	X, _ := kmBlobs(100, 2, 2, 5, 1, 13)
	_, err := MiniBatchKMeans{K: 0}.Fit(X)
	assert.ErrorIs(t, err, ErrInvalidK)
	_, err = MiniBatchKMeans{K: 101}.Fit(X)
	assert.ErrorIs(t, err, ErrInvalidK)
	_, err = MiniBatchKMeans{K: 2, BatchSize: -1}.Fit(X)
	assert.ErrorIs(t, err, ErrConfig)
	_, err = MiniBatchKMeans{K: 2}.FitStream(&kmErrSource{})
	assert.ErrorIs(t, err, ErrEmptyInput)
	_, err = MiniBatchKMeans{K: 2}.FitStream(&kmErrSource{batches: []*mat.Dense{mat.NewDense(3, 2, nil), mat.NewDense(3, 3, nil)}})
	assert.ErrorIs(t, err, ErrDimension)
	bad := mat.NewDense(4, 2, []float64{1, 2, 3, 4, 5, math.Inf(1), 7, 8})
	_, err = MiniBatchKMeans{K: 2}.FitStream(&kmErrSource{batches: []*mat.Dense{mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6}), bad}})
	var nf *errs.ColumnError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, 3+2, nf.Row, "row counted from the start of the stream")
	_, err = MiniBatchKMeans{K: 5}.FitStream(&kmErrSource{batches: []*mat.Dense{mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 6})}})
	assert.ErrorIs(t, err, ErrInvalidK)
}
