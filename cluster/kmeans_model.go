package cluster

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"math"
	"slices"

	"github.com/segmenta/segmenta/internal/envelope"
	"github.com/segmenta/segmenta/internal/parallel"
	"gonum.org/v1/gonum/mat"
)

// KMeansModel is a fitted k-means clustering (from KMeans.Fit or
// MiniBatchKMeans.Fit): the centroids and, for a fit in memory, the training
// labels. It is immutable and safe for concurrent use.
type KMeansModel struct {
	k, d      int
	c         []float64 // k*d centroids, row-major
	t         *kmCentresT
	labels    []int
	inertia   float64
	nIter     int
	algorithm string
}

func newKMeansModel(c []float64, k, d int) *KMeansModel {
	m := &KMeansModel{k: k, d: d, c: append([]float64(nil), c[:k*d]...), t: newKMCentresT(k, d)}
	m.t.set(m.c)
	return m
}

// K is the number of clusters.
func (m *KMeansModel) K() int { return m.k }

// Dim is the number of columns the model expects.
func (m *KMeansModel) Dim() int { return m.d }

// Centroids returns a copy of the K x Dim centroid matrix.
func (m *KMeansModel) Centroids() *mat.Dense {
	return mat.NewDense(m.k, m.d, append([]float64(nil), m.c...))
}

// Labels returns a copy of the cluster of each training row (nil for a
// model read by LoadKMeans or fitted on a stream).
func (m *KMeansModel) Labels() []int {
	if m.labels == nil {
		return nil
	}
	return append([]int(nil), m.labels...)
}

// Inertia is the (weighted) sum of squared distances from the training rows
// to their centroids, computed exactly after the last iteration. For a
// streamed mini-batch fit it is the sum over batches of each batch's inertia
// against the centroids of the moment.
func (m *KMeansModel) Inertia() float64 { return m.inertia }

// NIter is the number of iterations the retained run made (mini-batch:
// the number of batch steps).
func (m *KMeansModel) NIter() int { return m.nIter }

// Algorithm is the iteration strategy used ("lloyd", "hamerly", "elkan" or
// "minibatch").
func (m *KMeansModel) Algorithm() string { return m.algorithm }

// Predict returns the nearest centroid of every row of X (ties to the lower
// cluster index).
func (m *KMeansModel) Predict(X mat.Matrix) ([]int, error) {
	x, n, err := m.input(X)
	if err != nil {
		return nil, fmt.Errorf("kmeans predict: %w", err)
	}
	out := make([]int, n)
	d := m.d
	parallel.For(n, kmChunk, func(_, lo, hi int) {
		kmNearestRows(x[lo*d:hi*d], d, m.t, out[lo:hi], newKMRowsBuf(m.t))
	})
	return out, nil
}

// Transform returns the n x K matrix of Euclidean distances from every row
// of X to every centroid.
func (m *KMeansModel) Transform(X mat.Matrix) (*mat.Dense, error) {
	x, n, err := m.input(X)
	if err != nil {
		return nil, fmt.Errorf("kmeans transform: %w", err)
	}
	d, k := m.d, m.k
	out := make([]float64, n*k)
	parallel.For(n, kmChunk, func(_, lo, hi int) {
		for i := lo; i < hi; i++ {
			r := x[i*d : (i+1)*d]
			for j := 0; j < k; j++ {
				out[i*k+j] = math.Sqrt(kmSqDist(r, m.c[j*d:(j+1)*d]))
			}
		}
	})
	return mat.NewDense(n, k, out), nil
}

func (m *KMeansModel) input(X mat.Matrix) ([]float64, int, error) {
	x, n, d, err := kmDense(X)
	if err != nil {
		return nil, 0, err
	}
	if d != m.d {
		return nil, 0, fmt.Errorf("%w: %d columns, model has %d", ErrDimension, d, m.d)
	}
	return x, n, nil
}

// kmFile is the JSON layout of a saved k-means model.
type kmFile struct {
	envelope.Header
	K         int         `json:"k"`
	Dim       int         `json:"dim"`
	Centroids [][]float64 `json:"centroids"`
	Inertia   float64     `json:"inertia"`
	NIter     int         `json:"n_iter"`
	Algorithm string      `json:"algorithm"`
	Checksum  string      `json:"checksum"`
}

const (
	kmFormat  = "segmenta.cluster.kmeans"
	kmVersion = 1
)

// kmChecksum is the SHA-256 of the shape and the centroid bits, so that an
// edited centroid is detected on load.
func kmChecksum(k, d int, c []float64) string {
	h := sha256.New()
	var b [8]byte
	binary.LittleEndian.PutUint64(b[:], uint64(k))
	h.Write(b[:])
	binary.LittleEndian.PutUint64(b[:], uint64(d))
	h.Write(b[:])
	for _, v := range c {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		h.Write(b[:])
	}
	return hex.EncodeToString(h.Sum(nil)) // a layout of its own: kept so old files load
}

// Save writes the model (centroids, inertia, iterations; not the training
// labels) as versioned JSON. Floats are written so that they read back
// bit-identical.
func (m *KMeansModel) Save(w io.Writer) error {
	f := kmFile{Header: envelope.Header{Format: kmFormat, Version: kmVersion}, K: m.k, Dim: m.d, Inertia: m.inertia,
		NIter: m.nIter, Algorithm: m.algorithm, Checksum: kmChecksum(m.k, m.d, m.c)}
	for j := 0; j < m.k; j++ {
		f.Centroids = append(f.Centroids, m.c[j*m.d:(j+1)*m.d])
	}
	if math.IsNaN(f.Inertia) || math.IsInf(f.Inertia, 0) {
		f.Inertia = -1 // JSON has no NaN; never the case for a fitted model
	}
	if err := envelope.Encode(w, &f, ""); err != nil {
		return fmt.Errorf("kmeans save: %w", err)
	}
	return nil
}

// LoadKMeans reads a model written by Save, checking the format name, the
// version, the dimensions, that every value is finite and the checksum.
// Every failure matches ErrModelFormat; a truncated or edited file also
// matches ErrCorrupt, a file of another format version ErrVersion.
func LoadKMeans(r io.Reader) (*KMeansModel, error) {
	m, err := loadKMeans(r)
	return m, envelope.AsFormat(err)
}

func loadKMeans(r io.Reader) (*KMeansModel, error) {
	var f kmFile
	if err := envelope.Read(r, &f, kmFormat, kmVersion); err != nil {
		return nil, fmt.Errorf("kmeans model: %w", err)
	}
	// The checksum first, over the declared shape and the values present;
	// then the shape against those values; only then a copy sized by it.
	if err := envelope.Verify(f.Checksum, kmChecksum(f.K, f.Dim, slices.Concat(f.Centroids...))); err != nil {
		return nil, fmt.Errorf("kmeans model: %w", err)
	}
	if f.K < 1 || f.Dim < 1 || len(f.Centroids) != f.K {
		return nil, fmt.Errorf("%w: k = %d, dim = %d with %d centroids", ErrCorrupt, f.K, f.Dim, len(f.Centroids))
	}
	for j, row := range f.Centroids {
		if len(row) != f.Dim {
			return nil, fmt.Errorf("%w: centroid %d has %d values, want %d", ErrCorrupt, j, len(row), f.Dim)
		}
		for p, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("%w: centroid %d, column %d: %v", ErrCorrupt, j, p, v)
			}
		}
	}
	m := newKMeansModel(slices.Concat(f.Centroids...), f.K, f.Dim)
	m.inertia, m.nIter, m.algorithm = f.Inertia, f.NIter, f.Algorithm
	return m, nil
}
