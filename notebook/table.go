package nb

import (
	"fmt"
	"html"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Table is a table to show: a header, rows of cells, an optional caption
// above and note below. Build one with NewTable and Row, or get one from
// Head, Describe or GroupBy. It renders as HTML (HTML) and as aligned
// plain text (String). Cells keep their values; they are formatted when
// the table renders: strings as they are, integers in full, floats to four
// significant digits (all digits before the point), times as dates,
// []string as one line each, nil and NA as a greyed NA. Format sets a
// column's format instead. Columns whose cells are all numbers are
// right-aligned.
type Table struct {
	columns []string
	rows    [][]interface{}
	formats map[int]string
	caption string
	note    string
}

// NA is a missing value in a table cell.
var NA = missing{}

type missing struct{}

func (missing) String() string { return "NA" }

// NewTable returns an empty table with these column headers.
func NewTable(columns ...string) *Table {
	return &Table{columns: append([]string(nil), columns...)}
}

// Row appends a row; it stops the cell when the number of cells is not the
// number of columns. It returns t, so calls chain.
func (t *Table) Row(cells ...interface{}) *Table {
	if len(cells) != len(t.columns) {
		fail("a row of %d cells in a table of %d columns (%s)", len(cells), len(t.columns), strings.Join(t.columns, ", "))
	}
	t.rows = append(t.rows, append([]interface{}(nil), cells...))
	return t
}

// Format sets the fmt verb of a column's numbers ("%.3f", "%+.2f",
// "%.1f%%"); it stops the cell when the table has no such column.
func (t *Table) Format(column, format string) *Table {
	j := t.index(column)
	if t.formats == nil {
		t.formats = map[int]string{}
	}
	t.formats[j] = format
	return t
}

// Caption sets the line shown above the table.
func (t *Table) Caption(format string, a ...interface{}) *Table {
	t.caption = fmt.Sprintf(format, a...)
	return t
}

// Note sets the line shown below the table.
func (t *Table) Note(format string, a ...interface{}) *Table {
	t.note = fmt.Sprintf(format, a...)
	return t
}

// Columns returns the column headers.
func (t *Table) Columns() []string { return append([]string(nil), t.columns...) }

// Len returns the number of rows.
func (t *Table) Len() int { return len(t.rows) }

// Value returns the value of a cell as given to Row; it stops the cell when
// the row or the column does not exist.
func (t *Table) Value(row int, column string) interface{} {
	j := t.index(column)
	if row < 0 || row >= len(t.rows) {
		fail("row %d of a table of %d rows", row, len(t.rows))
	}
	return t.rows[row][j]
}

// Cell returns a cell as the table shows it.
func (t *Table) Cell(row int, column string) string {
	v := t.Value(row, column)
	return strings.Join(t.format(t.index(column), v), "\n")
}

func (t *Table) index(column string) int {
	for j, c := range t.columns {
		if c == column {
			return j
		}
	}
	fail("no column %q in the table (columns: %s)", column, strings.Join(t.columns, ", "))
	return -1
}

// format returns the lines of a cell.
func (t *Table) format(j int, v interface{}) []string {
	if f, ok := t.formats[j]; ok {
		if x, ok := number(v); ok {
			return []string{fmt.Sprintf(f, x)}
		}
	}
	return formatValue(v)
}

func formatValue(v interface{}) []string {
	switch x := v.(type) {
	case nil, missing:
		return []string{"NA"}
	case string:
		return []string{x}
	case []string:
		return x
	case float64:
		return []string{FormatFloat(x)}
	case float32:
		return []string{FormatFloat(float64(x))}
	case int:
		return []string{strconv.Itoa(x)}
	case int64:
		return []string{strconv.FormatInt(x, 10)}
	case int32:
		return []string{strconv.FormatInt(int64(x), 10)}
	case uint:
		return []string{strconv.FormatUint(uint64(x), 10)}
	case uint64:
		return []string{strconv.FormatUint(x, 10)}
	case bool:
		return []string{strconv.FormatBool(x)}
	case time.Time:
		return []string{FormatTime(x)}
	case error:
		return []string{x.Error()}
	case fmt.Stringer:
		return []string{x.String()}
	}
	return []string{fmt.Sprint(v)}
}

// number returns v as a float64 when it is a number.
func number(v interface{}) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

// FormatFloat formats x as a table shows it: integers in full (up to
// 1e15), other numbers with four significant digits but every digit
// before the point (1234.5678 gives 1234.6, 0.012345 gives 0.01235), and
// exponents beyond 1e15 or below 1e-4.
func FormatFloat(x float64) string {
	a := math.Abs(x)
	switch {
	case math.IsNaN(x) || math.IsInf(x, 0):
		return strconv.FormatFloat(x, 'g', -1, 64)
	case a >= 1e15 || (a < 1e-4 && a != 0):
		return strconv.FormatFloat(x, 'g', 4, 64)
	case x == math.Trunc(x):
		return strconv.FormatFloat(x, 'f', 0, 64)
	case a >= 1000:
		return strconv.FormatFloat(x, 'f', 1, 64)
	}
	return strconv.FormatFloat(x, 'g', 4, 64)
}

// FormatTime formats a date as 2006-01-02, with the time of day when it
// is not midnight.
func FormatTime(x time.Time) string {
	if x.IsZero() {
		return ""
	}
	if x.Hour() == 0 && x.Minute() == 0 && x.Second() == 0 && x.Nanosecond() == 0 {
		return x.Format("2006-01-02")
	}
	return x.Format("2006-01-02 15:04:05")
}

// numericColumn reports whether every non-missing cell of column j is a
// number (and at least one is).
func (t *Table) numericColumn(j int) bool {
	seen := false
	for _, r := range t.rows {
		switch r[j].(type) {
		case nil, missing:
			continue
		}
		if _, ok := number(r[j]); !ok {
			return false
		}
		seen = true
	}
	return seen
}

// HTML renders the table: escaped, numbers right-aligned, wide tables
// scroll sideways.
func (t *Table) HTML() string {
	var b strings.Builder
	b.WriteString(`<div class="segmenta-nb-table" style="overflow-x:auto">`)
	if t.caption != "" {
		b.WriteString(`<p style="margin:0 0 .3em 0"><b>`)
		b.WriteString(html.EscapeString(t.caption))
		b.WriteString("</b></p>")
	}
	right := make([]bool, len(t.columns))
	for j := range right {
		right[j] = t.numericColumn(j)
	}
	align := func(j int) string {
		if right[j] {
			return ` style="text-align:right"`
		}
		return ` style="text-align:left"`
	}
	b.WriteString("<table>\n<thead><tr>")
	for j, c := range t.columns {
		b.WriteString("<th" + align(j) + ">")
		b.WriteString(html.EscapeString(c))
		b.WriteString("</th>")
	}
	b.WriteString("</tr></thead>\n<tbody>\n")
	for _, r := range t.rows {
		b.WriteString("<tr>")
		for j, v := range r {
			b.WriteString("<td" + align(j) + ">")
			switch v.(type) {
			case nil, missing:
				b.WriteString(`<span style="color:#999">NA</span>`)
			default:
				for i, line := range t.format(j, v) {
					if i > 0 {
						b.WriteString("<br>")
					}
					b.WriteString(html.EscapeString(line))
				}
			}
			b.WriteString("</td>")
		}
		b.WriteString("</tr>\n")
	}
	b.WriteString("</tbody>\n</table>")
	if t.note != "" {
		b.WriteString(`<p style="margin:.3em 0 0 0">`)
		b.WriteString(html.EscapeString(t.note))
		b.WriteString("</p>")
	}
	b.WriteString("</div>")
	return b.String()
}

// String renders the table as aligned plain text; a cell of several lines
// joins them with "; ".
func (t *Table) String() string {
	cells := make([][]string, 0, len(t.rows)+1)
	cells = append(cells, t.columns)
	for _, r := range t.rows {
		line := make([]string, len(r))
		for j, v := range r {
			line[j] = strings.Join(t.format(j, v), "; ")
		}
		cells = append(cells, line)
	}
	width := make([]int, len(t.columns))
	for _, r := range cells {
		for j, c := range r {
			if n := utf8.RuneCountInString(c); n > width[j] {
				width[j] = n
			}
		}
	}
	right := make([]bool, len(t.columns))
	for j := range right {
		right[j] = t.numericColumn(j)
	}
	var b strings.Builder
	if t.caption != "" {
		b.WriteString(t.caption + "\n")
	}
	for _, r := range cells {
		for j, c := range r {
			if j > 0 {
				b.WriteString("  ")
			}
			pad := strings.Repeat(" ", width[j]-utf8.RuneCountInString(c))
			if right[j] {
				b.WriteString(pad + c)
			} else if j < len(r)-1 {
				b.WriteString(c + pad)
			} else {
				b.WriteString(c)
			}
		}
		b.WriteString("\n")
	}
	if t.note != "" {
		b.WriteString(t.note + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}
