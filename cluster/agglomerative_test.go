package cluster

import (
	"bytes"
	"context"
	"errors"
	"math"
	"runtime"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/internal/errs"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

func TestAgglomerativeBadInput(t *testing.T) {
	one := mat.NewDense(1, 3, []float64{1, 2, 3})
	_, err := Agglomerative{}.Fit(one)
	require.ErrorIs(t, err, ErrTooFewPoints)

	X := mat.NewDense(4, 2, []float64{0, 0, 1, 1, 2, math.NaN(), 3, 3})
	_, err = Agglomerative{Linkage: "average"}.Fit(X)
	require.ErrorIs(t, err, ErrNonFinite)
	var nf *errs.ColumnError
	require.ErrorAs(t, err, &nf)
	assert.Equal(t, 2, nf.Row)
	assert.Equal(t, "1", nf.Column)
	X.Set(2, 1, math.Inf(-1))
	_, err = Agglomerative{}.Fit(X)
	require.ErrorIs(t, err, ErrNonFinite)

	ok := mat.NewDense(3, 1, []float64{0, 1, 5})
	_, err = Agglomerative{Linkage: "wards"}.Fit(ok)
	require.ErrorIs(t, err, ErrUnknownLinkage)
	assert.Contains(t, err.Error(), "wards")

	huge := mat.NewDense(3, 1, []float64{0, 1e200, -1e200})
	for _, m := range hcMethodNames {
		_, err = Agglomerative{Linkage: m}.Fit(huge)
		require.ErrorIs(t, err, ErrNonFinite, m)
	}

	for _, w := range [][]float64{{1, 1}, {1, 0, 1}, {1, -2, 1}, {1, math.NaN(), 1}, {1, math.Inf(1), 1}} {
		_, err = Agglomerative{Weights: w}.Fit(ok)
		require.ErrorIs(t, err, ErrWeights, "%v", w)
	}
}

func TestCutBadK(t *testing.T) {
	tree, err := Agglomerative{}.Fit(mat.NewDense(4, 1, []float64{0, 1, 5, 7}))
	require.NoError(t, err)
	for _, k := range []int{0, -1, 5} {
		_, err := tree.CutK(k)
		require.ErrorIs(t, err, ErrInvalidK, "k=%d", k)
	}
	_, err = tree.CutHeight(math.NaN())
	require.ErrorIs(t, err, ErrConfig)
	l, err := tree.CutK(4)
	require.NoError(t, err)
	assert.Equal(t, []int{0, 1, 2, 3}, l)
	l, err = tree.CutK(3) // scipy numbering: {0,1} is reached first from the root
	require.NoError(t, err)
	assert.Equal(t, []int{0, 0, 1, 2}, l)
	l, err = tree.CutK(1)
	require.NoError(t, err)
	assert.Equal(t, []int{0, 0, 0, 0}, l)
}

// TestIdenticalPoints: every method gives a valid tree of zero heights.
func TestIdenticalPoints(t *testing.T) {
	X := mat.NewDense(5, 2, []float64{1, 2, 1, 2, 1, 2, 1, 2, 1, 2})
	for _, m := range hcMethodNames {
		tree, err := Agglomerative{Linkage: m}.Fit(X)
		require.NoError(t, err, m)
		for _, mg := range tree.Merges() {
			assert.Equal(t, 0.0, mg.Height, m)
		}
		_, err = NewDendrogram(tree.Linkage())
		require.NoError(t, err, m)
		l, err := tree.CutK(2) // all merges tie at 0: one cluster, as scipy
		require.NoError(t, err)
		assert.Equal(t, []int{0, 0, 0, 0, 0}, l)
		c, err := tree.Cophenetic(X)
		require.NoError(t, err)
		assert.True(t, math.IsNaN(c))
	}
}

func TestDendrogramSaveLoad(t *testing.T) {
	X, _ := hcBlobs(60, 3, 4, 1, 3)
	w := make([]float64, 60)
	for i := range w {
		w[i] = float64(1 + i%3)
	}
	for _, cfg := range []Agglomerative{{}, {Linkage: "centroid"}, {Linkage: "average", Weights: w}} {
		tree, err := cfg.Fit(X)
		require.NoError(t, err)
		var buf bytes.Buffer
		require.NoError(t, tree.Save(&buf))
		back, err := LoadDendrogram(&buf)
		require.NoError(t, err)
		assert.Equal(t, tree.Merges(), back.Merges())
		assert.Equal(t, tree.Method(), back.Method())
		assert.Equal(t, tree.N(), back.N())
	}
	tree, err := Agglomerative{}.Fit(X)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, tree.Save(&buf))
	good := buf.String()
	for name, bad := range map[string]string{
		"version": strings.Replace(good, `"version":1`, `"version":9`, 1),
		"format":  strings.Replace(good, `"segmenta.dendrogram"`, `"x"`, 1),
		"method":  strings.Replace(good, `"linkage":"ward"`, `"linkage":"nope"`, 1),
		"n":       strings.Replace(good, `"n":60`, `"n":61`, 1),
		"json":    good[:len(good)/2],
		"reuse":   strings.Replace(good, `"z":[[`, `"z":[[0,0,0,2],[`, 1),
	} {
		_, err := LoadDendrogram(strings.NewReader(bad))
		require.ErrorIs(t, err, ErrModelFormat, name)
	}
}

