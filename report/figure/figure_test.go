package figure

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"github.com/segmenta/segmenta/report"
	"image/png"
	"math"
	"os"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// checkFigure renders f and checks the PNG's size, that it is not blank,
// that rendering is cached, and that SVG works.
func checkFigure(t *testing.T, f Figure, w, h int) {
	t.Helper()
	b, err := f.PNG()
	require.NoError(t, err)
	img, err := png.Decode(bytes.NewReader(b))
	require.NoError(t, err)
	assert.Equal(t, w, img.Bounds().Dx())
	assert.Equal(t, h, img.Bounds().Dy())
	colours := map[[4]uint32]bool{}
	for y := 0; y < h; y += 3 {
		for x := 0; x < w; x += 3 {
			r, g, b, a := img.At(x, y).RGBA()
			colours[[4]uint32{r, g, b, a}] = true
		}
	}
	assert.Greater(t, len(colours), 8, "figure looks blank")
	b2, err := f.PNG()
	require.NoError(t, err)
	assert.Equal(t, b, b2)
	b2[0] = 0 // the caller's copy: must not corrupt the cache
	b3, _ := f.PNG()
	assert.Equal(t, b, b3)
	svg, err := f.SVG()
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(svg, "<svg"), svg[:min(40, len(svg))])
	assert.NotEmpty(t, f.Title())
}

func TestPlots(t *testing.T) {
	f, err := ElbowPlot([]int{1, 2, 3, 4, 5}, []float64{100, 40, 20, 17, 15}, []float64{math.NaN(), 0.5, 0.7, 0.6, 0.55})
	require.NoError(t, err)
	checkFigure(t, f, 960, 840)
	f, err = ElbowPlot([]int{2, 3}, []float64{4, 3}, nil)
	require.NoError(t, err)
	checkFigure(t, f, 960, 600)
	f, err = SegmentSizePlot([]string{"a", "b", "c"}, []int{10, 0, 5})
	require.NoError(t, err)
	checkFigure(t, f, 960, 600)
	f, err = KPIBarPlot([]string{"a", "b", "c"}, []float64{1.02, math.NaN(), 0.9}, "NRR")
	require.NoError(t, err)
	checkFigure(t, f, 960, 600)
	f, err = PercentBarPlot([]string{"a", "b"}, []float64{0.25, 0.031}, "Churn rate")
	require.NoError(t, err)
	checkFigure(t, f, 960, 600)
	f, err = ROCPlot([]float64{0, 0.1, 0.5, 1}, []float64{0, 0.6, 0.9, 1}, 0.85)
	require.NoError(t, err)
	checkFigure(t, f, 960, 600)
	f, err = LiftPlot([]float64{0.3, 0.5, 0.65, 0.75, 0.82, 0.88, 0.92, 0.96, 0.98, 1})
	require.NoError(t, err)
	checkFigure(t, f, 960, 600)
	f, err = CalibrationPlot([]float64{0.05, math.NaN(), 0.5, 0.9}, []float64{0.04, math.NaN(), 0.55, 0.8})
	require.NoError(t, err)
	checkFigure(t, f, 960, 600)
}

