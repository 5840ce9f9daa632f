package figure

import (
	"bytes"
	"go/ast"
	"go/parser"
	"go/token"
	"math"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/segmenta/segmenta/report"
	"github.com/segmenta/segmenta/report/internal/pagecheck"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/gonum/mat"
)

// figureCase is a figure made by one exported constructor, and what its
// explanation must mention (a figure of the data, not a canned sentence).
type figureCase struct {
	constructor string
	fig         Figure
	mentions    []string
}

func figureCases(t *testing.T) []figureCase {
	ok := func(f Figure, err error) Figure {
		t.Helper()
		require.NoError(t, err)
		return f
	}
	X := mat.NewDense(6, 2, []float64{0, 0, 1, 0.2, 0.1, 1, 5, 5, 6, 5.5, 5.2, 6})
	Z := mat.NewDense(3, 4, []float64{0, 1, 1, 2, 2, 3, 2, 2, 4, 5, 5, 4})
	life := lifecycleReport(t)
	return []figureCase{
		{"LifetimePlot", ok(LifetimePlot(life)), []string{"95% confidence band"}},
		{"BridgePlot", ok(BridgePlot(life)), []string{"net revenue retention " + life.Bridge.Overall.NRR.Percent()}},
		{"CohortPlot", ok(CohortPlot(life)), []string{"fewer than 5 accounts"}},
		{"ElbowPlot", ok(ElbowPlot([]int{2, 3, 4}, []float64{40, 20, 17}, []float64{0.5, 0.7, 0.6})), []string{"k = 3"}},
		{"SegmentSizePlot", ok(SegmentSizePlot([]string{"a", "b"}, []int{3, 1})), nil},
		{"KPIBarPlot", ok(KPIBarPlot([]string{"a", "b"}, []float64{1.02, math.NaN()}, "NRR by segment")), []string{"on NRR:"}},
		{"PercentBarPlot", ok(PercentBarPlot([]string{"a", "b"}, []float64{0.2, 0.1}, "Churn rate by segment")), []string{"on churn rate:"}},
		{"ROCPlot", ok(ROCPlot([]float64{0, 0.1, 1}, []float64{0, 0.6, 1}, 0.85)), []string{"AUC 0.850"}},
		{"LiftPlot", ok(LiftPlot([]float64{0.3, 0.5, 0.65, 0.75, 0.82, 0.88, 0.92, 0.96, 0.98, 1})), []string{"top 10%", "30%"}},
		{"CalibrationPlot", ok(CalibrationPlot([]float64{0.1, 0.5}, []float64{0.2, 0.4})), nil},
		{"PCAPlot", ok(PCAPlot(X, []int{0, 0, 0, 1, 1, 1}, 0, 1)), []string{"% of the variance"}},
		{"DendrogramPlot", ok(DendrogramPlot(Z, nil, 0)), nil},
		{"ShapePlot", ok(ShapePlot("tenure_months", "churn", []float64{1, 2, 3}, []float64{0.2, 0, -0.3})), []string{"tenure_months", "churn prediction"}},
	}
}

// TestEveryFigureExplained checks that every exported constructor of the
// package (found in its source, so a new one cannot be forgotten) makes a
// figure explained in one plain sentence.
func TestEveryFigureExplained(t *testing.T) {
	var tested []string
	for _, c := range figureCases(t) {
		tested = append(tested, c.constructor)
		e := c.fig.Explanation()
		assert.True(t, pagecheck.OneSentence(e), "%s: %q is not one sentence", c.constructor, e)
		assert.NotContains(t, e, "%!", "%s: bad format", c.constructor)
		for _, m := range c.mentions {
			assert.Contains(t, e, m, c.constructor)
		}
	}
	assert.ElementsMatch(t, constructors(t), tested, "every exported constructor of a Figure needs a case here (and an explanation)")
}

// constructors lists the package's exported functions that return a
// Figure.
func constructors(t *testing.T) []string {
	files, err := filepath.Glob("*.go")
	require.NoError(t, err)
	var names []string
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		require.NoError(t, err)
		for _, d := range f.Decls {
			fn, ok := d.(*ast.FuncDecl)
			if !ok || fn.Recv != nil || !fn.Name.IsExported() || fn.Type.Results == nil {
				continue
			}
			if id, ok := fn.Type.Results.List[0].Type.(*ast.Ident); ok && id.Name == "Figure" {
				names = append(names, fn.Name.Name)
			}
		}
	}
	sort.Strings(names)
	require.NotEmpty(t, names)
	return names
}

func TestElbowExplanationWithoutSilhouette(t *testing.T) {
	for _, sil := range [][]float64{nil, {math.NaN(), math.NaN()}} {
		f, err := ElbowPlot([]int{1, 2}, []float64{4, 3}, sil)
		require.NoError(t, err)
		assert.True(t, pagecheck.OneSentence(f.Explanation()), f.Explanation())
		assert.NotContains(t, f.Explanation(), "silhouette")
	}
}

func TestMeasure(t *testing.T) {
	for in, want := range map[string]string{
		"Churn rate by segment": "churn rate", "NRR": "NRR", "Mean churn probability by segment": "mean churn probability",
		"": "the value shown", " by segment": "the value shown", "Ärger": "ärger",
	} {
		assert.Equal(t, want, measure(in), in)
	}
}

func TestWithExplanation(t *testing.T) {
	f, err := SegmentSizePlot([]string{"a"}, []int{1})
	require.NoError(t, err)
	g := f.WithExplanation("Mine.")
	assert.Equal(t, "Mine.", g.Explanation())
	assert.NotEqual(t, "Mine.", f.Explanation(), "the original keeps its sentence")
	a, err := f.PNG()
	require.NoError(t, err)
	b, err := g.PNG()
	require.NoError(t, err)
	assert.Equal(t, a, b)
	var _ report.Explainer = g
}

// TestHTMLShowsExplanations renders every kind of figure into a report and
// finds each sentence, escaped, under its figure.
func TestHTMLShowsExplanations(t *testing.T) {
	tb := dataset.NewTable("account_id", []string{"a", "b"})
	require.NoError(t, tb.AddNumeric("mrr_start", []float64{10, 20}, nil))
	rep, err := report.Profile(tb, []int{0, 1}, report.ProfileConfig{})
	require.NoError(t, err)
	cases := figureCases(t)
	var figs []report.Figure
	for _, c := range cases {
		figs = append(figs, c.fig)
	}
	var page bytes.Buffer
	require.NoError(t, rep.HTML(&page, figs...))
	h := page.String()
	for _, c := range cases {
		want := `<figcaption><b>` + htmlEscape(c.fig.Title()) + `</b><span class="explain">` + htmlEscape(c.fig.Explanation()) + `</span></figcaption>`
		assert.Contains(t, h, want, c.constructor)
	}
}

// htmlEscape escapes as html/template does in text.
func htmlEscape(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;", "'", "&#39;", "+", "&#43;").Replace(s)
}