func TestNewDendrogramChecks(t *testing.T) {
	good := mat.NewDense(2, 4, []float64{0, 1, 1, 2, 2, 3, 2, 3})
	tree, err := NewDendrogram(good)
	require.NoError(t, err)
	assert.Equal(t, []int{2, 0, 1}, tree.LeafOrder())
	for _, z := range [][]float64{
		{0, 1, 1, 2, 2, 4, 2, 3},  // id 4 not formed yet
		{0, 1, 1, 2, 1, 3, 2, 3},  // 1 merged twice
		{0, 1, 1, 2, 2, 3, 2, 4},  // wrong size
		{0, 1, -1, 2, 2, 3, 2, 3}, // negative height
		{1, 0, 1, 2, 2, 3, 2, 3},  // a > b
		{0.5, 1, 1, 2, 2, 3, 2, 3},
	} {
		_, err := NewDendrogram(mat.NewDense(2, 4, z))
		require.ErrorIs(t, err, ErrModelFormat, "%v", z)
	}
	_, err = NewDendrogram(mat.NewDense(2, 3, nil))
	require.ErrorIs(t, err, ErrDimension)
}

func TestWriteLinkageCSV(t *testing.T) {
	tree, err := Agglomerative{Linkage: "single"}.Fit(mat.NewDense(3, 1, []float64{0, 0.1, 5}))
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, tree.WriteLinkageCSV(&buf))
	assert.Equal(t, "a,b,height,size\n0,1,0.10000000000000001,2\n2,3,4.9000000000000004,3\n", buf.String())
}

func TestFitContextCancel(t *testing.T) {
	X, _ := hcBlobs(300, 2, 3, 1, 1)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, m := range hcMethodNames {
		_, err := Agglomerative{Linkage: m}.FitContext(ctx, X)
		require.True(t, errors.Is(err, context.Canceled), m)
	}
}

func TestProgress(t *testing.T) {
	X, _ := hcBlobs(500, 2, 3, 1, 1)
	var calls, last int
	_, err := Agglomerative{Progress: func(done, total int) {
		calls++
		require.Equal(t, 499, total)
		require.Greater(t, done, last)
		last = done
	}}.Fit(X)
	require.NoError(t, err)
	assert.Equal(t, 499, last)
	assert.LessOrEqual(t, calls, 110)
}