func TestPlotBadInput(t *testing.T) {
	nan := math.NaN()
	var ie *dataset.ColumnError
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"elbow empty", second(ElbowPlot(nil, nil, nil)), report.ErrEmpty},
		{"elbow lengths", second(ElbowPlot([]int{1, 2}, []float64{1}, nil)), report.ErrLength},
		{"elbow silhouette length", second(ElbowPlot([]int{1, 2}, []float64{1, 2}, []float64{0.1})), report.ErrLength},
		{"elbow NaN inertia", second(ElbowPlot([]int{1, 2}, []float64{1, nan}, nil)), report.ErrValue},
		{"elbow silhouette range", second(ElbowPlot([]int{1, 2}, []float64{1, 2}, []float64{0.1, 2})), report.ErrValue},
		{"sizes empty", second(SegmentSizePlot(nil, nil)), report.ErrEmpty},
		{"sizes lengths", second(SegmentSizePlot([]string{"a"}, []int{1, 2})), report.ErrLength},
		{"sizes negative", second(SegmentSizePlot([]string{"a", "b"}, []int{1, -2})), report.ErrValue},
		{"kpi lengths", second(KPIBarPlot([]string{"a"}, []float64{1, 2}, "x")), report.ErrLength},
		{"kpi inf", second(KPIBarPlot([]string{"a"}, []float64{math.Inf(1)}, "x")), report.ErrValue},
		{"kpi all NaN", second(KPIBarPlot([]string{"a", "b"}, []float64{nan, nan}, "x")), report.ErrEmpty},
		{"percent all NaN", second(PercentBarPlot([]string{"a"}, []float64{nan}, "x")), report.ErrEmpty},
		{"roc short", second(ROCPlot([]float64{0}, []float64{0}, 0.5)), report.ErrEmpty},
		{"roc lengths", second(ROCPlot([]float64{0, 1}, []float64{0}, 0.5)), report.ErrLength},
		{"roc range", second(ROCPlot([]float64{0, 1.2}, []float64{0, 1}, 0.5)), report.ErrValue},
		{"roc auc", second(ROCPlot([]float64{0, 1}, []float64{0, 1}, nan)), report.ErrValue},
		{"lift empty", second(LiftPlot(nil)), report.ErrEmpty},
		{"lift decreasing", second(LiftPlot([]float64{0.5, 0.4})), report.ErrValue},
		{"calibration lengths", second(CalibrationPlot([]float64{0.1}, nil)), report.ErrLength},
		{"calibration all NaN", second(CalibrationPlot([]float64{nan}, []float64{nan})), report.ErrEmpty},
		{"calibration range", second(CalibrationPlot([]float64{0.1}, []float64{-0.1})), report.ErrValue},
		{"pca nil", second(PCAPlot(nil, nil, 0, 1)), report.ErrEmpty},
		{"pca one column", second(PCAPlot(mat.NewDense(3, 1, nil), []int{0, 0, 0}, 0, 1)), report.ErrValue},
		{"pca labels", second(PCAPlot(mat.NewDense(3, 2, nil), []int{0}, 0, 1)), report.ErrLength},
		{"pca negative label", second(PCAPlot(mat.NewDense(3, 2, []float64{1, 2, 3, 4, 5, 7}), []int{0, -1, 0}, 0, 1)), report.ErrNegativeLabel},
		{"pca NaN", second(PCAPlot(mat.NewDense(2, 2, []float64{1, nan, 3, 4}), []int{0, 0}, 0, 1)), report.ErrValue},
		{"dendrogram nil", second(DendrogramPlot(nil, nil, 0)), report.ErrEmpty},
		{"dendrogram columns", second(DendrogramPlot(mat.NewDense(1, 3, nil), nil, 0)), report.ErrLength},
		{"dendrogram labels", second(DendrogramPlot(mat.NewDense(1, 4, []float64{0, 1, 1, 2}), []string{"a"}, 0)), report.ErrLength},
		{"dendrogram future cluster", second(DendrogramPlot(mat.NewDense(2, 4, []float64{0, 3, 1, 2, 1, 2, 2, 3}), nil, 0)), report.ErrValue},
		{"dendrogram reused cluster", second(DendrogramPlot(mat.NewDense(2, 4, []float64{0, 1, 1, 2, 0, 2, 2, 3}), nil, 0)), report.ErrValue},
		{"dendrogram size", second(DendrogramPlot(mat.NewDense(2, 4, []float64{0, 1, 1, 2, 2, 3, 2, 4}), nil, 0)), report.ErrValue},
		{"dendrogram height", second(DendrogramPlot(mat.NewDense(1, 4, []float64{0, 1, -1, 2}), nil, 0)), report.ErrValue},
	}
	for _, c := range cases {
		require.ErrorIs(t, c.err, c.want, c.name)
		require.ErrorAs(t, c.err, &ie, c.name)
	}
	_, err := Figure{}.PNG()
	assert.Error(t, err)
}

func second(_ Figure, err error) error { return err }

type dendroGolden struct {
	Z     [][]float64
	Cases []struct {
		P      int
		Labels []string
		Ivl    []string
		Icoord [][4]float64
		Dcoord [][4]float64
		Colors []string
	}
}

// TestDendrogramMatchesSciPy compares leaf order, labels and every U shape
// with scipy.cluster.hierarchy.dendrogram (benchmarks/peers/report_golden.py).
func TestDendrogramMatchesSciPy(t *testing.T) {
	raw, err := os.ReadFile("testdata/dendrogram_golden.json")
	require.NoError(t, err)
	var g dendroGolden
	require.NoError(t, json.Unmarshal(raw, &g))
	Z := mat.NewDense(len(g.Z), 4, nil)
	for i, r := range g.Z {
		Z.SetRow(i, r)
	}
	for _, c := range g.Cases {
		lay, err := layoutDendrogram(Z, c.Labels, c.P)
		require.NoError(t, err)
		assert.Equal(t, c.Ivl, lay.labels, "p=%d", c.P)
		// SciPy puts leaf k at x = 5 + 10k; a U is (xa, ya, xb, yb, h,
		// colour group), SciPy's colour "C0" being above the threshold
		// (group -1) and "C1", "C2", ... the groups left to right.
		var want, got [][6]float64
		for k := range c.Icoord {
			x, y := c.Icoord[k], c.Dcoord[k]
			var grp float64
			_, err := fmt.Sscanf(c.Colors[k], "C%g", &grp)
			require.NoError(t, err)
			want = append(want, [6]float64{(x[0] - 5) / 10, y[0], (x[3] - 5) / 10, y[3], y[1], grp - 1})
		}
		for k := 0; k < len(lay.segs); k += 3 {
			l, r := lay.segs[k], lay.segs[k+2]
			got = append(got, [6]float64{l[0], l[1], r[0], r[1], l[3], float64(lay.group[k/3])})
		}
		sortU(want)
		sortU(got)
		require.Len(t, got, len(want))
		for k := range want {
			for j := range 6 {
				assert.InDelta(t, want[k][j], got[k][j], 1e-9*math.Max(1, math.Abs(want[k][j])), "p=%d U %d", c.P, k)
			}
		}
		f, err := DendrogramPlot(Z, c.Labels, c.P)
		require.NoError(t, err)
		checkFigure(t, f, 960, 600)
	}
}

