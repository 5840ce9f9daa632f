// Package pagecheck checks an HTML report as its reader gets it: that it
// loads nothing from elsewhere (so it renders offline), that every table
// sorts, filters and is explained in one sentence, that every figure is an
// embedded PNG explained in one sentence (and, on request, not blank), and
// that the KPI columns a data set has show no "n/a". The report package's
// tests and scripts/report-screens.sh (through htmlcheck) use it, so the
// rules live in one place.
package pagecheck

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image/png"
	"io"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/segmenta/segmenta/report/internal/imgcheck"
)

// Want is what a page must hold beyond the rules every page follows.
type Want struct {
	// MinFigures is the least number of figures the page embeds.
	MinFigures int
	// Pixels also checks that no embedded figure is blank (imgcheck).
	Pixels bool
	// NAFree lists, per table ID, the columns (by header text) of which
	// no cell may be "n/a" or empty: the KPIs whose columns the data has.
	NAFree map[string][]string
}

// Result counts what was checked; Lines say it in words.
type Result struct {
	Tables, Rows, Figures int
	Lines                 []string
}

// Check parses the page and checks it; the error joins every problem
// found.
func Check(r io.Reader, want Want) (Result, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return Result{}, err
	}
	c := &checker{doc: doc, want: want}
	c.ids()
	c.external()
	c.tables()
	c.figures()
	c.naFree()
	return c.res, errors.Join(c.errs...)
}

type checker struct {
	doc  *html.Node
	want Want
	res  Result
	errs []error
}

func (c *checker) fail(format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf(format, args...))
}

func (c *checker) ids() {
	seen := map[string]bool{}
	for _, n := range Elements(c.doc, nil) {
		if id := Attr(n, "id"); id != "" {
			if seen[id] {
				c.fail("id %q twice in the page", id)
			}
			seen[id] = true
		}
	}
}

// external checks that the page requests nothing: no element that loads
// a resource, every src an embedded image, every href an anchor of the
// page, no url() or @import in styles, no network call in scripts.
func (c *checker) external() {
	n0 := len(c.errs)
	for _, n := range Elements(c.doc, nil) {
		switch n.DataAtom {
		case atom.Link, atom.Iframe, atom.Object, atom.Embed, atom.Base, atom.Frame, atom.Audio, atom.Video, atom.Source, atom.Track, atom.Meta:
			if n.DataAtom != atom.Meta || Attr(n, "http-equiv") != "" {
				c.fail("<%s> in the page", n.Data)
			}
		case atom.Style, atom.Script:
			body := strings.ToLower(Text(n))
			for _, bad := range []string{"url(", "@import", "http:", "https:", "//cdn", "fetch(", "xmlhttprequest", "import(", "websocket", "sendbeacon"} {
				if strings.Contains(body, bad) {
					c.fail("<%s> holds %q", n.Data, bad)
				}
			}
		}
		for _, a := range n.Attr {
			switch a.Key {
			case "src":
				if !strings.HasPrefix(a.Val, "data:image/png;base64,") {
					c.fail("<%s src=%.60q>: not an embedded image", n.Data, a.Val)
				}
			case "href":
				if !strings.HasPrefix(a.Val, "#") || ByID(c.doc, a.Val[1:]) == nil {
					c.fail("<%s href=%q>: not an anchor of the page", n.Data, a.Val)
				}
			case "srcset", "action", "formaction", "poster", "data", "background", "ping", "manifest":
				c.fail("<%s %s=%q>", n.Data, a.Key, a.Val)
			case "style":
				if strings.Contains(strings.ToLower(a.Val), "url(") {
					c.fail("<%s style=%q>", n.Data, a.Val)
				}
			}
		}
	}
	if len(c.errs) == n0 {
		c.res.Lines = append(c.res.Lines, "no external resource (every src an embedded PNG, every href an anchor of the page)")
	}
}

// tables checks that every table sorts, filters and is explained.
func (c *checker) tables() {
	for _, t := range Elements(c.doc, Is(atom.Table)) {
		c.res.Tables++
		id := Attr(t, "id")
		if id == "" || !HasClass(t, "st") {
			c.fail("a table without an id or the class st (not sortable): %.80q", Text(t))
			continue
		}
		if e := ByID(c.doc, Attr(t, "aria-describedby")); e == nil || !OneSentence(Text(e)) {
			c.fail("table %s: no one-sentence explanation", id)
		}
		if f := ByID(c.doc, id+"-filter"); f == nil || Attr(f, "aria-controls") != id || f.DataAtom != atom.Input {
			c.fail("table %s: no filter box", id)
		}
		heads := Elements(t, Is(atom.Th))
		if len(heads) == 0 {
			c.fail("table %s: no header", id)
		}
		for j, th := range heads {
			b := Elements(th, Is(atom.Button))
			if len(b) != 1 || Attr(b[0], "type") != "button" || Attr(th, "aria-sort") == "" {
				c.fail("table %s column %d (%s): no sort button with aria-sort", id, j, Text(th))
			}
		}
		c.numericKeys(id, t, heads)
	}
	c.res.Lines = append(c.res.Lines, fmt.Sprintf("tables: %d, %d rows, each explained, with sort buttons and a filter box", c.res.Tables, c.res.Rows))
}

