package report

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/segmenta/segmenta/dataset"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/segmenta/segmenta/report/internal/pagecheck"
)

// hostileID is an account ID that would run if the page did not escape it.
const hostileID = `<script>alert("x")</script>`

// htmlPageOf renders a report with every kind of table (segments, KPIs,
// risky accounts, a fairness audit) and two figures, one explained, and
// parses it.
func htmlPageOf(t *testing.T) (*Report, string, *html.Node) {
	t.Helper()
	tb, labels := tinyTable(t)
	tb.IDs[2] = hostileID
	rep, err := Profile(tb, labels, ProfileConfig{
		Title:     "<Tiny & co>",
		ChurnProb: []float64{0.1, 0.2, 0.9, 0.3, 0.8, 0.1},
		Protected: []string{"industry"},
	})
	require.NoError(t, err)
	require.NotEmpty(t, rep.Fairness, "the test needs a fairness table")
	var page bytes.Buffer
	require.NoError(t, rep.HTML(&page, explainedFigure{pngFigure{title: "dot", explain: "One dot: <b>nothing</b> to read."}}, pngFigure{title: "plain", explain: "Not an Explainer."}))
	doc, err := html.Parse(bytes.NewReader(page.Bytes()))
	require.NoError(t, err)
	return rep, page.String(), doc
}

func TestHTMLTablesSortAndFilter(t *testing.T) {
	rep, _, doc := htmlPageOf(t)
	ids := map[string]bool{}
	for _, n := range pagecheck.Elements(doc, nil) {
		if id := pagecheck.Attr(n, "id"); id != "" {
			assert.False(t, ids[id], "id %q twice in the page", id)
			ids[id] = true
		}
	}
	tables := pagecheck.Elements(doc, func(n *html.Node) bool { return n.DataAtom == atom.Table })
	// segments, KPIs, health bands and health by segment, risky accounts,
	// the MRR bridge and one table per fairness audit.
	require.Len(t, tables, 6+len(rep.Fairness))
	for _, tab := range tables {
		id := pagecheck.Attr(tab, "id")
		require.NotEmpty(t, id)
		assert.True(t, pagecheck.HasClass(tab, "st"), "table %s is not sortable", id)
		explain := pagecheck.ByID(doc, pagecheck.Attr(tab, "aria-describedby"))
		require.NotNil(t, explain, "table %s has no explanation", id)
		assert.True(t, pagecheck.OneSentence(pagecheck.Text(explain)), "table %s: explanation %q", id, pagecheck.Text(explain))
		box := pagecheck.ByID(doc, id+"-filter")
		require.NotNil(t, box, "table %s has no filter box", id)
		assert.Equal(t, id, pagecheck.Attr(box, "aria-controls"))
		assert.Equal(t, "search", pagecheck.Attr(box, "type"))
		heads := pagecheck.Elements(tab, func(n *html.Node) bool { return n.DataAtom == atom.Th })
		require.NotEmpty(t, heads)
		numeric := make([]bool, len(heads))
		for j, th := range heads {
			assert.Equal(t, "none", pagecheck.Attr(th, "aria-sort"), "table %s column %d", id, j)
			b := pagecheck.Elements(th, func(n *html.Node) bool { return n.DataAtom == atom.Button })
			require.Len(t, b, 1, "table %s column %d: one sort button", id, j)
			assert.Equal(t, "button", pagecheck.Attr(b[0], "type"), "a button, so the keyboard reaches it")
			numeric[j] = pagecheck.HasClass(th, "num")
		}
		// A numeric column's cells carry the number they sort by, unless
		// they are missing.
		for _, tr := range pagecheck.Elements(tab, func(n *html.Node) bool { return n.DataAtom == atom.Tr && n.Parent.DataAtom != atom.Thead }) {
			cells := pagecheck.Elements(tr, func(n *html.Node) bool { return n.DataAtom == atom.Td })
			require.Len(t, cells, len(heads), "table %s", id)
			for j, td := range cells {
				if !numeric[j] {
					continue
				}
				want, ok := sortKey(pagecheck.Text(td))
				assert.Equal(t, want, pagecheck.Attr(td, "data-v"), "table %s column %d cell %q", id, j, pagecheck.Text(td))
				assert.True(t, ok || pagecheck.Text(td) == "n/a", "table %s column %d: %q in a numeric column", id, j, pagecheck.Text(td))
			}
		}
	}
	// The sort and filter script is there, once.
	scripts := pagecheck.Elements(doc, func(n *html.Node) bool { return n.DataAtom == atom.Script })
	require.Len(t, scripts, 1)
	assert.Equal(t, strings.TrimSpace(pageJS), strings.TrimSpace(pagecheck.Text(scripts[0])))
}

