package nb_test

import (
	"bytes"
	"errors"
	"image/png"
	"io"
	"math"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"

	"github.com/segmenta/segmenta/dataset"
	nb "github.com/segmenta/segmenta/notebook"
	"github.com/segmenta/segmenta/report/figure"
)

// The interfaces gophernotes v0.7.5 detects by method (display.go), and the
// plain-text fallback.
type (
	htmler     interface{ HTML() string }
	pnger      interface{ PNG() []byte }
	markdowner interface{ Markdown() string }
	stringer   interface{ String() string }
)

func accounts(t *testing.T) *dataset.Table {
	t.Helper()
	tb := dataset.NewTable("account_id", []string{"a1", "a2", "a3", "a4", "a5", "a6"})
	require.NoError(t, tb.AddNumeric("mrr", []float64{100, 250.5, 40, 1200, 0, 75}, []bool{false, false, false, false, true, false}))
	require.NoError(t, tb.AddCategorical("plan", []string{"pro", "basic", "basic", "<enterprise>", "pro", "pro"}, nil))
	require.NoError(t, tb.AddNumeric("churned", []float64{0, 1, 1, 0, 0, 1}, nil))
	day := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	var signup []time.Time
	for i := 0; i < 6; i++ {
		signup = append(signup, day.AddDate(0, i, 0))
	}
	require.NoError(t, tb.AddDate("signup", signup, nil))
	return tb
}

// stops runs f and returns the *nb.Error it panicked with (nil when it did
// not panic).
func stops(f func()) (err *nb.Error) {
	defer func() {
		if r := recover(); r != nil {
			err = r.(*nb.Error)
		}
	}()
	f()
	return nil
}

func TestDisplayInterfaces(t *testing.T) {
	var tbl interface{} = nb.NewTable("a")
	_, isHTML := tbl.(htmler)
	_, isPNG := tbl.(pnger)
	assert.True(t, isHTML)
	assert.False(t, isPNG, "a table must not also claim PNG: the kernel would send both")
	var fig interface{} = &nb.Figure{}
	_, isHTML = fig.(htmler)
	_, isPNG = fig.(pnger)
	assert.True(t, isPNG)
	assert.False(t, isHTML, "HTML would win over the PNG in Jupyter")
	_, ok := interface{}(nb.Markdown("x")).(markdowner)
	assert.True(t, ok)
	_, ok = interface{}(nb.HTML("x")).(htmler)
	assert.True(t, ok)
	_, ok = interface{}(&nb.Error{Err: errors.New("x")}).(htmler)
	assert.True(t, ok)
	for _, v := range []interface{}{nb.NewTable("a"), &nb.Figure{}, nb.Markdown("x"), nb.HTML("x"), &nb.Error{}} {
		_, ok := v.(stringer)
		assert.True(t, ok, "%T has no plain-text form", v)
	}
}

func TestHead(t *testing.T) {
	tb := accounts(t)
	h := nb.Head(tb, 3)
	assert.Equal(t, []string{"account_id", "mrr", "plan", "churned", "signup"}, h.Columns())
	assert.Equal(t, 3, h.Len())
	assert.Equal(t, "250.5", h.Cell(1, "mrr"))
	assert.Equal(t, "2025-03-01", h.Cell(2, "signup"))
	html := h.HTML()
	assert.Contains(t, html, "first 3 of 6 rows, 4 columns")
	assert.Contains(t, html, `<td style="text-align:right">250.5</td>`)
	assert.NotContains(t, html, "a4", "only the first three rows")

	all := nb.Head(tb, 100)
	assert.Equal(t, 6, all.Len())
	assert.Equal(t, "NA", all.Cell(4, "mrr"), "a missing value shows as NA")
	assert.Contains(t, all.HTML(), `<span style="color:#999">NA</span>`)
	assert.Contains(t, all.HTML(), "&lt;enterprise&gt;", "cells are escaped")
	assert.NotContains(t, all.HTML(), "<enterprise>")
	assert.Equal(t, nb.DefaultHeadRows, nb.Head(tb, 0).Len())

	text := all.String()
	lines := strings.Split(text, "\n")
	require.Len(t, lines, 8) // caption, header, 6 rows
	assert.Equal(t, "first 6 of 6 rows, 4 columns", lines[0])
	assert.Regexp(t, `^account_id\s+mrr\s+plan\s+churned\s+signup$`, lines[1])
	assert.Regexp(t, `^a2\s+250\.5\s+basic`, lines[3])
	assert.Equal(t, strings.Index(lines[2], "100")+3, strings.Index(lines[3], "250.5")+5, "numbers right-aligned")

	noID := dataset.NewTable("", nil)
	require.NoError(t, noID.AddNumeric("x", []float64{1, 2}, nil))
	assert.Equal(t, []string{"x"}, nb.Head(noID, 5).Columns())
	assert.Contains(t, nb.Head(noID, 5).String(), "first 2 of 2 rows, 1 column\n")

	err := stops(func() { nb.Head(nil, 5) })
	require.NotNil(t, err)
	assert.ErrorIs(t, err, nb.ErrArgument)
}