// numericKeys checks that every cell of a numeric column carries the
// number it sorts by, or reads n/a.
func (c *checker) numericKeys(id string, t *html.Node, heads []*html.Node) {
	for _, tr := range bodyRows(t) {
		c.res.Rows++
		cells := Elements(tr, Is(atom.Td))
		if len(cells) != len(heads) {
			c.fail("table %s: a row of %d cells under %d headers", id, len(cells), len(heads))
			continue
		}
		for j, td := range cells {
			if !HasClass(heads[j], "num") {
				continue
			}
			if _, err := strconv.ParseFloat(Attr(td, "data-v"), 64); err != nil && !missing(Text(td)) {
				c.fail("table %s column %s: %q has no number to sort by", id, Text(heads[j]), Text(td))
			}
		}
	}
}

// figures checks every figure: one embedded PNG (not blank when
// Want.Pixels) and a caption with its title and a one-sentence
// explanation.
func (c *checker) figures() {
	explained := 0
	for _, f := range Elements(c.doc, Is(atom.Figure)) {
		c.res.Figures++
		title := Text(f)
		if b := Elements(f, Is(atom.B)); len(b) > 0 {
			title = Text(b[0])
		}
		if e := Elements(f, func(n *html.Node) bool { return HasClass(n, "explain") }); len(e) == 1 && OneSentence(Text(e[0])) {
			explained++
		} else {
			c.fail("figure %q: no one-sentence explanation", title)
		}
		img := Elements(f, Is(atom.Img))
		if len(img) != 1 {
			c.fail("figure %q: %d images", title, len(img))
			continue
		}
		if err := c.image(Attr(img[0], "src")); err != nil {
			c.fail("figure %q: %v", title, err)
		}
	}
	if c.res.Figures < c.want.MinFigures {
		c.fail("%d figures, want at least %d", c.res.Figures, c.want.MinFigures)
	}
	line := fmt.Sprintf("figures: %d (at least %d wanted), %d explained in one sentence, each an embedded PNG", c.res.Figures, c.want.MinFigures, explained)
	if c.want.Pixels {
		line += " that is not blank"
	}
	c.res.Lines = append(c.res.Lines, line)
}

func (c *checker) image(src string) error {
	raw, err := base64.StdEncoding.DecodeString(strings.TrimPrefix(src, "data:image/png;base64,"))
	if err != nil {
		return err
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil || !c.want.Pixels {
		return err
	}
	_, err = imgcheck.Check(img)
	return err
}

// naFree checks the KPI columns the data set has.
func (c *checker) naFree() {
	for id, cols := range c.want.NAFree {
		t := ByID(c.doc, id)
		if t == nil || t.DataAtom != atom.Table {
			c.fail("no table %s", id)
			continue
		}
		heads, n0 := Elements(t, Is(atom.Th)), len(c.errs)
		for _, col := range cols {
			j := -1
			for k, th := range heads {
				if strings.TrimSpace(Text(th)) == col {
					j = k
				}
			}
			if j < 0 {
				c.fail("table %s: no column %q (the page leaves out a column without a value in any row)", id, col)
				continue
			}
			c.columnFilled(id, t, j, col)
		}
		if len(c.errs) == n0 {
			c.res.Lines = append(c.res.Lines, fmt.Sprintf("table %s: no n/a in %s", id, strings.Join(cols, ", ")))
		}
	}
}

func (c *checker) columnFilled(id string, t *html.Node, j int, col string) {
	for _, tr := range bodyRows(t) {
		cells := Elements(tr, Is(atom.Td))
		if j < len(cells) && missing(Text(cells[j])) {
			c.fail("table %s column %q: %q in the row of %q", id, col, Text(cells[j]), Text(cells[0]))
		}
	}
}

// bodyRows are the rows of a table's body and foot.
func bodyRows(t *html.Node) []*html.Node {
	return Elements(t, func(n *html.Node) bool {
		return n.DataAtom == atom.Tr && n.Parent != nil && n.Parent.DataAtom != atom.Thead
	})
}

func missing(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || s == "n/a"
}

// OneSentence reports whether s is one sentence: some words, a final full
// stop, no full stop inside it that ends a sentence, one line.
func OneSentence(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) > 10 && strings.HasSuffix(s, ".") && !strings.Contains(s[:len(s)-1], ". ") && !strings.Contains(s, "\n")
}