func TestHTMLFiguresExplained(t *testing.T) {
	_, _, doc := htmlPageOf(t)
	figs := pagecheck.Elements(doc, func(n *html.Node) bool { return n.DataAtom == atom.Figure })
	require.Len(t, figs, 2)
	caption := func(f *html.Node) (title, explain string) {
		c := pagecheck.Elements(f, func(n *html.Node) bool { return n.DataAtom == atom.Figcaption })
		require.Len(t, c, 1)
		b := pagecheck.Elements(c[0], func(n *html.Node) bool { return n.DataAtom == atom.B })
		e := pagecheck.Elements(c[0], func(n *html.Node) bool { return pagecheck.HasClass(n, "explain") })
		if len(e) > 0 {
			explain = pagecheck.Text(e[0])
		}
		return pagecheck.Text(b[0]), explain
	}
	title, explain := caption(figs[0])
	assert.Equal(t, "dot", title)
	assert.Equal(t, "One dot: <b>nothing</b> to read.", explain, "the sentence is text, not markup")
	title, explain = caption(figs[1])
	assert.Equal(t, "plain", title)
	assert.Empty(t, explain, "a Figure that is no Explainer has no sentence")
	for _, f := range figs {
		img := pagecheck.Elements(f, func(n *html.Node) bool { return n.DataAtom == atom.Img })
		require.Len(t, img, 1)
		assert.True(t, strings.HasPrefix(pagecheck.Attr(img[0], "src"), "data:image/png;base64,"))
	}
}

func TestHTMLEscapes(t *testing.T) {
	rep, page, doc := htmlPageOf(t)
	assert.NotContains(t, page, hostileID)
	assert.NotContains(t, page, "ZgotmplZ", "html/template rejected a value")
	// The hostile ID is a cell's text in the risky accounts.
	var found bool
	for _, td := range pagecheck.Elements(pagecheck.ByID(doc, "risky-table"), func(n *html.Node) bool { return n.DataAtom == atom.Td }) {
		found = found || pagecheck.Text(td) == hostileID
	}
	assert.True(t, found, "the account ID is shown as text")
	assert.Equal(t, rep.Title, pagecheck.Text(pagecheck.Elements(doc, func(n *html.Node) bool { return n.DataAtom == atom.H1 })[0]))
	assert.Len(t, pagecheck.Elements(doc, func(n *html.Node) bool { return n.DataAtom == atom.Script }), 1, "only the page's own script")
}

// TestHTMLPageCheck runs the checks of scripts/report-screens.sh on the
// page: nothing loaded from elsewhere, every table sortable, filterable and
// explained, every figure an embedded, non-blank PNG.
func TestHTMLPageCheck(t *testing.T) {
	_, page, _ := htmlPageOf(t)
	res, err := pagecheck.Check(strings.NewReader(page), pagecheck.Want{MinFigures: 2, Pixels: true,
		NAFree: map[string][]string{"kpi-table": {"NRR", "Churn rate", "Mean P(churn)"}}})
	require.Error(t, err, "the second figure is no Explainer")
	assert.Equal(t, `figure "plain": no one-sentence explanation`, err.Error())
	assert.Equal(t, 2, res.Figures)
	assert.Equal(t, 6+1, res.Tables)
	// No upsell probabilities were given: the column is left out and named.
	_, err = pagecheck.Check(strings.NewReader(page), pagecheck.Want{NAFree: map[string][]string{"kpi-table": {"Mean P(upsell)"}}})
	assert.ErrorContains(t, err, `table kpi-table: no column "Mean P(upsell)"`)
	assert.Contains(t, page, "Not shown, no data in any row: Mean P(upsell).")
}

func TestDropEmptyColumns(t *testing.T) {
	tab := tableOf("t", "T", "A test.", []string{"name", "a", "b", "c"},
		[][]string{{"x", "n/a", "1", ""}, {"y", "n/a", "n/a", ""}}, [][]string{{"all", "n/a", "2", ""}})
	tab.swatch(0, []string{"#111", "#222"}, nil)
	tab.dropEmptyColumns()
	assert.Equal(t, []string{"name", "b"}, tab.Head)
	assert.Equal(t, []bool{false, true}, tab.Numeric)
	assert.Equal(t, []string{"a", "c"}, tab.Hidden)
	assert.Equal(t, []htmlCell{{Text: "x", Swatch: "#111"}, {Text: "1", Key: "1", Num: true}}, tab.Rows[0])
	assert.Equal(t, "n/a", tab.Rows[1][1].Text)
	assert.Equal(t, []htmlCell{{Text: "all"}, {Text: "2", Key: "2", Num: true}}, tab.Foot[0])

	// The first column stays, even empty.
	tab = tableOf("t", "T", "A test.", []string{"name", "a"}, [][]string{{"", "n/a"}}, nil)
	tab.dropEmptyColumns()
	assert.Equal(t, []string{"name"}, tab.Head)
	assert.Equal(t, []string{"a"}, tab.Hidden)
}

