package report

import (
	"bytes"
	"errors"
	"image"
	"image/png"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
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
	for _, n := range all(doc, nil) {
		if id := attr(n, "id"); id != "" {
			assert.False(t, ids[id], "id %q twice in the page", id)
			ids[id] = true
		}
	}
	tables := all(doc, func(n *html.Node) bool { return n.DataAtom == atom.Table })
	// segments, KPIs, risky accounts and one table per fairness audit.
	require.Len(t, tables, 3+len(rep.Fairness))
	for _, tab := range tables {
		id := attr(tab, "id")
		require.NotEmpty(t, id)
		assert.True(t, hasClass(tab, "st"), "table %s is not sortable", id)
		explain := byID(doc, attr(tab, "aria-describedby"))
		require.NotNil(t, explain, "table %s has no explanation", id)
		assert.True(t, oneSentence(text(explain)), "table %s: explanation %q", id, text(explain))
		box := byID(doc, id+"-filter")
		require.NotNil(t, box, "table %s has no filter box", id)
		assert.Equal(t, id, attr(box, "aria-controls"))
		assert.Equal(t, "search", attr(box, "type"))
		heads := all(tab, func(n *html.Node) bool { return n.DataAtom == atom.Th })
		require.NotEmpty(t, heads)
		numeric := make([]bool, len(heads))
		for j, th := range heads {
			assert.Equal(t, "none", attr(th, "aria-sort"), "table %s column %d", id, j)
			b := all(th, func(n *html.Node) bool { return n.DataAtom == atom.Button })
			require.Len(t, b, 1, "table %s column %d: one sort button", id, j)
			assert.Equal(t, "button", attr(b[0], "type"), "a button, so the keyboard reaches it")
			numeric[j] = hasClass(th, "num")
		}
		// A numeric column's cells carry the number they sort by, unless
		// they are missing.
		for _, tr := range all(tab, func(n *html.Node) bool { return n.DataAtom == atom.Tr && n.Parent.DataAtom != atom.Thead }) {
			cells := all(tr, func(n *html.Node) bool { return n.DataAtom == atom.Td })
			require.Len(t, cells, len(heads), "table %s", id)
			for j, td := range cells {
				if !numeric[j] {
					continue
				}
				want, ok := sortKey(text(td))
				assert.Equal(t, want, attr(td, "data-v"), "table %s column %d cell %q", id, j, text(td))
				assert.True(t, ok || text(td) == "n/a", "table %s column %d: %q in a numeric column", id, j, text(td))
			}
		}
	}
	// The sort and filter script is there, once.
	scripts := all(doc, func(n *html.Node) bool { return n.DataAtom == atom.Script })
	require.Len(t, scripts, 1)
	assert.Equal(t, strings.TrimSpace(pageJS), strings.TrimSpace(text(scripts[0])))
}

func TestHTMLFiguresExplained(t *testing.T) {
	_, _, doc := htmlPageOf(t)
	figs := all(doc, func(n *html.Node) bool { return n.DataAtom == atom.Figure })
	require.Len(t, figs, 2)
	caption := func(f *html.Node) (title, explain string) {
		c := all(f, func(n *html.Node) bool { return n.DataAtom == atom.Figcaption })
		require.Len(t, c, 1)
		b := all(c[0], func(n *html.Node) bool { return n.DataAtom == atom.B })
		e := all(c[0], func(n *html.Node) bool { return hasClass(n, "explain") })
		if len(e) > 0 {
			explain = text(e[0])
		}
		return text(b[0]), explain
	}
	title, explain := caption(figs[0])
	assert.Equal(t, "dot", title)
	assert.Equal(t, "One dot: <b>nothing</b> to read.", explain, "the sentence is text, not markup")
	title, explain = caption(figs[1])
	assert.Equal(t, "plain", title)
	assert.Empty(t, explain, "a Figure that is no Explainer has no sentence")
	for _, f := range figs {
		img := all(f, func(n *html.Node) bool { return n.DataAtom == atom.Img })
		require.Len(t, img, 1)
		assert.True(t, strings.HasPrefix(attr(img[0], "src"), "data:image/png;base64,"))
	}
}

func TestHTMLEscapes(t *testing.T) {
	rep, page, doc := htmlPageOf(t)
	assert.NotContains(t, page, hostileID)
	assert.NotContains(t, page, "ZgotmplZ", "html/template rejected a value")
	// The hostile ID is a cell's text in the risky accounts.
	var found bool
	for _, td := range all(byID(doc, "risky-table"), func(n *html.Node) bool { return n.DataAtom == atom.Td }) {
		found = found || text(td) == hostileID
	}
	assert.True(t, found, "the account ID is shown as text")
	assert.Equal(t, rep.Title, text(all(doc, func(n *html.Node) bool { return n.DataAtom == atom.H1 })[0]))
	assert.Len(t, all(doc, func(n *html.Node) bool { return n.DataAtom == atom.Script }), 1, "only the page's own script")
}