func sortU(u [][6]float64) {
	sort.Slice(u, func(a, b int) bool {
		for j := range 5 {
			if u[a][j] != u[b][j] {
				return u[a][j] < u[b][j]
			}
		}
		return false
	})
}

// TestPCAMatchesScikitLearn compares the projection and explained variance
// with sklearn.decomposition.PCA (benchmarks/peers/report_golden.py).
func TestPCAMatchesScikitLearn(t *testing.T) {
	raw, err := os.ReadFile("testdata/pca_golden.json")
	require.NoError(t, err)
	var g struct {
		X     [][]float64
		Proj  [][2]float64
		Ratio [2]float64
	}
	require.NoError(t, json.Unmarshal(raw, &g))
	X := mat.NewDense(len(g.X), len(g.X[0]), nil)
	for i, r := range g.X {
		X.SetRow(i, r)
	}
	P, ratio, err := pcaProject(X)
	require.NoError(t, err)
	for c := range 2 {
		assert.InDelta(t, g.Ratio[c], ratio[c], 1e-10)
		for i := range g.Proj {
			assert.InDelta(t, g.Proj[i][c], P.At(i, c), 1e-8*math.Max(1, math.Abs(g.Proj[i][c])))
		}
	}
	labels := make([]int, len(g.X))
	for i := range labels {
		labels[i] = i % 3
	}
	f, err := PCAPlot(X, labels, 40, 9)
	require.NoError(t, err)
	checkFigure(t, f, 960, 600)
	f2, err := PCAPlot(X, labels, 40, 9)
	require.NoError(t, err)
	a, _ := f.PNG()
	b, _ := f2.PNG()
	assert.Equal(t, a, b, "same seed, same picture")
}

func TestSampleRows(t *testing.T) {
	s := sampleRows(1000, 100, 5)
	require.Len(t, s, 100)
	assert.True(t, sort.IntsAreSorted(s))
	for i := 1; i < len(s); i++ {
		assert.NotEqual(t, s[i-1], s[i])
	}
	assert.Equal(t, s, sampleRows(1000, 100, 5))
	assert.NotEqual(t, s, sampleRows(1000, 100, 6))
	assert.Len(t, sampleRows(10, 100, 5), 10)
	// Both branches are uniform: every row is drawn about equally often.
	for _, k := range []int{2, 8} { // Floyd, then Fisher-Yates
		counts := make([]int, 10)
		for seed := range uint64(5000) {
			rows := sampleRows(10, k, seed)
			require.Len(t, rows, k)
			for i := 1; i < k; i++ {
				require.Less(t, rows[i-1], rows[i])
			}
			for _, r := range rows {
				counts[r]++
			}
		}
		want := 5000 * float64(k) / 10
		for r, c := range counts {
			assert.InDelta(t, want, float64(c), 5*math.Sqrt(want), "k=%d row %d", k, r)
		}
	}
}

func TestFigureConcurrentPNG(t *testing.T) {
	f, err := SegmentSizePlot([]string{"a", "b"}, []int{3, 4})
	require.NoError(t, err)
	var wg sync.WaitGroup
	out := make([][]byte, 4)
	for i := range out {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i], _ = f.PNG()
		}()
	}
	wg.Wait()
	for i := range out {
		assert.Equal(t, out[0], out[i])
	}
}

func TestShorten(t *testing.T) {
	assert.Equal(t, "abc", shorten("abc", 3))
	assert.Equal(t, "ab…", shorten("abcd", 3))
	assert.Equal(t, "éé…", shorten("éééé", 3))
}

// report.Report.HTML embeds figures as PNG data URLs.
func TestHTMLEmbedsFigures(t *testing.T) {
	tb := dataset.NewTable("account_id", []string{"a", "b", "c", "d"})
	require.NoError(t, tb.AddNumeric("mrr_start", []float64{10, 20, 30, 40}, nil))
	rep, err := report.Profile(tb, []int{0, 0, 1, 1}, report.ProfileConfig{})
	require.NoError(t, err)
	f, err := SegmentSizePlot(rep.SegmentNames(), rep.SegmentSizes())
	require.NoError(t, err)
	png, err := f.PNG()
	require.NoError(t, err)
	var page bytes.Buffer
	require.NoError(t, rep.HTML(&page, f))
	assert.Contains(t, page.String(), "<figcaption><b>Segment sizes</b><span class=\"explain\">Each bar is one segment&#39;s number of accounts")
	// The PNG's first bytes, as html/template writes the data URL.
	assert.Contains(t, page.String(), `src="data:image/png;base64,`+base64.StdEncoding.EncodeToString(png[:30]))
	assert.Error(t, rep.HTML(&page, Figure{}), "the zero Figure does not render")
}
