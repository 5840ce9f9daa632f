package nb

import (
	"fmt"
	"math"
	"sort"
	"time"

	"github.com/segmenta/segmenta/dataset"
)

// DefaultHeadRows is the number of rows Head shows for n <= 0.
const DefaultHeadRows = 5

// Head returns the first n rows of t (DefaultHeadRows when n <= 0): the ID
// column when t has IDs, then every column, missing values as NA. Its
// caption gives the table's size. It stops the cell when t is nil.
func Head(t *dataset.Table, n int) *Table {
	if t == nil {
		fail("Head of a nil table")
	}
	if n <= 0 {
		n = DefaultHeadRows
	}
	if n > t.Len() {
		n = t.Len()
	}
	cols := t.Columns()
	var header []string
	if t.IDs != nil {
		header = append(header, idName(t))
	}
	for _, c := range cols {
		header = append(header, c.Name)
	}
	out := NewTable(header...)
	for i := 0; i < n; i++ {
		row := make([]interface{}, 0, len(header))
		if t.IDs != nil {
			row = append(row, t.IDs[i])
		}
		for _, c := range cols {
			row = append(row, cellValue(c, i))
		}
		out.Row(row...)
	}
	out.Caption("first %d of %s, %s", n, plural(t.Len(), "row"), plural(len(cols), "column"))
	return out
}

// plural is "1 row", "2 rows".
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

func idName(t *dataset.Table) string {
	if t.IDName == "" {
		return "id"
	}
	return t.IDName
}

func cellValue(c *dataset.Column, i int) interface{} {
	if c.IsMissing(i) {
		return NA
	}
	switch c.Kind {
	case dataset.Numeric:
		return c.Num[i]
	case dataset.Categorical:
		return c.Str[i]
	default:
		return c.Time[i]
	}
}

// Describe summarises every column of t, one row per column as pandas'
// describe does per column: its kind, the number of observed and of
// missing values; for numeric columns the mean, the sample standard
// deviation (n-1), the minimum, the quartiles (linear interpolation
// between order statistics, as pandas) and the maximum; for dates the
// earliest, the quartiles and the latest; for categorical (text) columns the number of
// distinct values and the most frequent one (the first in sorted order
// among equals) with its count. Statistics that no column of t has are
// left out (the text statistics of a table without text columns, and so
// on). It stops the cell when t is nil.
func Describe(t *dataset.Table) *Table {
	if t == nil {
		fail("Describe of a nil table")
	}
	out := NewTable("column", "kind", "count", "missing", "mean", "std", "min", "25%", "50%", "75%", "max", "distinct", "top", "freq")
	hasText, hasNumeric, hasNumbers := false, false, false
	for _, c := range t.Columns() {
		switch c.Kind {
		case dataset.Categorical:
			hasText = true
		case dataset.Numeric:
			hasNumeric, hasNumbers = true, true
		default:
			hasNumbers = true
		}
		n := c.Len()
		miss := c.NumMissing()
		row := []interface{}{c.Name, c.Kind.String(), n - miss, miss}
		blank := []interface{}{NA, NA, NA, NA, NA, NA, NA}
		switch c.Kind {
		case dataset.Numeric:
			xs := observed(c)
			if len(xs) == 0 {
				row = append(row, blank...)
			} else {
				q := quartiles(xs)
				row = append(row, mean(xs), stdOrNA(xs), q[0], q[1], q[2], q[3], q[4])
			}
			row = append(row, NA, NA, NA)
		case dataset.Date:
			xs := make([]float64, 0, n)
			for i := 0; i < n; i++ {
				if !c.IsMissing(i) {
					xs = append(xs, float64(c.Time[i].UnixNano()))
				}
			}
			if len(xs) == 0 {
				row = append(row, blank...)
			} else {
				sort.Float64s(xs)
				q := quartiles(xs)
				row = append(row, NA, NA)
				for _, v := range q {
					row = append(row, time.Unix(0, int64(v)).UTC())
				}
			}
			row = append(row, NA, NA, NA)
		default:
			row = append(row, blank...)
			counts := map[string]int{}
			for i := 0; i < n; i++ {
				if !c.IsMissing(i) {
					counts[c.Str[i]]++
				}
			}
			if len(counts) == 0 {
				row = append(row, 0, NA, NA)
			} else {
				top, freq := "", -1
				for v, k := range counts {
					if k > freq || (k == freq && v < top) {
						top, freq = v, k
					}
				}
				row = append(row, len(counts), top, freq)
			}
		}
		out.Row(row...)
	}
	// Leave out the statistics no column has: the text columns' when
	// there are none, the numbers' when every column is text.
	var keep []int
	for j, name := range out.columns {
		switch {
		case j < 4:
		case j >= 11 && !hasText:
			continue
		case j < 11 && !hasNumbers:
			continue
		case (name == "mean" || name == "std") && !hasNumeric:
			continue
		}
		keep = append(keep, j)
	}
	out = out.project(keep)
	out.Caption("%s, %s", plural(t.Len(), "row"), plural(t.NumColumns(), "column"))
	return out
}