func TestDescribe(t *testing.T) {
	d := nb.Describe(accounts(t))
	require.Equal(t, 4, d.Len())
	assert.Equal(t, []string{"column", "kind", "count", "missing", "mean", "std", "min", "25%", "50%", "75%", "max", "distinct", "top", "freq"}, d.Columns())
	// mrr: 100, 250.5, 40, 1200, 75 observed (pandas: mean 333.1,
	// std 491.2223, quartiles 40, 75, 100, 250.5, 1200).
	assert.Equal(t, "mrr", d.Value(0, "column"))
	assert.Equal(t, 5, d.Value(0, "count"))
	assert.Equal(t, 1, d.Value(0, "missing"))
	assert.InDelta(t, 333.1, d.Value(0, "mean").(float64), 1e-9)
	assert.InDelta(t, 491.22225112468186, d.Value(0, "std").(float64), 1e-9)
	assert.Equal(t, 40.0, d.Value(0, "min"))
	assert.Equal(t, 75.0, d.Value(0, "25%"))
	assert.Equal(t, 100.0, d.Value(0, "50%"))
	assert.Equal(t, 250.5, d.Value(0, "75%"))
	assert.Equal(t, 1200.0, d.Value(0, "max"))
	assert.Equal(t, "NA", d.Cell(0, "top"))
	// plan: pro x3, basic x2, <enterprise> x1.
	assert.Equal(t, "categorical", d.Value(1, "kind"))
	assert.Equal(t, 3, d.Value(1, "distinct"))
	assert.Equal(t, "pro", d.Value(1, "top"))
	assert.Equal(t, 3, d.Value(1, "freq"))
	assert.Equal(t, "NA", d.Cell(1, "mean"))
	// churned: a 0/1 column, mean is the rate.
	assert.Equal(t, 0.5, d.Value(2, "mean"))
	// signup: dates, quartiles as dates.
	assert.Equal(t, "date", d.Value(3, "kind"))
	assert.Equal(t, "2025-01-01", d.Cell(3, "min"))
	assert.Equal(t, "2025-06-01", d.Cell(3, "max"))
	assert.Equal(t, "NA", d.Cell(3, "mean"))
	assert.Contains(t, d.HTML(), "6 rows, 4 columns")

	numbersOnly, err := accounts(t).Select("mrr", "churned")
	require.NoError(t, err)
	assert.Equal(t, []string{"column", "kind", "count", "missing", "mean", "std", "min", "25%", "50%", "75%", "max"}, nb.Describe(numbersOnly).Columns())
	textOnly, err := accounts(t).Select("plan")
	require.NoError(t, err)
	assert.Equal(t, []string{"column", "kind", "count", "missing", "distinct", "top", "freq"}, nb.Describe(textOnly).Columns())
	datesOnly, err := accounts(t).Select("signup")
	require.NoError(t, err)
	assert.Equal(t, []string{"column", "kind", "count", "missing", "min", "25%", "50%", "75%", "max"}, nb.Describe(datesOnly).Columns())

	one := dataset.NewTable("id", []string{"x"})
	require.NoError(t, one.AddNumeric("v", []float64{3}, nil))
	assert.Equal(t, "NA", nb.Describe(one).Cell(0, "std"), "no standard deviation of one value")
}