// TestHTMLNoExternalResource checks that the page loads nothing: every src
// is an embedded image, every link an anchor in the page, and neither the
// style sheet nor the script names another resource.
func TestHTMLNoExternalResource(t *testing.T) {
	_, _, doc := htmlPageOf(t)
	for _, n := range all(doc, nil) {
		switch n.DataAtom {
		case atom.Link, atom.Iframe, atom.Object, atom.Embed, atom.Base, atom.Frame, atom.Audio, atom.Video, atom.Source:
			t.Errorf("<%s> in the page", n.Data)
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "src":
				assert.True(t, strings.HasPrefix(a.Val, "data:image/png;base64,"), "<%s src=%.40q>", n.Data, a.Val)
			case "href":
				assert.True(t, strings.HasPrefix(a.Val, "#") && byID(doc, a.Val[1:]) != nil, "<%s href=%q>: not an anchor of the page", n.Data, a.Val)
			case "srcset", "action", "formaction", "poster", "data", "background", "ping":
				t.Errorf("<%s %s=%q>", n.Data, a.Key, a.Val)
			case "style":
				assert.NotContains(t, a.Val, "url(")
			}
		}
	}
	for _, s := range []string{pageCSS, pageJS} {
		for _, bad := range []string{"url(", "@import", "http:", "https:", "//cdn", "fetch(", "XMLHttpRequest", "import(", ".src"} {
			assert.NotContains(t, s, bad)
		}
	}
}

// TestHTMLSections checks the contents at the top against the sections,
// and that empty sections are left out.
func TestHTMLSections(t *testing.T) {
	_, _, doc := htmlPageOf(t)
	nav := all(doc, func(n *html.Node) bool { return n.DataAtom == atom.Nav })
	require.Len(t, nav, 1)
	links := all(nav[0], func(n *html.Node) bool { return n.DataAtom == atom.A })
	sections := all(doc, func(n *html.Node) bool { return n.DataAtom == atom.Section })
	require.Len(t, links, len(sections))
	for i, s := range sections {
		assert.Equal(t, "#"+attr(s, "id"), attr(links[i], "href"))
		h := all(s, func(n *html.Node) bool { return n.DataAtom == atom.H2 })
		require.NotEmpty(t, h)
		assert.Equal(t, text(h[0]), text(links[i]))
	}
	got := make([]string, len(sections))
	for i, s := range sections {
		got[i] = attr(s, "id")
	}
	assert.Equal(t, []string{"segments", "kpis", "personas", "risky-accounts", "figures", "fairness", "unavailable"}, got)

	// Without risky accounts, figures or fairness columns, those sections go.
	tb, labels := tinyTable(t)
	rep, err := Profile(tb, labels, ProfileConfig{})
	require.NoError(t, err)
	rep.Unavailable = nil
	var page bytes.Buffer
	require.NoError(t, rep.HTML(&page))
	doc, err = html.Parse(&page)
	require.NoError(t, err)
	got = got[:0]
	for _, s := range all(doc, func(n *html.Node) bool { return n.DataAtom == atom.Section }) {
		got = append(got, attr(s, "id"))
	}
	assert.Equal(t, []string{"segments", "kpis", "personas"}, got)
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

// oneSentence: non-empty, ends with a full stop, and no full stop inside
// it ends a sentence.
func oneSentence(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) > 10 && strings.HasSuffix(s, ".") && !strings.Contains(s[:len(s)-1], ". ") && !strings.Contains(s, "\n")
}

// pngFigure is a Figure of one pixel (report/figure draws the real ones;
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
	var b bytes.Buffer
	err := png.Encode(&b, image.NewGray(image.Rect(0, 0, 1, 1)))
	return b.Bytes(), err
}

type explainedFigure struct{ pngFigure }

func (f explainedFigure) Explanation() string { return f.explain }

// all returns the element nodes under n (n included) that keep says to,
// in document order; every element when keep is nil.
func all(n *html.Node, keep func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && (keep == nil || keep(n)) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return out
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

func byID(doc *html.Node, id string) *html.Node {
	if id == "" {
		return nil
	}
	if n := all(doc, func(n *html.Node) bool { return attr(n, "id") == id }); len(n) == 1 {
		return n[0]
	}
	return nil
}

// text is the text content of n.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}