// project returns a table of t's columns keep, in that order.
func (t *Table) project(keep []int) *Table {
	out := &Table{caption: t.caption, note: t.note}
	for _, j := range keep {
		out.columns = append(out.columns, t.columns[j])
		if f, ok := t.formats[j]; ok {
			if out.formats == nil {
				out.formats = map[int]string{}
			}
			out.formats[len(out.columns)-1] = f
		}
	}
	for _, r := range t.rows {
		row := make([]interface{}, len(keep))
		for k, j := range keep {
			row[k] = r[j]
		}
		out.rows = append(out.rows, row)
	}
	return out
}

// observed returns the non-missing values of a numeric column, sorted.
func observed(c *dataset.Column) []float64 {
	xs := make([]float64, 0, c.Len())
	for i, v := range c.Num {
		if !c.IsMissing(i) {
			xs = append(xs, v)
		}
	}
	sort.Float64s(xs)
	return xs
}

// quartiles of sorted xs: min, 25%, 50%, 75%, max.
func quartiles(xs []float64) [5]float64 {
	return [5]float64{xs[0], quantile(xs, 0.25), quantile(xs, 0.5), quantile(xs, 0.75), xs[len(xs)-1]}
}

// quantile of sorted xs, interpolating linearly between order statistics
// (numpy's and pandas' default).
func quantile(xs []float64, p float64) float64 {
	h := p * float64(len(xs)-1)
	lo := math.Floor(h)
	i := int(lo)
	if i+1 >= len(xs) {
		return xs[len(xs)-1]
	}
	return xs[i] + (h-lo)*(xs[i+1]-xs[i])
}

func mean(xs []float64) float64 {
	s := 0.0
	for _, v := range xs {
		s += v
	}
	return s / float64(len(xs))
}

// stdOrNA is the standard deviation with n-1 in the denominator, NA for
// fewer than two values.
func stdOrNA(xs []float64) interface{} {
	if len(xs) < 2 {
		return NA
	}
	m := mean(xs)
	s := 0.0
	for _, v := range xs {
		s += (v - m) * (v - m)
	}
	return math.Sqrt(s / float64(len(xs)-1))
}

// Agg is one summary column of GroupBy: build it with Count, Sum, Mean,
// Median, Min, Max, Std, Distinct or TopValue.
type Agg struct {
	// Op is the operation: count, sum, mean, median, min, max, std,
	// distinct or top.
	Op string
	// Column is the column summarised (empty for count).
	Column string
}

// Name is the header of the summary column: "count", "mean(mrr)".
func (a Agg) Name() string {
	if a.Column == "" {
		return a.Op
	}
	return a.Op + "(" + a.Column + ")"
}

// Count counts the rows of each group.
func Count() Agg { return Agg{Op: "count"} }

// Sum adds a numeric column's observed values.
func Sum(column string) Agg { return Agg{Op: "sum", Column: column} }

// Mean averages a numeric column's observed values (for a 0/1 label: the
// rate).
func Mean(column string) Agg { return Agg{Op: "mean", Column: column} }

// Median is the median of a numeric column's observed values.
func Median(column string) Agg { return Agg{Op: "median", Column: column} }

// Min is the smallest observed value of a numeric column.
func Min(column string) Agg { return Agg{Op: "min", Column: column} }

// Max is the largest observed value of a numeric column.
func Max(column string) Agg { return Agg{Op: "max", Column: column} }

// Std is the sample standard deviation (n-1) of a numeric column.
func Std(column string) Agg { return Agg{Op: "std", Column: column} }

