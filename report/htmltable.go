package report

import (
	"math"
	"strconv"
	"strings"
)

// htmlTable is one table of the HTML page. Every table of the page is an
// htmlTable, so every table gets the same treatment: a caption, one plain
// sentence saying what it shows, a filter box above it and header buttons
// that sort it (html.js). Without JavaScript it is a plain table: the
// buttons read as header text and the filter box stays hidden.
//
// Build one with tableOf from the same []string rows the Markdown and CSV
// writers use, then decorate it (swatch, class); see html.go.
type htmlTable struct {
	// ID is unique in the page: the anchor of the table and the prefix of
	// its filter box's ID.
	ID      string
	Caption string
	// ShowCaption is set by HTML: false when the caption repeats the
	// section's heading (it then only names the table for screen readers).
	ShowCaption bool
	// Explain is one plain sentence: what the table shows and how to read
	// it.
	Explain string
	Head    []string
	// Numeric marks the columns sorted by number and aligned right.
	Numeric []bool
	Rows    [][]htmlCell
	// Foot rows (totals) stay below the rows and are neither sorted nor
	// filtered.
	Foot [][]htmlCell
	// Note is shown under the table, Warnings under it in warning boxes.
	Note     string
	Warnings []string
	// Hidden are the columns HTML left out because no row has a value in
	// them (see dropEmptyColumns); the page names them under the table.
	Hidden []string
}

// htmlCell is a table cell: its text (escaped when rendered, whatever it
// holds), the number it sorts by, and its decoration.
type htmlCell struct {
	Text string
	// Key is the value a numeric column sorts by, as a decimal number; ""
	// for a missing value ("n/a"), which sorts last in either direction.
	Key string
	// Swatch is the CSS colour of a segment swatch before the text; ""
	// for none.
	Swatch string
	// Num marks a cell of a numeric column (aligned right); Class is an
	// extra CSS class ("reasons": small text).
	Num   bool
	Class string
}

// Classes is the cell's CSS class attribute.
func (c htmlCell) Classes() string {
	switch {
	case c.Num && c.Class != "":
		return "num " + c.Class
	case c.Num:
		return "num"
	}
	return c.Class
}

// tableOf returns a table of the given rows (and foot rows, such as a
// total, kept below them). A column is numeric when every cell of it that
// is not empty or "n/a" reads as a number (see sortKey) and one does.
func tableOf(id, caption, explain string, head []string, rows, foot [][]string) htmlTable {
	t := htmlTable{ID: id, Caption: caption, Explain: explain, Head: head, Numeric: make([]bool, len(head))}
	for j := range head {
		t.Numeric[j] = numericColumn(rows, j)
	}
	t.Rows = t.cells(rows)
	t.Foot = t.cells(foot)
	return t
}

func (t *htmlTable) cells(rows [][]string) [][]htmlCell {
	out := make([][]htmlCell, len(rows))
	for i, r := range rows {
		out[i] = make([]htmlCell, len(r))
		for j, s := range r {
			c := htmlCell{Text: s, Num: j < len(t.Numeric) && t.Numeric[j]}
			if c.Num {
				c.Key, _ = sortKey(s)
			}
			out[i][j] = c
		}
	}
	return out
}

// swatch puts colours[i] before the text of column col in row i (and
// footColours in the foot rows); "" leaves a cell without one.
func (t *htmlTable) swatch(col int, colours, footColours []string) {
	for i, c := range colours {
		t.Rows[i][col].Swatch = c
	}
	for i, c := range footColours {
		t.Foot[i][col].Swatch = c
	}
}

// class sets the CSS class of every cell of column col.
func (t *htmlTable) class(col int, class string) {
	for _, r := range [][][]htmlCell{t.Rows, t.Foot} {
		for i := range r {
			r[i][col].Class = class
		}
	}
}

// dropEmptyColumns leaves out the columns in which every cell is missing
// ("n/a" or empty), so a table of a data set without, say, survey answers
// does not fill the page with n/a; it keeps the first column and names the
// others in Hidden.
func (t *htmlTable) dropEmptyColumns() {
	keep := make([]bool, len(t.Head))
	for j := range t.Head {
		keep[j] = j == 0
		for _, rows := range [][][]htmlCell{t.Rows, t.Foot} {
			for _, r := range rows {
				keep[j] = keep[j] || (j < len(r) && !missingText(r[j].Text))
			}
		}
	}
	pick := func(n int, at func(j int)) {
		for j := range n {
			if j < len(keep) && keep[j] {
				at(j)
			}
		}
	}
	var head []string
	var numeric []bool
	pick(len(t.Head), func(j int) { head, numeric = append(head, t.Head[j]), append(numeric, t.Numeric[j]) })
	for j, h := range t.Head {
		if !keep[j] {
			t.Hidden = append(t.Hidden, h)
		}
	}
	for _, rows := range [][][]htmlCell{t.Rows, t.Foot} {
		for i, r := range rows {
			var cells []htmlCell
			pick(len(r), func(j int) { cells = append(cells, r[j]) })
			rows[i] = cells
		}
	}
	t.Head, t.Numeric = head, numeric
}

func numericColumn(rows [][]string, j int) bool {
	seen := false
	for _, r := range rows {
		if j >= len(r) || missingText(r[j]) {
			continue
		}
		if _, ok := sortKey(r[j]); !ok {
			return false
		}
		seen = true
	}
	return seen
}

func missingText(s string) bool {
	s = strings.TrimSpace(s)
	return s == "" || s == "n/a"
}

// sortKey reads the number a cell shows, as the report formats numbers:
// thousands separators ("9,366,400"), a percent sign ("12.5%": 12.5), a
// trailing count in brackets ("3.56 (13991)": 3.56), a leading "+" or a
// trailing "x" ("3.8x"). It returns the number as a decimal string, and
// false for anything else (text, "n/a").
func sortKey(s string) (string, bool) {
	s = strings.TrimSpace(s)
	if i := strings.LastIndex(s, " ("); i > 0 && strings.HasSuffix(s, ")") {
		if _, err := strconv.Atoi(strings.ReplaceAll(s[i+2:len(s)-1], ",", "")); err == nil {
			s = s[:i]
		}
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "%"), "x")
	s = strings.TrimPrefix(strings.ReplaceAll(s, ",", ""), "+")
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return "", false
	}
	// Plain decimals where they are short, so the page reads well.
	if a := math.Abs(v); a != 0 && (a < 1e-4 || a >= 1e15) {
		return strconv.FormatFloat(v, 'g', -1, 64), true
	}
	return strconv.FormatFloat(v, 'f', -1, 64), true
}