// TestDeterministicAcrossProcs: the parallel paths (above hcChainMax and
// hcWardSerialBelow, several chunks) give bit-identical trees whatever
// GOMAXPROCS.
func TestDeterministicAcrossProcs(t *testing.T) {
	small, _ := hcBlobs(hcChunk+100, 2, 8, 2, 9)
	large, _ := hcBlobs(hcWardSerialBelow+100, 2, 8, 2, 9)
	for _, m := range []string{"ward", "average", "single"} {
		X := small
		if m == "ward" {
			X = large
		}
		var trees [2][]Merge
		for i, procs := range []int{1, 2} {
			old := runtime.GOMAXPROCS(procs)
			tree, err := Agglomerative{Linkage: m}.Fit(X)
			runtime.GOMAXPROCS(old)
			require.NoError(t, err)
			trees[i] = tree.Merges()
		}
		require.Equal(t, trees[0], trees[1], m)
	}
}

// TestLargeWardPaths: above hcWardCondensedMax the centroid algorithm runs;
// it must agree with the Lance-Williams chain on the same data.
func TestLargeWardPaths(t *testing.T) {
	for _, d := range []int{3, 8, 16} { // 8, 16: the vector kernels
		hcLargeWard(t, d)
	}
}

func hcLargeWard(t *testing.T, dim int) {
	X, _ := hcBlobs(hcWardCondensedMax+200, dim, 5, 2, 4)
	big, err := Agglomerative{}.Fit(X)
	require.NoError(t, err)
	data, n, d, err := hcDense(X)
	require.NoError(t, err)
	size := make([]float64, n)
	for i := range size {
		size[i] = 1
	}
	merges, err := hcNNChain(context.Background(), hcPdist[float64](data, n, d, hcWard, size), n, hcWard, size, nil)
	require.NoError(t, err)
	want := hcFinish(hcWard, merges, n, nil).Merges()
	got := big.Merges()
	for i := range want {
		require.Equal(t, [2]int{want[i].A, want[i].B}, [2]int{got[i].A, got[i].B}, "merge %d", i)
		require.True(t, hcRelClose(want[i].Height, got[i].Height, 1e-9), "merge %d", i)
	}
}

// Float32 halves the matrix and changes nothing but the last digits: on
// the wholesale customers (440 real rows) and on blobs, with the chain (440
// rows) and the generic algorithm (3,000), every method gives the same
// merges, heights within 1e-6 relative.
func TestAgglomerativeFloat32(t *testing.T) {
	blobs440, _ := kmBlobs(440, 16, 32, 10, 6, 7)
	blobs3000, _ := kmBlobs(3000, 16, 32, 10, 6, 7)
	for _, c := range []struct {
		name string
		X    *mat.Dense
	}{{"wholesale", kmWholesale(t, kmLoadGolden(t).Columns)}, {"blobs440", blobs440}, {"blobs3000", blobs3000}} {
		X, n := c.X, c.X.RawMatrix().Rows
		for _, l := range []string{"complete", "average", "weighted", "centroid", "median", "ward"} {
			var ms [2]runtime.MemStats
			runtime.ReadMemStats(&ms[0])
			a, err := Agglomerative{Linkage: l}.Fit(X)
			require.NoError(t, err)
			runtime.ReadMemStats(&ms[1])
			b, err := Agglomerative{Linkage: l, Float32: true}.Fit(X)
			require.NoError(t, err)
			var after runtime.MemStats
			runtime.ReadMemStats(&after)
			ma, mb := a.Merges(), b.Merges()
			require.Len(t, mb, len(ma))
			for i := range ma {
				require.Equal(t, [2]int{ma[i].A, ma[i].B}, [2]int{mb[i].A, mb[i].B}, "%s %s merge %d", c.name, l, i)
				require.InEpsilon(t, ma[i].Height, mb[i].Height, 1e-6, "%s %s merge %d", c.name, l, i)
				require.Equal(t, ma[i].Size, mb[i].Size)
			}
			if n < 3000 || l == "ward" {
				continue // a small matrix, or none (Ward above 2,048 rows)
			}
			full, half := ms[1].TotalAlloc-ms[0].TotalAlloc, after.TotalAlloc-ms[1].TotalAlloc
			assert.Less(t, float64(half), 0.6*float64(full), "%s %s: allocated %d bytes with Float32, %d without", c.name, l, half, full)
		}
	}
}