// Distinct counts the distinct observed values of a column.
func Distinct(column string) Agg { return Agg{Op: "distinct", Column: column} }

// TopValue is the most frequent observed value of a text column (the first
// in sorted order among equals).
func TopValue(column string) Agg { return Agg{Op: "top", Column: column} }

// GroupBy summarises t by the values of its column key (numeric or text;
// missing keys form the group NA, shown last): one row per group, in
// increasing order of the key, with one column per aggregation (Count()
// when none is given). A group without an observed value of a summarised
// column shows NA. It stops the cell when t is nil, a column is missing
// or an aggregation does not fit the column's kind.
func GroupBy(t *dataset.Table, key string, aggs ...Agg) *Table {
	if t == nil {
		fail("GroupBy of a nil table")
	}
	if len(aggs) == 0 {
		aggs = []Agg{Count()}
	}
	kc, err := t.Column(key)
	Check(err)
	if kc.Kind == dataset.Date {
		fail("GroupBy(%q): a date column cannot be a key", key)
	}
	cols := make([]*dataset.Column, len(aggs))
	header := []string{key}
	for j, a := range aggs {
		header = append(header, a.Name())
		switch a.Op {
		case "count":
			continue
		case "sum", "mean", "median", "min", "max", "std":
			c, err := t.Numeric(a.Column)
			Check(err)
			cols[j] = c
		case "distinct", "top":
			c, err := t.Column(a.Column)
			Check(err)
			if a.Op == "top" && c.Kind != dataset.Categorical {
				fail("TopValue(%q): not a text column", a.Column)
			}
			cols[j] = c
		default:
			fail("unknown aggregation %q", a.Op)
		}
	}

	// Groups: rows per key, keys sorted.
	groups := map[string][]int{}
	numKey := map[string]float64{}
	for i := 0; i < t.Len(); i++ {
		k := "\x00NA"
		if !kc.IsMissing(i) {
			if kc.Kind == dataset.Numeric {
				k = FormatFloat(kc.Num[i])
				numKey[k] = kc.Num[i]
			} else {
				k = kc.Str[i]
			}
		}
		groups[k] = append(groups[k], i)
	}
	keys := make([]string, 0, len(groups))
	for k := range groups {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(a, b int) bool {
		x, y := keys[a], keys[b]
		if x == "\x00NA" || y == "\x00NA" {
			return y == "\x00NA" && x != y
		}
		if kc.Kind == dataset.Numeric {
			return numKey[x] < numKey[y]
		}
		return x < y
	})

	out := NewTable(header...)
	for _, k := range keys {
		rows := groups[k]
		row := make([]interface{}, 0, len(header))
		if k == "\x00NA" {
			row = append(row, NA)
		} else if kc.Kind == dataset.Numeric {
			row = append(row, numKey[k])
		} else {
			row = append(row, k)
		}
		for j, a := range aggs {
			row = append(row, aggregate(a, cols[j], rows))
		}
		out.Row(row...)
	}
	out.Caption("%s in %s by %s", plural(t.Len(), "row"), plural(len(keys), "group"), key)
	return out
}

func aggregate(a Agg, c *dataset.Column, rows []int) interface{} {
	if a.Op == "count" {
		return len(rows)
	}
	if a.Op == "distinct" || a.Op == "top" {
		counts := map[string]int{}
		for _, i := range rows {
			if c.IsMissing(i) {
				continue
			}
			counts[fmt.Sprint(cellValue(c, i))]++
		}
		if a.Op == "distinct" {
			return len(counts)
		}
		top, freq := "", -1
		for v, k := range counts {
			if k > freq || (k == freq && v < top) {
				top, freq = v, k
			}
		}
		if freq < 0 {
			return NA
		}
		return top
	}
	xs := make([]float64, 0, len(rows))
	for _, i := range rows {
		if !c.IsMissing(i) {
			xs = append(xs, c.Num[i])
		}
	}
	if len(xs) == 0 {
		return NA
	}
	switch a.Op {
	case "sum":
		s := 0.0
		for _, v := range xs {
			s += v
		}
		return s
	case "mean":
		return mean(xs)
	case "std":
		return stdOrNA(xs)
	}
	sort.Float64s(xs)
	switch a.Op {
	case "median":
		return quantile(xs, 0.5)
	case "min":
		return xs[0]
	}
	return xs[len(xs)-1]
}