func TestGroupBy(t *testing.T) {
	tb := accounts(t)
	g := nb.GroupBy(tb, "plan", nb.Count(), nb.Mean("churned"), nb.Sum("mrr"), nb.Median("mrr"), nb.Min("mrr"), nb.Max("mrr"), nb.Std("mrr"))
	assert.Equal(t, []string{"plan", "count", "mean(churned)", "sum(mrr)", "median(mrr)", "min(mrr)", "max(mrr)", "std(mrr)"}, g.Columns())
	require.Equal(t, 3, g.Len())
	// Sorted keys: "<enterprise>", "basic", "pro".
	assert.Equal(t, "<enterprise>", g.Value(0, "plan"))
	assert.Equal(t, "basic", g.Value(1, "plan"))
	assert.Equal(t, 2, g.Value(1, "count"))
	assert.Equal(t, 1.0, g.Value(1, "mean(churned)"))
	assert.Equal(t, 290.5, g.Value(1, "sum(mrr)"))
	assert.Equal(t, 145.25, g.Value(1, "median(mrr)"))
	// pro: mrr 100, missing, 75: the missing value is left out.
	assert.Equal(t, 3, g.Value(2, "count"))
	assert.Equal(t, 175.0, g.Value(2, "sum(mrr)"))
	assert.Equal(t, 75.0, g.Value(2, "min(mrr)"))
	assert.Equal(t, 100.0, g.Value(2, "max(mrr)"))
	assert.InDelta(t, math.Sqrt(312.5), g.Value(2, "std(mrr)").(float64), 1e-12)
	assert.Equal(t, "NA", g.Cell(0, "std(mrr)"), "one value has no standard deviation")
	assert.Contains(t, g.HTML(), "&lt;enterprise&gt;")

	// A numeric key sorts numerically; Count by default.
	byChurn := nb.GroupBy(tb, "churned")
	assert.Equal(t, []string{"churned", "count"}, byChurn.Columns())
	assert.Equal(t, 0.0, byChurn.Value(0, "churned"))
	assert.Equal(t, 3, byChurn.Value(1, "count"))

	// Missing keys come last as NA.
	byMRR := nb.GroupBy(tb, "mrr", nb.TopValue("plan"), nb.Distinct("plan"))
	assert.Equal(t, 6, byMRR.Len())
	assert.Equal(t, "NA", byMRR.Cell(5, "mrr"))
	assert.Equal(t, "pro", byMRR.Value(5, "top(plan)"))
	assert.Equal(t, 40.0, byMRR.Value(0, "mrr"), "the missing mrr of a5 is not 0")
}

func TestGroupByErrors(t *testing.T) {
	tb := accounts(t)
	err := stops(func() { nb.GroupBy(tb, "nope") })
	require.NotNil(t, err)
	assert.ErrorIs(t, err, dataset.ErrColumnNotFound)
	err = stops(func() { nb.GroupBy(tb, "plan", nb.Mean("plan")) })
	require.NotNil(t, err, "the mean of a text column")
	err = stops(func() { nb.GroupBy(tb, "plan", nb.TopValue("mrr")) })
	require.NotNil(t, err)
	assert.ErrorIs(t, err, nb.ErrArgument)
	err = stops(func() { nb.GroupBy(tb, "signup") })
	require.NotNil(t, err, "a date key")
	err = stops(func() { nb.GroupBy(tb, "plan", nb.Agg{Op: "mode", Column: "plan"}) })
	require.NotNil(t, err)
	assert.Contains(t, err.Error(), `unknown aggregation "mode"`)
}

func TestTable(t *testing.T) {
	tb := nb.NewTable("segment", "accounts", "churn", "traits").
		Format("churn", "%.1f%%").
		Caption("Segments <of> %d", 2).
		Note("k = %d & more", 2)
	tb.Row("Power users", 120, 4.25, []string{"logins high", "seats <full>"})
	tb.Row("Trials", int64(80), 31.0, nil)
	assert.Equal(t, "4.2%", tb.Cell(0, "churn"))
	assert.Equal(t, "31.0%", tb.Cell(1, "churn"))
	assert.Equal(t, "logins high\nseats <full>", tb.Cell(0, "traits"))
	html := tb.HTML()
	assert.Contains(t, html, "Segments &lt;of&gt; 2")
	assert.Contains(t, html, "k = 2 &amp; more")
	assert.Contains(t, html, "logins high<br>seats &lt;full&gt;")
	assert.Contains(t, html, `<th style="text-align:right">accounts</th>`)
	assert.Contains(t, html, `<th style="text-align:left">traits</th>`)
	assert.Contains(t, tb.String(), "logins high; seats <full>")

	err := stops(func() { tb.Row("only one") })
	require.NotNil(t, err)
	assert.Contains(t, err.Error(), "a row of 1 cells in a table of 4 columns")
	require.NotNil(t, stops(func() { tb.Format("nope", "%d") }))
	require.NotNil(t, stops(func() { tb.Value(9, "churn") }))
}