// TestHTMLSections checks the contents at the top against the sections,
// and that empty sections are left out.
func TestHTMLSections(t *testing.T) {
	_, _, doc := htmlPageOf(t)
	nav := pagecheck.Elements(doc, func(n *html.Node) bool { return n.DataAtom == atom.Nav })
	require.Len(t, nav, 1)
	links := pagecheck.Elements(nav[0], func(n *html.Node) bool { return n.DataAtom == atom.A })
	sections := pagecheck.Elements(doc, func(n *html.Node) bool { return n.DataAtom == atom.Section })
	require.Len(t, links, len(sections))
	for i, s := range sections {
		assert.Equal(t, "#"+pagecheck.Attr(s, "id"), pagecheck.Attr(links[i], "href"))
		h := pagecheck.Elements(s, func(n *html.Node) bool { return n.DataAtom == atom.H2 })
		require.NotEmpty(t, h)
		assert.Equal(t, pagecheck.Text(h[0]), pagecheck.Text(links[i]))
	}
	got := make([]string, len(sections))
	for i, s := range sections {
		got[i] = pagecheck.Attr(s, "id")
	}
	assert.Equal(t, []string{"segments", "kpis", "personas", "health", "risky-accounts", "mrr-bridge", "figures", "fairness", "unavailable"}, got)

	// Without risky accounts, MRR bridge, figures or fairness columns,
	// those sections go.
	tb, labels := tinyTable(t)
	rep, err := Profile(tb, labels, ProfileConfig{})
	require.NoError(t, err)
	rep.Unavailable, rep.Bridge = nil, nil
	var page bytes.Buffer
	require.NoError(t, rep.HTML(&page))
	doc, err = html.Parse(&page)
	require.NoError(t, err)
	got = got[:0]
	for _, s := range pagecheck.Elements(doc, func(n *html.Node) bool { return n.DataAtom == atom.Section }) {
		got = append(got, pagecheck.Attr(s, "id"))
	}
	assert.Equal(t, []string{"segments", "kpis", "personas"}, got)

	// Without any KPI column, the KPI table goes.
	tb = dataset.NewTable("account_id", []string{"a", "b"})
	require.NoError(t, tb.AddNumeric("logins_per_week", []float64{1, 2}, nil))
	rep, err = Profile(tb, []int{0, 1}, ProfileConfig{})
	require.NoError(t, err)
	page.Reset()
	require.NoError(t, rep.HTML(&page))
	assert.NotContains(t, page.String(), `id="kpi-table"`)
	assert.Contains(t, page.String(), `id="segment-table"`)
}

func TestHTMLFigureError(t *testing.T) {
	tb, labels := tinyTable(t)
	rep, err := Profile(tb, labels, ProfileConfig{})
	require.NoError(t, err)
	var page bytes.Buffer
	err = rep.HTML(&page, pngFigure{title: "broken", err: errors.New("no image")})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"broken"`)
}

func TestSortKey(t *testing.T) {
	for in, want := range map[string]string{
		"0": "0", "12": "12", "-3.5": "-3.5", "9,366,400": "9366400", "12.5%": "12.5",
		"3.56 (13991)": "3.56", "3.56 (1,399)": "3.56", "+1.3": "1.3", "3.8x": "3.8", "1e-05": "1e-05",
		" 7 ": "7", "-12,000": "-12000",
	} {
		got, ok := sortKey(in)
		assert.True(t, ok, in)
		assert.Equal(t, want, got, in)
	}
	for _, in := range []string{"", "n/a", "A0008210", "0: SMB", "SMB (3)", "1.2.3", "NaN", "Inf", "-inf", "12 %x", "(3)"} {
		_, ok := sortKey(in)
		assert.False(t, ok, in)
	}
}

func TestTableOfNumericColumns(t *testing.T) {
	tab := tableOf("t", "T", "A test.", []string{"id", "n", "share", "name", "empty"},
		[][]string{{"A1", "1", "n/a", "x", ""}, {"17", "1,000", "5.0%", "3", ""}}, [][]string{{"all", "1,001", "5.0%", "-", ""}})
	assert.Equal(t, []bool{false, true, true, false, false}, tab.Numeric)
	assert.Equal(t, "1000", tab.Rows[1][1].Key)
	assert.Equal(t, "", tab.Rows[0][2].Key, "n/a sorts last")
	assert.Equal(t, "1001", tab.Foot[0][1].Key)
	assert.Equal(t, "num", tab.Rows[0][1].Classes())
	tab.class(1, "reasons")
	assert.Equal(t, "num reasons", tab.Foot[0][1].Classes())
	tab.swatch(3, []string{"#fff", ""}, []string{"#000"})
	assert.Equal(t, "#fff", tab.Rows[0][3].Swatch)
	assert.Equal(t, "", tab.Rows[1][3].Swatch)
	assert.Equal(t, "#000", tab.Foot[0][3].Swatch)
}

// pngFigure is a small gradient Figure (report/figure draws the real ones;
// it imports report, so its tests cover HTML with real charts), an
// Explainer when explain is set.
type pngFigure struct {
	title, explain string
	err            error
}

func (f pngFigure) Title() string { return f.title }

func (f pngFigure) PNG() ([]byte, error) {
	if f.err != nil {
		return nil, f.err
	}
	// A gradient: not blank to imgcheck.
	img := image.NewGray(image.Rect(0, 0, 32, 32))
	for i := range img.Pix {
		img.Pix[i] = uint8(i % 251)
	}
	var b bytes.Buffer
	err := png.Encode(&b, img)
	return b.Bytes(), err
}

type explainedFigure struct{ pngFigure }

func (f explainedFigure) Explanation() string { return f.explain }
