package cluster

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"strconv"

	"github.com/segmenta/segmenta/internal/envelope"
	"gonum.org/v1/gonum/mat"
)

const (
	hcFileFormat  = "segmenta.dendrogram"
	hcFileVersion = 1
)

// hcFile is the JSON form of a Dendrogram. Z holds scipy's linkage matrix,
// so Python reads it with np.array(json.load(f)["z"]).
type hcFile struct {
	envelope.Header
	Linkage string       `json:"linkage"`
	N       int          `json:"n"`
	Weights []float64    `json:"weights,omitempty"`
	Z       [][4]float64 `json:"z"`
}

// Save writes the dendrogram as versioned JSON.
func (t *Dendrogram) Save(w io.Writer) error {
	f := hcFile{Header: envelope.Header{Format: hcFileFormat, Version: hcFileVersion}, Linkage: t.method, N: t.n, Weights: t.weights, Z: make([][4]float64, len(t.merges))}
	for i, m := range t.merges {
		f.Z[i] = [4]float64{float64(m.A), float64(m.B), m.Height, m.Size}
	}
	if err := envelope.Encode(w, f, ""); err != nil {
		return fmt.Errorf("cluster: saving dendrogram: %w", err)
	}
	return nil
}

// LoadDendrogram reads a dendrogram written by Save, checking the format,
// the version and that the merges form a valid tree. Every failure matches
// ErrModelFormat, and ErrVersion or ErrCorrupt where that is the cause.
func LoadDendrogram(r io.Reader) (*Dendrogram, error) {
	t, err := loadDendrogram(r)
	return t, envelope.AsFormat(err)
}

func loadDendrogram(r io.Reader) (*Dendrogram, error) {
	var f hcFile
	if err := envelope.Read(r, &f, hcFileFormat, hcFileVersion); err != nil {
		return nil, fmt.Errorf("dendrogram: %w", err)
	}
	if f.Linkage != "" {
		if _, err := hcParseMethod(f.Linkage); err != nil {
			return nil, fmt.Errorf("%w: dendrogram: %v", ErrCorrupt, err)
		}
	}
	merges := make([]Merge, len(f.Z))
	for i, z := range f.Z {
		merges[i] = Merge{A: int(z[0]), B: int(z[1]), Height: z[2], Size: z[3]}
		if float64(merges[i].A) != z[0] || float64(merges[i].B) != z[1] {
			return nil, fmt.Errorf("%w: dendrogram: merge %d: ids %v, %v are not integers", ErrCorrupt, i, z[0], z[1])
		}
	}
	t, err := hcCheckTree(f.N, merges, f.Weights)
	if err != nil {
		return nil, fmt.Errorf("%w: dendrogram: %v", ErrCorrupt, err)
	}
	t.method = f.Linkage
	return t, nil
}

// NewDendrogram builds a dendrogram from a linkage matrix in scipy's layout
// ((n-1) x 4 rows of id, id, height, size, every size a count of points),
// for example one computed by scipy, so that it can be cut or ordered here.
func NewDendrogram(z mat.Matrix) (*Dendrogram, error) {
	r, c := z.Dims()
	if c != 4 {
		return nil, fmt.Errorf("%w: linkage matrix has %d columns, want 4", ErrDimension, c)
	}
	merges := make([]Merge, r)
	for i := range merges {
		a, b := z.At(i, 0), z.At(i, 1)
		merges[i] = Merge{A: int(a), B: int(b), Height: z.At(i, 2), Size: z.At(i, 3)}
		if float64(merges[i].A) != a || float64(merges[i].B) != b {
			return nil, fmt.Errorf("%w: linkage row %d: ids %v, %v are not integers", ErrModelFormat, i, a, b)
		}
	}
	t, err := hcCheckTree(r+1, merges, nil)
	if err != nil {
		return nil, fmt.Errorf("%w: linkage matrix: %v", ErrModelFormat, err)
	}
	return t, nil
}

// hcCheckTree validates merges as a tree over n leaves: ids in range, each
// cluster merged once and only after it was formed, ids ordered, heights
// finite and not negative, sizes the sums of their children's.
func hcCheckTree(n int, merges []Merge, weights []float64) (*Dendrogram, error) {
	if n < 2 || len(merges) != n-1 {
		return nil, fmt.Errorf("%d merges for %d points, want n-1 with n >= 2", len(merges), n)
	}
	if weights != nil && len(weights) != n {
		return nil, fmt.Errorf("%d weights for %d points", len(weights), n)
	}
	size := make([]float64, 2*n-1)
	for i := range n {
		size[i] = 1
		if weights != nil {
			if w := weights[i]; !(w > 0) || math.IsInf(w, 0) {
				return nil, fmt.Errorf("weight %d is %v", i, w)
			}
			size[i] = weights[i]
		}
	}
	used := make([]bool, 2*n-1)
	for i, m := range merges {
		if m.A < 0 || m.B >= n+i || m.A >= m.B {
			return nil, fmt.Errorf("merge %d joins %d and %d: want 0 <= a < b < %d", i, m.A, m.B, n+i)
		}
		if used[m.A] || used[m.B] {
			return nil, fmt.Errorf("merge %d reuses a merged cluster", i)
		}
		used[m.A], used[m.B] = true, true
		if !(m.Height >= 0) || math.IsInf(m.Height, 0) {
			return nil, fmt.Errorf("merge %d height %v", i, m.Height)
		}
		s := size[m.A] + size[m.B]
		if math.Abs(m.Size-s) > 1e-9*s {
			return nil, fmt.Errorf("merge %d size %v, its children hold %v", i, m.Size, s)
		}
		size[n+i] = s
	}
	return &Dendrogram{n: n, merges: merges, weights: weights}, nil
}

// WriteLinkageCSV writes the linkage matrix Z as CSV with a header line
// (a,b,height,size), full precision, for plotting in Python:
// scipy.cluster.hierarchy.dendrogram(np.loadtxt(f, delimiter=",", skiprows=1)).
func (t *Dendrogram) WriteLinkageCSV(w io.Writer) error {
	bw := bufio.NewWriter(w)
	bw.WriteString("a,b,height,size\n")
	var buf []byte
	for _, m := range t.merges {
		buf = strconv.AppendInt(buf[:0], int64(m.A), 10)
		buf = append(buf, ',')
		buf = strconv.AppendInt(buf, int64(m.B), 10)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, m.Height, 'g', 17, 64)
		buf = append(buf, ',')
		buf = strconv.AppendFloat(buf, m.Size, 'g', 17, 64)
		buf = append(buf, '\n')
		bw.Write(buf)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("cluster: writing linkage CSV: %w", err)
	}
	return nil
}