func TestFormatFloat(t *testing.T) {
	for x, want := range map[float64]string{
		0: "0", 3: "3", -42: "-42", 1234567: "1234567", 0.5: "0.5", 0.012345: "0.01235",
		12.3456: "12.35", 999.96: "1000", 1234.5678: "1234.6", 1.5e15: "1.5e+15", 0.00001234: "1.234e-05",
		math.NaN(): "NaN",
	} {
		assert.Equal(t, want, nb.FormatFloat(x), "%v", x)
	}
	assert.Equal(t, "2025-03-01 12:30:00", nb.FormatTime(time.Date(2025, 3, 1, 12, 30, 0, 0, time.UTC)))
}

func TestCheck(t *testing.T) {
	nb.Check(nil)
	base := errors.New("read accounts.csv: <no such file>")
	err := stops(func() { nb.Check(base) })
	require.NotNil(t, err)
	assert.Equal(t, base.Error(), err.Error(), "the message alone: the kernel prints it as the cell's error")
	assert.ErrorIs(t, err, base)
	assert.Equal(t, "error: "+base.Error(), err.String())
	assert.Contains(t, err.HTML(), `class="segmenta-nb-error"`)
	assert.Contains(t, err.HTML(), "&lt;no such file&gt;")
	again := stops(func() { nb.Check(err) })
	assert.Same(t, err, again, "an *Error is not wrapped twice")
}

func TestShow(t *testing.T) {
	fig := nb.Show(figure.ROCPlot([]float64{0, 0.2, 1}, []float64{0, 0.7, 1}, 0.75))
	img, err := png.Decode(bytes.NewReader(fig.PNG()))
	require.NoError(t, err)
	assert.Equal(t, 960, img.Bounds().Dx())
	assert.Contains(t, fig.String(), "ROC")

	e := stops(func() { nb.Show(figure.ROCPlot([]float64{0, 1}, []float64{0}, 0.5)) })
	require.NotNil(t, e, "lengths differ")
}

func TestPlot(t *testing.T) {
	p := plot.New()
	p.Title.Text = "squares"
	pts := plotter.XYs{{X: 0, Y: 0}, {X: 1, Y: 1}, {X: 2, Y: 4}}
	line, err := plotter.NewLine(pts)
	require.NoError(t, err)
	p.Add(line)
	fig := nb.Plot(p, 400, 300)
	img, err := png.Decode(bytes.NewReader(fig.PNG()))
	require.NoError(t, err)
	assert.Equal(t, 400, img.Bounds().Dx())
	assert.Equal(t, 300, img.Bounds().Dy())
	assert.Equal(t, "squares", fig.String())
	require.NotNil(t, stops(func() { nb.Plot(nil, 0, 0) }))
}

func TestNumericAndTop(t *testing.T) {
	tb := accounts(t)
	assert.Equal(t, []float64{0, 1, 1, 0, 0, 1}, nb.Numeric(tb, "churned"))
	require.NotNil(t, stops(func() { nb.Numeric(tb, "plan") }))
	v := []float64{3, -7, 5, 5, math.NaN(), 1}
	assert.Equal(t, []int{2, 3, 0}, nb.Top(v, 3))
	assert.Equal(t, []int{1, 2, 3}, nb.TopAbs(v, 3))
	assert.Equal(t, []int{2, 3, 0, 5, 1, 4}, nb.Top(v, -1))
	assert.Equal(t, []int{2, 3, 0, 5, 1, 4}, nb.Top(v, 100))
}

func capture(t *testing.T, f func()) string {
	t.Helper()
	r, w, err := os.Pipe()
	require.NoError(t, err)
	old := os.Stdout
	os.Stdout = w
	defer func() { os.Stdout = old }()
	f()
	require.NoError(t, w.Close())
	out, err := io.ReadAll(r)
	require.NoError(t, err)
	return string(out)
}

func TestPrintfAndRun(t *testing.T) {
	assert.Equal(t, "3 accounts\n", capture(t, func() { nb.Printf("%d accounts\n", 3) }))
	dir := t.TempDir()
	out := capture(t, func() { nb.Run(dir, "sh", "-c", "echo hello; echo "+dir+"/x.csv") })
	assert.Regexp(t, `^\$ sh -c echo hello; echo x\.csv   \(\d+\.\d s\)\nhello\nx\.csv\n$`, out)
	var e *nb.Error
	out = capture(t, func() { e = stops(func() { nb.Run("", "sh", "-c", "echo broken >&2; exit 3") }) })
	require.NotNil(t, e)
	assert.Contains(t, e.Error(), "exit status 3")
	assert.Contains(t, out, "broken")
}
